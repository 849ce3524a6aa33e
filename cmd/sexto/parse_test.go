package main

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"

	"sexto/kit/i18n"
)

// parsed runs the command line args with every command's work replaced, and returns the
// options the command parsed (the seam of cli/cli: parsing is tested apart from the work).
func parsed(t *testing.T, args ...string) any {
	t.Helper()
	var got any
	var errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, getenv: func(string) string { return "" },
		isTerminal: func(io.Writer) bool { return false }, stdinTerminal: func() bool { return false }}
	a.lang = i18n.FR
	a.runs = runners{
		check:           func(o checkOptions) error { got = o; return nil },
		score:           func(o scoreOptions) error { got = o; return nil },
		referral:        func(o referralOptions) error { got = o; return nil },
		letters:         func(o lettersOptions) error { got = o; return nil },
		stats:           func(o statsOptions) error { got = o; return nil },
		init:            func(o initOptions) error { got = o; return nil },
		rules:           func(o rulesOptions) error { got = o; return nil },
		version:         func(o versionOptions) error { got = o; return nil },
		template:        func(o templateOptions) error { got = o; return nil },
		print:           func(o printOptions) error { got = o; return nil },
		exercise:        func(o exerciseOptions) error { got = o; return nil },
		exerciseCheck:   func(o exerciseCheckOptions) error { got = o; return nil },
		exerciseExport:  func(dir string) error { got = dir; return nil },
		templatesExport: func(dir string) error { got = dir; return nil },
	}
	if code := runWith(a, args); code != exitOK {
		t.Fatalf("sexto %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
	}
	return got
}

func TestEveryCommandParsesIntoItsOptions(t *testing.T) {
	cases := []struct {
		args []string
		want any
	}{
		{[]string{"check", "dossier 2026.xlsx"}, checkOptions{File: "dossier 2026.xlsx"}},
		{[]string{"vérifier", "d.pdf"}, checkOptions{File: "d.pdf"}},
		{[]string{"score", "d.xlsx", "--json"}, scoreOptions{File: "d.xlsx", JSON: true}},
		{[]string{"score", "d.xlsx", "-o", "r.pdf"}, scoreOptions{File: "d.xlsx", Out: "r.pdf"}},
		{[]string{"referral", "d.xlsx", "--encrypt", "--password-file", "mdp.txt", "-o", "t.pdf", "--templates", "g"},
			referralOptions{File: "d.xlsx", Encrypt: true, PasswordFile: "mdp.txt", Out: "t.pdf", Templates: "g"}},
		{[]string{"lettres", "d.xlsx", "-o", "lettres", "--combined"}, lettersOptions{File: "d.xlsx", Dir: "lettres", Combined: true}},
		{[]string{"stats", "2025", "2026", "--csv", "s.csv", "--xlsx", "s.xlsx", "--workers", "2"},
			statsOptions{Paths: []string{"2025", "2026"}, CSV: "s.csv", XLSX: "s.xlsx", Workers: 2}},
		{[]string{"init", "-o", "autre.toml"}, initOptions{Out: "autre.toml"}},
		{[]string{"rules", "--json"}, rulesOptions{JSON: true}},
		{[]string{"version"}, versionOptions{}},
		{[]string{"template", "-o", "f.pdf", "--students", "3"}, templateOptions{Out: "f.pdf", Students: 3}},
		{[]string{"kit", "--students", "6", "-o", "k.pdf", "--templates", "g"}, printOptions{Out: "k.pdf", Students: 6, Templates: "g"}},
		{[]string{"print", "étiquettes", "-o", "e.pdf"}, printOptions{Doc: "labels", Out: "e.pdf"}},
		{[]string{"exercise"}, exerciseOptions{}},
		{[]string{"exercise", "2", "-o", "ex", "--pdf"}, exerciseOptions{Case: "2", Out: "ex", OutSet: true, PDF: true}},
		{[]string{"exercise", "check", "1", "t.xlsx", "-o", "b.pdf"}, exerciseCheckOptions{Case: "1", File: "t.xlsx", Out: "b.pdf"}},
		{[]string{"exercise", "export", "cas"}, "cas"},
		{[]string{"templates", "export", "mes gabarits"}, "mes gabarits"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			if got := parsed(t, c.args...); !reflect.DeepEqual(got, c.want) {
				t.Errorf("parsed %#v, want %#v", got, c.want)
			}
		})
	}
}
