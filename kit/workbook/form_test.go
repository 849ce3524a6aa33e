package workbook

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"sexto/kit/doc"
	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/printkit"
	"sexto/kit/secure"
)

// The filled forms and workbooks under testdata/form were made by programs that are not
// sexto (pypdf, openpyxl) from the same fictional incident: see testdata/form/README.md.

// answers lists a sheet's answers without their cells, for comparing a form with a workbook.
func answers(s Sheet) map[string]Answer {
	out := map[string]Answer{}
	for k, a := range s.Answers {
		a.Cell = ""
		out[k] = a
	}
	return out
}

func sameIncident(t *testing.T, form, book *Incident) {
	t.Helper()
	if form.Lang != book.Lang {
		t.Errorf("language: form %s, workbook %s", form.Lang, book.Lang)
	}
	eq := func(what string, a, b any) {
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("%s differ:\nform     %s\nworkbook %s", what, ja, jb)
		}
	}
	eq("incident answers", answers(form.Dossier), answers(book.Dossier))
	if len(form.Students) != len(book.Students) || len(form.Devices) != len(book.Devices) || len(form.Timeline) != len(book.Timeline) {
		t.Fatalf("form: %d students, %d devices, %d events; workbook: %d, %d, %d", len(form.Students), len(form.Devices),
			len(form.Timeline), len(book.Students), len(book.Devices), len(book.Timeline))
	}
	for i := range form.Students {
		eq("grid "+form.Students[i].Ref(), answers(form.Students[i].Sheet), answers(book.Students[i].Sheet))
		eq("missing of "+form.Students[i].Ref(), form.Students[i].Missing(), book.Students[i].Missing())
		if form.Students[i].Name != book.Students[i].Name {
			t.Errorf("grid names: %s, %s", form.Students[i].Name, book.Students[i].Name)
		}
	}
	for i := range form.Devices {
		eq("device", answers(form.Devices[i].Sheet), answers(book.Devices[i].Sheet))
	}
	for i := range form.Timeline {
		f, b := form.Timeline[i], book.Timeline[i]
		if !f.At.Equal(b.At) || f.Text != b.Text || f.By != b.By {
			t.Errorf("event %d: form %+v, workbook %+v", i, f, b)
		}
	}
	eq("classification", form.Classify(), book.Classify())
}

func TestFormFilledByAnotherProgramReadsLikeTheWorkbook(t *testing.T) {
	for _, l := range []string{"fr", "en"} {
		t.Run(l, func(t *testing.T) {
			form, err := ReadFile("testdata/form/filled-" + l + ".pdf")
			if err != nil {
				t.Fatal(i18n.Message(err, i18n.EN))
			}
			book, err := ReadFile("testdata/form/filled-" + l + ".xlsx")
			if err != nil {
				t.Fatal(i18n.Message(err, i18n.EN))
			}
			if len(form.Students) != 3 || len(form.Devices) != 1 || len(form.Timeline) != 2 || form.ID() != "2026-014" {
				t.Fatalf("form read as %d students, %d devices, %d events, id %q", len(form.Students), len(form.Devices), len(form.Timeline), form.ID())
			}
			sameIncident(t, form, book)
			if got := form.Dossier.Text("incident.summary"); !strings.Contains(got, "circulait.\nSon ex-copain") {
				t.Errorf("the summary's line break is lost: %q", got)
			}
		})
	}
}

var formNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func blankForm(t testing.TB, l i18n.Lang) []byte {
	t.Helper()
	b, err := printkit.Form(printkit.Options{Context: doc.Context{Lang: l, Now: formNow}, Students: 4})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// messages returns each problem's message without its location, and the locations.
func messages(t *testing.T, err error, l i18n.Lang) (msgs, where []string) {
	t.Helper()
	var list i18n.List
	if !errors.As(err, &list) {
		t.Fatalf("not a list of problems: %v", err)
	}
	for _, e := range list {
		var p *Problem
		if !errors.As(e, &p) {
			t.Fatalf("not a problem: %v", e)
		}
		msgs = append(msgs, (&i18n.Error{Msg: p.Msg, Args: p.Args}).Localize(l))
		where = append(where, p.Cell)
	}
	return msgs, where
}

func TestBlankFormListsWhatIsMissingLikeABlankWorkbook(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		form, ferr := Read("vierge.pdf", blankForm(t, l))
		tpl, err := Template(TemplateOptions{Lang: l, Students: 4, Now: formNow})
		if err != nil {
			t.Fatal(err)
		}
		book, berr := Read("vierge.xlsx", tpl)
		fm, fw := messages(t, ferr, l)
		bm, _ := messages(t, berr, l)
		if !slices.Equal(fm, bm) || len(fm) == 0 {
			t.Errorf("%s: blank form's problems %q, blank workbook's %q", l, fm, bm)
		}
		// the missing file number is located by page and field
		at := ""
		for i, m := range fm {
			if strings.Contains(m, map[i18n.Lang]string{i18n.FR: "N° de dossier (école)", i18n.EN: "School file no."}[l]) {
				at = fw[i]
			}
		}
		if want := map[i18n.Lang]string{i18n.FR: "page 1, Dossier › N° de dossier (école) [incident.id]", i18n.EN: "page 1, Incident › School file no. [incident.id]"}[l]; at != want {
			t.Errorf("%s: located at %q, want %q", l, at, want)
		}
		if len(form.Students) != 0 || len(book.Students) != 0 || form.Dossier.Name != book.Dossier.Name {
			t.Errorf("%s: blank form has %d grids (%q), blank workbook %d (%q)", l, len(form.Students), form.Dossier.Name, len(book.Students), book.Dossier.Name)
		}
	}
}

// pageOf returns the page of each field of a form.
func pageOf(t *testing.T, b []byte) map[string]int {
	t.Helper()
	f, err := secure.ReadForm("f.pdf", b)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, fd := range f.Fields {
		out[fd.Name] = fd.Page
	}
	return out
}

func TestFormProblemsAreTheWorkbooksNamedByPageAndField(t *testing.T) {
	grid2 := gridtest.Grid("student.last_name", "Bédard-O'Neil", "student.first_name", "Zoé", "role.sender", "oui",
		"role.recipient", "oui", "intent.motive", "vengeance", "nature.depicted_age", "cent", "device.seized", "oui",
		"student.birth_date", "2030-01-01")
	values := map[string]string{"incident.id": "2026 014", "incident.disclosed_at": "12 mars", "D1.device.owner": "E7",
		"D1.device.description": "Téléphone noir", "T1.at": "hier", "T1.action": "Dévoilement"}
	for k, v := range grid2 {
		values["E2."+k] = v
	}
	blank := blankForm(t, i18n.FR)
	filled, err := secure.FillForm(blank, values)
	if err != nil {
		t.Fatal(err)
	}
	_, ferr := Read("dossier.pdf", filled)

	tpl, err := Template(TemplateOptions{Lang: i18n.FR, Students: 4, Now: formNow})
	if err != nil {
		t.Fatal(err)
	}
	book, err := Fill(tpl, map[string]map[string]string{
		"Dossier": {"incident.id": "2026 014", "incident.disclosed_at": "12 mars"},
		"Élève 2": grid2,
	}, map[string][]string{"Appareils": {"device.owner=E7|device.description=Téléphone noir"}, "Chronologie": {"hier|Dévoilement"}})
	if err != nil {
		t.Fatal(err)
	}
	_, berr := Read("dossier.xlsx", book)

	fm, fw := messages(t, ferr, i18n.FR)
	bm, _ := messages(t, berr, i18n.FR)
	slices.Sort(fm)
	slices.Sort(bm)
	if !slices.Equal(fm, bm) || len(fm) < 6 {
		t.Errorf("the form's problems:\n%s\nthe workbook's:\n%s", strings.Join(fm, "\n"), strings.Join(bm, "\n"))
	}
	pages := pageOf(t, blank)
	for _, want := range []string{
		fmt.Sprintf("page %d, Élève 2 › Motif déclaré [E2.intent.motive]", pages["E2.intent.motive"]),
		fmt.Sprintf("page %d, Élève 2 › Âge de la personne représentée [E2.nature.depicted_age]", pages["E2.nature.depicted_age"]),
		fmt.Sprintf("page %d, Élève 2 › Appareil confisqué [E2.device.seized]", pages["E2.device.seized"]),
		fmt.Sprintf("page %d, Appareil D1 › Réf. élève [D1.device.owner]", pages["D1.device.owner"]),
		fmt.Sprintf("page %d, Chronologie › ligne 1 › Date et heure [T1.at]", pages["T1.at"]),
		"page 1, Dossier › Dévoilement (date et heure) [incident.disclosed_at]",
		"page 1, Dossier › N° de dossier (école) [incident.id]",
	} {
		if !slices.Contains(fw, want) {
			t.Errorf("no problem located at %q; locations: %q", want, fw)
		}
	}
	if pages["E2.intent.motive"] <= 4 {
		t.Errorf("E2's motive on page %d: the second grid starts after the incident page and the first grid", pages["E2.intent.motive"])
	}
	// the whole line as the user reads it
	var list i18n.List
	errors.As(ferr, &list)
	found := false
	for _, e := range list {
		if strings.HasPrefix(i18n.Message(e, i18n.FR), fmt.Sprintf("dossier.pdf, page %d, Élève 2 › Motif déclaré [E2.intent.motive] : « vengeance » n'est pas une réponse permise", pages["E2.intent.motive"])) {
			found = true
		}
	}
	if !found {
		t.Errorf("no problem reads “dossier.pdf, page N, Élève 2 › Motif déclaré : « vengeance »…”: %v", list)
	}
}

func TestFormFieldsThatAreNotSextosAreNamed(t *testing.T) {
	blank := blankForm(t, i18n.EN)
	// a grid number the form does not have: its answers would be lost, so they are a problem
	_, err := secure.FillForm(blank, map[string]string{"E9.notes": "x"})
	if err == nil {
		t.Fatal("the test filler accepted a field the form does not have")
	}
	filled, err := secure.FillForm(blank, map[string]string{"incident.id": "2026-014", "E1.student.last_name": "Roy",
		"E1.student.first_name": "Émile", "E1.role.depicted": "maybe"})
	if err != nil {
		t.Fatal(err)
	}
	_, ferr := Read("form.pdf", filled)
	msgs, where := messages(t, ferr, i18n.EN)
	if !slices.ContainsFunc(msgs, func(m string) bool {
		return strings.Contains(m, "“maybe” is not an allowed answer for “Person depicted in the content”")
	}) ||
		!slices.ContainsFunc(where, func(w string) bool {
			return strings.HasSuffix(w, ", Student 1 › Person depicted in the content [E1.role.depicted]")
		}) {
		t.Errorf("problems %q at %q", msgs, where)
	}
}

// BenchmarkReadForm reads the filled 4-student form back (SPEC §10 asks for at most 50 ms).
func BenchmarkReadForm(b *testing.B) {
	data, err := os.ReadFile("testdata/form/filled-fr.pdf")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		in, err := Read("filled-fr.pdf", data)
		if err != nil || len(in.Students) != 3 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/form")
}

func TestAPDFIsReadAsTheForm(t *testing.T) {
	// the kit's own grid: a PDF sexto made, but not the fillable form
	grid, err := printkit.Print(printkit.Options{Context: doc.Context{Lang: i18n.FR, Now: formNow}, Students: 1}, "grid")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		want secure.FormRefusalKind
	}{
		{"a cut PDF", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), secure.FormDamaged},
		{"a PDF that is not the form", grid, secure.FormNotSexto},
	} {
		_, err := Read("grille.pdf", c.data)
		var ref *secure.FormRefusal
		if !errors.As(err, &ref) || ref.Kind != c.want {
			t.Errorf("%s: %v, want a form refusal %v", c.name, err, c.want)
		}
	}
}
