package profile

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"sexto/kit/i18n"
)

// onePixel is a 1-pixel picture made in code (no image from anywhere else).
func onePixel() image.Image { return image.NewGray(image.Rect(0, 0, 1, 1)) }

// pngDeclaring is a 1-pixel PNG whose header claims w × h pixels (its IHDR checksum fixed):
// decoding it would allocate w × h × 4 bytes before finding the data short.
func pngDeclaring(w, h uint32) []byte {
	var buf bytes.Buffer
	png.Encode(&buf, onePixel())
	b := buf.Bytes()
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// jpegDeclaring is a 1-pixel JPEG whose frame header claims w × h pixels.
func jpegDeclaring(w, h uint16) []byte {
	var buf bytes.Buffer
	jpeg.Encode(&buf, onePixel(), nil)
	b := buf.Bytes()
	i := bytes.Index(b, []byte{0xff, 0xc0})
	binary.BigEndian.PutUint16(b[i+5:], h)
	binary.BigEndian.PutUint16(b[i+7:], w)
	return b
}

func TestHugeLogoIsRefusedFromItsHeader(t *testing.T) {
	dir := t.TempDir()
	cases := map[string][]byte{
		"geant.png": pngDeclaring(20000, 20000),
		"geant.jpg": jpegDeclaring(20000, 20000),
		"large.png": pngDeclaring(4001, 10),
		"haut.jpg":  jpegDeclaring(10, 4001),
		"vide.png":  []byte("\x89PNG\r\n\x1a\nrest"),
		"coupe.jpg": {0xff, 0xd8, 0xff, 0xe0},
		"entrel.png": func() []byte {
			b := pngDeclaring(1, 1)
			b[28] = 1
			b[29] = 0
			binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
			return b
		}(),
	}
	for name, b := range cases {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		src := "[school]\nname = \"É\"\nlogo = \"" + name + "\"\n"
		var p *Profile
		var err error
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		done := make(chan struct{})
		go func() { p, err = Parse([]byte(src), "sexto.toml", dir); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: loading the profile did not return within 5 s", name)
		}
		runtime.ReadMemStats(&after)
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
			t.Errorf("%s: loading the profile allocated %d MB", name, grew>>20)
		}
		if err != nil || len(about(p.Warnings, "school.logo")) != 1 || len(p.Logo) != 0 {
			t.Errorf("%s: err = %v, logo %d bytes, warnings %v; want the logo left out with a warning", name, err, len(p.Logo), p.Warnings)
			continue
		}
		for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
			m := messages(about(p.Warnings, "school.logo")[0], l)
			if !strings.Contains(m, "school.logo") || !strings.Contains(m, name) {
				t.Errorf("%s: the message names neither the key nor the file: %s", name, m)
			}
			if strings.HasPrefix(name, "geant") && !strings.Contains(m, "4000 × 4000") {
				t.Errorf("%s: the message does not say what to do: %s", name, m)
			}
		}
	}
	// at the bound, and a real 1-pixel logo, are used
	for name, b := range map[string][]byte{"ok.png": pngDeclaring(1, 1), "ok.jpg": jpegDeclaring(1, 1)} {
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
		p, err := Parse([]byte("[school]\nname = \"É\"\nlogo = \""+name+"\"\n"), "sexto.toml", dir)
		if err != nil || len(about(p.Warnings, "school.logo")) != 0 || len(p.Logo) == 0 || p.LogoType != strings.TrimPrefix(filepath.Ext(name), ".") {
			t.Errorf("%s: err = %v, warnings %v, type %q", name, err, p.Warnings, p.LogoType)
		}
	}
}

func TestLogoThatIsNotAFileIsRefused(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Fatal("this test needs /dev/zero")
	}
	done := make(chan *Profile, 1)
	go func() {
		p, _ := Parse([]byte("[school]\nname = \"É\"\nlogo = \"/dev/zero\"\n"), "sexto.toml", "")
		done <- p
	}()
	select {
	case p := <-done:
		if p == nil || len(about(p.Warnings, "school.logo")) != 1 || len(p.Logo) != 0 {
			t.Errorf("/dev/zero as a logo: %+v", p)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("/dev/zero as a logo: still reading after 5 s")
	}
}
