package pdf

import (
	"strings"
	"testing"
	"time"

	"sexto/kit/pdftext"
)

// The running header and the footer keep one size on every page, whatever size the text was
// at the page break (a real profile, without the SPÉCIMEN watermark that used to hide it).
func TestPageFurnitureKeepsItsSize(t *testing.T) {
	for _, c := range []struct {
		specimen bool
		note     string
	}{{false, ""}, {false, "note de bas de page"}, {true, ""}, {true, "note de bas de page"}} {
		specimen := c.specimen
		o := Options{Title: "t", Now: time.Unix(0, 0), Header: "Trousse SEXTO — École secondaire Marguerite-D'Youville-des-Deux-Rives",
			Words: words, FooterNote: c.note, Specimen: specimen}
		b, err := Render(o, func(d *Doc) error {
			d.Section("s", "Section de test", true)
			for i := 0; i < 40; i++ {
				d.Heading(2, "Intertitre")
				d.Paragraph(Plain(strings.Repeat("Un paragraphe de texte ordinaire qui remplit la page. ", 4)))
				d.Small(Plain("une petite ligne"))
				d.TickItem(Plain("une case à cocher"))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		pages, _ := pdftext.PagePieces(b)
		if len(pages) < 4 {
			t.Fatalf("%d pages", len(pages))
		}
		sizes := map[string]map[float64][]int{}
		for i, p := range pages {
			for _, pc := range p {
				key := ""
				switch {
				case strings.HasPrefix(pc.Text, "Trousse SEXTO"):
					key = "header"
				case pc.Text == "CONFIDENTIEL":
					key = "confidential"
				case pc.Text == "Section de test":
					key = "footer title"
				case strings.HasPrefix(pc.Text, "Page "):
					key = "page number"
				case pc.Text == "note de bas de page":
					key = "footer note"
				default:
					continue
				}
				if sizes[key] == nil {
					sizes[key] = map[float64][]int{}
				}
				sizes[key][pc.Size] = append(sizes[key][pc.Size], i+1)
			}
		}
		for _, key := range []string{"header", "confidential", "footer title", "page number", "footer note"} {
			if key == "footer note" && c.note == "" {
				continue
			}
			if len(sizes[key]) != 1 {
				t.Errorf("specimen %v: the %s is drawn at several sizes (size: pages): %v", specimen, key, sizes[key])
			}
		}
	}
}

// A long school name keeps one header size on the pages that carry the CONFIDENTIEL mark and
// on those that do not (the kit mixes both).
func TestHeaderKeepsItsSizeBesideTheMark(t *testing.T) {
	header := "Trousse SEXTO — École secondaire internationale Marguerite-Bourgeoys-des-Trois-Rivières-et-des-Hautes-Laurentides"
	b, err := Render(Options{Title: "t", Now: time.Unix(0, 0), Header: header, Words: words}, func(d *Doc) error {
		for i, conf := range []bool{false, true, false, true} {
			d.Section("s"+string(rune('a'+i)), "Section", conf)
			d.Paragraph(Plain("Texte."))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := pdftext.PagePieces(b)
	sizes := map[float64][]int{}
	for i, p := range pages {
		for _, pc := range p {
			if strings.HasPrefix(pc.Text, "Trousse SEXTO") {
				sizes[pc.Size] = append(sizes[pc.Size], i+1)
			}
		}
	}
	if len(pages) != 4 || len(sizes) != 1 {
		t.Errorf("%d pages; header sizes (size: pages): %v", len(pages), sizes)
	}
}
