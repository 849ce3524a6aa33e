package pdf

// This file lets a document say where it drew each answer area, so that fillable form fields
// can be laid exactly over the paper form: the caller names the answer areas of what it draws
// next (Mark), the primitives that draw answer areas (grid items, the writing line of Fields,
// the blank rows of a table) record each one, and RenderForm returns the rectangles with the
// PDF. The page itself is the same as without names: a form prints like the paper.

// FieldKind is the kind of an answer area.
type FieldKind int

// The kinds of answer areas.
const (
	TextField      FieldKind = iota // one line to write on
	MultilineField                  // several lines
	RadioField                      // one tick box of a coded answer
)

func (k FieldKind) String() string {
	return [...]string{"text", "multiline", "radio"}[k]
}

// FieldBox is one answer area as drawn: its field name, its page (1 for the first page of
// the document) and its rectangle in points, in the page's own coordinates (origin at the
// bottom left, as PDF annotations need).
type FieldBox struct {
	Name       string
	Page       int
	X, Y, W, H float64
	Kind       FieldKind
	// Value is a tick box's own value (the code of its choice); for a text field, the text it
	// holds before anyone types (a student's printed ref).
	Value string
	// Label is the item's label, for readers' tooltips and screen readers.
	Label string
	// Options are the values of every tick box of the same answer, in order (RadioField).
	Options []string
}

// FieldName is a name given to an answer area, with the text its field holds at first.
type FieldName struct {
	Name    string
	Default string
}

// formRec holds the names waiting for answer areas and the areas recorded.
type formRec struct {
	pending []FieldName
	boxes   []FieldBox
}

// Mark names the answer areas of what is drawn next, one name per area, in drawing order: a
// grid item takes one name (all its tick boxes, or all its lines), GridPair two, Fields one
// per label, a table one per blank cell, row by row. An area drawn with no name waiting is
// not recorded.
func (d *Doc) Mark(names ...string) {
	for _, n := range names {
		d.MarkWith(FieldName{Name: n})
	}
}

// MarkWith is Mark for one area whose field holds a text at first.
func (d *Doc) MarkWith(n FieldName) {
	if d.form == nil {
		d.form = &formRec{}
	}
	d.form.pending = append(d.form.pending, n)
}

// nextMark takes the name waiting for the next answer area, if any.
func (d *Doc) nextMark() FieldName {
	if d.form == nil || len(d.form.pending) == 0 {
		return FieldName{}
	}
	n := d.form.pending[0]
	d.form.pending = d.form.pending[1:]
	return n
}

// mmToPt converts millimetres to points.
const mmToPt = 72 / 25.4

// record keeps an answer area drawn at (x, y) (top left, millimetres) on the current page,
// during the drawing pass only.
func (d *Doc) record(n FieldName, kind FieldKind, x, y, w, h float64, value, label string, options []string) {
	if n.Name == "" || d.prev == nil || d.form == nil || w <= 0 || h <= 0 {
		return
	}
	if value == "" {
		value = n.Default
	}
	d.form.boxes = append(d.form.boxes, FieldBox{
		Name: n.Name, Page: d.f.PageNo(),
		X: x * mmToPt, Y: (d.pageH - y - h) * mmToPt, W: w * mmToPt, H: h * mmToPt,
		Kind: kind, Value: value, Label: clean(label), Options: options,
	})
}

// lineArea records the answer area of n writing lines whose first baseline is at y0 and
// which run from x0 to x1.
func (d *Doc) lineArea(n FieldName, lines int, x0, x1, y0 float64, label string) {
	kind := TextField
	if lines > 1 {
		kind = MultilineField
	}
	top := y0 - writeLineH + 1.4
	bottom := y0 + float64(lines-1)*writeLineH + 0.2
	d.record(n, kind, x0, top, x1-x0, bottom-top, "", label, nil)
}

// RenderForm is Render, and also returns every answer area named with Mark, in drawing order.
func RenderForm(o Options, build func(*Doc) error) ([]byte, []FieldBox, error) {
	var boxes []FieldBox
	out, err := Render(o, func(d *Doc) error {
		d.form = &formRec{}
		if err := build(d); err != nil {
			return err
		}
		if d.prev != nil {
			boxes = d.form.boxes
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, boxes, nil
}

// cellAreas records the cells of a blank table row drawn at y, of height h: one name each.
func (d *Doc) cellAreas(ws []float64, header []string, y, h float64) {
	x := d.x0
	for i, w := range ws {
		label := ""
		if i < len(header) {
			label = header[i]
		}
		d.record(d.nextMark(), TextField, x+0.6, y+0.6, w-1.2, h-1.2, "", label, nil)
		x += w
	}
}
