package printkit

import (
	"fmt"
	"strings"
	"testing"

	"sexto/kit/i18n"
	"sexto/kit/markup"
	"sexto/kit/profile"
)

// shape is a block's structure without its words: what must be the same in French and
// English.
func shape(b markup.Block) string {
	switch b.Kind {
	case markup.Title:
		return "title"
	case markup.Heading:
		return fmt.Sprintf("heading %d", b.Level)
	case markup.Paragraph:
		return "paragraph"
	case markup.Bullet:
		if b.Marker == "•" {
			return "list item"
		}
		return "numbered item " + b.Marker
	case markup.Tick:
		return "tick box"
	case markup.Warning:
		return fmt.Sprintf("warning box of %d paragraph(s)", len(b.Paras))
	case markup.Note:
		return "note box"
	case markup.Table:
		return fmt.Sprintf("table of %d column(s), header %v, %d row(s), %d blank row(s), widths %v",
			max(len(b.Header), len(b.Widths)), b.Header != nil, len(b.Rows), b.Blank, b.Widths)
	case markup.Fields:
		return fmt.Sprintf("%d field(s) on a line", len(b.Items))
	case markup.BlankLines:
		return fmt.Sprintf("%d blank line(s)", b.N)
	case markup.Signatures:
		return fmt.Sprintf("%d signature block(s), %d line(s) under each", len(b.Items), len(b.Header))
	case markup.Flow:
		var steps []string
		for _, s := range b.Steps {
			steps = append(steps, fmt.Sprintf("step(side %v)", s.Side != nil))
		}
		return fmt.Sprintf("flowchart %v, decision %v, %d outcome(s)", steps, b.Decision != "", len(b.Outcomes))
	case markup.Letterhead:
		return "letterhead"
	case markup.Contents:
		return "contents"
	case markup.Grid:
		return "grid"
	case markup.PageBreak:
		return "page break"
	case markup.Labels:
		var inner []string
		for _, c := range b.Children {
			inner = append(inner, shape(c))
		}
		return fmt.Sprintf("labels ×%d [%s]", b.N, strings.Join(inner, "; "))
	}
	return fmt.Sprintf("kind %d", b.Kind)
}

// pairData are the data every template pair is compared with: each value that a template
// tests (agreement or not, empty profile fields, blank or filled letters, each fact).
func pairData(t *testing.T, l i18n.Lang) map[string]Data {
	t.Helper()
	bare, err := profile.Parse([]byte("[school]\nname = \"École du Bord-de-l’Eau\"\n"), "sexto.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Data{}
	for name, p := range map[string]*profile.Profile{"specimen": profile.Specimen(), "agreement": withAgreement(t), "bare profile": bare} {
		o := options(l)
		o.Profile = p
		d := o.data()
		d.Ref, d.Copy = "E1", 1
		out[name] = d
		for _, facts := range []struct {
			name string
			f    LetterFacts
		}{
			{"no fact", LetterFacts{}},
			{"every fact", LetterFacts{Produced: true, Requested: true, Sent: true, Showed: true, Kept: true,
				DeviceSeized: true, DevicesSeized: 1, Disclosed: true}},
			{"one act, devices", LetterFacts{Sent: true, DevicesSeized: 3}},
		} {
			fd := d
			fd.Letter = LetterData{Date: "date", Parent: "Martine Fortin", Child: "Léa", Filled: true, LetterFacts: facts.f}
			out[name+", filled letter with "+facts.name] = fd
		}
	}
	return out
}

// The French and English template of every document have the same structure: the same
// headings, paragraphs, list items, boxes, tables, fields, tick boxes, flowchart and signature
// blocks, in the same order, whatever the data (SPEC §4: French and English say the same
// things). A line added to one language only fails here.
func TestFrenchAndEnglishTemplatesHaveTheSameStructure(t *testing.T) {
	fr, en := pairData(t, i18n.FR), pairData(t, i18n.EN)
	for _, id := range IDs() {
		for name := range fr {
			parse := func(l i18n.Lang, d Data) *markup.Doc {
				t.Helper()
				s, file, err := Markup("", l, id, d)
				if err != nil {
					t.Fatal(err)
				}
				md, err := markup.Parse(file, s)
				if err != nil {
					t.Fatal(err)
				}
				return md
			}
			a, b := parse(i18n.FR, fr[name]), parse(i18n.EN, en[name])
			n := max(len(a.Blocks), len(b.Blocks))
			for i := 0; i < n; i++ {
				var sa, sb string
				la, lb := 0, 0
				if i < len(a.Blocks) {
					sa, la = shape(a.Blocks[i]), a.Blocks[i].Line
				}
				if i < len(b.Blocks) {
					sb, lb = shape(b.Blocks[i]), b.Blocks[i].Line
				}
				if sa != sb {
					t.Errorf("%s (%s): block %d differs: fr/%s.tmpl line %d has %q, en/%s.tmpl line %d has %q",
						id, name, i+1, id, la, sa, id, lb, sb)
					break
				}
			}
		}
	}
}

// The test above sees a difference: one English list item more is reported.
func TestStructureComparisonSeesADifference(t *testing.T) {
	a, _ := markup.Parse("a", "# T\n\n- un\n- deux\n")
	b, _ := markup.Parse("b", "# T\n\n- one\n- two\n- three\n")
	same := len(a.Blocks) == len(b.Blocks)
	for i := 0; same && i < len(a.Blocks); i++ {
		same = shape(a.Blocks[i]) == shape(b.Blocks[i])
	}
	if same {
		t.Error("two lists of different lengths have the same shape")
	}
	c, _ := markup.Parse("c", "# T\n| a | b |\n|---|---|\n| 1 | 2 |\n")
	d, _ := markup.Parse("d", "# T\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n")
	if shape(c.Blocks[1]) == shape(d.Blocks[1]) {
		t.Error("tables of 2 and 3 columns have the same shape")
	}
}
