package workbook

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"sexto/kit/clock"
	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// Problem is one thing wrong in a workbook, located by file and cell.
type Problem struct {
	File string
	Cell string // "Élève 2!C14", or a sheet name, or ""
	Msg  i18n.Text
	Args []any
}

func (p *Problem) Error() string { return p.Localize(i18n.FR) }

// Localize renders "file, cell : message" in l.
func (p *Problem) Localize(l i18n.Lang) string {
	where := p.File
	if p.Cell != "" {
		where += ", " + p.Cell
	}
	sep := " : "
	if l == i18n.EN {
		sep = ": "
	}
	return where + sep + (&i18n.Error{Msg: p.Msg, Args: p.Args}).Localize(l)
}

// Problems is every problem of a workbook, reported together.
type Problems = i18n.List

// ErrProblems marks the error Read returns when the workbook was read but its contents are
// wrong (as opposed to refused before reading).
var ErrProblems = errors.New("workbook has problems")

// ReadFile reads and checks the workbook at path.
func ReadFile(path string) (*Incident, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &Refusal{Kind: NotFound, File: path}
	}
	// a folder, a device (/dev/zero) or a pipe named .xlsx: opening one blocks, reading one
	// never ends
	if !st.Mode().IsRegular() {
		return nil, &Refusal{Kind: NotRegular, File: path}
	}
	if st.Size() > MaxFileBytes {
		return nil, &Refusal{Kind: TooLarge, File: path}
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, i18n.Wrap(err, i18n.T("%s : lecture impossible", "%s: cannot read"), path)
	}
	defer fh.Close()
	data, err := readLimited(fh, st.Size(), MaxFileBytes) // one buffer of the file's size, not grown by doubling
	if err != nil {
		return nil, i18n.Wrap(err, i18n.T("%s : lecture impossible", "%s: cannot read"), path)
	}
	return Read(path, data)
}

// Read checks data (the bytes of the file called name) and reads every sheet. The error is a
// *Refusal when the file was refused before reading, or a Problems list (every problem, with
// its cell) when it was read but is wrong.
func Read(name string, data []byte) (*Incident, error) {
	if IsPDF(data) {
		return readForm(name, data) // the fillable form (form.go)
	}
	_, parts, err := sniff(name, data)
	if err != nil {
		return nil, err
	}
	p, err := openPackage(parts)
	if err != nil {
		var ref *Refusal
		if errors.As(err, &ref) {
			ref.File = name
			return nil, ref
		}
		return nil, &Refusal{Kind: Damaged, File: name}
	}
	sum := sha256.Sum256(data)
	r := &reader{p: p, in: &Incident{File: name, SHA256: hex.EncodeToString(sum[:]), Lang: i18n.FR}}
	r.read()
	if len(r.problems) > 0 {
		return r.in, r.problems
	}
	return r.in, nil
}

type reader struct {
	p        *pkg
	in       *Incident
	problems Problems
}

func (r *reader) problem(cell string, msg i18n.Text, args ...any) {
	r.problems = append(r.problems, &Problem{File: r.in.File, Cell: cell, Msg: msg, Args: args})
}

// row is one row of a sheet as read: its number, columns A to L, and the formulas that
// have no computed value.
type row struct {
	n       int
	cells   []string
	noValue *[maxCols]string // nil when every formula has its value, as in most rows
}

// formula returns the formula of column c (from 0) when it has no computed value.
func (r row) formula(c int) string {
	if r.noValue == nil || c < 0 || c >= len(r.noValue) {
		return ""
	}
	return r.noValue[c]
}

func (r *reader) rows(sheet pkgSheet) ([]row, bool) {
	var out []row
	// the rows' cells share blocks of 256 strings: a slice of each sheetRow's array would move
	// every row (392 bytes) to the heap, and most rows use four columns of twelve
	var slab []string
	complete := true
	cut, err := r.p.scanRows(sheet.part, func(sr sheetRow) bool {
		if len(out) >= MaxRowsPerSheet {
			r.problem(sheet.name, i18n.T("la feuille a plus de %d lignes ; un classeur d'incident n'en a que quelques dizaines (supprimez les lignes ajoutées)",
				"the sheet has more than %d rows; an incident workbook has a few dozen (delete the added rows)"), MaxRowsPerSheet)
			complete = false
			return false
		}
		used := len(sr.cells)
		for used > 0 && sr.cells[used-1] == "" {
			used--
		}
		if len(slab)+used > cap(slab) {
			slab = make([]string, 0, 256)
		}
		slab = append(slab, sr.cells[:used]...)
		rw := row{n: sr.n, cells: slab[len(slab)-used : len(slab) : len(slab)]}
		if sr.noValue != ([maxCols]string{}) {
			nv := sr.noValue
			rw.noValue = &nv
		}
		out = append(out, rw)
		return true
	})
	switch {
	case err != nil:
		r.problem(sheet.name, i18n.T("feuille illisible", "unreadable sheet"))
		return nil, false
	case cut && complete:
		r.problem(sheet.name, i18n.T("la feuille est trop volumineuse pour un classeur d'incident", "the sheet is too large for an incident workbook"))
		return out, false
	}
	return out, complete
}

func (r *reader) read() {
	sheets := r.p.sheets
	for _, s := range sheets {
		if isName(s.name, dossierName) {
			r.in.Lang = i18n.FR
			if s.name == dossierName.EN {
				r.in.Lang = i18n.EN
			}
		}
	}
	var dossier *itemSheet
	refs := map[string]string{}
	v1 := map[int]bool{}
	for _, sheet := range sheets {
		name := sheet.name
		rows, complete := r.rows(sheet)
		if isListsSheet(rows) {
			continue // the dropdown lists, whatever the sheet's name
		}
		if h, _ := devicesHeader(rows); h >= 0 || isName(name, devicesName) {
			r.devices(name, rows, complete)
			continue
		}
		if isName(name, timelineName) || isEventHeader(rows) {
			r.timeline(name, rows)
			continue
		}
		sh := r.items(name, rows, complete)
		if sh == nil {
			continue
		}
		if sh.kind == kindDossier {
			if dossier != nil {
				r.problem(name, i18n.T("deuxième feuille de dossier (la première est « %s ») ; gardez-en une seule",
					"second incident sheet (the first is “%s”); keep only one"), dossier.Name)
				continue
			}
			dossier = sh
			continue
		}
		st := Student{Sheet: sh.Sheet, cells: sh.cells}
		if _, ok := sh.cells["device.seal_no"]; ok {
			v1[len(r.in.Students)] = true // a v1 grid: its device items make one device
		}
		if st.empty() {
			continue // a blank grid, or one with only its printed ref
		}
		if !r.addStudent(st, name, refs) {
			break
		}
	}
	r.linkDevices(v1)
	r.checkRead(dossier)
	if dossier == nil {
		r.problem("", i18n.T("aucune feuille « Dossier » (les rubriques incident.*) : ce classeur ne vient pas de « sexto template »",
			"no “Incident” sheet (the incident.* items): this workbook was not made by “sexto template”"))
		return
	}
	r.in.Dossier = dossier.Sheet
	if dossier.Text("incident.id") == "" {
		it, _ := grid.Lookup("incident.id")
		where := dossier.cells["incident.id"]
		if where == "" {
			where = dossier.Name
		}
		r.problem(where, i18n.T("le « %s » est obligatoire", "“%s” is required"), it.Label)
	}
}

// addStudent adds a filled grid read from name (a sheet, or a grid of the PDF form), with
// a problem when its ref is already another grid's; false when no more grids are taken.
func (r *reader) addStudent(st Student, name string, refs map[string]string) bool {
	if ref := st.Ref(); ref != "" {
		if other, dup := refs[strings.ToUpper(ref)]; dup {
			r.problem(st.Answers["student.ref"].Cell, i18n.T("la réf. élève « %s » figure déjà dans « %s » ; chaque élève a sa propre réf.",
				"student ref “%s” is already used on “%s”; each student has a ref of their own"), ref, other)
		}
		refs[strings.ToUpper(ref)] = name
	}
	if len(r.in.Students) >= MaxStudentSheets {
		r.problem(name, i18n.T("plus de %d grilles d'élèves", "more than %d student grids"), MaxStudentSheets)
		return false
	}
	r.in.Students = append(r.in.Students, st)
	return true
}

func (s *Student) empty() bool {
	for k := range s.Answers {
		if k != "student.ref" {
			return false
		}
	}
	return true
}

type sheetKind int

const (
	kindDossier sheetKind = iota
	kindStudent
)

type itemSheet struct {
	Sheet
	kind  sheetKind
	cells map[string]string // key -> answer cell, answered or not
}

// labels maps a normalized label of an incident or grid item, in either language, to its key:
// today's labels, then those of v1 workbooks (whose grids also held the device items). The
// devices sheet has its own (deviceLabels): its "Réf. élève" is the owner's, not the grid's.
var labels = func() map[string]string {
	m := map[string]string{}
	add := func(label, key string) {
		if _, taken := m[normLabel(label)]; !taken {
			m[normLabel(label)] = key
		}
	}
	for _, s := range grid.Sections() {
		for _, it := range s.Items {
			if s != &grid.Devices || slices.Contains(grid.V1DeviceKeys, it.Key) {
				add(it.Label.FR, it.Key)
				add(it.Label.EN, it.Key)
			}
		}
	}
	for k, ls := range grid.V1Labels {
		for _, l := range ls {
			add(l.FR, k)
			add(l.EN, k)
		}
	}
	return m
}()

func normLabel(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(s, "*"))
	if !spaced(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	return strings.ToLower(strings.ReplaceAll(s, "’", "'")) // no Replacer built per label
}

// spaced reports whether s, already trimmed, has its words apart by one plain space each, as
// almost every label has: then it needs no splitting and joining.
func spaced(s string) bool {
	prev := ' '
	for _, c := range s {
		if unicode.IsSpace(c) && (c != ' ' || prev == ' ') {
			return false
		}
		prev = c
	}
	return true
}

func looksLikeKey(s string) bool {
	if !strings.Contains(s, ".") || strings.ContainsAny(s, " ") {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c == '.' || c == '_' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func cell(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}

// items reads an item sheet: keys in column A and answers in C; when the keys are gone, the
// labels in B; when column A itself was deleted, labels in A and answers in B.
func (r *reader) items(name string, rows []row, complete bool) *itemSheet {
	sh := &itemSheet{Sheet: Sheet{Name: name, Answers: map[string]Answer{}}, cells: map[string]string{}}
	seen := sh.cells
	incident, student := 0, 0
	for _, rw := range rows {
		a, b := strings.TrimSpace(cell(rw.cells, 0)), strings.TrimSpace(cell(rw.cells, 1))
		key, col := "", 0
		if _, ok := grid.Lookup(a); ok {
			key, col = a, 3
		} else if k, ok := labels[normLabel(a)]; ok {
			key, col = k, 2
		} else if k, ok := labels[normLabel(b)]; ok {
			key, col = k, 3
		} else if looksLikeKey(a) {
			r.problem(cellName(name, 1, rw.n), i18n.T("clé inconnue « %s » en colonne A (ne modifiez pas la colonne A)",
				"unknown key “%s” in column A (do not edit column A)"), a)
			continue
		} else {
			continue // header, section title, or a note typed outside the grid
		}
		if strings.HasPrefix(key, "incident.") {
			incident++
		} else {
			student++
		}
		where := cellName(name, col, rw.n)
		if prev, dup := seen[key]; dup {
			it, _ := grid.Lookup(key)
			r.problem(where, i18n.T("« %s » figure deux fois (aussi en %s)", "“%s” appears twice (also at %s)"), it.Label, prev)
			continue
		}
		seen[key] = where
		raw := cell(rw.cells, col-1)
		if strings.TrimSpace(raw) == "" {
			if fm := rw.formula(col - 1); fm != "" && complete {
				r.problem(where, i18n.T("formule sans valeur calculée (%s) ; ouvrez le classeur dans Excel ou LibreOffice, enregistrez-le, puis réessayez",
					"formula without a computed value (%s); open the workbook in Excel or LibreOffice, save it, then try again"), fm)
			}
			continue
		}
		if ans, ok := r.parse(key, where, raw); ok {
			sh.Answers[key] = ans
		} else if ans.Text != "" {
			sh.reject(ans)
		}
	}
	if incident == 0 && student == 0 {
		return nil
	}
	if incident > 0 && student == 0 {
		sh.kind = kindDossier
	} else {
		sh.kind = kindStudent
		if incident > 0 {
			r.problem(name, i18n.T("la feuille mêle des rubriques du dossier et d'une grille d'élève", "the sheet mixes incident items and student-grid items"))
		}
	}
	return sh
}

// cleanText removes control characters (but line breaks and tabs) and trims.
func cleanText(s string) string {
	s = strings.Map(func(c rune) rune {
		if c == '\n' || c == '\t' {
			return c
		}
		// control and invisible format characters, and the mark left where a program
		// could not decode a character
		if unicode.IsControl(c) || unicode.Is(unicode.Cf, c) || c == '\ufffd' {
			return -1
		}
		return c
	}, s)
	return strings.TrimSpace(s)
}

func (r *reader) parse(key, where, raw string) (Answer, bool) {
	it, _ := grid.Lookup(key)
	text := cleanText(raw)
	a := Answer{Key: key, Cell: where, Text: text}
	if r.formulaError(where, text) {
		return a, false
	}
	if n := len([]rune(text)); n > MaxTextRunes {
		r.problem(where, i18n.T("texte trop long (%d caractères, au plus %d)", "text too long (%d characters, at most %d)"), n, MaxTextRunes)
		return a, false
	}
	switch it.Kind {
	case grid.Choice:
		code, ok := it.Match(text)
		if !ok {
			fr, en := allowed(it)
			if o, close := it.Suggest(text); close {
				r.problem(where, i18n.T("« %s » n'est pas une réponse permise pour « %s » ; vouliez-vous dire « %s » ? Réponses permises : %s",
					"“%s” is not an allowed answer for “%s”; did you mean “%s”? Allowed answers: %s"), text, it.Label, o.Label, i18n.T(fr, en))
				return a, false
			}
			r.problem(where, i18n.T("« %s » n'est pas une réponse permise pour « %s » ; réponses permises : %s",
				"“%s” is not an allowed answer for “%s”; allowed answers: %s"), text, it.Label, i18n.T(fr, en))
			return a, false
		}
		a.Code = code
	case grid.Int:
		v, err := strconv.ParseFloat(strings.ReplaceAll(text, ",", "."), 64)
		if err != nil || v != math.Trunc(v) || v < float64(it.Min) || v > float64(it.Max) {
			r.problem(where, i18n.T("« %s » n'est pas un nombre entier de %d à %d", "“%s” is not a whole number from %d to %d"), text, it.Min, it.Max)
			return a, false
		}
		a.Int = int(v)
	case grid.Date, grid.DateTime:
		t, ok := parseTime(text, r.p.date1904)
		if !ok {
			format := i18n.T("AAAA-MM-JJ HH:MM", "YYYY-MM-DD HH:MM")
			if it.Kind == grid.Date {
				format = i18n.T("AAAA-MM-JJ", "YYYY-MM-DD")
			}
			r.problem(where, i18n.T("« %s » n'est pas une date (attendu : %s)", "“%s” is not a date (expected: %s)"), text, format)
			return a, false
		}
		if !r.plausibleYear(where, text, t) {
			return a, false
		}
		if it.Kind == grid.Date {
			t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, clock.Zone)
		} else if _, err := time.Parse("2006-01-02", strings.TrimSpace(text)); err == nil {
			a.DateOnly = true
		}
		a.Time = t
		a.Text = t.Format("2006-01-02 15:04")
		if it.Kind == grid.Date {
			a.Text = t.Format("2006-01-02")
		}
	}
	return a, true
}

func allowed(it *grid.Item) (string, string) {
	fr := make([]string, len(it.Options))
	en := make([]string, len(it.Options))
	for i, o := range it.Options {
		fr[i], en[i] = o.Label.FR, o.Label.EN
	}
	return strings.Join(fr, " · "), strings.Join(en, " · ")
}

var timeLayouts = []string{
	"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02T15:04:05",
	"2006-01-02 15h04", "2006-01-02 15 h 04", "2006-01-02",
}

// parseTime reads a spreadsheet date (a serial number) or text AAAA-MM-JJ [HH:MM], as Quebec
// wall-clock time.
func parseTime(s string, date1904 bool) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		// serial dates from 1900-03-01 to 2199: a plain number outside is not a date
		if v < 61 || v > 109574 || math.IsNaN(v) {
			return time.Time{}, false
		}
		t, err := excelize.ExcelDateToTime(v, date1904)
		if err != nil {
			return time.Time{}, false
		}
		t = t.Round(time.Minute)
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, clock.Zone), true
	}
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, clock.Zone); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func isEventHeader(rows []row) bool {
	if len(rows) == 0 || rows[0].n != 1 {
		return false
	}
	c := rows[0].cells
	return isName(cell(c, 0), eventHeaders[0]) && isName(cell(c, 1), eventHeaders[1])
}

func (r *reader) timeline(name string, rows []row) {
	for _, rw := range rows {
		if rw.n == 1 {
			continue
		}
		at, text, by := cell(rw.cells, 0), cleanText(cell(rw.cells, 1)), cleanText(cell(rw.cells, 2))
		e := Event{Row: rw.n, Text: text, By: by}
		if strings.TrimSpace(at) != "" {
			t, ok := parseTime(at, r.p.date1904)
			if !ok {
				r.problem(cellName(name, 1, rw.n), i18n.T("« %s » n'est pas une date (attendu : AAAA-MM-JJ HH:MM)",
					"“%s” is not a date (expected: YYYY-MM-DD HH:MM)"), strings.TrimSpace(at))
				continue
			}
			if !r.plausibleYear(cellName(name, 1, rw.n), at, t) {
				continue
			}
			e.At = t
		}
		for _, s := range []struct {
			v   string
			col int
		}{{text, 2}, {by, 3}} {
			r.formulaError(cellName(name, s.col, rw.n), s.v)
			if n := len([]rune(s.v)); n > MaxTextRunes {
				r.problem(cellName(name, s.col, rw.n), i18n.T("texte trop long (%d caractères, au plus %d)", "text too long (%d characters, at most %d)"), n, MaxTextRunes)
			}
		}
		r.in.Timeline = append(r.in.Timeline, e)
	}
}
