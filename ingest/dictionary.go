package ingest

import (
	"slices"
	"sort"
	"strings"
)

// dictionary finds known organisation names in a sentence: long forms on
// their name keys, acronyms on their exact letters.
type dictionary struct {
	byFirst map[string][]dictEntry // longest first; of one length, in the order added
	known   map[dictKey]bool       // the names added, so the first of a name stays
}

type dictKey struct {
	name    string // the words, one space apart
	acronym bool
}

type dictEntry struct {
	words   []string
	node    string
	acronym bool
}

type dictMatch struct {
	node       string
	start, end int // byte offsets in the sentence
}

func newDictionary() *dictionary {
	return &dictionary{byFirst: map[string][]dictEntry{}, known: map[dictKey]bool{}}
}

func (d *dictionary) add(key, node string, acronym bool) {
	words := strings.Fields(key)
	if acronym {
		words = []string{key}
	}
	if len(words) == 0 {
		return
	}
	k := dictKey{strings.Join(words, " "), acronym}
	if d.known[k] {
		return
	}
	d.known[k] = true
	// After every entry at least as long: a common first word ("probation",
	// "prison") has thousands of names, which a sort on every add made
	// quadratic.
	list := d.byFirst[words[0]]
	at := sort.Search(len(list), func(i int) bool { return len(list[i].words) < len(words) })
	list = slices.Insert(list, at, dictEntry{words: words, node: node, acronym: acronym})
	d.byFirst[words[0]] = list
}

type word struct {
	key, raw   string
	start, end int
	barrier    bool
}

// scan returns the longest known names of the sentence, left to right.
// local maps acronyms that hold in this document only to their node.
func (d *dictionary) scan(s string, local map[string]string) []dictMatch {
	var words []word
	for _, t := range tokenize(s) {
		k := nameKey(t.Text)
		if k == "" {
			if strings.ContainsAny(t.Text, ",;:()!?.\"“”") {
				words = append(words, word{barrier: true})
			}
			continue
		}
		for _, w := range strings.Fields(k) {
			words = append(words, word{key: w, raw: t.Text, start: t.Start, end: t.End})
		}
	}
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
		if entries := d.byFirst[w.raw]; len(entries) > 0 {
			for _, e := range entries {
				if e.acronym {
					out = append(out, dictMatch{e.node, w.start, w.end})
					break
				}
			}
		}
		matched := 0
		for _, e := range d.byFirst[w.key] {
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
