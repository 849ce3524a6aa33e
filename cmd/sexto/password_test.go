package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"sexto/kit/i18n"
)

// The password warnings of kit/secure reach the user in their language; the password comes
// back in NFC.
func TestPasswordWarningsArePrinted(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("érable ", 5) + "neige" // 45 bytes
	p := filepath.Join(dir, "mdp.txt")
	os.WriteFile(p, []byte(norm.NFD.String(long)+"\n"), 0o644)
	os.Chmod(p, 0o644)
	for _, c := range []struct {
		lang  i18n.Lang
		words []string
	}{
		{i18n.FR, []string{"attention : le mot de passe fait 45 octets", "lisible par d'autres utilisateurs", "chmod 600 " + p}},
		{i18n.EN, []string{"warning: the password is 45 bytes long", "can be read by other users", "chmod 600 " + p}},
	} {
		var errb bytes.Buffer
		a := &app{getenv: func(string) string { return "" }, stdinTerminal: func() bool { return false }, stderr: &errb, lang: c.lang}
		got, err := a.password(p)
		if err != nil || got != norm.NFC.String(long) {
			t.Fatalf("%s: %q, %v", c.lang, got, err)
		}
		if runtime.GOOS == "windows" { // no Unix permissions: only the length warning
			c.words = c.words[:1]
		}
		for _, w := range c.words {
			if !strings.Contains(errb.String(), w) {
				t.Errorf("%s: no %q in\n%s", c.lang, w, errb.String())
			}
		}
	}
	// a short private one: no warning
	os.WriteFile(p, []byte("Trois-Érables_neige2026\n"), 0o600)
	os.Chmod(p, 0o600)
	var errb bytes.Buffer
	a := &app{getenv: func(string) string { return "" }, stdinTerminal: func() bool { return false }, stderr: &errb}
	if _, err := a.password(p); err != nil || errb.Len() != 0 {
		t.Errorf("private 24-byte password: %v, %q", err, errb.String())
	}
}
