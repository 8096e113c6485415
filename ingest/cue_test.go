package ingest

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen"
)

// testSheetTexts are the texts of the test and annotated real sheets.
func testSheetTexts(t *testing.T) []string {
	t.Helper()
	var texts []string
	for _, dir := range []string{"testdata", "testdata/real", "testdata/pages/a", "testdata/pages/b", "testdata/pages/c"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	return texts
}

// TestCuesAgreeWithTheirRegexps: a cue's cheap test never hides a match of
// its regexp: on every sentence of the annotated and test sheets and of a
// generated corpus, and on each word the regexps list, the cue and its
// regexp agree.
func TestCuesAgreeWithTheirRegexps(t *testing.T) {
	cues := map[string]cue{"planned": plannedCue, "developed": developedCue, "run": runCue, "partner": partnerCue, "donor": donorCue,
		"background": backgroundCue, "future": futureCue, "programme role": programmeRoleCue, "not partner": notPartnerCue}
	texts := testSheetTexts(t)
	for _, s := range gen.Generate(300, 3) {
		texts = append(texts, s.Text)
	}
	// Each literal alternative of each regexp, in a sentence, in capitals too.
	alternative := regexp.MustCompile(`[a-z][a-z \-]+[a-z]`)
	for _, c := range cues {
		for _, a := range alternative.FindAllString(c.re.String(), -1) {
			texts = append(texts, "They "+a+" it.", "THEY "+strings.ToUpper(a)+" IT.")
		}
	}
	texts = append(texts, "It plans to", "They cooperated with", "in co-operation with", "with the expert support of KRUS", "Donor Project Partners",
		"Europe’s prisons", "EUROPE'S", "In The EU", "ſtatiſtics show", "It ſhall be", "The KELVIN Kelvin", "are Expected To")
	checked, matched := 0, 0
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			for name, c := range cues {
				want := c.re.MatchString(line)
				if got := c.matchLower(line, strings.ToLower(line)); got != want {
					t.Errorf("%s cue says %v, its regexp %v: %q", name, got, want, line)
				}
				checked++
				if want {
					matched++
				}
			}
		}
	}
	if matched < 100 {
		t.Errorf("only %d of %d checks matched: the test text lacks cues", matched, checked)
	}
}

// TestMayCount: a sentence that number matches always passes mayCount.
func TestMayCount(t *testing.T) {
	var lines []string
	for _, s := range gen.Generate(300, 5) {
		lines = append(lines, strings.Split(s.Text, "\n")...)
	}
	for w := range numberWords {
		lines = append(lines, "They trained "+w+" officers.", "They trained "+strings.ToUpper(w)+" officers.",
			w+" officers trained", "'"+w+" ex-prisoners", "(“"+w+" staff”)", "Zoë trained "+w+" officers",
			"They trained "+strings.ReplaceAll(w, "s", "ſ")+" officers.")
	}
	counted := 0
	for _, l := range lines {
		if number.MatchString(l) {
			counted++
			if !mayCount(l) {
				t.Errorf("mayCount says no to a sentence with a count: %q", l)
			}
		}
	}
	if counted < 50 {
		t.Errorf("only %d lines with a count: the test text lacks them", counted)
	}
}

// TestMayNameIntervention: a sentence with a word that starts an
// intervention always passes mayNameIntervention, which lets programmesIn
// skip reading the words of the others.
func TestMayNameIntervention(t *testing.T) {
	var lines []string
	for _, s := range gen.Generate(300, 7) {
		lines = append(lines, strings.Split(s.Text, "\n")...)
	}
	for _, i := range interventions {
		lines = append(lines, "They ran "+i+" twice.", "THEY RAN "+strings.ToUpper(i)+".", "Ran "+strings.ReplaceAll(i, "e", "é")+".",
			"ran "+strings.Replace(i, "a", "'a", 1)+" twice", i+" works", "ran "+i, i, "(ran)"+i+"-led")
	}
	starts, skipped := 0, 0
	for _, l := range lines {
		has := false
		for _, tk := range tokenize(l) {
			for _, w := range strings.Fields(nameKey(tk.Text)) {
				has = has || interventionFirst[w]
			}
		}
		may := mayNameIntervention(l)
		if has && !may {
			t.Errorf("mayNameIntervention says no to a sentence with an intervention's first word: %q", l)
		}
		if has {
			starts++
		}
		if !may {
			skipped++
		}
	}
	if starts < 100 || skipped < 100 {
		t.Errorf("%d lines with an intervention's first word, %d skipped: the test text lacks one side", starts, skipped)
	}
}

// TestThemesAsBefore: ThemesIn with its word-start filter and one-pass
// spacing finds what searching the text for every keyword finds, on
// generated sheets and on texts made of keywords, their neighbours and
// every kind of space.
func TestThemesAsBefore(t *testing.T) {
	before := func(text string) []string {
		folded := " " + strings.Join(strings.Fields(partnergraph.Fold(text)), " ")
		var out []string
		for _, th := range Themes {
			for _, w := range th.words {
				if strings.Contains(folded, " "+w) {
					out = append(out, th.ID)
					break
				}
			}
		}
		return out
	}
	var texts []string
	for _, s := range gen.Generate(300, 9) {
		texts = append(texts, s.Text)
	}
	var words []string
	for _, th := range Themes {
		words = append(words, th.words...)
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{" ", "\t", "\n", "\u00a0", "\u2003", "-", "x", "É", "\xff", "  "}
	for range 5000 {
		var b strings.Builder
		for k := r.IntN(6); k >= 0; k-- {
			w := words[r.IntN(len(words))]
			switch r.IntN(4) {
			case 0:
				w = strings.ToUpper(w)
			case 1:
				w = w[:len(w)/2]
			}
			b.WriteString(w)
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	found := 0
	for _, text := range texts {
		got, want := ThemesIn(text), before(text)
		if !slices.Equal(got, want) {
			t.Fatalf("ThemesIn(%q) = %v, before %v", text, got, want)
		}
		if spaced(text) != " "+strings.Join(strings.Fields(text), " ") {
			t.Fatalf("spaced(%q) = %q", text, spaced(text))
		}
		found += len(got)
	}
	if found < 3000 {
		t.Fatalf("only %d themes found: the texts miss the keywords", found)
	}
}

// TestMayBeFurniture: every line furnitureLine matches passes
// mayBeFurniture: the lines of the test sheets and of generated ones, and
// lines written from each of the regexp's forms, in capitals too.
func TestMayBeFurniture(t *testing.T) {
	var lines []string
	for _, text := range testSheetTexts(t) {
		lines = append(lines, strings.Split(text, "\n")...)
	}
	for _, s := range gen.Generate(300, 11) {
		lines = append(lines, strings.Split(s.Text, "\n")...)
	}
	forms := []string{"General information for the project", "general information for X", "Read more", "read more about it",
		"Back to top", "back to overview", "Back to the list", "Print", "Print this page", "Share", "Share on Facebook",
		"January 5, 2020", "may 12, 2019 10:30", "December 31, 2021 1:05 pm", "7", "42", "123", "ſhare", "Print\u212a"}
	for _, f := range forms {
		lines = append(lines, f, strings.ToUpper(f))
	}
	for _, m := range []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"} {
		lines = append(lines, m+" 1, 2020", strings.ToUpper(m)+" 10, 2014 9:00 am")
	}
	matched, skipped := 0, 0
	for _, l := range lines {
		if furnitureLine.MatchString(l) {
			matched++
			if !mayBeFurniture(l) {
				t.Errorf("mayBeFurniture says no to a line furnitureLine matches: %q", l)
			}
		} else if !mayBeFurniture(l) {
			skipped++
		}
	}
	if matched < 50 || skipped < 1000 {
		t.Errorf("%d lines matched, %d skipped: the test text lacks one side", matched, skipped)
	}
}
