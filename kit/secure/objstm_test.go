package secure

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"sexto/kit/i18n"
)

// Readers save forms with their objects packed in compressed object streams (PDF 1.5; Acrobat
// does it routinely, so does `qpdf --object-streams=generate`): those objects are looked at
// like the others before any field is read.

// packing says how packed writes a file.
type packing struct {
	per   int            // objects per object stream (qpdf: 100)
	pad   int            // spaces after the objects of each object stream, inside it
	extra []string       // more objects, packed after the file's
	alias map[int]int    // more object numbers, each at the packed place of another (-1: the first extra)
	text  map[int]string // objects written as this text instead
	loop  bool           // the first object stream's own entry says it is inside itself
}

// packed rewrites doc as a single revision whose objects, except the streams, are in
// Flate-compressed object streams, with a cross-reference stream, keeping every object's
// number (so a refusal names the same object as in doc). It is written here, byte by byte.
func packed(t *testing.T, doc []byte, p packing) []byte {
	t.Helper()
	if p.per == 0 {
		p.per = 100
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := pdfcpu.Read(bytes.NewReader(doc), conf)
	if err != nil {
		t.Fatal(err)
	}
	var nums []int
	for n, e := range ctx.Table {
		if n > 0 && e != nil && !e.Free {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	next := nums[len(nums)-1] + 1
	type place struct{ stream, index int }
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := map[int]int{}
	places := map[int]place{}
	var loose []int
	texts := map[int]string{}
	for _, n := range nums {
		o, err := ctx.Dereference(*types.NewIndirectRef(n, 0))
		if err != nil {
			t.Fatal(err)
		}
		if sd, ok := o.(types.StreamDict); ok {
			d := sd.Dict.Clone().(types.Dict)
			d["Length"] = types.Integer(len(sd.Raw))
			offsets[n] = out.Len()
			fmt.Fprintf(&out, "%d 0 obj\n%s\nstream\n", n, d.PDFString())
			out.Write(sd.Raw)
			out.WriteString("\nendstream\nendobj\n")
			continue
		}
		text := "null"
		if o != nil {
			text = o.PDFString()
		}
		if t, ok := p.text[n]; ok {
			text = t
		}
		texts[n] = text
		loose = append(loose, n)
	}
	firstExtra := next
	for _, text := range p.extra {
		texts[next] = text
		loose = append(loose, next)
		next++
	}
	for i := 0; i < len(loose); i += p.per {
		group := loose[i:min(i+p.per, len(loose))]
		stream := next
		next++
		var prolog, body bytes.Buffer
		for k, n := range group {
			fmt.Fprintf(&prolog, "%d %d ", n, body.Len())
			body.WriteString(texts[n])
			body.WriteString("\n")
			places[n] = place{stream, k}
		}
		body.WriteString(strings.Repeat(" ", p.pad))
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(prolog.Bytes())
		zw.Write(body.Bytes())
		zw.Close()
		offsets[stream] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n", stream, len(group), prolog.Len(), z.Len())
		out.Write(z.Bytes())
		out.WriteString("\nendstream\nendobj\n")
	}
	for n, of := range p.alias {
		if of < 0 {
			of = firstExtra - of - 1
		}
		places[n] = places[of]
		next = max(next, n+1)
	}
	xref := next
	size := xref + 1
	offsets[xref] = out.Len()
	var rows bytes.Buffer
	row := func(kind byte, a uint32, b uint16) {
		rows.WriteByte(kind)
		binary.Write(&rows, binary.BigEndian, a)
		binary.Write(&rows, binary.BigEndian, b)
	}
	for n := 0; n < size; n++ {
		if p.loop && n == firstExtra+len(p.extra) {
			row(2, uint32(n), 0)
		} else if of, ok := offsets[n]; ok {
			row(1, uint32(of), 0)
		} else if pl, ok := places[n]; ok {
			row(2, uint32(pl.stream), uint16(pl.index))
		} else {
			row(0, 0, 0xffff)
		}
	}
	trailer := types.Dict{"Type": types.Name("XRef"), "Size": types.Integer(size), "Root": *ctx.Root,
		"W": types.Array{types.Integer(1), types.Integer(4), types.Integer(2)}, "Length": types.Integer(rows.Len())}
	if ctx.Info != nil {
		trailer["Info"] = *ctx.Info
	}
	if len(ctx.ID) == 2 {
		trailer["ID"] = ctx.ID
	}
	fmt.Fprintf(&out, "%d 0 obj\n%s\nstream\n", xref, trailer.PDFString())
	out.Write(rows.Bytes())
	fmt.Fprintf(&out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", offsets[xref])
	return out.Bytes()
}

func filledForm(t *testing.T) []byte {
	t.Helper()
	doc, err := FillForm(form(t), map[string]string{
		"incident.id": "2026-014", "E1.role.depicted": "oui", "E1.role.producer": "non",
		"E1.notes": "Rencontrée avec sa mère ; « suivi » — à l'infirmerie\r2e ligne", "T2.action": "Direction avisée",
	})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestAFormSavedWithObjectStreamsStillReads(t *testing.T) {
	doc := filledForm(t)
	want, err := ReadForm("f.pdf", doc)
	if err != nil {
		t.Fatal(err)
	}
	packedDoc := packed(t, doc, packing{})
	if !bytes.Contains(packedDoc, []byte("/ObjStm")) || bytes.Contains(packedDoc, []byte("SextoForm")) || bytes.Contains(packedDoc, []byte("/FT")) {
		t.Fatal("the catalog and the fields are not in compressed object streams")
	}
	got, err := ReadForm("f.pdf", packedDoc)
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	if got.Mark != want.Mark || fmt.Sprint(got.Fields) != fmt.Sprint(want.Fields) {
		t.Errorf("read %+v\nwant %+v", got, want)
	}
	values := map[string]string{}
	for _, f := range got.Fields {
		values[f.Name] = f.Value
	}
	if values["incident.id"] != "2026-014" || values["E1.role.depicted"] != "oui" || values["T2.action"] != "Direction avisée" ||
		values["E1.notes"] != "Rencontrée avec sa mère ; « suivi » — à l'infirmerie\r2e ligne" {
		t.Errorf("values %q", values)
	}
}

// refusal reads doc and returns its refusal.
func refusal(t *testing.T, doc []byte) *FormRefusal {
	t.Helper()
	f, err := ReadForm("hostile.pdf", doc)
	var ref *FormRefusal
	if !errors.As(err, &ref) {
		n := 0
		if f != nil {
			n = len(f.Fields)
		}
		t.Fatalf("not refused: %v, %d fields read", err, n)
	}
	return ref
}

func TestHostileObjectsInObjectStreamsAreRefused(t *testing.T) {
	doc := filledForm(t)
	action := func(text string) func(*formWriter, types.Dict, types.Dict, types.IndirectRef) {
		return func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) { cat["OpenAction"] = raw(w, text) }
	}
	// firstWidget gives the page's first widget, to be changed
	firstWidget := func(w *formWriter, page types.Dict) (types.IndirectRef, types.Dict) {
		for _, a := range arrayOf(page["Annots"]) {
			r, ok := a.(types.IndirectRef)
			if !ok {
				continue
			}
			if d, err := w.ctx.DereferenceDict(r); err == nil && d != nil && d["Subtype"] == types.Name("Widget") {
				return r, d.Clone().(types.Dict)
			}
		}
		t.Fatal("no widget on page 1")
		return types.IndirectRef{}, nil
	}
	cases := []struct {
		name   string
		doc    []byte
		want   FormRefusalKind
		marker string // found only in the hostile object, packed in an object stream
	}{
		{"JavaScript run on opening", revise(t, doc, action("<< /S /JavaScript /JS (app.alert\\(1\\)) >>")), FormScript, "JavaScript"},
		{"JavaScript run when a field is typed in", revise(t, doc, func(w *formWriter, _, page types.Dict, _ types.IndirectRef) {
			r, d := firstWidget(w, page)
			d["AA"] = types.Dict{"K": types.Dict{"S": types.Name("JavaScript"), "JS": types.StringLiteral("event.value=1")}}
			w.set(r, d)
		}), FormScript, "JavaScript"},
		{"JavaScript behind a link", revise(t, doc, func(w *formWriter, _, page types.Dict, _ types.IndirectRef) {
			a := raw(w, "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /JavaScript /JS (app.alert\\(2\\)) >> >>")
			page["Annots"] = append(arrayOf(page["Annots"]), a)
		}), FormScript, "JavaScript"},
		{"a launch action", revise(t, doc, action("<< /S /Launch /F (calc.exe) >>")), FormAction, "Launch"},
		{"a link to a web page", revise(t, doc, func(w *formWriter, _, page types.Dict, _ types.IndirectRef) {
			a := raw(w, "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (http://example.invalid/) >> >>")
			page["Annots"] = append(arrayOf(page["Annots"]), a)
		}), FormAction, "example.invalid"},
		{"an XFA form", revise(t, doc, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
			acro, _ := w.ctx.DereferenceDict(cat["AcroForm"])
			acro = acro.Clone().(types.Dict)
			acro["XFA"] = raw(w, "<< /Length 7 >>\nstream\n<xdp/>\n\nendstream")
			cat["AcroForm"] = w.add(acro)
		}), FormXFA, "XFA"},
		{"a document-level script", revise(t, doc, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
			cat["Names"] = raw(w, "<< /JavaScript << /Names [(a) << /S /JavaScript /JS (x) >>] >> >>")
		}), FormScript, "JavaScript"},
		{"an embedded file", revise(t, doc, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
			f := raw(w, "<< /Type /EmbeddedFile /Length 5 >>\nstream\nhello\nendstream")
			spec := raw(w, fmt.Sprintf("<< /Type /Filespec /F (a.txt) /EF << /F %d 0 R >> >>", f.ObjectNumber.Value()))
			cat["Names"] = raw(w, fmt.Sprintf("<< /EmbeddedFiles << /Names [(a.txt) %d 0 R] >> >>", spec.ObjectNumber.Value()))
		}), FormEmbedded, "EmbeddedFiles"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			flat := refusal(t, c.doc)
			if flat.Kind != c.want {
				t.Fatalf("uncompressed: refused as %v (%s), want %v", flat.Kind, flat.Localize(i18n.EN), c.want)
			}
			packedDoc := packed(t, c.doc, packing{})
			if !bytes.Contains(c.doc, []byte(c.marker)) || bytes.Contains(packedDoc, []byte(c.marker)) {
				t.Fatalf("%s is not compressed in an object stream", c.marker)
			}
			ref := refusal(t, packedDoc)
			if ref.Kind != c.want {
				t.Errorf("refused as %v (%s), want %v", ref.Kind, ref.Localize(i18n.EN), c.want)
			}
			for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
				if got, want := ref.Localize(l), flat.Localize(l); got != want {
					t.Errorf("%s: %q, want %q, the uncompressed file's", l, got, want)
				}
				if ref.HintIn(l) == "" {
					t.Errorf("%s: no hint", l)
				}
			}
		})
	}
}

// An object the library cannot parse, and another reader may (qpdf reads this one as a
// JavaScript action), is not skipped: the file is refused, compressed or not.
func TestUnreadableObjectsAreRefused(t *testing.T) {
	bad := "<< /S /JavaScript /JS (app.alert\\(1\\)) /X >>"
	var at types.IndirectRef
	doc := revise(t, filledForm(t), func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
		at = raw(w, bad)
		cat["OpenAction"] = at
	})
	if ref := refusal(t, doc); ref.Kind != FormDamaged {
		t.Errorf("uncompressed: refused as %v (%s)", ref.Kind, ref.Localize(i18n.EN))
	}
	packedDoc := packed(t, doc, packing{text: map[int]string{at.ObjectNumber.Value(): bad}})
	if !bytes.Contains(packedDoc, []byte("/ObjStm")) || bytes.Contains(packedDoc, []byte("JavaScript")) {
		t.Fatal("the action is not in an object stream")
	}
	if ref := refusal(t, packedDoc); ref.Kind != FormDamaged {
		t.Errorf("in an object stream: refused as %v (%s)", ref.Kind, ref.Localize(i18n.EN))
	}
	packedDoc = packed(t, doc, packing{text: map[int]string{at.ObjectNumber.Value(): "<< /S /JavaScript /JS (x"}})
	if ref := refusal(t, packedDoc); ref.Kind != FormDamaged {
		t.Errorf("cut in an object stream: refused as %v (%s)", ref.Kind, ref.Localize(i18n.EN))
	}
	// what follows the object is left, as other readers do
	packedDoc = packed(t, doc, packing{text: map[int]string{at.ObjectNumber.Value(): "<< /S /JavaScript /JS (x) >> >> ] <"}})
	if ref := refusal(t, packedDoc); ref.Kind != FormScript {
		t.Errorf("garbled in an object stream: refused as %v (%s)", ref.Kind, ref.Localize(i18n.EN))
	}
	// a null object is read, and harmless
	var null types.IndirectRef
	doc = revise(t, filledForm(t), func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
		null = raw(w, "null")
		cat["Nothing"] = null
	})
	if _, err := ReadForm("f.pdf", doc); err != nil {
		t.Errorf("a null object: %v", err)
	}
	if _, err := ReadForm("f.pdf", packed(t, doc, packing{text: map[int]string{null.ObjectNumber.Value(): "null"}})); err != nil {
		t.Errorf("a null object in an object stream: %v", err)
	}
}

// Object streams are decoded within the limits of the other streams: one stream, all of them,
// the bytes objects are parsed from, and their nesting; one inside itself is damaged.
func TestObjectStreamBombsAreRefused(t *testing.T) {
	doc := filledForm(t)
	huge := strings.Repeat("a", 4<<20)
	cases := []struct {
		name string
		p    packing
		what string
	}{
		{"a stream that inflates past the limit of one", packing{pad: maxDecoded + 1}, "stream"},
		{"streams that inflate past the limit of all", packing{per: 4, pad: maxDecoded - 1<<20}, "streams"},
		{"objects that all claim the same bytes", packing{extra: []string{"(" + huge + ")"}, alias: func() map[int]int {
			m := map[int]int{}
			for i := 0; i < maxDecodedTotal/len(huge)+2; i++ {
				m[100_000+i] = -1
			}
			return m
		}()}, "streams"},
		{"an object stream inside itself", packing{loop: true}, ""},
		{"an object nested past the limit", packing{extra: []string{strings.Repeat("[", 5000) + strings.Repeat("]", 5000)}}, "depth"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			packedDoc := packed(t, doc, c.p)
			if len(packedDoc) > MaxFormBytes {
				t.Fatalf("%d bytes: refused for its size, not for its streams", len(packedDoc))
			}
			ref := refusal(t, packedDoc)
			if c.what == "" {
				if ref.Kind != FormDamaged {
					t.Errorf("refused as %v (%s), want damaged", ref.Kind, ref.Localize(i18n.EN))
				}
			} else if ref.Kind != FormLimits || ref.Detail != c.what {
				t.Errorf("refused as %v (%s), want the limits (%s)", ref.Kind, ref.Localize(i18n.EN), c.what)
			}
			if msg := ref.Localize(i18n.EN); strings.Contains(msg, "%!") || ref.HintIn(i18n.FR) == "" {
				t.Errorf("message %q", msg)
			}
		})
	}
}

// A content stream the library cannot decode is not taken for one that draws nothing: a
// lenient viewer may draw what it can of it (an inline image among it), so the file is refused.
func TestUndecodableContentIsRefused(t *testing.T) {
	garbage := "<< /Length 12 /Filter /FlateDecode >>\nstream\nnot deflate!\nendstream"
	doc := revise(t, filledForm(t), func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
		cat["Extra"] = raw(w, garbage)
	})
	if ref := refusal(t, doc); ref.Kind != FormDamaged {
		t.Errorf("refused as %v (%s)", ref.Kind, ref.Localize(i18n.EN))
	}
}
