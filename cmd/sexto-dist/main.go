// Command sexto-dist packs one release archive of sexto for one system: the binary, the
// French-first LISEZMOI.txt and the English README.txt, the licence, the guides as HTML
// pages (converted from docs/ and templates/README.md) and SHA256SUMS. The same inputs and
// the same -epoch give the same bytes: entries sorted, fixed times and permissions.
//
//	go run ./cmd/sexto-dist -version 1.1.0 -os windows -arch amd64 -bin sexto.exe -out dist
//
// It is run by .ci/release, from the repository's root.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

func main() {
	var o options
	var epoch int64
	flag.StringVar(&o.version, "version", "", "version, without its v (1.1.0)")
	flag.StringVar(&o.goos, "os", "", "windows, darwin or linux")
	flag.StringVar(&o.arch, "arch", "", "amd64 or arm64")
	flag.StringVar(&o.bin, "bin", "", "the built binary")
	flag.StringVar(&o.root, "root", ".", "the repository (docs/, templates/, LICENSE)")
	flag.StringVar(&o.out, "out", "dist", "folder the archive is written to")
	flag.Int64Var(&epoch, "epoch", 0, "time of every entry, in seconds since 1970 (SOURCE_DATE_EPOCH)")
	flag.Parse()
	if o.version == "" || o.goos == "" || o.arch == "" || o.bin == "" || epoch <= 0 {
		fmt.Fprintln(os.Stderr, "sexto-dist: -version, -os, -arch, -bin and -epoch are needed")
		os.Exit(2)
	}
	o.mtime = time.Unix(epoch, 0).UTC()
	name, err := o.pack()
	if err != nil {
		fmt.Fprintln(os.Stderr, "sexto-dist:", err)
		os.Exit(1)
	}
	fmt.Println(filepath.Join(o.out, name))
}
