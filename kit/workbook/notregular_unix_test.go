//go:build unix

package workbook

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"sexto/kit/golden"
	"sexto/kit/i18n"
)

// A folder or a pipe named like a workbook is refused at once, never opened (opening a pipe
// waits for a writer for ever).
func TestNotAFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "dossier.xlsx")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "tube.xlsx")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{folder, fifo} {
		var err error
		golden.Bounded("ReadFile("+p+")", 50, func() { _, err = ReadFile(p) })
		var ref *Refusal
		if !errors.As(err, &ref) || ref.Kind != NotRegular || !strings.Contains(ref.Localize(i18n.FR), "ce n'est pas un fichier") {
			t.Errorf("%s: %v", p, err)
		}
	}
}
