package ingest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestDictionaryAddKeepsOrder: the entries under each first word are those
// of adding with a stable sort after every add, as the dictionary did before
// it inserted in place: longest first, of one length in the order added,
// and the first node of a name kept.
func TestDictionaryAddKeepsOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	firsts := []string{"probation", "prison", "ministry"}
	rest := []string{"service", "of", "latvia", "unit", "norway", "the", "justice", "centre"}
	d := newDictionary()
	want := map[string][]dictEntry{}
	for i := 0; i < 3000; i++ {
		words := []string{firsts[rng.IntN(len(firsts))]}
		for n := rng.IntN(5); n > 0; n-- {
			words = append(words, rest[rng.IntN(len(rest))])
		}
		key, acronym := strings.Join(words, "  "), rng.IntN(10) == 0
		node := fmt.Sprint("node", i)
		d.add(key, node, acronym)
		// The reference: a scan for the name, then an append and a stable sort.
		ws := strings.Fields(key)
		if acronym {
			ws = []string{key}
		}
		list, dup := want[ws[0]], false
		for _, e := range list {
			if strings.Join(e.words, " ") == strings.Join(ws, " ") && e.acronym == acronym {
				dup = true
			}
		}
		if !dup {
			list = append(list, dictEntry{words: ws, node: node, acronym: acronym})
			sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
			want[ws[0]] = list
		}
	}
	if !reflect.DeepEqual(d.byFirst, want) {
		t.Fatal("the entries differ from those of a stable sort after every add")
	}
	if len(d.byFirst["probation"]) < 20 {
		t.Fatalf("too few distinct names to check the order: %d", len(d.byFirst["probation"]))
	}
}
