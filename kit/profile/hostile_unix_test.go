//go:build unix

package profile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"sexto/kit/golden"
	"sexto/kit/i18n"
)

// A profile that is not a regular file is refused without being read: a named pipe (which
// would wait for a writer), a device (which never ends), a folder.
func TestProfileThatIsNotAFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{filepath.Join(dir, "d.toml"): "dossier"}
	os.Mkdir(filepath.Join(dir, "d.toml"), 0o755)
	{
		fifo := filepath.Join(dir, "fifo.toml")
		if err := syscall.Mkfifo(fifo, 0o644); err == nil {
			cases[fifo] = "pas un fichier ordinaire"
		}
		zero := filepath.Join(dir, "zero.toml")
		if err := os.Symlink("/dev/zero", zero); err == nil {
			cases[zero] = "pas un fichier ordinaire"
		}
		loop := filepath.Join(dir, "loop.toml")
		if os.Symlink(loop, loop) == nil {
			cases[loop] = "boucle"
		}
	}
	for path, want := range cases {
		var err error
		var peeked bool
		golden.Bounded("loading "+path, 64, func() {
			_, err = Load(path)
			_, peeked = PeekLanguage(path)
		})
		if err == nil || !strings.Contains(messages(err, i18n.FR), want) || !strings.Contains(messages(err, i18n.FR), path) {
			t.Errorf("%s: %v", path, err)
		}
		if en := messages(err, i18n.EN); err != nil && (strings.Contains(en, "«") || strings.Contains(messages(err, i18n.FR), "is a directory")) {
			t.Errorf("%s: EN %q", path, en)
		}
		if peeked {
			t.Errorf("%s: a language was read", path)
		}
	}
}

// A ./sexto.toml that is a named pipe does not make every command wait.
func TestFindDoesNotWaitOnAPipe(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := syscall.Mkfifo(DefaultName, 0o644); err != nil {
		t.Skip(err)
	}
	var err error
	golden.Bounded("Find with a pipe", 64, func() { _, err = Find("") })
	if err == nil {
		t.Fatal("a named pipe was accepted as the profile")
	}
}
