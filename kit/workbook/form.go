package workbook

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/secure"
)

// This file reads the filled PDF incident form (SPEC §10) into the same model as a workbook:
// each field's value goes through the same parsing and checks as a cell's, so a form and a
// workbook with the same answers give the same incident and the same problems. A problem is
// located by page and field instead of sheet and cell: "page 4, Élève 2 › Motif déclaré".
// kit/secure checks the file and reads the fields; the field names are those of
// kit/printkit's form (incident.*, E<n>.<key>, D<n>.device.*, T<n>.at|action|by).

// IsPDF reports whether data is a PDF (the form) rather than a workbook.
func IsPDF(data []byte) bool { return bytes.HasPrefix(data, []byte("%PDF-")) }

var (
	deviceName  = i18n.T("Appareil D%d", "Device D%d")
	eventRowFmt = i18n.T("ligne %d", "row %d")
	formFieldRE = regexp.MustCompile(`^([EDT])([1-9][0-9]{0,3})\.(.+)$`)
)

// eventColumns are the fields of one row of the action log, with their headers.
var eventColumns = []string{"at", "action", "by"}

// parseField is parse for a field's value. A tick box's value is its code; the answer reads
// as its label in the form's language, the text a workbook's dropdown would have written.
func (r *reader) parseField(key, where, raw string) (Answer, bool) {
	a, ok := r.parse(key, where, raw)
	if ok && a.Code != "" {
		if o, found := grid.MustLookup(key).Option(a.Code); found && o.Code == strings.TrimSpace(raw) {
			a.Text = o.Label.In(r.in.Lang)
		}
	}
	return a, ok
}

// formItem is one answered field of the form, located.
type formItem struct {
	key, where, raw string
}

// readForm reads the filled PDF form called name.
func readForm(name string, data []byte) (*Incident, error) {
	f, err := secure.ReadForm(name, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	r := &reader{p: &pkg{}, in: &Incident{File: name, SHA256: hex.EncodeToString(sum[:]), Lang: f.Mark.Lang}}
	r.form(f)
	if len(r.problems) > 0 {
		return r.in, r.problems
	}
	return r.in, nil
}

// formWhere names a field as users see it: "page 4, Élève 2 › Motif déclaré".
// formWhere names a field of the form as its reader sees it and as a program fills it: the
// page, the grid and the printed label, then the field's name (page 7, Élève 2 › Motif
// déclaré [E2.intent.motive]).
func formWhere(page int, group, label, field string) string {
	s := group + " › " + label + " [" + field + "]"
	if page > 0 {
		s = fmt.Sprintf("page %d, %s", page, s)
	}
	return s
}

type formGroup struct {
	n     int
	items []formItem
	cells map[string]string
}

func (r *reader) form(f *secure.FilledForm) {
	l := r.in.Lang
	dossier := &itemSheet{Sheet: Sheet{Name: dossierName.In(l), Answers: map[string]Answer{}}, kind: kindDossier, cells: map[string]string{}}
	groups := map[byte]map[int]*formGroup{'E': {}, 'D': {}, 'T': {}}
	group := func(kind byte, n int) *formGroup {
		g, ok := groups[kind][n]
		if !ok {
			g = &formGroup{n: n, cells: map[string]string{}}
			groups[kind][n] = g
		}
		return g
	}
	for _, fd := range f.Fields {
		raw := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(fd.Value)
		if it, ok := grid.Lookup(fd.Name); ok && strings.HasPrefix(it.Key, "incident.") {
			where := formWhere(fd.Page, dossier.Name, it.Label.In(l), fd.Name)
			dossier.cells[it.Key] = where
			if strings.TrimSpace(raw) != "" {
				if ans, ok := r.parseField(it.Key, where, raw); ok {
					dossier.Answers[it.Key] = ans
				}
			}
			continue
		}
		m := formFieldRE.FindStringSubmatch(fd.Name)
		known := false
		if m != nil {
			n, _ := strconv.Atoi(m[2])
			kind, key := m[1][0], m[3]
			switch kind {
			case 'E':
				if it, ok := grid.Lookup(key); ok && !strings.HasPrefix(key, "incident.") && !grid.IsDevice(key) {
					g := group(kind, n)
					where := formWhere(fd.Page, StudentSheetName(l, n), it.Label.In(l), fd.Name)
					g.cells[key] = where
					g.items = append(g.items, formItem{key, where, raw})
					known = true
				}
			case 'D':
				if it, ok := grid.Lookup(key); ok && grid.IsDevice(key) {
					g := group(kind, n)
					where := formWhere(fd.Page, fmt.Sprintf(deviceName.In(l), n), it.Label.In(l), fd.Name)
					g.cells[key] = where
					g.items = append(g.items, formItem{key, where, raw})
					known = true
				}
			case 'T':
				for c, col := range eventColumns {
					if key == col {
						g := group(kind, n)
						where := formWhere(fd.Page, timelineName.In(l)+" › "+fmt.Sprintf(eventRowFmt.In(l), n), eventHeaders[c].In(l), fd.Name)
						g.items = append(g.items, formItem{key, where, raw})
						known = true
					}
				}
			}
		}
		if !known && strings.TrimSpace(raw) != "" {
			where := fd.Name
			if fd.Page > 0 {
				where = fmt.Sprintf("page %d, %s", fd.Page, fd.Name)
			}
			r.problem(where, i18n.T("champ « %s » inconnu : il n'est pas du formulaire de sexto et sa réponse serait perdue ; recopiez-la dans le champ prévu",
				"unknown field “%s”: it is not one of sexto's form and its answer would be lost; copy it into the field meant for it"), fd.Name)
		}
	}

	refs := map[string]string{}
	for _, g := range sortedGroups(groups['E']) {
		name := StudentSheetName(l, g.n)
		st := Student{Sheet: Sheet{Name: name, Answers: map[string]Answer{}}, cells: g.cells}
		for _, it := range g.items {
			if strings.TrimSpace(it.raw) == "" {
				continue
			}
			if ans, ok := r.parseField(it.key, it.where, it.raw); ok {
				st.Answers[it.key] = ans
			} else if ans.Text != "" {
				st.reject(ans)
			}
		}
		if st.empty() {
			continue // a blank grid, or one with only its printed ref
		}
		if !r.addStudent(st, name, refs) {
			break
		}
	}
	for _, g := range sortedGroups(groups['D']) {
		r.formDevice(g, l)
	}
	for _, g := range sortedGroups(groups['T']) {
		r.formEvent(g)
	}
	r.linkDevices(nil)
	r.checkRead(dossier)
	r.in.Dossier = dossier.Sheet
	if dossier.Text("incident.id") == "" {
		it := grid.MustLookup("incident.id")
		where := dossier.cells["incident.id"]
		if where == "" {
			where = dossier.Name
		}
		r.problem(where, i18n.T("le « %s » est obligatoire", "“%s” is required"), it.Label)
	}
}

func sortedGroups(m map[int]*formGroup) []*formGroup {
	out := make([]*formGroup, 0, len(m))
	for _, g := range m {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].n < out[j].n })
	return out
}

// formDevice reads one device block, as a row of the devices sheet.
func (r *reader) formDevice(g *formGroup, l i18n.Lang) {
	d := Device{Sheet: Sheet{Name: devicesName.In(l), Answers: map[string]Answer{}}, Row: g.n}
	empty := true
	for _, it := range g.items {
		if strings.TrimSpace(it.raw) == "" {
			continue
		}
		empty = false
		if ans, ok := r.parseField(it.key, it.where, it.raw); ok {
			d.Answers[it.key] = ans
		}
	}
	if empty {
		return
	}
	if _, ok := d.Answers["device.owner"]; !ok {
		where := g.cells["device.owner"]
		if where == "" {
			where = fmt.Sprintf(deviceName.In(l), g.n)
		}
		r.problem(where, i18n.T("appareil sans réf. élève : indiquez la réf. de la grille de son propriétaire (E1, E2…)",
			"device with no student ref: enter the ref of its owner's grid (E1, E2…)"))
	}
	if len(r.in.Devices) >= MaxDevices {
		r.problem(d.Name, i18n.T("plus de %d appareils", "more than %d devices"), MaxDevices)
		return
	}
	r.in.Devices = append(r.in.Devices, d)
}

// formEvent reads one row of the action log, as a row of the timeline sheet.
func (r *reader) formEvent(g *formGroup) {
	var at, atWhere string
	e := Event{Row: g.n}
	where := map[string]string{}
	for _, it := range g.items {
		where[it.key] = it.where
		switch it.key {
		case "at":
			at, atWhere = it.raw, it.where
		case "action":
			e.Text = cleanText(it.raw)
		case "by":
			e.By = cleanText(it.raw)
		}
	}
	if strings.TrimSpace(at) == "" && e.Text == "" && e.By == "" {
		return
	}
	if strings.TrimSpace(at) != "" {
		t, ok := parseTime(at, false)
		if !ok {
			r.problem(atWhere, i18n.T("« %s » n'est pas une date (attendu : AAAA-MM-JJ HH:MM)",
				"“%s” is not a date (expected: YYYY-MM-DD HH:MM)"), strings.TrimSpace(at))
			return
		}
		if !r.plausibleYear(atWhere, at, t) {
			return
		}
		e.At = t
	}
	for _, s := range []struct{ v, key string }{{e.Text, "action"}, {e.By, "by"}} {
		r.formulaError(where[s.key], s.v)
		if n := len([]rune(s.v)); n > MaxTextRunes {
			r.problem(where[s.key], i18n.T("texte trop long (%d caractères, au plus %d)", "text too long (%d characters, at most %d)"), n, MaxTextRunes)
		}
	}
	r.in.Timeline = append(r.in.Timeline, e)
}
