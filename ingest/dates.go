package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/partnergraph/partnergraph"
)

// Dates written with the month's word in the pages' languages: "1 June
// 2024", "1. junijem 2022", "2021 m. birželio 1 d.", "2025. március 1.",
// "30 ноември 2024 г.". A month is known by the stem of its word in any
// case (birželio is June's genitive, junijem its instrumental), so one
// list of stems reads every case.
var monthStems = func() map[string]int {
	m := map[string]int{}
	for month, stems := range []string{
		"january janv enero genna janeir ianuar styczn leden ledna januar sijecn sausi janvar jaanuar януари ιανουαρ tammikuu",
		"february februar fevr febrero febbra fever lutego luty unor unora veljac vasari veebr февруари φεβρουαρ helmikuu",
		"march marzo marco martie marca brezn brezen brezna marec ozuj kovo marts март μαρτ maaliskuu",
		"april avril abril aprile aprilie kwiet duben dubna travan travn baland aprilis aprill април απριλ huhtikuu",
		"may mai mayo maggio maio maja kveten kvetna majs svib geguz май μαι touko",
		"june juin junio giugno junho iunie czerw cerven cervna junij lipan lipnja birzel junijs juuni юни ιουν kesakuu",
		"july juillet julio luglio julho iulie lipca lipiec cervenec cervence julij srpan srpnja liepo julijs juuli юли ιουλ heinakuu",
		"august aout agosto sierp srpen srpna kolovoz kolovoza rugpj augusts август αυγουστ elokuu",
		"september septembre septiembre settembre setembro septembrie wrzes zari rujan rujna rugsej septembris септември σεπτεμβρ syyskuu",
		"october octobre octubre ottobre outubro octombrie pazdzier rijen rijna okt spalio oktobris oktoober октомври οκτωβρ loka",
		"november novembre noviembre novembro noiembrie listopad listopadu studen studenog lapkri novembris novemb ноември νοεμβρ marraskuu",
		"december decemb decembre diciembre dicembre dezembro decembrie grudn prosin prosinec prosince prosinac prosinca gruod decembris detsemb декември δεκεμβρ joulukuu",
	} {
		for _, s := range strings.Fields(stems) {
			m[partnergraph.Fold(s)] = month + 1
		}
	}
	return m
}()

// monthOf is the month a folded word names: the word itself, or the
// longest stem of four letters or more it begins with; 0 when none.
// "Listopad" is November in Polish and Czech and October in Croatian: it
// is read as November.
func monthOf(w string) int {
	if m, ok := monthStems[w]; ok {
		return m // the word itself ("mai", "okt")
	}
	best, month := 0, 0
	for n := 4; n <= len(w) && n <= 10; n++ { // a stem of four letters or more begins the word
		if m, ok := monthStems[w[:n]]; ok && n > best {
			best, month = n, m
		}
	}
	return month
}

// monthWordDate is a date with the month's word at tokens i-2..i+3 of words
// (folded words and numbers); ok when the words around the month give a
// day and a year: "1 june 2024", "1. junijem 2022" (day, month, year),
// "2021 m. birzelio 1 d." and "2025. marcius 1." (year, month, day).
func monthWordDate(words []string, i int) (y, m, d, start int, ok bool) {
	m = monthOf(words[i])
	if m == 0 {
		return 0, 0, 0, 0, false
	}
	num := func(j int) int {
		if j < 0 || j >= len(words) {
			return -1
		}
		n, err := strconv.Atoi(words[j])
		if err != nil {
			return -1
		}
		return n
	}
	// Day before, year after: "1 june 2024"; skipping "of".
	if d = num(i - 1); d >= 1 && d <= 31 {
		for _, j := range []int{i + 1, i + 2} {
			if y = num(j); y >= 1990 && y <= 2100 {
				return y, m, d, i - 1, true
			}
		}
	}
	// Year before (a year's mark between), day after: "2021 m. birzelio 1 d."
	for _, j := range []int{i - 1, i - 2} {
		if y = num(j); y >= 1990 && y <= 2100 {
			if d = num(i + 1); d >= 1 && d <= 31 {
				return y, m, d, j, true
			}
		}
	}
	return 0, 0, 0, 0, false
}

// datesByWord are the dates a sentence writes with month words, in
// order, each with the words before it.
func datesByWord(sentence string) (dates []string, befores [][]string) {
	// Words and numbers, in order; a number keeps its digits only.
	words := strings.FieldsFunc(partnergraph.Fold(sentence), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	used := map[int]bool{}
	for i := range words {
		if used[i] {
			continue
		}
		y, m, d, start, ok := monthWordDate(words, i)
		if !ok {
			continue
		}
		for j := start; j <= min(len(words)-1, i+2); j++ {
			used[j] = true
		}
		dates = append(dates, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
		befores = append(befores, words[max(0, start-3):start])
	}
	return dates, befores
}

// periodInWords reads a period from a sentence that writes its two dates
// with month words: the first after a word for a start or a "from", the
// second after a word for an end or a "to"; the sentence must speak of a
// project, an initiative or a period.
func periodInWords(sentence string) (from, to string, ok bool) {
	f := partnergraph.Fold(sentence)
	if !strings.Contains(f, "proj") && !strings.Contains(f, "proie") && !strings.Contains(f, "prosj") &&
		!strings.Contains(f, "проект") && !strings.Contains(f, "initiativ") && !strings.Contains(f, "iniciativ") {
		return "", "", false
	}
	dates, befores := datesByWord(sentence)
	if len(dates) != 2 || dates[0] >= dates[1] {
		return "", "", false
	}
	opens := func(ws []string, start bool) bool {
		for _, w := range ws {
			key := labelByStem(w)
			if start && (key == keyStartDate || fromWords[w] || strings.HasPrefix(w, "start") || strings.HasPrefix(w, "zac")) ||
				!start && (key == keyEndDate || toWords[w] || strings.HasPrefix(w, "clos") || strings.HasPrefix(w, "end")) {
				return true
			}
		}
		return false
	}
	if !opens(befores[0], true) || !opens(befores[1], false) {
		return "", "", false
	}
	return dates[0], dates[1], true
}
