package ingest

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// TestCountrySuffixAsRegexp compares countrySuffix with the regexp it
// replaces, on written cases and on random strings of the characters that
// matter (spaces of every kind, parentheses, capitals, lower case, a
// vertical tab, which \s does not match, and a non-ASCII capital).
func TestCountrySuffixAsRegexp(t *testing.T) {
	re := regexp.MustCompile(`\s*\(([A-Z]{2})\)\s*$`)
	matched := 0
	check := func(name string) {
		t.Helper()
		if re.MatchString(name) {
			matched++
		}
		rest, code, ok := countrySuffix(name)
		g := re.FindStringSubmatch(name)
		wantRest := re.ReplaceAllString(name, "")
		if ok != (g != nil) || rest != wantRest || (ok && code != g[1]) {
			t.Fatalf("countrySuffix(%q) = %q, %q, %v; the regexp gives %q, %q", name, rest, code, ok, wantRest, g)
		}
	}
	for _, name := range []string{
		"", "(NO)", " (NO) ", "Oslo Prison (NO)", "Oslo Prison(NO)", "Oslo Prison (NO)\t\n", "Oslo Prison (No)",
		"Oslo Prison (NOR)", "Oslo Prison (N)", "Oslo Prison NO)", "Oslo Prison (NO) x", "KRUS (NO) (LT)", "a \v(NO)",
		"a (NO)\v", "Ümit (ÉN)", "x  \t (PL)  ",
	} {
		check(name)
	}
	chars := []rune{' ', '\t', '\n', '\r', '\f', '\v', '(', ')', 'A', 'N', 'O', 'o', 'É', 'x'}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]rune, r.IntN(9))
		for i := range b {
			b[i] = chars[r.IntN(len(chars))]
		}
		if r.IntN(2) == 0 { // a code in parentheses, followed by up to two more characters
			tail := b[len(b)-min(len(b), r.IntN(3)):]
			b = append(append(b[:len(b)-len(tail):len(b)-len(tail)], '(', chars[6+r.IntN(8)], chars[6+r.IntN(8)], ')'), tail...)
		}
		check(string(b))
	}
	if matched < 5000 {
		t.Fatalf("only %d of the strings end with a code: the test does not reach the matching side", matched)
	}
}
