package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"sexto/kit/pdftext"
)

var words = Words{Page: "Page %d de %d", Confidential: "CONFIDENTIEL", Specimen: "SPÉCIMEN",
	SpecimenNote: "SPÉCIMEN — aucune entente configurée", Signature: "Signature", Name: "Nom", Date: "Date"}

func sample(d *Doc) error {
	d.Section("a", "Premier document", false)
	d.Title("Élévation des œuvres « complètes » — été")
	for i := 0; i < 60; i++ {
		d.Paragraph(Plain("Paragraphe numéro " + strconv.Itoa(i+1) + " : du texte qui se répète pour remplir la page et forcer un saut."))
	}
	d.Section("b", "Second document", true)
	d.Heading(2, "Tableau")
	d.Table(Table{Header: []string{"Réf.", "Description"}, Widths: []float64{1, 4}, BlankRows: 3,
		Rows: [][]string{{"E1", "Cellulaire noir"}, {"E2", strings.Repeat("long texte ", 40)}}})
	d.Fields([]string{"Nom", "Date"})
	d.Signatures([]string{"Intervenant(e)", "Direction"})
	d.Flowchart(Flowchart{Steps: []FlowBox{{Title: "Un", Text: "premier"}, {Title: "Deux", Text: "second",
		Side: &FlowBox{Title: "911", Text: "appeler"}}}, Decision: "Impulsif ?",
		Outcomes: []FlowBox{{Title: "Oui"}, {Title: "Non"}}})
	return nil
}

func opts(paper string, specimen bool) Options {
	return Options{Paper: paper, Lang: "fr-CA", Title: "Essai", Author: "École", Creator: "sexto test",
		Now: time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC), Specimen: specimen, Header: "École des Érables", Words: words}
}

func TestRenderTwiceGivesTheSameBytes(t *testing.T) {
	a, err := Render(opts(Letter, true), sample)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(opts(Letter, true), sample)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the same document differ")
	}
	if !bytes.Contains(a, []byte("/Producer (\xfe\xff")) && !bytes.Contains(a, []byte("/Producer")) {
		t.Error("no producer")
	}
	c, _ := Render(Options{Paper: Letter, Words: words, Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}, sample)
	if bytes.Equal(a, c) {
		t.Error("a different clock gave the same bytes: the date is not taken from Options.Now")
	}
}

func TestPaperSizes(t *testing.T) {
	for _, c := range []struct {
		paper string
		w, h  float64
	}{{Letter, 612, 792}, {A4, 595.28, 841.89}} {
		b, err := Render(opts(c.paper, false), sample)
		if err != nil {
			t.Fatal(err)
		}
		w, h, err := pdftext.MediaBox(b)
		if err != nil {
			t.Fatal(err)
		}
		if w < c.w-0.5 || w > c.w+0.5 || h < c.h-0.5 || h > c.h+0.5 {
			t.Errorf("%s: page is %.2f × %.2f pt, want %.2f × %.2f", c.paper, w, h, c.w, c.h)
		}
	}
	if _, err := Render(opts("legal", false), sample); err == nil {
		t.Error("an unknown paper size was accepted")
	}
}

func TestPageXOfYCountsEachSection(t *testing.T) {
	b, err := Render(opts(Letter, false), sample)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Pages(b)
	if err != nil {
		t.Fatal(err)
	}
	var footers []string
	for _, p := range pages {
		for _, l := range p.Lines {
			if i := strings.Index(l, "Page "); i >= 0 {
				footers = append(footers, l[i:])
			}
		}
	}
	if len(footers) != len(pages) {
		t.Fatalf("%d footers on %d pages: %v", len(footers), len(pages), footers)
	}
	// Each section numbers its own pages 1..Y, and Y is the section's real length.
	sections := 0
	for i := 0; i < len(footers); {
		var x, y int
		if _, err := fmtSscanf(footers[i], &x, &y); err != nil || x != 1 || y < 1 {
			t.Fatalf("footer %d = %q, want the first page of a section", i+1, footers[i])
		}
		for k := 1; k <= y; k++ {
			var xx, yy int
			if i+k-1 >= len(footers) {
				t.Fatalf("section %d claims %d pages, the document ends first", sections+1, y)
			}
			if _, err := fmtSscanf(footers[i+k-1], &xx, &yy); err != nil || xx != k || yy != y {
				t.Fatalf("footer %q, want Page %d de %d", footers[i+k-1], k, y)
			}
		}
		i += y
		sections++
	}
	if sections != 2 {
		t.Errorf("%d numbered sections, want 2", sections)
	}
	if len(pages) < 3 {
		t.Errorf("the sample should break the first section over pages; got %d pages", len(pages))
	}
}

func TestMarks(t *testing.T) {
	spec, _ := Render(opts(Letter, true), sample)
	plain, _ := Render(opts(Letter, false), sample)
	ts, _ := pdftext.Text(spec)
	tp, _ := pdftext.Text(plain)
	pages, _ := pdftext.Pages(spec)
	for i, p := range pages {
		if !strings.Contains(strings.Join(p.Lines, "\n"), "SPÉCIMEN — aucune entente configurée") {
			t.Errorf("specimen page %d has no SPÉCIMEN line", i+1)
		}
	}
	if strings.Contains(tp, "SPÉCIMEN") {
		t.Error("a document with an agreement carries the SPÉCIMEN mark")
	}
	// CONFIDENTIEL only on the confidential section's pages
	if !strings.Contains(ts, "CONFIDENTIEL") {
		t.Error("no CONFIDENTIEL mark on the confidential section")
	}
	if strings.Contains(strings.Join(pages[0].Lines, "\n"), "CONFIDENTIEL") {
		t.Error("CONFIDENTIEL printed on a section that is not confidential")
	}
}

func TestAccentsExtractAsText(t *testing.T) {
	b, _ := Render(opts(Letter, false), sample)
	txt, _ := pdftext.Text(b)
	if !strings.Contains(txt, "Élévation des œuvres « complètes » — été") {
		t.Errorf("title with accents not extracted; text starts:\n%.300s", txt)
	}
}

func TestMissingGlyphsAreReplaced(t *testing.T) {
	if m := Missing("Zoé Lévesque-Côté « Œuvre » — 1\u202f000 $ ’ … N° ½"); len(m) != 0 {
		t.Errorf("Missing reports %q for French text", string(m))
	}
	if m := Missing("emoji 🙂"); len(m) != 1 {
		t.Errorf("Missing(emoji) = %q", string(m))
	}
	if got := clean("a🙂b\x07"); got != "a?b" {
		t.Errorf("clean = %q", got)
	}
}

func fmtSscanf(s string, x, y *int) (int, error) { return fmt.Sscanf(s, "Page %d de %d", x, y) }

// The rebuilt cross-reference table and recompressed streams form a valid PDF.
func TestOutputIsValidPDF(t *testing.T) {
	b, err := Render(opts(A4, true), sample)
	if err != nil {
		t.Fatal(err)
	}
	model.ConfigPath = "disable" // the in-memory configuration: nothing written in the home folder
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.Validate(bytes.NewReader(b), conf); err != nil {
		t.Errorf("pdfcpu strict validation: %v", err)
	}
	if !bytes.Contains(b, []byte("/Filter /FlateDecode")) {
		t.Error("page streams are not compressed")
	}
	// a corrupted table is refused, not passed on
	if _, err := compressStreams(bytes.Replace(b, []byte("xref\n0 "), []byte("xref\n0 9"), 1)); err == nil {
		t.Error("compressStreams accepted a cross-reference table with the wrong count")
	}
}
