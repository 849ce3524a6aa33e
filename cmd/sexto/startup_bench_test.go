package main

import (
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkStartup runs the built program, as a user does, and reports the median wall time of
// short commands: the cost of initialising every package the program links (issue 10: the
// PDF encryption library's api package alone cost about 20 ms of each start), and check and
// score on a filled 4-student workbook (target: check at most 15 ms).
func BenchmarkStartup(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "sexto")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	wb := filledWorkbook(b)
	for _, args := range [][]string{{"--help"}, {"version"}, {"check", wb}, {"score", wb}} {
		b.Run(args[0], func(b *testing.B) {
			var times []time.Duration
			for b.Loop() {
				start := time.Now()
				if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
					b.Fatalf("sexto %s: %v\n%s", args[0], err, out)
				}
				times = append(times, time.Since(start))
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
		})
	}
}
