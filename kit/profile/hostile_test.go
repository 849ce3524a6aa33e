package profile

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sexto/kit/golden"
	"sexto/kit/i18n"
)

// A file larger than the bound is refused, and the peek after the load uses the same bytes.
func TestLargeProfileIsRefusedAndPeekSharesTheRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.toml")
	os.WriteFile(path, append([]byte("language = \"en\"\n#"), bytes.Repeat([]byte("x"), MaxBytes)...), 0o644)
	if _, err := Load(path); err == nil || !strings.Contains(messages(err, i18n.FR), "trop gros") {
		t.Errorf("large profile: %v", err)
	}
	ok := filepath.Join(t.TempDir(), "ok.toml")
	os.WriteFile(ok, []byte("language = \"en\"\n[school]\nnmae = \"x\"\n"), 0o644)
	if _, err := Load(ok); err == nil {
		t.Fatal("broken profile loaded")
	}
	os.Remove(ok) // the peek does not read it again
	if l, found := PeekLanguage(ok); !found || l != i18n.EN {
		t.Errorf("PeekLanguage after Load = %v, %v", l, found)
	}
}

func TestDeepNestingIsRefusedBeforeTheTOMLReader(t *testing.T) {
	long := strings.Repeat("a", 20000)
	for name, src := range map[string]string{
		"inline tables": "[school]\nname = \"É\"\nx = " + strings.Repeat("{a=", 40) + "1" + strings.Repeat("}", 40) + "\n",
		"arrays":        "[school]\nname = \"É\"\nx = " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n",
		"header":        "[school]\nname = \"É\"\n[" + strings.Repeat("a.", 30) + "a]\n",
		"dotted key":    "[school]\nname = \"É\"\n" + strings.Repeat("a.", 30) + "a = 1\n",
		"long header":   "[school]\nname = \"É\"\n[" + long + "." + strings.Repeat("b.", 10) + "b]\n",
	} {
		var err error
		golden.Bounded(name, 64, func() { _, err = Parse([]byte(src), "p.toml", "") })
		fr := messages(err, i18n.FR)
		if err == nil || !strings.Contains(fr, "p.toml, ligne 3 :") || len(fr) > 500 {
			t.Errorf("%s: %.600s", name, fr)
		}
		if en := messages(err, i18n.EN); !strings.Contains(en, "line 3:") {
			t.Errorf("%s: EN %.600s", name, en)
		}
	}
	// brackets, braces and dots inside strings and comments are text
	ok := "# [[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{{{ a.a.a.a.a.a.a.a.a.a.a\n" +
		"[school]\nname = \"[[[[[[[[[[[[[[[[[[[[[[ a.a.a.a.a.a.a.a.a.a.a \\\" {{{{{{{{{{{{{{{{{{{{\"\n" +
		"address = '''\n[[[[[[[[[[[[[[[[[[[[[[[[\na.b.c.d.e.f.g.h.i.j = 1\n'''\n" +
		"phone = \"\"\"\n{{{{{{{{{{{{{{{{{{{{{{{{\"\"\"\n" +
		"service_centre = 'a.b.c.d.e.f.g.h.i.j.k [[[[[[[[[[[[[[[[[[[[['\n"
	if _, err := Parse([]byte(ok), "p.toml", ""); err != nil {
		t.Errorf("brackets in strings: %v", err)
	}
}

func TestOverLongTextsAreRefused(t *testing.T) {
	src := "[school]\nname = \"" + strings.Repeat("É", 5000) + "\"\naddress = \"" + strings.Repeat("x", maxText) + "\"\n"
	var err error
	golden.Bounded("long name", 64, func() { _, err = Parse([]byte(src), "p.toml", "") })
	fr, en := messages(err, i18n.FR), messages(err, i18n.EN)
	if err == nil || !strings.Contains(fr, "ligne 2 : « school.name » compte 5\u00a0000 caractères, plus que la limite de 300") ||
		!strings.Contains(en, "“school.name” is 5,000 characters long") || strings.Contains(fr, "school.address") {
		t.Errorf("long name: %s\n%s", fr, en)
	}
	long := "[school]\nname = \"" + strings.Repeat("x", 120) + "\"\n" // SPEC §4's stress
	if _, err := Parse([]byte(long), "p.toml", ""); err != nil {
		t.Errorf("a 120-character name: %v", err)
	}
}

func TestKeysDifferingOnlyInCapitalsAreDuplicates(t *testing.T) {
	for name, c := range map[string]struct {
		src, want string
	}{
		"section": {"[school]\nname = \"A\"\n[School]\nname = \"B\"\n", "ligne 3 : la section [School] figure deux fois, ici et à la ligne 1 sous la forme [school]"},
		"key":     {"[school]\nname = \"A\"\nNAME = \"B\"\n", "ligne 3 : la clé « school.NAME » figure deux fois, ici et à la ligne 2 sous la forme « school.name »"},
	} {
		_, err := Parse([]byte(c.src), "p.toml", "")
		if err == nil || !strings.Contains(messages(err, i18n.FR), c.want) || !strings.Contains(messages(err, i18n.EN), "appears twice") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Parse([]byte("[School]\nName = \"A\"\n"), "p.toml", ""); err != nil {
		t.Errorf("other capitals alone: %v", err)
	}
}

// goodPNG is a small PNG made in code, with its chunks at hand.
func goodPNG() []byte {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 8, 8)))
	return buf.Bytes()
}

// damaged PNG logos: a header whose pixels cannot be read is no logo, said as a warning.
func TestDamagedLogoIsLeftOut(t *testing.T) {
	good := goodPNG()
	iend := bytes.Index(good, []byte("IEND")) - 4
	idat := bytes.Index(good, []byte("IDAT"))
	garbage := append([]byte(nil), good...)
	n := int(binary.BigEndian.Uint32(garbage[idat-4:]))
	for i := idat + 4; i < idat+4+n; i++ {
		garbage[i] = 0x55
	}
	binary.BigEndian.PutUint32(garbage[idat+4+n:], crc32.ChecksumIEEE(garbage[idat:idat+4+n]))
	dir := t.TempDir()
	for name, b := range map[string][]byte{
		"good.png":    good,
		"trunc.png":   good[:40],
		"noiend.png":  good[:iend],
		"garbage.png": garbage,
	} {
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
		p, err := Parse([]byte("[school]\nname = \"É\"\nlogo = \""+name+"\"\n"), "sexto.toml", dir)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ws := about(p.Warnings, "school.logo")
		if name == "good.png" {
			if len(ws) != 0 || len(p.Logo) == 0 {
				t.Errorf("good logo: %v", ws)
			}
			continue
		}
		if len(ws) != 1 || len(p.Logo) != 0 || !strings.Contains(i18n.Message(ws[0], i18n.FR), "illisible ou incomplète") {
			t.Errorf("%s: warnings %v, logo %d bytes", name, ws, len(p.Logo))
		}
	}
}
