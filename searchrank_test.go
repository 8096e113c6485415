package partnergraph

import "testing"

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
