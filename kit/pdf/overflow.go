package pdf

import "strings"

// Overflow is a piece of text drawn outside its box: wider than the cell or line it was laid
// out for, or past the page's margins. Nothing a document prints may do that (SPEC §4).
type Overflow struct {
	Page       int
	Text       string
	X0, X1     float64 // where the text runs, in mm
	Box0, Box1 float64 // the room it had
	Cut        bool    // shortened with an ellipsis to fit
	// Below is the baseline of text drawn under the page's frame, into the footer (0 when
	// the text is within it); Bottom is the frame's foot.
	Below, Bottom float64
}

// OnOverflow, when set, is called for every overflow of every document rendered. It is the
// layout check the tests run over every document with profiles and answers of extreme
// lengths; it costs nothing when nil.
var OnOverflow func(Overflow)

// slack is what rounding may add to a width without anything showing.
const slack = 0.3

// setBox sets the room the next texts are drawn in (a laid-out line or a cell).
func (d *Doc) setBox(x0, x1 float64) { d.boxX0, d.boxX1, d.boxed = x0, x1, true }

func (d *Doc) unbox() { d.boxed = false }

// checkText reports text drawn from x that leaves its box or the page's printable width.
func (d *Doc) checkText(x float64, s string) {
	if OnOverflow == nil || d.prev == nil || d.transformed || strings.TrimSpace(s) == "" {
		return
	}
	w := d.width(s)
	b0, b1 := d.left, d.pageW-d.right
	if d.boxed {
		b0, b1 = max(b0, d.boxX0), min(b1, d.boxX1)
	}
	if x < b0-slack || x+w > b1+slack {
		OnOverflow(Overflow{Page: d.f.PageNo(), Text: s, X0: x, X1: x + w, Box0: b0, Box1: b1})
	}
}

// checkBelow reports body text whose baseline y is below the frame's foot: run into the footer.
func (d *Doc) checkBelow(y float64, s string) {
	if OnOverflow == nil || d.prev == nil || d.transformed || d.inFurniture || d.measuring || strings.TrimSpace(s) == "" {
		return
	}
	if y > d.bottom()+slack {
		OnOverflow(Overflow{Page: d.f.PageNo(), Text: s, Below: y, Bottom: d.bottom()})
	}
}

// cellTextOffset is where the library starts a cell's text: its padding, or the centring.
func cellTextOffset(align string, w, tw float64) float64 {
	switch align {
	case "C":
		return (w - tw) / 2
	case "R":
		return w - tw - cellMargin
	}
	return cellMargin
}

// cellMargin is the library's default cell padding (1 mm at our unit).
const cellMargin = 1.0

// fitted lays s out in width w on one line at size, or at a smaller size down to minSize;
// failing that, wrapped at minSize on as many lines as it takes. Text is never cut.
func (d *Doc) fitted(s string, size, minSize, w float64) ([][]word, float64) {
	// the page furniture asks the same on every page: laid out once per document
	key := fitKey{s, size, minSize, w}
	if f, ok := d.fits[key]; ok {
		return f.lines, f.size
	}
	lines, sz := d.fit(s, size, minSize, w)
	if d.fits == nil {
		d.fits = map[fitKey]fitted{}
	}
	d.fits[key] = fitted{lines, sz}
	return lines, sz
}

type fitKey struct {
	s                string
	size, minSize, w float64
}

type fitted struct {
	lines [][]word
	size  float64
}

func (d *Doc) fit(s string, size, minSize, w float64) ([][]word, float64) {
	for sz := size; sz >= minSize; sz -= 0.5 {
		if lines := d.wrap(Plain(s), sz, w); len(lines) <= 1 {
			return lines, sz
		}
	}
	return d.wrap(Plain(s), minSize, w), minSize
}

// Pages lays out a document with build once, drawing nothing, and returns how many pages
// each of its sections takes, in order: a document can try a layout and choose another when
// a part that must hold on one page does not.
func Pages(o Options, build func(*Doc) error) ([]int, error) {
	d, err := newDoc(o, nil)
	if err != nil {
		return nil, err
	}
	if err := d.run(build); err != nil {
		return nil, err
	}
	return append([]int(nil), d.rec.pages...), nil
}
