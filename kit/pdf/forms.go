package pdf

// Choice is one coded answer to tick on the paper grid.
type Choice struct {
	Label string
	Code  string // the value of its tick box in a fillable form
}

// GridBand announces a shaded band with a section title. It is drawn with the next item, so
// that a band never stands alone at the bottom of a page.
func (d *Doc) GridBand(title string) {
	d.band = title
}

func (d *Doc) bandHeight() float64 {
	if d.band == "" {
		return 0
	}
	return lineHeight(SizeH3) + 2.4 + 2.5
}

func (d *Doc) drawBand() {
	if d.band == "" {
		return
	}
	h := lineHeight(SizeH3) + 2.4
	d.setY(d.Y() + 2)
	y := d.Y()
	d.p.SetFillColor(220, 220, 220)
	d.p.SetDrawColor(0, 0, 0)
	d.p.SetLineWidth(0.3)
	d.p.Rect(d.x0, y, d.Width(), h, "FD")
	lines := d.wrap([]Run{{Text: d.band, Bold: true}}, SizeH3, d.Width()-4)
	if len(lines) > 0 {
		d.drawLine(lines[0], d.x0+2, y+1.2, SizeH3, "L", d.Width()-4)
	}
	d.resetText()
	d.setY(y + h + 0.5)
	d.band = ""
}

// gridLabelW is the share of a row's width given to the item's label on the paper grid.
const gridLabelW = 0.38

// ItemRow is one item of the paper grid: a label on the left and, on the right, tick boxes
// for each choice, or lines to write on (Lines > 0) with an optional grey format hint.
type ItemRow struct {
	Label    string
	Required bool
	Acting   bool   // required for a student who acted (marked †)
	Value    string // written on the lines (a pre-filled ref, or a typed answer)
	Ticked   int    // 1 + the index of the ticked choice; 0 for none
	Choices  []Choice
	Lines    int
	Hint     string
}

const (
	tickSize   = 3.2
	writeLineH = 6.8
)

type placed struct {
	x, line float64
	text    string
}

// layoutItem measures a row drawn between x0 and x1 (labels take labelShare of the width).
func (d *Doc) layoutItem(r ItemRow, x0, x1, labelShare float64) (labelLines [][]word, ps []placed, h float64) {
	w := x1 - x0
	lw := w * labelShare
	aw := w - lw - 2
	label := []Run{{Text: r.Label}}
	if r.Required {
		label = append(label, Run{Text: " *", Bold: true})
	}
	if r.Acting {
		label = append(label, Run{Text: " †", Bold: true})
	}
	labelLines = d.wrap(label, SizeTable, lw-1)
	lh := lineHeight(SizeTable)
	x, line := 0.0, 0.0
	for i, c := range r.Choices {
		// the ticked answer is drawn bold: measured so, it never touches the next box
		d.setFont(styleOf(i+1 == r.Ticked), SizeTable)
		cw := tickSize + 1.4 + d.width(clean(c.Label)) + 4
		if x > 0 && x+cw > aw {
			x, line = 0, line+1
		}
		ps = append(ps, placed{x, line, clean(c.Label)})
		x += cw
	}
	ansH := 0.0
	if len(ps) > 0 {
		ansH = (line+1)*(lh+1.2) - 1.2
	}
	if n := d.valueLines(r, aw); n > 0 {
		ansH = max(ansH, float64(n)*writeLineH-1.5)
	}
	h = max(float64(len(labelLines))*lh, ansH) + 2.2
	return labelLines, ps, h
}

// valueLines is the number of lines to write on: as many as asked, or as the answer needs.
func (d *Doc) valueLines(r ItemRow, aw float64) int {
	if r.Lines == 0 {
		return 0
	}
	if r.Value == "" {
		return r.Lines
	}
	return max(r.Lines, len(d.wrap([]Run{{Text: r.Value, Bold: true}}, SizeBody, aw-3)))
}

func (d *Doc) drawItem(r ItemRow, x0, x1, labelShare float64, y float64, labelLines [][]word, ps []placed) {
	w := x1 - x0
	lw := w * labelShare
	ax := x0 + lw + 2
	lh := lineHeight(SizeTable)
	y += 1.1
	for i, ln := range labelLines {
		d.drawLine(ln, x0, y+float64(i)*lh, SizeTable, "L", lw-1)
	}
	name := d.nextMark()
	codes := make([]string, len(r.Choices))
	for i, c := range r.Choices {
		codes[i] = c.Code
	}
	for i, p := range ps {
		py := y + p.line*(lh+1.2)
		d.TickBox(ax+p.x, py+0.3, tickSize)
		d.record(name, RadioField, ax+p.x, py+0.3, tickSize, tickSize, codes[i], r.Label, codes)
		if i+1 == r.Ticked {
			d.tick(ax+p.x, py+0.3, tickSize)
		}
		d.setFont("", SizeTable)
		if i+1 == r.Ticked {
			d.setFont("B", SizeTable)
		}
		d.text(ax+p.x+tickSize+1.4, py+lh*0.75, p.text)
	}
	var value [][]word
	if r.Value != "" {
		value = d.wrap([]Run{{Text: r.Value, Bold: true}}, SizeBody, x1-ax-3)
	}
	lines := d.valueLines(r, x1-x0-(x1-x0)*labelShare-2)
	if lines > 0 {
		end := x1
		if r.Hint != "" {
			d.setFont("I", SizeSmall-1)
			end -= d.width(clean(r.Hint)) + 1.5
		}
		d.lineArea(name, lines, ax, end, y+writeLineH-2.2, r.Label)
	}
	for i := 0; i < lines; i++ {
		ly := y + float64(i+1)*writeLineH - 2.2
		d.p.SetDrawColor(0, 0, 0)
		d.p.SetLineWidth(0.2)
		d.p.Line(ax, ly, x1, ly)
		if i < len(value) {
			d.drawLine(value[i], ax+2, ly-lineHeight(SizeBody)*0.95, SizeBody, "L", x1-ax-3)
		}
		if i == 0 && r.Hint != "" {
			// the format hint sits in grey at the right end of the line, where it does not
			// take the writer's room
			d.setFont("I", SizeSmall-1)
			d.p.SetTextColor(110, 110, 110)
			hw := d.width(clean(r.Hint))
			d.text(x1-hw, ly-0.8, clean(r.Hint))
		}
		d.resetText()
	}
	d.resetText()
}

func (d *Doc) rule(y float64) {
	d.p.SetDrawColor(190, 190, 190)
	d.p.SetLineWidth(0.15)
	d.p.Line(d.x0, y, d.x1, y)
	d.resetText()
}

// GridBlockHeight is the height of a band and its item rows, drawn with GridBand and
// GridItem: what a block needs on one page.
func (d *Doc) GridBlockHeight(rows []ItemRow) float64 {
	h := lineHeight(SizeH3) + 2.4 + 2.5
	for _, r := range rows {
		_, _, rh := d.layoutItem(r, d.x0, d.x1, gridLabelW)
		h += rh
	}
	return h
}

// GridItem prints one item row across the frame, with a light rule under it.
func (d *Doc) GridItem(r ItemRow) {
	ll, ps, h := d.layoutItem(r, d.x0, d.x1, gridLabelW)
	d.Ensure(h + d.bandHeight())
	d.drawBand()
	y := d.Y()
	d.drawItem(r, d.x0, d.x1, gridLabelW, y, ll, ps)
	d.rule(y + h)
	d.setY(y + h)
}

// GridPair prints two item rows side by side (short yes/no items).
func (d *Doc) GridPair(a, b ItemRow) {
	gap := 6.0
	mid := d.x0 + (d.Width()-gap)/2
	share := 0.62
	la, pa, ha := d.layoutItem(a, d.x0, mid, share)
	lb, pb, hb := d.layoutItem(b, mid+gap, d.x1, share)
	h := max(ha, hb)
	d.Ensure(h + d.bandHeight())
	d.drawBand()
	y := d.Y()
	d.drawItem(a, d.x0, mid, share, y, la, pa)
	d.drawItem(b, mid+gap, d.x1, share, y, lb, pb)
	d.rule(y + h)
	d.setY(y + h)
}

// tick draws a cross in a tick box, bold enough to read on a photocopy.
func (d *Doc) tick(x, y, s float64) {
	d.p.SetDrawColor(0, 0, 0)
	d.p.SetLineWidth(0.55)
	d.p.Line(x+0.5, y+0.5, x+s-0.5, y+s-0.5)
	d.p.Line(x+0.5, y+s-0.5, x+s-0.5, y+0.5)
	d.resetText()
}

// Labels tiles n cut-out labels, two columns by three rows per page, with dashed cut lines.
// draw lays out one label's content; it runs inside the label's frame and cannot add pages.
func (d *Doc) Labels(n int, draw func()) {
	if n <= 0 {
		return
	}
	cols, rows := 2, 3
	gap := 0.0
	if d.Y() > d.top+2 {
		// start the sheet on a fresh page unless the first row fits under what is there
		if d.Room() < (d.bottom()-d.top)/3 {
			d.NewPage()
		}
	}
	y0 := d.Y()
	lw := (d.Width() - gap) / float64(cols)
	lh := (d.bottom() - y0) / float64(rows)
	if lh < 60 {
		d.NewPage()
		y0 = d.Y()
		lh = (d.bottom() - y0) / float64(rows)
	}
	lh = min(lh, 78)
	for i := 0; i < n; i++ {
		slot := i % (cols * rows)
		if i > 0 && slot == 0 {
			d.NewPage()
			y0 = d.Y()
		}
		c, r := slot%cols, slot/cols
		x := d.x0 + float64(c)*(lw+gap)
		y := y0 + float64(r)*lh
		d.p.SetDrawColor(80, 80, 80)
		d.p.SetLineWidth(0.3)
		d.p.SetDashPattern([]float64{2, 1.5}, 0)
		d.p.Rect(x, y, lw, lh, "D")
		d.resetText()
		ox0, ox1, oy := d.x0, d.x1, d.Y()
		d.noBreak = true
		// a label whose text is taller than the label (a long school name) is drawn smaller,
		// never past its border
		scale := 1.0
		if h := d.labelHeight(draw, x+4, x+lw-4, y+4); h > lh-6 {
			scale = max(0.6, (lh-6)/h)
		}
		d.x0, d.x1 = x+4, x+4+(lw-8)/scale
		d.setY(y + 4)
		d.scaled(scale, x+4, y+4, draw)
		d.noBreak = false
		d.x0, d.x1 = ox0, ox1
		d.setY(oy)
	}
	last := (n - 1) % (cols * rows)
	d.setY(y0 + float64(last/cols+1)*lh)
	d.Space(3)
}

// scaled runs draw with everything it paints scaled by scale around (x, y); at 1 it draws as
// is. The frame is the caller's to widen by 1/scale.
func (d *Doc) scaled(scale, x, y float64, draw func()) {
	if scale >= 1 {
		draw()
		return
	}
	d.p.TransformBegin()
	d.p.TransformScale(scale*100, scale*100, x, y)
	d.transformed = true
	draw()
	d.p.TransformEnd()
	d.transformed = false
	d.stale = true // the font and colours set inside are restored
	if d.cache != nil {
		d.cache.forget()
	}
}

// labelHeight is the height draw takes in a label whose text runs from x0 to x1, from y:
// drawn once with nothing painted.
func (d *Doc) labelHeight(draw func(), x0, x1, y float64) float64 {
	p, ox0, ox1 := d.p, d.x0, d.x1
	d.p, d.x0, d.x1, d.measuring = nopPainter{}, x0, x1, true
	d.setY(y)
	draw()
	h := d.Y() - y
	d.p, d.x0, d.x1, d.measuring = p, ox0, ox1, false
	return h
}
