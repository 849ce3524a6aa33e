// Package pdf is sexto's page layer and the only package that imports the PDF library. It
// lays out documents in millimetres on US Letter or A4 with embedded Unicode fonts, draws the
// page furniture (header, footer with "page X of Y" per section, CONFIDENTIEL and SPÉCIMEN
// marks), and offers the primitives the documents are made of: headings, wrapped rich text,
// boxes, tables that break across pages, writing lines, tick boxes, signature blocks,
// flowcharts and cut-out labels.
//
// Output is reproducible by construction: resources are written in sorted order, every date
// comes from Options.Now, and the producer string is fixed. Documents are rendered twice: the
// first pass counts the pages of each section so that the second can print "page X of Y"
// (the PDF library's page-count alias does not survive font subsetting).
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
)

// Paper sizes.
const (
	Letter = "letter"
	A4     = "a4"
)

// Words are the fixed words of the page furniture, in the document's language.
type Words struct {
	Page         string // "Page %d de %d"
	Confidential string // CONFIDENTIEL
	Specimen     string // SPÉCIMEN (the diagonal mark)
	SpecimenNote string // SPÉCIMEN — aucune entente configurée
	Signature    string
	Name         string
	Date         string
	Continued    string // "page %d": the continuation header of a letter's later pages
}

// Options configure a document.
type Options struct {
	Paper    string // Letter (default) or A4
	Lang     string // BCP 47 tag written in the PDF catalog, e.g. "fr-CA"
	Title    string
	Author   string
	Subject  string
	Creator  string
	Now      time.Time // the one clock: creation and modification dates
	Specimen bool      // mark every page SPÉCIMEN
	Header   string    // left part of the running header (e.g. the school name)
	Words    Words
	// FooterNote is a small line under the footer on every page (e.g. the rules version
	// and the source file's SHA-256).
	FooterNote string
	Logo       []byte // optional school logo (PNG or JPEG) for the letterhead
	LogoType   string // "png" or "jpg"
}

// Producer is the fixed producer string written in every PDF.
const Producer = "sexto"

// Doc is a document being laid out.
type Doc struct {
	f    *fpdf.Fpdf
	p    painter // f when drawing, a no-op during the counting pass
	o    Options
	prev *plan // page counts from the first pass; nil during it
	rec  *plan

	pageW, pageH           float64
	left, right, top, bott float64 // margins
	x0, x1                 float64 // current frame
	noBreak                bool    // inside a fixed box (labels): never add pages
	band                   string  // a grid band waiting for its first item
	furniture              Words   // page furniture words of the current section

	sec     int // current section, -1 before the first
	pending *section
	inSec   int // page number within the section
	// font in force for measuring and drawing, and the one last written to the page
	size  float64
	style string
	// stale marks the library's font as not the page's (after a restored graphics state)
	stale bool
	// the layout check's box (see overflow.go), and whether a rotation is in force
	boxX0, boxX1       float64
	boxed, transformed bool
	inFurniture        bool              // drawing the header, the footer or the watermark (outside the frame)
	fits               map[fitKey]fitted // fitted() of the page furniture
	measuring          bool              // laying out to measure only: nothing is written
	m                  *fpdf.Fpdf        // measurer
	cache              *cachedPainter

	form *formRec // answer areas named and recorded (fields.go)
}

type section struct {
	key          string
	title        string
	confidential bool
	words        *Words // nil: the document's
	letter       bool   // no running header or footer; cont heads its later pages
	cont         string
}

type plan struct {
	sections []section
	pages    []int // pages per section
	start    []int // first page (absolute) per section
}

// Standard sizes, in points.
const (
	SizeBody  = 10.0
	SizeSmall = 8.0
	SizeTable = 9.0
	SizeH1    = 18.0
	SizeH2    = 13.0
	SizeH3    = 11.0
)

const family = "sans"

// Page margins in millimetres: a form's, below its running header and above its footer, and a
// letter's, which has neither.
const (
	marginTop, marginBottom = 20.0, 20.0
	letterTop, letterBottom = 15.0, 14.0
)

// Render lays out a document with build, twice, and returns the PDF bytes.
func Render(o Options, build func(*Doc) error) ([]byte, error) {
	first, err := newDoc(o, nil)
	if err != nil {
		return nil, err
	}
	if err := first.run(build); err != nil {
		return nil, err
	}
	second, err := newDoc(o, first.rec)
	if err != nil {
		return nil, err
	}
	if err := second.run(build); err != nil {
		return nil, err
	}
	if len(second.rec.pages) != len(first.rec.pages) {
		return nil, errors.New("pdf: the two layout passes disagree on the sections")
	}
	for i := range first.rec.pages {
		if first.rec.pages[i] != second.rec.pages[i] {
			return nil, fmt.Errorf("pdf: section %q changed length between passes", first.rec.sections[i].key)
		}
	}
	var buf bytes.Buffer
	if err := second.f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return compressStreams(buf.Bytes())
}

func newDoc(o Options, prev *plan) (*Doc, error) {
	if len(o.Logo) > 0 {
		if err := checkImage(o.Logo, o.LogoType); err != nil {
			return nil, err
		}
	}
	size := fpdf.SizeType{Wd: 215.9, Ht: 279.4}
	switch o.Paper {
	case "", Letter:
	case A4:
		size = fpdf.SizeType{Wd: 210, Ht: 297}
	default:
		return nil, fmt.Errorf("pdf: unknown paper size %q", o.Paper)
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: size})
	if prev != nil {
		// Only the drawing pass needs fonts in the document; both passes measure with a
		// pooled measurer.
		f.AddUTF8FontFromBytes(family, "", liberationsansregular.TTF)
		f.AddUTF8FontFromBytes(family, "B", liberationsansbold.TTF)
		f.AddUTF8FontFromBytes(family, "I", liberationsansitalic.TTF)
	}
	now := o.Now.UTC()
	f.SetCatalogSort(true)
	f.SetCompression(false) // see compressStreams
	f.SetCreationDate(now)
	f.SetModificationDate(now)
	f.SetProducer(Producer, true)
	f.SetCreator(o.Creator, true)
	f.SetTitle(o.Title, true)
	f.SetAuthor(o.Author, true)
	f.SetSubject(o.Subject, true)
	if o.Lang != "" {
		f.SetLang(o.Lang)
	}
	f.SetAutoPageBreak(false, 0)
	f.SetDisplayMode("fullpage", "continuous")
	d := &Doc{
		f: f, o: o, prev: prev, rec: &plan{},
		pageW: size.Wd, pageH: size.Ht,
		left: 25, right: 15, top: marginTop, bott: marginBottom,
		sec: -1,
	}
	d.p = nopPainter{}
	if prev != nil {
		d.cache = &cachedPainter{Fpdf: f}
		d.p = d.cache
	}
	d.m = measurers.Get().(*fpdf.Fpdf)
	d.x0, d.x1 = d.left, d.pageW-d.right
	f.SetMargins(d.left, d.top, d.right)
	f.SetHeaderFuncMode(d.header, true)
	f.SetFooterFunc(d.footer)
	if len(o.Logo) > 0 {
		f.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: o.LogoType, ReadDpi: true}, bytes.NewReader(o.Logo))
	}
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return d, nil
}

func (d *Doc) run(build func(*Doc) error) error {
	defer measurers.Put(d.m)
	if err := build(d); err != nil {
		return err
	}
	if d.sec < 0 {
		return errors.New("pdf: empty document")
	}
	// The first pass only counts pages: closing it would compress every page for nothing.
	if d.prev != nil {
		d.f.Close()
	}
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// Section starts a new page and a new page numbering: the footer counts pages within each
// section. key identifies the section across the two passes (PageOf); title is printed in the
// footer and in the document outline.
func (d *Doc) Section(key, title string, confidential bool) {
	d.SectionIn(key, title, confidential, nil)
}

// SectionIn starts a section whose page furniture is in other words (a letter in the
// family's language inside a document in the school's).
func (d *Doc) SectionIn(key, title string, confidential bool, w *Words) {
	d.pending = &section{key: key, title: title, confidential: confidential, words: w}
	d.f.AddPage()
	d.f.Bookmark(title, 0, -1)
}

// LetterSection starts a letter: a section without the form's running header and footer
// (no CONFIDENTIEL mark, no "page X of Y"). Its first page opens on the letterhead; each later
// page is headed by cont (the addressee and the date) and "page N". The SPÉCIMEN mark is drawn
// as on every page. w gives the page furniture words when the letter is in another language
// than the document (nil: the document's).
func (d *Doc) LetterSection(key, title, cont string, w *Words) {
	d.pending = &section{key: key, title: title, words: w, letter: true, cont: cont}
	d.f.AddPage()
	d.f.Bookmark(title, 0, -1)
}

// PageOf returns the absolute page number where the section key starts, as counted by the
// first pass (0 during the first pass or for an unknown key).
func (d *Doc) PageOf(key string) int {
	if d.prev == nil {
		return 0
	}
	for i, s := range d.prev.sections {
		if s.key == key {
			return d.prev.start[i]
		}
	}
	return 0
}

// Err reports the first error of the PDF library, if any.
func (d *Doc) Err() error { return d.f.Error() }

func (d *Doc) header() {
	d.inFurniture = true
	defer func() { d.inFurniture = false }()
	if d.pending != nil {
		d.rec.sections = append(d.rec.sections, *d.pending)
		d.rec.pages = append(d.rec.pages, 0)
		d.rec.start = append(d.rec.start, d.f.PageNo())
		d.sec = len(d.rec.sections) - 1
		d.pending = nil
		d.inSec = 0
		d.furniture = d.o.Words
		if w := d.rec.sections[d.sec].words; w != nil {
			d.furniture = *w
		}
	}
	d.inSec++
	d.rec.pages[d.sec]++
	if d.cache != nil {
		d.cache.forget()
	}
	s := d.rec.sections[d.sec]
	d.top, d.bott = marginTop, marginBottom
	if s.letter {
		// a letter has no running header or footer: its first page uses their room
		d.bott = letterBottom
		if d.inSec == 1 {
			d.top = letterTop
		}
	}

	if d.o.Specimen {
		d.watermark()
	}
	if s.letter {
		d.letterHeader(s)
		return
	}
	// the footer's own height (a long title or note takes two lines) pushes the content up
	d.bott = max(d.bott, d.footerHeight(s)+footerPad+3)
	y := 10.0
	d.setFont("B", SizeSmall+1)
	markW := d.width(d.furniture.Confidential) + 4
	confW := 0.0
	if s.confidential {
		confW = markW
	}
	// the header's text is fitted beside the mark: smaller, then on two lines, never cut; its
	// size is the one that fits beside the mark, on every page, so that it keeps one size
	// (SPEC §4) whether a page carries the mark or not
	full := d.pageW - d.left - d.right - 3
	_, size := d.fitted(d.o.Header, SizeSmall, 6.5, full-markW)
	avail := full - confW
	lines, _ := d.fitted(d.o.Header, size, size, avail)
	d.p.SetTextColor(90, 90, 90)
	lh := lineHeight(size)
	for i, ln := range lines {
		d.drawLine(ln, d.left, 12.2-float64(len(lines))*lh/2+float64(i)*lh, size, "L", avail)
	}
	if s.confidential {
		d.setFont("B", SizeSmall+1)
		w := confW
		d.p.SetTextColor(0, 0, 0)
		d.p.SetDrawColor(0, 0, 0)
		d.p.SetLineWidth(0.4)
		d.f.SetXY(d.pageW-d.right-w, y-0.5)
		d.cell(w, 5, d.furniture.Confidential, "1", 0, "C", false, 0, "")
	}
	d.p.SetDrawColor(150, 150, 150)
	d.p.SetLineWidth(0.2)
	d.p.Line(d.left, 15.5, d.pageW-d.right, 15.5)
	d.resetText()
	d.f.SetXY(d.x0, d.top)
}

// letterHeader heads a letter's later pages with the addressee, the date and the page number,
// as a letter continued on a second sheet is; the first page has nothing above the letterhead.
func (d *Doc) letterHeader(s section) {
	if d.inSec > 1 {
		cont := d.furniture.Continued
		if cont == "" {
			cont = "page %d"
		}
		line := fmt.Sprintf(cont, d.inSec)
		if c := clean(s.cont); c != "" {
			line = c + " — " + line
		}
		d.setFont("", SizeSmall+1)
		d.p.SetTextColor(60, 60, 60)
		d.f.SetXY(d.left, 12)
		w := d.pageW - d.left - d.right
		d.cell(w, 4, fit(d, line, w), "", 0, "L", false, 0, "")
	}
	d.resetText()
	d.f.SetXY(d.x0, d.top)
}

func (d *Doc) footer() {
	if d.sec < 0 {
		return
	}
	d.inFurniture = true
	defer func() { d.inFurniture = false }()
	s := d.rec.sections[d.sec]
	if s.letter {
		// a letter has no form footer; only the SPÉCIMEN mark, which every page carries
		if d.o.Specimen {
			d.setFont("B", SizeSmall)
			d.p.SetTextColor(0, 0, 0)
			d.f.SetXY(d.left, d.pageH-10)
			d.cell(d.pageW-d.left-d.right, 4, d.furniture.SpecimenNote, "", 0, "C", false, 0, "")
		}
		d.resetText()
		return
	}
	title, note, tsize, nsize, pw, page := d.footerLines(s)
	w := d.pageW - d.left - d.right
	y := min(d.pageH-17, d.pageH-footerPad-d.footerHeight(s))
	d.p.SetDrawColor(150, 150, 150)
	d.p.SetLineWidth(0.2)
	d.p.Line(d.left, y-1.5, d.pageW-d.right, y-1.5)
	d.p.SetTextColor(60, 60, 60)
	d.setFont("", SizeSmall)
	d.f.SetXY(d.pageW-d.right-pw, y)
	d.cell(pw, 4, page, "", 0, "R", false, 0, "")
	for i, ln := range title {
		d.drawLine(ln, d.left+cellMargin, y+0.2+float64(i)*lineHeight(tsize), tsize, "L", w-pw-4)
	}
	y += max(4, float64(len(title))*lineHeight(tsize))
	if len(note) > 0 {
		d.p.SetTextColor(80, 80, 80)
		for i, ln := range note {
			d.drawLine(ln, d.left+cellMargin, y+float64(i)*lineHeight(nsize), nsize, "L", w-2*cellMargin)
		}
		y += float64(len(note))*lineHeight(nsize) + 0.5
	}
	if d.o.Specimen {
		d.setFont("B", SizeSmall)
		d.p.SetTextColor(0, 0, 0)
		d.f.SetXY(d.left, y)
		d.cell(w, 4, d.furniture.SpecimenNote, "", 0, "C", false, 0, "")
	}
	d.resetText()
}

// footerPad is the room kept under the footer, for printers that cannot print at the edge.
const footerPad = 5.0

// footerLines lays out a section's footer: its title beside the page number, and the note,
// each fitted (smaller, then wrapped), never cut: a cut SHA-256 could not be checked.
func (d *Doc) footerLines(s section) (title, note [][]word, tsize, nsize, pw float64, page string) {
	total := 0
	if d.prev != nil && d.sec < len(d.prev.pages) {
		total = d.prev.pages[d.sec]
	}
	page = fmt.Sprintf(d.furniture.Page, d.inSec, total)
	if d.prev != nil && len(d.prev.sections) > 1 {
		// a document of several parts (the kit) also numbers its pages throughout, as its
		// contents do
		page += fmt.Sprintf(" · p. %d", d.f.PageNo())
	}
	d.setFont("", SizeSmall)
	pw = d.width(page) + 2*cellMargin
	w := d.pageW - d.left - d.right
	title, tsize = d.fitted(s.title, SizeSmall, 6.5, w-pw-4)
	if d.o.FooterNote != "" {
		note, nsize = d.fitted(d.o.FooterNote, SizeSmall-1.5, 5.5, w-2*cellMargin)
	}
	return
}

// footerHeight is the height of a section's footer from its rule down.
func (d *Doc) footerHeight(s section) float64 {
	title, note, tsize, nsize, _, _ := d.footerLines(s)
	h := max(4, float64(len(title))*lineHeight(tsize))
	if len(note) > 0 {
		h += float64(len(note))*lineHeight(nsize) + 0.5
	}
	if d.o.Specimen {
		h += 4
	}
	return h
}

func (d *Doc) watermark() {
	d.setFont("B", 72)
	d.p.SetTextColor(222, 222, 222)
	word := d.furniture.Specimen
	w := d.width(word)
	cx, cy := d.pageW/2, d.pageH/2
	d.p.TransformBegin()
	d.p.TransformRotate(50, cx, cy)
	d.transformed = true
	d.text(cx-w/2, cy+9, word)
	d.transformed = false
	d.p.TransformEnd()
	d.stale = true // the font was set inside the saved graphics state, which is now restored
	d.resetText()
}

// fit shortens s with an ellipsis so that it fits in w at the current font.
func fit(d *Doc, s string, w float64) string {
	s = clean(s)
	if d.width(s) <= w {
		return s
	}
	// the longest head (at least one rune) that fits with the ellipsis, found by binary search
	// over running widths rather than by re-measuring ever shorter copies
	if OnOverflow != nil && d.prev != nil {
		// the layout check counts a cut as text that did not fit: nothing is silently cut
		OnOverflow(Overflow{Page: d.f.PageNo(), Text: s, Cut: true, X1: d.width(s), Box1: w})
	}
	r := []rune(s)
	pw := d.prefixWidths(s + "…")
	ell := len(r) // the ellipsis is the last rune of the measured text
	e := pw.units[ell+1] - pw.units[ell]
	with := func(n int) float64 { return float64(pw.units[n]+e) * pw.size / 1000 }
	n := sort.Search(len(r), func(k int) bool { return with(k+1) > w })
	return strings.TrimSpace(string(r[:min(max(n, 1), len(r))])) + "…"
}

// setFont chooses the font for measuring and for the next text drawn. Nothing is written to
// the page until text is drawn (see text), so measuring costs no bytes in the PDF.
func (d *Doc) setFont(style string, size float64) {
	d.style, d.size = style, size
	d.m.SetFont(family, style, size)
}

// width measures s in the current font.
func (d *Doc) width(s string) float64 { return d.m.GetStringWidth(s) }

// emitFont makes the page's font the current one, once. It compares with the font the PDF
// library last wrote, not with a copy of our own: at a page break the library ends the page
// with the footer and writes the body's font again on the next one, behind our back.
func (d *Doc) emitFont() {
	if d.prev == nil || d.measuring {
		return
	}
	if size, _ := d.f.GetFontSize(); size == d.size && d.f.GetFontStyle() == d.style && !d.stale {
		return
	}
	d.f.SetFont(family, d.style, d.size)
	d.stale = false
}

func (d *Doc) text(x, y float64, s string) {
	d.checkText(x, s)
	d.checkBelow(y, s)
	d.emitFont()
	d.p.Text(x, y, s)
}

func (d *Doc) cell(w, h float64, txt, border string, ln int, align string, fill bool, link int, linkStr string) {
	if OnOverflow != nil {
		x := d.f.GetX()
		d.setBox(x, x+w)
		d.checkText(x+cellTextOffset(align, w, d.width(txt)), txt)
		d.unbox()
	}
	d.emitFont()
	d.p.CellFormat(w, h, txt, border, ln, align, fill, link, linkStr)
}

// measurers are PDF documents without pages, used only to measure text: setting their font
// writes nothing anywhere. Loading the fonts is costly, so they are kept for reuse.
var measurers = sync.Pool{New: func() any {
	m := fpdf.New("P", "mm", "Letter", "")
	m.AddUTF8FontFromBytes(family, "", liberationsansregular.TTF)
	m.AddUTF8FontFromBytes(family, "B", liberationsansbold.TTF)
	m.AddUTF8FontFromBytes(family, "I", liberationsansitalic.TTF)
	return m
}}

func (d *Doc) resetText() {
	d.setFont("", SizeBody)
	d.p.SetTextColor(0, 0, 0)
	d.p.SetDrawColor(0, 0, 0)
	d.p.SetLineWidth(0.25)
	d.p.SetDashPattern(nil, 0)
}

// Y returns the current vertical position.
func (d *Doc) Y() float64 { return d.f.GetY() }

func (d *Doc) setY(y float64) { d.f.SetY(y); d.f.SetX(d.x0) }

// Width is the width of the current frame.
func (d *Doc) Width() float64 { return d.x1 - d.x0 }

// bottom is the lowest y content may reach.
func (d *Doc) bottom() float64 { return d.pageH - d.bott }

// Room returns the vertical space left on the page.
func (d *Doc) Room() float64 { return d.bottom() - d.Y() }

// PageRoom is the vertical space of a whole page under the header: what a block that must
// stay on one page can take at most.
func (d *Doc) PageRoom() float64 { return d.bottom() - d.top }

// Ensure starts a new page (same section) unless h millimetres are left.
func (d *Doc) Ensure(h float64) {
	if d.noBreak || d.Room() >= h {
		return
	}
	d.NewPage()
}

// NewPage continues the current section on a new page.
func (d *Doc) NewPage() {
	if d.noBreak {
		return
	}
	d.f.AddPage()
}

// Space adds vertical space, without carrying it over to a new page.
func (d *Doc) Space(h float64) {
	if d.Room() < h {
		d.setY(d.bottom())
		return
	}
	d.setY(d.Y() + h)
}

// Part starts a new page inside the current section, with an entry in the document outline;
// the page numbering goes on.
func (d *Doc) Part(title string) {
	if d.Y() > d.top+0.5 {
		d.NewPage()
	}
	d.f.Bookmark(title, 1, -1)
}
