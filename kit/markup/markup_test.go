package markup

import (
	"strings"
	"testing"

	"sexto/kit/i18n"
)

func TestParseEveryBlock(t *testing.T) {
	src := `# Titre du document
Un paragraphe sur
deux lignes avec **gras**.

## Section
### Sous-section
- puce
12. numéro
[ ] à cocher
!! premier avertissement
!! second
> note qui
> continue
| A | B |
|-1-|-3-|
| a1 | b1 |
@blankrows 3
_ Nom | Date
__ 4
%% Intervenant(e) | Direction
>> Étape un | texte un
+> Alerte | 911
>> Étape deux | texte deux
?? Décision ?
=> Oui | suite a || Non | suite b
@letterhead
@contents
@grid
@labels 6
!! NE PAS OUVRIR
_ Scellé
@end
---
\# pas un titre
`
	d, err := Parse("t.tmpl", src)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Titre du document" {
		t.Errorf("title = %q", d.Title)
	}
	var kinds []Kind
	for _, b := range d.Blocks {
		kinds = append(kinds, b.Kind)
	}
	want := []Kind{Title, Paragraph, Heading, Heading, Bullet, Bullet, Tick, Warning, Note, Table, Fields,
		BlankLines, Signatures, Flow, Letterhead, Contents, Grid, Labels, PageBreak, Paragraph}
	if len(kinds) != len(want) {
		t.Fatalf("kinds = %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("block %d is %v, want %v (all: %v)", i, kinds[i], want[i], kinds)
		}
	}
	b := d.Blocks
	if got := b[1].Runs; len(got) != 3 || got[1].Text != "gras" || !got[1].Bold || got[0].Text != "Un paragraphe sur deux lignes avec " {
		t.Errorf("paragraph runs = %#v", got)
	}
	if b[3].Level != 3 || b[5].Marker != "12." {
		t.Errorf("heading level %d, marker %q", b[3].Level, b[5].Marker)
	}
	if len(b[7].Paras) != 2 || Plain(b[8].Runs) != "note qui continue" {
		t.Errorf("warning %v, note %q", b[7].Paras, Plain(b[8].Runs))
	}
	tb := b[9]
	if strings.Join(tb.Header, ",") != "A,B" || tb.Widths[1] != 3 || len(tb.Rows) != 1 || tb.Blank != 3 {
		t.Errorf("table = %+v", tb)
	}
	if strings.Join(b[10].Items, ",") != "Nom,Date" || b[11].N != 4 || len(b[12].Items) != 2 {
		t.Errorf("fields %v, lines %d, signatures %v", b[10].Items, b[11].N, b[12].Items)
	}
	fl := b[13]
	if len(fl.Steps) != 2 || fl.Steps[0].Side == nil || fl.Steps[0].Side.Text != "911" || fl.Decision != "Décision ?" ||
		len(fl.Outcomes) != 2 || fl.Outcomes[1].Title != "Non" {
		t.Errorf("flow = %+v", fl)
	}
	if lb := b[17]; lb.N != 6 || len(lb.Children) != 2 || lb.Children[0].Kind != Warning {
		t.Errorf("labels = %+v", lb)
	}
	if Plain(b[19].Runs) != "# pas un titre" {
		t.Errorf("escaped line = %q", Plain(b[19].Runs))
	}
}

func TestErrorsNameFileAndLineInBothLanguages(t *testing.T) {
	src := "# T\n@inconnu\n|-|\n@labels 99\n@end\n_ a | b | c | d\n+> seul\n"
	_, err := Parse("gabarits/fr/cover.tmpl", src)
	list, ok := err.(i18n.List)
	if !ok {
		t.Fatalf("err = %v, want a list", err)
	}
	fr := list.Localize(i18n.FR)
	en := list.Localize(i18n.EN)
	for _, want := range []string{
		"gabarits/fr/cover.tmpl, ligne 2 : directive inconnue « @inconnu »",
		"ligne 4 : « @labels » attend un nombre entre 1 et 60",
		"ligne 6 : au plus trois champs par ligne",
		"ligne 7 : « +> » doit suivre une étape",
	} {
		if !strings.Contains(fr, want) {
			t.Errorf("missing %q in:\n%s", want, fr)
		}
	}
	if !strings.Contains(en, "gabarits/fr/cover.tmpl, line 2: unknown directive “@inconnu”") {
		t.Errorf("English:\n%s", en)
	}
}

func TestTitleIsRequired(t *testing.T) {
	if _, err := Parse("x.tmpl", "Juste du texte\n"); err == nil {
		t.Error("a document without a title was accepted")
	}
}

func TestBlankRowsMustFollowATable(t *testing.T) {
	if _, err := Parse("x.tmpl", "# T\n\n@blankrows 3\n"); err == nil {
		t.Error("@blankrows alone was accepted")
	}
}

func TestParagraphStopsAtMarkup(t *testing.T) {
	d, err := Parse("x.tmpl", "# T\nligne un\n- puce\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Blocks) != 3 || d.Blocks[2].Kind != Bullet {
		t.Errorf("blocks = %+v", d.Blocks)
	}
}
