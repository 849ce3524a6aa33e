package pdf

import (
	"strconv"
	"strings"
	"testing"

	"sexto/kit/pdftext"
)

// A letter looks like a letter: no form header or footer on any page, a continuation line on
// its later pages, the SPÉCIMEN mark on every page; the form section after it keeps its own.
func TestLetterSectionHasNoFormHeaderOrFooter(t *testing.T) {
	w := words
	w.Continued = "page %d"
	o := opts(Letter, true)
	o.Words = w
	b, err := Render(o, func(d *Doc) error {
		d.LetterSection("l", "Lettre aux parents", "Martine Fortin — 25 novembre 2026", nil)
		d.Letterhead("École des Érables", []string{"1234, rue Principale"})
		for i := 0; i < 70; i++ {
			d.Paragraph(Plain("Paragraphe de lettre numéro " + strconv.Itoa(i+1) + "."))
		}
		d.LetterSignature([]string{"Zoé Lévesque-Côté", "Direction"})
		d.Section("f", "Formulaire", true)
		d.Paragraph(Plain("Un formulaire."))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Pages(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 3 {
		t.Fatalf("%d pages, want a letter of two pages or more and a form", len(pages))
	}
	letter, form := pages[:len(pages)-1], pages[len(pages)-1]
	for i, p := range letter {
		txt := strings.Join(p.Lines, "\n")
		for _, bad := range []string{"CONFIDENTIEL", "Page ", "École des Érables\nCONFIDENTIEL", "Lettre aux parents"} {
			if strings.Contains(txt, bad) {
				t.Errorf("letter page %d carries form furniture %q:\n%s", i+1, bad, txt)
			}
		}
		if !strings.Contains(txt, "SPÉCIMEN — aucune entente configurée") {
			t.Errorf("letter page %d lacks the SPÉCIMEN mark", i+1)
		}
		cont := "Martine Fortin — 25 novembre 2026 — page " + strconv.Itoa(i+1)
		if has := strings.Contains(txt, cont); has != (i > 0) {
			t.Errorf("letter page %d: continuation line %q present = %v, want %v", i+1, cont, has, i > 0)
		}
	}
	if txt := strings.Join(form.Lines, "\n"); !strings.Contains(txt, "CONFIDENTIEL") || !strings.Contains(txt, "Page 1 de 1") {
		t.Errorf("the form after a letter lost its header or footer:\n%s", txt)
	}
}
