package stats

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sexto/kit/doc"
	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/printkit"
	"sexto/kit/profile"
	"sexto/kit/secure"
)

var filesNow = time.Date(2026, 3, 20, 15, 0, 0, 0, time.UTC)

// filledForm is the PDF incident form, filled in as a reader would save it: one depicted
// student and one who sent the content.
func filledForm(t *testing.T, id, disclosed string) []byte {
	t.Helper()
	b, err := printkit.Form(printkit.Options{Context: doc.Context{Lang: i18n.FR, Now: filesNow}, Students: 2})
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{"incident.id": id, "incident.disclosed_at": disclosed}
	for k, v := range gridtest.Grid("student.ref", "E1", "student.last_name", "Fictif", "student.first_name", "Léa", "role.depicted", "oui") {
		values["E1."+k] = v
	}
	for k, v := range gridtest.Grid("student.ref", "E2", "student.last_name", "Songe", "student.first_name", "Félix", "role.sender", "oui",
		"intent.motive", "fun", "intent.threats", "non", "intent.coercion", "non", "scope.recipients", "1") {
		values["E2."+k] = v
	}
	b, err = secure.FillForm(b, values)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A folder holds the incidents as workbooks and as filled PDF forms, and beside them what
// sexto made from them: its other PDFs and its statistics are left out, named, never counted
// and never "skipped"; a PDF refused for what it is (encrypted, not sexto's) is skipped with
// its reason, as an unreadable workbook is; the run's own outputs are not read at all.
func TestFoldersHoldFormsAndSextosOtherFiles(t *testing.T) {
	dir, _ := corpus(t, 6)
	write := func(name string, b []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	form := write("formulaire-2026-0900.pdf", filledForm(t, "2026-0900", "2026-03-12 10:00"))
	// the incident of dossier-00003.xlsx: its number and its disclosure
	write("en double.PDF", filledForm(t, "2025-0003", genIncidentN(3).dossier["incident.disclosed_at"]))
	// statistics made earlier from this folder, in PDF and in a workbook, and a printed grid
	f := Compute(Read(mustFiles(t, dir), 2, nil).Records, i18n.FR)
	ctx := doc.Context{Profile: profile.Specimen(), Lang: i18n.FR, Paper: "letter", Now: filesNow, Creator: "sexto test"}
	statsPDF, err := PDF(f, ctx)
	if err != nil {
		t.Fatal(err)
	}
	statsXLSX, err := XLSX(Compute(Read(mustFiles(t, dir), 2, nil).Records, i18n.EN), i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	grid, err := printkit.Print(printkit.Options{Context: ctx, Students: 1}, "grid")
	if err != nil {
		t.Fatal(err)
	}
	old := write("statistiques-2025.pdf", statsPDF)
	write("statistics-2025.xlsx", statsXLSX)
	write("grille.pdf", grid)
	// this run's output, written by an earlier run under the same name
	out := write("statistiques-sexto.pdf", statsPDF)
	// refused: encrypted (though sexto made it), and a PDF from elsewhere
	locked, err := secure.Encrypt(statsPDF, "correct horse battery staple 42")
	if err != nil {
		t.Fatal(err)
	}
	write("chiffré.pdf", locked)
	write("numérisé.pdf", []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"+
		"3 0 obj\n<< /Producer (Scanner 3000) >>\nendobj\ntrailer\n<< /Root 1 0 R /Info 3 0 R >>\n%%EOF\n"))

	files, bad := Files([]string{dir}, out)
	if len(bad) != 0 {
		t.Fatalf("bad %v", bad)
	}
	var names []string
	for _, in := range files {
		names = append(names, filepath.Base(in.Path))
		if !in.Found {
			t.Errorf("%s was found in a folder", in.Path)
		}
	}
	if slices.Contains(names, "statistiques-sexto.pdf") || !slices.Contains(names, "formulaire-2026-0900.pdf") || !slices.Contains(names, "en double.PDF") {
		t.Fatalf("files %v: the output is read, or a form is not", names)
	}
	res := Read(files, 3, nil)
	if len(res.Records) != 7 {
		t.Errorf("%d incidents, want the 6 workbooks and the form", len(res.Records))
	}
	if len(res.Duplicates) != 1 || filepath.Base(res.Duplicates[0].File) != "en double.PDF" {
		t.Errorf("duplicates %+v", res.Duplicates)
	}
	var docs []string
	for _, d := range res.Documents {
		docs = append(docs, filepath.Base(d))
	}
	if !slices.Equal(docs, []string{"grille.pdf", "statistics-2025.xlsx", "statistiques-2025.pdf"}) {
		t.Errorf("sexto's own files %v", docs)
	}
	why := map[string]string{}
	for _, s := range res.Skipped {
		why[filepath.Base(s.File)] = i18n.Message(s.Reason, i18n.FR)
	}
	if len(why) != 2 || !strings.Contains(why["chiffré.pdf"], "chiffré") || !strings.Contains(why["numérisé.pdf"], "numérisé.pdf") {
		t.Errorf("skipped %v", why)
	}
	// named on the command line, sexto's own PDF is a mistake to point out: skipped
	files, _ = Files([]string{old, form})
	res = Read(files, 1, nil)
	if len(res.Records) != 1 || len(res.Documents) != 0 || len(res.Skipped) != 1 || res.Skipped[0].File != old ||
		!strings.Contains(i18n.Message(res.Skipped[0].Reason, i18n.FR), "n'est pas un formulaire d'incident") {
		t.Errorf("named: records %d, documents %v, skipped %v", len(res.Records), res.Documents, res.Skipped)
	}
}

func mustFiles(t *testing.T, paths ...string) []Input {
	t.Helper()
	files, bad := Files(paths)
	if len(bad) > 0 {
		t.Fatal(bad)
	}
	return files
}

// The PDFs sexto makes say so in their metadata, and a filled form read back by another
// program keeps it in plain text.
func TestMadeBySexto(t *testing.T) {
	for b, want := range map[string]bool{
		"/Producer (\xfe\xff\x00s\x00e\x00x\x00t\x00o)\n": true,
		"/Producer(sexto)/SextoForm(1 fr)":                true,
		"/Producer (pypdf)\n/Producer (sexto)":            true,
		"/Producer (sextoplus)":                           false,
		"/Producer (LibreOffice)":                         false,
		"/Creator (sexto)":                                false,
	} {
		if got := madeBySexto([]byte(b)); got != want {
			t.Errorf("%q: %v", b, got)
		}
	}
}
