package printkit

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sexto/kit/doc"
	"sexto/kit/golden"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/pdftext"
	"sexto/kit/profile"
)

var testClock = time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC)

func options(l i18n.Lang) Options {
	return Options{Context: doc.Context{Lang: l, Now: testClock, Creator: "sexto test"}, Students: 2}
}

func withAgreement(t testing.TB) *profile.Profile {
	t.Helper()
	src := strings.NewReplacer("# police_service =", "police_service =", "# dpcp =", "dpcp =",
		"# in_force =", "in_force =").Replace(string(profile.InitFile(i18n.FR)))
	p, err := profile.Parse([]byte(src), "sexto.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func text(t testing.TB, b []byte) string {
	t.Helper()
	s, err := pdftext.Text(b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Golden text of every document in both languages, extracted from the PDF bytes.
func TestDocumentsGoldenText(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, id := range IDs() {
			t.Run(string(l)+"/"+id, func(t *testing.T) {
				b, err := Print(options(l), id)
				if err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join("testdata", "golden", string(l), id+".txt"), []byte(text(t, b)))
			})
		}
	}
}

func TestGridPrintsEveryCatalogueItem(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		b, err := Print(Options{Context: doc.Context{Lang: l, Now: testClock}, Students: 1}, "grid")
		if err != nil {
			t.Fatal(err)
		}
		// in drawing order, so that a label broken over two lines still reads whole
		st, err := pdftext.Stream(b)
		if err != nil {
			t.Fatal(err)
		}
		txt := strings.Join(strings.Fields(st), " ")
		for _, s := range grid.Student {
			if !strings.Contains(txt, s.Title.In(l)) {
				t.Errorf("%s: section %q not printed", l, s.Title.In(l))
			}
			for _, it := range s.Items {
				if !strings.Contains(txt, it.Label.In(l)) {
					t.Errorf("%s: item %s (%q) not printed", l, it.Key, it.Label.In(l))
				}
				for _, o := range it.Options {
					if !strings.Contains(txt, o.Label.In(l)) {
						t.Errorf("%s: option %s=%s (%q) not printed", l, it.Key, o.Code, o.Label.In(l))
					}
				}
			}
		}
	}
}

// Every character our templates and catalogue print exists in the embedded fonts.
func TestNoEmptyGlyphBoxes(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, p := range []*profile.Profile{profile.Specimen(), withAgreement(t)} {
			o := options(l)
			o.Profile = p
			data := o.data()
			data.Ref = "E1"
			for _, id := range IDs() {
				s, _, err := Markup("", l, id, data)
				if err != nil {
					t.Fatal(err)
				}
				if m := pdf.Missing(s); len(m) > 0 {
					t.Errorf("%s/%s: characters without a glyph: %q", l, id, string(m))
				}
			}
		}
	}
	for _, k := range grid.Keys() {
		it, _ := grid.Lookup(k)
		all := it.Label.FR + it.Label.EN + it.Help.FR + it.Help.EN
		for _, o := range it.Options {
			all += o.Label.FR + o.Label.EN
		}
		if m := pdf.Missing(all); len(m) > 0 {
			t.Errorf("%s: characters without a glyph: %q", k, string(m))
		}
	}
}

func TestKitIsReproducible(t *testing.T) {
	a, err := Kit(options(i18n.FR))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Kit(options(i18n.FR))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the kit rendered twice with the same testClock differs")
	}
}

var footerRE = regexp.MustCompile(`(?:Page|page) (\d+) (?:de|of) (\d+)(?: · p\. (\d+))?$`)

// The contents list the page where each document really starts, and the footers give the same
// number.
func TestContentsPageNumbersAreRight(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		o := options(l)
		o.Students = 3
		b, err := Kit(o)
		if err != nil {
			t.Fatal(err)
		}
		pages, _ := pdftext.Pages(b)
		// the first line of each section's first page after the header is its title
		starts := map[string]int{}
		for i, p := range pages {
			for _, ln := range p.Lines {
				m := footerRE.FindStringSubmatch(ln)
				if m != nil && m[3] != strconv.Itoa(i+1) {
					t.Errorf("%s: page %d of the kit is numbered %q in its footer", l, i+1, m[3])
				}
				if m != nil && m[1] == "1" {
					title := strings.TrimSpace(footerRE.ReplaceAllString(ln, ""))
					starts[title] = i + 1
				}
			}
		}
		// a letter has no footer: its first page is found by its text, the same as when it
		// is printed alone
		for _, id := range []string{"letter-depicted", "letter-acting", "letter-recipient"} {
			alone, err := Print(o, id)
			if err != nil {
				t.Fatal(err)
			}
			first, _ := pdftext.Pages(alone)
			for i, p := range pages {
				if strings.Join(p.Lines, "\n") == strings.Join(first[0].Lines, "\n") {
					so := o
					so.Profile = profile.Specimen()
					md, _ := so.parse(id, so.data())
					starts[md.Title] = i + 1
				}
			}
		}
		cover := pages[0].Lines
		checked := 0
		for _, p := range r(o).parts {
			if p.doc.ID == "cover" || (p.doc.ID == "grid" && p.data.Copy > 1) {
				continue
			}
			want, ok := starts[p.title]
			for title, page := range starts {
				// long titles are shortened with an ellipsis in the footer
				if prefix, cut := strings.CutSuffix(title, "…"); cut && strings.HasPrefix(p.title, prefix) {
					want, ok = page, true
				}
			}
			if !ok {
				t.Errorf("%s: section %q has no first page", l, p.title)
				continue
			}
			found := false
			for _, ln := range cover {
				if strings.HasSuffix(ln, fmt.Sprintf(" %d", want)) && strings.HasPrefix(ln, p.md.Title) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: the contents do not give page %d for %q", l, want, p.md.Title)
			}
			checked++
		}
		if checked != len(Docs)-1 {
			t.Errorf("%s: checked %d contents entries, want %d", l, checked, len(Docs)-1)
		}
	}
}

// r builds the renderer's parts as Kit does, for tests that need the titles.
func r(o Options) *renderer {
	o.Profile = profile.Specimen()
	base := o.data()
	var parts []part
	for _, id := range IDs() {
		doc, _ := Lookup(id)
		n := 1
		if id == "grid" {
			n = o.Students
		}
		for i := 1; i <= n; i++ {
			d := base
			key, title := id, ""
			if id == "grid" {
				d.Ref, d.Copy = fmt.Sprintf("E%d", i), i
				key = id + "-" + d.Ref
			}
			md, err := o.parse(id, d)
			if err != nil {
				panic(err)
			}
			title = md.Title
			if id == "grid" {
				title += " — " + d.Ref
			}
			parts = append(parts, part{doc: doc, key: key, title: title, md: md, data: d})
		}
	}
	return &renderer{o: &o, parts: parts}
}

func TestPageBudgets(t *testing.T) {
	budget := map[string]int{"cover": 1, "steps": 2, "checklist": 2, "grid": 4, "custody": 1, "labels": 1,
		"legal": 2, "letter-depicted": 1, "letter-acting": 1, "letter-recipient": 1, "transmittal": 2, "timeline": 1}
	for _, paper := range []string{pdf.Letter, pdf.A4} {
		for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
			for _, id := range IDs() {
				o := options(l)
				o.Paper, o.Students = paper, 1
				b, err := Print(o, id)
				if err != nil {
					t.Fatal(err)
				}
				pages, _ := pdftext.Pages(b)
				if len(pages) > budget[id] {
					t.Errorf("%s %s/%s: %d pages, at most %d", paper, l, id, len(pages), budget[id])
				}
			}
		}
	}
}

func TestSpecimenAndAgreement(t *testing.T) {
	spec, err := Print(options(i18n.FR), "cover")
	if err != nil {
		t.Fatal(err)
	}
	o := options(i18n.FR)
	o.Profile = withAgreement(t)
	agreed, err := Print(o, "cover")
	if err != nil {
		t.Fatal(err)
	}
	ts, ta := text(t, spec), text(t, agreed)
	if !strings.Contains(ts, "SPÉCIMEN — aucune entente configurée") {
		t.Error("specimen cover lacks the SPÉCIMEN mark")
	}
	if strings.Contains(ta, "SPÉCIMEN") {
		t.Error("cover with an agreement carries SPÉCIMEN")
	}
	joined := strings.Join(strings.Fields(ta), " ")
	if !strings.Contains(joined, "Service de police de Saint-Fictif") || !strings.Contains(joined, "1er septembre 2024") {
		t.Errorf("cover does not state the agreement:\n%s", ta)
	}
	oe := options(i18n.EN)
	oe.Profile = o.Profile
	agreedEN, _ := Print(oe, "cover")
	if te := text(t, agreedEN); !strings.Contains(te, "September 1, 2024") || strings.Contains(te, "SPECIMEN") {
		t.Errorf("English cover with agreement:\n%s", te)
	}
}

func TestTemplatesOverride(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "fr"), 0o755)
	os.WriteFile(filepath.Join(dir, "fr", "legal.tmpl"), []byte("# Notre feuille juridique\nTexte propre à l’école {{.School.Name}}.\n"), 0o644)
	o := options(i18n.FR)
	o.Templates = dir
	b, err := Print(o, "legal")
	if err != nil {
		t.Fatal(err)
	}
	if txt := text(t, b); !strings.Contains(txt, "Texte propre à l’école École secondaire des Trois-Érables.") {
		t.Errorf("override not used:\n%s", txt)
	}
	// documents without an override keep the built-in text
	b, _ = Print(o, "timeline")
	if !strings.Contains(text(t, b), "Journal des actions") {
		t.Error("a document without override lost its built-in text")
	}
	os.WriteFile(filepath.Join(dir, "fr", "legal.tmpl"), []byte("# T\n{{.Ecole}}\n"), 0o644)
	_, err = Print(o, "legal")
	if err == nil || !strings.Contains(i18n.Message(err, i18n.FR), filepath.Join(dir, "fr", "legal.tmpl")) {
		t.Errorf("bad template: err = %v, want the file named", err)
	}
	os.WriteFile(filepath.Join(dir, "fr", "legal.tmpl"), []byte("# T\n@nimporte\n"), 0o644)
	_, err = Print(o, "legal")
	if err == nil || !strings.Contains(i18n.Message(err, i18n.FR), "legal.tmpl, ligne 2") {
		t.Errorf("bad markup: err = %v, want file and line", err)
	}
	o.Templates = filepath.Join(dir, "absent")
	if _, err := Print(o, "legal"); err == nil {
		t.Error("a missing templates folder was accepted")
	}
}

func TestGridCopiesCarryTheirRef(t *testing.T) {
	o := options(i18n.EN)
	o.Students = 3
	b, err := Print(o, "grid")
	if err != nil {
		t.Fatal(err)
	}
	txt := text(t, b)
	for _, ref := range []string{"E1", "E2", "E3"} {
		if !strings.Contains(txt, "Incident evaluation grid — "+ref) {
			t.Errorf("no footer for %s", ref)
		}
	}
	if strings.Contains(txt, "— E4") {
		t.Error("a fourth grid was printed")
	}
}

func TestUnknownDocument(t *testing.T) {
	if _, err := Print(options(i18n.EN), "poster"); err == nil || !strings.Contains(i18n.Message(err, i18n.EN), "unknown document “poster”") {
		t.Errorf("err = %v", err)
	}
}

func TestLongDate(t *testing.T) {
	d := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if got := LongDate(d, i18n.FR); got != "1er mars 2026" {
		t.Errorf("FR = %q", got)
	}
	if got := LongDate(d.AddDate(0, 0, 1), i18n.EN); got != "March 2, 2026" {
		t.Errorf("EN = %q", got)
	}
}

func benchKit(b *testing.B, students int) {
	o := Options{Context: doc.Context{Lang: i18n.FR, Now: testClock}, Students: students}
	var size, pages int
	for b.Loop() {
		out, err := Kit(o)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	out, _ := Kit(o)
	ps, _ := pdftext.Pages(out)
	pages = len(ps)
	b.ReportMetric(float64(size)/1024, "KB/kit")
	b.ReportMetric(float64(pages), "pages/kit")
}

func BenchmarkKit4Grids(b *testing.B)  { benchKit(b, 4) }
func BenchmarkKit30Grids(b *testing.B) { benchKit(b, 30) }

// A school logo from the profile (a picture the school owns, never one from a case) heads the
// letters.
func TestLetterheadLogo(t *testing.T) {
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := 0; x < 40; x++ {
		for y := 0; y < 20; y++ {
			img.Set(x, y, color.RGBA{0, 80, 160, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "logo.png"), buf.Bytes(), 0o644)
	p, err := profile.Parse([]byte("[school]\nname = \"École du Logo\"\nlogo = \"logo.png\"\n"), filepath.Join(dir, "sexto.toml"), dir)
	if err != nil {
		t.Fatal(err)
	}
	o := options(i18n.FR)
	o.Profile = p
	a, err := Print(o, "letter-recipient")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(a, []byte("/Subtype /Image")) {
		t.Error("the letter has no logo image")
	}
	b, _ := Print(o, "letter-recipient")
	if !bytes.Equal(a, b) {
		t.Error("a letter with a logo is not reproducible")
	}
	plain, _ := Print(options(i18n.FR), "letter-recipient")
	if bytes.Contains(plain, []byte("/Subtype /Image")) {
		t.Error("a letter without a logo in the profile carries an image")
	}
}

// An agreement that comes into force after the kit is printed is not stated as in force: the
// cover says when the kit may be used, in both languages.
func TestCoverOfAnAgreementNotYetInForce(t *testing.T) {
	p := profile.Specimen()
	p.Agreement = profile.Agreement{PoliceService: "Service de police de Saint-Fictif", DPCP: "DPCP", InForce: "2031-09-01"}
	now := time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)
	if err := p.AsOf(now); err == nil {
		t.Fatal("no warning for an agreement in force in 2031")
	}
	for l, want := range map[i18n.Lang]string{i18n.FR: "n’entre en vigueur que le 1er septembre 2031", i18n.EN: "comes into force only on September 1, 2031"} {
		b, err := Print(Options{Context: doc.Context{Profile: p, Lang: l, Now: now}}, "cover")
		if err != nil {
			t.Fatal(err)
		}
		txt, _ := pdftext.Text(b)
		flat := strings.Join(strings.Fields(txt), " ")
		if !strings.Contains(flat, want) || strings.Contains(flat, "en vigueur depuis") || strings.Contains(flat, "in force since") {
			t.Errorf("%s: %s", l, flat)
		}
	}
}
