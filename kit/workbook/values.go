package workbook

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// This file holds the checks of values that a cell can hold but that cannot be true: dates
// outside any school year, a birth after the disclosure, a student over 25, a formula's error
// value taken for an answer; the forms of the student ref and the file number, which name
// output files; and grids on sheets nobody sees.

// Years a date may fall in.
const (
	minYear = 1900
	maxYear = 2100
	// maxStudentAge is the oldest a student can be at the disclosure (adult education aside,
	// secondary school ends by 21; 25 leaves room for a typing slip of a year or two).
	maxStudentAge = 25
	maxIDLen      = 40
)

// Error values of formulas: as stored (in English), and as French Excel shows them, which is
// how they come back when a user pastes values.
var formulaErrors = map[string]bool{
	"#DIV/0!": true, "#N/A": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true, "#NULL!": true,
	"#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true, "#FIELD!": true, "#BLOCKED!": true, "#CONNECT!": true,
	"#BUSY!": true, "#UNKNOWN!": true, "#PYTHON!": true,
	"#VALEUR!": true, "#NOM?": true, "#NOMBRE!": true, "#NUL!": true, "#DÉVERSEMENT!": true, "#CALCUL!": true,
}

// formulaError reports (as a problem at where) a formula's error value used as an answer.
func (r *reader) formulaError(where, text string) bool {
	if !formulaErrors[strings.ToUpper(strings.TrimSpace(text))] {
		return false
	}
	r.problem(where, i18n.T("« %s » est la valeur d'erreur d'une formule, pas une réponse ; corrigez la formule ou tapez la réponse",
		"“%s” is a formula's error value, not an answer; fix the formula or type the answer"), strings.TrimSpace(text))
	return true
}

// plausibleYear reports (as a problem at where) a date outside 1900-2100.
func (r *reader) plausibleYear(where, text string, t time.Time) bool {
	if y := t.Year(); y >= minYear && y <= maxYear {
		return true
	}
	r.problem(where, i18n.T("« %s » n'est pas une date plausible : l'année doit être entre %d et %d",
		"“%s” is not a plausible date: the year must be between %d and %d"), strings.TrimSpace(text), minYear, maxYear)
	return false
}

// checkRead runs the checks that need the whole workbook: refs, the file number, dates
// against the disclosure, hidden sheets.
func (r *reader) checkRead(dossier *itemSheet) {
	hidden := map[string]bool{}
	for _, s := range r.p.sheets {
		hidden[s.name] = s.hidden
	}
	onHidden := func(name string, what i18n.Text) {
		if hidden[name] {
			r.problem(name, i18n.T("feuille masquée qui contient %s : personne ne la voit ; affichez-la (clic droit sur un onglet › Afficher) ou supprimez-la, et si elle n'apparaît pas dans la liste, copiez les grilles visibles dans un classeur vierge (« sexto template »)",
				"hidden sheet holding %s: nobody sees it; unhide it (right-click a tab › Unhide) or delete it, and if it is not in the list, copy the visible grids into a blank workbook (“sexto template”)"), what)
		}
	}
	var disclosed time.Time
	if dossier != nil {
		onHidden(dossier.Name, i18n.T("le dossier", "the incident"))
		r.checkID(dossier)
		r.checkIDNames(dossier)
		if a, ok := dossier.Answers["incident.disclosed_at"]; ok {
			disclosed = a.Time
		}
	}
	// nothing can be checked, classified, counted or sent about students nobody entered
	if dossier != nil && len(r.in.Students) == 0 {
		r.problem("", i18n.T("aucune grille d'élève n'est remplie (« %s », « %s »…) ; remplissez au moins celle de l'élève représenté(e)",
			"no student grid is filled in (“%s”, “%s”…); fill in at least the depicted student's"),
			StudentSheetName(r.in.Lang, 1), StudentSheetName(r.in.Lang, 2))
	}
	r.checkRefs()
	// a device row nobody sees is a seal nobody checks
	seenDevices := map[string]bool{}
	for _, d := range r.in.Devices {
		if d.Row > 0 && !seenDevices[d.Name] {
			seenDevices[d.Name] = true
			onHidden(d.Name, i18n.T("les appareils", "the devices"))
		}
	}
	for i := range r.in.Students {
		s := &r.in.Students[i]
		onHidden(s.Name, i18n.T("une grille d'élève", "a student grid"))
		if b, ok := s.Answers["student.birth_date"]; ok && !disclosed.IsZero() && !b.Time.IsZero() {
			r.checkAge(b, disclosed)
		}
	}
}

// checkAge compares a birth date with the disclosure.
func (r *reader) checkAge(birth Answer, disclosed time.Time) {
	d := disclosed.Format("2006-01-02")
	if birth.Time.After(disclosed) {
		r.problem(birth.Cell, i18n.T("la date de naissance (%s) est après le dévoilement (%s) ; vérifiez-la",
			"the date of birth (%s) is after the disclosure (%s); check it"), birth.Text, d)
		return
	}
	age := disclosed.Year() - birth.Time.Year()
	if disclosed.Month() < birth.Time.Month() || disclosed.Month() == birth.Time.Month() && disclosed.Day() < birth.Time.Day() {
		age--
	}
	if age > maxStudentAge {
		r.problem(birth.Cell, i18n.T("l'élève aurait %d ans au dévoilement (%s) ; un élève a au plus %d ans : vérifiez la date de naissance",
			"the student would be %d at the disclosure (%s); a student is at most %d: check the date of birth"), age, d, maxStudentAge)
	}
}

var refForm = regexp.MustCompile(`^[Ee]([1-9][0-9]?)$`)

// checkRefs requires each student ref to be E1…E99: it names the student's files. A ref
// written e3 is read as E3.
func (r *reader) checkRefs() {
	used := map[string]bool{}
	for _, s := range r.in.Students {
		if m := refForm.FindStringSubmatch(s.Ref()); m != nil {
			used["E"+m[1]] = true
		}
	}
	free := func(n int) (string, bool) {
		ref := "E" + strconv.Itoa(n)
		return ref, n >= 1 && n <= 99 && !used[ref]
	}
	for i := range r.in.Students {
		s := &r.in.Students[i]
		a, ok := s.Answers["student.ref"]
		if !ok || a.Text == "" {
			continue
		}
		if m := refForm.FindStringSubmatch(a.Text); m != nil {
			a.Text = "E" + m[1]
			s.Answers["student.ref"] = a
			continue
		}
		// a suggestion: the number typed, else the sheet's, else the first free one
		suggest := ""
		for _, src := range []string{a.Text, s.Name} {
			if d := lastNumber(src); d > 0 {
				if ref, ok := free(d); ok {
					suggest = ref
					break
				}
			}
		}
		for n := 1; suggest == "" && n <= 99; n++ {
			if ref, ok := free(n); ok {
				suggest = ref
			}
		}
		used[suggest] = true
		r.problem(a.Cell, i18n.T("« %s » n'est pas une réf. élève : une réf. s'écrit E suivi d'un nombre de 1 à 99, sans autre signe et jamais un nom (par exemple « %s »)",
			"“%s” is not a student ref: a ref is E followed by a number from 1 to 99, with no other sign and never a name (for example “%s”)"), a.Text, suggest)
	}
}

var digitsRun = regexp.MustCompile(`[0-9]+`)

// lastNumber returns the last number written in s, or 0.
func lastNumber(s string) int {
	all := digitsRun.FindAllString(s, -1)
	if len(all) == 0 {
		return 0
	}
	n, err := strconv.Atoi(all[len(all)-1])
	if err != nil {
		return 0
	}
	return n
}

// checkID requires a file number that can name a file: letters without accents, digits,
// '-', '_' and '.', at most 40, not starting with a dot.
func (r *reader) checkID(dossier *itemSheet) {
	id := dossier.Text("incident.id")
	if id == "" || SafeID(id) {
		return
	}
	it, _ := grid.Lookup("incident.id")
	where := dossier.cells["incident.id"]
	// the suggestion never keeps a student's name
	names := r.nameWords()
	var kept []string
	for _, part := range strings.FieldsFunc(SuggestID(id), func(c rune) bool { return c == '-' || c == '_' || c == '.' }) {
		if !names[grid.Normalize(part)] {
			kept = append(kept, part)
		}
	}
	suggestion := strings.Join(kept, "-")
	if suggestion == "" {
		suggestion = "2026-014"
	}
	r.problem(where, i18n.T("« %s » ne peut pas nommer un fichier : le « %s » s'écrit avec des lettres sans accents, des chiffres, « - », « _ » ou « . », en %d caractères au plus et sans « . » au début (par exemple « %s »)",
		"“%s” cannot name a file: the “%s” is written with letters without accents, digits, “-”, “_” or “.”, in at most %d characters and not starting with “.” (for example “%s”)"),
		id, it.Label, maxIDLen, suggestion)
}

// nameWords are the words of the students' first and last names, normalized.
func (r *reader) nameWords() map[string]bool {
	words := map[string]bool{}
	for i := range r.in.Students {
		for _, k := range []string{"student.last_name", "student.first_name"} {
			for _, w := range strings.Fields(grid.Normalize(r.in.Students[i].Text(k))) {
				if len(w) >= 2 {
					words[w] = true
				}
			}
		}
	}
	return words
}

// checkIDNames refuses a file number that holds a student's first or last name: it names
// every file the tool writes, and no file name may identify a student (SPEC §4).
func (r *reader) checkIDNames(dossier *itemSheet) {
	id := dossier.Text("incident.id")
	if id == "" {
		return
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(grid.Normalize(id)) {
		words[w] = true
	}
	// the id's letters run together: "2026Thibodeau", "T.h.i.b.o.d.e.a.u"
	glued := strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' {
			return c
		}
		return -1
	}, grid.Normalize(id))
	for i := range r.in.Students {
		s := &r.in.Students[i]
		for _, k := range []string{"student.last_name", "student.first_name"} {
			for _, w := range strings.Fields(grid.Normalize(s.Text(k))) {
				if (len(w) >= 2 && words[w] || len(w) >= 4 && strings.Contains(glued, w)) && SafeID(id) {
					it, _ := grid.Lookup("incident.id")
					where := dossier.cells["incident.id"]
					if where == "" {
						where = dossier.Name
					}
					r.problem(where, i18n.T("le « %s » « %s » contient un nom inscrit sur la grille « %s » : il sert à nommer les fichiers, qui ne doivent jamais identifier un élève ; donnez le numéro de dossier de l'école (par exemple « 2026-014 »)",
						"the “%s” “%s” holds a name written on the grid “%s”: it names the files, which must never identify a student; give the school's file number (for example “2026-014”)"),
						it.Label, id, s.Name)
					return
				}
			}
		}
	}
}

// SafeID reports whether a file number can be used as it is in a file name.
func SafeID(id string) bool {
	if id == "" || len(id) > maxIDLen || id[0] == '.' {
		return false
	}
	for _, c := range []byte(id) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

var folds = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'œ': "oe", 'æ': "ae", 'ß': "ss",
	'À': "A", 'Á': "A", 'Â': "A", 'Ã': "A", 'Ä': "A", 'Å': "A", 'Ç': "C", 'È': "E", 'É': "E", 'Ê': "E", 'Ë': "E",
	'Ì': "I", 'Í': "I", 'Î': "I", 'Ï': "I", 'Ñ': "N", 'Ò': "O", 'Ó': "O", 'Ô': "O", 'Õ': "O", 'Ö': "O", 'Ø': "O",
	'Ù': "U", 'Ú': "U", 'Û': "U", 'Ü': "U", 'Ý': "Y", 'Œ': "OE", 'Æ': "AE",
}

// SuggestID turns a file number into one that can name a file: accents folded, any other
// character a '-', no leading dot, at most 40 characters.
func SuggestID(id string) string {
	var b strings.Builder
	for _, c := range id {
		switch f, ok := folds[c]; {
		case ok:
			b.WriteString(f)
		case c < 0x80 && SafeID("x"+string(c)):
			b.WriteRune(c)
		default:
			b.WriteByte('-')
		}
	}
	s := b.String()
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	s = strings.TrimLeft(s, ".-")
	if len(s) > maxIDLen {
		s = s[:maxIDLen]
	}
	s = strings.TrimRight(s, "-")
	if s == "" {
		s = "dossier"
	}
	return s
}

// isListsSheet recognises the dropdown lists by their content: row 1 holds nothing but keys
// of coded items, at least two of them. A grid on a sheet named like it is still read.
func isListsSheet(rows []row) bool {
	if len(rows) == 0 || rows[0].n != 1 {
		return false
	}
	keys := 0
	for _, c := range rows[0].cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		it, ok := grid.Lookup(c)
		if !ok || it.Kind != grid.Choice {
			return false
		}
		keys++
	}
	return keys >= 2
}
