package ingest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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
		"january janv enero genna janeir ianuar styczn leden ledna januar sijecn sausi janvar jaanuar януари ιανουαρ tammikuu ledn jannar",
		"february februar fevr febrero febbra fever lutego luty unor unora veljac vasari veebr февруари φεβρουαρ helmikuu frar",
		"march marzo marco martie marca brezn brezen brezna marec ozuj kovo marts март μαρτ maaliskuu mars maart marz marci",
		"april avril abril aprile aprilie kwiet duben dubna travan travn baland aprilis aprill април απριλ huhtikuu dubn",
		"may mai mayo maggio maio maja kveten kvetna majs svib geguz май μαι touko maj mei majus kvetn mejju",
		"june juin junio giugno junho iunie czerw cerven cervna junij lipan lipnja birzel junijs juuni юни ιουν kesakuu juni junius cervn juna ġunju",
		"july juillet julio luglio julho iulie lipca lipiec cervenec cervence julij srpan srpnja liepo julijs juuli юли ιουλ heinakuu juli julius cervenc jula lulju",
		"august aout agosto sierp srpen srpna kolovoz kolovoza rugpj augusts август αυγουστ elokuu srpnu avgust agust awwissu",
		"september septemb septembre septiembre settembre setembro septembrie wrzes zari rujan rujna rugsej septembris септември σεπτεμβρ syyskuu szeptemb settembru",
		"october oktob octobre octubre ottobre outubro octombrie pazdzier rijen rijna okt spalio oktobris oktoober октомври οκτωβρ loka rijn ottubru",
		"november novembre noviembre novembro noiembrie listopad listopadu studen studenog lapkri novembris novemb ноември νοεμβρ marraskuu",
		"december decemb decembre diciembre dicembre dezembro decembrie grudn prosin prosinec prosince prosinac prosinca gruod decembris detsemb декември δεκεμβρ joulukuu desemb dezemb diċemb",
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
	w = greekTonos.Replace(w) // (Fold keeps the Greek accents: "σεπτέμβριο")
	if m, ok := monthStems[w]; ok {
		return m // the word itself ("mai", "okt")
	}
	best, month := 0, 0
	// a stem of four letters or more, ten at most, begins the word (letters,
	// not bytes: "σεπτεμβρ" is eight letters)
	letters := 0
	for n := range w {
		if n > 0 {
			letters++
			if letters >= 4 {
				if m, ok := monthStems[w[:n]]; ok && n > best {
					best, month = n, m
				}
			}
			if letters >= 10 {
				return month
			}
		}
	}
	if letters+1 >= 4 && letters+1 <= 10 {
		if m, ok := monthStems[w]; ok {
			month = m
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
	// Year, its mark, day, month: "2023. gada 1. oktobra" (before the
	// next rule, which would take the year of the date after it)
	if d = num(i - 1); d >= 1 && d <= 31 {
		if y = num(i - 2); y >= 1990 && y <= 2100 {
			return y, m, d, i - 2, true
		}
		if y = num(i - 3); y >= 1990 && y <= 2100 && i >= 2 && yearMarks[words[i-2]] {
			return y, m, d, i - 3, true
		}
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

// yearMarks stand between a year and the rest of its date ("2023. gada 1.
// oktobra", "2021 m. birželio 1 d."), folded.
var yearMarks = map[string]bool{"gada": true, "m": true, "metu": true, "г": true, "година": true, "godine": true, "evi": true}

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
		if monthOf(words[i]) == 0 {
			continue // (most words name no month)
		}
		y, m, d, start, ok := monthWordDate(words, i)
		if !ok {
			// a month and its year, no day ("fra januar 2021 til april
			// 2024", "από τον Σεπτέμβριο του 2022"): the month's first
			// day; periodInWords makes an end the month's last
			if y, m, ok = monthAndYear(words, i); !ok {
				// a day and a month whose year the next date gives ("frá
				// 1. mars til 31. desember 2023"): year 0 for now
				n, err := strconv.Atoi(words[max(i-1, 0)])
				if i == 0 || err != nil || n < 1 || n > 31 {
					continue
				}
				y, m, d, start = 0, monthOf(words[i]), n, i-1
			} else {
				d, start = 0, i
			}
		}
		for j := start; j <= min(len(words)-1, i+2); j++ {
			used[j] = true
		}
		dates = append(dates, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
		befores = append(befores, words[max(0, start-3):start])
	}
	// A date without its year takes the next date's (the year before when
	// its month comes later in the year); one with no dated date after it
	// is dropped.
	for k := len(dates) - 1; k >= 0; k-- {
		if !strings.HasPrefix(dates[k], "0000") {
			continue
		}
		if k+1 >= len(dates) || strings.HasPrefix(dates[k+1], "0000") {
			dates, befores = slices.Delete(dates, k, k+1), slices.Delete(befores, k, k+1)
			continue
		}
		y, _ := strconv.Atoi(dates[k+1][:4])
		if dates[k][5:] > dates[k+1][5:] {
			y--
		}
		dates[k] = fmt.Sprintf("%04d", y) + dates[k][4:]
	}
	return dates, befores
}

// monthAndYear reads "<month> [of] <year>" at words[i]: a month's word and a
// year right after it, or after one small word ("de", "του", "of").
func monthAndYear(words []string, i int) (y, m int, ok bool) {
	// "2018. gada oktobrī": the year and its mark before the month
	if i >= 2 && yearMarks[words[i-1]] {
		if n, err := strconv.Atoi(words[i-2]); err == nil && n >= 1990 && n <= 2100 {
			if m = monthOf(words[i]); m != 0 {
				return n, m, true
			}
		}
	}
	// a month's name as the lists write it, or by its stem a word in
	// letters beyond ASCII ("Σεπτέμβριο", "října"): an English-looking
	// word that begins like a month ("junior") is none
	if _, named := monthNames[words[i]]; !named && isASCII(words[i]) {
		return 0, 0, false
	}
	m = monthOf(words[i])
	if m == 0 || len(words[i]) < 3 {
		return 0, 0, false
	}
	for _, j := range []int{i + 1, i + 2} {
		if j >= len(words) {
			break
		}
		if n, err := strconv.Atoi(words[j]); err == nil {
			if n >= 1990 && n <= 2100 {
				return n, m, true
			}
			return 0, 0, false
		}
		if utf8.RuneCountInString(words[j]) > 3 {
			break // no small word between
		}
	}
	return 0, 0, false
}

// periodInWords reads a period from a sentence that writes its two dates
// with month words: the first after a word for a start or a "from", the
// second after a word for an end or a "to"; the sentence must speak of a
// project, an initiative or a period.
func periodInWords(sentence string) (from, to string, ok bool) {
	f := partnergraph.Fold(sentence)
	if !strings.Contains(f, "proj") && !strings.Contains(f, "proie") && !strings.Contains(f, "prosj") &&
		!strings.Contains(f, "проект") && !strings.Contains(f, "initiativ") && !strings.Contains(f, "iniciativ") &&
		!strings.Contains(f, "έργ") && !strings.Contains(f, "εργ") && !strings.Contains(f, "πρωτοβουλ") &&
		!strings.Contains(f, "progett") && !strings.Contains(f, "proyect") && !strings.Contains(f, "verkef") && !strings.Contains(f, "hank") {
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
	return monthDay(dates[0], false), monthDay(dates[1], true), true
}

// monthDay is a date of datesByWord with its day: a month without one
// ("2024-03-00") is its first day, or its last when end is set.
func monthDay(d string, end bool) string {
	if !strings.HasSuffix(d, "-00") {
		return d
	}
	if !end {
		return d[:8] + "01"
	}
	if t, err := time.Parse("2006-01", d[:7]); err == nil {
		return t.AddDate(0, 1, -1).Format("2006-01-02")
	}
	return d
}

// greekTonos drops the Greek accents, which Fold keeps.
var greekTonos = strings.NewReplacer("ά", "α", "έ", "ε", "ή", "η", "ί", "ι", "ό", "ο", "ύ", "υ", "ώ", "ω", "ϊ", "ι", "ΐ", "ι", "ϋ", "υ", "ΰ", "υ")
