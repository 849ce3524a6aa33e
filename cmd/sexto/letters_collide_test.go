package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sexto/kit/i18n"
	"sexto/kit/printkit"
)

// One family's letter never replaces another's: two letters of one run that would share a
// file (here differing only by case) are refused before anything is written.
func TestLettersNeverShareAFile(t *testing.T) {
	dir := t.TempDir()
	var errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, getenv: func(string) string { return "" },
		isTerminal: func(io.Writer) bool { return false }, stdinTerminal: func() bool { return false }, lang: i18n.FR}
	lt := printkit.Letter{Variant: "letter-recipient", Lang: i18n.FR, Key: "k"}
	jobs := []letterJob{{letter: lt, path: filepath.Join(dir, "lettre-2026-1-E1.pdf")}, {letter: lt, path: filepath.Join(dir, "LETTRE-2026-1-e1.pdf")}}
	_, err := a.writeLetters(printkit.Options{}, dir, jobs)
	if msg := i18n.Message(err, i18n.FR); !strings.Contains(msg, "deux lettres auraient le même fichier") {
		t.Fatalf("err = %v", msg)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("written: %v", entries)
	}
}
