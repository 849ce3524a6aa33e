// Package markup reads the line-oriented markup that the document templates produce (see
// templates/README.md) into blocks that the document renderer lays out. It knows nothing of
// PDF; it reports every malformed line with its file and line number.
package markup

import (
	"strconv"
	"strings"

	"sexto/kit/i18n"
)

// Kind is a block type.
type Kind int

// The block kinds.
const (
	Title Kind = iota
	Heading
	Paragraph
	Bullet
	Tick
	Warning
	Note
	Table
	Fields
	BlankLines
	Signatures
	Flow
	Letterhead
	Contents
	Grid
	Labels
	PageBreak
)

// Run is a span of text, bold or not.
type Run struct {
	Text string
	Bold bool
}

// Box is a flowchart box.
type Box struct {
	Title, Text string
	Side        *Box
}

// Block is one element of a document.
type Block struct {
	Kind   Kind
	Line   int
	Level  int      // Heading: 2 or 3
	Marker string   // Bullet: "•" or "3."
	Runs   []Run    // Title, Heading, Paragraph, Bullet, Tick, Note
	Paras  [][]Run  // Warning
	Items  []string // Fields, Signatures (the roles)
	N      int      // BlankLines, Labels
	// Table
	Widths []float64
	Header []string // Table; Signatures: the lines under each signature (none: name and date)
	Rows   [][]string
	Blank  int
	// Flow
	Steps    []Box
	Decision string
	Outcomes []Box
	// Labels: the content of one label
	Children []Block
}

// Doc is a parsed document.
type Doc struct {
	Title  string
	Blocks []Block
}

// Parse reads markup; name is the file name used in error messages.
func Parse(name, src string) (*Doc, error) {
	p := &parser{name: name, lines: splitLines(src)}
	blocks := p.blocks(false)
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	d := &Doc{Blocks: blocks}
	for _, b := range blocks {
		if b.Kind == Title {
			d.Title = Plain(b.Runs)
			break
		}
	}
	if d.Title == "" {
		return nil, i18n.List{i18n.Errorf(i18n.T("%s : le document n'a pas de titre (ligne « # Titre »)",
			"%s: the document has no title (a “# Title” line)"), name)}
	}
	return d, nil
}

// Plain returns the text of runs without styling.
func Plain(rs []Run) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text)
	}
	return b.String()
}

type parser struct {
	name  string
	lines []string
	i     int
	errs  i18n.List
}

func (p *parser) fail(line int, msg i18n.Text, args ...any) {
	all := append([]any{p.name, line}, args...)
	p.errs = append(p.errs, i18n.Errorf(i18n.T("%s, ligne %d : "+msg.FR, "%s, line %d: "+msg.EN), all...))
}

func (p *parser) peek() (string, bool) {
	if p.i >= len(p.lines) {
		return "", false
	}
	return trimRight(p.lines[p.i]), true
}

// isMarkup reports whether a line starts a block other than a paragraph.
func isMarkup(s string) bool {
	if s == "" || strings.HasPrefix(s, `\`) {
		return s == ""
	}
	for _, pre := range []string{"#", "- ", "[ ]", "!!", ">", "|", "_ ", "__ ", "%%", "+>", "??", "=>", "@", "---"} {
		if strings.HasPrefix(s, pre) {
			return true
		}
	}
	_, _, ok := numbered(s)
	return ok
}

func numbered(s string) (string, string, bool) {
	dot := strings.Index(s, ". ")
	if dot <= 0 || dot > 3 {
		return "", "", false
	}
	if _, err := strconv.Atoi(s[:dot]); err != nil {
		return "", "", false
	}
	return s[:dot+1], trim(s[dot+2:]), true
}

func (p *parser) blocks(inLabel bool) []Block {
	var out []Block
	for {
		s, ok := p.peek()
		if !ok {
			if inLabel {
				p.fail(len(p.lines), i18n.T("« @labels » sans « @end »", "“@labels” without “@end”"))
			}
			return out
		}
		ln := p.i + 1
		t := trimLeft(s)
		switch {
		case t == "":
			p.i++
		case strings.HasPrefix(t, `\`):
			out = append(out, p.paragraph())
		case t == "@end":
			p.i++
			if !inLabel {
				p.fail(ln, i18n.T("« @end » sans « @labels »", "“@end” without “@labels”"))
				continue
			}
			return out
		case strings.HasPrefix(t, "### "):
			p.i++
			out = append(out, Block{Kind: Heading, Level: 3, Line: ln, Runs: Inline(t[4:])})
		case strings.HasPrefix(t, "## "):
			p.i++
			out = append(out, Block{Kind: Heading, Level: 2, Line: ln, Runs: Inline(t[3:])})
		case strings.HasPrefix(t, "# "):
			p.i++
			out = append(out, Block{Kind: Title, Line: ln, Runs: Inline(t[2:])})
		case strings.HasPrefix(t, "#"):
			p.i++
			p.fail(ln, i18n.T("titre mal formé « %s » (il faut une espace après #)", "malformed heading “%s” (a space must follow #)"), t)
		case t == "---":
			p.i++
			out = append(out, Block{Kind: PageBreak, Line: ln})
		case strings.HasPrefix(t, "- "):
			p.i++
			out = append(out, Block{Kind: Bullet, Line: ln, Marker: "•", Runs: Inline(t[2:])})
		case strings.HasPrefix(t, "[ ]"):
			p.i++
			out = append(out, Block{Kind: Tick, Line: ln, Runs: Inline(trim(t[3:]))})
		case strings.HasPrefix(t, "!!"):
			out = append(out, p.warning())
		case strings.HasPrefix(t, ">>"), strings.HasPrefix(t, "+>"), strings.HasPrefix(t, "??"), strings.HasPrefix(t, "=>"):
			out = append(out, p.flow())
		case strings.HasPrefix(t, ">"):
			out = append(out, p.note())
		case strings.HasPrefix(t, "|"):
			out = append(out, p.table())
		case strings.HasPrefix(t, "__ ") || t == "__":
			p.i++
			n, err := strconv.Atoi(trim(strings.TrimPrefix(t, "__")))
			if err != nil || n < 1 || n > 60 {
				p.fail(ln, i18n.T("« __ N » attend un nombre de lignes entre 1 et 60", "“__ N” needs a number of lines from 1 to 60"))
				continue
			}
			out = append(out, Block{Kind: BlankLines, Line: ln, N: n})
		case strings.HasPrefix(t, "_ "):
			p.i++
			items := cells(t[2:], "|")
			if len(items) > 3 {
				p.fail(ln, i18n.T("au plus trois champs par ligne", "at most three fields on a line"))
				continue
			}
			out = append(out, Block{Kind: Fields, Line: ln, Items: items})
		case strings.HasPrefix(t, "%%"):
			p.i++
			items := cells(t[2:], "|")
			if len(items) == 0 || len(items) > 3 {
				p.fail(ln, i18n.T("« %%%% » attend d'un à trois rôles", "“%%%%” needs one to three roles"))
				continue
			}
			b := Block{Kind: Signatures, Line: ln, Items: items}
			// "%%= Nom | Matricule | Date et heure": the lines to fill under each signature
			if next, ok := p.peek(); ok && strings.HasPrefix(strings.TrimSpace(next), "%%=") {
				p.i++
				b.Header = cells(strings.TrimSpace(next)[3:], "|")
				if len(b.Header) == 0 || len(b.Header) > 4 {
					p.fail(ln+1, i18n.T("« %%%%= » attend d'une à quatre lignes à remplir", "“%%%%=” needs one to four lines to fill"))
					b.Header = nil
				}
			}
			out = append(out, b)
		case strings.HasPrefix(t, "@"):
			p.i++
			if b, ok := p.directive(ln, t); ok {
				out = append(out, b)
			}
		default:
			if _, rest, ok := numbered(t); ok {
				p.i++
				m, _, _ := numbered(t)
				out = append(out, Block{Kind: Bullet, Line: ln, Marker: m, Runs: Inline(rest)})
				continue
			}
			out = append(out, p.paragraph())
		}
	}
}

func (p *parser) directive(ln int, t string) (Block, bool) {
	f := fields(t)
	arg := func(lo, hi int) (int, bool) {
		if len(f) != 2 {
			p.fail(ln, i18n.T("« %s » attend un nombre", "“%s” needs a number"), f[0])
			return 0, false
		}
		n, err := strconv.Atoi(f[1])
		if err != nil || n < lo || n > hi {
			p.fail(ln, i18n.T("« %s » attend un nombre entre %d et %d", "“%s” needs a number from %d to %d"), f[0], lo, hi)
			return 0, false
		}
		return n, true
	}
	noArg := func(k Kind) (Block, bool) {
		if len(f) != 1 {
			p.fail(ln, i18n.T("« %s » ne prend pas d'argument", "“%s” takes no argument"), f[0])
			return Block{}, false
		}
		return Block{Kind: k, Line: ln}, true
	}
	switch f[0] {
	case "@letterhead":
		return noArg(Letterhead)
	case "@contents":
		return noArg(Contents)
	case "@grid":
		return noArg(Grid)
	case "@labels":
		n, ok := arg(1, 60)
		kids := p.blocks(true)
		if !ok {
			return Block{}, false
		}
		return Block{Kind: Labels, Line: ln, N: n, Children: kids}, true
	case "@blankrows":
		p.fail(ln, i18n.T("« @blankrows » doit suivre immédiatement un tableau", "“@blankrows” must come right after a table"))
		return Block{}, false
	}
	p.fail(ln, i18n.T("directive inconnue « %s » ; permises : @letterhead, @contents, @grid, @labels, @end, @blankrows",
		"unknown directive “%s”; allowed: @letterhead, @contents, @grid, @labels, @end, @blankrows"), f[0])
	return Block{}, false
}

func (p *parser) paragraph() Block {
	ln := p.i + 1
	var parts []string
	for {
		s, ok := p.peek()
		t := trim(s)
		// the first line is always taken: blocks sends here only a line it found not blank,
		// and a paragraph that took nothing would be asked for again and again
		if !ok || (len(parts) > 0 && (t == "" || isMarkup(t))) {
			break
		}
		t = strings.TrimPrefix(t, `\`)
		parts = append(parts, t)
		p.i++
	}
	return Block{Kind: Paragraph, Line: ln, Runs: Inline(strings.Join(parts, " "))}
}

func (p *parser) warning() Block {
	ln := p.i + 1
	var paras [][]Run
	for {
		s, ok := p.peek()
		t := trim(s)
		if !ok || !strings.HasPrefix(t, "!!") {
			break
		}
		paras = append(paras, Inline(trim(t[2:])))
		p.i++
	}
	return Block{Kind: Warning, Line: ln, Paras: paras}
}

func (p *parser) note() Block {
	ln := p.i + 1
	var parts []string
	for {
		s, ok := p.peek()
		t := trim(s)
		if !ok || !strings.HasPrefix(t, ">") || strings.HasPrefix(t, ">>") {
			break
		}
		parts = append(parts, trim(t[1:]))
		p.i++
	}
	return Block{Kind: Note, Line: ln, Runs: Inline(strings.Join(parts, " "))}
}

func cells(s, sep string) []string {
	var out []string
	for _, c := range strings.Split(s, sep) {
		if c = trim(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

func rowCells(t string) []string {
	t = trim(t)
	t = strings.TrimPrefix(t, "|")
	t = strings.TrimSuffix(t, "|")
	parts := strings.Split(t, "|")
	for i := range parts {
		parts[i] = trim(strings.ReplaceAll(parts[i], "**", ""))
	}
	return parts
}

// separator reports whether cells form a |---| row, and returns the widths it gives.
func separator(cs []string) ([]float64, bool) {
	ws := make([]float64, len(cs))
	for i, c := range cs {
		if !strings.HasPrefix(c, "-") {
			return nil, false
		}
		num := strings.Trim(c, "-: ")
		if num == "" {
			ws[i] = 1
			continue
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil || v <= 0 {
			return nil, false
		}
		ws[i] = v
	}
	return ws, true
}

func (p *parser) table() Block {
	b := Block{Kind: Table, Line: p.i + 1}
	var rows [][]string
	for {
		s, ok := p.peek()
		t := trim(s)
		if !ok || !strings.HasPrefix(t, "|") {
			break
		}
		cs := rowCells(t)
		p.i++
		if ws, ok := separator(cs); ok {
			if len(rows) != 1 || b.Header != nil {
				p.fail(p.i, i18n.T("la ligne de séparation |---| doit suivre la première ligne du tableau",
					"the |---| separator row must follow the table's first row"))
				continue
			}
			if len(ws) != len(rows[0]) {
				p.fail(p.i, i18n.T("la ligne de séparation a %d colonnes, l'en-tête en a %d",
					"the separator row has %d columns, the header has %d"), len(ws), len(rows[0]))
			}
			b.Header, b.Widths, rows = rows[0], ws, nil
			continue
		}
		rows = append(rows, cs)
	}
	b.Rows = rows
	// @blankrows N right after the table
	if s, ok := p.peek(); ok {
		t := fields(s)
		if len(t) > 0 && t[0] == "@blankrows" {
			ln := p.i + 1
			p.i++
			n := 0
			var err error
			if len(t) == 2 {
				n, err = strconv.Atoi(t[1])
			}
			if len(t) != 2 || err != nil || n < 1 || n > 60 {
				p.fail(ln, i18n.T("« @blankrows » attend un nombre entre 1 et 60", "“@blankrows” needs a number from 1 to 60"))
			}
			b.Blank = n
		}
	}
	return b
}

func splitBox(s string) Box {
	title, text, _ := strings.Cut(s, "|")
	return Box{Title: trim(title), Text: trim(text)}
}

func (p *parser) flow() Block {
	b := Block{Kind: Flow, Line: p.i + 1}
	for {
		s, ok := p.peek()
		t := trim(s)
		if !ok {
			break
		}
		ln := p.i + 1
		switch {
		case strings.HasPrefix(t, ">>"):
			if b.Decision != "" {
				p.fail(ln, i18n.T("une étape ne peut suivre la décision du schéma", "a step cannot follow the chart's decision"))
			}
			b.Steps = append(b.Steps, splitBox(trim(t[2:])))
		case strings.HasPrefix(t, "+>"):
			if len(b.Steps) == 0 || b.Steps[len(b.Steps)-1].Side != nil {
				p.fail(ln, i18n.T("« +> » doit suivre une étape « >> » (une seule boîte latérale par étape)",
					"“+>” must follow a “>>” step (one side box per step)"))
			} else {
				side := splitBox(trim(t[2:]))
				b.Steps[len(b.Steps)-1].Side = &side
			}
		case strings.HasPrefix(t, "??"):
			if b.Decision != "" {
				p.fail(ln, i18n.T("un schéma n'a qu'une décision « ?? »", "a chart has only one “??” decision"))
			}
			b.Decision = trim(t[2:])
		case strings.HasPrefix(t, "=>"):
			parts := strings.Split(trim(t[2:]), "||")
			if b.Decision == "" || len(parts) != 2 || b.Outcomes != nil {
				p.fail(ln, i18n.T("« => » doit suivre la décision « ?? » et donner deux issues séparées par « || »",
					"“=>” must follow the “??” decision and give two outcomes separated by “||”"))
			} else {
				b.Outcomes = []Box{splitBox(parts[0]), splitBox(parts[1])}
			}
		default:
			return b
		}
		p.i++
	}
	return b
}

// Inline parses **bold** spans.
func Inline(s string) []Run {
	var out []Run
	bold := false
	for {
		i := strings.Index(s, "**")
		if i < 0 {
			break
		}
		if i > 0 {
			out = append(out, Run{Text: s[:i], Bold: bold})
		}
		bold = !bold
		s = s[i+2:]
	}
	if s != "" {
		out = append(out, Run{Text: s, Bold: bold})
	}
	return out
}
