package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Both texts exist for every system, say how to open a terminal there, the first three
// commands, where the guides are, and the licence.
func TestTextsForEverySystem(t *testing.T) {
	want := map[string][]string{
		"windows": {"barre d'adresse", "tapez cmd", "SmartScreen", `.\sexto`, "notepad sexto.toml", `guides\index.html`, "Get-FileHash"},
		"darwin":  {"Nouveau terminal au dossier", "xattr -d com.apple.quarantine sexto", "open -e sexto.toml", "./sexto kit", "guides/index.html", "shasum -a 256"},
		"linux":   {"Ouvrir dans un terminal", "chmod +x sexto", "./sexto kit", "guides/index.html", "sha256sum -c SHA256SUMS"},
	}
	wantEN := map[string][]string{
		"windows": {"address bar", "type cmd", "Run anyway", `.\sexto`, "sexto init --lang en"},
		"darwin":  {"New Terminal at Folder", "xattr -d com.apple.quarantine sexto", "./sexto kit --lang en"},
		"linux":   {"Open in Terminal", "chmod +x sexto", "./sexto help --lang en"},
	}
	for goos := range want {
		fr, err := Text("LISEZMOI.txt", goos, "1.1.0")
		if err != nil {
			t.Fatal(err)
		}
		en, err := Text("README.txt", goos, "1.1.0")
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range append(want[goos], "sexto 1.1.0 : la trousse SEXTO", "init", "MIT", "LICENSE.txt", "questions fréquentes") {
			if !bytes.Contains(fr, []byte(w)) {
				t.Errorf("%s LISEZMOI.txt lacks %q", goos, w)
			}
		}
		for _, w := range append(wantEN[goos], "sexto 1.1.0: the SEXTO kit", "MIT licence", "LICENSE.txt", "frequent questions") {
			if !bytes.Contains(en, []byte(w)) {
				t.Errorf("%s README.txt lacks %q", goos, w)
			}
		}
		for other, ws := range want {
			if other == goos {
				continue
			}
			for _, w := range ws[:2] {
				if bytes.Contains(fr, []byte(w)) {
					t.Errorf("%s LISEZMOI.txt has %s's %q", goos, other, w)
				}
			}
		}
	}
}

// The guides become HTML pages whose every link and picture is in the archive; none points
// to a Markdown file.
func TestGuidesLinkWithinTheArchive(t *testing.T) {
	g, err := Guides("../..", "1.1.0")
	if err != nil {
		t.Fatal(err)
	}
	for _, must := range []string{"guides/index.html", "guides/fr/secretariat.html", "guides/en/secretary.html",
		"guides/fr/faq.html", "guides/en/faq.html", "guides/reference/fr/sexto.html", "guides/previews/kit-cover-fr.png"} {
		if _, ok := g[must]; !ok {
			t.Errorf("no %s", must)
		}
	}
	link := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	for name, b := range g {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if !bytes.Contains(b, []byte(`<meta charset="utf-8">`)) || !bytes.Contains(b, []byte("<title>")) {
			t.Errorf("%s: no charset or title", name)
		}
		if bytes.Contains(b, []byte(`\|`)) {
			t.Errorf("%s: a Markdown \\| is left", name)
		}
		for _, m := range link.FindAllSubmatch(b, -1) {
			target := string(m[1])
			if strings.Contains(target, "://") || strings.HasPrefix(target, "#") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			file, _, _ := strings.Cut(target, "#")
			dest := path.Clean(path.Join(path.Dir(name), file))
			if _, ok := g[dest]; !ok {
				t.Errorf("%s: link %q leads to %s, not in the archive", name, target, dest)
			}
			if strings.HasSuffix(file, ".md") {
				t.Errorf("%s: link to Markdown %q", name, target)
			}
		}
	}
	if !bytes.Contains(g["guides/fr/secretariat.html"], []byte(`<html lang="fr">`)) || !bytes.Contains(g["guides/en/secretary.html"], []byte(`<html lang="en">`)) {
		t.Error("pages do not declare their language")
	}
}

// The same inputs and epoch give the same bytes; each archive holds the program, the texts,
// the licence, the guides and checksums that verify.
func TestArchivesAreReproducible(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "fake-sexto")
	os.WriteFile(bin, []byte("not really a program"), 0o755)
	for _, goos := range []string{"windows", "linux"} {
		var got [][]byte
		for i := 0; i < 2; i++ {
			o := options{version: "1.1.0", goos: goos, arch: "amd64", bin: bin, root: "../..", out: filepath.Join(dir, goos, string(rune('a'+i))),
				mtime: time.Unix(1795550400, 0).UTC()}
			name, err := o.pack()
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(o.out, name))
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, b)
		}
		if !bytes.Equal(got[0], got[1]) {
			t.Errorf("%s: two packs differ", goos)
		}
		entries := unpack(t, goos, got[0])
		exe := "sexto"
		if goos == "windows" {
			exe = "sexto.exe"
		}
		top := "sexto-1.1.0-" + goos + "-amd64/"
		for _, n := range []string{exe, "LISEZMOI.txt", "README.txt", "LICENSE.txt", "SHA256SUMS", "guides/index.html"} {
			if _, ok := entries[top+n]; !ok {
				t.Errorf("%s: no %s", goos, n)
			}
		}
		if goos == "windows" && !bytes.Contains(entries[top+"LISEZMOI.txt"], []byte("\r\n")) {
			t.Error("windows: LISEZMOI.txt without CRLF line ends")
		}
		sums := 0
		for _, line := range strings.Split(strings.TrimSpace(string(entries[top+"SHA256SUMS"])), "\n") {
			sum, name, _ := strings.Cut(line, "  ")
			s := sha256.Sum256(entries[top+name])
			if hex.EncodeToString(s[:]) != sum {
				t.Errorf("%s: %s does not match its checksum", goos, name)
			}
			sums++
		}
		if sums != len(entries)-1 {
			t.Errorf("%s: %d checksums for %d files", goos, sums, len(entries)-1)
		}
	}
}

// unpack returns the files of an archive by name (folders left out).
func unpack(t *testing.T, goos string, b []byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	if goos == "windows" {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if strings.HasSuffix(f.Name, "/") {
				continue
			}
			rc, _ := f.Open()
			out[f.Name], _ = io.ReadAll(rc)
			rc.Close()
		}
		return out
	}
	gz, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		if strings.HasSuffix(h.Name, "/sexto") && h.Mode&0o111 == 0 {
			t.Errorf("%s is not executable", h.Name)
		}
		out[h.Name], _ = io.ReadAll(tr)
	}
	return out
}
