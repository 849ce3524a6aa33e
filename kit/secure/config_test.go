package secure

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"golang.org/x/text/unicode/norm"

	"sexto/kit/i18n"
)

// tree lists every path under dir with its size and mode, to see that nothing was written.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		st, _ := d.Info()
		b.WriteString(p + " " + st.Mode().String() + " " + st.ModTime().String() + "\n")
		return nil
	})
	return b.String()
}

// The encryption library would create (or parse) a configuration file in the user's
// configuration folder, and panicked when it could not: a read-only home, a home that is
// not a folder, a malformed config.yml. Encryption must work in all three and write nothing.
func TestEncryptionTouchesNoConfigFile(t *testing.T) {
	plain := sample(t)
	readOnly := t.TempDir()
	os.Chmod(readOnly, 0o555)
	t.Cleanup(func() { os.Chmod(readOnly, 0o755) })
	notDir := filepath.Join(t.TempDir(), "home")
	os.WriteFile(notDir, []byte("a file, not a folder"), 0o644)
	malformed := t.TempDir()
	for _, d := range []string{".config/pdfcpu", "pdfcpu"} {
		os.MkdirAll(filepath.Join(malformed, d), 0o755)
		os.WriteFile(filepath.Join(malformed, d, "config.yml"), []byte("version: [unclosed\n\tvalidationMode: {{\n"), 0o644)
	}
	for _, home := range []string{readOnly, notDir, malformed} {
		tmp := t.TempDir()
		t.Setenv("HOME", home)
		t.Setenv("XDG_CONFIG_HOME", home)
		t.Setenv("APPDATA", home)
		t.Setenv("TMPDIR", tmp)
		before, beforeTmp := tree(t, home), tree(t, tmp)
		enc, err := Encrypt(plain, "Trois-Érables_neige2026")
		if err != nil {
			t.Errorf("HOME=%s: %v", home, err)
			continue
		}
		if _, err := Decrypt(enc, "Trois-Érables_neige2026"); err != nil {
			t.Errorf("HOME=%s: decrypt: %v", home, err)
		}
		if after := tree(t, home); after != before {
			t.Errorf("HOME=%s was written to:\nbefore\n%s\nafter\n%s", home, before, after)
		}
		if after := tree(t, tmp); after != beforeTmp {
			t.Errorf("TMPDIR was written to:\n%s", after)
		}
	}
	if model.ConfigPath != "disable" {
		t.Errorf("the library's configuration folder is %q, want it disabled", model.ConfigPath)
	}
}

// "Érable" typed with a precomposed É or with E and a combining accent is one password.
func TestPasswordIsNormalised(t *testing.T) {
	nfc := norm.NFC.String("Érable-sous-la-neige")
	nfd := norm.NFD.String(nfc)
	if nfc == nfd {
		t.Fatal("the two forms should differ in bytes")
	}
	plain := sample(t)
	for _, encPW := range []string{nfc, nfd} {
		enc, err := Encrypt(plain, encPW)
		if err != nil {
			t.Fatal(err)
		}
		// open with the library directly, the other form's bytes as given
		for _, openPW := range []string{nfc, nfd} {
			conf := model.NewAESConfiguration(openPW, openPW, 256)
			conf.Cmd = model.DECRYPT
			if _, err := rewrite(enc, conf); err != nil {
				t.Errorf("encrypted with %q, opened with %q: %v", encPW, openPW, err)
			}
		}
	}
}

func TestPasswordLengthLimits(t *testing.T) {
	long := strings.Repeat("é", 64) // 128 bytes, 64 characters
	err := CheckPassword(long)
	if err == nil {
		t.Fatal("a 128-byte password was accepted")
	}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		if m := i18n.Message(err, l); !strings.Contains(m, "128") || !strings.Contains(m, "127") {
			t.Errorf("%s: %s", l, m)
		}
	}
	if _, err := Encrypt(sample(t), long); err == nil {
		t.Error("Encrypt took a 128-byte password")
	}
	// NFD would make this 127 + 63 bytes: the limit is on the normalised form
	if err := CheckPassword(norm.NFD.String(strings.Repeat("é", 63) + "a")); err != nil {
		t.Errorf("127 bytes once normalised refused: %v", err)
	}
	if w := PasswordWarnings(strings.Repeat("a", 32)); len(w) != 0 {
		t.Errorf("32 bytes warned: %v", w)
	}
	w := PasswordWarnings(strings.Repeat("a", 31) + "é")
	if len(w) != 1 {
		t.Fatalf("33 bytes: warnings %v", w)
	}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		if m := i18n.Message(w[0], l); !strings.Contains(m, "33") || !strings.Contains(m, "32") {
			t.Errorf("%s: %s", l, m)
		}
	}
}

func TestPasswordFileReadableByOthers(t *testing.T) {
	dir := t.TempDir()
	private, shared := filepath.Join(dir, "mdp-prive.txt"), filepath.Join(dir, "mdp-partage.txt")
	os.WriteFile(private, []byte("x\n"), 0o600)
	os.WriteFile(shared, []byte("x\n"), 0o644)
	os.Chmod(shared, 0o644) // whatever the umask
	if w := PasswordFileWarnings(private); len(w) != 0 {
		t.Errorf("0600 file warned: %v", w)
	}
	w := PasswordFileWarnings(shared)
	if runtime.GOOS == "windows" {
		if len(w) != 0 {
			t.Errorf("warned on Windows: %v", w)
		}
		return
	}
	if len(w) != 1 || !strings.Contains(i18n.Message(w[0], i18n.FR), "chmod 600 "+shared) || !strings.Contains(i18n.Message(w[0], i18n.EN), "0644") {
		t.Errorf("0644 file: %v", w)
	}
}
