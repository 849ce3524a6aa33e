package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sexto/kit/i18n"
)

// explorerApp is an app started by a double-click in the Windows Explorer, played on any
// system through the seams: the Explorer check, the program's path and the console opener.
func explorerApp(input string, env map[string]string, sys i18n.Lang) (*app, *bytes.Buffer, *[]string) {
	var out bytes.Buffer
	var opened []string
	a := &app{stdin: strings.NewReader(input), stdout: &out, stderr: &out, getenv: func(k string) string { return env[k] },
		isTerminal: func(io.Writer) bool { return true }, stdinTerminal: func() bool { return true },
		startedByExplorer: func() bool { return true },
		executable:        func() (string, error) { return filepath.Join("C:", "SEXTO", "sexto.exe"), nil },
		openConsole:       func(dir string) error { opened = append(opened, dir); return nil },
		systemLang:        func() (i18n.Lang, bool) { return sys, sys != "" },
	}
	return a, &out, &opened
}

// A double-click shows a page in the system's language that says what sexto is and what to
// type, waits for Enter, then opens a console in the program's folder. (No Windows machine
// runs these tests: the Explorer check is injected.)
func TestDoubleClickShowsAPageAndOpensAConsole(t *testing.T) {
	t.Chdir(t.TempDir())
	dir := filepath.Join("C:", "SEXTO")

	a, out, opened := explorerApp("\n", nil, i18n.FR)
	if code := runWith(a, nil); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"sexto ne s'ouvre pas d'un double-clic", dir, "sexto init", "sexto kit", "sexto help",
		"LISEZMOI.txt", "Appuyez sur Entrée pour ouvrir l'Invite de commandes"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("French page lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out.String(), "command line tool") || strings.Contains(out.String(), "Usage") {
		t.Errorf("cobra's English page or the help was shown:\n%s", out)
	}
	if len(*opened) != 1 || (*opened)[0] != dir {
		t.Errorf("console opened in %v, want [%s]", *opened, dir)
	}

	// English system: the English page
	a, out, _ = explorerApp("\n", nil, i18n.EN)
	runWith(a, nil)
	if !strings.Contains(out.String(), "sexto does not open with a double-click") || !strings.Contains(out.String(), "README.txt") {
		t.Errorf("English page:\n%s", out)
	}

	// the window closed before Enter: no console, no error
	a, _, opened = explorerApp("", nil, i18n.FR)
	if code := runWith(a, nil); code != exitOK || len(*opened) != 0 {
		t.Errorf("no Enter: exit %d, console %v", code, *opened)
	}

	// a console that cannot open: said, with the way to open one by hand
	a, out, _ = explorerApp("\n", nil, i18n.FR)
	a.openConsole = func(string) error { return errors.New("access denied") }
	if code := runWith(a, nil); code != exitFailure || !strings.Contains(out.String(), "tapez cmd dans la barre d'adresse") {
		t.Errorf("console failure: exit %d\n%s", code, out)
	}

	// started from Explorer with arguments (a shortcut), or from a console: the normal program
	a, out, opened = explorerApp("\n", nil, i18n.FR)
	runWith(a, []string{"version"})
	if !strings.HasPrefix(out.String(), "sexto ") || len(*opened) != 0 {
		t.Errorf("with arguments: %q, console %v", out, *opened)
	}
	a, out, _ = explorerApp("\n", nil, i18n.FR)
	a.startedByExplorer = func() bool { return false }
	runWith(a, nil)
	if !strings.Contains(out.String(), "Utilisation :") {
		t.Errorf("from a console, no argument: %q", out)
	}
}

// The system's language (Windows: GetUserPreferredUILanguages) decides when neither --lang
// nor a profile nor LANG does.
func TestSystemLanguage(t *testing.T) {
	t.Chdir(t.TempDir())
	help := func(env map[string]string, sys i18n.Lang, args ...string) string {
		a, out, _ := explorerApp("", env, sys)
		a.startedByExplorer = func() bool { return false }
		runWith(a, append(args, "--help"))
		return out.String()
	}
	if !strings.Contains(help(nil, i18n.EN), "Usage:") {
		t.Error("an English Windows does not give English help")
	}
	if !strings.Contains(help(nil, ""), "Utilisation :") {
		t.Error("an unknown system language does not give French")
	}
	if !strings.Contains(help(nil, i18n.EN, "--lang", "fr"), "Utilisation :") {
		t.Error("--lang fr does not win over the system")
	}
	if !strings.Contains(help(map[string]string{"LANG": "fr_CA.UTF-8"}, i18n.EN), "Utilisation :") {
		t.Error("LANG does not win over the system")
	}
	os.WriteFile("sexto.toml", []byte("language = \"fr\"\n[school]\nname = \"École\"\n"), 0o644)
	if !strings.Contains(help(nil, i18n.EN), "Utilisation :") {
		t.Error("the profile's language does not win over the system")
	}
	for id, want := range map[uint16]i18n.Lang{0x0c0c: i18n.FR, 0x040c: i18n.FR, 0x1009: i18n.EN, 0x0409: i18n.EN} {
		if got, ok := langFromLANGID(id); !ok || got != want {
			t.Errorf("LANGID %#04x: %s, %v", id, got, ok)
		}
	}
	if _, ok := langFromLANGID(0x0c0a); ok {
		t.Error("Spanish read as French or English")
	}
}

// Tab completes the values of --lang and --paper, and only the files each place accepts.
func TestCompletion(t *testing.T) {
	t.Chdir(t.TempDir())
	complete := func(args ...string) string {
		var out bytes.Buffer
		run(append([]string{"__complete"}, args...), strings.NewReader(""), &out, io.Discard, func(string) string { return "" })
		return out.String()
	}
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"kit", "--lang", ""}, []string{"fr\n", "en\n", ":4\n"}},
		{[]string{"check", "--paper", ""}, []string{"letter\n", "a4\n", ":4\n"}},
		{[]string{"check", ""}, []string{"xlsx\n", ":8\n"}},
		{[]string{"referral", ""}, []string{"xlsx\n", ":8\n"}},
		{[]string{"score", "d.xlsx", ""}, []string{":4\n"}},
		{[]string{"score", "d.xlsx", "-o", ""}, []string{"pdf\n", ":8\n"}},
		{[]string{"kit", "-o", ""}, []string{"pdf\n", ":8\n"}},
		{[]string{"template", "-o", ""}, []string{"xlsx\n", ":8\n"}},
		{[]string{"kit", "--profile", ""}, []string{"toml\n", ":8\n"}},
		{[]string{"letters", "d.xlsx", "-o", ""}, []string{":16\n"}},
		{[]string{"kit", "--templates", ""}, []string{":16\n"}},
		{[]string{"stats", "--csv", ""}, []string{"csv\n", ":8\n"}},
	}
	for _, c := range cases {
		got := complete(c.args...)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("complete %q: no %q in\n%s", c.args, w, got)
			}
		}
	}
}

// A CSV re-saved as .xlsx (one sheet, a header and rows) is no incident workbook: refused
// with exit 3, saying what is missing and that sexto template makes the right file; nothing
// says "valid" and no referral is written.
func TestCSVSavedAsXLSXIsRefused(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	rows := [][]string{{"Nom", "Prénom", "Classe"}, {"Tremblay", "Léa", "sec3"}, {"Gagnon", "Éloïse", "sec4"}}
	if err := os.WriteFile("eleves.xlsx", plainXLSX(t, "eleves", rows), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{{"check", "eleves.xlsx"}, {"score", "eleves.xlsx"}, {"referral", "eleves.xlsx"}, {"letters", "eleves.xlsx"}} {
		var out, errb bytes.Buffer
		code := run(cmd, strings.NewReader(""), &out, &errb, func(string) string { return "" })
		if code != exitInput {
			t.Errorf("%s: exit %d, want %d\n%s", cmd[0], code, exitInput, errb.String())
		}
		for _, want := range []string{"eleves.xlsx n'est pas un classeur d'incident", "feuille « Dossier »", "« sexto template » écrit le bon classeur"} {
			if !strings.Contains(errb.String(), want) {
				t.Errorf("%s: stderr lacks %q:\n%s", cmd[0], want, errb.String())
			}
		}
		if strings.Contains(out.String(), "valide") {
			t.Errorf("%s said valid:\n%s", cmd[0], out.String())
		}
	}
	left, _ := filepath.Glob("*.pdf")
	if len(left) > 0 {
		t.Errorf("written: %v", left)
	}
}

// plainXLSX builds the smallest workbook a spreadsheet program saves: one sheet of text.
func plainXLSX(t *testing.T, sheet string, rows [][]string) []byte {
	t.Helper()
	var data strings.Builder
	for i, r := range rows {
		fmt.Fprintf(&data, `<row r="%d">`, i+1)
		for j, v := range r {
			fmt.Fprintf(&data, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+j, i+1, v)
		}
		data.WriteString(`</row>`)
	}
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + sheet + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + data.String() + `</sheetData></worksheet>`},
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, f.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
