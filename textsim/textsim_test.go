package textsim

import (
	"reflect"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	got := Tokens("Violent persons in Jihočeský kraj; the violence of perpetrators.")
	want := []string{"viol", "person", "jihocesky", "kraj", "viol", "perpetrator"} // violent and violence meet
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSnippet(t *testing.T) {
	text := "The project trains staff. Seminars on anger management were held for prison staff. Nothing else."
	got := Snippet(text, "anger management training")
	if got != "Seminars on <mark>anger</mark> <mark>management</mark> were held for prison staff." {
		t.Errorf("snippet %q", got)
	}
	if Snippet(text, "zebra") != "" {
		t.Error("a snippet without a match")
	}
	long := strings.Repeat("word ", 100) + "anger " + strings.Repeat("word ", 100)
	if s := Snippet(long, "anger"); len([]rune(s)) > 250 || !strings.Contains(s, "<mark>anger</mark>") {
		t.Errorf("long snippet %q", s)
	}
}

func TestCosine(t *testing.T) {
	c := NewCorpus(map[string]string{
		"a": "training prison staff in anger management",
		"b": "anger management seminars for prison staff",
		"c": "school places for detained juveniles",
	})
	if !(c.Cosine("a", "b") > c.Cosine("a", "c")) || c.Cosine("a", "c") != 0 {
		t.Errorf("cosine a-b %v, a-c %v", c.Cosine("a", "b"), c.Cosine("a", "c"))
	}
	if v := c.Cosine("a", "a"); v < 0.999 || v > 1.001 {
		t.Errorf("self similarity %v", v)
	}
}
