package pdf

import (
	"strconv"
	"strings"
)

const pad = 2.5 // inner padding of boxes

// WarningBox prints paragraphs in a thick black frame on a light grey ground, bold: the
// never-view rule and other warnings that must survive a black-and-white photocopy.
func (d *Doc) WarningBox(paras [][]Run) {
	d.box(paras, true)
}

// NoteBox prints paragraphs in a thin frame.
func (d *Doc) NoteBox(paras [][]Run) {
	d.box(paras, false)
}

// WarningBoxHeight is the room WarningBox(paras) takes, with the space after it.
func (d *Doc) WarningBoxHeight(paras [][]Run) float64 {
	bold := make([][]Run, len(paras))
	for i, p := range paras {
		bold[i] = make([]Run, len(p))
		for j, r := range p {
			bold[i][j] = Run{Text: r.Text, Bold: true}
		}
	}
	lines, gaps := d.paraLines(bold, d.Width()-2*pad-7)
	return float64(len(lines))*lineHeight(SizeBody) + 2*pad + float64(len(gaps))*1.5 + 1 + 3
}

func (d *Doc) box(paras [][]Run, strong bool) {
	w := d.Width() - 2*pad
	if strong {
		w -= 7
	}
	lh := lineHeight(SizeBody)
	if strong {
		bold := make([][]Run, len(paras))
		for i, p := range paras {
			bold[i] = make([]Run, len(p))
			for j, r := range p {
				bold[i][j] = Run{Text: r.Text, Bold: true}
			}
		}
		paras = bold
	}
	lines, gaps := d.paraLines(paras, w)
	h := float64(len(lines))*lh + 2*pad + float64(len(gaps))*1.5
	if h > d.bottom()-d.top {
		// Too tall for any page: print as plain paragraphs rather than overflow.
		for _, p := range paras {
			d.Paragraph(p)
		}
		return
	}
	d.Ensure(h + 1)
	y := d.Y()
	if strong {
		d.p.SetFillColor(235, 235, 235)
		d.p.SetDrawColor(0, 0, 0)
		d.p.SetLineWidth(0.8)
		d.p.Rect(d.x0+0.4, y, d.Width()-0.8, h, "FD")
		// an exclamation mark in a triangle, drawn, so it needs no glyph
		tx, ty := d.x0+pad+0.5, y+pad+0.3
		d.p.SetLineWidth(0.5)
		d.p.Polygon([]pointType{{X: tx + 2.75, Y: ty}, {X: tx + 5.5, Y: ty + 4.8}, {X: tx, Y: ty + 4.8}}, "D")
		d.p.Line(tx+2.75, ty+1.6, tx+2.75, ty+3.3)
		d.p.Circle(tx+2.75, ty+4.0, 0.2, "F")
	} else {
		d.p.SetDrawColor(90, 90, 90)
		d.p.SetLineWidth(0.3)
		d.p.Rect(d.x0+0.2, y, d.Width()-0.4, h, "D")
	}
	d.resetText()
	x := d.x0 + pad
	if strong {
		x += 7
	}
	d.drawParaLines(lines, gaps, x, y+pad, w, 1.5)
	d.setY(y + h)
	d.Space(3)
}

// paraLines wraps paragraphs at the body size; gaps holds the index of the first line of each
// paragraph after the first.
func (d *Doc) paraLines(paras [][]Run, w float64) (lines [][]word, gaps []int) {
	for i, p := range paras {
		if i > 0 {
			gaps = append(gaps, len(lines))
		}
		lines = append(lines, d.wrap(p, SizeBody, w)...)
	}
	return lines, gaps
}

// drawParaLines draws lines from paraLines from y down, with gap between paragraphs.
func (d *Doc) drawParaLines(lines [][]word, gaps []int, x, y, w, gap float64) {
	lh := lineHeight(SizeBody)
	g := 0
	for i, ln := range lines {
		if g < len(gaps) && gaps[g] == i {
			y += gap
			g++
		}
		d.drawLine(ln, x, y, SizeBody, "L", w)
		y += lh
	}
}

// Table is a table with wrapped cells. Widths are relative weights (nil: equal columns).
type Table struct {
	Widths    []float64
	Header    []string
	Rows      [][]string
	BlankRows int     // empty rows to fill in by hand
	RowHeight float64 // height of blank rows (default 9 mm)
	// Whole marks the columns of identifiers (seal and event numbers) whose words must never
	// be cut: such a column widens to its longest word, taking room from the others.
	Whole []bool
}

// TableStartHeight is the room needed to start t: all of it when it is short (a third of a
// page at most: it is then kept whole), else its header and first row. Keeping a longer table
// whole would push it to the next page and leave most of this one empty.
func (d *Doc) TableStartHeight(t Table) float64 {
	total, first := d.tableHeights(t)
	if total <= (d.bottom()-d.top)/3 {
		return total
	}
	return first
}

// TableHeight is the height of the whole table t.
func (d *Doc) TableHeight(t Table) float64 {
	total, _ := d.tableHeights(t)
	return total
}

func (d *Doc) tableHeights(t Table) (total, first float64) {
	ws, n := d.tableWidths(t)
	if n == 0 {
		return 0, 0
	}
	lh := lineHeight(SizeTable)
	rowH := func(cells []string, bold bool) float64 {
		h := 0.0
		for i := 0; i < n; i++ {
			s := ""
			if i < len(cells) {
				s = cells[i]
			}
			h = max(h, float64(len(d.wrap([]Run{{Text: s, Bold: bold}}, SizeTable, ws[i]-2*cellPad)))*lh)
		}
		return h + 2*cellPad
	}
	if len(t.Header) > 0 {
		total = rowH(t.Header, true)
	}
	first = total
	for i, r := range t.Rows {
		h := rowH(r, false)
		total += h
		if i == 0 {
			first += h
		}
	}
	total += float64(t.BlankRows) * t.rowHeight()
	if len(t.Rows) == 0 && t.BlankRows > 0 {
		first += t.rowHeight()
	}
	return total, first
}

func (t Table) rowHeight() float64 {
	if t.RowHeight == 0 {
		return 9
	}
	return t.RowHeight
}

const cellPad = 1.5

func (d *Doc) tableWidths(t Table) ([]float64, int) {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	ws := make([]float64, n)
	sum := 0.0
	for i := range ws {
		ws[i] = 1
		if i < len(t.Widths) && t.Widths[i] > 0 {
			ws[i] = t.Widths[i]
		}
		sum += ws[i]
	}
	for i := range ws {
		ws[i] = ws[i] / sum * d.Width()
	}
	d.widenWhole(t, ws)
	return ws, n
}

// widenWhole widens each Whole column to its longest word (up to 40 % of the width), taking
// the room from the other columns in proportion to their widths.
func (d *Doc) widenWhole(t Table, ws []float64) {
	for i := range ws {
		if i >= len(t.Whole) || !t.Whole[i] {
			continue
		}
		need := 0.0
		col := func(cells []string, bold bool) {
			if i < len(cells) {
				for _, w := range d.words([]Run{{Text: cells[i], Bold: bold}}, SizeTable) {
					need = max(need, w.w+2*cellPad+0.5)
				}
			}
		}
		col(t.Header, true)
		for _, r := range t.Rows {
			col(r, false)
		}
		need = min(need, 0.4*d.Width())
		if need <= ws[i] {
			continue
		}
		rest := d.Width() - ws[i]
		scale := (d.Width() - need) / rest
		for j := range ws {
			if j != i {
				ws[j] *= scale
			}
		}
		ws[i] = need
	}
}

// Table prints t, breaking across pages between rows and repeating the header.
func (d *Doc) Table(t Table) {
	ws, n := d.tableWidths(t)
	if n == 0 {
		return
	}
	lh := lineHeight(SizeTable)
	measure := func(cells []string, bold bool) ([][][]word, float64) {
		out := make([][][]word, n)
		h := 0.0
		for i := 0; i < n; i++ {
			s := ""
			if i < len(cells) {
				s = cells[i]
			}
			out[i] = d.wrap([]Run{{Text: s, Bold: bold}}, SizeTable, ws[i]-2*cellPad)
			h = max(h, float64(len(out[i]))*lh)
		}
		return out, h + 2*cellPad
	}
	draw := func(lines [][][]word, h float64, fill bool) {
		y := d.Y()
		x := d.x0
		d.p.SetDrawColor(0, 0, 0)
		d.p.SetLineWidth(0.25)
		for i := 0; i < n; i++ {
			style := "D"
			if fill {
				d.p.SetFillColor(225, 225, 225)
				style = "FD"
			}
			d.p.Rect(x, y, ws[i], h, style)
			for j, ln := range lines[i] {
				d.drawLine(ln, x+cellPad, y+cellPad+float64(j)*lh, SizeTable, "L", ws[i]-2*cellPad)
			}
			x += ws[i]
		}
		d.resetText()
		d.setY(y + h)
	}
	var hl [][][]word
	hh := 0.0
	if len(t.Header) > 0 {
		hl, hh = measure(t.Header, true)
	}
	header := func() {
		if hh > 0 {
			draw(hl, hh, true)
		}
	}
	rows := t.Rows
	rh := t.rowHeight()
	// A table that fits on one page is kept whole.
	d.Ensure(d.TableStartHeight(t))
	first := true
	emit := func(lines [][][]word, h float64) {
		if first {
			d.Ensure(hh + h)
			header()
			first = false
		} else if d.Room() < h && !d.noBreak {
			d.NewPage()
			header()
		}
		draw(lines, h, false)
	}
	for _, r := range rows {
		emit(measure(r, false))
	}
	empty := make([][][]word, n)
	for i := 0; i < t.BlankRows; i++ {
		emit(empty, rh)
		d.cellAreas(ws, t.Header, d.Y()-rh, rh)
	}
	if first {
		d.Ensure(hh)
		header()
	}
	d.Space(3)
}

// Fields prints labelled lines to write on, side by side.
func (d *Doc) Fields(labels []string) {
	if len(labels) == 0 {
		return
	}
	gap := 5.0
	w := (d.Width() - gap*float64(len(labels)-1)) / float64(len(labels))
	lh := lineHeight(SizeBody)
	// measure: a label takes at most 55 % of its field; longer labels wrap
	type lay struct {
		lines [][]word
		lastW float64
	}
	lays := make([]lay, len(labels))
	rows := 1
	for i, l := range labels {
		lines := d.wrap([]Run{{Text: l}}, SizeBody, w*0.55)
		last := 0.0
		if len(lines) > 0 {
			last = lineWidth(d, lines[len(lines)-1], SizeBody)
		}
		lays[i] = lay{lines, last}
		rows = max(rows, len(lines))
	}
	h := float64(rows)*lh + 4
	d.Ensure(h)
	y := d.Y() + 3
	for i, l := range lays {
		x := d.x0 + float64(i)*(w+gap)
		off := float64(rows-len(l.lines)) * lh
		for j, ln := range l.lines {
			d.drawLine(ln, x, y+off+float64(j)*lh, SizeBody, "L", w)
		}
		base := y + float64(rows)*lh - 0.6
		d.p.SetDrawColor(0, 0, 0)
		d.p.SetLineWidth(0.25)
		d.p.Line(x+l.lastW+1.5, base, x+w, base)
		d.lineArea(d.nextMark(), 1, x+l.lastW+1.5, x+w, base, labels[i])
	}
	d.resetText()
	d.setY(y + float64(rows)*lh + 1.5)
}

func lineWidth(d *Doc, ln []word, size float64) float64 {
	d.setFont("", size)
	space := d.width(" ")
	t := 0.0
	for i, w := range ln {
		if i > 0 && w.space {
			t += space
		}
		t += w.w
	}
	return t
}

// BlankLines prints n full-width lines to write on.
func (d *Doc) BlankLines(n int) {
	for i := 0; i < n; i++ {
		d.Ensure(8)
		y := d.Y() + 7.5
		d.p.SetDrawColor(0, 0, 0)
		d.p.SetLineWidth(0.2)
		d.p.Line(d.x0, y, d.x1, y)
		d.setY(y)
	}
	d.resetText()
	d.Space(2)
}

// SignaturesHeight is the room signature blocks take.
func (d *Doc) SignaturesHeight() float64 { return 36 }

// signaturesHeight is the room of signature blocks with n lines to fill under each (4 mm
// of space around them included), and fieldGap the distance between those lines.
func signaturesHeight(n int) float64 {
	if n <= 2 {
		return 36
	}
	return 22 + float64(n-1)*fieldGap(n) + 1.5 + 4
}

func fieldGap(n int) float64 {
	if n <= 2 {
		return 7.5
	}
	return 6.5
}

// LetterSignatureHeight is the room a letter's signature takes, per signatory line.
func (d *Doc) LetterSignatureHeight(lines int) float64 {
	return 18 + float64(lines)*lineHeight(SizeBody)
}

// Signatures prints signature blocks side by side: a line to sign on, the role, and lines for
// the name and the date.
func (d *Doc) Signatures(roles []string) { d.SignaturesWith(roles, nil) }

// SignaturesWith prints signature blocks with the given lines to fill under each (nil: the name
// and the date), e.g. name, badge, date and time for the officer who takes the devices.
func (d *Doc) SignaturesWith(roles, fields []string) {
	if len(roles) == 0 {
		return
	}
	gap := 6.0
	w := (d.Width() - gap*float64(len(roles)-1)) / float64(len(roles))
	h := signaturesHeight(len(fields)) - 4
	if len(fields) == 0 {
		fields = []string{d.furniture.Name, d.furniture.Date}
	}
	d.Space(2)
	d.Ensure(h)
	y := d.Y()
	lh := lineHeight(SizeSmall)
	words := d.furniture
	for i, role := range roles {
		x := d.x0 + float64(i)*(w+gap)
		d.p.SetDrawColor(0, 0, 0)
		d.p.SetLineWidth(0.3)
		d.p.Line(x, y+12, x+w, y+12)
		d.setFont("B", SizeSmall)
		lines := d.wrap([]Run{{Text: words.Signature + " — " + role, Bold: true}}, SizeSmall, w)
		for j, ln := range lines[:min(2, len(lines))] {
			d.drawLine(ln, x, y+12.8+float64(j)*lh, SizeSmall, "L", w)
		}
		for j, lbl := range fields {
			by := y + 22 + float64(j)*fieldGap(len(fields))
			d.setFont("", SizeSmall)
			d.text(x, by, lbl)
			lw := d.width(lbl) + 1.5
			d.p.SetLineWidth(0.2)
			d.p.Line(x+lw, by+0.4, x+w, by+0.4)
		}
	}
	d.resetText()
	d.setY(y + h + 2)
}

// Letterhead prints the school's logo (if any), name and contact lines, and a rule.
func (d *Doc) Letterhead(name string, lines []string) {
	y := d.Y()
	x := d.x0
	if len(d.o.Logo) > 0 {
		info := d.f.GetImageInfo("logo")
		if info != nil && info.Height() > 0 {
			h := 18.0
			w := h * info.Width() / info.Height()
			if w > 45 {
				w, h = 45, 45*info.Height()/info.Width()
			}
			d.p.ImageOptions("logo", x, y, w, h, false, imageOptions(d.o.LogoType), 0, "")
			x += w + 5
		}
	}
	lw := d.x1 - x
	d.setY(y)
	d.flow([]Run{{Text: name, Bold: true}}, SizeH3+1, x, lw, "L")
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			d.flow(Plain(l), SizeSmall+0.5, x, lw, "L")
		}
	}
	if len(d.o.Logo) > 0 {
		d.setY(max(d.Y(), y+18))
	}
	d.Space(1.5)
	d.p.SetLineWidth(0.4)
	d.p.Line(d.x0, d.Y(), d.x1, d.Y())
	d.resetText()
	d.Space(6)
}

// ContentsEntry is one line of a table of contents.
type ContentsEntry struct {
	Title string
	Key   string // section key whose first page is printed
}

// Contents prints a table of contents with dot leaders and page numbers from the first pass.
func (d *Doc) Contents(entries []ContentsEntry) {
	lh := lineHeight(SizeBody) + 1.2
	for _, e := range entries {
		page := ""
		if p := d.PageOf(e.Key); p > 0 {
			page = strconv.Itoa(p)
		}
		d.setFont("", SizeBody)
		pw := d.width("000")
		// a long title wraps; the leader and the page number go on its last line
		lines := d.wrap(Plain(e.Title), SizeBody, d.Width()-pw-12)
		if len(lines) == 0 {
			lines = [][]word{nil}
		}
		d.Ensure(float64(len(lines)) * lh)
		for _, ln := range lines[:len(lines)-1] {
			d.drawLine(ln, d.x0+2, d.Y()+lh*0.7-lineHeight(SizeBody)*0.75, SizeBody, "L", d.Width()-pw-12)
			d.setY(d.Y() + lh)
		}
		y := d.Y()
		last := lines[len(lines)-1]
		tw := lineWidth(d, last, SizeBody)
		d.drawLine(last, d.x0+2, y+lh*0.7-lineHeight(SizeBody)*0.75, SizeBody, "L", d.Width()-pw-12)
		d.setFont("", SizeBody)
		if page != "" {
			d.text(d.x1-d.width(page), y+lh*0.7, page)
		}
		if page == "" {
			d.setY(y + lh)
			continue
		}
		// dotted leader, drawn rather than typed so it stays aligned
		d.p.SetDrawColor(120, 120, 120)
		d.p.SetLineWidth(0.25)
		d.p.SetDashPattern([]float64{0.3, 1.2}, 0)
		d.p.Line(d.x0+2+tw+2, y+lh*0.7, d.x1-pw-2, y+lh*0.7)
		d.resetText()
		d.setY(y + lh)
	}
	d.Space(3)
}

// LetterSignature closes a letter: room to sign, then each signatory's line of text.
func (d *Doc) LetterSignature(names []string) {
	d.Space(2)
	d.Ensure(22)
	y := d.Y() + 14
	d.p.SetDrawColor(0, 0, 0)
	d.p.SetLineWidth(0.3)
	d.p.Line(d.x0, y, d.x0+70, y)
	d.resetText()
	d.setY(y + 1)
	for _, n := range names {
		d.flow(Plain(n), SizeBody, d.x0, d.Width(), "L")
	}
	d.Space(2)
}
