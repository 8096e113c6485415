package ingest

import (
	"strings"
	"unicode"
)

// The language a page is written in says which side wrote it: a police
// force's news item in Hungarian is the Hungarian partner's, a city's in
// Slovak the Slovak one's. Languages are told apart by the letters only
// they write and by their commonest small words; a language spoken in one
// country gives that country. The donor states' languages and English
// give none: their pages speak of other countries' projects.

// langMarks are, for each language, letters it writes that the others of
// the pages do not (or rarely), and small words it uses often.
var langMarks = []struct {
	country string
	letters string
	words   []string
}{
	{"HU", "őű", []string{"és", "az", "egy", "hogy", "vagy", "projekt", "című", "között"}},
	{"PL", "łśźżąę", []string{"się", "oraz", "jest", "dla", "przez", "został", "że"}},
	{"CZ", "řěů", []string{"se", "je", "jsou", "pro", "který", "které", "byl", "bylo"}},
	{"SK", "ľĺŕô", []string{"sa", "je", "sú", "pre", "ktorý", "ktoré", "bol", "bolo", "aj"}},
	{"RO", "țşșăâî", []string{"și", "şi", "în", "pentru", "este", "care", "din", "prin"}},
	{"BG", "ъ", []string{"на", "за", "и", "от", "се", "е", "с", "по"}},
	{"GR", "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ", []string{"και", "του", "της", "των", "για", "με", "στο", "στην"}},
	{"LT", "ėįųū", []string{"ir", "yra", "su", "buvo", "projekto", "kad", "iš"}},
	{"LV", "āēīķļņģ", []string{"un", "ir", "ar", "par", "no", "kas", "tika"}},
	{"EE", "õ", []string{"ja", "on", "ning", "ka", "oli", "projekti", "mis"}},
	{"SI", "", []string{"in", "je", "za", "ki", "so", "pri", "tudi"}},
	{"HR", "đć", []string{"i", "je", "za", "su", "koji", "kao", "te", "u"}},
	{"PT", "ãõç", []string{"e", "de", "do", "da", "para", "com", "não", "os"}},
	{"ES", "ñ", []string{"el", "los", "las", "del", "y", "para", "con", "una"}},
	{"IT", "", []string{"il", "della", "che", "per", "con", "degli", "nel", "sono"}},
	{"FR", "", []string{"le", "les", "des", "et", "pour", "avec", "dans", "une"}},
	{"NL", "", []string{"het", "een", "van", "en", "voor", "met", "zijn", "wordt"}},
	{"DE", "ß", []string{"und", "der", "die", "das", "mit", "für", "ist", "wird"}},
	{"MT", "ħġċ", []string{"u", "ta'", "il-", "li", "għall-"}},
	{"RS", "ђћљњџј", []string{"и", "на", "за", "у", "је", "од", "са"}},
	// Languages that give no country: English and the donor states'.
	{"", "", []string{"the", "and", "of", "with", "is", "was", "for"}},
	{"", "æøå", []string{"og", "er", "som", "med", "til", "av", "på", "det"}},
	{"", "ðþ", []string{"og", "er", "að", "sem", "með", "til", "á"}},
}

// languageCountry is the country of the language a page's prose is
// written in, when one language leads the others clearly; "" for
// English, the donor states' languages, or no clear lead.
func languageCountry(text string) string {
	if len(text) > 20000 {
		text = text[:20000]
	}
	lower := strings.ToLower(text)
	scores := make([]int, len(langMarks))
	for _, r := range lower {
		if r < 0x80 {
			continue
		}
		for i, l := range langMarks {
			if strings.ContainsRune(l.letters, r) {
				scores[i] += 2
			}
		}
	}
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '-' }) {
		for i, l := range langMarks {
			for _, m := range l.words {
				if w == m {
					scores[i]++
					break
				}
			}
		}
	}
	best, second := -1, 0
	for i, s := range scores {
		if best < 0 || s > scores[best] {
			if best >= 0 {
				second = max(second, scores[best])
			}
			best = i
		} else {
			second = max(second, s)
		}
	}
	if best < 0 || scores[best] < 12 || scores[best] < 2*second {
		return ""
	}
	return langMarks[best].country
}
