package ingest

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// dictionary finds known organisation names in a sentence: long forms on
// their name keys, acronyms on their exact letters.
type dictionary struct {
	// single holds the names of one word and the acronyms, by that word,
	// in the order added.
	single map[string][]dictEntry
	// byTwo holds the longer names by their first two words: longest
	// first, of one length in the order added. A common first word
	// ("probation", "prison") has thousands of names; its second word
	// leaves a few to compare.
	byTwo map[[2]string][]dictEntry
	known map[dictKey]string // the names added and their nodes: the first of a name stays
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
	return &dictionary{single: map[string][]dictEntry{}, byTwo: map[[2]string][]dictEntry{}, known: map[dictKey]string{}}
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
	if _, ok := d.known[k]; ok {
		return
	}
	d.known[k] = node
	e := dictEntry{words: words, node: node, acronym: acronym}
	if len(words) == 1 {
		d.single[words[0]] = append(d.single[words[0]], e)
		return
	}
	// After every entry at least as long: a sort on every add would be
	// quadratic in the names of one start.
	two := [2]string{words[0], words[1]}
	list := d.byTwo[two]
	at := sort.Search(len(list), func(i int) bool { return len(list[i].words) < len(words) })
	d.byTwo[two] = slices.Insert(list, at, e)
}

// appendWords appends the words of the tokens to out: each word of a
// token's name key, and a barrier for punctuation that ends a name.
func appendWords(out []word, toks []token) []word {
	for _, t := range toks {
		k := nameKey(t.Text)
		if k == "" {
			if strings.ContainsAny(t.Text, ",;:()!?.\"“”") {
				out = append(out, word{barrier: true})
			}
			continue
		}
		for w := range strings.FieldsSeq(k) {
			out = append(out, word{key: w, raw: t.Text, start: t.Start, end: t.End})
		}
	}
	return out
}

// scanBuf is scan's scratch.
type scanBuf struct {
	toks  []token
	words []word
}

var scanBufs = sync.Pool{New: func() any { return new(scanBuf) }}

type word struct {
	key, raw   string
	start, end int
	barrier    bool
}

// scan returns the longest known names of the sentence, left to right.
// local maps acronyms that hold in this document only to their node.
func (d *dictionary) scan(s string, local map[string]string) []dictMatch {
	// The tokens and words of a sentence are scratch: kept for the next
	// sentence, they were most of what resolving allocated (600 MB at
	// 100,000 sheets), with the heap at its peak.
	b := scanBufs.Get().(*scanBuf)
	defer scanBufs.Put(b)
	b.toks = appendTokens(b.toks[:0], s)
	words := appendWords(b.words[:0], b.toks)
	defer func() { clear(words); b.words = words[:0] }()
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
		for _, e := range d.single[w.raw] {
			if e.acronym {
				out = append(out, dictMatch{e.node, w.start, w.end})
				break
			}
		}
		matched := 0
		if i+1 < len(words) {
			for _, e := range d.byTwo[[2]string{w.key, words[i+1].key}] {
				if i+len(e.words) > len(words) {
					continue
				}
				ok := true
				for j := 2; j < len(e.words); j++ {
					if words[i+j].barrier || words[i+j].key != e.words[j] {
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
		}
		if matched == 0 {
			for _, e := range d.single[w.key] {
				if !e.acronym {
					out = append(out, dictMatch{e.node, w.start, w.end})
					break
				}
			}
		}
		if matched > 1 {
			i += matched - 1
		}
	}
	return out
}
