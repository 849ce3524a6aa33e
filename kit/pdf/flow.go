package pdf

import (
	"math"

	"codeberg.org/go-pdf/fpdf"
)

type pointType = fpdf.PointType

func imageOptions(typ string) fpdf.ImageOptions { return fpdf.ImageOptions{ImageType: typ} }

// FlowBox is one box of a flowchart.
type FlowBox struct {
	Title string
	Text  string
	Side  *FlowBox // an alert box to the right, linked by a dashed arrow
}

// Flowchart is a vertical chain of steps, optionally ending in a decision with two outcomes.
type Flowchart struct {
	Steps    []FlowBox
	Decision string
	Outcomes []FlowBox // zero or two
}

const (
	flowGap  = 6.0 // vertical gap holding an arrow
	flowSize = 9.0
)

func (d *Doc) boxHeight(b FlowBox, w float64) float64 {
	h := 2 * pad
	if b.Title != "" {
		h += d.textHeight([]Run{{Text: b.Title, Bold: true}}, flowSize+1, w-2*pad)
	}
	if b.Text != "" {
		h += d.textHeight(Plain(b.Text), flowSize, w-2*pad) + 0.8
	}
	return h
}

func (d *Doc) drawBox(b FlowBox, x, y, w, h float64, strong bool) {
	d.p.SetDrawColor(0, 0, 0)
	if strong {
		d.p.SetLineWidth(0.9)
		d.p.SetFillColor(235, 235, 235)
		d.p.RoundedRect(x, y, w, h, 2.5, "1234", "FD")
	} else {
		d.p.SetLineWidth(0.4)
		d.p.RoundedRect(x, y, w, h, 2.5, "1234", "D")
	}
	cy := y + pad
	if b.Title != "" {
		for _, ln := range d.wrap([]Run{{Text: b.Title, Bold: true}}, flowSize+1, w-2*pad) {
			d.drawLine(ln, x+pad, cy, flowSize+1, "L", w-2*pad)
			cy += lineHeight(flowSize + 1)
		}
		cy += 0.8
	}
	if b.Text != "" {
		for _, ln := range d.wrap(Plain(b.Text), flowSize, w-2*pad) {
			d.drawLine(ln, x+pad, cy, flowSize, "L", w-2*pad)
			cy += lineHeight(flowSize)
		}
	}
	d.resetText()
}

// arrow draws a line from (x1,y1) to (x2,y2) with a filled head at the end.
func (d *Doc) arrow(x1, y1, x2, y2 float64, dashed bool) {
	d.p.SetDrawColor(0, 0, 0)
	d.p.SetFillColor(0, 0, 0)
	d.p.SetLineWidth(0.45)
	if dashed {
		d.p.SetDashPattern([]float64{1.2, 1}, 0)
	}
	a := math.Atan2(y2-y1, x2-x1)
	head := 2.6
	bx, by := x2-head*math.Cos(a), y2-head*math.Sin(a)
	d.p.Line(x1, y1, bx, by)
	d.p.SetDashPattern(nil, 0)
	s := 1.3
	d.p.Polygon([]pointType{
		{X: x2, Y: y2},
		{X: bx + s*math.Sin(a), Y: by - s*math.Cos(a)},
		{X: bx - s*math.Sin(a), Y: by + s*math.Cos(a)},
	}, "F")
	d.resetText()
}

// Flowchart draws fc from the current position. Steps run down a main column with side boxes
// to the right; the decision is a diamond whose two outcomes sit side by side below it.
//
// The chart is read as one picture: when it does not fit in the room left on the page, it is
// drawn a little smaller (down to minFlowScale) rather than cut in two; only a chart taller
// than that still continues on the next page.
func (d *Doc) Flowchart(fc Flowchart) {
	if d.noBreak || d.measuring {
		d.flowchart(fc)
		return
	}
	h := d.flowHeight(fc)
	room := d.Room()
	if h <= room {
		d.flowchart(fc)
		return
	}
	scale := room / h
	if scale < minFlowScale {
		d.flowchart(fc) // too tall to shrink well: it runs on, one box at a time
		return
	}
	ox0, ox1, y := d.x0, d.x1, d.Y()
	d.noBreak = true
	d.x1 = ox0 + (ox1-ox0)/scale
	d.scaled(scale, ox0, y, func() { d.flowchart(fc) })
	d.noBreak = false
	d.x0, d.x1 = ox0, ox1
	d.setY(y + h*scale)
}

// minFlowScale is the smallest a flowchart is drawn to keep it on one page: 80 %, still read
// without effort on paper.
const minFlowScale = 0.8

// flowColumns are the widths of the main column and of the side boxes, and the main column's
// left edge.
func (d *Doc) flowColumns(fc Flowchart) (mainW, sideW, mx float64) {
	hasSide := false
	for _, s := range fc.Steps {
		hasSide = hasSide || s.Side != nil
	}
	W := d.Width()
	if !hasSide {
		return W * 0.7, 0, d.x0 + W*0.15
	}
	mainW = W * 0.58
	return mainW, W - mainW - 10, d.x0
}

// flowDecision is the decision diamond's height and its outcomes' (0 without two outcomes).
func (d *Doc) flowDecision(fc Flowchart) (dw, textW, th, dh, ow, oh float64) {
	W := d.Width()
	dw = min(W*0.8, 150.0)
	textW = dw * 0.6
	th = d.textHeight([]Run{{Text: fc.Decision, Bold: true}}, flowSize+0.5, textW)
	dh = max(22.0, th*1.9+4)
	ow = (W - 10) / 2
	for _, o := range fc.Outcomes {
		oh = max(oh, d.boxHeight(o, ow))
	}
	return
}

// flowHeight is the height fc takes drawn on one page: the layout of flowchart, without a
// break.
func (d *Doc) flowHeight(fc Flowchart) float64 {
	mainW, sideW, _ := d.flowColumns(fc)
	y, end, prevBottom := 0.0, 0.0, -1.0
	for _, s := range fc.Steps {
		h, sh := d.boxHeight(s, mainW), 0.0
		if s.Side != nil {
			sh = d.boxHeight(*s.Side, sideW)
		}
		if prevBottom >= 0 {
			y = prevBottom + flowGap
		}
		prevBottom = y + h
		end = max(y+h, y+max(0, (h-sh)/2)+sh)
	}
	if fc.Decision == "" {
		return end + 4
	}
	_, _, _, dh, _, oh := d.flowDecision(fc)
	if prevBottom >= 0 {
		y = prevBottom + flowGap
	}
	if len(fc.Outcomes) != 2 {
		return y + dh + 4
	}
	return y + dh + flowGap + oh + 5
}

func (d *Doc) flowchart(fc Flowchart) {
	W := d.Width()
	mainW, sideW, mx := d.flowColumns(fc)
	cx := mx + mainW/2
	prevBottom := -1.0 // y of the bottom of the previous box on this page, -1 after a break
	for _, s := range fc.Steps {
		h := d.boxHeight(s, mainW)
		sh := 0.0
		if s.Side != nil {
			sh = d.boxHeight(*s.Side, sideW)
		}
		prevBottom = d.flowRoom(max(h, sh), prevBottom)
		y := d.Y()
		if prevBottom >= 0 {
			d.arrow(cx, prevBottom, cx, prevBottom+flowGap, false)
			y = prevBottom + flowGap
		}
		d.drawBox(s, mx, y, mainW, h, false)
		if s.Side != nil {
			sx := mx + mainW + 10
			sy := y + max(0, (h-sh)/2)
			d.drawBox(*s.Side, sx, sy, sideW, sh, true)
			d.arrow(mx+mainW, y+h/2, sx, y+h/2, true)
		}
		prevBottom = y + max(h, sh-(max(0, (h-sh)/2))) // main box bottom
		prevBottom = y + h
		d.setY(max(y+h, y+max(0, (h-sh)/2)+sh))
	}
	if fc.Decision == "" {
		d.Space(4)
		return
	}
	// decision diamond, centred on the page, its two outcomes side by side below it
	dw, textW, th, dh, ow, oh := d.flowDecision(fc)
	need := dh
	if len(fc.Outcomes) == 2 {
		need += oh + flowGap
	}
	prevBottom = d.flowRoom(need, prevBottom)
	y := d.Y()
	dcx := d.x0 + W/2
	if prevBottom >= 0 {
		y = prevBottom + flowGap
		if cx == dcx {
			d.arrow(cx, prevBottom, cx, y, false)
		} else {
			// an elbow from the main column to the centred diamond
			mid := prevBottom + flowGap/2
			d.p.SetLineWidth(0.45)
			d.p.Line(cx, prevBottom, cx, mid)
			d.p.Line(cx, mid, dcx, mid)
			d.arrow(dcx, mid, dcx, y, false)
		}
	}
	d.p.SetDrawColor(0, 0, 0)
	d.p.SetLineWidth(0.6)
	d.p.SetFillColor(245, 245, 245)
	d.p.Polygon([]pointType{{X: dcx, Y: y}, {X: dcx + dw/2, Y: y + dh/2}, {X: dcx, Y: y + dh}, {X: dcx - dw/2, Y: y + dh/2}}, "FD")
	d.resetText()
	ty := y + (dh-th)/2
	for _, ln := range d.wrap([]Run{{Text: fc.Decision, Bold: true}}, flowSize+0.5, textW) {
		d.drawLine(ln, dcx-textW/2, ty, flowSize+0.5, "C", textW)
		ty += lineHeight(flowSize + 0.5)
	}
	if len(fc.Outcomes) != 2 {
		d.setY(y + dh)
		d.Space(4)
		return
	}
	oy := y + dh + flowGap
	lx := d.x0 + ow/2
	rx := d.x0 + ow + 10 + ow/2
	// from the diamond's side corners, across and down to each outcome
	d.p.SetLineWidth(0.45)
	d.p.Line(dcx-dw/2, y+dh/2, lx, y+dh/2)
	d.p.Line(dcx+dw/2, y+dh/2, rx, y+dh/2)
	d.arrow(lx, y+dh/2, lx, oy, false)
	d.arrow(rx, y+dh/2, rx, oy, false)
	d.drawBox(fc.Outcomes[0], d.x0, oy, ow, oh, false)
	d.drawBox(fc.Outcomes[1], d.x0+ow+10, oy, ow, oh, true)
	d.setY(oy + oh)
	d.Space(5)
}

// flowRoom makes room for the next element of a chart (h, plus the arrow from the element
// above when there is one on this page); it returns -1 when the chart went on a new page.
func (d *Doc) flowRoom(h, prevBottom float64) float64 {
	if prevBottom >= 0 {
		h += flowGap
	}
	if d.Room() < h && !d.noBreak {
		d.NewPage()
		return -1
	}
	return prevBottom
}
