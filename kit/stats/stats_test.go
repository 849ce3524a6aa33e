package stats

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sexto/kit/classify"
	"sexto/kit/doc"
	"sexto/kit/i18n"
	"sexto/kit/pdftext"
	"sexto/kit/profile"
)

func corpus(t testing.TB, n int) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	paths, err := genCorpus(dir, n)
	if err != nil {
		t.Fatal(err)
	}
	return dir, paths
}

func row(tb Table, key string) Row {
	for _, r := range tb.Rows {
		if r.Key == key {
			return r
		}
	}
	return Row{Key: key, Count: -99}
}

func table(f Figures, section string) Table {
	for _, t := range f.Tables {
		if t.Section == section {
			return t
		}
	}
	return Table{}
}

func TestExactCounts(t *testing.T) {
	dir, _ := corpus(t, 42)
	files, bad := Files([]string{dir})
	if len(files) != 42 || len(bad) != 0 {
		t.Fatalf("%d files, %d bad", len(files), len(bad))
	}
	res := Read(files, 3, nil)
	if len(res.Records) != 42 || len(res.Skipped) != 0 {
		t.Fatalf("records %d, skipped %v", len(res.Records), res.Skipped)
	}
	f := Compute(res.Records, i18n.FR)
	if f.Incidents != 42 || f.Students != 126 {
		t.Errorf("incidents %d, students %d", f.Incidents, f.Students)
	}
	// i%7==0 urgent (0,7,…,35: 6); else malicious when i%3==0 (revenge: 12) or i%4==2 (an
	// earlier SEXTO intervention: 6 more); the other 18 impulsive
	inc := table(f, "incidents_by_orientation")
	for k, want := range map[string]int{"urgent": 6, "malicious": 18, "impulsive": 18, "witness": 0} {
		if got := row(inc, k).Count; got != want {
			t.Errorf("incidents %s = %d, want %d", k, got, want)
		}
	}
	stu := table(f, "students_by_orientation")
	for k, want := range map[string]int{"support": 42, "witness": 42, "urgent": 6, "malicious": 18, "impulsive": 18} {
		if got := row(stu, k).Count; got != want {
			t.Errorf("students %s = %d, want %d", k, got, want)
		}
	}
	if inc.Total != 42 || stu.Total != 126 {
		t.Errorf("totals %d, %d", inc.Total, stu.Total)
	}
	if got := row(table(f, "students_by_role"), "role.sender").Count; got != 42 {
		t.Errorf("senders %d", got)
	}
	// the snapchat channel: every depicted student, plus senders with i%3==0 (14)
	if got := row(table(f, "students_by_channel"), "snapchat").Count; got != 56 {
		t.Errorf("snapchat %d", got)
	}
	// hours to 911: 0.5, 1.5, ..., 4.5 cycling: median of 42 values
	if f.HoursN != 42 || f.MedianHours != 2.5 {
		t.Errorf("hours: n=%d median=%v", f.HoursN, f.MedianHours)
	}
	// earlier SEXTO: senders with i%4==2 (oui) over those answered oui/non (i%4 != 3)
	if f.PriorN != 32 || fmt.Sprintf("%.4f", f.PriorShare) != fmt.Sprintf("%.4f", 10.0/32) {
		t.Errorf("prior: n=%d share=%v", f.PriorN, f.PriorShare)
	}
	// month of disclosure: September 2025 holds i%10==0 → 5 incidents
	if got := row(table(f, "incidents_by_month"), "2025-09").Count; got != 5 {
		t.Errorf("September %d", got)
	}
}

// No name, ref, incident id, police number, officer or exact date in any output.
func TestNothingIdentifying(t *testing.T) {
	dir, _ := corpus(t, 30)
	files, _ := Files([]string{dir})
	res := Read(files, 2, nil)
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		f := Compute(res.Records, l)
		c := string(CSV(f, l))
		b, err := PDF(f, doc.Context{Profile: profile.Specimen(), Lang: l, Paper: "letter", Now: time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC), Creator: "sexto test"})
		if err != nil {
			t.Fatal(err)
		}
		p, _ := pdftext.Text(b)
		for _, out := range []string{c, p} {
			for i := 0; i < 30; i++ {
				g := genIncidentN(i)
				forbidden := []string{g.dossier["incident.id"], g.dossier["incident.police_event"], g.dossier["incident.officer"],
					g.dossier["incident.disclosed_at"][:10], "Éloïse Bédard"}
				for _, s := range g.students {
					forbidden = append(forbidden, s["student.last_name"], s["student.first_name"])
				}
				for _, bad := range forbidden {
					if strings.Contains(out, bad) {
						t.Errorf("%s: output contains %q", l, bad)
					}
				}
			}
			if strings.Contains(out, " E1") || strings.Contains(out, ",E2") {
				t.Errorf("%s: a student ref in the output", l)
			}
		}
	}
}

func TestBrokenFileSkippedAndDuplicateCountedOnce(t *testing.T) {
	dir, paths := corpus(t, 6)
	os.WriteFile(filepath.Join(dir, "notes.xlsx"), []byte("pas un classeur"), 0o644)
	os.WriteFile(filepath.Join(dir, "~$dossier-00001.xlsx"), []byte("verrou"), 0o644)
	dup := filepath.Join(dir, "zz-copie.xlsx")
	b, _ := os.ReadFile(paths[2])
	os.WriteFile(dup, b, 0o644)
	files, bad := Files([]string{dir})
	if len(bad) != 0 || len(files) != 8 {
		t.Fatalf("files %d (the lock file must be left out), bad %v", len(files), bad)
	}
	res := Read(files, 2, nil)
	if len(res.Records) != 6 {
		t.Errorf("%d incidents, want 6", len(res.Records))
	}
	if len(res.Skipped) != 1 || filepath.Base(res.Skipped[0].File) != "notes.xlsx" ||
		!strings.Contains(i18n.Message(res.Skipped[0].Reason, i18n.FR), "notes.xlsx") {
		t.Errorf("skipped %v", res.Skipped)
	}
	if len(res.Duplicates) != 1 || res.Duplicates[0].File != dup || res.Duplicates[0].KeptFile != paths[2] {
		t.Errorf("duplicates %+v", res.Duplicates)
	}
	_, bad = Files([]string{filepath.Join(dir, "absent")})
	if len(bad) != 1 {
		t.Errorf("a missing path is not reported: %v", bad)
	}
}

func TestCSVIsFormulaSafe(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+A": "'+A", "-2": "'-2", "@x": "'@x", "< 5": "< 5", "Snapchat": "Snapchat"} {
		if got := safeCell(in); got != want {
			t.Errorf("safeCell(%q) = %q", in, got)
		}
	}
	_ = classify.RulesVersion
}

// Reading a corpus: wall time and peak heap, for 100, 1,000 and 10,000 incidents.
func BenchmarkStats(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := genCorpus(dir, n); err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			var peak atomic.Uint64
			stop := make(chan struct{})
			go func() {
				var m runtime.MemStats
				for {
					select {
					case <-stop:
						return
					default:
					}
					runtime.ReadMemStats(&m)
					if v := m.HeapInuse + m.StackInuse; v > peak.Load() {
						peak.Store(v)
					}
					time.Sleep(5 * time.Millisecond)
				}
			}()
			for b.Loop() {
				files, _ := Files([]string{dir})
				res := Read(files, 0, nil)
				f := Compute(res.Records, i18n.FR)
				if _, err := PDF(f, doc.Context{Profile: profile.Specimen(), Lang: i18n.FR, Paper: "letter", Now: time.Unix(0, 0)}); err != nil {
					b.Fatal(err)
				}
				if len(res.Records) != n {
					b.Fatalf("%d records", len(res.Records))
				}
			}
			close(stop)
			b.ReportMetric(float64(peak.Load())/(1<<20), "MB-peak-heap")
		})
	}
}

// The devices sheet is counted: devices seized and sealed, a small count hidden as any other.
func TestDevicesAreCounted(t *testing.T) {
	recs := make([]Record, 6)
	for i := range recs {
		recs[i] = Record{id: fmt.Sprint("2026-", i), Orientation: classify.Impulsive, Devices: i % 3}
	}
	if f := Compute(recs, i18n.FR); f.Devices != 6 {
		t.Errorf("devices %d, want 6", f.Devices)
	}
	for i := range recs {
		recs[i].Devices = 0
	}
	recs[2].Devices = 2
	if f := Compute(recs, i18n.FR); f.Devices != Suppressed {
		t.Errorf("2 devices shown as %d, want suppressed (< 5)", f.Devices)
	}
}

// Two schools may number their files alike: the same number disclosed on another day is
// another incident, counted apart; the same file twice is counted once.
func TestSameNumberAnotherIncident(t *testing.T) {
	dir := t.TempDir()
	a, b := genIncidentN(1), genIncidentN(2)
	b.dossier["incident.id"] = a.dossier["incident.id"]
	for name, g := range map[string]genIncident{"a.xlsx": a, "b.xlsx": b, "a-copie.xlsx": a} {
		if err := g.write(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := Files([]string{dir})
	res := Read(files, 1, nil)
	if len(res.Records) != 2 || len(res.Duplicates) != 1 {
		t.Errorf("%d incidents and %d duplicates, want 2 and 1 (%+v)", len(res.Records), len(res.Duplicates), res.Duplicates)
	}
}
