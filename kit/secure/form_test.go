package secure

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"sexto/kit/i18n"
	"sexto/kit/pdf"
)

var testWords = pdf.Words{Page: "Page %d de %d", Confidential: "CONFIDENTIEL", Specimen: "SPÉCIMEN",
	SpecimenNote: "SPÉCIMEN", Signature: "Signature", Name: "Nom", Date: "Date"}

// pages draws a small form: a ref with its first text, a date, notes, a yes/no pair, two
// log rows, and a second page with the file number again.
func pages(t testing.TB, named bool) ([]byte, []pdf.FieldBox) {
	t.Helper()
	o := pdf.Options{Lang: "fr-CA", Title: "Formulaire", Creator: "test", Words: testWords,
		Now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	b, boxes, err := pdf.RenderForm(o, func(d *pdf.Doc) error {
		d.Section("f", "Formulaire", true)
		mark := func(names ...string) {
			if named {
				d.Mark(names...)
			}
		}
		mark("incident.id")
		d.Fields([]string{"N° de dossier (école)"})
		if named {
			d.MarkWith(pdf.FieldName{Name: "E1.student.ref", Default: "E1"})
		}
		d.GridItem(pdf.ItemRow{Label: "Réf. élève", Lines: 1})
		mark("E1.student.birth_date")
		d.GridItem(pdf.ItemRow{Label: "Date de naissance", Lines: 1, Hint: "AAAA-MM-JJ"})
		mark("E1.notes")
		d.GridItem(pdf.ItemRow{Label: "Observations", Lines: 5})
		mark("E1.role.depicted", "E1.role.producer")
		yn := []pdf.Choice{{Label: "Oui", Code: "oui"}, {Label: "Non", Code: "non"}}
		d.GridPair(pdf.ItemRow{Label: "Représenté(e)", Choices: yn}, pdf.ItemRow{Label: "A produit", Choices: yn})
		mark("T1.at", "T1.action", "T2.at", "T2.action")
		d.Table(pdf.Table{Header: []string{"Date et heure", "Action"}, BlankRows: 2})
		d.Section("g", "Suite", true)
		mark("incident.id")
		d.Fields([]string{"N° de dossier (école)"})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b, boxes
}

func form(t testing.TB) []byte {
	t.Helper()
	b, boxes := pages(t, true)
	out, err := AddForm(b, boxes, FormMark{Version: FormVersion, Lang: i18n.FR})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAddFormIsReproducibleAndKeepsThePages(t *testing.T) {
	a, b := form(t), form(t)
	if !bytes.Equal(a, b) {
		t.Error("the same form written twice differs")
	}
	drawn, _ := pages(t, true)
	if !bytes.HasPrefix(a, drawn) {
		t.Error("the fields are not an update appended to the pages as drawn")
	}
	for _, want := range []string{"/NeedAppearances true", "/SextoForm", "/FT/Btn", "/FT/Tx", "/Ff 4096", "/Ff 32768", "/AS/Off"} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("the form has no %s", want)
		}
	}
	if regexp.MustCompile(`\.\d*0{6}`).Match(a[len(drawn):]) {
		t.Error("numbers are written with useless zeros")
	}
}

func TestReadFormGivesEachFieldItsPageAndValue(t *testing.T) {
	doc := form(t)
	f, err := ReadForm("f.pdf", doc)
	if err != nil {
		t.Fatal(err)
	}
	if f.Mark != (FormMark{Version: FormVersion, Lang: i18n.FR}) {
		t.Errorf("mark %+v", f.Mark)
	}
	got := map[string]FilledField{}
	for _, fd := range f.Fields {
		got[fd.Name] = fd
	}
	for _, name := range []string{"incident.id", "E1.student.ref", "E1.student.birth_date", "E1.notes", "E1.role.depicted", "E1.role.producer", "T1.at", "T2.action"} {
		if _, ok := got[name]; !ok {
			t.Errorf("no field %s", name)
		}
	}
	if len(f.Fields) != 10 {
		t.Errorf("%d fields, want 10: %+v", len(f.Fields), f.Fields)
	}
	if got["E1.student.ref"].Value != "E1" || got["E1.role.depicted"].Value != "" || got["incident.id"].Page != 1 {
		t.Errorf("blank form: %+v", got)
	}

	filled, err := FillForm(doc, map[string]string{
		"incident.id": "2026-014", "E1.role.depicted": "oui", "E1.role.producer": "non",
		"E1.notes": "Rencontrée avec sa mère ; « suivi » — à l'infirmerie\r2e ligne", "T2.action": "Direction avisée",
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err = ReadForm("f.pdf", filled)
	if err != nil {
		t.Fatal(err)
	}
	got = map[string]FilledField{}
	for _, fd := range f.Fields {
		got[fd.Name] = fd
	}
	want := map[string]string{"incident.id": "2026-014", "E1.role.depicted": "oui", "E1.role.producer": "non",
		"E1.notes": "Rencontrée avec sa mère ; « suivi » — à l'infirmerie\r2e ligne", "T2.action": "Direction avisée", "E1.student.ref": "E1"}
	for k, v := range want {
		if got[k].Value != v {
			t.Errorf("%s = %q, want %q", k, got[k].Value, v)
		}
	}
	if _, err := FillForm(doc, map[string]string{"E9.notes": "x"}); err == nil {
		t.Error("filling a field the form does not have is not an error")
	}
}

// revise appends an update to doc made by edit, which may change the catalog (returned to be
// written) and add objects.
func revise(t *testing.T, doc []byte, edit func(w *formWriter, catalog types.Dict, page types.Dict, pageRef types.IndirectRef)) []byte {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := pdfcpu.Read(bytes.NewReader(doc), conf)
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	prev, _ := lastXRef(doc)
	w := &formWriter{ctx: ctx, next: *ctx.Size, objs: map[int]string{}}
	cat, _ := ctx.DereferenceDict(*ctx.Root)
	cat = cat.Clone().(types.Dict)
	pd, pr, _, err := ctx.PageDict(1, false)
	if err != nil {
		t.Fatal(err)
	}
	pd = pd.Clone().(types.Dict)
	edit(w, cat, pd, *pr)
	w.set(*ctx.Root, cat)
	w.set(*pr, pd)
	return w.write(doc, prev)
}

// raw adds an object written as PDF text.
func raw(w *formWriter, text string) types.IndirectRef {
	n := w.next
	w.next++
	w.objs[n] = text
	return *types.NewIndirectRef(n, 0)
}

// pixel is a 1 × 1 grey image, made here: never a picture from anywhere.
const pixel = "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"

func TestHostileFormsAreRefusedBeforeAnyFieldIsRead(t *testing.T) {
	doc := form(t)
	action := func(text string) func(*formWriter, types.Dict, types.Dict, types.IndirectRef) {
		return func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) { cat["OpenAction"] = raw(w, text) }
	}
	encrypted, err := Encrypt(doc, "une phrase de passe assez longue")
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := pages(t, false)
	cases := []struct {
		name string
		doc  []byte
		want FormRefusalKind
	}{
		{"JavaScript run on opening", revise(t, doc, action("<< /S /JavaScript /JS (app.alert\\(1\\)) >>")), FormScript},
		{"JavaScript with its name written in hex", revise(t, doc, action("<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>")), FormScript},
		{"a document-level script", revise(t, doc, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
			cat["Names"] = raw(w, "<< /JavaScript << /Names [(a) << /S /JavaScript /JS (x) >>] >> >>")
		}), FormScript},
		{"a launch action", revise(t, doc, action("<< /S /Launch /F (calc.exe) >>")), FormAction},
		{"a submit action", revise(t, doc, action("<< /S /SubmitForm /F << /FS /URL /F (http://example.invalid/) >> >>")), FormAction},
		{"an import action", revise(t, doc, action("<< /S /ImportData /F (data.fdf) >>")), FormAction},
		{"a remote go-to", revise(t, doc, action("<< /S /GoToR /F (other.pdf) /D [0 /Fit] >>")), FormAction},
		{"a link to a web page", revise(t, doc, func(w *formWriter, _, page types.Dict, pr types.IndirectRef) {
			a := raw(w, "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (http://example.invalid/) >> >>")
			page["Annots"] = append(arrayOf(page["Annots"]), a)
		}), FormAction},
		{"an embedded file", revise(t, doc, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
			f := raw(w, "<< /Type /EmbeddedFile /Length 5 >>\nstream\nhello\nendstream")
			spec := raw(w, fmt.Sprintf("<< /Type /Filespec /F (a.txt) /EF << /F %d 0 R >> >>", f.ObjectNumber.Value()))
			cat["Names"] = raw(w, fmt.Sprintf("<< /EmbeddedFiles << /Names [(a.txt) %d 0 R] >> >>", spec.ObjectNumber.Value()))
		}), FormEmbedded},
		{"a file attachment", revise(t, doc, func(w *formWriter, _, page types.Dict, _ types.IndirectRef) {
			a := raw(w, "<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS (a.txt) >>")
			page["Annots"] = append(arrayOf(page["Annots"]), a)
		}), FormEmbedded},
		{"an image", revise(t, doc, func(w *formWriter, _, page types.Dict, _ types.IndirectRef) {
			img := raw(w, pixel)
			page["Resources"] = raw(w, fmt.Sprintf("<< /XObject << /Im1 %d 0 R >> >>", img.ObjectNumber.Value()))
		}), FormImage},
		{"an image not even drawn", revise(t, doc, func(w *formWriter, _, _ types.Dict, _ types.IndirectRef) { raw(w, pixel) }), FormImage},
		{"an inline image", revise(t, doc, func(w *formWriter, _, page types.Dict, _ types.IndirectRef) {
			c := "q 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q"
			s := raw(w, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c))
			page["Contents"] = types.Array{page["Contents"], s}
		}), FormImage},
		{"an XFA form", revise(t, doc, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
			acro, _ := w.ctx.DereferenceDict(cat["AcroForm"])
			acro = acro.Clone().(types.Dict)
			acro["XFA"] = raw(w, "<< /Length 7 >>\nstream\n<xdp/>\n\nendstream")
			cat["AcroForm"] = w.add(acro)
		}), FormXFA},
		{"an encrypted form", encrypted, FormEncrypted},
		{"a file over 20 MB", append(append([]byte{}, doc...), bytes.Repeat([]byte("%"+strings.Repeat("x", 99)+"\n"), 210_000)...), FormTooLarge},
		{"a PDF without a form", plain, FormNotSexto},
		{"a form without sexto's mark", revise(t, doc, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
			delete(cat, markKey)
			info, _ := w.ctx.DereferenceDict(*w.ctx.Info)
			info = info.Clone().(types.Dict)
			delete(info, markKey)
			w.set(*w.ctx.Info, info)
		}), FormNotSexto},
		{"a form of a later version", revise(t, doc, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
			cat[markKey] = types.Dict{"Version": types.Integer(FormVersion + 1), "Lang": types.StringLiteral("fr")}
		}), FormTooNew},
		{"a cut copy", doc[:len(doc)/2], FormDamaged},
		{"not a PDF at all", []byte("PK\x03\x04 a zip"), FormNotSexto},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := ReadForm("hostile.pdf", c.doc)
			var ref *FormRefusal
			if !errors.As(err, &ref) {
				t.Fatalf("not refused: %v, %d fields", err, len(f.Fields))
			}
			if ref.Kind != c.want {
				t.Errorf("refused as %v (%s), want %v", ref.Kind, ref.Localize(i18n.EN), c.want)
			}
			for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
				msg := ref.Localize(l)
				if !strings.HasPrefix(msg, "hostile.pdf") || strings.Contains(msg, "%!") || ref.HintIn(l) == "" {
					t.Errorf("%s: message %q, hint %q", l, msg, ref.HintIn(l))
				}
			}
		})
	}
}

func TestNotASextoFormSaysHowToMakeOne(t *testing.T) {
	plain, _ := pages(t, false)
	_, err := ReadForm("autre.pdf", plain)
	var ref *FormRefusal
	if !errors.As(err, &ref) {
		t.Fatal(err)
	}
	if got := ref.Localize(i18n.FR); got != "autre.pdf : ce PDF n'est pas un formulaire d'incident sexto : faites-en un avec « sexto template -o FICHIER.pdf »" {
		t.Errorf("fr: %s", got)
	}
	if got := ref.Localize(i18n.EN); got != "autre.pdf: this PDF is not a sexto incident form: make one with `sexto template -o FILE.pdf`" {
		t.Errorf("en: %s", got)
	}
}

func TestInlineImagesAreFoundOnlyAsOperators(t *testing.T) {
	for content, want := range map[string]bool{
		"q BI /W 1 /H 1 ID x EI Q":       true,
		"BI":                             true,
		"BT (a BI b) Tj ET":              false,
		"BT (a \\) BI (b) Tj ET":         false,
		"BT <4249> Tj ET":                false,
		"% BI in a comment\n0 0 m":       false,
		"/BI 1 0 0 1 0 0 cm":             false,
		"BT (nested (BI) here) Tj ET BI": true,
	} {
		if got := inlineImage([]byte(content)); got != want {
			t.Errorf("%q: %v, want %v", content, got, want)
		}
	}
}

// manyPages writes a PDF of n blank pages by hand, with the sexto mark.
func manyPages(n int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	kids := make([]string, n)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", i+4)
	}
	obj("<< /Type /Catalog /Pages 2 0 R /AcroForm 3 0 R /SextoForm << /Version 1 /Lang (fr) >> >>")
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", n, strings.Join(kids, " ")))
	obj("<< /Fields [] >>")
	for i := 0; i < n; i++ {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>")
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, x)
	return b.Bytes()
}

func TestAFormOfTooManyPagesIsRefused(t *testing.T) {
	if _, err := ReadForm("ok.pdf", manyPages(10)); err != nil {
		t.Fatalf("10 pages: %v", err)
	}
	_, err := ReadForm("long.pdf", manyPages(MaxFormPages+1))
	var ref *FormRefusal
	if !errors.As(err, &ref) || ref.Kind != FormLimits || !strings.Contains(ref.Localize(i18n.EN), fmt.Sprintf("%d pages", MaxFormPages+1)) {
		t.Errorf("%d pages: %v", MaxFormPages+1, err)
	}
}
