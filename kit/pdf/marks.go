package pdf

import "strconv"

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
// MarkedBoxHeight is the height MarkedBox takes for title and paras, so that a heading
// before it can be kept with it.
func (d *Doc) MarkedBoxHeight(title string, paras [][]Run) float64 {
	ms := 9.0
	inner := d.Width() - 2*pad - ms - 4
	titleLines := d.wrap([]Run{{Text: title, Bold: true}}, SizeH3, inner)
	lines, gaps := d.paraLines(paras, inner)
	h := 2*pad + float64(len(titleLines))*lineHeight(SizeH3) + float64(len(lines))*lineHeight(SizeBody) + float64(len(gaps))*1.2
	if len(lines) > 0 {
		h += 1.5
	}
	return max(h, ms+2*pad)
}

func (d *Doc) MarkedBox(m Mark, title string, paras [][]Run, strong bool) {
	ms := 9.0
	inner := d.Width() - 2*pad - ms - 4
	titleLines := d.wrap([]Run{{Text: title, Bold: true}}, SizeH3, inner)
	lines, gaps := d.paraLines(paras, inner)
	h := d.MarkedBoxHeight(title, paras)
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
	d.drawParaLines(lines, gaps, x, cy+1.5, inner, 1.2)
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

// KeyFigure is one figure of a summary, in large type.
type KeyFigure struct {
	Value, Label string
}

// KeyFigures prints figures three to a row, each in a framed cell: the value large, its label
// under it.
func (d *Doc) KeyFigures(figs []KeyFigure) {
	cols := 3
	gap := 4.0
	w := (d.Width() - gap*float64(cols-1)) / float64(cols)
	for i := 0; i < len(figs); i += cols {
		h := 0.0
		for j := i; j < i+cols && j < len(figs); j++ {
			h = max(h, 14+d.textHeight(Plain(figs[j].Label), SizeSmall+0.5, w-4))
		}
		d.Ensure(h + gap)
		y := d.Y()
		for j := i; j < i+cols && j < len(figs); j++ {
			x := d.x0 + float64(j-i)*(w+gap)
			d.p.SetDrawColor(0, 0, 0)
			d.p.SetLineWidth(0.4)
			d.p.Rect(x, y, w, h, "D")
			d.setFont("B", 20)
			v := fit(d, figs[j].Value, w-4)
			d.text(x+(w-d.width(v))/2, y+10, v)
			for k, ln := range d.wrap(Plain(figs[j].Label), SizeSmall+0.5, w-4) {
				d.drawLine(ln, x+2, y+12.5+float64(k)*lineHeight(SizeSmall+0.5), SizeSmall+0.5, "C", w-4)
			}
		}
		d.resetText()
		d.setY(y + h + gap)
	}
	d.Space(2)
}

// Bar is one bar of a chart. A hidden bar (a suppressed count) is drawn without length.
type Bar struct {
	Label  string
	Value  int
	Text   string // the value as printed
	Hidden bool
}

// BarChart prints a horizontal bar chart: labels on the left, black bars on a scale with
// graduations, each bar's value at its end. It survives black-and-white printing.
//
// note, when given, is printed small under the chart and kept on its page.
func (d *Doc) BarChart(title string, bars []Bar, note ...[]Run) {
	if len(bars) == 0 {
		return
	}
	labelW := d.Width() * 0.38
	plotW := d.Width() - labelW - 14
	barH, gapH := 4.2, 1.6
	maxV := 0
	for _, b := range bars {
		if !b.Hidden {
			maxV = max(maxV, b.Value)
		}
	}
	scale := niceMax(maxV)
	// a label too long for its column wraps, and its bar's row grows with it
	llh := lineHeight(SizeTable)
	labels := make([][][]word, len(bars))
	rowH := make([]float64, len(bars))
	total := 12.0
	for i, b := range bars {
		labels[i] = d.wrap(Plain(b.Label), SizeTable, labelW-2)
		rowH[i] = max(barH, float64(len(labels[i]))*llh)
		total += rowH[i] + gapH
	}
	titleH := d.HeadingHeight(3, title)
	for _, n := range note {
		titleH += d.textHeight(n, SizeSmall, d.Width()) + 1.5
	}
	if total+titleH <= d.bottom()-d.top {
		d.Ensure(total + titleH)
	}
	d.Heading(3, title)
	y := d.Y() + 1
	px := d.x0 + labelW + 2
	by := y
	for i, b := range bars {
		if by+rowH[i] > d.bottom() {
			d.NewPage()
			y = d.Y() + 1
			by = y
		}
		for j, ln := range labels[i] {
			d.drawLine(ln, d.x0, by+float64(j)*llh+(barH-llh)/2+0.2, SizeTable, "R", labelW-2)
		}
		w := 0.0
		if !b.Hidden && scale > 0 {
			w = plotW * float64(b.Value) / float64(scale)
		}
		if w > 0 {
			d.p.SetFillColor(40, 40, 40)
			d.p.Rect(px, by, w, barH, "F")
		}
		d.setFont("B", SizeTable)
		d.text(px+w+1.5, by+barH*0.78, b.Text)
		by += rowH[i] + gapH
	}
	// axis and graduations under the bars
	ay := by + 0.5
	d.p.SetDrawColor(0, 0, 0)
	d.p.SetLineWidth(0.3)
	d.p.Line(px, y-1, px, ay)
	d.p.Line(px, ay, px+plotW, ay)
	for k := 0; k <= 4; k++ {
		x := px + plotW*float64(k)/4
		d.p.Line(x, ay, x, ay+1.2)
		d.setFont("", SizeSmall-1)
		v := strconv.Itoa(scale * k / 4)
		d.text(x-d.width(v)/2, ay+4, v)
	}
	d.resetText()
	d.setY(ay + 7)
	for _, n := range note {
		d.Small(n)
	}
}

// niceMax rounds a maximum up to a scale divisible in four round steps.
func niceMax(v int) int {
	if v <= 4 {
		return 4
	}
	step := 1
	for step*4 < v {
		for _, m := range []int{1, 2, 5} {
			if step*m*4 >= v {
				return step * m * 4
			}
		}
		step *= 10
	}
	return step * 4
}
