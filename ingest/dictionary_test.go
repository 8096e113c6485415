package ingest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestDictionaryAsBefore: the dictionary finds what it found when it kept
// one list a first word, scanned in full (the reference below): the
// entries under each first word longest first, of one length in the order
// added (a stable sort after every add), the first node of a name kept,
// and a scan taking the first entry that matches. Names are random over a
// few words, so that one first word has many, and sentences are random
// over the same words, with barriers and acronyms.
func TestDictionaryAsBefore(t *testing.T) {
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
		if rng.IntN(10) == 0 {
			key, acronym = []string{"KRUS", "ATV", "VPS", "probation"}[rng.IntN(4)], true
		}
		node := fmt.Sprint("node", i)
		d.add(key, node, acronym)
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
	if len(want["probation"]) < 20 {
		t.Fatalf("too few distinct names to check the order: %d", len(want["probation"]))
	}
	vocab := append(append(append([]string{}, firsts...), rest...), "KRUS", "ATV", "VPS", "Probation", ",", "(", "and", "LT")
	local := map[string]string{"LT": "org:lt-local", "VPS": "org:vps-local"}
	found := 0
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.IntN(12); k >= 0; k-- {
			b.WriteString(vocab[rng.IntN(len(vocab))])
			b.WriteByte(' ')
		}
		s := b.String()
		got, ref := d.scan(s, local), scanAsBefore(want, s, local)
		if !reflect.DeepEqual(got, ref) {
			t.Fatalf("scan(%q) = %v, before %v", s, got, ref)
		}
		found += len(got)
	}
	if found < 10000 {
		t.Fatalf("only %d names found: the sentences miss the dictionary", found)
	}
}

// scanAsBefore is the scan of one list a first word, longest first, over
// the same words (reading the words is not what changed).
func scanAsBefore(byFirst map[string][]dictEntry, s string, local map[string]string) []dictMatch {
	words := appendWords(nil, tokenize(s))
	var out []dictMatch
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w.barrier {
			continue
		}
		if node, ok := local[w.raw]; ok && isAcronym(w.raw) {
			out = append(out, dictMatch{node, w.start, w.end})
			continue
		}
		for _, e := range byFirst[w.raw] {
			if e.acronym {
				out = append(out, dictMatch{e.node, w.start, w.end})
				break
			}
		}
		matched := 0
		for _, e := range byFirst[w.key] {
			if e.acronym || i+len(e.words) > len(words) {
				continue
			}
			ok := true
			for j, ew := range e.words {
				if words[i+j].barrier || words[i+j].key != ew {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, dictMatch{e.node, w.start, words[i+len(e.words)-1].end})
				matched = len(e.words)
				break
			}
		}
		if matched > 1 {
			i += matched - 1
		}
	}
	return out
}
