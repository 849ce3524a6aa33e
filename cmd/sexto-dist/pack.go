package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
	"time"
)

//go:embed texts/*.tmpl
var texts embed.FS

type options struct {
	version, goos, arch string
	bin, root, out      string
	mtime               time.Time
}

// file is one entry of the archive, by its path inside the archive's folder.
type file struct {
	name string
	data []byte
	exec bool
}

// base is the archive's name and top folder: sexto-1.1.0-windows-amd64.
func (o *options) base() string { return fmt.Sprintf("sexto-%s-%s-%s", o.version, o.goos, o.arch) }

// files gathers every entry: the binary, the texts, the licence, the guides, and the
// checksums of all of them.
func (o *options) files() ([]file, error) {
	bin, err := os.ReadFile(o.bin)
	if err != nil {
		return nil, err
	}
	exe := "sexto"
	if o.goos == "windows" {
		exe = "sexto.exe"
	}
	files := []file{{name: exe, data: bin, exec: true}}
	for _, t := range []string{"LISEZMOI.txt", "README.txt"} {
		b, err := Text(t, o.goos, o.version)
		if err != nil {
			return nil, err
		}
		files = append(files, file{name: t, data: b})
	}
	lic, err := os.ReadFile(filepath.Join(o.root, "LICENSE"))
	if err != nil {
		return nil, err
	}
	files = append(files, file{name: "LICENSE.txt", data: lic})
	guides, err := Guides(o.root, o.version)
	if err != nil {
		return nil, err
	}
	for name, b := range guides {
		files = append(files, file{name: name, data: b})
	}
	if o.goos == "windows" {
		for i := range files {
			if strings.HasSuffix(files[i].name, ".txt") {
				files[i].data = crlf(files[i].data) // Notepad before Windows 10 shows one long line otherwise
			}
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	var sums bytes.Buffer
	for _, f := range files {
		s := sha256.Sum256(f.data)
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(s[:]), f.name)
	}
	files = append(files, file{name: "SHA256SUMS", data: sums.Bytes()})
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, nil
}

func crlf(b []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}

// pack writes the archive: a zip for Windows, a tar.gz elsewhere (it keeps the binary
// executable). It returns the archive's file name.
func (o *options) pack() (string, error) {
	files, err := o.files()
	if err != nil {
		return "", err
	}
	var b []byte
	name := o.base()
	if o.goos == "windows" {
		name += ".zip"
		b, err = o.zip(files)
	} else {
		name += ".tar.gz"
		b, err = o.targz(files)
	}
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return "", err
	}
	return name, os.WriteFile(filepath.Join(o.out, name), b, 0o644)
}

// dirs lists the folders of the entries, parents first, so that every tool makes them.
func dirs(top string, files []file) []string {
	set := map[string]bool{top: true}
	for _, f := range files {
		for d := path.Dir(f.name); d != "."; d = path.Dir(d) {
			set[top+"/"+d] = true
		}
	}
	var out []string
	for d := range set {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

func (o *options) zip(files []file) ([]byte, error) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	top := o.base()
	for _, d := range dirs(top, files) {
		h := &zip.FileHeader{Name: d + "/", Modified: o.mtime}
		h.SetMode(fs.ModeDir | 0o755)
		if _, err := zw.CreateHeader(h); err != nil {
			return nil, err
		}
	}
	for _, f := range files {
		h := &zip.FileHeader{Name: top + "/" + f.name, Method: zip.Deflate, Modified: o.mtime}
		h.SetMode(mode(f))
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (o *options) targz(files []file) ([]byte, error) {
	var b bytes.Buffer
	gz, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(gz)
	top := o.base()
	for _, d := range dirs(top, files) {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: 0o755, ModTime: o.mtime, Format: tar.FormatPAX}); err != nil {
			return nil, err
		}
	}
	for _, f := range files {
		h := &tar.Header{Typeflag: tar.TypeReg, Name: top + "/" + f.name, Mode: int64(mode(f)), Size: int64(len(f.data)),
			ModTime: o.mtime, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func mode(f file) fs.FileMode {
	if f.exec {
		return 0o755
	}
	return 0o644
}

// Text renders LISEZMOI.txt or README.txt for a system.
func Text(name, goos, version string) ([]byte, error) {
	src, err := texts.ReadFile("texts/" + name + ".tmpl")
	if err != nil {
		return nil, err
	}
	t, err := template.New(name).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, TextData(goos, version))
	return b.Bytes(), err
}

// TextData is what the texts' templates see: the system, and the way to type sexto there.
func TextData(goos, version string) map[string]string {
	cmd := "./sexto"
	if goos == "windows" {
		cmd = "sexto"
	}
	return map[string]string{"OS": goos, "Version": version, "Cmd": cmd}
}
