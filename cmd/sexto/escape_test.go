package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/workbook"
)

func TestTerminalSafe(t *testing.T) {
	for in, want := range map[string]string{
		"Zoé Lévesque-Côté « x »\tE1\n":   "Zoé Lévesque-Côté « x »\tE1\n",
		"\x1b[31mLéa\x07":                 `\x1b[31mLéa\x07`,
		"a\rb\x00c\x7fd":                  `a\x0db\x00c\x7fd`,
		"\u0085\u009b2J":                  `\u0085\u009b2J`,
		"fdp.\u202egnp.xlsx":              `fdp.\u202egnp.xlsx`,
		"\u2066x\u2069\u200e\u200f\u061c": `\u2066x\u2069\u200e\u200f\u061c`,
		"\ufeff\u200b\u00ad\u2028":        `\ufeff\u200b\u00ad\u2028`,
		"tag\U000e0041":                   `tag\U000e0041`,
		"bad\xff\xfe":                     `bad\xff\xfe`,
		"\u00a0\u202f🙂":                   "\u00a0\u202f🙂",
	} {
		if got := terminalSafe(in); got != want {
			t.Errorf("terminalSafe(%q) = %q, want %q", in, got, want)
		}
	}
	// JSON: the same value, without the raw characters
	v := map[string]string{"name": "\x1b[31mLéa\x07\u202e\u0085\U000e0041"}
	var buf bytes.Buffer
	json.NewEncoder(jsonSafe{&buf}).Encode(v)
	var back map[string]string
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || back["name"] != v["name"] {
		t.Errorf("jsonSafe changed the value: %s → %q, %v", buf.String(), back, err)
	}
	if raw(buf.String()) != "" {
		t.Errorf("jsonSafe left %s raw in %s", raw(buf.String()), buf.String())
	}
}

// raw names the dangerous characters left in s.
func raw(s string) string {
	var found []string
	for _, c := range []string{"\x1b", "\x07", "\u202e", "\u0085", "\r"} {
		if strings.Contains(s, c) {
			found = append(found, terminalSafe(c))
		}
	}
	return strings.Join(found, " ")
}

// renameSheet rewrites a workbook with one sheet renamed in xl/workbook.xml.
func renameSheet(t *testing.T, b []byte, from, to string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "xl/workbook.xml" {
			data = bytes.Replace(data, []byte(`name="`+from+`"`), []byte(`name="`+to+`"`), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	return out.Bytes()
}

// A student name and a sheet name holding ESC[31m, BEL and U+202E, in a file whose name holds
// them too: check and score (table, JSON, problems) print none of them raw.
func TestNoControlCharacterReachesTheTerminal(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	env := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return previewEpoch
		}
		return ""
	}
	sexto := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errb, env)
		return code, out.String() + errb.String()
	}
	if code, out := sexto("template", "--students", "2", "-o", "d.xlsx"); code != 0 {
		t.Fatalf("template: %s", out)
	}
	b, _ := os.ReadFile("d.xlsx")
	evil := "\x1b[31m\x07\u202e"
	b, err := workbook.Fill(b, map[string]map[string]string{
		"Dossier": {"incident.id": "2026-021", "incident.disclosed_at": "2026-11-24T09:15", "incident.intervener": "Éloïse Bédard" + evil},
		"Élève 1": gridtest.Labels(i18n.FR, "student.last_name", "Lévesque"+evil, "student.first_name", evil+"Zoé", "role.depicted", "Oui",
			"role.producer", "Oui", "role.discloser", "Oui"),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// the sheet name: U+202E is a legal XML character; ESC and BEL are written as Excel
	// writes characters XML cannot hold
	sheet := "Élève\u202e_x001B_[31m_x0007_ 1"
	name := filepath.Join(dir, "dossier"+evil+".xlsx")
	if err := os.WriteFile(name, renameSheet(t, b, "Élève 1", sheet), 0o600); err != nil {
		t.Fatal(err)
	}
	// and a problem on that sheet, so that its name is in the message
	bad := filepath.Join(dir, "mauvais"+evil+".xlsx")
	b2, err := workbook.Fill(b, map[string]map[string]string{"Élève 1": {"role.sender": "peut-être" + evil}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(bad, renameSheet(t, b2, "Élève 1", sheet), 0o600)
	for _, args := range [][]string{
		{"check", name}, {"score", name}, {"score", name, "--json"}, {"score", name, "--lang", "en"},
		{"check", bad}, {"score", bad}, {"check", filepath.Join(dir, "absent"+evil+".xlsx")},
	} {
		code, out := sexto(args...)
		if r := raw(out); r != "" {
			t.Errorf("sexto %s (exit %d) printed %s raw:\n%s", args[0], code, r, terminalSafe(out))
		}
		t.Logf("sexto %s: exit %d\n%s", args[0], code, out)
		if !strings.Contains(out, `\u202e`) && args[0] == "check" {
			t.Errorf("sexto %s (exit %d): the file name is not shown escaped:\n%s", strings.Join(args, " "), code, out)
		}
	}
}
