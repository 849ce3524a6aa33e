package pdf

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Run is a span of text in one style.
type Run struct {
	Text string
	Bold bool
}

// Plain is a single-run text.
func Plain(s string) []Run { return []Run{{Text: s}} }

// replacements maps characters the embedded fonts lack to ones they have, so that no empty
// glyph box is ever printed.
var replacements = strings.NewReplacer(
	"\u202f", "\u00a0", // narrow no-break space (French typography)
	"\u2011", "-", // non-breaking hyphen
	"\u2009", " ", "\u200a", " ", "\u2007", " ",
	"\u200b", "", "\ufeff", "",
	"\t", " ",
)

// clean normalizes s for printing: known substitutions, no control characters, and a question
// mark for any character the fonts lack, so that no empty glyph box is ever printed.
func clean(s string) string {
	// most text needs nothing: characters the fonts have, none to substitute
	plain := true
	for _, r := range s {
		switch r {
		case '\u202f', '\u2011', '\u2009', '\u200a', '\u2007', '\u200b', '\ufeff', '\t':
			plain = false
		default:
			plain = !unicode.IsControl(r) && HasGlyph(r)
		}
		if !plain {
			break
		}
	}
	if plain {
		return s
	}
	s = replacements.Replace(s)
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r):
			return -1
		case !HasGlyph(r):
			return '?'
		}
		return r
	}, s)
}

func lineHeight(size float64) float64 { return size * 0.3528 * 1.32 }

type word struct {
	text   string
	bold   bool
	w      float64
	space  bool // preceded by a space
	hyphen bool // the head of a cut word: a hyphen is drawn after it (counted in w)
}

// glued reports whether next must stay on the line of prev: the groups of a number ("1 800",
// "450 555-0142", "2026-11-24 09:15", "1 866 APPELLE (277-3553)") and the word that names a
// number ("poste 2107", "ext. 2107", "s. 163.1", "Law 25").
func glued(prev, next string) bool {
	if i := strings.LastIndexByte(prev, ' '); i >= 0 {
		prev = prev[i+1:] // the last group of a number already glued
	}
	if prev == "" || next == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	head, _ := utf8.DecodeRuneInString(next)
	paren := head == '(' && len(next) > 1 && unicode.IsDigit(rune(next[1]))
	if unicode.IsDigit(head) || paren {
		if unicode.IsDigit(last) {
			return true
		}
		// APPELLE (277-3553): a number spelt in capitals, then in digits
		if paren && len(prev) > 2 && strings.IndexFunc(prev, func(r rune) bool { return !unicode.IsUpper(r) }) < 0 {
			return true
		}
		// a word that names the number: an extension, a section, a law
		switch strings.ToLower(strings.TrimRight(prev, ",;:")) {
		case "poste", "ext.", "ext", "s.", "ss.", "art.", "law", "loi", "n°", "no.":
			return !strings.ContainsAny(prev, ",;:")
		}
		return false
	}
	// a number spelt in capitals after its digits (1 866 APPELLE)
	if unicode.IsDigit(last) && len(next) > 2 && strings.ToUpper(next) == next && strings.IndexFunc(next, unicode.IsLetter) == 0 {
		return strings.IndexFunc(next, func(r rune) bool { return !unicode.IsUpper(r) }) < 0
	}
	return false
}

// words splits runs at plain spaces (no-break spaces keep words together).
func (d *Doc) words(runs []Run, size float64) []word {
	var out []word
	pendingSpace := false
	for _, r := range runs {
		style := ""
		if r.Bold {
			style = "B"
		}
		d.setFont(style, size)
		t := clean(r.Text)
		first := len(out) // the run's first word: numbers are glued within a run only
		for i, part := range strings.Split(t, " ") {
			if i > 0 {
				pendingSpace = true
			}
			if part == "" {
				continue
			}
			// a phone number, an extension or a date and time is never cut across lines:
			// people dial what they read ("1 800 263-2266", "poste 2107")
			if k := len(out) - 1; k >= first && pendingSpace && glued(out[k].text, part) {
				out[k].text += " " + part
				out[k].w = d.width(out[k].text)
				pendingSpace = false
				continue
			}
			out = append(out, word{text: part, bold: r.Bold, w: d.width(part), space: pendingSpace && len(out) > 0})
			pendingSpace = false
		}
	}
	return out
}

// wrap breaks runs into lines no wider than w; a word wider than w is cut.
func (d *Doc) wrap(runs []Run, size, w float64) [][]word {
	ws := d.words(runs, size)
	d.setFont("", size)
	space := d.width(" ")
	var lines [][]word
	var cur []word
	curW := 0.0
	for _, wd := range ws {
		if wd.w > w { // cut a very long word
			// The word is measured once, into running widths: each cut is then a binary search
			// (a pasted link of thousands of characters must not cost their square or cube).
			d.setFont(styleOf(wd.bold), size)
			pw := d.prefixWidths(wd.text)
			r := []rune(wd.text)
			off := 0 // runes of the word already placed
			for wd.w > w && off < len(r) {
				left := len(r) - off
				limit := w - curW - space
				// the longest head that fits, at least one rune
				n := sort.Search(left, func(k int) bool { return pw.width(off, off+k+1) > limit })
				n = max(n, 1)
				if len(cur) > 0 && n < left/3 {
					lines = append(lines, cur)
					cur, curW = nil, 0
					continue
				}
				head := word{text: string(r[off : off+n]), bold: wd.bold, w: pw.width(off, off+n), space: wd.space && len(cur) > 0}
				if k, hyphen := refineCut(r[off:], n, limit, func(j int) float64 { return pw.width(off, off+j) }, d.width("-")); k != n || hyphen {
					n = k
					head.text, head.w, head.hyphen = string(r[off:off+n]), pw.width(off, off+n), hyphen
					if hyphen {
						head.w += d.width("-")
					}
				}
				cur = append(cur, head)
				lines = append(lines, cur)
				cur, curW = nil, 0
				off += n
				wd = word{text: string(r[off:]), bold: wd.bold, w: pw.width(off, len(r))}
			}
		}
		add := wd.w
		if len(cur) > 0 && wd.space {
			add += space
		}
		if len(cur) > 0 && curW+add > w {
			lines = append(lines, cur)
			cur, curW = nil, 0
			wd.space = false
			add = wd.w
		}
		if len(cur) == 0 {
			wd.space = false
		}
		cur = append(cur, wd)
		curW += add
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// runWidths holds the running widths of a text's runes in the current font, in glyph units:
// units[i] is the width of the first i runes. The fonts have no kerning, so the width of any
// run of runes is a difference, the same number the PDF library gives for that substring.
type runWidths struct {
	units []int
	size  float64 // the font size in user units
}

func (d *Doc) prefixWidths(s string) runWidths {
	units := make([]int, 1, len(s)+1)
	sum := 0
	for i := 0; i < len(s); {
		// one rune at a time, as []rune and range count them (an invalid byte is one rune)
		_, n := utf8.DecodeRuneInString(s[i:])
		sum += d.m.GetStringSymbolWidth(s[i : i+n])
		units = append(units, sum)
		i += n
	}
	_, size := d.m.GetFontSize()
	return runWidths{units: units, size: size}
}

// width is the width of runes [i, j).
func (p runWidths) width(i, j int) float64 { return float64(p.units[j]-p.units[i]) * p.size / 1000 }

func styleOf(bold bool) string {
	if bold {
		return "B"
	}
	return ""
}

// drawLine prints one wrapped line at (x, y) (y is the top of the line).
func (d *Doc) drawLine(line []word, x, y, size float64, align string, w float64) {
	total := lineWidth(d, line, size)
	d.setFont("", size)
	space := d.width(" ")
	if OnOverflow != nil {
		d.setBox(x, x+w) // before alignment moves x
		defer d.unbox()
	}
	switch align {
	case "C":
		x += (w - total) / 2
	case "R":
		x += w - total
	}
	lh := lineHeight(size)
	// consecutive words of one style are shown as one string: fewer operators, and text that
	// copies out of the PDF with its spaces
	for i := 0; i < len(line); {
		j := i + 1
		for j < len(line) && line[j].bold == line[i].bold {
			j++
		}
		if i > 0 && line[i].space {
			x += space
		}
		var b strings.Builder
		w := 0.0
		for k := i; k < j; k++ {
			if k > i && line[k].space {
				b.WriteByte(' ')
				w += space
			}
			b.WriteString(line[k].text)
			if line[k].hyphen {
				b.WriteByte('-')
			}
			w += line[k].w
		}
		d.setFont(styleOf(line[i].bold), size)
		d.text(x, y+lh*0.75, b.String())
		x += w
		i = j
	}
}

// textBlock measures or draws wrapped text in a column; it returns the height used.
func (d *Doc) textHeight(runs []Run, size, w float64) float64 {
	return float64(len(d.wrap(runs, size, w))) * lineHeight(size)
}

// flow prints wrapped text from the current position, breaking pages between lines; x is the
// left edge and w the width. It returns the y after the text.
func (d *Doc) flow(runs []Run, size, x, w float64, align string) {
	lh := lineHeight(size)
	lines := d.wrap(runs, size, w)
	for i, ln := range lines {
		// no widow or orphan line: a paragraph of up to three lines stays whole, a longer one
		// leaves at least two lines on each side of a page break
		need := lh
		if i == 0 && len(lines) > 1 {
			need = float64(min(len(lines), 2)) * lh
			if len(lines) <= 3 {
				need = float64(len(lines)) * lh
			}
		}
		if len(lines)-i == 2 {
			need = 2 * lh
		}
		d.Ensure(need)
		d.drawLine(ln, x, d.Y(), size, align, w)
		d.setY(d.Y() + lh)
	}
	d.resetText()
}

// Title prints the document title.
func (d *Doc) Title(s string) {
	d.Ensure(30)
	d.flow([]Run{{Text: s, Bold: true}}, SizeH1, d.x0, d.Width(), "L")
	d.Space(3)
}

// Heading prints a level-2 (or 3) heading, kept with what follows.
func (d *Doc) Heading(level int, s string) {
	size := SizeH2
	if level >= 3 {
		size = SizeH3
	}
	h := d.textHeight([]Run{{Text: s, Bold: true}}, size, d.Width())
	// A heading never stands alone at the bottom of a page: require room for it and about
	// four lines of what follows.
	d.Space(2.5)
	d.Ensure(h + 4*lineHeight(SizeBody) + 2)
	d.flow([]Run{{Text: s, Bold: true}}, size, d.x0, d.Width(), "L")
	if level <= 2 {
		d.p.SetDrawColor(0, 0, 0)
		d.p.SetLineWidth(0.4)
		d.p.Line(d.x0, d.Y()+0.3, d.x1, d.Y()+0.3)
		d.resetText()
		d.Space(1.5)
	}
	d.Space(1)
}

// HeadingHeight is the room a heading takes.
func (d *Doc) HeadingHeight(level int, s string) float64 {
	size := SizeH2
	if level >= 3 {
		size = SizeH3
	}
	return d.textHeight([]Run{{Text: s, Bold: true}}, size, d.Width()) + 6
}

// ParagraphHeight is the room a paragraph takes.
func (d *Doc) ParagraphHeight(runs []Run) float64 {
	return d.textHeight(runs, SizeBody, d.Width()) + 2
}

// Paragraph prints wrapped text across the frame.
func (d *Doc) Paragraph(runs []Run) {
	d.flow(runs, SizeBody, d.x0, d.Width(), "L")
	d.Space(2)
}

// Centered prints one centred paragraph at size.
func (d *Doc) Centered(runs []Run, size float64) {
	d.flow(runs, size, d.x0, d.Width(), "C")
	d.Space(1.5)
}

// Small prints a paragraph in a small size.
func (d *Doc) Small(runs []Run) {
	d.flow(runs, SizeSmall, d.x0, d.Width(), "L")
	d.Space(1.5)
}

// Bullet prints an item with marker ("•", "3.") hanging in the left indent.
func (d *Doc) Bullet(marker string, runs []Run) {
	indent := 6.0
	lh := lineHeight(SizeBody)
	d.Ensure(lh * float64(min(2, len(d.wrap(runs, SizeBody, d.Width()-indent)))))
	y := d.Y()
	d.setFont("", SizeBody)
	d.text(d.x0+1, y+lh*0.75, marker)
	d.flow(runs, SizeBody, d.x0+indent, d.Width()-indent, "L")
	d.Space(1)
}

// TickBox draws an empty square of side s with its top-left corner at (x, y).
func (d *Doc) TickBox(x, y, s float64) {
	d.p.SetDrawColor(0, 0, 0)
	d.p.SetLineWidth(0.3)
	d.p.Rect(x, y, s, s, "D")
	d.resetText()
}

// TickItem prints a checklist line with a box to tick.
func (d *Doc) TickItem(runs []Run) {
	indent := 7.0
	lh := lineHeight(SizeBody)
	d.Ensure(lh*float64(min(2, len(d.wrap(runs, SizeBody, d.Width()-indent)))) + 1)
	d.TickBox(d.x0+0.5, d.Y()+0.4, 3.6)
	d.flow(runs, SizeBody, d.x0+indent, d.Width()-indent, "L")
	d.Space(1.6)
}

// refineCut moves a cut inside the word r, whose n first runes fit in limit: after one of the
// word's own hyphens or slashes when there is one late enough; else between two letters, one
// rune earlier if need be, with a hyphen added (hyphen true). A cut inside a number or a code
// stays where it is, without a hyphen, which would change it. width(j) measures r[:j].
func refineCut(r []rune, n int, limit float64, width func(j int) float64, hw float64) (int, bool) {
	if n >= len(r) {
		return n, false
	}
	if k := lastBreak(r[:n]); k >= n/3 {
		return k + 1, false
	}
	if n > 3 && len(r)-n >= 2 {
		m := n
		for m > 3 && width(m)+hw > limit {
			m--
		}
		if width(m)+hw <= limit && unicode.IsLetter(r[m-1]) && unicode.IsLetter(r[m]) {
			return m, true
		}
	}
	return n, false
}

// lastBreak is the index of the last hyphen or slash of r that a line may end after, or -1.
func lastBreak(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		switch r[i] {
		case '-', '/', '\u2010', '\u2013':
			return i
		}
	}
	return -1
}
