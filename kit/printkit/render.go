package printkit

import (
	"fmt"
	"strings"

	"sexto/kit/doc"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/markup"
	"sexto/kit/pdf"
)

type chrome struct {
	pdf      pdf.Words
	kit      string // "Trousse SEXTO — %s"
	subject  string
	copies   string // "%s (%d exemplaires : %s à %s)"
	oneCopy  string
	required string // legend of the marks on the grid
	date     string // format hint
	datetime string
}

func words(l i18n.Lang) chrome {
	if l == i18n.EN {
		return chrome{
			pdf:      doc.Words(l),
			kit:      "SEXTO kit — %s",
			subject:  "SEXTO sexting intervention protocol",
			copies:   "%s (%d copies: %s to %s)",
			oneCopy:  "%s (%s)",
			required: "* Required for every student.   † Also required for a student who acted (produced without being depicted, requested, sent, showed or kept the content).",
			date:     "YYYY-MM-DD",
			datetime: "YYYY-MM-DD HH:MM",
		}
	}
	return chrome{
		pdf:      doc.Words(l),
		kit:      "Trousse SEXTO — %s",
		subject:  "Protocole d'intervention SEXTO en matière de sextage",
		copies:   "%s (%d exemplaires : %s à %s)",
		oneCopy:  "%s (%s)",
		required: "* Obligatoire pour chaque élève.   † Obligatoire aussi pour un élève qui a agi (a produit le contenu sans y être représenté, l'a demandé, transmis, montré ou conservé).",
		date:     "AAAA-MM-JJ",
		datetime: "AAAA-MM-JJ HH:MM",
	}
}

type renderer struct {
	o     *Options
	w     chrome
	parts []part
	form  bool // the fillable incident form: every answer area is named (form.go)
}

func (r *renderer) build(d *pdf.Doc) error {
	for _, p := range r.parts {
		var pw *pdf.Words
		if p.lang != "" && p.lang != r.o.Lang {
			w := words(p.lang).pdf
			pw = &w
		}
		letter := isLetter(p.md)
		switch {
		case letter:
			// a letter has no form header or footer; its later pages name the addressee
			var cont []string
			for _, s := range []string{p.data.Letter.Parent, p.data.Letter.Date} {
				if s != "" {
					cont = append(cont, s)
				}
			}
			d.LetterSection(p.key, p.title, strings.Join(cont, " — "), pw)
		case pw != nil:
			d.SectionIn(p.key, p.title, p.doc.Confidential, pw)
		default:
			d.Section(p.key, p.title, p.doc.Confidential)
		}
		r.blocks(d, p, letter)
		if err := d.Err(); err != nil {
			return err
		}
	}
	return nil
}

// isLetter reports whether a document is a letter (it opens on the letterhead).
func isLetter(md *markup.Doc) bool {
	for _, b := range md.Blocks {
		if b.Kind == markup.Letterhead {
			return true
		}
	}
	return false
}

// blocks draws a document's blocks.
func (r *renderer) blocks(d *pdf.Doc, p part, letter bool) {
	blocks := p.md.Blocks
	for i, b := range blocks {
		// A letter's title names it in the contents and the outline; the letter itself opens
		// on the letterhead.
		if b.Kind == markup.Title && letter {
			continue
		}
		r.keepWithNext(d, blocks, i, letter)
		r.block(d, p, b, letter)
	}
}

// keepWithNext keeps a heading with the start of what follows it, and the last paragraph of a
// form with its signatures, by moving them to the next page when needed. A letter keeps its
// last two paragraphs (the closing and the one before) with its signature: a signature never
// stands alone on a page, nor with only "Sincerely,".
func (r *renderer) keepWithNext(d *pdf.Doc, blocks []markup.Block, i int, letter bool) {
	if i+1 >= len(blocks) {
		return
	}
	b, next := blocks[i], blocks[i+1]
	switch {
	case b.Kind == markup.Heading:
		d.Ensure(d.HeadingHeight(b.Level, markup.Plain(b.Runs)) + r.startHeight(d, next))
	case letter && b.Kind == markup.Paragraph && next.Kind == markup.Paragraph &&
		i+2 < len(blocks) && blocks[i+2].Kind == markup.Signatures:
		d.Ensure(d.ParagraphHeight(runs(b.Runs)) + d.ParagraphHeight(runs(next.Runs)) +
			d.LetterSignatureHeight(len(blocks[i+2].Items)))
	case next.Kind == markup.Signatures && b.Kind == markup.Paragraph:
		sig := d.SignaturesHeight()
		if letter {
			sig = d.LetterSignatureHeight(len(next.Items))
		}
		d.Ensure(d.ParagraphHeight(runs(b.Runs)) + sig)
	}
}

// startHeight is the room the beginning of b needs on the page.
func (r *renderer) startHeight(d *pdf.Doc, b markup.Block) float64 {
	line := 4.6
	switch b.Kind {
	case markup.Table:
		return d.TableStartHeight(pdf.Table{Widths: b.Widths, Header: b.Header, Rows: b.Rows, BlankRows: b.Blank})
	case markup.Paragraph:
		return min(d.ParagraphHeight(runs(b.Runs)), 3*line)
	}
	return 4 * line
}

func runs(rs []markup.Run) []pdf.Run {
	out := make([]pdf.Run, len(rs))
	for i, r := range rs {
		out[i] = pdf.Run{Text: r.Text, Bold: r.Bold}
	}
	return out
}

func box(b markup.Box) pdf.FlowBox {
	fb := pdf.FlowBox{Title: b.Title, Text: b.Text}
	if b.Side != nil {
		s := box(*b.Side)
		fb.Side = &s
	}
	return fb
}

func (r *renderer) block(d *pdf.Doc, p part, b markup.Block, letter bool) {
	switch b.Kind {
	case markup.Title:
		d.Title(markup.Plain(b.Runs))
	case markup.Heading:
		d.Heading(b.Level, markup.Plain(b.Runs))
	case markup.Paragraph:
		d.Paragraph(runs(b.Runs))
	case markup.Bullet:
		d.Bullet(b.Marker, runs(b.Runs))
	case markup.Tick:
		d.TickItem(runs(b.Runs))
	case markup.Warning:
		paras := make([][]pdf.Run, len(b.Paras))
		for i, pr := range b.Paras {
			paras[i] = runs(pr)
		}
		d.WarningBox(paras)
	case markup.Note:
		d.NoteBox([][]pdf.Run{runs(b.Runs)})
	case markup.Table:
		if r.form {
			markRows(d, b.Blank)
		}
		d.Table(pdf.Table{Widths: b.Widths, Header: b.Header, Rows: b.Rows, BlankRows: b.Blank})
	case markup.Fields:
		if r.form {
			markFields(d, r.o.Lang, b.Items)
		}
		d.Fields(b.Items)
	case markup.BlankLines:
		d.BlankLines(b.N)
	case markup.Signatures:
		if letter {
			d.LetterSignature(b.Items)
		} else {
			d.SignaturesWith(b.Items, b.Header)
		}
	case markup.Flow:
		fc := pdf.Flowchart{Decision: b.Decision}
		for _, s := range b.Steps {
			fc.Steps = append(fc.Steps, box(s))
		}
		for _, s := range b.Outcomes {
			fc.Outcomes = append(fc.Outcomes, box(s))
		}
		d.Flowchart(fc)
	case markup.Letterhead:
		s := r.o.Profile.School
		// the address and the phone share a line, as on the school's own letterhead
		var contact []string
		for _, v := range []string{s.Address, s.Phone} {
			if v = strings.TrimSpace(v); v != "" {
				contact = append(contact, v)
			}
		}
		d.Letterhead(s.Name, []string{strings.Join(contact, " · "), s.ServiceCentre})
	case markup.Contents:
		d.Contents(r.contents())
	case markup.Grid:
		r.grid(d, p)
	case markup.Labels:
		d.Labels(b.N, func() {
			for _, c := range b.Children {
				r.block(d, p, c, false)
			}
		})
	case markup.PageBreak:
		d.NewPage()
	}
}

// contents lists every document after the cover, grids grouped in one entry. A cover printed
// alone lists the kit's documents without page numbers.
func (r *renderer) contents() []pdf.ContentsEntry {
	if len(r.parts) == 1 {
		return r.o.titles
	}
	var out []pdf.ContentsEntry
	var grids []part
	for _, p := range r.parts {
		switch {
		case p.doc.ID == "cover":
		case p.doc.ID == "grid":
			if len(grids) == 0 {
				out = append(out, pdf.ContentsEntry{Key: p.key})
			}
			grids = append(grids, p)
		default:
			out = append(out, pdf.ContentsEntry{Title: p.md.Title, Key: p.key})
		}
	}
	for i := range out {
		if out[i].Title == "" && len(grids) > 0 {
			g := grids[0]
			if len(grids) == 1 {
				out[i].Title = fmt.Sprintf(r.w.oneCopy, g.md.Title, g.data.Ref)
			} else {
				out[i].Title = fmt.Sprintf(r.w.copies, g.md.Title, len(grids), g.data.Ref, grids[len(grids)-1].data.Ref)
			}
		}
	}
	return out
}

// grid draws every item of the student grid from the catalogue, preceded by the incident's
// file number so that a loose page can be put back in its file.
func (r *renderer) grid(d *pdf.Doc, p part) {
	drawGrid(d, r.o.Lang, p.data.Ref, nil, r.form)
}

// Answers is a filled grid, for DrawGrid.
type Answers interface {
	Code(key string) string
	Text(key string) string
}

// DrawGrid draws the student grid: every section and item of the catalogue, with tick boxes
// and lines to write on. With answers, the chosen boxes are ticked and the typed answers
// written in (the referral package); without, it is the blank paper grid, its ref printed.
func DrawGrid(d *pdf.Doc, l i18n.Lang, ref string, ans Answers) { drawGrid(d, l, ref, ans, false) }

// drawGrid is DrawGrid; in the fillable form (form), every answer area is named for its field
// (form.go).
func drawGrid(d *pdf.Doc, l i18n.Lang, ref string, ans Answers, form bool) {
	w := words(l)
	id, _ := grid.Lookup("incident.id")
	if ans == nil {
		if form {
			d.Mark(id.Key)
		}
		d.Fields([]string{id.Label.In(l)})
		d.Space(1)
	}
	// the marks' legend, on the blank grid and on a filled one (the referral's) alike
	d.Small([]pdf.Run{{Text: w.required}})
	for _, s := range grid.Student {
		d.GridBand(s.Title.In(l))
		rows := make([]pdf.ItemRow, len(s.Items))
		pairs := len(s.Items) > 1
		for i, it := range s.Items {
			rows[i] = itemRow(w, l, it, ref, ans)
			if form {
				formRow(&rows[i], it)
			}
			pairs = pairs && it.Kind == grid.Choice && len(it.Options) == 2
		}
		// a section of short yes/no items prints in two columns
		for i := 0; i < len(rows); i++ {
			if pairs && i+1 < len(rows) {
				if form {
					markItem(d, ref, s.Items[i], ref)
					markItem(d, ref, s.Items[i+1], ref)
				}
				d.GridPair(rows[i], rows[i+1])
				i++
				continue
			}
			if form {
				markItem(d, ref, s.Items[i], ref)
			}
			if ans != nil && rows[i].Value != "" && d.ParagraphHeight(pdf.Plain(rows[i].Value)) > d.PageRoom()/3 {
				// a long answer (the notes, 2,000 characters) flows from page to page under
				// its label: an item row cannot be cut, and would run past the page's foot
				label := rows[i]
				label.Value, label.Lines = "", 0
				d.GridItem(label)
				for _, para := range strings.Split(rows[i].Value, "\n") {
					if strings.TrimSpace(para) != "" {
						d.Paragraph([]pdf.Run{{Text: para, Bold: true}})
					}
				}
				continue
			}
			if it := s.Items[i]; !form && ans == nil && it.Lines > 6 {
				// the student's own words: the label, then ruled lines the width of the page,
				// from where the grid ends on
				d.WritingLines(rows[i].Label, it.Lines)
				continue
			}
			d.GridItem(rows[i])
		}
		if s.ID == "device" && !form && ans == nil {
			// the paper grid holds the devices too (SPEC §5: several lines for the device);
			// the workbook and the form have their devices sheet and page
			d.GridItem(pdf.ItemRow{Label: i18n.T("Si oui, chaque appareil : description (extérieur seulement : type, marque, couleur, étui) et n° du sac scellé",
				"If yes, each device: description (outside only: type, brand, colour, case) and sealed bag no.").In(l), Lines: 4})
		}
	}
	d.Space(4)
}

func itemRow(w chrome, l i18n.Lang, it grid.Item, ref string, ans Answers) pdf.ItemRow {
	row := pdf.ItemRow{Label: it.Label.In(l), Required: it.Required, Acting: it.RequiredActing}
	switch it.Kind {
	case grid.Choice:
		for i, o := range it.Options {
			row.Choices = append(row.Choices, pdf.Choice{Label: o.Label.In(l), Code: o.Code})
			if ans != nil && ans.Code(it.Key) == o.Code {
				row.Ticked = i + 1
			}
		}
	case grid.Date:
		row.Lines, row.Hint = 1, w.date
	case grid.DateTime:
		row.Lines, row.Hint = 1, w.datetime
	default:
		row.Lines = 1
		if it.Help.FR != "" {
			row.Hint = it.Help.In(l)
		}
	}
	if it.Lines > 1 {
		row.Lines = it.Lines
	}
	if ans != nil {
		if it.Kind != grid.Choice {
			row.Value = ans.Text(it.Key)
			if row.Value != "" {
				row.Hint = ""
			}
		}
		if it.Lines > 1 && row.Value != "" {
			row.Lines = 1 // grows with the text
		}
	} else if it.Key == "student.ref" {
		row.Value, row.Hint = ref, ""
	}
	return row
}
