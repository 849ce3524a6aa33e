// Package exercise holds SEXTO's training cases (SPEC §11): fictional incidents, each a data
// file per language with a briefing (the disclosure and what each student says, never the
// content) and an answer key (every grid item, the devices, the expected orientations and
// rules). It reads and checks case files against the grid catalogue, writes a case's briefing
// as a PDF, and compares a trainee's filled workbook with the key item by item, saying what
// each difference changes, through the same classifier as a real incident.
package exercise

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"sexto/kit/classify"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/workbook"
)

// MaxNumber bounds a case's number.
const MaxNumber = 99

// Case is one training case in one language.
type Case struct {
	Number int
	Lang   i18n.Lang
	Title  string
	Trains string // what the case trains, in a sentence
	Lesson string // what the debrief ends with: what the case teaches
	// The briefing: the setting, the disclosure (who comes to whom, when) and what follows.
	Setting, Disclosure, After string
	// Incident is the key of the incident sheet, by item key (incident.id…).
	Incident map[string]string
	Expected Expected
	Students []Student
	// Devices are the key's devices-sheet rows, by item key (device.owner…).
	Devices []map[string]string
	// File names the case file in messages ("templates/cases/fr/01-….toml" or the path read).
	File string
	loc  *locator // the lines of the file's keys
}

// Expected is an orientation and the rules that give it.
type Expected struct {
	Orientation classify.Orientation
	Rules       []string
}

// Student is one student of a case: what they say in the individual meeting, and the key of
// their grid.
type Student struct {
	Ref      string
	Says     string
	Expected Expected
	// Answers is the key of the grid, by item key, with student.ref; coded items hold codes,
	// dates are written 2006-01-02 and times 2006-01-02 15:04.
	Answers map[string]string
	// Why explains an expected answer, by item key: printed beside a difference.
	Why map[string]string
}

// Name is the student's first and last names, from the key.
func (s *Student) Name() string {
	return strings.TrimSpace(s.Answers["student.first_name"] + " " + s.Answers["student.last_name"])
}

// DevicesOf returns the key's devices of the student with ref.
func (c *Case) DevicesOf(ref string) []map[string]string {
	var out []map[string]string
	for _, d := range c.Devices {
		if d["device.owner"] == ref {
			out = append(out, d)
		}
	}
	return out
}

// problems gathers the mistakes of a case file, each with its line.
type problems struct {
	file string
	loc  *locator
	list i18n.List
}

func (p *problems) at(path string, msg i18n.Text, args ...any) {
	p.list = append(p.list, &Problem{File: p.file, Line: p.loc.line(path), Msg: msg, Args: args})
}

// Problem is one mistake in a case file, named by file and line.
type Problem struct {
	File string
	Line int // 0 when unknown
	Msg  i18n.Text
	Args []any
}

func (p *Problem) Error() string { return p.Localize(i18n.FR) }

// Localize renders "file, ligne N : message" in l.
func (p *Problem) Localize(l i18n.Lang) string {
	where := p.File
	if p.Line > 0 {
		where += fmt.Sprintf(i18n.T(", ligne %d", ", line %d").In(l), p.Line)
	}
	sep := " : "
	if l == i18n.EN {
		sep = ": "
	}
	return where + sep + (&i18n.Error{Msg: p.Msg, Args: p.Args}).Localize(l)
}

// Parse reads the case file called name (its language folder is lang, or "" when unknown)
// and checks it against the grid catalogue and the rules: every mistake is reported, with
// its line, as an i18n.List of *Problem.
func Parse(name string, lang i18n.Lang, data []byte) (*Case, error) {
	src := strings.TrimPrefix(string(data), "\ufeff")
	p := &problems{file: name, loc: locate(src)}
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, i18n.List{&Problem{File: name, Line: perr.Position.Line,
				Msg: i18n.T("erreur de syntaxe TOML : %s (un texte s’écrit entre guillemets droits, un texte de plusieurs lignes entre \"\"\" et \"\"\")",
					"TOML syntax error: %s (text goes between straight quotes, text of several lines between \"\"\" and \"\"\")"),
				Args: []any{perr.Message}}}
		}
		return nil, i18n.List{&Problem{File: name, Msg: i18n.T("fichier illisible : %s", "unreadable file: %s"), Args: []any{err.Error()}}}
	}
	c := &Case{File: name, Incident: map[string]string{}, loc: p.loc}
	p.top(c, raw, lang)
	if len(p.list) == 0 {
		p.coherent(c)
	}
	if len(p.list) == 0 {
		p.classifies(c)
	}
	if len(p.list) > 0 {
		// in the order of the file, as a person corrects it; what has no line, last
		key := func(i int) int {
			if n := p.list[i].(*Problem).Line; n > 0 {
				return n
			}
			return 1 << 30
		}
		sort.SliceStable(p.list, func(i, j int) bool { return key(i) < key(j) })
		return nil, p.list
	}
	return c, nil
}

var topKeys = []string{"case", "language", "title", "trains", "lesson", "briefing", "incident", "expected", "student", "device"}

func (p *problems) top(c *Case, raw map[string]any, lang i18n.Lang) {
	for _, k := range sortedKeys(raw) {
		if !slices.Contains(topKeys, k) {
			p.unknown(k, k, topKeys)
		}
	}
	switch n, ok := raw["case"].(int64); {
	case raw["case"] == nil:
		p.at("", i18n.T("« case » manque : le numéro du cas (case = 1)", "“case” is missing: the case's number (case = 1)"))
	case !ok || n < 1 || n > MaxNumber:
		p.at("case", i18n.T("« case » doit être un nombre entier de 1 à %d, sans guillemets", "“case” must be a whole number from 1 to %d, without quotes"), MaxNumber)
	default:
		c.Number = int(n)
	}
	switch s, _ := raw["language"].(string); {
	case s == "fr" || s == "en":
		c.Lang = i18n.Lang(s)
		if lang != "" && c.Lang != lang {
			p.at("language", i18n.T("language = « %s », mais le fichier est dans le dossier %s/ : rangez-le dans %s/ ou corrigez la langue",
				"language = “%s”, but the file is in the %s/ folder: move it to %s/ or correct the language"), s, lang, s)
		}
	default:
		p.at("language", i18n.T("« language » doit être \"fr\" ou \"en\"", "“language” must be \"fr\" or \"en\""))
	}
	c.Title = p.text(raw, "title", "", true)
	c.Trains = p.text(raw, "trains", "", true)
	c.Lesson = p.text(raw, "lesson", "", false)

	br := p.table(raw, "briefing", "")
	for _, k := range sortedKeys(br) {
		if !slices.Contains([]string{"setting", "disclosure", "after"}, k) {
			p.unknown("briefing."+k, k, []string{"setting", "disclosure", "after"})
		}
	}
	c.Setting = p.text(br, "setting", "briefing", false)
	c.Disclosure = p.text(br, "disclosure", "briefing", true)
	c.After = p.text(br, "after", "briefing", false)

	for k, v := range p.table(raw, "incident", "") {
		key := "incident." + k
		if _, ok := grid.Lookup(key); !ok {
			p.unknownItem("incident."+k, k, itemNames(grid.Incident.Items, "incident."), i18n.T("la feuille Dossier", "the Incident sheet"))
			continue
		}
		if s, ok := p.value(key, "incident."+k, v); ok {
			c.Incident[key] = s
		}
	}
	c.Expected = p.expected(p.table(raw, "expected", ""), "expected", true)

	students, _ := raw["student"].([]map[string]any)
	if raw["student"] != nil && students == nil {
		p.at("student", i18n.T("les élèves s’écrivent en tables [[student]], une par élève", "students are written as [[student]] tables, one per student"))
	}
	if len(students) == 0 && raw["student"] == nil {
		p.at("", i18n.T("aucun élève : ajoutez une table [[student]] par élève", "no student: add one [[student]] table per student"))
	}
	refs := map[string]bool{}
	for i, st := range students {
		c.Students = append(c.Students, p.student(st, fmt.Sprintf("student[%d]", i), refs))
	}
	devices, _ := raw["device"].([]map[string]any)
	if raw["device"] != nil && devices == nil {
		p.at("device", i18n.T("les appareils s’écrivent en tables [[device]], une par appareil", "devices are written as [[device]] tables, one per device"))
	}
	for i, d := range devices {
		path := fmt.Sprintf("device[%d]", i)
		row := map[string]string{}
		for _, k := range sortedKeys(d) {
			key := "device." + k
			if !grid.IsDevice(key) {
				p.unknownItem(path+"."+k, k, itemNames(grid.Devices.Items, "device."), i18n.T("la feuille Appareils", "the Devices sheet"))
				continue
			}
			if s, ok := p.value(key, path+"."+k, d[k]); ok {
				row[key] = s
			}
		}
		c.Devices = append(c.Devices, row)
	}
}

var studentKeys = []string{"ref", "says", "orientation", "rules", "grid", "why"}

func (p *problems) student(st map[string]any, path string, refs map[string]bool) Student {
	s := Student{Answers: map[string]string{}, Why: map[string]string{}}
	for _, k := range sortedKeys(st) {
		if !slices.Contains(studentKeys, k) {
			p.unknown(path+"."+k, k, studentKeys)
		}
	}
	s.Ref = p.text(st, "ref", path, true)
	if s.Ref != "" {
		if !refForm(s.Ref) {
			p.at(path+".ref", i18n.T("« %s » n'est pas une réf. élève : E suivi d'un nombre de 1 à 99 (E1, E2…)", "“%s” is not a student ref: E followed by a number from 1 to 99 (E1, E2…)"), s.Ref)
		} else if refs[s.Ref] {
			p.at(path+".ref", i18n.T("la réf. « %s » figure deux fois ; chaque élève a la sienne", "the ref “%s” appears twice; each student has their own"), s.Ref)
		}
		refs[s.Ref] = true
	}
	s.Says = p.text(st, "says", path, true)
	s.Expected = p.expected(st, path, false)
	g := p.table(st, "grid", path)
	if st["grid"] == nil {
		p.at(path, i18n.T("l'élève %s n'a pas de corrigé : ajoutez sa table [student.grid]", "student %s has no key: add their [student.grid] table"), s.Ref)
	}
	for _, kv := range flatten(g, "") {
		it, ok := grid.Lookup(kv.key)
		if !ok || strings.HasPrefix(kv.key, "incident.") || grid.IsDevice(kv.key) {
			p.unknownItem(path+".grid."+kv.key, kv.key, studentItemNames(), i18n.T("la grille d'un élève", "a student's grid"))
			continue
		}
		v, ok := p.value(it.Key, path+".grid."+kv.key, kv.value)
		if !ok {
			continue
		}
		if it.Key == "student.ref" && v != s.Ref {
			p.at(path+".grid."+kv.key, i18n.T("student.ref = « %s » diffère de ref = « %s » : gardez seulement ref", "student.ref = “%s” differs from ref = “%s”: keep ref only"), v, s.Ref)
		}
		s.Answers[it.Key] = v
	}
	if s.Ref != "" {
		s.Answers["student.ref"] = s.Ref
	}
	for _, kv := range flatten(p.table(st, "why", path), "") {
		if _, ok := grid.Lookup(kv.key); !ok || strings.HasPrefix(kv.key, "incident.") || grid.IsDevice(kv.key) {
			p.unknownItem(path+".why."+kv.key, kv.key, studentItemNames(), i18n.T("la grille d'un élève", "a student's grid"))
			continue
		}
		text, ok := kv.value.(string)
		if !ok {
			p.at(path+".why."+kv.key, i18n.T("une explication est un texte entre guillemets", "an explanation is text between quotes"))
			continue
		}
		s.Why[kv.key] = strings.TrimSpace(text)
	}
	return s
}

// expected reads orientation and rules from t (a student, or the [expected] table).
func (p *problems) expected(t map[string]any, path string, incident bool) Expected {
	var e Expected
	at := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	if incident {
		for _, k := range sortedKeys(t) {
			if k != "orientation" && k != "rules" {
				p.unknown(at(k), k, []string{"orientation", "rules"})
			}
		}
	}
	o, _ := t["orientation"].(string)
	if o == "" {
		p.at(path, i18n.T("« orientation » manque : l'orientation attendue (%s)", "“orientation” is missing: the expected orientation (%s)"), orientationCodes())
	} else if !slices.Contains(classify.Orientations, classify.Orientation(o)) || o == string(classify.Incomplete) {
		p.at(at("orientation"), i18n.T("orientation « %s » inconnue ; permises : %s", "unknown orientation “%s”; allowed: %s"), o, orientationCodes())
	} else {
		e.Orientation = classify.Orientation(o)
	}
	switch rs := t["rules"].(type) {
	case nil:
		e.Rules = []string{}
	case []any:
		e.Rules = []string{}
		for _, r := range rs {
			id, _ := r.(string)
			if _, ok := classify.RuleByID(id); !ok {
				p.at(at("rules"), i18n.T("règle « %v » inconnue ; « sexto rules » les énumère (U-ADULT, M-INTENT…)", "unknown rule “%v”; “sexto rules” lists them (U-ADULT, M-INTENT…)"), r)
				continue
			}
			e.Rules = append(e.Rules, id)
		}
	default:
		p.at(at("rules"), i18n.T("« rules » est une liste : rules = [\"M-INTENT\"] ou rules = []", "“rules” is a list: rules = [\"M-INTENT\"] or rules = []"))
	}
	return e
}

func orientationCodes() string {
	var out []string
	for _, o := range classify.Orientations {
		if o != classify.Incomplete {
			out = append(out, string(o))
		}
	}
	return strings.Join(out, ", ")
}

// text reads a text key of t; path is t's path.
func (p *problems) text(t map[string]any, key, path string, required bool) string {
	at := key
	if path != "" {
		at = path + "." + key
	}
	v, ok := t[key]
	if !ok {
		if required {
			p.at(path, i18n.T("« %s » manque", "“%s” is missing"), key)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		p.at(at, i18n.T("« %s » est un texte entre guillemets", "“%s” is text between quotes"), key)
		return ""
	}
	s = strings.TrimSpace(s)
	if s == "" && required {
		p.at(at, i18n.T("« %s » est vide", "“%s” is empty"), key)
	}
	return s
}

// table reads a sub-table of t.
func (p *problems) table(t map[string]any, key, path string) map[string]any {
	v, ok := t[key]
	if !ok {
		return map[string]any{}
	}
	m, ok := v.(map[string]any)
	if !ok {
		at := key
		if path != "" {
			at = path + "." + key
		}
		p.at(at, i18n.T("« %s » est une table : [%s] sur sa propre ligne, puis ses clés", "“%s” is a table: [%s] on a line of its own, then its keys"), key, strings.TrimPrefix(at, "student[0]."))
		return map[string]any{}
	}
	return m
}

type keyValue struct {
	key   string
	value any
}

// flatten turns the nested tables that dotted keys make (role.kept = "oui" is role → kept)
// back into item keys, in sorted order.
func flatten(t map[string]any, prefix string) []keyValue {
	var out []keyValue
	for _, k := range sortedKeys(t) {
		if m, ok := t[k].(map[string]any); ok {
			out = append(out, flatten(m, prefix+k+".")...)
			continue
		}
		out = append(out, keyValue{prefix + k, t[k]})
	}
	return out
}

// value checks v as an answer to the item key and returns it in canonical form.
func (p *problems) value(key, path string, v any) (string, bool) {
	it := grid.MustLookup(key)
	switch it.Kind {
	case grid.Choice:
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case bool: // yes-no items may be written true / false
			s = map[bool]string{true: "oui", false: "non"}[x]
		case int64:
			s = strconv.FormatInt(x, 10)
		}
		code, ok := it.Match(s)
		if !ok {
			codes := make([]string, len(it.Options))
			for i, o := range it.Options {
				codes[i] = o.Code
			}
			if o, close := it.Suggest(s); close && s != "" {
				p.at(path, i18n.T("« %v » n'est pas une réponse permise pour %s ; vouliez-vous dire « %s » ? Codes permis : %s",
					"“%v” is not an allowed answer for %s; did you mean “%s”? Allowed codes: %s"), v, key, o.Code, strings.Join(codes, ", "))
			} else {
				p.at(path, i18n.T("« %v » n'est pas une réponse permise pour %s ; codes permis : %s",
					"“%v” is not an allowed answer for %s; allowed codes: %s"), v, key, strings.Join(codes, ", "))
			}
			return "", false
		}
		return code, true
	case grid.Int:
		var n int64
		var err error
		switch x := v.(type) {
		case int64:
			n = x
		case string:
			n, err = strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		default:
			err = errors.New("not a number")
		}
		if err != nil || n < int64(it.Min) || n > int64(it.Max) {
			p.at(path, i18n.T("%s : « %v » n'est pas un nombre entier de %d à %d", "%s: “%v” is not a whole number from %d to %d"), key, v, it.Min, it.Max)
			return "", false
		}
		return strconv.FormatInt(n, 10), true
	case grid.Date, grid.DateTime:
		t, ok := parseTime(v)
		if !ok {
			format := i18n.T("\"AAAA-MM-JJ HH:MM\"", "\"YYYY-MM-DD HH:MM\"")
			if it.Kind == grid.Date {
				format = i18n.T("\"AAAA-MM-JJ\"", "\"YYYY-MM-DD\"")
			}
			p.at(path, i18n.T("%s : « %v » n'est pas une date (attendu : %s)", "%s: “%v” is not a date (expected: %s)"), key, v, format)
			return "", false
		}
		if it.Kind == grid.Date {
			return t.Format("2006-01-02"), true
		}
		return t.Format("2006-01-02 15:04"), true
	}
	s, ok := v.(string)
	if !ok {
		p.at(path, i18n.T("%s est un texte entre guillemets", "%s is text between quotes"), key)
		return "", false
	}
	return strings.TrimSpace(s), true
}

// parseTime reads a date written as text (2026-11-24 08:15) or as a TOML date, wall clock.
func parseTime(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), 0, 0, time.UTC), true
	case string:
		for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02"} {
			if t, err := time.Parse(layout, strings.TrimSpace(x)); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func (p *problems) unknown(path, k string, allowed []string) {
	if s := closest(k, allowed); s != "" {
		p.at(path, i18n.T("clé inconnue « %s » ; vouliez-vous dire « %s » ?", "unknown key “%s”; did you mean “%s”?"), k, s)
		return
	}
	p.at(path, i18n.T("clé inconnue « %s » ; clés permises : %s", "unknown key “%s”; allowed keys: %s"), k, strings.Join(allowed, ", "))
}

func (p *problems) unknownItem(path, k string, allowed []string, where i18n.Text) {
	if s := closest(k, allowed); s != "" {
		p.at(path, i18n.T("« %s » n'est pas une rubrique de %s ; vouliez-vous dire « %s » ?", "“%s” is not an item of %s; did you mean “%s”?"), k, where, s)
		return
	}
	p.at(path, i18n.T("« %s » n'est pas une rubrique de %s (« sexto template » montre les clés en colonne A)",
		"“%s” is not an item of %s (“sexto template” shows the keys in column A)"), k, where)
}

func itemNames(items []grid.Item, trim string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = strings.TrimPrefix(it.Key, trim)
	}
	return out
}

func studentItemNames() []string {
	var out []string
	for _, s := range grid.Student {
		out = append(out, itemNames(s.Items, "")...)
	}
	return out
}

// closest returns the allowed word nearest to k (at most two edits away), or "".
func closest(k string, allowed []string) string {
	best, bestD := "", 3
	for _, a := range allowed {
		if d := i18n.Distance(k, a); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}

func refForm(s string) bool {
	if len(s) < 2 || len(s) > 3 || s[0] != 'E' || s[1] == '0' {
		return false
	}
	_, err := strconv.Atoi(s[1:])
	return err == nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// coherent checks the key as the workbook reader would check a filled workbook: the required
// items, the file number, the devices and their owners.
func (p *problems) coherent(c *Case) {
	for _, k := range []string{"incident.id", "incident.disclosed_at", "incident.intervener"} {
		if c.Incident[k] == "" {
			p.at("incident", i18n.T("[incident] : « %s » manque (obligatoire)", "[incident]: “%s” is missing (required)"), strings.TrimPrefix(k, "incident."))
		}
	}
	if id := c.Incident["incident.id"]; id != "" && !workbook.SafeID(id) {
		p.at("incident.id", i18n.T("le n° de dossier « %s » ne peut nommer un fichier : lettres sans accents, chiffres, - et _ seulement", "the file no. “%s” cannot name a file: unaccented letters, digits, - and _ only"), id)
	}
	for i, s := range c.Students {
		path := fmt.Sprintf("student[%d].grid", i)
		acting := grid.Acting(func(k string) string { return s.Answers[k] })
		var missing []string
		for _, sec := range grid.Student {
			for _, it := range sec.Items {
				if s.Answers[it.Key] == "" && (it.Required || acting && it.RequiredActing) {
					missing = append(missing, it.Key)
				}
			}
		}
		if len(missing) > 0 {
			p.at(path, i18n.T("%s : le corrigé doit répondre à %s (obligatoire)", "%s: the key must answer %s (required)"), s.Ref, strings.Join(missing, ", "))
		}
		devs := c.DevicesOf(s.Ref)
		switch seized := s.Answers["device.seized"]; {
		case seized == "oui" && len(devs) == 0:
			p.at(path+".device.seized", i18n.T("%s : device.seized = \"oui\", mais aucune table [[device]] n'a owner = \"%s\"", "%s: device.seized = \"oui\", but no [[device]] table has owner = \"%s\""), s.Ref, s.Ref)
		case seized != "oui" && len(devs) > 0:
			p.at(path+".device.seized", i18n.T("%s : des appareils ont owner = \"%s\", mais device.seized n'est pas \"oui\"", "%s: devices have owner = \"%s\", but device.seized is not \"oui\""), s.Ref, s.Ref)
		}
	}
	refs := map[string]bool{}
	for _, s := range c.Students {
		refs[s.Ref] = true
	}
	for i, d := range c.Devices {
		path := fmt.Sprintf("device[%d]", i)
		if !refs[d["device.owner"]] {
			p.at(path+".owner", i18n.T("appareil sans élève : owner = « %s » n'est la réf. d'aucun élève du cas", "device without a student: owner = “%s” is the ref of no student of the case"), d["device.owner"])
		}
		for _, it := range grid.Devices.Items {
			if it.Required && it.Key != "device.owner" && d[it.Key] == "" {
				p.at(path, i18n.T("appareil %d : « %s » manque (obligatoire)", "device %d: “%s” is missing (required)"), i+1, strings.TrimPrefix(it.Key, "device."))
			}
		}
	}
}

// classifies checks that the key, under the rules in force, gives the orientations and rules
// the case expects, so that a rules change that breaks a case is caught where it is written.
func (p *problems) classifies(c *Case) {
	res := c.Key().Classify()
	for i, sr := range res.Students {
		want := c.Students[i].Expected
		if sr.Orientation != want.Orientation || !slices.Equal(sr.Rules, sortRules(want.Rules)) {
			p.at(fmt.Sprintf("student[%d].orientation", i), i18n.T("%s : le corrigé donne %s (règles : %s) sous les règles %s, et non %s (règles : %s) ; corrigez la grille ou l'orientation attendue",
				"%s: the key gives %s (rules: %s) under rules %s, not %s (rules: %s); correct the grid or the expected orientation"),
				sr.Ref, sr.Orientation, ruleList(sr.Rules), res.RulesVersion, want.Orientation, ruleList(want.Rules))
		}
		if len(sr.Unevaluated) > 0 {
			p.at(fmt.Sprintf("student[%d].grid", i), i18n.T("%s : règles non évaluées faute d'âge (%s) ; donnez les dates de naissance", "%s: rules not evaluated for lack of an age (%s); give the birth dates"),
				sr.Ref, ruleList(sr.Unevaluated))
		}
	}
	inc := res.Incident
	if inc.Orientation != c.Expected.Orientation || !slices.Equal(inc.Rules, sortRules(c.Expected.Rules)) {
		p.at("expected.orientation", i18n.T("le corrigé donne au dossier %s (règles : %s), et non %s (règles : %s) ; les règles du dossier sont celles qui donnent son orientation : toutes les règles d'appel immédiat (U-) s'il est urgent, sinon celles des élèves qui ont cette orientation",
			"the key gives the incident %s (rules: %s), not %s (rules: %s); the incident's rules are those that give its orientation: every immediate-call rule (U-) when it is urgent, else those of the students with that orientation"),
			inc.Orientation, ruleList(inc.Rules), c.Expected.Orientation, ruleList(c.Expected.Rules))
	}
}

// sortRules puts rule IDs in the classifier's order.
func sortRules(ids []string) []string {
	out := []string{}
	for _, r := range classify.Rules {
		if slices.Contains(ids, r.ID) {
			out = append(out, r.ID)
		}
	}
	return out
}

func ruleList(ids []string) string {
	if len(ids) == 0 {
		return "—"
	}
	return strings.Join(ids, ", ")
}
