package ingest

import (
	"strings"
	"unicode"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest/entity"
)

// Roles stated in prose in the pages' own languages. A role noun counts by
// its stem wherever it stands in a word, so the inflected and compound
// forms of one noun are one cue: "partnerei" and "partnerként"
// (Hungarian), "samarbeidspartnere" and "donorprosjektpartner"
// (Norwegian), "partnerstwie" (Polish), "партньор" (Bulgarian). English
// keeps its own cues (prose.go); these read the rest.

// proseWords are the role words of a clause: whether it names partners,
// donor partners or the programme's own partners and operator, and whether
// a partner word in it is denied ("partnerként nem vesz részt", "uten å
// være partner", "без СДВР да е партньор").
type proseWords struct {
	partner, donor, programme, denied bool
}

// partnerStems are pieces of a word that make it a partner word.
var partnerStems = entity.PartnerStems

// partnershipStems make a partner word a partnership word: the project
// itself ("koordiniert die Partnerschaft", "a coordonat parteneriatul cu
// acordul ..."), which names a partner only after an "in" ("în parteneriat
// cu X", "в партньорство с X", "w partnerstwie z X", "partnerségben").
var partnershipStems = []string{"partnership", "partnersch", "partnerstw", "partnerstv", "partnerskap", "partnerseg",
	"parteneriat", "partenariat", "partnerystė", "partneryste", "partneriba", "партньорств", "партнерств", "parceria",
	"partnerschap"}

// inWords say "in" in the pages' languages.
var inWords = map[string]bool{
	"in": true, "in-": true, "i": true, "v": true, "ve": true, "w": true, "we": true, "в": true, "във": true, "en": true,
	"em": true, "im": true, "σε": true, "σε-": true, "u": true, "no": true, "na": true,
}

// includeStems begin the verbs of including, folded: "the partnership
// includes X" names a partner.
var includeStems = []string{"includ", "compren", "comprend", "umfass", "obejmuj", "zahrnuj", "cuprind", "inclu", "omfatt", "omfatter",
	"bestar", "består", "sastoji", "obsega", "apima", "ietver", "hõlma", "holma", "magaban", "περιλαμβ", "включва"}

// donorStateStems begin the donor states' adjectives and names in the
// pages' languages, folded: a partner word beside one names a donor
// partner (the resolver keeps that role for projects of the grants only).
var donorStateStems = []string{"norw", "norv", "norsk", "nórsk", "norueg", "norja", "noreg", "норвеж", "νορβηγ", "island", "iceland",
	"izland", "islanti", "ισλανδ", "исланд", "liechtenstein", "lihtenst", "лихтенщ", "λιχτενστ"}

// sideStems begin the words for a side (of a partnership) in the pages'
// languages, folded: beside a donor state's adjective they name the donor
// partner's side.
var sideStems = []string{"side", "lado", "lato", "cote", "seite", "stran", "stron", "partea", "puse", "oldal", "πλευρ", "стран"}

// donorStems make a word a donor word: with a partner word in it or beside
// it, the clause names donor partners.
var donorStems = []string{"donor", "donator", "darczy", "донор", "δωρητ"}

// denials are words that deny what a clause states, in the pages'
// languages.
var denials = map[string]bool{
	"not": true, "never": true, "nor": true, "without": true, "ikke": true, "uten": true, "ingen": true,
	"inte": true, "utan": true, "uden": true, "nicht": true, "kein": true, "keine": true, "keiner": true,
	"ohne": true, "nem": true, "nelkul": true, "sem": true, "ne": true, "nie": true, "bez": true, "без": true,
	"не": true, "nu": true, "fara": true, "nebuvo": true, "nera": true, "nav": true, "nije": true, "nisu": true,
	"non": true, "senza": true, "sin": true, "nao": true, "pas": true, "sans": true, "δεν": true, "χωρις": true,
	"χωρίς": true, "niet": true, "geen": true, "zonder": true, "ei": true, "ilma": true, "ekki": true,
	"nebyl": true, "nebyla": true, "nebyli": true, "nebylo": true, "nejsou": true, "neni": true, "neboli": true,
	"nebol": true, "nebola": true, "nieje": true, "nebus": true, "ni": true, "niso": true, "brez": true,
	"nincs": true, "ej": true, "όχι": true, "nebija": true, "neturi": true,
}

// foldedWords splits a text into its folded words (letters, digits and
// hyphens: "non-governmental" is one word, not a denial).
func foldedWords(s string) []string {
	return strings.FieldsFunc(partnergraph.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
}

func hasStem(w string, stems []string) bool {
	for _, s := range stems {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}

// mayHoldRoleWord is the cheap test before proseWordsIn: the folded
// text must hold one of the stems.
func mayHoldRoleWord(lower string) bool {
	return hasStem(lower, partnerStems) || hasStem(lower, donorStems) || strings.Contains(lower, "dpp") ||
		hasStem(lower, partnershipStems) || hasStem(partnergraph.Fold(lower), togetherWords) ||
		hasStem(partnergraph.Fold(lower), donorStateStems) && hasStem(partnergraph.Fold(lower), sideStems)
}

// togetherWords are the folded phrases for "together with" in the pages'
// languages ("kartu su X", "gemeinsam mit X"), as English's names partners.
var (
	togetherWords = []string{"kartu su", "spolu s ", "wspolnie z", "skupaj z", "zajedno s", "impreuna cu", "gemeinsam mit",
		"sammen med", "tillsammans med", "junto con", "juntamente com", "insieme a", "insieme con", "together with", "jointly with",
		"kopa ar", "zusammen mit", "samen met", "ensemble avec", "conjuntamente con", "spolu se ", "wraz z", "razem z", "заедно с",
		"μαζι με", "skupno z"}
)

// proseWordsIn reads the role words of a clause.
func proseWordsIn(s string) proseWords {
	var pw proseWords
	if !mayHoldRoleWord(strings.ToLower(s)) {
		return pw
	}
	words := foldedWords(s)
	if hasStem(partnergraph.Fold(strings.ToLower(s)), togetherWords) {
		pw.partner = true // "kartu su X", "gemeinsam mit X"
	}
	for i, w := range words {
		partner := hasStem(w, partnerStems) || hasStem(w, partnershipStems)
		switch {
		case partner && strings.Contains(w, "program"), strings.Contains(w, "program") && strings.Contains(w, "operat"):
			pw.programme = true // "programpartner", "programoperatør"
		case w == "dpp" || w == "dpps":
			pw.donor = true
		case hasStem(w, donorStems) && (partner || near(words, i, 2, func(v string) bool { return hasStem(v, partnerStems) })):
			pw.donor = true // "donorprosjektpartner", "partner z donorského štátu"
		case partner && near(words, i, 1, func(v string) bool { return hasPrefixAny(v, donorStateStems) }):
			pw.donor = true // "Norským partnerem", "the Norwegian partner", "partenerul norvegian"
		case hasPrefixAny(w, sideStems) && near(words, i, 1, func(v string) bool { return hasPrefixAny(v, donorStateStems) }):
			pw.donor = true // "on the Norwegian side", "do lado norueguês", "auf norwegischer Seite"
		case partner && hasStem(w, partnershipStems):
			if i > 0 && inWords[words[i-1]] || strings.HasSuffix(w, "ben") {
				pw.partner = true // "in partnership with"
			}
			if near(words, i, 2, func(v string) bool { return hasPrefixAny(v, includeStems) }) && !near(words, i, 1, func(v string) bool { return v == "no" || v == "not" }) {
				pw.partner = true // "Il partenariato comprende ...": the partnership includes X
			}
		case partner:
			if near(words, i, 4, func(v string) bool { return denials[v] }) {
				pw.denied = true
			} else {
				pw.partner = true
			}
		}
	}
	return pw
}

// near: a word within n words of words[i] on either side satisfies f.
func near(words []string, i, n int, f func(string) bool) bool {
	for j := max(0, i-n); j <= min(len(words)-1, i+n); j++ {
		if j != i && f(words[j]) {
			return true
		}
	}
	return false
}

// leadNouns name the promoter's role in the pages' languages, folded:
// "X er prosjekteier", "Prosjekteier er X", "promotorul proiectului, X".
var leadNouns = map[string]bool{
	"promoter": true, "promotor": true, "promotorul": true, "promotore": true, "prosjekteier": true, "prosjekteieren": true,
	"prosjektansvarlig": true, "projekttrager": true, "projektgazda": true, "koordinator": true, "koordinatorem": true,
	"coordinator": true, "coordonator": true, "coordonatorul": true, "coordinador": true, "coordinadora": true,
	"coordenador": true, "coordinatore": true, "koordynator": true, "koordynatorem": true, "leadpartner": true,
	"lead-partner": true, "kedvezmenyezett": true, "kedvezmenyezettje": true, "nositel": true, "nositelem": true,
	"nositeljem": true, "nositelj": true, "nosilec": true, "nosilca": true, "prijemce": true, "prijemcem": true, "prijimatel": true, "prijimatelom": true,
	"zadatel": true, "zadatelem": true, "wnioskodawca": true, "wnioskodawca-": true, "beneficjentem": true,
	"solicitante": true, "antragsteller": true, "capofila": true, "penvoerder": true, "taotleja": true,
	"vykdytojas": true, "vykdytoja": true, "pareiskejas": true, "istenotajs": true, "projektiomistaja": true,
	"бенефициент": true, "бенефициер": true, "бенефициентът": true, "водещ": true, "координатор": true, "συντονιστής": true,
	"δικαιούχος": true, "umsaekjandi": true, "framkvaemdaadili": true,
}

// leadPassives are the participles of leading and carrying out a project,
// folded; with a "by" word after them they name the promoter after it:
// "ledes av X", "изпълнява от X", "realizowany przez X".
var leadPassives = map[string]bool{
	"ledes": true, "ledet": true, "leds": true, "ledd": true, "gjennomfores": true, "gjennomfort": true, "drives": true,
	"koordineres": true, "koordinert": true, "genomfors": true, "geleitet": true, "durchgefuhrt": true, "koordiniert": true,
	"getragen": true, "realizowany": true, "realizowanego": true, "realizowana": true, "prowadzony": true, "koordynowany": true,
	"realizat": true, "realizata": true, "implementat": true, "implementata": true, "coordonat": true, "derulat": true,
	"realizovan": true, "realizovany": true, "realizovana": true, "koordinovan": true, "koordinovany": true,
	"изпълнява": true, "изпълнен": true, "изпълняван": true, "изпълнява се": true, "реализира": true, "реализиран": true,
	"координиран": true, "ръководен": true, "coordinado": true, "liderado": true, "promovido": true, "ejecutado": true,
	"coordenado": true, "promosso": true, "coordinato": true, "realizzato": true, "guidato": true, "uitgevoerd": true,
	"geleid": true, "getrokken": true, "coordonne": true, "porte": true, "vadovaujamas": true, "igyvendinamas": true,
	"vodi": true, "vodil": true, "vedie": true, "vede": true, "provaja": true, "izvaja": true,
}

// projectWords are the words for a project: "a project of X" is X's.
var projectWords = map[string]bool{"project": true, "projekt": true, "prosjekt": true, "proiect": true, "projet": true,
	"proyecto": true, "progetto": true, "projecto": true, "projeto": true}

// byWords say "by" in the pages' languages.
var byWords = map[string]bool{"by": true, "av": true, "von": true, "przez": true, "de": true, "от": true, "por": true,
	"da": true, "dal": true, "dalla": true, "door": true, "par": true, "od": true, "pelo": true, "pela": true, "ot": true,
	"af": true, "dallo": true, "dai": true, "dagli": true, "dalle": true, "vom": true}

// possessives are the words for "our" and "their" a role phrase may put
// before a name ("coordinato dalla nostra Cooperativa ..."), folded.
var possessives = map[string]bool{"our": true, "their": true, "nostra": true, "nostro": true, "nuestra": true, "nuestro": true, "notre": true,
	"unser": true, "unsere": true, "unserem": true, "unserer": true, "nase": true, "nasza": true, "naszego": true, "naszej": true, "noastra": true,
	"nossa": true, "nosso": true, "vores": true, "var": true, "vart": true, "onze": true, "meie": true, "musu": true}

// leadActives are the verbs of leading said right after the promoter's
// name: "amelyet a X vezet", "X koordynuje", "X ръководи".
var leadActives = map[string]bool{
	"vezet": true, "vezeti": true, "koordinalja": true, "leder": true, "leitet": true, "koordiniert": true,
	"coordonne": true, "coordoneaza": true, "koordynuje": true, "koordinuje": true, "vadovauja": true, "координира": true,
	"ръководи": true, "vodi": true, "vada": true, "juhib": true, "koordineerib": true, "coordina": true, "coordena": true,
	"lidera": true, "leidt": true, "coordineert": true, "prowadzi": true,
	// verbs of carrying a project out, right after its promoter: "Lietuvos
	// probacijos tarnyba įgyvendina ... projektą"
	"igyvendina": true, "vykdo": true, "izvaja": true, "realizuje": true, "realizuoja": true, "implementeaza": true,
	"изпълнява": true, "realizeaza": true, "istenotaj": true,
}

// receivesFunding: the words after a name say it received the grant: a
// verb of receiving within its first three words and a word for funding
// within the four after that ("KUC har fået tilsagn om støtte fra
// Erasmus+", "X received a grant of", "X otrzymał dofinansowanie", "X a
// primit finanțare"). The one who receives a project's grant is its
// promoter.
func receivesFunding(aw []string) bool {
	for i := 0; i < len(aw) && i < 3; i++ {
		if !hasStem(aw[i], receiveStems) {
			continue
		}
		for j := i + 1; j < len(aw) && j <= i+4; j++ {
			if hasStem(aw[j], grantStems) {
				return true
			}
		}
		return false
	}
	return false
}

// receiveStems begin the verbs of receiving in the pages' languages,
// folded; grantStems the words for a grant or funding.
var (
	receiveStems = []string{"receiv", "faet", "faaet", "fikk", "fick", "erhielt", "erhalt", "otrzyma", "obdrz", "ziskal", "ziskala",
		"primit", "kapott", "sanem", "gavo", "gavusi", "ricevut", "recib", "recebeu", "recebe", "obtuvo", "obtenu", "obtint",
		"получи", "ελαβε", "dobil", "dobio", "dostal", "awarded", "granted", "kreeg", "ontving"}
	grantStems = []string{"grant", "fund", "tilsagn", "stotte", "støtte", "tilskud", "tilskott", "bidrag", "forder", "förder",
		"dofinans", "finan", "dotac", "tamogat", "subsid", "sredstv", "финанс", "χρηματοδ", "subvenc", "sovvenz", "contribut"}
)

// genitiveArticles say "of the" before a name in the languages that mark
// the genitive with an article (Greek).
var genitiveArticles = map[string]bool{"της": true, "του": true, "των": true}

// leadAdjectives make a partner word the lead partner's, folded:
// "vedoucí partner", "vodilni partner", "vezető partner", "wiodący
// partner", "водещ партньор".
var leadAdjectives = map[string]bool{"lead": true, "leading": true, "vedouci": true, "vedoucim": true, "veduci": true, "veducim": true,
	"vodilni": true, "vodilnega": true, "vodeci": true, "vodecim": true, "vezeto": true, "wiodacy": true, "wiodacym": true,
	"glowny": true, "glownym": true, "водещ": true, "водещия": true, "водещият": true, "principal": true, "pagrindinis": true, "vadosais": true}

// relativeWords begin a clause about what was just named ("which",
// "that"), folded; leadVerbs are the verbs of carrying a project out or
// leading it that such a clause puts before its subject.
var (
	relativeWords = map[string]bool{"ktory": true, "ktora": true, "ktore": true, "ktorego": true, "ktora-": true, "ktery": true, "kterou": true,
		"ktere": true, "ktoru": true, "care": true, "который": true, "которую": true, "който": true, "която": true, "което": true,
		"οποια": true, "οποία": true, "οποιο": true, "οποίο": true, "οποιος": true, "οποίος": true, "amelyet": true, "amit": true,
		"kuri": true, "kurį": true, "kuri-": true, "kuru": true, "ki": true, "koji": true, "koju": true, "som": true, "que": true, "che": true}
	leadVerbs = map[string]bool{"realizuje": true, "realizowal": true, "realizowala": true, "prowadzi": true, "koordynuje": true,
		"realizuje-": true, "vede": true, "vedie": true, "koordinuje": true, "realizoval": true, "realizovala": true,
		"υλοποιει": true, "υλοποιεί": true, "υλοποιησε": true, "υλοποίησε": true, "συντονιζει": true, "συντονίζει": true,
		"vezet": true, "koordinal": true, "igyvendina": true, "igyvendino": true, "vykdo": true, "vykde": true, "izvaja": true,
		"izvajal": true, "provodi": true, "vodi": true, "implementeaza": true, "coordoneaza": true, "изпълнява": true,
		"реализира": true, "leder": true, "gjennomforer": true, "coordina": true, "realizza": true, "coordena": true,
		"koordinoi": true, "toteuttaa": true, "johtaa": true, "koordineerib": true, "samordnar": true, "koordinerar": true,
		"koordinerer": true, "koordiniert": true, "leitet": true, "coordineert": true, "leidt": true, "coordonne": true,
		"pilote": true, "koordine": true, "isteno": true, "koordinira": true, "координира": true, "vezeti": true}
)

// articlesAny are articles a role phrase may put before a name.
var articlesAny = map[string]bool{"the": true, "a": true, "az": true, "den": true, "det": true, "der": true, "die": true, "η": true, "ο": true, "το": true,
	"das": true, "la": true, "le": true, "el": true, "il": true, "o": true, "het": true}

// leadsInWords: the words around a name say, in the pages' languages, that
// it leads the project. before and after are the sentence's text on either
// side of the name.
func leadsInWords(before, after string) bool {
	// After the name: an acronym or translation in parentheses aside, a
	// verb of leading first ("X vezet"), or the role noun within three
	// words with no partner word between ("X (SJC) er prosjekteier").
	after = strings.TrimLeft(after, " ")
	if strings.HasPrefix(after, "(") {
		if i := strings.IndexByte(after, ')'); i > 0 {
			after = after[i+1:]
		}
	}
	if len(after) > 120 {
		after = after[:120]
	}
	aw := foldedWords(after)
	if len(aw) > 0 && leadActives[aw[0]] && !strings.HasPrefix(strings.TrimLeft(after, " "), ",") {
		return true
	}
	if len(aw) > 1 && isProjectWord(aw[0]) && (leadVerbs[aw[1]] || leadActives[aw[1]]) && !strings.HasPrefix(strings.TrimLeft(after, " "), ",") {
		return true // "X projektu īsteno", "X das Projekt leitet": the subject, the project, the verb
	}
	if receivesFunding(aw) && !strings.HasPrefix(strings.TrimLeft(after, " "), ",") {
		return true
	}
	for i := 0; i < len(aw) && i < 3; i++ {
		if i+1 < len(aw) && aw[i] == "lead" && hasStem(aw[i+1], partnerStems) {
			return true // "X (is the) lead partner"
		}
		if hasStem(aw[i], partnerStems) && !leadNouns[aw[i]] {
			break
		}
		if leadNouns[aw[i]] {
			return true
		}
	}
	// Before it: "ledes av (the) X", or the role noun within the last
	// three words ("Prosjekteier er X", "Promotorul proiectului este X").
	if len(before) > 120 {
		before = before[len(before)-120:]
	}
	bw := foldedWords(before)
	n := len(bw)
	for n > 0 && (articlesAny[bw[n-1]] || possessives[bw[n-1]]) {
		n--
	}
	if n >= 2 && byWords[bw[n-1]] && (leadPassives[bw[n-2]] || n >= 3 && leadPassives[bw[n-3]] && (bw[n-2] == "se" || bw[n-2] == "sa")) {
		return true
	}
	if n >= 2 && (bw[n-1] == "of" || byWords[bw[n-1]]) && projectWords[bw[n-2]] {
		return true // "an Erasmus+ project of the Correctional Services Agency", "a project by X"
	}
	if n >= 2 && genitiveArticles[bw[n-1]] && isProjectWord(bw[n-2]) {
		return true // "η διμερής πρωτοβουλία της Ελληνικής Αστυνομίας": the initiative of X
	}
	if n >= 2 && leadVerbs[bw[n-1]] && isProjectWord(bw[n-2]) {
		return true // "Hanketta koordinoi X", "Das Projekt leitet die X": the project, the verb, its subject
	}
	if n >= 2 && leadVerbs[bw[n-1]] && relativeWords[bw[n-2]] || n >= 3 && leadVerbs[bw[n-2]] && relativeWords[bw[n-3]] && articlesAny[bw[n-1]] {
		// "projekt, który realizuje X", "την οποία υλοποίησε η X": the
		// verb of carrying it out before its subject, in a clause about
		// the project
		return true
	}
	for i := n - 1; i >= 0 && i >= n-5; i-- {
		if hasStem(bw[i], partnerStems) && i > 0 && leadAdjectives[bw[i-1]] {
			return true // "Vedoucím partnerem projektu je X": the lead partner
		}
		if hasStem(bw[i], partnerStems) && !leadNouns[bw[i]] {
			break
		}
		if leadNouns[bw[i]] {
			return true
		}
	}
	return false
}
