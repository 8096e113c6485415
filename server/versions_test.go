package main

import (
	"os"
	"regexp"
	"testing"
)

// docker-compose.yml runs the Neo4j version that make test runs.
func TestComposePinsTheTestedNeo4j(t *testing.T) {
	pom, err := os.ReadFile("../tools/neo4j/pom.xml")
	if err != nil {
		t.Fatal(err)
	}
	compose, err := os.ReadFile("../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	tested := regexp.MustCompile(`<neo4j.version>([^<]+)</neo4j.version>`).FindSubmatch(pom)
	image := regexp.MustCompile(`image: neo4j:(\S+)`).FindSubmatch(compose)
	if tested == nil || image == nil {
		t.Fatalf("no version found: pom %q, compose %q", tested, image)
	}
	if want := string(tested[1]) + "-community"; string(image[1]) != want {
		t.Errorf("docker-compose.yml runs neo4j:%s; make test runs %s", image[1], want)
	}
}
