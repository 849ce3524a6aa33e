package markup

import (
	"fmt"
	"sexto/kit/golden"
	"strings"
	"testing"
	"unicode"
)

// parseBounded parses src in a goroutine and stops the test binary if that takes more than
// 5 s or its heap grows by more than 256 MB: the hangs this guards against ate about 1 GB a
// second, and a runaway goroutine cannot be stopped, only the process.
func parseBounded(t testing.TB, name, src string) (*Doc, error) {
	t.Helper()
	var d *Doc
	var err error
	bounded(fmt.Sprintf("Parse(%.200q)", src), func() { d, err = Parse(name, src) })
	return d, err
}

func bounded(what string, work func()) { golden.Bounded(what, 256, work) }

// spaces is every character Unicode counts as white space, plus the invisible ones a paste or
// a byte order mark leaves behind.
func spaces() []rune {
	var out []rune
	for r := rune(0); r <= 0x3000; r++ {
		if unicode.IsSpace(r) {
			out = append(out, r)
		}
	}
	return append(out, '\u200b', '\u2060', '\ufeff', '\u180e')
}

var lineEnds = []string{"\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029", "\v", "\f"}

func TestBlankLinesOfAnySpaceNeverHang(t *testing.T) {
	// the reported cases
	for _, src := range []string{"\r", "# T\n\u00a0\u00a0\u00a0\nx", "# T\n\u00a0\n\u00a0"} {
		parseBounded(t, "x", src)
	}
	for _, sp := range spaces() {
		for _, nl := range lineEnds {
			blank := strings.Repeat(string(sp), 3)
			src := "# Titre" + nl + "Léa" + nl + blank + nl + "Tremblay" + nl + blank
			d, err := parseBounded(t, "x", src)
			if err != nil {
				t.Errorf("U+%04X with %q: %v", sp, nl, err)
				continue
			}
			// the blank line separates two paragraphs, whatever the space and the line end
			var got []string
			for _, b := range d.Blocks {
				got = append(got, Plain(b.Runs))
			}
			if strings.Join(got, "|") != "Titre|Léa|Tremblay" {
				t.Errorf("U+%04X with %q: blocks %q, want the title and two paragraphs", sp, nl, got)
			}
		}
	}
}

func TestEveryLineEndEndsALine(t *testing.T) {
	for _, nl := range lineEnds {
		d, err := parseBounded(t, "x", "# Titre"+nl+"- un"+nl+"- deux"+nl+nl+"fin")
		if err != nil {
			t.Fatalf("%q: %v", nl, err)
		}
		if len(d.Blocks) != 4 || d.Blocks[1].Kind != Bullet || d.Blocks[2].Kind != Bullet ||
			Plain(d.Blocks[2].Runs) != "deux" || d.Blocks[3].Line != 5 {
			t.Errorf("%q: blocks %+v", nl, d.Blocks)
		}
	}
	// \r\n is one line end, not two
	d, err := parseBounded(t, "x", "# T\r\n\r\nun\r\ndeux")
	if err != nil || len(d.Blocks) != 2 || Plain(d.Blocks[1].Runs) != "un deux" || d.Blocks[1].Line != 3 {
		t.Errorf("CRLF: %+v, %v", d, err)
	}
}

func TestSpacesInsideALine(t *testing.T) {
	// a byte order mark does not hide the title; an em space after the marker is a space;
	// the no-break spaces of French typography are kept
	d, err := parseBounded(t, "x", "\ufeff# Titre\n-\u2003puce\n\u3000Léa\u00a0: oui\u202f!")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Titre" || len(d.Blocks) != 3 || d.Blocks[1].Kind != Bullet || Plain(d.Blocks[1].Runs) != "puce" {
		t.Fatalf("blocks %+v", d.Blocks)
	}
	if got := Plain(d.Blocks[2].Runs); got != "Léa\u00a0: oui\u202f!" {
		t.Errorf("paragraph %q", got)
	}
}

// FuzzParse: Parse never panics nor hangs, its output is bounded by its input, it invents no
// text, and, when every line is escaped into plain prose, it loses none. Markup syntax (the
// line markers, directives and their numbers, table separators, "**") is what it may drop.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"\r", "x\r", "\r\n\r\n", "\u00a0", "a\n\u00a0\u00a0\nb", "a\u2028b\u2029c\u0085d\ve\ff",
		"# T\n", "# T\n\\# pas un titre\n\\\n\\\\", "#x", "# T\n@labels 3\n!! a\n@end\n@end",
		"# T\n| a | b |\n|-1-|-x-|\n| c |\n@blankrows 99", "# T\n>> a | b\n+> c\n+> d\n?? e\n=> f || g\n=> h",
		"# T\n__ 0\n__\n_ a|b|c|d\n%%\n%% a", "# T\n12. douze\n1234. non\n-1. non", "# **T**\n***a*** **",
		"\ufeff# T\n\u3000\u2003\n\u200b", "# T\n@grid x\n@zzz\n@", "# T\n> n\n>> s\n> m", "\xff\xfe# T\n\xc3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		lines := splitLines(src)
		d, err := parseBounded(t, "f.tmpl", src)
		if err == nil {
			if d.Title == "" {
				t.Fatal("a document without title was accepted")
			}
			if len(d.Blocks) > len(lines) {
				t.Fatalf("%d blocks from %d lines", len(d.Blocks), len(lines))
			}
			for _, b := range d.Blocks {
				if b.Line < 1 || b.Line > len(lines) {
					t.Fatalf("block at line %d of %d", b.Line, len(lines))
				}
			}
			if out := text(d.Blocks); !subset(letters(out), letters(src)) {
				t.Fatalf("output %q has letters that are not in the input", out)
			}
		}
		// escape every line: all is prose, and no letter, digit or sign may be lost
		esc := []string{"# T"}
		var want strings.Builder
		for _, l := range lines {
			esc = append(esc, `\`+l)
			want.WriteString(strings.ReplaceAll(l, "**", ""))
		}
		d, err = parseBounded(t, "f.tmpl", strings.Join(esc, "\n"))
		if err != nil {
			t.Fatalf("escaped prose refused: %v", err)
		}
		if got := noSpace(text(d.Blocks[1:])); got != noSpace(want.String()) {
			t.Fatalf("escaped prose gave %q, want %q", got, noSpace(want.String()))
		}
	})
}

func text(bs []Block) string {
	var b strings.Builder
	for _, bl := range bs {
		b.WriteString(Plain(bl.Runs))
		for _, p := range bl.Paras {
			b.WriteString(Plain(p))
		}
		for _, it := range append(append(append([]string{}, bl.Items...), bl.Header...), bl.Decision) {
			b.WriteString(it)
		}
		for _, r := range bl.Rows {
			b.WriteString(strings.Join(r, ""))
		}
		for _, bx := range append(append([]Box{}, bl.Steps...), bl.Outcomes...) {
			b.WriteString(bx.Title + bx.Text)
			if bx.Side != nil {
				b.WriteString(bx.Side.Title + bx.Side.Text)
			}
		}
		b.WriteString(text(bl.Children))
	}
	return b.String()
}

func letters(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			m[r]++
		}
	}
	return m
}

func subset(a, b map[rune]int) bool {
	for r, n := range a {
		if b[r] < n {
			return false
		}
	}
	return true
}

func noSpace(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !isSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
