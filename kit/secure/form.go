package secure

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"sexto/kit/i18n"
	"sexto/kit/pdf"
)

// This file adds the incident form's fields (SPEC §10) to the pages the PDF layer drew. The
// fields are written by hand with the library's object types (model, types), not with its form
// creation: that lays out pages of its own from a JSON description and is reached through the
// api package, whose start-up cost this package avoids. They are appended as an incremental
// update, so that the pages stay byte for byte as drawn and the whole file is the same for the
// same input (the library's writer stamps the time and a file identifier drawn from it).
//
// Coded items are radio groups, one button over each tick box of the paper grid: their
// appearances (a cross like the paper's, or nothing) are in the file, so a filled form prints
// as the paper grid ticked by hand in every reader, and no reader has to draw them. Their
// values (the appearance state names) are the catalogue's codes; the shown texts are the
// labels printed beside the boxes, in the form's language. Other items are text fields, on
// several lines for free texts.

// FormVersion is the version of the form's field layout, written in every form and checked
// by the reader.
const FormVersion = 1

// FormMark identifies a sexto form: written in the catalog (/SextoForm) and in the document
// information (/SextoForm, "1 fr"), checked before any field is read.
type FormMark struct {
	Version int
	Lang    i18n.Lang
}

// markKey is the key of the mark in the catalog and in the document information.
const markKey = "SextoForm"

func (m FormMark) String() string { return fmt.Sprintf("%d %s", m.Version, m.Lang) }

// Field flags (ISO 32000-1, 12.7.4).
const (
	flagMultiline = 1 << 12
	flagRadio     = 1 << 15
)

// Font sizes of typed answers, in points.
const (
	textSize      = 10.0
	multilineSize = 9.0
)

// AddForm returns doc with a form field over each answer area of boxes (a radio group per
// name of RadioField boxes, a text field otherwise; several boxes of one name are widgets of
// one field) and the mark m.
func AddForm(doc []byte, boxes []pdf.FieldBox, m FormMark) (out []byte, err error) {
	defer catch(&err)
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := pdfcpu.Read(bytes.NewReader(doc), conf)
	if err != nil {
		return nil, fmt.Errorf("secure: form: %w", err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("secure: form: %w", err)
	}
	prev, ok := lastXRef(doc)
	if !ok || ctx.Root == nil || ctx.Size == nil {
		return nil, fmt.Errorf("secure: form: no cross-reference table")
	}
	w := &formWriter{ctx: ctx, next: *ctx.Size, objs: map[int]string{}, aps: map[string]types.IndirectRef{}}
	if err := w.build(boxes, m); err != nil {
		return nil, err
	}
	return w.write(doc, prev), nil
}

var startXRefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

func lastXRef(doc []byte) (int, bool) {
	tail := doc[max(0, len(doc)-64):]
	m := startXRefRE.FindSubmatch(tail)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(m[1]))
	return n, err == nil
}

type formWriter struct {
	ctx  *model.Context
	next int            // next free object number
	objs map[int]string // object number -> its text, new or replaced
	aps  map[string]types.IndirectRef
	helv types.IndirectRef
	zadb types.IndirectRef
}

func (w *formWriter) add(o types.Object) types.IndirectRef {
	n := w.next
	w.next++
	w.objs[n] = compact(o)
	return *types.NewIndirectRef(n, 0)
}

// reserve takes an object number, its text written later (a field points at its kids and
// its kids at it).
func (w *formWriter) reserve() types.IndirectRef {
	n := w.next
	w.next++
	return *types.NewIndirectRef(n, 0)
}

func (w *formWriter) set(r types.IndirectRef, o types.Object) {
	w.objs[r.ObjectNumber.Value()] = compact(o)
}

func (w *formWriter) stream(d types.Dict, content string) types.IndirectRef {
	d["Length"] = types.Integer(len(content))
	n := w.next
	w.next++
	w.objs[n] = compact(d) + "\nstream\n" + content + "\nendstream"
	return *types.NewIndirectRef(n, 0)
}

// node is a field of the hierarchy: a name part, and either kids or widgets.
type node struct {
	part  string
	kids  []*node
	index map[string]*node
	boxes []pdf.FieldBox
	ref   types.IndirectRef
}

func (n *node) child(part string) *node {
	if n.index == nil {
		n.index = map[string]*node{}
	}
	c, ok := n.index[part]
	if !ok {
		c = &node{part: part}
		n.index[part] = c
		n.kids = append(n.kids, c)
	}
	return c
}

func (w *formWriter) build(boxes []pdf.FieldBox, m FormMark) error {
	root := &node{}
	for _, b := range boxes {
		n := root
		for _, part := range strings.Split(b.Name, ".") {
			n = n.child(part)
		}
		if len(n.kids) > 0 {
			return fmt.Errorf("secure: form: field %q is also a group", b.Name)
		}
		n.boxes = append(n.boxes, b)
	}
	w.helv = w.add(types.Dict{"Type": types.Name("Font"), "Subtype": types.Name("Type1"),
		"BaseFont": types.Name("Helvetica"), "Encoding": types.Name("WinAnsiEncoding")})
	w.zadb = w.add(types.Dict{"Type": types.Name("Font"), "Subtype": types.Name("Type1"), "BaseFont": types.Name("ZapfDingbats")})

	pageRefs := map[int]types.IndirectRef{}
	annots := map[int]types.Array{}
	for p := 1; p <= w.ctx.PageCount; p++ {
		_, ref, _, err := w.ctx.PageDict(p, false)
		if err != nil {
			return fmt.Errorf("secure: form: page %d: %w", p, err)
		}
		pageRefs[p] = *ref
	}
	var fields types.Array
	for _, n := range root.kids {
		ref, err := w.field(n, nil, pageRefs, annots)
		if err != nil {
			return err
		}
		fields = append(fields, ref)
	}
	da := types.StringLiteral(fmt.Sprintf("/Helv %g Tf 0 g", textSize))
	acro := w.add(types.Dict{
		"Fields":          fields,
		"NeedAppearances": types.Boolean(true),
		"DA":              da,
		"DR":              types.Dict{"Font": types.Dict{"Helv": w.helv, "ZaDb": w.zadb}},
	})

	// the catalog and the pages, replaced
	catalog, err := w.ctx.DereferenceDict(*w.ctx.Root)
	if err != nil || catalog == nil {
		return fmt.Errorf("secure: form: no catalog")
	}
	catalog = catalog.Clone().(types.Dict)
	catalog["AcroForm"] = acro
	catalog[markKey] = types.Dict{"Version": types.Integer(m.Version), "Lang": types.StringLiteral(string(m.Lang))}
	w.set(*w.ctx.Root, catalog)
	if w.ctx.Info != nil {
		info, err := w.ctx.DereferenceDict(*w.ctx.Info)
		if err == nil && info != nil {
			info = info.Clone().(types.Dict)
			info[markKey] = types.StringLiteral(m.String())
			w.set(*w.ctx.Info, info)
		}
	}
	pages := make([]int, 0, len(annots))
	for p := range annots {
		pages = append(pages, p)
	}
	sort.Ints(pages)
	for _, p := range pages {
		ref := pageRefs[p]
		pd, err := w.ctx.DereferenceDict(ref)
		if err != nil || pd == nil {
			return fmt.Errorf("secure: form: page %d", p)
		}
		pd = pd.Clone().(types.Dict)
		var all types.Array
		if old, ok := pd["Annots"]; ok {
			if a, err := w.ctx.DereferenceArray(old); err == nil {
				all = append(all, a...)
			}
		}
		pd["Annots"] = append(all, annots[p]...)
		w.set(ref, pd)
	}
	return nil
}

// field writes the field n (and its kids) and returns its reference.
func (w *formWriter) field(n *node, parent *types.IndirectRef, pages map[int]types.IndirectRef, annots map[int]types.Array) (types.IndirectRef, error) {
	n.ref = w.reserve()
	d := types.Dict{"T": types.StringLiteral(n.part)}
	if parent != nil {
		d["Parent"] = *parent
	}
	if len(n.boxes) == 0 {
		var kids types.Array
		for _, k := range n.kids {
			ref, err := w.field(k, &n.ref, pages, annots)
			if err != nil {
				return n.ref, err
			}
			kids = append(kids, ref)
		}
		d["Kids"] = kids
		w.set(n.ref, d)
		return n.ref, nil
	}
	first := n.boxes[0]
	if first.Label != "" {
		d["TU"] = textString(first.Label)
	}
	switch first.Kind {
	case pdf.RadioField:
		d["FT"] = types.Name("Btn")
		d["Ff"] = types.Integer(flagRadio)
		d["DA"] = types.StringLiteral("/ZaDb 0 Tf 0 g")
	default:
		d["FT"] = types.Name("Tx")
		size := textSize
		if first.Kind == pdf.MultilineField {
			d["Ff"] = types.Integer(flagMultiline)
			size = multilineSize
		}
		d["DA"] = types.StringLiteral(fmt.Sprintf("/Helv %g Tf 0 g", size))
		if first.Value != "" {
			d["V"] = textString(first.Value)
			d["DV"] = textString(first.Value)
		}
	}
	var kids types.Array
	for _, b := range n.boxes {
		page, ok := pages[b.Page]
		if !ok {
			return n.ref, fmt.Errorf("secure: form: field %q on page %d of %d", b.Name, b.Page, len(pages))
		}
		wd := types.Dict{
			"Type":    types.Name("Annot"),
			"Subtype": types.Name("Widget"),
			"Rect":    types.Array{num(b.X), num(b.Y), num(b.X + b.W), num(b.Y + b.H)},
			"F":       types.Integer(4), // printed
			"P":       page,
			"Parent":  n.ref,
		}
		if b.Kind == pdf.RadioField {
			on, off := w.tickAppearances(b.W, b.H)
			wd["AS"] = types.Name("Off")
			wd["AP"] = types.Dict{"N": types.Dict{b.Value: on, "Off": off}}
			wd["MK"] = types.Dict{"CA": types.StringLiteral("8")} // a cross, for readers that draw their own
		} else {
			wd["AP"] = types.Dict{"N": w.textAppearance(b, first.Value)}
			wd["MK"] = types.Dict{}
		}
		ref := w.add(wd)
		kids = append(kids, ref)
		annots[b.Page] = append(annots[b.Page], ref)
	}
	d["Kids"] = kids
	w.set(n.ref, d)
	return n.ref, nil
}

// tickAppearances returns the ticked and blank looks of a tick box of w × h points: the
// cross of the paper grid (0.55 mm strokes, 0.5 mm from the edges), and nothing.
func (w *formWriter) tickAppearances(wd, h float64) (on, off types.IndirectRef) {
	key := fmt.Sprintf("tick %.2f %.2f", wd, h)
	if r, ok := w.aps[key]; ok {
		return r, w.aps["off "+key]
	}
	in := 0.5 * 72 / 25.4
	content := fmt.Sprintf("q 0 G %s w 1 J %s %s m %s %s l S %s %s m %s %s l S Q",
		fnum(0.55*72/25.4), fnum(in), fnum(in), fnum(wd-in), fnum(h-in), fnum(in), fnum(h-in), fnum(wd-in), fnum(in))
	on = w.stream(formXObject(wd, h, nil), content)
	off = w.stream(formXObject(wd, h, nil), "")
	w.aps[key], w.aps["off "+key] = on, off
	return on, off
}

// textAppearance is a text field's look before anyone types: blank, or its first text.
func (w *formWriter) textAppearance(b pdf.FieldBox, value string) types.IndirectRef {
	key := fmt.Sprintf("text %.2f %.2f %s", b.W, b.H, value)
	if r, ok := w.aps[key]; ok {
		return r
	}
	content := "/Tx BMC\nEMC"
	if value != "" {
		y := (b.H - textSize*0.7) / 2
		content = fmt.Sprintf("/Tx BMC\nq BT /Helv %g Tf 0 g 2 %s Td %s Tj ET Q\nEMC", textSize, fnum(y), winAnsi(value))
	}
	r := w.stream(formXObject(b.W, b.H, types.Dict{"Font": types.Dict{"Helv": w.helv}}), content)
	w.aps[key] = r
	return r
}

func formXObject(w, h float64, res types.Dict) types.Dict {
	if res == nil {
		res = types.Dict{}
	}
	return types.Dict{"Type": types.Name("XObject"), "Subtype": types.Name("Form"),
		"BBox": types.Array{num(0), num(0), num(w), num(h)}, "Resources": res}
}

// write appends the new and replaced objects, their cross-reference section and a trailer
// pointing back at the document's own.
func (w *formWriter) write(doc []byte, prev int) []byte {
	var buf bytes.Buffer
	buf.Grow(len(doc) + 64*len(w.objs))
	buf.Write(doc)
	if !bytes.HasSuffix(doc, []byte("\n")) {
		buf.WriteByte('\n')
	}
	nums := make([]int, 0, len(w.objs))
	for n := range w.objs {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	offsets := make([]int, len(nums))
	for i, n := range nums {
		offsets[i] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", n, w.objs[n])
	}
	xref := buf.Len()
	buf.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		fmt.Fprintf(&buf, "%d %d\n", nums[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(&buf, "%010d 00000 n \n", offsets[k])
		}
		i = j + 1
	}
	trailer := types.Dict{"Size": types.Integer(w.next), "Root": *w.ctx.Root, "Prev": types.Integer(prev)}
	if w.ctx.Info != nil {
		trailer["Info"] = *w.ctx.Info
	}
	if len(w.ctx.ID) == 2 {
		trailer["ID"] = w.ctx.ID
	}
	fmt.Fprintf(&buf, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer.PDFString(), xref)
	return buf.Bytes()
}

// num is a coordinate as a PDF number, to two decimals.
func num(v float64) types.Object { return types.Float(roundTo(v)) }

// trailingZeros are those of the library's numbers, always written with twelve decimals.
var trailingZeros = regexp.MustCompile(`(\d\.\d*?)0{3,}\b`)

// compact writes an object's text with its numbers' useless zeros removed.
func compact(o types.Object) string { return trailingZeros.ReplaceAllString(o.PDFString(), "$1") }

func roundTo(v float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64)
	return f
}

func fnum(v float64) string { return strconv.FormatFloat(roundTo(v), 'f', -1, 64) }

// textString is s as a PDF text string: PDFDocEncoding when it is ASCII, else UTF-16BE.
func textString(s string) types.Object {
	ascii := true
	for _, c := range s {
		if c >= 0x80 || c < 0x20 {
			ascii = false
			break
		}
	}
	if ascii {
		esc, err := types.Escape(s)
		if err == nil {
			return types.StringLiteral(*esc)
		}
	}
	return types.HexLiteral(fmt.Sprintf("%X", []byte(types.EncodeUTF16String(s))))
}

// winAnsi writes s as a literal string for the WinAnsi-encoded Helvetica of the appearance
// streams (the first texts are refs: ASCII).
func winAnsi(s string) string {
	b := []byte(types.UTF8ToCP1252(s))
	var out strings.Builder
	out.WriteByte('(')
	for _, c := range b {
		switch c {
		case '(', ')', '\\':
			out.WriteByte('\\')
			out.WriteByte(c)
		default:
			if c < 0x20 || c >= 0x80 {
				fmt.Fprintf(&out, "\\%03o", c)
			} else {
				out.WriteByte(c)
			}
		}
	}
	out.WriteByte(')')
	return out.String()
}

// catch turns a panic of the PDF library into an error: a damaged input must not stop the
// program.
func catch(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("secure: PDF library failure: %v", r)
	}
}
