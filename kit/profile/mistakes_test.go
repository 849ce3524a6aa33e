package profile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sexto/kit/i18n"
)

func message(err error) string {
	return i18n.Message(err, i18n.FR) + "\n" + strings.Join(i18n.Hints(err, i18n.FR), "\n") + "\n" +
		i18n.Message(err, i18n.EN) + "\n" + strings.Join(i18n.Hints(err, i18n.EN), "\n")
}

// A profile saved by Notepad as sexto.toml.txt is named, with how to rename it, instead of
// the specimen being used in silence.
func TestNotepadTxtIsNamed(t *testing.T) {
	t.Chdir(t.TempDir())
	os.WriteFile("sexto.toml.txt", []byte("[school]\nname = \"École\"\n"), 0o644)
	_, err := Find("")
	if err == nil {
		t.Fatal("sexto.toml.txt was ignored")
	}
	m := message(err)
	for _, want := range []string{"sexto.toml.txt existe", "Renommez-le sexto.toml", "Extensions de noms de fichiers", "Notepad added"} {
		if !strings.Contains(m, want) {
			t.Errorf("message lacks %q:\n%s", want, m)
		}
	}
	if _, err := Load("ecole.toml"); err == nil || strings.Contains(message(err), ".txt") {
		t.Errorf("a missing profile without .txt beside it: %v", err)
	}
	os.WriteFile("ecole.toml.txt", []byte("[school]\nname = \"École\"\n"), 0o644)
	if _, err := Load("ecole.toml"); err == nil || !strings.Contains(message(err), "ecole.toml.txt") {
		t.Errorf("--profile ecole.toml beside ecole.toml.txt: %v", err)
	}
}

// Encodings: ANSI (Windows-1252) is refused naming the line, shown as the user sees it;
// UTF-16 and a byte order mark are read.
func TestProfileEncodings(t *testing.T) {
	ansi := []byte("language = \"fr\"\n[school]\nname = \"\xc9cole secondaire du Bois\xe9 \x96 Qu\xe9bec\"\n")
	_, err := Parse(ansi, "sexto.toml", "")
	if err == nil {
		t.Fatal("an ANSI profile was read")
	}
	m := message(err)
	for _, want := range []string{"sexto.toml, ligne 3", "pas enregistré en UTF-8", "École secondaire du Boisé – Québec", "Encodage : UTF-8", "not saved as UTF-8"} {
		if !strings.Contains(m, want) {
			t.Errorf("message lacks %q:\n%s", want, m)
		}
	}
	if strings.Contains(m, "guillemets") || strings.Contains(m, "0xc9") {
		t.Errorf("the ANSI message talks about quotes or bytes:\n%s", m)
	}
	text := "[school]\nname = \"École des Érables\"\n"
	for name, b := range map[string][]byte{
		"bom":      append([]byte("\xef\xbb\xbf"), text...),
		"utf16le":  encodeUTF16(text, false),
		"utf16be":  encodeUTF16(text, true),
		"plain":    []byte(text),
		"crlf bom": append([]byte("\xef\xbb\xbf"), strings.ReplaceAll(text, "\n", "\r\n")...),
	} {
		p, err := Parse(b, "sexto.toml", "")
		if err != nil || p.School.Name != "École des Érables" {
			t.Errorf("%s: %v, %+v", name, err, p)
		}
	}
}

func encodeUTF16(s string, big bool) []byte {
	out := []byte{0xff, 0xfe}
	if big {
		out = []byte{0xfe, 0xff}
	}
	for _, r := range s {
		if big {
			out = append(out, byte(r>>8), byte(r))
		} else {
			out = append(out, byte(r), byte(r>>8))
		}
	}
	return out
}

// A Windows path between double quotes: the syntax error says to use single quotes or
// forward slashes; a path whose \n and \t were read as a line break and a tab is a warning
// that says the same.
func TestWindowsPathsInDoubleQuotes(t *testing.T) {
	for _, src := range []string{
		"[school]\nname = \"École\"\nlogo = \"C:\\Users\\Élise\\logo.png\"\n",
		"[school]\nname = \"École\"\nlogo = \"C:\\SEXTO\\logo.png\"\n",
	} {
		_, err := Parse([]byte(src), "sexto.toml", "")
		if err == nil {
			t.Fatalf("accepted: %s", src)
		}
		m := message(err)
		for _, want := range []string{"ligne 3", "entre apostrophes", "'C:\\", "\"C:/", "single quotes"} {
			if !strings.Contains(m, want) {
				t.Errorf("message lacks %q:\n%s", want, m)
			}
		}
		for _, bad := range []string{"expected eight", "invalid escape"} {
			if strings.Contains(i18n.Message(err, i18n.FR), bad) {
				t.Errorf("French message has %q:\n%s", bad, m)
			}
		}
	}
	dir := t.TempDir()
	p, err := Parse([]byte("[school]\nname = \"École\"\nlogo = \"C:\\new\\table.png\"\n"), filepath.Join(dir, "sexto.toml"), dir)
	if err != nil {
		t.Fatal(err)
	}
	if ws := about(p.Warnings, "school.logo"); len(ws) != 1 || !strings.Contains(message(ws[0]), `logo = 'C:\new\table.png'`) {
		t.Errorf("warnings: %v", p.Warnings)
	}
	// curly quotes keep their own advice
	_, err = Parse([]byte("[school]\nname = “École”\n"), "sexto.toml", "")
	if err == nil || !strings.Contains(message(err), "guillemets droits") {
		t.Errorf("curly quotes: %v", err)
	}
}
