package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sexto/kit/exercise"
	"sexto/kit/i18n"
	"sexto/kit/workbook"
)

// The exercise commands' exit statuses, exactly: a debrief exits 0 whatever the score; a
// workbook with problems 3; a case file with mistakes 1; an unknown case 2.
func TestExerciseExitStatus(t *testing.T) {
	t.Chdir(t.TempDir())
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
	if code, msg := sexto("exercise", "2", "-o", "ex"); code != exitOK {
		t.Fatalf("exercise 2: %d\n%s", code, msg)
	}
	wb := filepath.Join("ex", "exercice-02-dossier.xlsx")
	if code, _ := sexto("exercise", "check", "2", wb); code != exitInput {
		t.Errorf("a blank workbook: exit %d, want %d", code, exitInput)
	}
	// the key, with William's spreading beyond the school missed: the debrief still exits 0
	set, _ := exercise.Load("")
	c, _, _ := set.Get(2, i18n.FR)
	answers, devices := c.Filled(i18n.FR)
	answers["Élève 2"]["scope.outside_school"] = "Non"
	blank, _ := os.ReadFile(wb)
	filled, err := workbook.Fill(blank, answers, devices)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(wb, filled, 0o600)
	code, msg := sexto("exercise", "check", "2", wb, "-o", "bilan.pdf")
	if code != exitOK || !strings.Contains(msg, "Avec « Non », ne s’applique plus : M-WIDE") {
		t.Errorf("a debrief with a mistake: exit %d\n%s", code, msg)
	}
	if _, err := os.Stat("bilan.pdf"); err != nil {
		t.Error("no debrief PDF")
	}
	os.MkdirAll(filepath.Join("cas", "fr"), 0o755)
	os.WriteFile(filepath.Join("cas", "fr", "05.toml"), []byte("case = 5\nlanguage = \"fr\"\ntitle = 3\n"), 0o644)
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"exercise"}, exitOK},
		{[]string{"exercise", "7"}, exitUsage},
		{[]string{"exercise", "1", "2"}, exitUsage},
		{[]string{"exercise", "-o", "ex"}, exitUsage},
		{[]string{"exercise", "1", "-o", "bilan.pdf"}, exitUsage},
		{[]string{"exercise", "check", "2"}, exitUsage},
		{[]string{"exercise", "check", "2", wb, "-o", "bilan"}, exitUsage},
		{[]string{"exercise", "check", "2", "absent.xlsx"}, exitFailure},
		{[]string{"exercise", "--cases", "cas"}, exitFailure},
		{[]string{"exercise", "--cases", "absent"}, exitFailure},
		{[]string{"exercise", "export"}, exitUsage},
		{[]string{"exercise", "export", "export"}, exitOK},
		{[]string{"exercise", "export", "export"}, exitFailure},
	} {
		if code, msg := sexto(c.args...); code != c.want {
			t.Errorf("sexto %s: exit %d, want %d\n%s", strings.Join(c.args, " "), code, c.want, msg)
		}
	}
}
