// Package gen writes a synthetic corpus of project sheets with the shapes of
// the real ones: heavy-tailed organisation degrees with a few hubs (such as
// KRUS) in hundreds of projects, one to eight partners a project, fifteen
// beneficiary and three donor states, realistic vocabularies of target groups
// and programmes, and grant sizes spread as real grants are. The sheets use
// every layout the ingester reads, so the real ingest path is exercised.
// The same size and seed always give the same corpus.
package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// Sheet is one generated document.
type Sheet struct {
	Name string
	Text string
}

var beneficiaries = []struct{ code, name, adjective string }{
	{"BG", "Bulgaria", "Bulgarian"}, {"CY", "Cyprus", "Cypriot"}, {"CZ", "Czech Republic", "Czech"}, {"EE", "Estonia", "Estonian"},
	{"GR", "Greece", "Greek"}, {"HR", "Croatia", "Croatian"}, {"HU", "Hungary", "Hungarian"}, {"LT", "Lithuania", "Lithuanian"},
	{"LV", "Latvia", "Latvian"}, {"MT", "Malta", "Maltese"}, {"PL", "Poland", "Polish"}, {"PT", "Portugal", "Portuguese"},
	{"RO", "Romania", "Romanian"}, {"SI", "Slovenia", "Slovenian"}, {"SK", "Slovakia", "Slovak"},
}

var donors = []struct{ code, name, adjective string }{
	{"NO", "Norway", "Norwegian"}, {"IS", "Iceland", "Icelandic"}, {"LI", "Liechtenstein", "Liechtenstein"},
}

var targetGroups = []string{
	"Prisoners", "Prison staff", "Probation officers", "Victims of intimate-partner violence", "Perpetrators of domestic violence",
	"Juvenile offenders", "Civil servants/Public administration staff", "Children of prisoners", "Foreign prisoners",
	"Roma", "Women in prison", "Ex-offenders", "Non governmental organisation", "Police officers", "Judges and prosecutors",
}

var interventions = []string{
	"anger management", "peer support", "dynamic security", "restorative justice", "victim-offender mediation",
	"electronic monitoring", "motivational interviewing", "vocational training", "financial literacy", "risk assessment",
	"aggression replacement training", "case management", "mentoring", "drug treatment", "social skills training",
}

var namedProgrammes = []string{"Motivation Program", "Father's Program", "Second Chance Programme", "Family Ties Program",
	"Safe Return Programme", "Step by Step Programme", "New Start Program", "Bridge Programme"}

// orgPatterns name beneficiary-state organisations: after the country, or
// after a town.
var orgPatterns = []string{
	"Prison Service of %s", "Probation Service of %s", "Ministry of Justice of %s",
	"%s Prison Academy", "%s Centre for Crime Prevention", "%s Association of Victim Support",
	"%s Institute of Criminology", "%s Foundation for Social Inclusion", "%s Women's Shelter Network",
	"%s Regional Probation Office", "%s Juvenile Remand Prison", "%s University of Applied Sciences",
}

var towns = []string{"Aldor", "Belmir", "Corvan", "Dunel", "Esker", "Falun", "Gerra", "Hollin", "Istra", "Jorvik", "Kalen",
	"Lurin", "Morva", "Narvik", "Orlen", "Perin", "Quarn", "Rosel", "Sarn", "Tovik", "Ulven", "Varna", "Wexen", "Yselt", "Zarn"}

var donorOrgs = []struct{ name, acronym string }{
	{"University College of Norwegian Correctional Service", "KRUS"},
	{"Directorate of Norwegian Correctional Service", "DNCS"},
	{"Alternative to Violence", "ATV"},
	{"Norwegian Mediation Service", "NMS"},
	{"Icelandic Prison and Probation Administration", "IPPA"},
	{"Liechtenstein Office of Justice", "LOJ"},
}

// org is a generated organisation.
type org struct {
	name, acronym, country string
	donor                  bool
}

// beneficiaryOrg is the i-th beneficiary-state organisation: a pattern
// of the country's institutions, filled with the country or a town, and
// its country.
func beneficiaryOrg(i int) (name, country string) {
	b := beneficiaries[i%len(beneficiaries)]
	pattern := orgPatterns[(i/len(beneficiaries))%len(orgPatterns)]
	round := i / len(beneficiaries) / len(orgPatterns)
	place := b.name
	if strings.HasPrefix(pattern, "%s") {
		// Town names repeat in every country: the country tells them apart.
		place = towns[round%len(towns)] + " " + b.adjective
		if round >= len(towns) {
			place = fmt.Sprintf("%s %d", place, round/len(towns))
		}
	} else if round > 0 {
		pattern = fmt.Sprintf("%s, Unit %d", pattern, round)
	}
	return fmt.Sprintf(pattern, place), b.code
}

// Generate returns n sheets made from the seed.
func Generate(n int, seed uint64) []Sheet {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var orgs []org
	for _, d := range donorOrgs {
		c := "NO"
		if strings.HasPrefix(d.name, "Icelandic") {
			c = "IS"
		} else if strings.HasPrefix(d.name, "Liechtenstein") {
			c = "LI"
		}
		orgs = append(orgs, org{d.name, d.acronym, c, true})
	}
	// Beneficiary-state organisations: about one for every four projects.
	for i := 0; i < max(20, n/4); i++ {
		name, country := beneficiaryOrg(i)
		orgs = append(orgs, org{name: name, country: country})
	}
	// Heavy-tailed popularity: Zipf over organisations, donors first (hubs).
	donorZipf := rand.NewZipf(r, 1.3, 1, uint64(len(donorOrgs)-1))
	benZipf := rand.NewZipf(r, 1.1, 2, uint64(len(orgs)-len(donorOrgs)-1))
	pickBen := func(country string) org {
		for tries := 0; tries < 20; tries++ {
			o := orgs[len(donorOrgs)+int(benZipf.Uint64())]
			if country == "" || o.country == country {
				return o
			}
		}
		for _, o := range orgs[len(donorOrgs):] {
			if o.country == country {
				return o
			}
		}
		return orgs[len(donorOrgs)]
	}
	sheets := make([]Sheet, 0, n)
	for i := 0; i < n; i++ {
		b := beneficiaries[r.IntN(len(beneficiaries))]
		var s Sheet
		switch x := r.IntN(20); {
		case x < 14:
			s = eeaSheet(r, i, b, pickBen(b.code), pickBen, donorZipf, orgs)
		case x < 17:
			s = bilateralSheet(r, i, b, pickBen(b.code), donorZipf, orgs)
		case x < 19:
			s = erasmusSheet(r, i, b, pickBen(b.code), pickBen)
		default:
			s = erasmusListing(r, i, b, pickBen(b.code))
		}
		sheets = append(sheets, s)
	}
	return sheets
}

func money(v int) string {
	s := fmt.Sprint(v)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// grant: log-normal around 300,000 euros, as EEA and Norway Grants projects are.
func grant(r *rand.Rand) int {
	return int(math.Exp(12.6+1.1*r.NormFloat64())) + 5000
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func eeaSheet(r *rand.Rand, i int, b struct{ code, name, adjective string }, promoter org, pickBen func(string) org, donorZipf *rand.Zipf, orgs []org) Sheet {
	newLayout := r.IntN(2) == 0
	// Project numbers are unique: the programme part counts up every 10,000.
	code := fmt.Sprintf("%s%02d-%04d", b.code, 10+(i/10000)%90, i%10000)
	if newLayout {
		code = fmt.Sprintf("%s-%s-%04d", b.code, area(i), i%10000)
	} else if i%7 == 3 && i < 10000 {
		// A 2004-2009 number: the state and four digits. Taken from i, not
		// the random source, so the other sheets stay as they were.
		code = fmt.Sprintf("%s%04d", b.code, i)
	}
	iv := pick(r, interventions)
	title := fmt.Sprintf("%s for %s in %s", strings.ToUpper(iv[:1])+iv[1:], strings.ToLower(pick(r, targetGroups)), b.name)
	g := grant(r)
	final := g + g/6 + r.IntN(5000)
	initial := final + r.IntN(final/10+1)
	donorCount := r.IntN(3)
	otherCount := r.IntN(5)
	var w strings.Builder
	fmt.Fprintf(&w, "%s\n\nProject facts\n\nProject promoter:\n%s\nProject Number:\n%s\nStatus:\n%s\n", title, promoter.name, code, pick(r, []string{"Completed", "Completed", "In progress", "Terminated"}))
	fmt.Fprintf(&w, "Initial project cost:\n€%s\nFinal project cost:\n€%s\nFrom Norway Grants:\n€ %s\nThe project is carried out in:\n%s\n", money(initial), money(final), money(g), b.name)
	if newLayout && i%3 == 0 {
		// A third of the 2014-2021 pages give their dates (from i, as above).
		start := time.Date(2016+i%5, time.Month(1+i%12), 1, 0, 0, 0, 0, time.UTC)
		end := start.AddDate(0, 24+6*(i%4), -1)
		fmt.Fprintf(&w, "Start date:\n%s\nEnd date:\n%s\n", start.Format("02.01.2006"), end.Format("02.01.2006"))
	}
	var donorsUsed []org
	if newLayout {
		w.WriteString("Programme:\nCorrectional Services\nProgramme areas:\nCorrectional Services,\nDomestic and Gender-based Violence\n")
		if donorCount > 0 {
			w.WriteString("Donor Project Partners:\n")
			for k := 0; k < donorCount; k++ {
				d := orgs[int(donorZipf.Uint64())]
				donorsUsed = append(donorsUsed, d)
				fmt.Fprintf(&w, "%s(%s)\n", d.name, d.country)
			}
		}
		if otherCount > 0 {
			w.WriteString("Other Project Partners\n")
			for k := 0; k < otherCount; k++ {
				o := pickBen(b.code)
				if o.name == promoter.name {
					continue
				}
				fmt.Fprintf(&w, "%s(%s)\n", o.name, o.country)
			}
		}
	}
	w.WriteString("Target groups\n")
	for k := 0; k < 1+r.IntN(3); k++ {
		fmt.Fprintf(&w, "%s,\n", pick(r, targetGroups))
	}
	staff := 50 + r.IntN(2000)
	fmt.Fprintf(&w, "\nDescription\n\nThe project improves the work of %s %s with %s. %d staff members will be trained in %s.",
		b.adjective, pick(r, []string{"prisons", "probation services", "crisis centres"}), strings.ToLower(pick(r, targetGroups)), staff, iv)
	if !newLayout && r.IntN(2) == 0 {
		d := orgs[int(donorZipf.Uint64())]
		donorsUsed = append(donorsUsed, d)
		fmt.Fprintf(&w, " %s (%s) is the donor project partner of the project.", d.name, d.acronym)
	}
	fmt.Fprintf(&w, "\n\nSummary of project results\n\n%d staff members were trained and %d %s took part in %s. ",
		staff+r.IntN(100), 20+r.IntN(800), pick(r, []string{"inmates", "prisoners", "offenders", "victims"}), pick(r, interventions))
	if r.IntN(3) == 0 {
		fmt.Fprintf(&w, "The “%s” was developed for %s. ", pick(r, namedProgrammes), strings.ToLower(pick(r, targetGroups)))
	}
	w.WriteString("\n\nSummary of bilateral results\n\n")
	for _, d := range donorsUsed {
		fmt.Fprintf(&w, "Partnership with %s (%s) brought study visits to %s. ", d.name, d.acronym, countryName(d.country))
	}
	if len(donorsUsed) == 0 {
		w.WriteString("The project had no donor partner.")
	}
	w.WriteString("\n")
	return Sheet{Name: fmt.Sprintf("eea-%06d.txt", i), Text: w.String()}
}

// area names the programme of a 2014-2021 project number; it changes every
// 10,000 sheets so that numbers stay unique.
func area(i int) string {
	areas := []string{"JUSTICE", "HOME", "LOCALDEV", "CULTURE", "EDUCATION", "HEALTH", "ROMA", "CIVIL", "ASYLUM", "DOMESTIC"}
	a := areas[(i/10000)%len(areas)]
	if n := i / 10000 / len(areas); n > 0 {
		a += strings.Repeat("X", n)
	}
	return a
}

func countryName(code string) string {
	for _, d := range donors {
		if d.code == code {
			return d.name
		}
	}
	return code
}

func bilateralSheet(r *rand.Rand, i int, b struct{ code, name, adjective string }, promoter org, donorZipf *rand.Zipf, orgs []org) Sheet {
	d := orgs[int(donorZipf.Uint64())]
	cost := 5000 + r.IntN(40000)
	var w strings.Builder
	fmt.Fprintf(&w, "Study visit on %s\n\nBilateral initiative facts\n\nPromoter:\n%s\nBilateral initiative number:\n%s-%s-BI%04d\nStatus:\nCompleted\n",
		pick(r, interventions), promoter.name, b.code, area(i), i%10000)
	fmt.Fprintf(&w, "Initial cost:\n€ %s\nActual cost:\n€ %s\nInitiative Types:\nStudy visit; Expert exchange\nPartners:\n%s(%s)\n\n",
		money(cost+r.IntN(3000)), money(cost), d.name, d.country)
	fmt.Fprintf(&w, "Description\n\n%s staff visit %s to learn about %s.\n\nSummary of the results\n\n%d officers completed the visit hosted by %s (%s).\n",
		b.adjective, d.acronym, pick(r, interventions), 5+r.IntN(30), d.name, d.acronym)
	return Sheet{Name: fmt.Sprintf("bilateral-%06d.txt", i), Text: w.String()}
}

func erasmusSheet(r *rand.Rand, i int, b struct{ code, name, adjective string }, promoter org, pickBen func(string) org) Sheet {
	agency := b.code
	if agency == "GR" {
		agency = "EL"
	}
	year := 2014 + r.IntN(10)
	start := fmt.Sprintf("01/%02d/%d", 9+r.IntN(3), year)
	var w strings.Builder
	fmt.Fprintf(&w, "Training professionals in %s and %s\n\nPurpose of the project\n\n", pick(r, interventions), pick(r, interventions))
	fmt.Fprintf(&w, "Partners from %d countries train professionals who work with offenders and ex-offenders. ", 2+r.IntN(6))
	fmt.Fprintf(&w, "%s coordinates the partnership with %s.\n\n", promoter.name, pickBen("").name)
	fmt.Fprintf(&w, "Code number: %d-1-%s01-KA204-%06d\nDuration: 24 months\nStarting date: %s\n", year, agency, i%1000000, start)
	return Sheet{Name: fmt.Sprintf("erasmus-%06d.txt", i), Text: w.String()}
}

func erasmusListing(r *rand.Rand, i int, b struct{ code, name, adjective string }, promoter org) Sheet {
	agency := b.code
	if agency == "GR" {
		agency = "EL"
	}
	year := 2021 + r.IntN(4)
	var w strings.Builder
	fmt.Fprintf(&w, "Project Title\n%s for young offenders\nProject Identifier\n%d-1-%s01-KA220-YOU-%09d\nProject Key Action\nPartnerships for cooperation\n",
		strings.ToUpper(pick(r, interventions)[:1])+pick(r, interventions)[1:], year, agency, i)
	fmt.Fprintf(&w, "Project Call Year\n%d\nProject Action Type\nCooperation partnerships in youth\nProject Topics\nInclusion - equity; Prevention of violence\n", year)
	fmt.Fprintf(&w, "Coordinating organisation\n%s\nEU Grant (EUR)\n€ %s\nProject Summary\nPartners develop %s for young offenders; %d youth workers will be trained.\n",
		promoter.name, money(60000+r.IntN(340000)), pick(r, interventions), 10+r.IntN(90))
	return Sheet{Name: fmt.Sprintf("listing-%06d.txt", i), Text: w.String()}
}
