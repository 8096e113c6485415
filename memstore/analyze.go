package memstore

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/go-porterstemmer"

	"github.com/partnergraph/partnergraph"
)

// analyzer turns text into the index's terms: words are runs of letters and
// digits (and numbers with their separators), folded (case and accents aside, as partnergraph.Fold does),
// English stop words (bleve's list) left out, the rest Porter-stemmed.
//
// Stems are remembered: a corpus repeats a small vocabulary, and stemming
// every word afresh (as bleve's analysis did) was most of the cost of
// indexing. An analyzer is not safe for concurrent use; each indexing
// worker and each search has its own.
type analyzer struct {
	stems map[string]string // word → stem; "" for a stop word
	buf   []byte
}

var stopWords = func() analysis.TokenMap {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(en.EnglishStopWords); err != nil {
		panic("memstore: stop words: " + err.Error()) // a fixed list: cannot fail at run time
	}
	return m
}()

func newAnalyzer() *analyzer { return &analyzer{stems: map[string]string{}} }

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// wordAt says whether a word character starts at text[i], and its size.
func wordAt(text string, i int) (ok bool, size int) {
	if c := text[i]; c < utf8.RuneSelf {
		return isWordByte(c), 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r), size
}

// inNumber: text[i] is a comma or full stop between digits, which keeps
// "25,453" and "3.5" one word, as Unicode's word rules do.
func inNumber(text string, i int) bool {
	c := text[i]
	return (c == ',' || c == '.') && i > 0 && i+1 < len(text) && isDigit(text[i-1]) && isDigit(text[i+1])
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// each calls fn with every term of text, in order.
func (a *analyzer) each(text string, fn func(term string)) {
	for i := 0; i < len(text); {
		ok, size := wordAt(text, i)
		if !ok {
			i += size
			continue
		}
		j, ascii := i, true
		for j < len(text) {
			ok, size := wordAt(text, j)
			if !ok && !inNumber(text, j) {
				break
			}
			ascii = ascii && size == 1
			j += size
		}
		a.buf = a.buf[:0]
		if ascii {
			for k := i; k < j; k++ {
				c := text[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				a.buf = append(a.buf, c)
			}
		} else {
			a.buf = append(a.buf, partnergraph.Fold(text[i:j])...)
		}
		stem, seen := a.stems[string(a.buf)]
		if !seen {
			word := string(a.buf)
			if !stopWords[word] {
				stem = porterstemmer.StemString(word)
			}
			a.stems[word] = stem
		}
		if stem != "" {
			fn(stem)
		}
		i = j
	}
}
