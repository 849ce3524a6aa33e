package pdf

// Mark is a shape that tells orientations apart without colour, so that a black-and-white
// photocopy keeps the meaning.
type Mark int

// The marks.
const (
	MarkNone     Mark = iota
	MarkTriangle      // filled triangle with an exclamation mark: call now
	MarkSquare        // filled square
	MarkCircle        // thick ring
	MarkDiamond       // diamond outline
	MarkDot           // small filled dot
	MarkQuestion      // dashed square with a question mark
)

// DrawMark draws m in a square of side s with its top-left corner at (x, y).
func (d *Doc) DrawMark(m Mark, x, y, s float64) {
	d.p.SetDrawColor(0, 0, 0)
	d.p.SetFillColor(0, 0, 0)
	cx, cy := x+s/2, y+s/2
	switch m {
	case MarkTriangle:
		d.p.Polygon([]pointType{{X: cx, Y: y}, {X: x + s, Y: y + s}, {X: x, Y: y + s}}, "F")
		d.p.SetDrawColor(255, 255, 255)
		d.p.SetFillColor(255, 255, 255)
		d.p.SetLineWidth(s * 0.09)
		d.p.Line(cx, y+s*0.38, cx, y+s*0.7)
		d.p.Circle(cx, y+s*0.84, s*0.05, "F")
	case MarkSquare:
		d.p.Rect(x+s*0.08, y+s*0.08, s*0.84, s*0.84, "F")
	case MarkCircle:
		d.p.SetLineWidth(s * 0.14)
		d.p.Circle(cx, cy, s*0.38, "D")
	case MarkDiamond:
		d.p.SetLineWidth(s * 0.1)
		d.p.Polygon([]pointType{{X: cx, Y: y}, {X: x + s, Y: cy}, {X: cx, Y: y + s}, {X: x, Y: cy}}, "D")
	case MarkDot:
		d.p.Circle(cx, cy, s*0.22, "F")
	case MarkQuestion:
		d.p.SetLineWidth(s * 0.07)
		d.p.SetDashPattern([]float64{s * 0.12, s * 0.1}, 0)
		d.p.Rect(x+s*0.06, y+s*0.06, s*0.88, s*0.88, "D")
		d.p.SetDashPattern(nil, 0)
		d.setFont("B", s*2.2)
		w := d.width("?")
		d.text(cx-w/2, cy+s*0.27, "?")
	}
	d.resetText()
}

// MarkedBox prints a framed box with a mark at its left, a bold title and paragraphs. A thick
// frame (strong) sets apart what needs action.
func (d *Doc) MarkedBox(m Mark, title string, paras [][]Run, strong bool) {
	ms := 9.0
	inner := d.Width() - 2*pad - ms - 4
	lh := lineHeight(SizeBody)
	titleLines := d.wrap([]Run{{Text: title, Bold: true}}, SizeH3, inner)
	var lines [][]word
	var gaps []int
	for i, p := range paras {
		if i > 0 {
			gaps = append(gaps, len(lines))
		}
		lines = append(lines, d.wrap(p, SizeBody, inner)...)
	}
	h := 2*pad + float64(len(titleLines))*lineHeight(SizeH3) + float64(len(lines))*lh + float64(len(gaps))*1.2
	if len(lines) > 0 {
		h += 1.5
	}
	h = max(h, ms+2*pad)
	if h > d.bottom()-d.top {
		d.Heading(3, title)
		for _, p := range paras {
			d.Paragraph(p)
		}
		return
	}
	d.Ensure(h + 1)
	y := d.Y()
	d.p.SetDrawColor(0, 0, 0)
	if strong {
		d.p.SetLineWidth(0.9)
	} else {
		d.p.SetLineWidth(0.35)
	}
	d.p.Rect(d.x0+0.4, y, d.Width()-0.8, h, "D")
	d.resetText()
	d.DrawMark(m, d.x0+pad, y+pad, ms)
	x := d.x0 + pad + ms + 4
	cy := y + pad
	for _, ln := range titleLines {
		d.drawLine(ln, x, cy, SizeH3, "L", inner)
		cy += lineHeight(SizeH3)
	}
	cy += 1.5
	g := 0
	for i, ln := range lines {
		if g < len(gaps) && gaps[g] == i {
			cy += 1.2
			g++
		}
		d.drawLine(ln, x, cy, SizeBody, "L", inner)
		cy += lh
	}
	d.setY(y + h)
	d.Space(3)
}

// LegendItem is one mark and what it means.
type LegendItem struct {
	Mark  Mark
	Label string
}

// Legend prints marks with their meaning, two per line.
func (d *Doc) Legend(items []LegendItem) {
	cols := 2
	colW := d.Width() / float64(cols)
	s := 4.5
	for i := 0; i < len(items); i += cols {
		d.Ensure(s + 2)
		y := d.Y()
		for j := 0; j < cols && i+j < len(items); j++ {
			x := d.x0 + float64(j)*colW
			d.DrawMark(items[i+j].Mark, x, y, s)
			d.setFont("", SizeTable)
			d.text(x+s+2, y+s*0.78, clean(items[i+j].Label))
		}
		d.resetText()
		d.setY(y + s + 2)
	}
	d.Space(2)
}
