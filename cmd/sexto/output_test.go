package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/workbook"
)

// oneIncident writes a filled one-student workbook (a fictional incident) to dir/in/a.xlsx.
func oneIncident(t testing.TB, dir string) string {
	t.Helper()
	tpl, err := workbook.Template(workbook.TemplateOptions{Lang: i18n.FR, Students: 1, Now: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	data, err := workbook.Fill(tpl, map[string]map[string]string{
		"Dossier": {"incident.id": "2026-077", "incident.disclosed_at": "2026-11-24 09:15"},
		workbook.StudentSheetName(i18n.FR, 1): gridtest.Grid("student.last_name", "Gingras", "student.first_name", "Océane",
			"role.depicted", "oui", "role.producer", "oui", "role.discloser", "oui"),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o700)
	if err := os.WriteFile(filepath.Join(in, "a.xlsx"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	return in
}

func leftovers(t testing.TB, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, ".sexto-*"))
	return m
}

// The outputs of one run are written together or not at all: when the CSV cannot be moved into
// place (its name was taken while the run wrote), the PDF already in place goes too.
func TestStatsOutputsAllOrNone(t *testing.T) {
	dir := t.TempDir()
	oneIncident(t, dir)
	pdf, csv := filepath.Join(dir, "s.pdf"), filepath.Join(dir, "s.csv")
	commitHook = func(step string) {
		if step == "staged" {
			os.WriteFile(csv, []byte("someone else's"), 0o644)
		}
	}
	t.Cleanup(func() { commitHook = nil })
	var errb bytes.Buffer
	code := run([]string{"stats", filepath.Join(dir, "in"), "-o", pdf, "--csv", csv}, strings.NewReader(""), &bytes.Buffer{}, &errb,
		func(string) string { return "" })
	if code != exitFailure || !strings.Contains(errb.String(), "s.csv existe déjà") {
		t.Errorf("exit %d, stderr:\n%s", code, errb.String())
	}
	if _, err := os.Stat(pdf); err == nil {
		t.Error("the PDF was left without its CSV")
	}
	if b, _ := os.ReadFile(csv); string(b) != "someone else's" {
		t.Errorf("the other file was replaced: %q", b)
	}
	if m := leftovers(t, dir); len(m) > 0 {
		t.Errorf("left behind: %v", m)
	}
}

// An interruption waits for a commit in progress, and after it nothing is committed.
func TestInterruptWaitsForCommit(t *testing.T) {
	dir := t.TempDir()
	t.Cleanup(func() {
		temps.Lock()
		temps.interrupted = false
		temps.Unlock()
		commitHook = nil
	})
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.csv")
	sa, err := stage(a, []byte("A"), permPublic, false)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := stage(b, []byte("B"), permPublic, false)
	if err != nil {
		t.Fatal(err)
	}
	finished := make(chan bool)
	commitHook = func(step string) {
		if step != "locked" {
			return
		}
		go func() { temps.interrupt(); close(finished) }()
		select {
		case <-finished:
			t.Error("the interruption did not wait for the commit")
		case <-time.After(100 * time.Millisecond):
		}
	}
	if err := commit([]*staged{sa, sb}); err != nil {
		t.Fatal(err)
	}
	<-finished
	for _, p := range []string{a, b} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	commitHook = nil
	sc, err := stage(filepath.Join(dir, "c.pdf"), []byte("C"), permPublic, false)
	if err == nil {
		err = commit([]*staged{sc})
	}
	if err == nil {
		t.Error("a write after the interruption went through")
	}
	if _, err := os.Stat(filepath.Join(dir, "c.pdf")); err == nil {
		t.Error("c.pdf written after the interruption")
	}
	if m := leftovers(t, dir); len(m) > 0 {
		t.Errorf("left behind: %v", m)
	}
}
