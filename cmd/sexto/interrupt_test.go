//go:build unix

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptHelper is the process that TestInterruptLeavesNothing interrupts: "sexto stats"
// with a PDF and a CSV, stopped where SEXTO_INTERRUPT_HELPER says. Run alone, it does nothing.
func TestInterruptHelper(t *testing.T) {
	step := os.Getenv("SEXTO_INTERRUPT_HELPER")
	if step == "" {
		return
	}
	dir := os.Getenv("SEXTO_INTERRUPT_DIR")
	commitHook = func(s string) {
		if s != step {
			return
		}
		fmt.Println("READY")
		if step == "staged" {
			select {} // the temporary files are written; wait for the signal
		}
		time.Sleep(300 * time.Millisecond) // moving them into place; the signal comes now
	}
	env := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return previewEpoch
		}
		return ""
	}
	os.Exit(run([]string{"stats", filepath.Join(dir, "in"), "-o", filepath.Join(dir, "out", "s.pdf"), "--csv", filepath.Join(dir, "out", "s.csv")},
		strings.NewReader(""), io.Discard, os.Stderr, env))
}

// Ctrl+C or SIGTERM while outputs are being written leaves no temporary file (a hidden full
// copy of the output) and no partial set of outputs; it never races their moving into place.
func TestInterruptLeavesNothing(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		step    string
		sig     syscall.Signal
		codes   []int
		written bool
	}{
		{"Ctrl+C after writing, before moving into place", "staged", syscall.SIGINT, []int{130}, false},
		{"SIGTERM after writing, before moving into place", "staged", syscall.SIGTERM, []int{143}, false},
		// the handler waits for the outputs to be in place: all of them, then the exit
		{"Ctrl+C while moving into place", "locked", syscall.SIGINT, []int{130, 0}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			oneIncident(t, dir)
			out := filepath.Join(dir, "out")
			os.MkdirAll(out, 0o700)
			cmd := exec.Command(exe, "-test.run=^TestInterruptHelper$")
			cmd.Env = append(os.Environ(), "SEXTO_INTERRUPT_HELPER="+c.step, "SEXTO_INTERRUPT_DIR="+dir)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			pipe, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ready := make(chan bool, 1)
			go func() {
				sc := bufio.NewScanner(pipe)
				for sc.Scan() {
					if sc.Text() == "READY" {
						ready <- true
						io.Copy(io.Discard, pipe)
						return
					}
				}
				ready <- false
			}()
			select {
			case ok := <-ready:
				if !ok {
					cmd.Wait()
					t.Fatalf("the helper ended before writing:\n%s", stderr.String())
				}
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatal("the helper never reached the write")
			}
			if c.step == "staged" && len(leftovers(t, out)) != 2 {
				t.Fatalf("before the signal: %v, want the two temporary files", leftovers(t, out))
			}
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var werr error
			select {
			case werr = <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatal("the process did not end after the signal")
			}
			code := 0
			var ee *exec.ExitError
			if errors.As(werr, &ee) {
				code = ee.ExitCode()
			}
			okCode := false
			for _, want := range c.codes {
				okCode = okCode || code == want
			}
			if !okCode {
				t.Errorf("exit %d (%v), want %v; stderr:\n%s", code, werr, c.codes, stderr.String())
			}
			if code == 130 && !strings.Contains(stderr.String(), "interrompu") {
				t.Errorf("no word of the interruption:\n%s", stderr.String())
			}
			if m := leftovers(t, out); len(m) > 0 {
				t.Errorf("left behind: %v", m)
			}
			for _, name := range []string{"s.pdf", "s.csv"} {
				_, err := os.Stat(filepath.Join(out, name))
				if (err == nil) != c.written {
					t.Errorf("%s written: %v, want %v", name, err == nil, c.written)
				}
			}
		})
	}
}
