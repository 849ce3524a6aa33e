package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/pdftext"
	"sexto/kit/workbook"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sexto": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)) },
	})
}

// The user workflows, as scripts: testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", previewEpoch) // 2026-11-24 15:00 in Quebec, the day of the scripts' incidents
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// pdftext FILE: print the text of a PDF, to match with stdout
			"pdftext": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: pdftext FILE")
				}
				txt, err := pdftext.Text([]byte(ts.ReadFile(args[0])))
				if err != nil {
					ts.Fatalf("%v", err)
				}
				ts.Stdout().Write([]byte(txt))
			},
			// pages FILE N: the PDF has N pages
			"pages": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: pages FILE N")
				}
				ps, err := pdftext.Pages([]byte(ts.ReadFile(args[0])))
				if err != nil {
					ts.Fatalf("%v", err)
				}
				if got := fmt.Sprint(len(ps)); (got == args[1]) == neg {
					ts.Fatalf("%s has %s pages, want %s%s", args[0], got, map[bool]string{true: "not ", false: ""}[neg], args[1])
				}
			},
			// mediabox FILE W H: the page size in points
			"mediabox": func(ts *testscript.TestScript, neg bool, args []string) {
				w, h, err := pdftext.MediaBox([]byte(ts.ReadFile(args[0])))
				if err != nil {
					ts.Fatalf("%v", err)
				}
				if got := fmt.Sprintf("%.0f %.0f", w, h); got != args[1]+" "+args[2] {
					ts.Fatalf("page size %s, want %s %s", got, args[1], args[2])
				}
			},
			// same A B: the two files have identical bytes
			"same": func(ts *testscript.TestScript, neg bool, args []string) {
				eq := bytes.Equal([]byte(ts.ReadFile(args[0])), []byte(ts.ReadFile(args[1])))
				if eq == neg {
					ts.Fatalf("%s and %s: identical = %v", args[0], args[1], eq)
				}
			},
			// fill [-roles] FILE SHEET KEY=VALUE...: type answers into a workbook, as an
			// intervener would; with -roles, every role of the grid not named is answered "Non"
			// ("No"), so that a script names only the roles its students played; on the devices
			// sheet, one device in the next empty row
			"fill": func(ts *testscript.TestScript, neg bool, args []string) {
				roles := len(args) > 0 && args[0] == "-roles"
				if roles {
					args = args[1:]
				}
				if len(args) < 3 {
					ts.Fatalf("usage: fill [-roles] FILE SHEET KEY=VALUE...")
				}
				kv := map[string]string{}
				if roles {
					l := i18n.FR
					if strings.HasPrefix(args[1], "Student") {
						l = i18n.EN
					}
					kv = gridtest.Labels(l)
				}
				for _, a := range args[2:] {
					k, v, _ := strings.Cut(a, "=")
					kv[k] = v
				}
				path := ts.MkAbs(args[0])
				answers, rows := map[string]map[string]string{args[1]: kv}, map[string][]string(nil)
				if args[1] == "Appareils" || args[1] == "Devices" { // one device, in the next row
					answers, rows = nil, map[string][]string{args[1]: {strings.Join(args[2:], "|")}}
				}
				b, err := workbook.Fill([]byte(ts.ReadFile(args[0])), answers, rows)
				if err != nil {
					ts.Fatalf("%v", err)
				}
				if err := os.WriteFile(path, b, 0o600); err != nil {
					ts.Fatalf("%v", err)
				}
			},
			// cell KEY VAR: sets $VAR to the cell where KEY's answer is typed (C42), so that a
			// script naming a cell does not depend on how many items come before it
			"cell": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: cell KEY VAR")
				}
				c, ok := workbook.AnswerCell(args[0])
				if !ok {
					ts.Fatalf("%s has no cell on an item sheet", args[0])
				}
				ts.Setenv(args[1], c)
			},
			// perm FILE MODE: the file's permissions (octal), on systems that have them
			"perm": func(ts *testscript.TestScript, neg bool, args []string) {
				st, err := os.Stat(ts.MkAbs(args[0]))
				if err != nil {
					ts.Fatalf("%v", err)
				}
				if got := fmt.Sprintf("%o", st.Mode().Perm()); got != args[1] && runtime.GOOS != "windows" {
					ts.Fatalf("%s has mode %s, want %s", args[0], got, args[1])
				}
			},
			// nofiles DIR PATTERN: no file matching the glob is left in DIR
			"nofiles": func(ts *testscript.TestScript, neg bool, args []string) {
				m, _ := filepath.Glob(filepath.Join(ts.MkAbs(args[0]), args[1]))
				if len(m) > 0 {
					ts.Fatalf("left behind: %s", strings.Join(m, ", "))
				}
			},
		},
	})
}

// Exit statuses, checked exactly (scripts only see zero or not).
func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("bad.toml", []byte("[school]\nnom = \"x\"\n"), 0o644)
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"version"}, exitOK},
		{[]string{"kitt"}, exitUsage},
		{[]string{"kit", "--bogus"}, exitUsage},
		{[]string{"kit", "--students", "abc"}, exitUsage},
		{[]string{"kit", "--students", "999"}, exitUsage},
		{[]string{"kit", "--lang", "de"}, exitUsage},
		{[]string{"kit", "--paper", "legal"}, exitUsage},
		{[]string{"print"}, exitUsage},
		{[]string{"print", "affiche"}, exitUsage},
		{[]string{"kit", "extra"}, exitUsage},
		{[]string{"kit", "--profile", "bad.toml", "-o", "x.pdf"}, exitFailure},
		{[]string{"kit", "--profile", "absent.toml", "-o", "x.pdf"}, exitFailure},
		{[]string{"kit", "-o", filepath.Join("absent", "x.pdf")}, exitFailure},
		{[]string{"print", "legal", "-o", "legal.pdf"}, exitOK},
		{[]string{"print", "legal", "-o", "legal.pdf"}, exitFailure},
		{[]string{"print", "legal", "-o", "legal.pdf", "--force"}, exitOK},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		got := run(c.args, strings.NewReader(""), &out, &errb, func(string) string { return "" })
		if got != c.want {
			t.Errorf("sexto %s: exit %d, want %d; stderr:\n%s", strings.Join(c.args, " "), got, c.want, errb.String())
		}
	}
}

// A PDF is never written to a terminal.
func TestRefusesPDFOnTerminal(t *testing.T) {
	t.Chdir(t.TempDir())
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
		isTerminal: func(io.Writer) bool { return true }, stdinTerminal: func() bool { return false }}

	code := runWith(a, []string{"kit", "-o", "-"})
	if code != exitUsage || out.Len() != 0 || !strings.Contains(errb.String(), "terminal") {
		t.Errorf("exit %d, %d bytes on stdout, stderr %q", code, out.Len(), errb.String())
	}
}

// Language: --lang, then the profile's, then LANG, then French.
func TestLanguageChoice(t *testing.T) {
	t.Chdir(t.TempDir())
	help := func(env map[string]string, args ...string) string {
		var out, errb bytes.Buffer
		run(append(args, "--help"), strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
		return out.String()
	}
	if !strings.Contains(help(nil), "Utilisation") {
		t.Error("default help is not French")
	}
	if !strings.Contains(help(map[string]string{"LANG": "en_CA.UTF-8"}), "Usage:") {
		t.Error("an English LANG does not give English help")
	}
	if !strings.Contains(help(map[string]string{"LANG": "en_CA.UTF-8"}, "--lang", "fr"), "Utilisation") {
		t.Error("--lang fr does not win over LANG")
	}
	os.WriteFile("sexto.toml", []byte("language = \"en\"\n[school]\nname = \"École\"\n"), 0o644)
	if !strings.Contains(help(map[string]string{"LANG": "fr_CA.UTF-8"}), "Usage:") {
		t.Error("the profile's language does not win over LANG")
	}
}

// The password is asked twice on a terminal, without echo; two different answers write nothing.
func TestPasswordPrompt(t *testing.T) {
	prompt := func(answers ...string) (*app, *bytes.Buffer) {
		var errb bytes.Buffer
		i := 0
		a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, getenv: func(string) string { return "" },
			isTerminal: func(io.Writer) bool { return false }, stdinTerminal: func() bool { return true },
			readPassword: func() ([]byte, error) { i++; return []byte(answers[i-1]), nil }}
		return a, &errb
	}
	a, errb := prompt("Trois-Erables_neige2026", "Trois-Erables_neige2026")
	pw, err := a.password("")
	if err != nil || pw != "Trois-Erables_neige2026" || !strings.Contains(errb.String(), "Le même mot de passe, encore") {
		t.Errorf("matching answers: %q, %v, %q", pw, err, errb.String())
	}
	a, _ = prompt("Trois-Erables_neige2026", "Trois-Erables_neige2027")
	if _, err := a.password(""); err == nil {
		t.Error("two different answers were accepted")
	}
	a, _ = prompt("court")
	if _, err := a.password(""); err == nil {
		t.Error("a short password was accepted at the prompt")
	}
	// SEXTO_PASSWORD wins over the terminal, and a flag is never a source
	a, _ = prompt()
	a.getenv = func(k string) string {
		if k == "SEXTO_PASSWORD" {
			return "phrase de passe assez longue"
		}
		return ""
	}
	if pw, err := a.password(""); err != nil || pw != "phrase de passe assez longue" {
		t.Errorf("environment: %q, %v", pw, err)
	}
}

// Password files as Windows writes them: UTF-8 with a byte order mark, or UTF-16 from
// PowerShell's "echo … > file".
func TestPasswordFileEncodings(t *testing.T) {
	dir := t.TempDir()
	want := "phrase de passe été 2026"
	utf16le := []byte{0xff, 0xfe}
	for _, r := range want + "\r\n" {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	files := map[string][]byte{
		"plain.txt": []byte(want + "\n"),
		"bom.txt":   append([]byte{0xef, 0xbb, 0xbf}, []byte(want+"\r\n")...),
		"utf16.txt": utf16le,
	}
	a := &app{getenv: func(string) string { return "" }, stdinTerminal: func() bool { return false }}
	for name, b := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o600)
		got, err := a.password(p)
		if err != nil || got != want {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
	os.WriteFile(filepath.Join(dir, "latin1.txt"), []byte("phrase de passe \xe9t\xe9 2026"), 0o600)
	if _, err := a.password(filepath.Join(dir, "latin1.txt")); err == nil {
		t.Error("a password file that is not UTF-8 was read")
	}
}
