package exercise

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"sexto/kit/i18n"
)

// A board's folder that holds both languages of a case is refused when their keys differ,
// with a bilingual message naming both files, their lines and the first key that differs;
// texts that are written in each language (the officer's title, the notes) may differ.
func TestLanguagesMustAgree(t *testing.T) {
	files, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	const en1 = "en/01-forwarded-to-fit-in.toml"
	folder := func(edit func(string) string) string {
		dir := t.TempDir()
		for n, b := range files {
			p := filepath.Join(dir, filepath.FromSlash(n))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if n == en1 {
				b = []byte(edit(string(b)))
			}
			os.WriteFile(p, b, 0o644)
		}
		return dir
	}
	lineOf := func(src, prefix string, nth int) int {
		for i, l := range strings.Split(src, "\n") {
			if strings.HasPrefix(l, prefix) {
				if nth == 0 {
					return i + 1
				}
				nth--
			}
		}
		t.Fatalf("no line %q", prefix)
		return 0
	}
	fr1 := string(files["fr/01-transfert-pour-etre-accepte.toml"])
	for _, c := range []struct {
		name   string
		edit   func(string) string
		fr, en string // the messages' ends, after the files' names
		frLine int
		enLine func(string) int
	}{
		{"a device's state",
			func(s string) string { return strings.Replace(s, `state = "on"`, `state = "off"`, 1) },
			"[[device]] 1 state vaut « on » en français et « off » en anglais",
			"[[device]] 1 state is “on” in French and “off” in English",
			lineOf(fr1, "state =", 0), func(s string) int { return lineOf(s, "state =", 0) }},
		{"an answer left out",
			func(s string) string { return strings.Replace(s, "safety.dpj_report = \"non\"\n", "", 1) },
			"E1 [student.grid] safety.dpj_report vaut « non » en français et « (sans réponse) » en anglais",
			"E1 [student.grid] safety.dpj_report is “non” in French and “(no answer)” in English",
			lineOf(fr1, "safety.dpj_report", 0), func(string) int { return lineOf(string(files[en1]), "[student.grid]", 0) }},
		{"an expected orientation",
			func(s string) string {
				return strings.Replace(s, "orientation = \"impulsive\"", "orientation = \"malicious\"", 1)
			},
			"", "", 0, nil}, // refused on its own: the key no longer gives it
	} {
		dir := folder(c.edit)
		_, err := Load(dir)
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		if c.fr == "" {
			continue
		}
		frFile, enFile := filepath.Join(dir, "fr", "01-transfert-pour-etre-accepte.toml"), filepath.Join(dir, filepath.FromSlash(en1))
		src, _ := os.ReadFile(enFile)
		wantFR := frFile + ", ligne " + strconv.Itoa(c.frLine) + " : le cas 1 n’a pas le même corrigé que " + enFile + ", ligne " + strconv.Itoa(c.enLine(string(src))) + " : " + c.fr
		wantEN := frFile + ", line " + strconv.Itoa(c.frLine) + ": case 1 does not have the same key as " + enFile + ", line " + strconv.Itoa(c.enLine(string(src))) + ": " + c.en
		if got := i18n.Message(err, i18n.FR); !strings.HasPrefix(got, wantFR) {
			t.Errorf("%s:\n got %q\nwant %q…", c.name, got, wantFR)
		}
		if got := i18n.Message(err, i18n.EN); !strings.HasPrefix(got, wantEN) {
			t.Errorf("%s:\n got %q\nwant %q…", c.name, got, wantEN)
		}
	}
	// texts written in each language may differ; the built-in case of the other language is
	// not compared with a folder's case
	texts := folder(func(s string) string {
		s = strings.Replace(s, `officer = "Constable Nadia Bélanger, badge 4127"`, `officer = "Cst. Nadia Bélanger (4127)"`, 1)
		return strings.Replace(s, `notes = "Owns up`, `notes = "Admits it all`, 1)
	})
	if _, err := Load(texts); err != nil {
		t.Errorf("texts that differ: %s", i18n.Message(err, i18n.EN))
	}
	only := t.TempDir()
	os.MkdirAll(filepath.Join(only, "fr"), 0o755)
	os.WriteFile(filepath.Join(only, "fr", "01.toml"), []byte(strings.Replace(fr1, `state = "on"`, `state = "off"`, 1)), 0o644)
	if _, err := Load(only); err != nil {
		t.Errorf("French only: %s", i18n.Message(err, i18n.EN))
	}
}
