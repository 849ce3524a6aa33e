package stats

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sexto/kit/doc"
	"sexto/kit/i18n"
	"sexto/kit/profile"
)

// realistic is a workbook made by "sexto template" and filled by another program (openpyxl,
// with testdata/fill.py): about 30 KB, inline strings, dates as serial numbers, a timeline. Its
// incident is fictional.
const realistic = "testdata/dossier-openpyxl.xlsx"

// realisticID is the incident number typed in the realistic workbook.
const realisticID = "2026-0042"

// realisticCorpus writes n copies of the realistic workbook to dir, each with its own incident
// number (same length, so that every copy has the same size), rewritten part by part so that
// the rest of the package stays as the other program wrote it.
func realisticCorpus(tb testing.TB, dir string, n int) []string {
	tb.Helper()
	src, err := os.ReadFile(realistic)
	if err != nil {
		tb.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		tb.Fatal(err)
	}
	parts := make([][]byte, len(zr.File))
	for i, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		parts[i], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
	}
	var paths []string
	for k := 0; k < n; k++ {
		id := []byte(fmt.Sprintf("2026-%04d", k))
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i, f := range zr.File {
			h := f.FileHeader
			w, err := zw.CreateHeader(&h)
			if err != nil {
				tb.Fatal(err)
			}
			w.Write(bytes.ReplaceAll(parts[i], []byte(realisticID), id))
		}
		if err := zw.Close(); err != nil {
			tb.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("dossier-%04d.xlsx", k))
		if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// The realistic corpus reads as n distinct incidents.
func TestRealisticCorpus(t *testing.T) {
	dir := t.TempDir()
	realisticCorpus(t, dir, 6)
	files, _ := Files([]string{dir})
	res := Read(files, 2, nil)
	if len(res.Records) != 6 || len(res.Skipped) != 0 || len(res.Duplicates) != 0 {
		t.Fatalf("records %d, skipped %v, duplicates %v", len(res.Records), res.Skipped, res.Duplicates)
	}
	f := Compute(res.Records, i18n.FR)
	if f.Incidents != 6 || f.Students != 18 {
		t.Errorf("incidents %d, students %d, want 6 and 18", f.Incidents, f.Students)
	}
	if got := row(table(f, "incidents_by_month"), "2026-03").Count; got != 6 {
		t.Errorf("March: %d, want 6", got)
	}
}

// stats on realistic workbooks: read, figures, PDF and CSV, as "sexto stats" does. The
// allocations per workbook are reported apart (B/workbook).
func BenchmarkStatsRealistic(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			realisticCorpus(b, dir, n)
			b.ReportAllocs()
			for b.Loop() {
				files, _ := Files([]string{dir})
				res := Read(files, 0, nil)
				if len(res.Records) != n {
					b.Fatalf("%d records", len(res.Records))
				}
				f := Compute(res.Records, i18n.FR)
				if _, err := PDF(f, doc.Context{Profile: profile.Specimen(), Lang: i18n.FR, Paper: "letter", Now: time.Unix(0, 0)}); err != nil {
					b.Fatal(err)
				}
				CSV(f, i18n.FR)
			}
		})
	}
}

// Reading one realistic workbook: the allocations of the reader alone.
func BenchmarkReadRealistic(b *testing.B) {
	dir := b.TempDir()
	files := []Input{{Path: realisticCorpus(b, dir, 1)[0]}}
	b.ReportAllocs()
	for b.Loop() {
		if res := Read(files, 1, nil); len(res.Records) != 1 {
			b.Fatalf("skipped %v", res.Skipped)
		}
	}
}
