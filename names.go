package partnergraph

import (
	"sort"
	"strings"
	"unicode"
	"unique"
)

// fold maps letters with diacritics to their plain Latin forms, for the
// languages of the grants' beneficiary and donor states.
var fold = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'ą': "a", 'ā': "a", 'ă': "a",
	'æ': "ae", 'ç': "c", 'č': "c", 'ć': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ě': "e", 'ę': "e", 'ė': "e", 'ē': "e",
	'ğ': "g", 'ģ': "g", 'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'į': "i", 'ī': "i", 'ı': "i",
	'ķ': "k", 'ľ': "l", 'ĺ': "l", 'ł': "l", 'ļ': "l", 'ň': "n", 'ń': "n", 'ñ': "n", 'ņ': "n",
	'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'ő': "o", 'œ': "oe",
	'ř': "r", 'ŕ': "r", 'š': "s", 'ś': "s", 'ş': "s", 'ș': "s", 'ß': "ss",
	'ť': "t", 'ţ': "t", 'ț': "t", 'þ': "th", 'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ů': "u",
	'ű': "u", 'ų': "u", 'ū': "u", 'ý': "y", 'ÿ': "y", 'ž': "z", 'ź': "z", 'ż': "z",
}

// Fold lower-cases s and replaces letters with diacritics by plain ones:
// "Jihočeský kraj" becomes "jihocesky kraj".
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := fold[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NameKey is the key under which names are matched: folded, with every run of
// punctuation and space made one space, and a leading "the" dropped.
// "The Prison Service of the Czech Republic" and "prison service of the
// czech republic" share a key.
func NameKey(s string) string {
	// A text that is its own key (lower-case words one space apart, most
	// words of a sentence) is returned as it is, without a copy.
	own := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return nameKeyUnicode(s)
		}
		if own && !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' ') {
			own = false
		}
	}
	if own && !strings.HasPrefix(s, "the ") {
		return s
	}
	// ASCII, most names and every label: bytes, no runes.
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			if c != '\'' {
				space = true
			}
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	k := b.String()
	if len(k) > 4 && k[:4] == "the " {
		k = k[4:]
	}
	return k
}

// nameKeyUnicode is NameKey for any text.
func nameKeyUnicode(s string) string {
	var b strings.Builder
	space := false
	for _, r := range Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else if r != '\'' && r != '’' {
			space = true
		}
	}
	return strings.TrimPrefix(b.String(), "the ")
}

// Slug makes an id part out of a name: "Victims of intimate-partner
// violence" becomes "victims-of-intimate-partner-violence". Slugs are at most
// 80 bytes and cut at a word boundary.
func Slug(s string) string {
	slug := strings.ReplaceAll(NameKey(s), " ", "-")
	if len(slug) > 80 {
		slug = slug[:80]
		if i := strings.LastIndexByte(slug, '-'); i > 40 {
			slug = slug[:i]
		}
	}
	return slug
}

// TargetGroupID returns the id of the target group with this name.
// The id is interned: a corpus names a few hundred target groups and
// programmes in hundreds of thousands of places, and one string each is
// less for the collector to mark.
func TargetGroupID(name string) string { return unique.Make("tg:" + Slug(name)).Value() }

// ProjectID returns the id of a project: from its number, else from its
// title; "" when it has neither.
func ProjectID(code, title string) string {
	switch {
	case code != "":
		return "project:" + Slug(code)
	case title != "":
		return "project:" + Slug(title)
	}
	return ""
}

// ProgrammeID returns the id of the programme with this name.
// The id is interned, as TargetGroupID's.
func ProgrammeID(name string) string { return unique.Make("programme:" + Slug(name)).Value() }

// The funders.
var (
	NorwayGrants = Funder{ID: "funder:norway-grants", Name: "Norway Grants"}
	EEAGrants    = Funder{ID: "funder:eea-grants", Name: "EEA Grants"}
	ErasmusPlus  = Funder{ID: "funder:erasmus-plus", Name: "Erasmus+"}
)

// FunderByName returns the funder with this name or id ("Norway Grants",
// "norway grants", "funder:norway-grants", "Erasmus+", "erasmus plus").
func FunderByName(name string) (Funder, bool) {
	k := NameKey(strings.TrimPrefix(strings.ReplaceAll(name, "+", " plus"), "funder:"))
	for _, f := range []Funder{NorwayGrants, EEAGrants, ErasmusPlus} {
		if k == NameKey(strings.TrimPrefix(strings.ReplaceAll(f.ID, "-", " "), "funder:")) {
			return f, true
		}
	}
	switch k {
	case "norway grant", "norwegian financial mechanism":
		return NorwayGrants, true
	case "eea grant", "eea financial mechanism":
		return EEAGrants, true
	case "erasmus":
		return ErasmusPlus, true
	}
	return Funder{}, false
}

// MergeAliases returns the aliases of an organisation loaded again: its new
// aliases, and every name it was known by before (the old name and aliases),
// sorted, without its new name. Both stores keep names this way.
func MergeAliases(old, o Organisation) []string {
	seen := map[string]bool{o.Name: true}
	var out []string
	for _, a := range append(append(append([]string{}, o.Aliases...), old.Aliases...), old.Name) {
		if !seen[a] && a != "" {
			seen[a] = true
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}
