package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/pdftext"
	"sexto/kit/workbook"
)

var update = flag.Bool("update", false, "regenerate docs/reference, docs/man and docs/previews")

// docsDir is the repository's docs folder, from this package.
const docsDir = "../../docs"

func rootIn(l i18n.Lang) *cobra.Command {
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" },
		isTerminal: func(io.Writer) bool { return false }, stdinTerminal: func() bool { return false }}
	a.lang = l
	return a.newRoot()
}

// Every command has a short and a long description in both languages, and an example.
func TestEveryCommandIsDocumented(t *testing.T) {
	fr, en := rootIn(i18n.FR), rootIn(i18n.EN)
	var walk func(f, e *cobra.Command)
	walk = func(f, e *cobra.Command) {
		name := f.CommandPath()
		if f.Short == "" || e.Short == "" || f.Long == "" || e.Long == "" {
			t.Errorf("%s: a short or long description is missing", name)
		}
		if f.Short == e.Short && name != "sexto templates" {
			t.Errorf("%s: the short description is not translated: %q", name, f.Short)
		}
		if f.Long == e.Long {
			t.Errorf("%s: the long description is not translated", name)
		}
		if strings.TrimSpace(f.Example) == "" || strings.TrimSpace(e.Example) == "" {
			t.Errorf("%s: no example", name)
		}
		if !strings.Contains(f.Long, "Codes de sortie") || !strings.Contains(e.Long, "Exit status") {
			t.Errorf("%s: the help does not end with the exit status", name)
		}
		fs, es := f.Commands(), e.Commands()
		if len(fs) != len(es) {
			t.Fatalf("%s: %d French and %d English subcommands", name, len(fs), len(es))
		}
		for i := range fs {
			if fs[i].Hidden || fs[i].Name() == "__complete" {
				continue
			}
			walk(fs[i], es[i])
		}
	}
	walk(fr, en)
}

// The command reference (Markdown, both languages) and the man pages are generated from the
// commands; this test fails when they are stale. Regenerate: go test ./cmd/sexto -run Reference -update
func TestReferenceIsCurrent(t *testing.T) {
	compareTree(t, reference(t), []string{"reference/fr", "reference/en", "man"})
}

// The reference is the same on any day, in any time zone: generated under two clocks and two
// zones, it gives the same bytes, and the man pages carry no date and their own title.
func TestReferenceIgnoresTheClock(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795550400") // 2026-11-24
	t.Setenv("TZ", "America/Montreal")
	a := reference(t)
	t.Setenv("SOURCE_DATE_EPOCH", "2114380800") // 2037-01-01
	t.Setenv("TZ", "UTC")
	b := reference(t)
	os.Unsetenv("SOURCE_DATE_EPOCH")
	c := reference(t)
	if len(a) == 0 || len(a) != len(b) || len(a) != len(c) {
		t.Fatalf("%d, %d and %d files", len(a), len(b), len(c))
	}
	for name, x := range a {
		if !bytes.Equal(x, b[name]) || !bytes.Equal(x, c[name]) {
			t.Errorf("%s depends on the clock", name)
		}
	}
	for name, want := range map[string]string{"man/sexto-referral.1": `.TH "SEXTO-REFERRAL" "1" "" "sexto" "sexto manual"`,
		"man/sexto.1": `.TH "SEXTO" "1" "" "sexto" "sexto manual"`} {
		if got := string(a[name]); !strings.Contains(got, want+"\n") {
			t.Errorf("%s: header is not %s:\n%.200s", name, want, got)
		}
	}
}

// manEpoch stands in for the date cobra puts in a man page's header; the date is then removed
// (a generated page would otherwise change every month).
var manEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// reference generates the command reference and the man pages, keyed by their path under docs.
func reference(t *testing.T) map[string][]byte {
	t.Helper()
	want := map[string][]byte{}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		root := rootIn(l)
		root.DisableAutoGenTag = true
		dir := t.TempDir()
		if err := doc.GenMarkdownTree(root, dir); err != nil {
			t.Fatal(err)
		}
		collect(t, dir, filepath.Join("reference", string(l)), want)
	}
	root := rootIn(i18n.EN)
	root.DisableAutoGenTag = true
	dir := t.TempDir()
	// no Title: cobra then titles each page after its command (SEXTO-REFERRAL)
	hdr := &doc.GenManHeader{Section: "1", Date: &manEpoch, Source: "sexto", Manual: "sexto manual"}
	if err := doc.GenManTree(root, hdr, dir); err != nil {
		t.Fatal(err)
	}
	man := map[string][]byte{}
	collect(t, dir, "man", man)
	for name, b := range man {
		want[name] = dropManDate(t, name, b)
	}
	return want
}

func collect(t *testing.T, dir, under string, into map[string][]byte) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		into[filepath.Join(under, e.Name())] = b
	}
}

// dropManDate empties the date field of the .TH line: .TH "TITLE" "SECTION" "DATE" "SOURCE" "MANUAL".
func dropManDate(t *testing.T, name string, b []byte) []byte {
	t.Helper()
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, ".TH ") {
			continue
		}
		f := strings.Split(l, "\"")
		if len(f) != 11 || f[5] != manEpoch.Format("Jan 2006") {
			t.Fatalf("%s: unexpected man header %q", name, l)
		}
		f[5] = ""
		lines[i] = strings.Join(f, "\"")
		return []byte(strings.Join(lines, "\n"))
	}
	t.Fatalf("%s: no .TH line", name)
	return nil
}

// compareTree compares generated files with docs/, or writes them with -update.
func compareTree(t *testing.T, want map[string][]byte, dirs []string) {
	t.Helper()
	if *update {
		for _, d := range dirs {
			os.RemoveAll(filepath.Join(docsDir, d))
		}
		for name, b := range want {
			p := filepath.Join(docsDir, name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	have := map[string]bool{}
	for _, d := range dirs {
		entries, _ := os.ReadDir(filepath.Join(docsDir, d))
		for _, e := range entries {
			have[filepath.Join(d, e.Name())] = true
		}
	}
	for name, b := range want {
		got, err := os.ReadFile(filepath.Join(docsDir, name))
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("docs/%s is stale; run: go test ./cmd/sexto -run 'Reference|Previews' -update", name)
		}
		delete(have, name)
	}
	for name := range have {
		t.Errorf("docs/%s is no longer generated; run: go test ./cmd/sexto -run 'Reference|Previews' -update", name)
	}
}

// preview is one page of a real document, shown in the guides.
type preview struct {
	name   string // docs/previews/<name>.png
	pdf    string // file made by the commands
	marker string // the first page holding this text is shown ("" for page 1)
	page   int
}

// The previews in docs/previews are pictures of the real commands' output on fictional data.
// manifest.txt records the SHA-256 of each source PDF: when an output changes, this test
// fails until the previews are regenerated (go test ./cmd/sexto -run Previews -update, which
// needs pdftoppm from poppler-utils).
func TestPreviewsAreCurrent(t *testing.T) {
	dir := t.TempDir()
	env := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return previewEpoch
		}
		return ""
	}
	sexto := func(args ...string) {
		t.Helper()
		var errb bytes.Buffer
		if code := run(args, strings.NewReader(""), io.Discard, &errb, env); code != 0 && code != exitInput {
			t.Fatalf("sexto %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
		}
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	for _, l := range []string{"fr", "en"} {
		sexto("kit", "--lang", l, "--students", "2", "-o", p("kit-"+l+".pdf"))
		sexto("template", "--lang", l, "--students", "3", "-o", p("wb-"+l+".xlsx"))
		formDemo(t, p("form-"+l+".pdf"), i18n.Lang(l)) // the fillable form, filled in by another program
		tpl, err := os.ReadFile(p("wb-" + l + ".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		fillDemo(t, p("wb-"+l+".xlsx"), i18n.Lang(l), 0)
		sexto("score", p("wb-"+l+".xlsx"), "--lang", l, "-o", p("report-"+l+".pdf"))
		sexto("referral", p("wb-"+l+".xlsx"), "--lang", l, "-o", p("referral-"+l+".pdf"))
		os.MkdirAll(p("letters-"+l), 0o755)
		sexto("letters", p("wb-"+l+".xlsx"), "--lang", l, "--combined", "-o", p("letters-"+l))
		// a school year of twelve fictional incidents for the statistics
		year := p("year-" + l)
		os.MkdirAll(year, 0o755)
		for i := 0; i < 12; i++ {
			f := filepath.Join(year, fmt.Sprintf("%02d.xlsx", i))
			os.WriteFile(f, tpl, 0o600)
			fillDemo(t, f, i18n.Lang(l), i+1)
		}
		sexto("stats", year, "--lang", l, "-o", p("stats-"+l+".pdf"))
	}
	var previews []preview
	for _, l := range []string{"fr", "en"} {
		letters, _ := filepath.Glob(p("letters-" + l + "/*.pdf"))
		if len(letters) != 1 {
			t.Fatalf("letters for %s: %v", l, letters)
		}
		tr := func(fr, en string) string { return i18n.T(fr, en).In(i18n.Lang(l)) }
		previews = append(previews,
			preview{"kit-cover-" + l, p("kit-" + l + ".pdf"), "", 0},
			preview{"kit-steps-" + l, p("kit-" + l + ".pdf"), tr("Étapes du processus d’intervention", "Steps of the intervention process"), 0},
			preview{"kit-grid-" + l, p("kit-" + l + ".pdf"), tr("Grille d’évaluation de l’incident", "Incident evaluation grid"), 0},
			preview{"kit-labels-" + l, p("kit-" + l + ".pdf"), tr("Étiquettes des sacs scellés", "Bag labels"), 0},
			preview{"report-" + l, p("report-" + l + ".pdf"), "", 0},
			preview{"referral-transmittal-" + l, p("referral-" + l + ".pdf"), "", 0},
			preview{"referral-grid-" + l, p("referral-" + l + ".pdf"), tr("Grille d’évaluation — E2", "Evaluation grid — E2"), 0},
			preview{"letter-" + l, letters[0], "", 0},
			preview{"stats-" + l, p("stats-" + l + ".pdf"), "", 0},
			preview{"form-grid-" + l, p("form-" + l + ".pdf"), tr("Grille d’évaluation de l’incident", "Incident evaluation grid"), 0},
		)
	}
	for i := range previews {
		previews[i].page = pageWith(t, previews[i].pdf, previews[i].marker)
	}
	var manifest strings.Builder
	for _, pv := range previews {
		b, err := os.ReadFile(pv.pdf)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		fmt.Fprintf(&manifest, "%s.png page %d of %s sha256 %s\n", pv.name, pv.page, filepath.Base(pv.pdf), hex.EncodeToString(sum[:]))
	}
	lines := strings.Split(strings.TrimSpace(manifest.String()), "\n")
	sort.Strings(lines)
	text := strings.Join(lines, "\n") + "\n"
	mpath := filepath.Join(docsDir, "previews", "manifest.txt")
	if *update {
		if _, err := exec.LookPath("pdftoppm"); err != nil {
			t.Fatal("pdftoppm is needed to draw the previews (apt-get install poppler-utils)")
		}
		os.MkdirAll(filepath.Dir(mpath), 0o755)
		for _, pv := range previews {
			out := filepath.Join(docsDir, "previews", pv.name)
			cmd := exec.Command("pdftoppm", "-png", "-r", "60", "-f", fmt.Sprint(pv.page), "-l", fmt.Sprint(pv.page), "-singlefile", pv.pdf, out)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v\n%s", err, b)
			}
		}
		if err := os.WriteFile(mpath, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(mpath)
	if err != nil || string(got) != text {
		t.Errorf("docs/previews are stale (the documents changed); run: go test ./cmd/sexto -run Previews -update\n%s", lineDiff(string(got), text))
	}
	for _, pv := range previews {
		if _, err := os.Stat(filepath.Join(docsDir, "previews", pv.name+".png")); err != nil {
			t.Errorf("docs/previews/%s.png is missing", pv.name)
		}
	}
}

// previewEpoch dates the previews' documents: 24 November 2026 at 15:00 in Quebec, the
// afternoon of the incident they show.
const previewEpoch = "1795550400"

// pageWith returns the first page after the first that holds marker (1 for "").
func pageWith(t *testing.T, path, marker string) int {
	t.Helper()
	if marker == "" {
		return 1
	}
	b, _ := os.ReadFile(path)
	pages, err := pdftext.Pages(b)
	if err != nil {
		t.Fatal(err)
	}
	// from the second page: the cover's contents name every document
	for i := 1; i < len(pages); i++ {
		if strings.Contains(strings.Join(pages[i].Lines, "\n"), marker) {
			return i + 1
		}
	}
	t.Fatalf("%s: no page holds %q", path, marker)
	return 0
}

// fillDemo types a fictional incident into a workbook made by sexto template; n varies the
// incident for the statistics (0 is the guides' example).
func fillDemo(t *testing.T, path string, l i18n.Lang, n int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	roles := gridtest.Grid
	// the guides' incident happens on 24 November 2026, the day its documents are made
	// (previewEpoch); the statistics' twelve incidents span the school year before
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	if n > 0 {
		day = time.Date(2025, time.Month(8+n), 3+n, 0, 0, 0, 0, time.UTC)
	}
	ymd := day.Format("2006-01-02")
	dossier := map[string]string{"incident.id": fmt.Sprintf("2026-%03d", 14+n), "incident.police_event": "SPSF-26-11873",
		"incident.disclosed_at": ymd + " 09:15", "incident.disclosed_by": "depicted", "incident.intervener": "Éloïse Bédard",
		"incident.principal_informed_at": ymd + " 09:40",
		"incident.police_called_at":      fmt.Sprintf("%s %02d:05", ymd, 10+n%4),
		"incident.summary": i18n.T("Après une rupture, une photo intime a circulé dans une messagerie de groupe.",
			"After a break-up, an intimate photo went round a group chat.").In(l)}
	e1 := roles("role.depicted", "oui", "role.producer", "oui", "role.discloser", "oui", "trigger.relationship", "ex")
	for k, v := range map[string]string{"student.last_name": "Fortin", "student.first_name": "Léa", "student.grade": "sec3",
		"parent.name": "Martine Fortin", "parent.language": string(l)} {
		e1[k] = v
	}
	e2 := roles("role.sender", "oui", "role.recipient", "oui", "role.kept", "oui", "trigger.relationship", "ex",
		"trigger.context", "breakup", "intent.motive", "revenge", "intent.threats", "non", "intent.coercion", "non",
		"scope.recipients", "6_20", "scope.channel", "group_chat", "intent.acknowledges", "oui", "device.seized", "oui")
	switch n % 4 {
	case 1:
		e2["intent.motive"], e2["trigger.context"], e2["scope.recipients"] = "acceptance", "acceptance", "2_5"
	case 2:
		e2["intent.threats"] = "oui"
	case 3:
		e2["intent.motive"], e2["trigger.context"], e2["scope.channel"] = "fun", "joke", "snapchat"
	}
	for k, v := range map[string]string{"student.last_name": "Tremblay", "student.first_name": "Noah", "student.grade": "sec3",
		"parent.name": "Kevin Tremblay", "parent.language": "en"} {
		e2[k] = v
	}
	e3 := roles("role.recipient", "oui")
	for k, v := range map[string]string{"student.last_name": "Roy", "student.first_name": "Félix", "student.grade": "sec2"} {
		e3[k] = v
	}
	sheets := map[string]map[string]string{
		map[i18n.Lang]string{i18n.FR: "Dossier", i18n.EN: "Incident"}[l]: dossier,
		workbook.StudentSheetName(l, 1):                                  e1, workbook.StudentSheetName(l, 2): e2, workbook.StudentSheetName(l, 3): e3,
	}
	timeline := map[i18n.Lang]string{i18n.FR: "Chronologie", i18n.EN: "Timeline"}[l]
	devices := map[i18n.Lang]string{i18n.FR: "Appareils", i18n.EN: "Devices"}[l]
	out, err := workbook.Fill(b, sheets, map[string][]string{devices: {"device.owner=E2|device.description=" +
		i18n.T("Cellulaire noir, étui rouge", "Black cell phone, red case").In(l) + "|device.state=off|device.seal_no=S-0042|device.sealed_at=" + ymd +
		" 10:30|device.sealed_by=Éloïse Bédard|device.witness=Marc-André Côté"}, timeline: {
		ymd + " 09:15|" + i18n.T("Dévoilement reçu", "Disclosure received").In(l) + "|É. Bédard",
		ymd + fmt.Sprintf(" %02d:05|", 10+n%4) + i18n.T("Appel au 911", "911 call").In(l) + "|É. Bédard"}})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, out, 0o600)
}

func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, "- "+x, "+ "+y)
		}
	}
	return strings.Join(out, "\n")
}

// The README shows the commands and global flags exactly as `sexto --help` does, in French:
// the newcomer's first command answers in French.
func TestReadmeUsage(t *testing.T) {
	var out bytes.Buffer
	run([]string{"--help", "--lang", "fr"}, strings.NewReader(""), &out, io.Discard, func(string) string { return "" })
	help := out.String()
	cmds := help[strings.Index(help, "Commandes :"):]
	cmds = cmds[:strings.Index(cmds, "\n\n")+1]
	// the root's persistent flags, as a subcommand shows them
	out.Reset()
	run([]string{"version", "--help", "--lang", "fr"}, strings.NewReader(""), &out, io.Discard, func(string) string { return "" })
	sub := out.String()
	flags := sub[strings.Index(sub, "Options globales :"):]
	want := "```\n" + cmds + "\n" + strings.TrimRight(flags, "\n") + "\n```\n"
	path := "../../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	begin := strings.Index(s, "<!-- usage:begin")
	end := strings.Index(s, "<!-- usage:end -->")
	if begin < 0 || end < begin {
		t.Fatal("README.md has no usage block")
	}
	begin += strings.Index(s[begin:], "\n") + 1
	if *update {
		s = s[:begin] + want + s[end:]
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if s[begin:end] != want {
		t.Errorf("README.md's usage differs from --help; run: go test ./cmd/sexto -run Readme -update\n%s", lineDiff(s[begin:end], want))
	}
}
