package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/workbook"
)

// A filled 4-student workbook on disk.
func filledWorkbook(b *testing.B) string {
	tpl, err := workbook.Template(workbook.TemplateOptions{Lang: i18n.FR, Students: 4, Now: time.Unix(0, 0)})
	if err != nil {
		b.Fatal(err)
	}
	ans := map[string]map[string]string{"Dossier": {"incident.id": "2026-001", "incident.disclosed_at": "2026-11-24 09:15"}}
	for i, ref := range []string{"E1", "E2", "E3", "E4"} {
		m := gridtest.Grid("student.last_name", "Élève"+ref, "student.first_name", "Zoé", "role.sender", "oui", "role.recipient", "oui",
			"intent.motive", "fun", "intent.threats", "non", "intent.coercion", "non", "scope.recipients", "2_5")
		if i == 0 {
			m["role.depicted"], m["role.sender"] = "oui", "non"
		}
		ans[workbook.StudentSheetName(i18n.FR, i+1)] = m
	}
	data, err := workbook.Fill(tpl, ans, nil)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "dossier.xlsx")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

func benchScore(b *testing.B, extra ...string) {
	path := filledWorkbook(b)
	dir := b.TempDir()
	env := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return previewEpoch
		}
		return ""
	}
	for b.Loop() {
		args := append([]string{"score", path}, extra...)
		if len(extra) > 0 && extra[0] == "-o" {
			args = append(args, "--force")
			args[3] = filepath.Join(dir, "r.pdf")
		}
		if code := run(args, strings.NewReader(""), io.Discard, io.Discard, env); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// score end to end on a 4-student workbook: the table, the JSON, the PDF report.
func BenchmarkScoreTable4(b *testing.B)  { benchScore(b) }
func BenchmarkScoreJSON4(b *testing.B)   { benchScore(b, "--json") }
func BenchmarkScoreReport4(b *testing.B) { benchScore(b, "-o", "report.pdf") }
