package pdf

import (
	"bytes"
	"fmt"
	"testing"
)

// formSample draws a grid item of each kind, a pair, a Fields line and a table with blank rows
// long enough to run onto a second page; names are given only when named is true.
func formSample(named bool) func(*Doc) error {
	mark := func(d *Doc, names ...string) {
		if named {
			d.Mark(names...)
		}
	}
	return func(d *Doc) error {
		d.Section("f", "Formulaire", true)
		mark(d, "incident.id")
		d.Fields([]string{"N° de dossier"})
		d.GridBand("Identification")
		if named {
			d.MarkWith(FieldName{Name: "E1.student.ref", Default: "E1"})
		}
		d.GridItem(ItemRow{Label: "Réf. élève", Lines: 1})
		mark(d, "E1.student.birth_date")
		d.GridItem(ItemRow{Label: "Date de naissance", Lines: 1, Hint: "AAAA-MM-JJ"})
		mark(d, "E1.notes")
		d.GridItem(ItemRow{Label: "Observations", Lines: 5})
		mark(d, "E1.role.depicted", "E1.role.producer")
		yn := []Choice{{Label: "Oui", Code: "oui"}, {Label: "Non", Code: "non"}}
		d.GridPair(ItemRow{Label: "Représenté(e)", Choices: yn}, ItemRow{Label: "A produit", Choices: yn})
		rows := 40
		for i := 1; i <= rows; i++ {
			mark(d, fmt.Sprintf("T%d.at", i), fmt.Sprintf("T%d.action", i))
		}
		d.Table(Table{Header: []string{"Date et heure", "Action"}, BlankRows: rows})
		return nil
	}
}

func TestMarkRecordsEachAnswerAreaWithoutChangingThePage(t *testing.T) {
	plain, err := Render(opts(Letter, false), formSample(false))
	if err != nil {
		t.Fatal(err)
	}
	b, boxes, err := RenderForm(opts(Letter, false), formSample(true))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, b) {
		t.Error("naming the answer areas changed the page")
	}
	byName := map[string][]FieldBox{}
	for _, x := range boxes {
		byName[x.Name] = append(byName[x.Name], x)
	}
	want := map[string]struct {
		kind FieldKind
		n    int
	}{
		"incident.id": {TextField, 1}, "E1.student.ref": {TextField, 1}, "E1.student.birth_date": {TextField, 1},
		"E1.notes": {MultilineField, 1}, "E1.role.depicted": {RadioField, 2}, "E1.role.producer": {RadioField, 2},
		"T1.at": {TextField, 1}, "T40.action": {TextField, 1},
	}
	for name, w := range want {
		got := byName[name]
		if len(got) != w.n {
			t.Errorf("%s: %d areas, want %d", name, len(got), w.n)
			continue
		}
		for _, x := range got {
			if x.Kind != w.kind {
				t.Errorf("%s: kind %v, want %v", name, x.Kind, w.kind)
			}
		}
	}
	if got := len(boxes); got != 1+3+4+80 {
		t.Errorf("%d areas recorded, want %d", got, 1+3+4+80)
	}
	if ref := byName["E1.student.ref"]; len(ref) == 1 && ref[0].Value != "E1" {
		t.Errorf("the ref's field holds %q at first, want E1", ref[0].Value)
	}
	dep := byName["E1.role.depicted"]
	if len(dep) == 2 && (dep[0].Value != "oui" || dep[1].Value != "non" || len(dep[0].Options) != 2 || dep[0].Label != "Représenté(e)") {
		t.Errorf("radio boxes: %+v", dep)
	}
	// every area lies on the page, inside the margins, and the log runs onto page 2
	pw, ph := 215.9*mmToPt, 279.4*mmToPt
	for _, x := range boxes {
		if x.X < 20*mmToPt || x.X+x.W > pw-10*mmToPt || x.Y < 15*mmToPt || x.Y+x.H > ph-15*mmToPt || x.W <= 0 || x.H <= 0 {
			t.Errorf("%s: rectangle %.1f %.1f %.1f %.1f outside the frame", x.Name, x.X, x.Y, x.W, x.H)
		}
	}
	if byName["T1.at"][0].Page != 1 || byName["T40.at"][0].Page != 2 {
		t.Errorf("pages: T1 on %d, T40 on %d; want 1 and 2", byName["T1.at"][0].Page, byName["T40.at"][0].Page)
	}
	// a date's field stops before its format hint; the notes cover their five lines
	if d, n := byName["E1.student.birth_date"][0], byName["E1.notes"][0]; d.X+d.W >= n.X+n.W-5 || n.H < 4*writeLineH*mmToPt {
		t.Errorf("date area %+v, notes area %+v", d, n)
	}
	// two ticks of a pair are side by side, not overlapping
	if len(dep) == 2 && dep[0].X+dep[0].W > dep[1].X {
		t.Errorf("tick boxes overlap: %+v", dep)
	}
}

func TestAreasWithoutNamesAreNotRecorded(t *testing.T) {
	_, boxes, err := RenderForm(opts(Letter, false), formSample(false))
	if err != nil {
		t.Fatal(err)
	}
	if len(boxes) != 0 {
		t.Errorf("%d areas recorded without names", len(boxes))
	}
}
