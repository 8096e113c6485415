package entity

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMayHaveCountryTail: every text countryTail matches passes
// mayHaveCountryTail: written names, and random texts of the pieces that
// make or break a match (separators in any case, letters, spaces of every
// kind, a non-ASCII dash and letter).
func TestMayHaveCountryTail(t *testing.T) {
	texts := []string{"Ministry of Justice - Bulgaria", "Prison Service, Latvia", "Probation Office from Norway",
		"Centre in Poland", "Centre IN POLAND", "X FROM\tNorway", "Ministry of Justice – Bulgaria", "Ministry of Justice",
		"Norwegian Correctional Service", "Instituto in", "Oslo Prison (NO)", "Kraków Prison", "in Norway", " in Norway"}
	pieces := []string{"a", "Nor", "way", " ", "  ", "\t", "-", "–", ",", "from", "FROM", "In", "in", "ó", "x", "(", ")"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 100000 {
		var b strings.Builder
		for k := r.IntN(10); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	matched, skipped := 0, 0
	for _, s := range texts {
		if countryTail.MatchString(s) {
			matched++
			if !mayHaveCountryTail(s) {
				t.Fatalf("mayHaveCountryTail says no to a text countryTail matches: %q", s)
			}
		} else if !mayHaveCountryTail(s) {
			skipped++
		}
	}
	if matched < 1000 || skipped < 1000 {
		t.Fatalf("%d texts matched, %d skipped: the texts lack one side", matched, skipped)
	}
}
