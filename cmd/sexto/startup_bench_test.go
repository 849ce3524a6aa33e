package main

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkStartup runs the built program, as a user does, and reports the wall time of one
// short command: the cost of initialising every package the program links (issue 10: the
// PDF encryption library's api package alone cost about 20 ms of each start).
func BenchmarkStartup(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "sexto")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"--help"}, {"version"}} {
		b.Run(args[0], func(b *testing.B) {
			var total time.Duration
			n := 0
			for b.Loop() {
				start := time.Now()
				if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
					b.Fatalf("sexto %s: %v\n%s", args[0], err, out)
				}
				total += time.Since(start)
				n++
			}
			b.ReportMetric(total.Seconds()*1000/float64(n), "ms/op")
		})
	}
}
