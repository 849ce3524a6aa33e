// Package stats computes the anonymous yearly figures of SPEC §9 over many incident
// workbooks: counts by orientation, role, grade, channel, month and rule, the share of students
// with an earlier SEXTO intervention, the hours from disclosure to the 911 call, and the share
// of educational routes that meet the 4-day target. Nothing that identifies a student or an
// incident leaves this package: no name, ref, incident id, police number, officer or date finer
// than a month; every count from 1 to 4 is hidden, and so is a second count when a total or
// another table would give it away (the rule is in suppress.go). With fewer than MinCount
// incidents nothing is broken down at all. The incidents are read from workbooks and from
// filled PDF forms alike (SPEC §10).
package stats

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"sexto/kit/classify"
	"sexto/kit/clock"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/secure"
	"sexto/kit/workbook"
)

// Student is what the figures keep of one student: codes only.
type Student struct {
	Orientation classify.Orientation
	Roles       []string // role item keys answered oui
	Grade       string
	Channel     string
	Rules       []string
	Prior       string // intent.prior_sexto code
}

// Record is what the figures keep of one incident. ID serves only to count an incident once.
type Record struct {
	id          string // the file number and the disclosure time: what makes two files one incident
	File        string
	Month       string // YYYY-MM of the disclosure, or ""
	Orientation classify.Orientation
	Students    []Student
	HoursTo911  float64
	Has911      bool
	Educational bool // at least one student on the educational route
	KitDays     float64
	HasKit      bool // disclosure and kit handed over both known
	Devices     int  // rows of the devices sheet (SPEC §7.3)
}

// FromIncident reduces a read workbook to its anonymous record.
func FromIncident(in *workbook.Incident, res classify.Result) Record {
	r := Record{id: strings.ToUpper(strings.TrimSpace(in.ID())), File: in.File, Orientation: res.Incident.Orientation, Devices: len(in.Devices)}
	disc, okD := in.Dossier.Value("incident.disclosed_at")
	if okD {
		r.Month = disc.Time.In(clock.Zone).Format("2006-01")
		// two schools may number their files alike: the same number disclosed at another
		// time is another incident, counted apart
		r.id += "|" + disc.Time.UTC().Format(time.RFC3339)
	}
	// hours need both times: a date alone would count from midnight
	if call, ok := in.Dossier.Value("incident.police_called_at"); ok && okD && !disc.DateOnly && !call.DateOnly && !call.Time.Before(disc.Time) {
		r.Has911, r.HoursTo911 = true, call.Time.Sub(disc.Time).Hours()
	}
	if kit, ok := in.Dossier.Value("incident.kit_handed_at"); ok && okD && !kit.Time.Before(disc.Time) {
		r.HasKit, r.KitDays = true, kit.Time.Sub(disc.Time).Hours()/24
	}
	for i, s := range in.Students {
		sr := res.Students[i]
		st := Student{Orientation: sr.Orientation, Grade: s.Code("student.grade"), Channel: s.Code("scope.channel"),
			Rules: sr.Rules, Prior: s.Code("intent.prior_sexto")}
		for _, sec := range grid.Student {
			for _, it := range sec.Items {
				if it.Short.FR != "" && s.Code(it.Key) == "oui" {
					st.Roles = append(st.Roles, it.Key)
				}
			}
		}
		if sr.Orientation == classify.Impulsive {
			r.Educational = true
		}
		r.Students = append(r.Students, st)
	}
	return r
}

// Skipped is a file that could not be used, and why.
type Skipped struct {
	File   string
	Reason error
}

// Duplicate is a file whose incident was already counted from another file.
type Duplicate struct {
	File, KeptFile string
}

// Result is the outcome of reading many files.
type Result struct {
	Records    []Record
	Skipped    []Skipped
	Duplicates []Duplicate
	// Documents are files that sexto made and that are no incidents (reports, referrals,
	// letters, the kit, statistics in PDF or in a workbook), found in a folder beside the
	// incidents: left out, and not counted among the skipped files, since there is nothing in
	// them to fix.
	Documents []string
	Files     int
}

// Input is a file to read, and whether it was found in a folder rather than named.
type Input struct {
	Path  string
	Found bool
}

// Files lists the incident files under paths: files as given, folders walked for workbooks
// (.xlsx, Excel's "~$" lock files left out) and PDF forms (.pdf), sorted. A file that is one of
// except (the outputs of the run) is left out, wherever it was found.
func Files(paths []string, except ...string) ([]Input, []Skipped) {
	var outs []os.FileInfo
	for _, p := range except {
		if st, err := os.Stat(p); err == nil {
			outs = append(outs, st)
		}
	}
	isOutput := func(p string) bool {
		if len(outs) == 0 {
			return false
		}
		st, err := os.Stat(p)
		if err != nil {
			return false
		}
		for _, o := range outs {
			if os.SameFile(st, o) {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	var out []Input
	var bad []Skipped
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			bad = append(bad, Skipped{p, &workbook.Refusal{Kind: workbook.NotFound, File: p}})
			continue
		}
		if !st.IsDir() {
			if !seen[p] && !isOutput(p) {
				seen[p] = true
				out = append(out, Input{Path: p})
			}
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, Skipped{path, i18n.Wrap(err, i18n.T("%s : dossier illisible", "%s: unreadable folder"), path)})
				return nil
			}
			name := d.Name()
			ext := filepath.Ext(name)
			if d.IsDir() || strings.HasPrefix(name, "~$") || !strings.EqualFold(ext, ".xlsx") && !strings.EqualFold(ext, ".pdf") || seen[path] || isOutput(path) {
				return nil
			}
			seen[path] = true
			out = append(out, Input{Path: path, Found: true})
			return nil
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, bad
}

// sextoProducer is how the PDFs sexto makes name their producer in their metadata: as a text
// string in UTF-16 (fpdf), or in plain text (a form once filled in and saved by a reader).
var sextoProducer = [][]byte{[]byte("(\xfe\xff" + utf16be(pdf.Producer) + ")"), []byte("(" + pdf.Producer + ")")}

func utf16be(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteByte(byte(r >> 8))
		b.WriteByte(byte(r))
	}
	return b.String()
}

// madeBySexto reports whether PDF bytes name sexto as their producer.
func madeBySexto(b []byte) bool {
	key := []byte("/Producer")
	for {
		i := bytes.Index(b, key)
		if i < 0 {
			return false
		}
		b = bytes.TrimLeft(b[i+len(key):], " \t\r\n")
		for _, v := range sextoProducer {
			if bytes.HasPrefix(b, v) {
				return true
			}
		}
	}
}

// sextoDocumentTail is how much of the end of a PDF is searched for its producer: the
// metadata of a document sexto made is written last, before the cross-reference table.
const sextoDocumentTail = 4 << 20

// isSextoDocument reports whether the PDF at path was made by sexto, from its metadata.
func isSextoDocument(path string) bool {
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return false // a pipe would block the open
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false
	}
	from := max(st.Size()-sextoDocumentTail, 0)
	buf := make([]byte, st.Size()-from)
	if _, err := f.ReadAt(buf, from); err != nil && err != io.EOF {
		return false
	}
	return madeBySexto(buf)
}

// statisticsWorkbook reports whether the workbook at path is statistics that sexto wrote
// (--xlsx): its sheets are those of XLSX, in French or in English.
func statisticsWorkbook(path string) bool {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "xl/workbook.xml" || f.UncompressedSize64 > 1<<20 {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		defer rc.Close()
		var wb struct {
			Sheets []struct {
				Name string `xml:"name,attr"`
			} `xml:"sheets>sheet"`
		}
		if xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&wb) != nil || len(wb.Sheets) < 2 {
			return false
		}
		for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
			ours := map[string]bool{}
			for _, n := range sheetNames {
				ours[n.In(l)] = true
			}
			all := wb.Sheets[0].Name == summarySheet.In(l)
			for _, sh := range wb.Sheets[1:] {
				all = all && ours[sh.Name]
			}
			if all {
				return true
			}
		}
		return false
	}
	return false
}

// madeBySextoNotIncident reports whether err says that a file found in a folder is one of
// sexto's own documents rather than an incident: a PDF refused only because it is no form (or
// too large for one, as a whole kit can be) and made by sexto, or the statistics workbook of
// an earlier run. A file refused for anything it holds (JavaScript, an attachment, a
// picture, encryption…) is never one: it is listed with its reason.
func madeBySextoNotIncident(in Input, err error) bool {
	if !in.Found {
		return false
	}
	var fr *secure.FormRefusal
	var wr *workbook.Refusal
	switch ext := strings.ToLower(filepath.Ext(in.Path)); {
	case ext == ".pdf" && errors.As(err, &fr) && (fr.Kind == secure.FormNotSexto || fr.Kind == secure.FormTooLarge),
		ext == ".pdf" && errors.As(err, &wr) && wr.Kind == workbook.TooLarge:
		return isSextoDocument(in.Path)
	case ext == ".xlsx" && !errors.As(err, &wr):
		return statisticsWorkbook(in.Path) // read, and found to hold no incident
	}
	return false
}

// Read reads files with a bounded pool of workers, each holding one workbook or form at a
// time, and keeps only anonymous records. progress, if not nil, is called after each file.
func Read(files []Input, workers int, progress func(done, total int)) Result {
	if workers <= 0 {
		workers = min(runtime.NumCPU(), 8)
	}
	type out struct {
		i   int
		rec Record
		err error
		doc bool
	}
	jobs := make(chan int)
	results := make(chan out, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				in, err := workbook.ReadFile(files[i].Path)
				if err != nil {
					results <- out{i: i, err: err, doc: madeBySextoNotIncident(files[i], err)}
					continue
				}
				results <- out{i: i, rec: FromIncident(in, in.Classify())}
			}
		}()
	}
	go func() {
		for i := range files {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	recs := make([]*Record, len(files))
	errs := make([]error, len(files))
	docs := make([]bool, len(files))
	done := 0
	for o := range results {
		if o.err != nil {
			errs[o.i], docs[o.i] = o.err, o.doc
		} else {
			r := o.rec
			recs[o.i] = &r
		}
		done++
		if progress != nil {
			progress(done, len(files))
		}
	}
	// in file order, so that the result does not depend on the workers' timing
	res := Result{Files: len(files)}
	kept := map[string]string{}
	for i, in := range files {
		f := in.Path
		switch {
		case docs[i]:
			res.Documents = append(res.Documents, f)
		case errs[i] != nil:
			res.Skipped = append(res.Skipped, Skipped{f, errs[i]})
		case kept[recs[i].id] != "":
			res.Duplicates = append(res.Duplicates, Duplicate{File: f, KeptFile: kept[recs[i].id]})
		default:
			kept[recs[i].id] = f
			res.Records = append(res.Records, *recs[i])
		}
	}
	return res
}

// Row is one category of a table and its count (Suppressed or Masked when hidden).
type Row struct {
	Key   string
	Label string
	Count int
	raw   int
}

// Table is one figure: a distribution, with a total when its categories add up.
type Table struct {
	Section string // machine name, for the CSV
	Title   string
	Sheet   string // short name, for the workbook's sheet (at most 31 characters)
	Rows    []Row
	Total   int  // shown when Totals
	Totals  bool // the categories add up to the total
	Note    string
	// Withheld says why the table is not shown at all ("" when it is): too few cases, or a
	// hidden count that the totals and the other tables would give away whatever else is
	// hidden (see suppress.go).
	Withheld string
}

// Figures are the computed tables and key figures.
type Figures struct {
	// Read and Used count the files read and the incidents used (the caller may set Read).
	Read, Used int
	// Few is set when fewer than MinCount incidents were used: then nothing else is filled
	// in, since with so few every figure describes students who can be recognised.
	Few                 bool
	Incidents, Students int // Suppressed when 1-4
	Devices             int // devices seized and sealed; Suppressed when 1-4
	Tables              []Table
	MedianHours, P90    float64
	HoursN              int // incidents with both dates; figures shown only from MinCount
	EduShare            float64
	EduN, EduMet        int // educational routes with both dates, and those within 4 days
	PriorShare          float64
	PriorN, PriorYes    int    // students answered oui or non, and those answered oui
	Period              string // first and last month, "2025-09 – 2026-06"
}

// Compute builds the figures in language l.
func Compute(recs []Record, l i18n.Lang) Figures {
	f := Figures{Read: len(recs), Used: len(recs)}
	if len(recs) < MinCount {
		f.Few = true
		return f
	}
	students := 0
	count := func(section string, title i18n.Text, totals bool, keys []string, label func(string) string, n func(key string) int) Table {
		t := Table{Section: section, Title: title.In(l), Totals: totals}
		sum := 0
		for _, k := range keys {
			c := n(k)
			sum += c
			t.Rows = append(t.Rows, Row{Key: k, Label: label(k), Count: c})
		}
		t.Total = sum
		return t
	}
	incOr := map[classify.Orientation]int{}
	stuOr := map[classify.Orientation]int{}
	roles, grades, channels, months, rules := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	var hours []float64
	for _, r := range recs {
		incOr[r.Orientation]++
		if r.Month != "" {
			months[r.Month]++
		}
		if r.Has911 {
			hours = append(hours, r.HoursTo911)
		}
		if r.Educational && r.HasKit {
			f.EduN++
			if r.KitDays <= 4 {
				f.EduMet++
			}
		}
		for _, s := range r.Students {
			students++
			stuOr[s.Orientation]++
			for _, k := range s.Roles {
				roles[k]++
			}
			g := s.Grade
			if g == "" {
				g = "unknown"
			}
			grades[g]++
			c := s.Channel
			if c == "" {
				c = "unknown"
			}
			channels[c]++
			for _, id := range s.Rules {
				rules[id]++
			}
			if s.Prior == "oui" || s.Prior == "non" {
				f.PriorN++
				if s.Prior == "oui" {
					f.PriorYes++
				}
			}
		}
	}
	f.Incidents, f.Students = len(recs), students
	for _, r := range recs {
		f.Devices += r.Devices
	}
	if f.EduN > 0 {
		f.EduShare = float64(f.EduMet) / float64(f.EduN)
	}
	if f.PriorN > 0 {
		f.PriorShare = float64(f.PriorYes) / float64(f.PriorN)
	}
	f.HoursN = len(hours)
	if len(hours) > 0 {
		sort.Float64s(hours)
		f.MedianHours = quantile(hours, 0.5)
		f.P90 = quantile(hours, 0.9)
	}
	orients := classify.Orientations // the one order of every output
	okeys := make([]string, len(orients))
	for i, o := range orients {
		okeys[i] = string(o)
	}
	olabel := func(k string) string { return classify.Orientation(k).Label().In(l) }
	f.Tables = append(f.Tables,
		count("incidents_by_orientation", i18n.T("Dossiers par orientation", "Incidents by orientation"), true, okeys, olabel,
			func(k string) int { return incOr[classify.Orientation(k)] }),
		count("students_by_orientation", i18n.T("Élèves par orientation", "Students by orientation"), true, okeys, olabel,
			func(k string) int { return stuOr[classify.Orientation(k)] }),
	)
	var roleKeys []string
	for _, sec := range grid.Student {
		for _, it := range sec.Items {
			if it.Short.FR != "" {
				roleKeys = append(roleKeys, it.Key)
			}
		}
	}
	rt := count("students_by_role", i18n.T("Élèves par rôle", "Students by role"), false, roleKeys,
		func(k string) string { it, _ := grid.Lookup(k); return it.Short.In(l) }, func(k string) int { return roles[k] })
	rt.Note = i18n.T("Un élève peut avoir plusieurs rôles.", "A student may have several roles.").In(l)
	f.Tables = append(f.Tables, rt)
	f.Tables = append(f.Tables, optionTable("students_by_grade", i18n.T("Élèves par niveau", "Students by grade"), "student.grade", grades, l))
	f.Tables = append(f.Tables, optionTable("students_by_channel", i18n.T("Élèves par moyen principal", "Students by main channel"), "scope.channel", channels, l))
	var mkeys []string
	for m := range months {
		mkeys = append(mkeys, m)
	}
	sort.Strings(mkeys)
	if len(mkeys) > 0 {
		f.Period = mkeys[0] + " – " + mkeys[len(mkeys)-1]
	}
	// incidents without a month are counted too, so that the table adds up to the incidents
	// shown in the summary (a difference of the two would be a count of its own)
	if n := len(recs) - sum(months); n > 0 {
		mkeys = append(mkeys, "unknown")
		months["unknown"] = n
	}
	mt := count("incidents_by_month", i18n.T("Dossiers par mois du dévoilement", "Incidents by month of disclosure"), true, mkeys,
		func(k string) string {
			if k == "unknown" {
				return i18n.T("Non précisé", "Not given").In(l)
			}
			return monthLabel(k, l)
		}, func(k string) int { return months[k] })
	f.Tables = append(f.Tables, mt)
	ids := make([]string, len(classify.Rules))
	for i, r := range classify.Rules {
		ids[i] = r.ID
	}
	rl := count("rules_fired", i18n.T("Règles appliquées (élèves)", "Rules fired (students)"), false, ids,
		func(k string) string { r, _ := classify.RuleByID(k); return k + " — " + r.Statement.In(l) }, func(k string) int { return rules[k] })
	rl.Note = i18n.T("Une grille peut déclencher plusieurs règles.", "A grid may fire several rules.").In(l)
	f.Tables = append(f.Tables, rl)
	populations := make([]int, len(f.Tables))
	for i := range f.Tables {
		tb := &f.Tables[i]
		tb.Sheet = sheetNames[tb.Section].In(l)
		populations[i] = tb.Total
		if !tb.Totals {
			populations[i] = students // roles and rules: a student may count in several rows
		}
	}
	protect(f.Tables, populations, l) // all the tables together: one can give another away
	if f.Students > 0 && f.Students < MinCount {
		f.Students = Suppressed
	}
	if f.Devices > 0 && f.Devices < MinCount {
		f.Devices = Suppressed
	}
	return f
}

// sum adds the counts of a map.
func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// sheetNames are the tables' short names, for the sheets of the workbook (at most 31
// characters, which titles such as "Dossiers par mois du dévoilement" exceed).
var sheetNames = map[string]i18n.Text{
	"incidents_by_orientation": i18n.T("Dossiers par orientation", "Incidents by orientation"),
	"students_by_orientation":  i18n.T("Élèves par orientation", "Students by orientation"),
	"students_by_role":         i18n.T("Élèves par rôle", "Students by role"),
	"students_by_grade":        i18n.T("Élèves par niveau", "Students by grade"),
	"students_by_channel":      i18n.T("Élèves par moyen", "Students by channel"),
	"incidents_by_month":       i18n.T("Dossiers par mois", "Incidents by month"),
	"rules_fired":              i18n.T("Règles appliquées", "Rules fired"),
}

// optionTable counts the codes of a Choice item, in catalogue order, unknowns last.
func optionTable(section string, title i18n.Text, key string, counts map[string]int, l i18n.Lang) Table {
	it, _ := grid.Lookup(key)
	t := Table{Section: section, Title: title.In(l), Totals: true}
	seen := map[string]bool{}
	for _, o := range it.Options {
		seen[o.Code] = true
		t.Rows = append(t.Rows, Row{Key: o.Code, Label: o.Label.In(l), Count: counts[o.Code]})
		t.Total += counts[o.Code]
	}
	if !seen["unknown"] {
		t.Rows = append(t.Rows, Row{Key: "unknown", Label: i18n.T("Non précisé", "Not given").In(l), Count: counts["unknown"]})
		t.Total += counts["unknown"]
	}
	return t
}

func monthLabel(m string, l i18n.Lang) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	full := i18n.LongDate(t, l) // "1er novembre 2026" / "November 1, 2026"
	if l == i18n.EN {
		return t.Format("January 2006")
	}
	parts := strings.Fields(full)
	return parts[1] + " " + parts[2]
}

// quantile of sorted values, by linear interpolation.
func quantile(v []float64, q float64) float64 {
	if len(v) == 1 {
		return v[0]
	}
	pos := q * float64(len(v)-1)
	lo := int(pos)
	if lo+1 >= len(v) {
		return v[len(v)-1]
	}
	frac := pos - float64(lo)
	return v[lo] + frac*(v[lo+1]-v[lo])
}
