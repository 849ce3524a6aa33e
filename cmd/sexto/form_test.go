package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sexto/kit/doc"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/printkit"
	"sexto/kit/secure"
)

// sexto runs the command line in dir and returns its exit status, stdout and stderr.
func sexto(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return previewEpoch
		}
		return ""
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	code := run(args, strings.NewReader(""), &out, &errb, env)
	return code, out.String(), errb.String()
}

// formData is the folder of the filled forms, found before any test changes folder.
var formData = func() string {
	d, err := filepath.Abs("../../kit/workbook/testdata/form")
	if err != nil {
		panic(err)
	}
	return d + string(filepath.Separator)
}()

// The same fictional incident typed into the PDF form by pypdf and into the workbook by
// openpyxl (see kit/workbook/testdata/form/README.md) scores the same.
func TestFilledFormScoresLikeTheWorkbook(t *testing.T) {
	dir := t.TempDir()
	for _, l := range []string{"fr", "en"} {
		pdfPath, xlsxPath := formData+"filled-"+l+".pdf", formData+"filled-"+l+".xlsx"
		cp, fromPDF, ep := sexto(t, dir, "score", "--json", pdfPath)
		cx, fromXLSX, ex := sexto(t, dir, "score", "--json", xlsxPath)
		if cp != 0 || cx != 0 {
			t.Fatalf("%s: exit %d (%s) and %d (%s)", l, cp, ep, cx, ex)
		}
		if fromPDF != fromXLSX || !strings.Contains(fromPDF, `"orientation": "malicious"`) || !strings.Contains(fromPDF, `"M-INTENT"`) {
			t.Errorf("%s: score --json differs:\nform:\n%s\nworkbook:\n%s", l, fromPDF, fromXLSX)
		}
		code, out, _ := sexto(t, dir, "check", pdfPath)
		if code != 0 || !strings.Contains(out, "formulaire valide") || !strings.Contains(out, "3 (E1, E2, E3)") {
			t.Errorf("%s: check: %d %s", l, code, out)
		}
		// the principal's commands take the form too
		for _, args := range [][]string{
			{"letters", pdfPath, "-o", "lettres-" + l},
			{"referral", pdfPath, "-o", "transmission-" + l + ".pdf"},
			{"stats", pdfPath, xlsxPath, "-o", "stats-" + l + ".pdf"},
		} {
			if code, _, errs := sexto(t, dir, args...); code != 0 {
				t.Errorf("%s: exit %d: %s", strings.Join(args, " "), code, errs)
			}
		}
		if ls, _ := filepath.Glob(filepath.Join(dir, "lettres-"+l, "*.pdf")); len(ls) != 2 {
			t.Errorf("%s: %d letters, want 2 (E1 and E2 have a parent)", l, len(ls))
		}
	}
}

// appendRevision appends to pdf an update holding objs (numbered from the trailer's /Size on)
// and the catalog changed by edit, which receives the first new object's number. It reads only
// what sexto's form writes: a compact catalog in the last update.
func appendRevision(t *testing.T, pdf []byte, edit func(catalog string, first int) string, objs ...string) []byte {
	t.Helper()
	cat := regexp.MustCompile(`(?m)^(\d+) 0 obj\n(<</AcroForm[^\n]*/Type/Catalog>>)\nendobj`).FindAllSubmatch(pdf, -1)
	sizes := regexp.MustCompile(`/Size (\d+)`).FindAllSubmatch(pdf, -1)
	prev := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(pdf)
	info := regexp.MustCompile(`/Info (\d+ 0 R)`).FindAllSubmatch(pdf, -1)
	if len(cat) == 0 || len(sizes) == 0 || prev == nil || len(info) == 0 {
		t.Fatal("not a form written by sexto")
	}
	root, _ := strconv.Atoi(string(cat[len(cat)-1][1]))
	size, _ := strconv.Atoi(string(sizes[len(sizes)-1][1]))
	var b bytes.Buffer
	b.Write(pdf)
	type entry struct{ num, off int }
	var entries []entry
	entries = append(entries, entry{root, b.Len()})
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", root, edit(string(cat[len(cat)-1][2]), size))
	for i, o := range objs {
		entries = append(entries, entry{size + i, b.Len()})
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", size+i, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n%d 1\n%010d 00000 n \n", root, entries[0].off)
	if len(objs) > 0 {
		fmt.Fprintf(&b, "%d %d\n", size, len(objs))
		for _, e := range entries[1:] {
			fmt.Fprintf(&b, "%010d 00000 n \n", e.off)
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Info %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n",
		size+len(objs), root, info[len(info)-1][1], prev[1], x)
	return b.Bytes()
}

func addToCatalog(entry string) func(string, int) string {
	return func(cat string, first int) string {
		if strings.Contains(entry, "%d") {
			entry = fmt.Sprintf(entry, first)
		}
		return strings.TrimSuffix(cat, ">>") + entry + ">>"
	}
}

// Hostile PDFs are refused by every reading command before any field is read: exit 3, a
// message that says why, and nothing written.
func TestHostileFormsAreRefusedByEveryCommand(t *testing.T) {
	blank, err := printkit.Form(printkit.Options{Context: doc.Context{Lang: i18n.FR, Now: time.Unix(0, 0)}, Students: 2})
	if err != nil {
		t.Fatal(err)
	}
	if f, err := secure.ReadForm("x.pdf", appendRevision(t, blank, addToCatalog(""))); err != nil || len(f.Fields) == 0 {
		t.Fatalf("the test's own update breaks the form: %v", err)
	}
	encrypted, err := secure.Encrypt(blank, "une phrase de passe assez longue")
	if err != nil {
		t.Fatal(err)
	}
	grid, err := printkit.Print(printkit.Options{Context: doc.Context{Lang: i18n.FR, Now: time.Unix(0, 0)}, Students: 1}, "grid")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, says string
		data       []byte
	}{
		{"javascript", "le PDF contient du JavaScript", appendRevision(t, blank, addToCatalog("/OpenAction %d 0 R"), "<< /S /JavaScript /JS (app.alert\\(1\\)) >>")},
		{"launch", "une action qui ouvre, envoie ou va chercher", appendRevision(t, blank, addToCatalog("/OpenAction %d 0 R"), "<< /S /Launch /F (calc.exe) >>")},
		{"submit", "une action qui ouvre, envoie ou va chercher", appendRevision(t, blank, addToCatalog("/OpenAction %d 0 R"), "<< /S /SubmitForm /F (http://example.invalid/) >>")},
		{"embedded", "un fichier ou un média joint", appendRevision(t, blank, addToCatalog("/Names << /EmbeddedFiles << /Names [(a.txt) %d 0 R] >> >>"),
			"<< /Type /Filespec /F (a.txt) /EF << /F 0 0 R >> >>")},
		// a 1 × 1 grey image, made here
		{"image", "le PDF contient une image", appendRevision(t, blank, addToCatalog("/Pictures %d 0 R"),
			"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")},
		{"encrypted", "PDF chiffré ou protégé par un mot de passe", encrypted},
		{"too large", "fichier trop gros pour un", append(append([]byte{}, blank...), bytes.Repeat([]byte("%"+strings.Repeat("x", 99)+"\n"), 210_000)...)},
		{"not the form", "ce PDF n'est pas un formulaire d'incident sexto", grid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "dossier.pdf"), c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			os.Mkdir(filepath.Join(dir, "statistiques"), 0o700)
			for _, args := range [][]string{
				{"check", "dossier.pdf"},
				{"score", "dossier.pdf", "-o", "rapport.pdf"},
				{"score", "--json", "dossier.pdf"},
				{"letters", "dossier.pdf", "-o", "lettres"},
				{"referral", "dossier.pdf", "-o", "transmission.pdf"},
				// stats skips the file (exit 3) and writes the figures of the others: here, none
				{"stats", "dossier.pdf", "-o", "statistiques/stats.pdf"},
			} {
				code, out, errs := sexto(t, dir, args...)
				if code != 3 || !strings.Contains(errs, c.says) {
					t.Errorf("%s: exit %d, stderr %q; want 3 and %q", strings.Join(args, " "), code, errs, c.says)
				}
				if args[0] != "stats" && out != "" {
					t.Errorf("%s: printed %q", strings.Join(args, " "), out)
				}
			}
			os.RemoveAll(filepath.Join(dir, "statistiques"))
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("files written: %v", names)
			}
		})
	}
	// and the way out, once, in both languages
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "grille.pdf"), grid, 0o600)
	_, _, fr := sexto(t, dir, "check", "grille.pdf")
	_, _, en := sexto(t, dir, "check", "--lang", "en", "grille.pdf")
	if !strings.Contains(fr, "grille.pdf : ce PDF n'est pas un formulaire d'incident sexto : faites-en un avec « sexto template -o FICHIER.pdf »") ||
		!strings.Contains(en, "grille.pdf: this PDF is not a sexto incident form: make one with `sexto template -o FILE.pdf`") {
		t.Errorf("no way out:\n%s\n%s", fr, en)
	}
}

func TestTemplateWritesTheFormForItsOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := sexto(t, dir, "template", "-o", "dossier.pdf"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	st, err := os.Stat(filepath.Join(dir, "dossier.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("the form is written %04o, want 0600", st.Mode().Perm())
	}
	b, _ := os.ReadFile(filepath.Join(dir, "dossier.pdf"))
	// a field per item: the incident's, each of the 4 grids', 4 devices', 22 rows of the log
	student := 0
	for _, s := range grid.Student {
		student += len(s.Items)
	}
	want := len(grid.Incident.Items) + 4*student + 4*len(grid.Devices.Items) + 22*len(printkit.EventColumns)
	if f, err := secure.ReadForm("dossier.pdf", b); err != nil || len(f.Fields) != want {
		t.Errorf("not the 4-student form (%d fields wanted): %v", want, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want the form alone (no temporary file left)", len(entries))
	}
}

// formDemo writes at path a 3-student form of language l filled with the fictional incident
// of kit/workbook/testdata/form/incident.json (or left blank when the name says so), for the
// guides' commands and the previews.
func formDemo(t *testing.T, path string, l i18n.Lang) {
	t.Helper()
	b, err := printkit.Form(printkit.Options{Context: doc.Context{Lang: l, Now: time.Unix(1795550400, 0)}, Students: 3})
	if err != nil {
		t.Fatal(err)
	}
	if base := strings.ToLower(filepath.Base(path)); !strings.Contains(base, "vierge") && !strings.Contains(base, "blank") {
		raw, err := os.ReadFile(formData + "incident.json")
		if err != nil {
			t.Fatal(err)
		}
		var incident struct {
			Fields []struct{ Name, Text, Code string }
		}
		if err := json.Unmarshal(raw, &incident); err != nil {
			t.Fatal(err)
		}
		values := map[string]string{}
		for _, f := range incident.Fields {
			values[f.Name] = f.Text + f.Code
		}
		if b, err = secure.FillForm(b, values); err != nil {
			t.Fatal(err)
		}
	}
	if d := filepath.Dir(path); d != "." {
		os.MkdirAll(d, 0o755)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
