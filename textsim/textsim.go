// Package textsim is the text side of search and similarity, the same for
// every store: tokens (folded, without stop words, lightly stemmed),
// highlighted snippets, and TF-IDF cosine similarity.
package textsim

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/partnergraph/partnergraph"
)

var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be by for from has have in into is it its of on or that the their
		this to was were will with which who also both such than then there these they those through within not
		project projects been being can its our we all any each more most other some per via`) {
		stopWords[w] = true
	}
}

// Stem strips common English endings, so "violence" and "violent" meet.
func Stem(w string) string {
	for _, suf := range []string{"ations", "ation", "ences", "ence", "ents", "ent", "ings", "ing", "ies", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

// Tokens returns the folded, stemmed content words of a text.
func Tokens(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(partnergraph.Fold(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 2 || stopWords[w] {
			continue
		}
		out = append(out, Stem(w))
	}
	return out
}

// Snippet returns the sentence of text with the most query words, the
// matches wrapped in <mark>...</mark>, at most about 240 characters; "" when
// no word matches.
func Snippet(text, query string) string {
	terms := map[string]bool{}
	for _, t := range Tokens(query) {
		terms[t] = true
	}
	if len(terms) == 0 || text == "" {
		return ""
	}
	best, bestHits := "", 0
	for _, s := range splitSentences(text) {
		hits := 0
		for _, t := range Tokens(s) {
			if terms[t] {
				hits++
			}
		}
		if hits > bestHits {
			best, bestHits = s, hits
		}
	}
	if bestHits == 0 {
		return ""
	}
	// Mark the words whose token is a query term.
	var b strings.Builder
	runes := []rune(best)
	i := 0
	for i < len(runes) {
		if !unicode.IsLetter(runes[i]) && !unicode.IsDigit(runes[i]) {
			b.WriteRune(runes[i])
			i++
			continue
		}
		j := i
		for j < len(runes) && (unicode.IsLetter(runes[j]) || unicode.IsDigit(runes[j])) {
			j++
		}
		word := string(runes[i:j])
		toks := Tokens(word)
		if len(toks) == 1 && terms[toks[0]] {
			b.WriteString("<mark>" + word + "</mark>")
		} else {
			b.WriteString(word)
		}
		i = j
	}
	out := b.String()
	if len([]rune(out)) > 300 {
		r := []rune(out)
		first := strings.Index(out, "<mark>")
		start := max(0, len([]rune(out[:first]))-80)
		end := min(len(r), start+240)
		out = string(r[start:end])
		if start > 0 {
			out = "…" + out
		}
		if end < len(r) {
			out += "…"
		}
	}
	return out
}

func splitSentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		if r == '\n' || ((r == '.' || r == '!' || r == '?') && i+1 < len(text) && text[i+1] == ' ') {
			if s := strings.TrimSpace(text[start : i+1]); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// Corpus computes TF-IDF cosine similarity among a set of texts, with the
// document frequencies of that set.
type Corpus struct {
	df   map[string]int
	n    int
	vecs map[string]map[string]float64
}

// NewCorpus indexes texts by key.
func NewCorpus(texts map[string]string) *Corpus {
	c := &Corpus{df: map[string]int{}, n: len(texts), vecs: map[string]map[string]float64{}}
	tfs := map[string]map[string]int{}
	keys := make([]string, 0, len(texts))
	for k := range texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		tf := map[string]int{}
		for _, t := range Tokens(texts[k]) {
			tf[t]++
		}
		tfs[k] = tf
		for t := range tf {
			c.df[t]++
		}
	}
	for _, k := range keys {
		v := map[string]float64{}
		norm := 0.0
		for t, n := range tfs[k] {
			w := (1 + math.Log(float64(n))) * c.idf(t)
			v[t] = w
			norm += w * w
		}
		norm = math.Sqrt(norm)
		if norm > 0 {
			for t := range v {
				v[t] /= norm
			}
		}
		c.vecs[k] = v
	}
	return c
}

func (c *Corpus) idf(t string) float64 {
	return math.Log(1 + float64(c.n)/float64(1+c.df[t]))
}

// Cosine returns the cosine similarity of two indexed texts, 0..1.
func (c *Corpus) Cosine(a, b string) float64 {
	va, vb := c.vecs[a], c.vecs[b]
	if len(va) > len(vb) {
		va, vb = vb, va
	}
	s := 0.0
	for t, w := range va {
		s += w * vb[t]
	}
	return s
}
