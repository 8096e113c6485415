package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is a sentence of a section, with its offsets in the document.
type sentence struct {
	Section    string
	Text       string
	Start, End int
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "etc": true, "mr": true, "mrs": true, "ms": true, "dr": true,
	"no": true, "nr": true, "vs": true, "incl": true, "approx": true, "st": true, "o.p.s": true,
	"z.s": true, "s.r.o": true, "a.s": true, "prof": true, "ca": true, "cf": true, "art": true,
	"sp": true, "o.o": true, "jr": true, "ltd": true, "inc": true, "co": true, "fig": true,
}

// sentences splits a section of the document into sentences. A line break
// always ends a sentence (bullets, list items).
// continues: the line before a line break ends where a sentence cannot
// (wrapped: a small word, a comma, a word cut by a hyphen), or runs long
// without an end mark while the next line goes on in small letters: the
// sentence goes on after the break.
func continues(before, after string) bool {
	before = strings.TrimRight(before, " \r")
	if before == "" || strings.HasPrefix(after, "\n") || strings.HasPrefix(after, "\r") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(after)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '(' && r != '"' {
		return false // a bullet, a mark: a line of its own
	}
	if wrapped(before) {
		return true
	}
	last := before[len(before)-1]
	return len(before) >= 50 && unicode.IsLower(r) && !strings.ContainsRune(".!?:;", rune(last))
}

func sentences(doc string, sec Section) []sentence {
	var out []sentence
	text := doc[sec.Start:sec.End]
	add := func(a, b int) {
		seg := text[a:b]
		lead := len(seg) - len(strings.TrimLeftFunc(seg, unicode.IsSpace))
		seg = strings.TrimSpace(seg)
		if seg == "" || strings.Contains(seg, "   ") && spacedMenu(seg) {
			return // a menu set with spaces ("Home   About   Partners   News") says nothing
		}
		s := sec.Start + a + lead
		out = append(out, sentence{Section: sec.Name, Text: seg, Start: s, End: s + len(seg)})
	}
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			if continues(text[start:i], text[i+1:]) {
				continue // a sentence wrapped over lines, as a PDF's text gives it
			}
			add(start, i)
			start = i + 1
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		// Sentence end: punctuation, space, then a capital, digit or quote.
		j := i + 1
		for j < len(text) && (text[j] == '"' || text[j] == ')' || text[j] == '\'') {
			j++
		}
		if j < len(text) && text[j] != ' ' && text[j] != '\n' {
			continue
		}
		k := j
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k < len(text) {
			r, _ := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"“‘'(•", r) && text[k] != '\n' {
				continue
			}
		}
		if c == '.' && isAbbreviation(text[start:i]) {
			continue
		}
		add(start, j)
		start = j
	}
	add(start, len(text))
	return out
}

// isAbbreviation: the word before the period is a known abbreviation, an
// initial, or a number (a list item "1.").
func isAbbreviation(before string) bool {
	w := before
	if i := strings.LastIndexAny(before, " \t(\n"); i >= 0 {
		w = before[i+1:]
	}
	if w == "" {
		return false
	}
	if abbreviations[strings.ToLower(w)] {
		return true
	}
	r, size := utf8.DecodeRuneInString(w)
	if size == len(w) && unicode.IsUpper(r) {
		return true // an initial
	}
	return strings.Trim(w, "0123456789") == ""
}

// token is a word of a sentence with its byte offsets in the sentence.
type token struct {
	Text       string
	Start, End int
}

// tokenize splits a sentence into words and single punctuation marks.
// Hyphens, apostrophes, periods inside words and "&" stay in words.
func tokenize(s string) []token {
	// Room for a word at each space and some punctuation: growing the
	// slice was a tenth of reading a sheet.
	spaces := strings.Count(s, " ")
	return appendTokens(make([]token, 0, spaces+spaces/4+4), s)
}

// appendTokens appends the tokens of s to out.
func appendTokens(out []token, s string) []token {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += s2
					continue
				}
				if strings.ContainsRune("-'’.&", r2) && j+s2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+s2:])
					if unicode.IsLetter(r3) || unicode.IsDigit(r3) {
						j += s2
						continue
					}
				}
				break
			}
			out = append(out, token{s[i:j], i, j})
			i = j
		default:
			out = append(out, token{s[i : i+size], i, i + size})
			i += size
		}
	}
	return out
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
