package network

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/partnergraph/partnergraph"
)

// cooperation draws links of the shape of a programme: projects of 1-20
// organisations, heavy-tailed, drawn from a pool where a few organisations
// take part in many projects.
func cooperation(projects, orgs int) ([]partnergraph.Link, map[string]string) {
	r := rand.New(rand.NewPCG(5, 8))
	var links []partnergraph.Link
	countries := map[string]string{}
	for p := 0; p < projects; p++ {
		k := min(1+int(r.ExpFloat64()*3), 20)
		for range k {
			o := int(float64(orgs) * r.Float64() * r.Float64()) // small numbers often: hubs
			id := fmt.Sprintf("org:%06d", o)
			links = append(links, partnergraph.Link{ProjectID: fmt.Sprintf("project:%07d", p), OrganisationID: id})
			countries[id] = []string{"NO", "PL", "LT", "RO", "BG", "ES", ""}[o%7]
		}
	}
	return links, countries
}

// BenchmarkComputeMetrics: the metrics of a network of 10,000 and 100,000
// projects, as a store recomputes them after writes.
func BenchmarkComputeMetrics(b *testing.B) {
	for _, size := range []struct{ projects, orgs int }{{10000, 1700}, {100000, 13800}} {
		links, countries := cooperation(size.projects, size.orgs)
		b.Run(fmt.Sprint(size.projects), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ComputeMetrics(links, countries)
			}
		})
	}
}
