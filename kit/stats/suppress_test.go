package stats

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"sexto/kit/classify"
	"sexto/kit/doc"
	"sexto/kit/i18n"
	"sexto/kit/pdftext"
	"sexto/kit/profile"
)

// tableOf builds a table that adds up, from raw counts.
func tableOf(counts ...int) Table {
	tb := Table{Totals: true}
	for i, c := range counts {
		tb.Rows = append(tb.Rows, Row{Key: fmt.Sprint(i), Label: fmt.Sprint("c", i), Count: c})
		tb.Total += c
	}
	return tb
}

func shown(tb Table) []int {
	out := make([]int, len(tb.Rows))
	for i, r := range tb.Rows {
		out[i] = r.Count
	}
	return out
}

// solvable plays a reader who knows the printed table, its total and the rule: it lists
// every table of the same total that prints the same way, and reports the first hidden count
// that takes one value in all of them (or the hidden counts' sum when it is below 5).
func solvable(printed Table) (string, bool) {
	if printed.Withheld != "" {
		return "", false
	}
	var hidden []int
	left := printed.Total
	for i, r := range printed.Rows {
		if r.Count < 0 {
			hidden = append(hidden, i)
		} else {
			left -= r.Count
		}
	}
	if len(hidden) == 0 {
		return "", false
	}
	if left < MinCount {
		return fmt.Sprintf("the hidden counts add up to %d", left), true
	}
	values := make([]map[int]bool, len(hidden))
	for i := range values {
		values[i] = map[int]bool{}
	}
	cand := make([]int, len(printed.Rows))
	for i, r := range printed.Rows {
		cand[i] = max(r.Count, 0)
	}
	var try func(k, left int)
	try = func(k, left int) {
		i := hidden[k]
		lo, hi := 1, MinCount-1
		if printed.Rows[i].Count == Masked {
			lo, hi = MinCount, left
		}
		for v := lo; v <= hi && v <= left; v++ {
			if k < len(hidden)-1 {
				cand[i] = v
				try(k+1, left-v)
				continue
			}
			if v != left {
				continue
			}
			cand[i] = v
			alt := tableOf(cand...)
			alt.suppress(alt.Total, i18n.FR)
			if alt.Withheld == "" && slices.Equal(shown(alt), shown(printed)) {
				for kk, ii := range hidden {
					values[kk][cand[ii]] = true
				}
			}
		}
	}
	try(0, left)
	for k, vs := range values {
		if len(vs) < 2 {
			return fmt.Sprintf("row %d can only be %v", hidden[k], vs), true
		}
	}
	return "", false
}

func TestSuppressionRule(t *testing.T) {
	for _, c := range []struct {
		name   string
		counts []int
		want   []int // as printed; nil when withheld
	}{
		{"one small count hides the last count of 5 or more, not the smallest", []int{3, 12, 7}, []int{Suppressed, 12, Masked}},
		{"a hidden count of 15 is masked, never < 5", []int{3, 20, 12, 15, 0, 0}, []int{Suppressed, 20, 12, Masked, 0, 0}},
		{"two small counts still hide one more: their sum would be printed", []int{1, 1, 20}, []int{Suppressed, Suppressed, Masked}},
		{"zeros are printed and never hidden", []int{0, 9, 0, 2, 30, 0}, []int{0, 9, 0, Suppressed, Masked, 0}},
		{"no small count, nothing hidden", []int{5, 9, 30}, []int{5, 9, 30}},
		{"every count small, adding up to 5: shown", []int{2, 3}, []int{Suppressed, Suppressed}},
		{"two counts of 4 and nothing else: both would be solved", []int{4, 4}, nil},
		{"one small count and a 5: both at their smallest, solved", []int{1, 5, 0}, nil},
		{"a table of fewer than 5 is not shown", []int{1, 2, 0}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := tableOf(c.counts...)
			tb.suppress(tb.Total, i18n.FR)
			if c.want == nil {
				if tb.Withheld == "" {
					t.Fatalf("%v printed as %v, want the table withheld", c.counts, shown(tb))
				}
				return
			}
			if tb.Withheld != "" || !slices.Equal(shown(tb), c.want) {
				t.Fatalf("%v printed as %v (withheld %q), want %v", c.counts, shown(tb), tb.Withheld, c.want)
			}
			if why, ok := solvable(tb); ok {
				t.Errorf("%v printed as %v: %s", c.counts, shown(tb), why)
			}
		})
	}
}

// The attack the rule is against: before, "< 5" cells beside a printed total could be solved.
func TestHiddenCountsCannotBeSolved(t *testing.T) {
	// what the old rule printed for 1, 1, 20: two "< 5" and the 20, with a total of 22
	old := tableOf(1, 1, 20)
	old.Rows[0].Count, old.Rows[1].Count = Suppressed, Suppressed
	if _, ok := solvable(old); !ok {
		t.Fatal("the reader cannot solve 1, 1 beside a printed 20 and a total of 22: the test proves nothing")
	}
	// random tables of the sizes a school has, in every shape
	r := rand.New(rand.NewSource(7))
	printed := 0
	for n := 0; n < 3000; n++ {
		counts := make([]int, 2+r.Intn(5))
		scale := []int{4, 7, 12, 25}[r.Intn(4)]
		for i := range counts {
			if r.Intn(4) > 0 {
				counts[i] = r.Intn(scale + 1)
			}
		}
		tb := tableOf(counts...)
		if tb.Total > 60 {
			continue // the attack enumerates: keep it quick
		}
		tb.suppress(tb.Total, i18n.FR)
		if tb.Withheld != "" {
			continue
		}
		printed++
		for i, r := range tb.Rows {
			if r.Count == Suppressed && !(counts[i] >= 1 && counts[i] <= 4) || r.Count == Masked && counts[i] < MinCount {
				t.Fatalf("%v printed as %v: row %d marked wrongly", counts, shown(tb), i)
			}
			if r.Count >= 0 && r.Count != counts[i] {
				t.Fatalf("%v printed as %v: row %d changed", counts, shown(tb), i)
			}
		}
		if why, ok := solvable(tb); ok {
			t.Fatalf("%v printed as %v with total %d: %s", counts, shown(tb), tb.Total, why)
		}
	}
	if printed < 1000 {
		t.Errorf("only %d tables printed: the attack was hardly tried", printed)
	}
}

// The rule hides little of a real year: 40 incidents over ten months, most months "< 5".
func TestSuppressionKeepsMostTables(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	withheld, masked := 0, 0
	for n := 0; n < 500; n++ {
		counts := make([]int, 10)
		for k := 0; k < 40; k++ {
			counts[r.Intn(10)]++
		}
		tb := tableOf(counts...)
		tb.suppress(tb.Total, i18n.FR)
		if tb.Withheld != "" {
			withheld++
		}
		for _, r := range tb.Rows {
			if r.Count == Masked {
				masked++
			}
		}
	}
	if withheld > 25 || masked > 500 {
		t.Errorf("of 500 years, %d tables withheld and %d counts masked", withheld, masked)
	}
}

func TestShares(t *testing.T) {
	for _, c := range []struct {
		k, n int
		want string
	}{
		{1, 12, "< 5"},     // "8 %" of 12 would say: one student
		{10, 12, "masqué"}, // "83 %" would say: two students did not
		{6, 12, "50 %"},
		{0, 12, "0 %"},
		{12, 12, "100 %"},
		{2, 4, "n < 5"},
	} {
		if got := share(c.k, c.n, i18n.FR); got != c.want {
			t.Errorf("share(%d, %d) = %q, want %q", c.k, c.n, got, c.want)
		}
	}
	if got := share(6, 12, i18n.EN); got != "50%" {
		t.Errorf("English share %q", got)
	}
}

// record is one incident with one student of each given grade and channel.
func record(i int, month string, o classify.Orientation, students ...Student) Record {
	return Record{id: fmt.Sprint("I", i), File: fmt.Sprint("f", i), Month: month, Orientation: o, Students: students}
}

// twelve incidents of one student each; one of them with an earlier SEXTO intervention.
func twelve() []Record {
	var recs []Record
	for i := 0; i < 12; i++ {
		prior := "non"
		if i == 0 {
			prior = "oui"
		}
		grade := "sec2"
		if i < 3 {
			grade = "sec4"
		}
		recs = append(recs, record(i, "2026-03", classify.Impulsive,
			Student{Orientation: classify.Impulsive, Grade: grade, Channel: "snapchat", Prior: prior, Roles: []string{"role.sender"}}))
	}
	return recs
}

func TestSharesInTheOutputs(t *testing.T) {
	f := Compute(twelve(), i18n.FR)
	if f.PriorN != 12 || f.PriorYes != 1 {
		t.Fatalf("prior %d of %d", f.PriorYes, f.PriorN)
	}
	c := string(CSV(f, i18n.FR))
	if strings.Contains(c, "8 %") || !strings.Contains(c, "élèves avec une intervention SEXTO antérieure;< 5") {
		t.Errorf("the CSV gives the share of 1 in 12:\n%s", c)
	}
	p := pdfText(t, f, i18n.FR)
	if strings.Contains(p, "8 %") {
		t.Errorf("the PDF prints 8 %%:\n%s", p)
	}
}

func pdfText(t *testing.T, f Figures, l i18n.Lang) string {
	t.Helper()
	b, err := PDF(f, doc.Context{Profile: profile.Specimen(), Lang: l, Paper: "letter", Now: time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC), Creator: "sexto test"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := pdftext.Text(b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readCSV(t *testing.T, b []byte, comma rune) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Fatalf("no byte order mark: %q", b[:min(len(b), 20)])
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = comma
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%v:\n%s", err, b)
	}
	return recs
}

// A hidden count of 15 is printed "masqué", in every output: never "< 5".
func TestMaskedCountIsNotPrintedAsSmall(t *testing.T) {
	var recs []Record
	grades := map[string]int{"sec1": 3, "sec2": 20, "sec3": 12, "sec4": 15}
	i := 0
	for _, g := range []string{"sec1", "sec2", "sec3", "sec4"} {
		for k := 0; k < grades[g]; k++ {
			recs = append(recs, record(i, "2026-03", classify.Impulsive, Student{Orientation: classify.Impulsive, Grade: g, Channel: "sms"}))
			i++
		}
	}
	f := Compute(recs, i18n.FR)
	g := table(f, "students_by_grade")
	if row(g, "sec4").Count != Masked || row(g, "sec1").Count != Suppressed || g.Withheld != "" {
		t.Fatalf("grades %+v", g)
	}
	found := false
	for _, r := range readCSV(t, CSV(f, i18n.FR), ';') {
		if r[0] == "students_by_grade" && r[1] == "Secondaire 4" {
			found = true
			if r[2] != "masqué" {
				t.Errorf("Secondaire 4: %q, want masqué", r[2])
			}
		}
	}
	if !found {
		t.Error("no Secondaire 4 row in the CSV")
	}
	p := pdfText(t, f, i18n.FR)
	if !strings.Contains(p, "Secondaire 4 masqué") || strings.Contains(p, "Secondaire 4 < 5") || !strings.Contains(p, maskNote.In(i18n.FR)[:40]) {
		t.Errorf("the PDF does not mark Secondaire 4 masqué with its footnote:\n%s", p)
	}
	en := string(CSV(Compute(recs, i18n.EN), i18n.EN))
	if !strings.Contains(en, "students_by_grade,Secondary 4,suppressed") {
		t.Errorf("English CSV:\n%s", en)
	}
}

// One incident: the files read and used, why nothing more, and no breakdown at all.
func TestOneIncidentPrintsNoBreakdown(t *testing.T) {
	recs := []Record{record(1, "2026-03", classify.Malicious,
		Student{Orientation: classify.Support, Grade: "sec3", Channel: "snapchat", Roles: []string{"role.depicted"}},
		Student{Orientation: classify.Malicious, Grade: "sec4", Channel: "snapchat", Roles: []string{"role.sender"}, Rules: []string{classify.Rules[0].ID}})}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		f := Compute(recs, l)
		f.Read = 2
		if !f.Few || len(f.Tables) != 0 {
			t.Fatalf("%s: one incident gives %d tables", l, len(f.Tables))
		}
		forbidden := []string{"Secondaire", "Secondary", "Snapchat", "mars", "March", "2026-03", "Geste", "malicious", "Malicious",
			"par orientation", "by orientation", "Soutien", "Support", classify.Rules[0].ID, "%", "< 5"}
		p := pdfText(t, f, l)
		want := map[i18n.Lang]string{i18n.FR: "Fichiers lus : 2 ; utilisés : 1.", i18n.EN: "Files read: 2; used: 1."}[l]
		if !strings.Contains(p, want) || !strings.Contains(p, fewNote.In(l)[:30]) {
			t.Errorf("%s: the PDF does not say what was read and why nothing more:\n%s", l, p)
		}
		c := string(CSV(f, l))
		for _, bad := range forbidden {
			if strings.Contains(p, bad) {
				t.Errorf("%s: the PDF shows %q:\n%s", l, bad, p)
			}
			if strings.Contains(c, bad) {
				t.Errorf("%s: the CSV shows %q:\n%s", l, bad, c)
			}
		}
		comma := map[i18n.Lang]rune{i18n.FR: ';', i18n.EN: ','}[l]
		recs := readCSV(t, CSV(f, l), comma)
		var sections []string
		for _, r := range recs[1:] {
			sections = append(sections, r[0])
		}
		if !slices.Equal(sections, []string{"files", "files", "note"}) || recs[1][2] != "2" || recs[2][2] != "1" {
			t.Errorf("%s: CSV rows %v", l, recs)
		}
	}
}

func TestCSVOpensInExcelOfEachLanguage(t *testing.T) {
	dir, _ := corpus(t, 12)
	files, _ := Files([]string{dir})
	res := Read(files, 2, nil)
	fr := readCSV(t, CSV(Compute(res.Records, i18n.FR), i18n.FR), ';')
	en := readCSV(t, CSV(Compute(res.Records, i18n.EN), i18n.EN), ',')
	if !slices.Equal(fr[0], []string{"section", "catégorie", "nombre"}) || !slices.Equal(en[0], []string{"section", "category", "count"}) {
		t.Errorf("headers %v, %v", fr[0], en[0])
	}
	for _, recs := range [][][]string{fr, en} {
		for _, r := range recs {
			if len(r) != 3 {
				t.Fatalf("a row of %d fields: %q", len(r), r)
			}
		}
	}
	median := func(recs [][]string) string {
		for _, r := range recs {
			if strings.HasPrefix(r[1], "médiane") || strings.HasPrefix(r[1], "median") {
				return r[2]
			}
		}
		return ""
	}
	// 0.5, 1.5, 2.5, 3.5, 4.5 hours in turn: the sixth and seventh of twelve are 1.5 and 2.5
	if median(fr) != "2,0" || median(en) != "2.0" {
		t.Errorf("median hours: %q in French, %q in English", median(fr), median(en))
	}
}

// A chart with nothing to draw says so.
func TestEmptyCharts(t *testing.T) {
	var recs []Record
	for i := 0; i < 5; i++ {
		ch := "snapchat"
		if i < 2 {
			ch = "sms"
		}
		recs = append(recs, record(i, "2026-03", classify.Impulsive, Student{Orientation: classify.Impulsive, Grade: "sec2", Channel: ch}))
	}
	f := Compute(recs, i18n.FR)
	if tb := table(f, "students_by_channel"); tb.Withheld != "" || tb.empty(i18n.FR) == "" {
		t.Fatalf("channels %+v: 2 and 3 are both hidden, nothing to chart", tb)
	}
	if tb := table(f, "rules_fired"); tb.empty(i18n.FR) != "Aucun cas." {
		t.Fatalf("rules %+v", tb)
	}
	p := pdfText(t, f, i18n.FR)
	if !strings.Contains(p, "Aucun cas.") || !strings.Contains(p, "Rien à représenter") {
		t.Errorf("the PDF does not say why a chart is empty:\n%s", p)
	}
}

// The workbook holds the same tables, in sheets named after them.
func TestXLSXHoldsTheTables(t *testing.T) {
	dir, _ := corpus(t, 12)
	files, _ := Files([]string{dir})
	f := Compute(Read(files, 2, nil).Records, i18n.FR)
	b, err := XLSX(f, i18n.FR)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := XLSX(f, i18n.FR)
	if !bytes.Equal(b, again) {
		t.Error("the same figures give two different workbooks")
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		x, _ := io.ReadAll(rc)
		rc.Close()
		all.Write(x)
	}
	for _, want := range []string{`name="Résumé"`, `name="Dossiers par orientation"`, `name="Dossiers par mois"`, "fichiers lus", "Total"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("the workbook has no %s", want)
		}
	}
}
