package exercise

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"sexto/kit/classify"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/workbook"
)

// Diff is one difference between the trainee's answers and the key.
type Diff struct {
	Ref    string // the student's ref in the key; "" for the incident sheet
	Device int    // for a devices-sheet item: the device's rank among its owner's (1, 2…)
	Key    string // the item; "" when a whole grid or device is missing
	// Got and Want are the answers as shown in the debrief's language; "" is a blank.
	Got, Want string
	Cell      string // where the trainee wrote the answer, when they did
	// Outcome is true when the difference alone changes an orientation or a rule (or leaves
	// a grid incomplete): what the debrief puts first.
	Outcome bool
	Effect  string   // what the trainee's answer changes, in a sentence; "" when nothing
	Rules   []string // the rules it adds or removes
	Why     string   // the case's explanation of the expected answer
	Help    string   // the item's help text
	Missing bool     // a whole grid or device of the key is missing
	Items   int      // the key's items the difference covers (1, or a missing grid's count)
}

// Tally is the score of one section of the grid, over every student.
type Tally struct {
	Title        string
	Right, Total int
}

// StudentOutcome compares a student's orientation under the trainee's answers with the key's.
type StudentOutcome struct {
	Ref, Name string
	Want, Got classify.StudentResult
	Found     bool // the trainee filled in a grid for this student
}

// Right reports whether the trainee's answers give the expected orientation and rules.
func (s StudentOutcome) Right() bool {
	return s.Found && s.Got.Orientation == s.Want.Orientation && slices.Equal(s.Got.Rules, s.Want.Rules)
}

// Debrief is the comparison of a trainee's workbook with a case's key.
type Debrief struct {
	Case         *Case
	Lang         i18n.Lang
	File         string
	Right, Total int
	Diffs        []Diff
	Sections     []Tally
	Want, Got    classify.Result // the key's classification and the trainee's
	Students     []StudentOutcome
	Extra        []string // refs of the trainee's grids that are not in the case
	// ExtraDevices names the trainee's device rows the key does not have ("E2 · 2").
	ExtraDevices []string
	Praise       []string
	// Mismatch, when not nil, says that the file seems to be another case's (see WrongCase).
	Mismatch *Mismatch
}

// OutcomeDiffs counts the differences that change the outcome.
func (d *Debrief) OutcomeDiffs() int {
	n := 0
	for _, x := range d.Diffs {
		if x.Outcome {
			n++
		}
	}
	return n
}

// Percent is the score in whole percent, rounded down.
func (d *Debrief) Percent() int {
	if d.Total == 0 {
		return 0
	}
	return d.Right * 100 / d.Total
}

// IncidentRight reports whether the trainee's answers give the incident's expected
// orientation and immediate-call rules.
func (d *Debrief) IncidentRight() bool {
	return d.Got.Incident.Orientation == d.Want.Incident.Orientation && slices.Equal(d.Got.Incident.Rules, d.Want.Incident.Rules)
}

// narrative items are free accounts: any answer counts, the key's is shown as a model.
var narrative = map[string]bool{"incident.summary": true, "notes": true, "device.description": true}

// Compare compares the trainee's workbook got with the case's key, item by item, in l.
func Compare(c *Case, got *workbook.Incident, l i18n.Lang) *Debrief {
	key := c.Key()
	d := &Debrief{Case: c, Lang: l, File: got.File, Want: key.Classify(), Got: got.Classify()}
	tallies := map[string]*Tally{}
	var order []string
	tally := func(title i18n.Text, right bool, n int) {
		t, ok := tallies[title.FR]
		if !ok {
			t = &Tally{Title: title.In(l)}
			tallies[title.FR] = t
			order = append(order, title.FR)
		}
		t.Total += n
		d.Total += n
		if right {
			t.Right += n
			d.Right += n
		}
	}

	// the incident sheet
	for _, it := range grid.Incident.Items {
		want := c.Incident[it.Key]
		if want == "" {
			continue
		}
		a, ok := answered(&got.Dossier, it.Key)
		right := same(&it, want, a, ok)
		tally(grid.Incident.Title, right, 1)
		if !right {
			mod := *key
			mod.Dossier = withAnswer(key.Dossier, it.Key, a, ok)
			d.add("", &it, want, a, ok, &mod, "")
			if !d.Diffs[len(d.Diffs)-1].Outcome {
				ka, kok := key.Dossier.Value(it.Key)
				back := *got
				back.Dossier = withAnswer(got.Dossier, it.Key, ka, kok)
				d.together("", &back)
			}
		}
	}

	// the students' grids, matched by name, else by ref
	matched := match(c, got)
	for i, s := range c.Students {
		j, found := matched[i]
		var gs *workbook.Student
		if found {
			gs = &got.Students[j]
		}
		n := 0
		for _, sec := range grid.Student {
			for _, it := range sec.Items {
				want := s.Answers[it.Key]
				if want == "" || it.Key == "student.ref" {
					continue
				}
				n++
				if gs == nil {
					tally(sec.Title, false, 1)
					continue
				}
				a, ok := answered(&gs.Sheet, it.Key)
				right := same(&it, want, a, ok)
				tally(sec.Title, right, 1)
				if !right {
					mod := *key
					mod.Students = slices.Clone(key.Students)
					mod.Students[i].Sheet = withAnswer(key.Students[i].Sheet, it.Key, a, ok)
					d.add(s.Ref, &it, want, a, ok, &mod, s.Why[it.Key])
					if !d.Diffs[len(d.Diffs)-1].Outcome {
						// alone in the key it changes nothing; among the trainee's other
						// answers it may (two mistakes that each keep a rule from firing)
						ka, kok := key.Students[i].Value(it.Key)
						back := *got
						back.Students = slices.Clone(got.Students)
						back.Students[j].Sheet = withAnswer(got.Students[j].Sheet, it.Key, ka, kok)
						d.together(s.Ref, &back)
					}
				}
			}
		}
		so := StudentOutcome{Ref: s.Ref, Name: s.Name(), Want: d.Want.Students[i], Found: found}
		if found {
			so.Got = d.Got.Students[j]
		}
		d.Students = append(d.Students, so)
		if gs == nil {
			d.Diffs = append(d.Diffs, Diff{Ref: s.Ref, Missing: true, Outcome: true, Items: n,
				Effect: fmt.Sprintf(i18n.T("la grille de %s (%s) manque : une grille par élève, y compris pour un témoin ou l’élève représenté(e)",
					"the grid of %s (%s) is missing: one grid per student, a witness or the depicted student included").In(l), s.Ref, s.Name())})
		}
	}
	for j := range got.Students {
		if !slices.Contains(slices.Collect(maps.Values(matched)), j) {
			d.Extra = append(d.Extra, got.Students[j].Ref())
		}
	}

	// the devices, matched by owner and rank
	rank := map[string]int{}
	for _, want := range c.Devices {
		owner := want["device.owner"]
		rank[owner]++
		r := rank[owner]
		gotOwner := owner
		for i, s := range c.Students {
			if j, ok := matched[i]; ok && s.Ref == owner {
				gotOwner = got.Students[j].Ref()
			}
		}
		var gd *workbook.Device
		if devs := got.DevicesOf(gotOwner); len(devs) >= r {
			gd = &devs[r-1]
		}
		n := 0
		for _, it := range grid.Devices.Items {
			w := want[it.Key]
			if w == "" || it.Key == "device.owner" {
				continue
			}
			n++
			if gd == nil {
				tally(grid.Devices.Title, false, 1)
				continue
			}
			a, ok := gd.Value(it.Key)
			right := same(&it, w, a, ok)
			tally(grid.Devices.Title, right, 1)
			if !right {
				diff := d.diff(owner, r, &it, w, a, ok, "")
				if !ok && it.Required {
					diff.Outcome = true
					diff.Effect = fmt.Sprintf(i18n.T("sans réponse, la grille de %s devient incomplète : la rubrique est obligatoire pour chaque appareil saisi",
						"left blank, the grid of %s becomes incomplete: the item is required for every device seized").In(l), owner)
				}
				d.Diffs = append(d.Diffs, diff)
			}
		}
		if gd == nil {
			d.Diffs = append(d.Diffs, Diff{Ref: owner, Device: r, Missing: true, Items: n,
				Effect: fmt.Sprintf(i18n.T("l’appareil %d de %s manque dans la feuille Appareils : une ligne par appareil saisi",
					"device %d of %s is missing from the Devices sheet: one row per device seized").In(l), r, owner)})
		}
	}
	// device rows beyond the key's, by owner as the trainee wrote it
	keyRefOf := map[string]string{}
	for i, s := range c.Students {
		if j, ok := matched[i]; ok {
			keyRefOf[strings.ToUpper(got.Students[j].Ref())] = s.Ref
		}
	}
	seen := map[string]int{}
	for _, gd := range got.Devices {
		owner := strings.ToUpper(gd.Owner())
		seen[owner]++
		ref := keyRefOf[owner]
		if ref == "" || seen[owner] > len(c.DevicesOf(ref)) {
			d.ExtraDevices = append(d.ExtraDevices, fmt.Sprintf("%s · %d", gd.Owner(), seen[owner]))
		}
	}
	for _, id := range order {
		d.Sections = append(d.Sections, *tallies[id])
	}
	d.praise(tallies)
	return d
}

// match pairs each student of the key (by index) with a grid of the trainee (by index): the
// same first and last names, else the same ref.
func match(c *Case, got *workbook.Incident) map[int]int {
	out := map[int]int{}
	taken := map[int]bool{}
	name := func(first, last string) string { return grid.Normalize(first + " " + last) }
	for i, s := range c.Students {
		want := name(s.Answers["student.first_name"], s.Answers["student.last_name"])
		for j, g := range got.Students {
			if !taken[j] && want != "" && name(g.Text("student.first_name"), g.Text("student.last_name")) == want {
				out[i], taken[j] = j, true
				break
			}
		}
	}
	for i, s := range c.Students {
		if _, ok := out[i]; ok {
			continue
		}
		for j, g := range got.Students {
			if !taken[j] && strings.EqualFold(g.Ref(), s.Ref) {
				out[i], taken[j] = j, true
				break
			}
		}
	}
	return out
}

// withAnswer returns a copy of sh with key answered a (or blank when !ok).
func withAnswer(sh workbook.Sheet, key string, a workbook.Answer, ok bool) workbook.Sheet {
	out := workbook.Sheet{Name: sh.Name, Answers: maps.Clone(sh.Answers)}
	if ok {
		out.Answers[key] = a
	} else {
		delete(out.Answers, key)
	}
	return out
}

// diff builds the difference on item it without its effect.
func (d *Debrief) diff(ref string, device int, it *grid.Item, want string, a workbook.Answer, ok bool, why string) Diff {
	x := Diff{Ref: ref, Device: device, Key: it.Key, Want: shown(it, want, d.Lang), Why: why, Help: it.Help.In(d.Lang), Items: 1}
	if ok {
		x.Got, x.Cell = shownAnswer(it, a, d.Lang), a.Cell
	}
	return x
}

// add records the difference on item it, with what the trainee's answer alone changes: the
// key classified again with that one answer replaced (mod) against the key itself.
func (d *Debrief) add(ref string, it *grid.Item, want string, a workbook.Answer, ok bool, mod *workbook.Incident, why string) {
	x := d.diff(ref, 0, it, want, a, ok, why)
	x.Outcome, x.Effect, x.Rules = effect(ref, x.Got, d.Want, mod.Classify(), d.Lang)
	d.Diffs = append(d.Diffs, x)
}

// answered is the trainee's answer to key: the one read, else what was typed where the answer
// is not allowed (a typo is a wrong answer, shown as typed, never "left blank").
func answered(sh *workbook.Sheet, key string) (workbook.Answer, bool) {
	if a, ok := sh.Value(key); ok {
		return a, true
	}
	a, ok := sh.Rejected[key]
	return a, ok
}

// together marks the last difference as changing the outcome when, among the trainee's other
// answers, the expected answer (back: the trainee's file with it restored) gives another
// result than the trainee's own: the difference matters together with others.
func (d *Debrief) together(ref string, back *workbook.Incident) {
	x := &d.Diffs[len(d.Diffs)-1]
	outcome, e, rules := effect(ref, x.Got, back.Classify(), d.Got, d.Lang)
	if !outcome {
		return
	}
	x.Outcome, x.Rules = true, rules
	// "avec « X », …" becomes "avec « X » et vos autres réponses, …"
	with, and := fmt.Sprintf(i18n.T("avec « %s », ", "with “%s”, ").In(d.Lang), x.Got), fmt.Sprintf(i18n.T("avec « %s » et vos autres réponses, ", "with “%s” and your other answers, ").In(d.Lang), x.Got)
	if x.Got == "" {
		with, and = i18n.T("sans réponse, ", "left blank, ").In(d.Lang), i18n.T("sans réponse et avec vos autres réponses, ", "left blank, with your other answers, ").In(d.Lang)
	}
	x.Effect = and + strings.TrimPrefix(e, with)
}

// effect says what classifying with one answer changed gives against the key's result.
func effect(ref, got string, before, after classify.Result, l i18n.Lang) (bool, string, []string) {
	var parts, rules []string
	for i, b := range before.Students {
		a := after.Students[i]
		added, removed := diffRules(b.Rules, a.Rules)
		rules = append(rules, added...)
		rules = append(rules, removed...)
		who := ""
		if b.Ref != ref {
			who = fmt.Sprintf(i18n.T("pour %s, ", "for %s, ").In(l), b.Ref)
		}
		switch {
		case a.Orientation != b.Orientation:
			s := who + becomes(a.Orientation, l) + fmt.Sprintf(i18n.T(" (au lieu de « %s »)", " (instead of “%s”)").In(l), b.Orientation.Label().In(l))
			if a.Orientation == classify.Incomplete && len(a.Missing) > 0 {
				s += fmt.Sprintf(i18n.T(" : %s est obligatoire", ": %s is required").In(l), grid.LabelList(a.Missing, l))
			}
			if len(added) > 0 {
				s += i18n.T(" : ", ": ").In(l) + strings.Join(added, ", ")
			}
			if len(removed) > 0 {
				s += fmt.Sprintf(i18n.T(" ; ne s’applique plus : %s", "; no longer applies: %s").In(l), strings.Join(removed, ", "))
			}
			parts = append(parts, s)
		case len(added) > 0 || len(removed) > 0:
			var s []string
			if len(added) > 0 {
				s = append(s, fmt.Sprintf(i18n.T("%ss’ajoute : %s", "%sadds %s").In(l), who, strings.Join(added, ", ")))
			}
			if len(removed) > 0 {
				s = append(s, fmt.Sprintf(i18n.T("%sne s’applique plus : %s", "%sno longer applies: %s").In(l), who, strings.Join(removed, ", ")))
			}
			parts = append(parts, strings.Join(s, i18n.T(" ; ", "; ").In(l)))
		}
	}
	bi, ai := before.Incident, after.Incident
	switch {
	case bi.Orientation == classify.UrgentCall && ai.Orientation != classify.UrgentCall:
		parts = append(parts, fmt.Sprintf(i18n.T("le 911 ne serait plus appelé sur-le-champ : le dossier devient « %s »",
			"911 would no longer be called at once: the incident becomes “%s”").In(l), ai.Orientation.Label().In(l)))
	case ai.Orientation == classify.UrgentCall && bi.Orientation != classify.UrgentCall:
		parts = append(parts, fmt.Sprintf(i18n.T("le dossier exigerait d’appeler le 911 sur-le-champ (au lieu de « %s »)",
			"the incident would call for 911 at once (instead of “%s”)").In(l), bi.Orientation.Label().In(l)))
	case ai.Orientation != bi.Orientation:
		parts = append(parts, fmt.Sprintf(i18n.T("le dossier devient « %s » (au lieu de « %s »)", "the incident becomes “%s” (instead of “%s”)").In(l),
			ai.Orientation.Label().In(l), bi.Orientation.Label().In(l)))
	}
	if len(parts) == 0 {
		return false, "", nil
	}
	with := fmt.Sprintf(i18n.T("avec « %s », ", "with “%s”, ").In(l), got)
	if got == "" {
		with = i18n.T("sans réponse, ", "left blank, ").In(l)
	}
	return true, with + strings.Join(parts, i18n.T(" ; ", "; ").In(l)), sortRules(rules)
}

func diffRules(before, after []string) (added, removed []string) {
	for _, r := range after {
		if !slices.Contains(before, r) {
			added = append(added, r)
		}
	}
	for _, r := range before {
		if !slices.Contains(after, r) {
			removed = append(removed, r)
		}
	}
	return added, removed
}

// becomes says what a student's orientation turns into.
func becomes(o classify.Orientation, l i18n.Lang) string {
	switch o {
	case classify.Malicious:
		return i18n.T("le geste devient malveillant", "the act becomes malicious").In(l)
	case classify.Impulsive:
		return i18n.T("le geste devient impulsif", "the act becomes impulsive").In(l)
	case classify.UrgentCall:
		return i18n.T("il faut appeler le 911 sur-le-champ", "911 must be called at once").In(l)
	case classify.Witness:
		return i18n.T("l’élève n’est plus que témoin ou destinataire", "the student is only a witness or recipient").In(l)
	case classify.Support:
		return i18n.T("l’élève devient la personne représentée (soutien)", "the student becomes the person depicted (support)").In(l)
	case classify.Incomplete:
		return i18n.T("la grille devient incomplète", "the grid becomes incomplete").In(l)
	}
	return string(o)
}

// same reports whether the trainee's answer a (ok: given) matches the key's want. Codes,
// numbers and dates must be equal; texts are compared leniently: case, accents, spaces and
// punctuation aside, digits alone for a phone number, any answer for a free account.
func same(it *grid.Item, want string, a workbook.Answer, ok bool) bool {
	if !ok {
		return false
	}
	switch it.Kind {
	case grid.Choice:
		return a.Code == want
	case grid.Int:
		return strconv.Itoa(a.Int) == want
	case grid.Date:
		return a.Time.Format("2006-01-02") == want
	case grid.DateTime:
		return !a.DateOnly && a.Time.Format("2006-01-02 15:04") == want
	}
	if narrative[it.Key] {
		return strings.TrimSpace(a.Text) != ""
	}
	return SameText(want, a.Text)
}

// SameText compares two free texts leniently: equal once case, accents, spaces and
// punctuation are set aside; a number written with other separators (450 555-0123,
// (450) 5550123); or the words of the shorter, two at least, all found in the longer
// ("Nadia Bélanger 4127" for "Agente Nadia Bélanger, matricule 4127").
func SameText(want, got string) bool {
	w, g := grid.Normalize(want), grid.Normalize(got)
	if w == g || strings.ReplaceAll(w, " ", "") == strings.ReplaceAll(g, " ", "") {
		return true
	}
	if dw, dg := digits(want), digits(got); len(dw) >= 7 && dw == dg && letters(want) == 0 && letters(got) == 0 {
		return true
	}
	ws, gs := strings.Fields(w), strings.Fields(g)
	short, long := ws, gs
	if len(gs) < len(ws) {
		short, long = gs, ws
	}
	if len(short) < 2 {
		return false
	}
	for _, t := range short {
		if !slices.Contains(long, t) {
			return false
		}
	}
	return true
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// shown is a key's value as people read it: an option's label, else the value.
func shown(it *grid.Item, v string, l i18n.Lang) string {
	if o, ok := it.Option(v); ok && it.Kind == grid.Choice {
		return o.Label.In(l)
	}
	return v
}

func shownAnswer(it *grid.Item, a workbook.Answer, l i18n.Lang) string {
	if it.Kind == grid.Choice && a.Code != "" {
		return shown(it, a.Code, l)
	}
	return a.Text // a code's label, or what was typed where no answer matched
}

// praise says what was right: whole sections right for every student, the orientations.
func (d *Debrief) praise(tallies map[string]*Tally) {
	l := d.Lang
	n := len(d.Case.Students)
	for _, sec := range grid.Student {
		t := tallies[sec.Title.FR]
		if t == nil || t.Total == 0 || t.Right != t.Total {
			continue
		}
		if sec.ID == "role" {
			d.Praise = append(d.Praise, everyStudent(n, l,
				i18n.T("les rôles de l’élève sont justes", "the student’s roles are right"),
				i18n.T("les rôles des deux élèves sont justes", "the roles of both students are right"),
				i18n.T("les rôles des %d élèves sont justes", "the roles of all %d students are right")))
			continue
		}
		d.Praise = append(d.Praise, fmt.Sprintf(i18n.T("« %s » : %s", "“%s”: %s").In(l), sec.Title.In(l), everyStudent(n, l,
			i18n.T("juste pour l’élève", "right for the student"),
			i18n.T("juste pour les deux élèves", "right for both students"),
			i18n.T("juste pour les %d élèves", "right for all %d students"))))
	}
	if t := tallies[grid.Incident.Title.FR]; t != nil && t.Right == t.Total {
		d.Praise = append(d.Praise, i18n.T("la feuille Dossier est juste", "the Incident sheet is right").In(l))
	}
	if t := tallies[grid.Devices.Title.FR]; t != nil && t.Right == t.Total {
		d.Praise = append(d.Praise, i18n.T("les appareils sont bien décrits et scellés", "the devices are described and sealed right").In(l))
	}
	right := 0
	for _, s := range d.Students {
		if s.Right() {
			right++
		}
	}
	if right > 0 {
		if right == n {
			d.Praise = append(d.Praise, everyStudent(n, l,
				i18n.T("l’orientation de l’élève est juste", "the student’s orientation is right"),
				i18n.T("l’orientation des deux élèves est juste", "the orientation of both students is right"),
				i18n.T("l’orientation des %d élèves est juste", "the orientation of all %d students is right")))
		} else {
			d.Praise = append(d.Praise, fmt.Sprintf(pluralWord(right, i18n.T("l’orientation est juste pour %d élève sur %d", "the orientation is right for %d student of %d"),
				i18n.T("l’orientation est juste pour %d élèves sur %d", "the orientation is right for %d students of %d"), l), right, n))
		}
	}
	if d.IncidentRight() {
		d.Praise = append(d.Praise, fmt.Sprintf(i18n.T("l’orientation du dossier est la bonne : « %s »", "the incident’s orientation is right: “%s”").In(l),
			d.Want.Incident.Orientation.Label().In(l)))
	}
	if d.OutcomeDiffs() == 0 {
		d.Praise = append(d.Praise, i18n.T("aucune différence ne change l’issue", "no difference changes the outcome").In(l))
	}
}

// everyStudent says something of every one of n students: one for a single student, two for
// two ("both students"), many otherwise; two and many may hold %d for n.
func everyStudent(n int, l i18n.Lang, one, two, many i18n.Text) string {
	format := many.In(l)
	switch n {
	case 1:
		return one.In(l)
	case 2:
		format = two.In(l)
	}
	if strings.Contains(format, "%d") {
		return fmt.Sprintf(format, n)
	}
	return format
}

// Mismatch is the sign that a trainee's file was filled in for another case than the one it
// is checked against: its file no. is not the key's, and none of the key's students is in it.
type Mismatch struct {
	Case      int    // the case checked against
	Got, Want string // the file's incident no. and the key's
	Names     []string
	Likely    int    // the case the file seems to be; 0 when none
	File      string // the trainee's file, to name it in the command to run
}

// WrongCase returns the mismatch between the trainee's file and case c, or nil when the file
// has the key's file no. or one of its students. The likely case is, among the cases of s in
// c's language, the one whose file no. the file has, else the one with most of its students.
func (s *Set) WrongCase(c *Case, got *workbook.Incident) *Mismatch {
	want := c.Incident["incident.id"]
	id := got.ID()
	if want == "" || SameText(want, id) || names(c, got) > 0 {
		return nil
	}
	m := &Mismatch{Case: c.Number, Got: id, Want: want, File: got.File}
	for _, st := range c.Students {
		m.Names = append(m.Names, st.Name())
	}
	best := 0
	for _, o := range s.List(c.Lang) {
		if o.Number == c.Number {
			continue
		}
		if oid := o.Incident["incident.id"]; oid != "" && SameText(oid, id) {
			m.Likely = o.Number
			break
		}
		if n := names(o, got); n > best {
			best, m.Likely = n, o.Number
		}
	}
	return m
}

// names counts the students of case c whose first and last names are those of a grid of got.
func names(c *Case, got *workbook.Incident) int {
	n := 0
	for _, s := range c.Students {
		want := grid.Normalize(s.Name())
		for _, g := range got.Students {
			if want != "" && grid.Normalize(g.Text("student.first_name")+" "+g.Text("student.last_name")) == want {
				n++
				break
			}
		}
	}
	return n
}

// Message says the mismatch in l, in a sentence.
func (m *Mismatch) Message(l i18n.Lang) string {
	got := m.Got
	if got == "" {
		got = i18n.T("(vide)", "(blank)").In(l)
	}
	s := fmt.Sprintf(i18n.T("ce fichier ne semble pas être celui du cas %d : son n° de dossier est « %s » alors que le cas %d attend « %s », et aucun élève du cas %d (%s) n’y figure",
		"this file does not seem to be case %d’s: its file no. is “%s” while case %d expects “%s”, and no student of case %d (%s) is in it").In(l),
		m.Case, got, m.Case, m.Want, m.Case, strings.Join(m.Names, ", "))
	if m.Likely > 0 {
		s += fmt.Sprintf(i18n.T(" ; c’est sans doute le cas %d : sexto exercise check %d %s", "; it is likely case %d: sexto exercise check %d %s").In(l),
			m.Likely, m.Likely, m.File)
	}
	return s + fmt.Sprintf(i18n.T(". Il est comparé au cas %d quand même.", ". It is compared with case %d all the same.").In(l), m.Case)
}
