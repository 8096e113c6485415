package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph/ingest/entity"
)

// How names are formed in the pages' other languages, beyond a run of
// capitalised words.

// openQuotes and closeQuotes are the quotation marks a name may stand in.
var openQuotes, closeQuotes = "„“«\"‚‘", "”“»\"’‘"

// quotedNames adds the names written as a kind of body and its name in
// quotation marks: `Фондация „Асоциация Анимус“`, `Asociația „Alternative
// Sociale“`, `Fundacja „Dajemy Dzieciom Siłę“`. The whole is the name, and
// what the marks hold is the same organisation's short name. The kind
// alone ("Фондация") and the quoted words read as a name of their own give
// way to it.
func quotedNames(s string, toks []token, out []candidate) []candidate {
	for k := 0; k+3 < len(toks); k++ {
		head := toks[k].Text
		// (the head in small letters after a capitalised word: "Главна
		// дирекция „Борба с организираната престъпност“")
		smallHead := k > 0 && !isNameWord(head) && isNameWord(toks[k-1].Text) && entity.IsHead(head) && toks[k].Start <= toks[k-1].End+1
		if !isNameWord(head) && !smallHead || !strings.Contains(openQuotes, toks[k+1].Text) || toks[k+1].Start != toks[k].End+1 && toks[k+1].Start != toks[k].End {
			continue
		}
		if !entity.IsHead(head) && !entity.IsHead(strings.ToLower(head)) {
			continue
		}
		end := -1
		for j := k + 2; j < len(toks) && j < k+14; j++ {
			if strings.Contains(closeQuotes, toks[j].Text) {
				end = j
				break
			}
		}
		if end < k+3 || !isNameWord(toks[k+2].Text) {
			continue
		}
		start, stop := toks[k].Start, toks[end].End
		if smallHead {
			start = toks[k-1].Start
		}
		inner := s[toks[k+2].Start:toks[end-1].End]
		if strings.ContainsAny(inner, ",;:") {
			continue // a clause, not a name
		}
		kept := out[:0]
		for _, c := range out {
			if c.Name == head || c.Name == inner || c.Start < stop && c.End > start && c.End > 0 {
				continue
			}
			kept = append(kept, c)
		}
		out = append(kept, candidate{Name: s[start:stop], Alias: inner})
		k = end
	}
	return out
}

// locatives are the prepositions that put a local body in its town:
// "Komenda Powiatowa Policji w Kłodzku", "Akadémia Policajného zboru v
// Bratislave", "Policijska uprava u Zagrebu", "Районна прокуратура в
// Русе".
var locatives = map[string]bool{"w": true, "we": true, "v": true, "ve": true, "u": true, "в": true, "във": true, "în": true}

// localPlace: the index after "<locative> <Town>" at position i when the
// name before it is written in another language than English (a head of
// its language in it): a local body is named with its town. The town is a
// capitalised word that is no country and no demonym. i when there is
// none.
func localPlace(toks []token, run [2]int, i int) int {
	if i+1 >= len(toks) || !locatives[toks[i].Text] || !isNameWord(toks[i+1].Text) || isAcronym(toks[i+1].Text) {
		return i
	}
	native := false
	for _, t := range toks[run[0]:run[1]] {
		native = native || entity.IsNativeHead(t.Text) || entity.IsInflectedHead(t.Text)
	}
	if !native {
		return i
	}
	w := toks[i+1].Text
	if _, country := entity.CountryByName(w); country || demonymCountry(w) != "" || utf8.RuneCountInString(w) < 3 {
		return i
	}
	return i + 2
}

// nordicCountry: the index after "i <Country>" at position i after a
// name in a Nordic language: a foreign national body is named with its
// country ("Det øverste rettsrådet i Bulgaria", "Justisdepartementet i
// Bulgaria"). i when there is none.
func nordicCountry(toks []token, run [2]int, i int) int {
	if i+1 >= len(toks) || toks[i].Text != "i" || !entity.IsNativeHead(toks[run[1]-1].Text) {
		return i
	}
	if c, ok := entity.CountryByName(toks[i+1].Text); ok && c.Name != "" {
		return i + 2
	}
	return i
}

// countryTail: the index after a small-letter "republic" in the language
// of the name before it ("Policie České republiky", "Prezídium
// Policajného zboru Slovenskej republiky"): the country is part of the
// name. i when there is none.
func countryTail(toks []token, i int) int {
	if i < len(toks) && i > 0 && isLowerWord(toks[i].Text) && isNameWord(toks[i-1].Text) {
		if f := strings.ToLower(toks[i].Text); strings.HasPrefix(f, "republi") || strings.HasPrefix(f, "republí") || strings.HasPrefix(f, "република") {
			return i + 1
		}
	}
	return i
}
