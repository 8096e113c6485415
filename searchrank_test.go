package partnergraph

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestNameCoverage(t *testing.T) {
	for _, c := range []struct {
		query, name string
		want        float64
	}{
		{"probation", "Icelandic Prison and Probation Administration", 0.25},
		{"prisoners", "Icelandic Prison and Probation Administration", 0.25},
		{"probation administration", "Probation Administration", 1},
		{"violence", "Alternative to Violence", 0.5},
		{"KRUS", "KRUS", 1},
		{"Norwegian Correctional Service", "Directorate of Norwegian Correctional Service", 0.75},
		{"pri", "Prison", 0},
		{"prison", "", 0},
	} {
		if got := NameCoverage(nameWords(c.query), c.name); got != c.want {
			t.Errorf("NameCoverage(%q, %q) = %v, want %v", c.query, c.name, got, c.want)
		}
	}
}

// TestNameKeyASCII: the ASCII path of NameKey says what the general one
// says.
func TestNameKeyASCII(t *testing.T) {
	inputs := []string{"", " ", "The", "the ", "The Prison Service of the Czech Republic", "St. Olav's Hospital", "KRUS", "A-B  C__D",
		"  leading and trailing  ", "Ministry of Justice - Bulgaria(BG)", "the", "Theatre", "100 000 EUR", "x'y", "__", "Project facts:",
		"Donor Project Partners:", "THE END", "the the", "a\tb\nc", "50%", "(NO)"}
	for c := 0; c < 128; c++ {
		inputs = append(inputs, "ab"+string(rune(c))+"cd", string(rune(c)))
	}
	// Random texts over letters that make keys of their own and the
	// bytes that break one: capitals, spaces, apostrophes, "the ".
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "b", "0", "t", "h", "e", " ", "  ", "the ", "The", "'", "-", "X", "\t"}
	for range 100000 {
		var b strings.Builder
		for k := r.IntN(8); k > 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	for _, s := range inputs {
		if got, want := NameKey(s), nameKeyUnicode(s); got != want {
			t.Errorf("NameKey(%q) = %q, the general path says %q", s, got, want)
		}
	}
}
