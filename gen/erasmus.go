package gen

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// ErasmusCSV writes a synthetic Erasmus+ project list of n projects, as
// the Erasmus+ project results platform exports one (a byte-order mark,
// the header with its long grant note, a coordinator and Partner 1..20
// columns), for the importer's benchmarks. Each project has 1 to 20
// partners, drawn with a heavy tail from a pool of about n/3
// organisations; an organisation's name comes with the variants real
// exports have: upper-cased, punctuation and spaces changed, its country
// missing, and for some its name in English in place of its own.
func ErasmusCSV(w io.Writer, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, seed^0x51ed270b27d4a3c1))
	bw := bufio.NewWriterSize(w, 1<<20)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	const partners = 20
	header := []string{"Programme", "Key Action", "Action Type", "Call year", "Project Identifier", "Project Title", "Topics", "Project Summary",
		"Project Status", "EU Grant award in euros (This amount represents the grant awarded after the selection stage and is indicative. Please note that any changes made during or after the project's lifetime will not be reflected here.)",
		"Project Website", "Results Platform Project Card", "Participating countries",
		"Coordinating organisation name", "Coordinating organisation type", "Coordinator's address", "Coordinator's region", "Coordinator's country", "Coordinator's website"}
	for i := 1; i <= partners; i++ {
		p := "Partner " + strconv.Itoa(i)
		header = append(header, p+" name", p+" organisation type", p+" address", p+" region", p+" country", p+" website")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	type eorg struct{ native, english, country, kind string }
	pool := make([]eorg, max(30, n/3))
	kinds := []string{"Public body", "Non-governmental organisation/association/social enterprise", "Higher education institution", "School/Institute/Educational centre", "Foundation"}
	for i := range pool {
		english, country := beneficiaryOrg(i)
		native := english
		if i%5 == 0 {
			// Its own name, which the English one does not spell.
			native = fmt.Sprintf("%s %s %d", nativeWords[i%len(nativeWords)], beneficiaries[i%len(beneficiaries)].adjective, i)
		}
		pool[i] = eorg{native, english, country, kinds[i%len(kinds)]}
	}
	zipf := rand.NewZipf(r, 1.2, 3, uint64(len(pool)-1))
	variant := func(o eorg) (name, country string) {
		name, country = o.native, o.country
		switch x := r.IntN(100); {
		case x < 10:
			name = strings.ToUpper(name)
		case x < 15:
			name = strings.ReplaceAll(name, " ", "  ") + "."
		case x < 18 && o.native != o.english:
			name = o.english // its English name in place of its own
		}
		if r.IntN(100) < 5 {
			country = ""
		}
		if country == "GR" {
			country = "EL"
		}
		return name, country
	}
	topics := []string{"Inclusion - equity", "Key competences", "Labour market issues", "Social dialogue", "Youth (Participation, Youth Work, Youth Policy)", "Prevention of violence"}
	statuses := []string{"Completed", "Ongoing", "Closed"}
	actions := []struct{ code, name string }{{"KA204", "Strategic Partnerships for adult education"}, {"KA202", "Strategic Partnerships for vocational education and training"}, {"KA205", "Strategic Partnerships for youth"}}
	row := make([]string, len(header))
	for i := 0; i < n; i++ {
		for j := range row {
			row[j] = ""
		}
		year := 2014 + r.IntN(7)
		coord := pool[zipf.Uint64()]
		act := actions[r.IntN(len(actions))]
		agency := coord.country
		if agency == "GR" {
			agency = "EL"
		}
		id := fmt.Sprintf("%d-1-%s01-%s-%06d", year, agency, act.code, i+1)
		grant := 20000 + r.IntN(430000)
		amount := fmt.Sprintf("%d,%03d.%02d", grant/1000, grant%1000, r.IntN(100))
		if r.IntN(2) == 0 {
			amount = fmt.Sprintf("%d,%02d", grant, r.IntN(100))
		}
		copy(row, []string{"Erasmus+", "Cooperation for innovation and the exchange of good practices", act.name, strconv.Itoa(year), id,
			fmt.Sprintf("%s %s for %s", pick(r, titleVerbs), pick(r, titleThings), pick(r, titleGroups)),
			pick(r, topics) + "; " + pick(r, topics),
			"Partners " + pick(r, summaries) + ".",
			pick(r, statuses), amount, "", "https://example.org/projects/" + id, ""})
		name, country := variant(coord)
		copy(row[13:], []string{name, coord.kind, "", "", country, ""})
		k := 1 + min(19, int(r.ExpFloat64()*4))
		countries := map[string]bool{coord.country: true}
		for p := 0; p < k; p++ {
			o := pool[zipf.Uint64()]
			name, country := variant(o)
			countries[o.country] = true
			copy(row[19+6*p:], []string{name, o.kind, "", "", country, ""})
		}
		var cs []string
		for c := range countries {
			cs = append(cs, c)
		}
		slices.Sort(cs)
		row[12] = strings.Join(cs, ", ")
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

var (
	nativeWords = []string{"Zavod za", "Instytut", "Ústav", "Asociatia", "Fundacija", "Keskus", "Centras", "Sdružení"}
	titleVerbs  = []string{"Learning", "Skills", "Pathways", "Bridges", "Second chances", "Working together"}
	titleThings = []string{"behind walls", "after release", "in custody", "in the community", "through education"}
	titleGroups = []string{"adult learners in prison", "young offenders", "probation staff", "prison teachers", "families of prisoners"}
	summaries   = []string{"share how adult education helps people leave prison for good",
		"train staff who work with offenders in new methods",
		"build courses that lead from custody to work",
		"compare ways of preventing violence in prisons and communities"}
)
