package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"runtime"
	"sexto/kit/golden"
	"strings"
	"testing"
	"unicode/utf8"
)

func bounded(what string, work func()) { golden.Bounded(what, 512, work) }

func testDoc(t testing.TB) *Doc {
	t.Helper()
	d, err := newDoc(opts(Letter, false), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { measurers.Put(d.m) })
	return d
}

// wrapNaive is the line breaking as it was before running widths: it re-measured ever
// shorter heads of a long word (cubic in the word's length). It is the reference the fast
// cut must match, line for line.
func (d *Doc) wrapNaive(runs []Run, size, w float64) [][]word {
	ws := d.words(runs, size)
	d.setFont("", size)
	space := d.width(" ")
	var lines [][]word
	var cur []word
	curW := 0.0
	for _, wd := range ws {
		for wd.w > w {
			d.setFont(styleOf(wd.bold), size)
			r := []rune(wd.text)
			n := len(r)
			for n > 1 && d.width(string(r[:n])) > w-curW-space {
				n--
			}
			if len(cur) > 0 && n < len(r)/3 {
				lines = append(lines, cur)
				cur, curW = nil, 0
				continue
			}
			n, hyphen := refineCut(r, n, w-curW-space, func(j int) float64 { return d.width(string(r[:j])) }, d.width("-"))
			head := word{text: string(r[:n]), bold: wd.bold, w: d.width(string(r[:n])), space: wd.space && len(cur) > 0, hyphen: hyphen}
			if hyphen {
				head.w += d.width("-")
			}
			cur = append(cur, head)
			lines = append(lines, cur)
			cur, curW = nil, 0
			wd = word{text: string(r[n:]), bold: wd.bold, w: d.width(string(r[n:]))}
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

func fitNaive(d *Doc, s string, w float64) string {
	s = clean(s)
	if d.width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && d.width(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

var layoutTexts = [][]Run{
	Plain("Paragraphe numéro 12 : du texte qui se répète pour remplir la page et forcer un saut."),
	Plain("https://exemple.qc.ca/" + strings.Repeat("chemin/très-long_", 12) + "?q=1 puis la suite"),
	{{Text: "Élève : "}, {Text: "Léa Tremblay-Côté", Bold: true}, {Text: " — " + strings.Repeat("W", 90) + " fin"}},
	Plain("a " + strings.Repeat("m", 40) + " " + strings.Repeat("i", 200) + " b\u00a0c"),
	Plain(strings.Repeat("Œuvre ", 30) + strings.Repeat("é", 77) + "\xff\xfe" + strings.Repeat("x", 9)),
	Plain("1\u202f000 $ « citation » 🙂\x07\ttab"),
	{{Text: strings.Repeat("B", 33), Bold: true}, {Text: strings.Repeat("b", 33)}},
}

func TestWrapCutsAsBefore(t *testing.T) {
	d := testDoc(t)
	for i, runs := range layoutTexts {
		for _, w := range []float64{0, 1, 2.5, 7, 13.3, 22, 40, 80, 170} {
			for _, size := range []float64{SizeTable, SizeBody, SizeH1} {
				got, want := d.wrap(runs, size, w), d.wrapNaive(runs, size, w)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("text %d at %.1f mm, %.0f pt:\n got %v\nwant %v", i, w, size, got, want)
				}
			}
		}
		for _, w := range []float64{0, 3, 10, 50, 500} {
			d.setFont("B", SizeSmall)
			s := Plain(runs[len(runs)-1].Text)[0].Text
			if got, want := fit(d, s, w), fitNaive(d, s, w); got != want {
				t.Errorf("fit text %d at %.0f mm = %q, want %q", i, w, got, want)
			}
		}
	}
}

// A pasted link of thousands of characters took 34 s at 2,000 characters and 790 s at 4,000
// in a referral (cubic). 20,000 characters in a narrow table cell must take well under 5 s.
func TestLongWordLayoutIsLinear(t *testing.T) {
	link := "https://" + strings.Repeat("a1b2c3", 20000/6)
	var out []byte
	var err error
	bounded("20,000-character word", func() {
		out, err = Render(opts(Letter, false), func(d *Doc) error {
			d.Section("a", "Lien", false)
			d.Paragraph(Plain(link))
			d.Table(Table{Header: []string{"A", "B", "C", "D", "E", "F"}, Rows: [][]string{{"x", link, "y", "z", "w", "v"}}})
			return nil
		})
	})
	if err != nil || len(out) == 0 {
		t.Fatalf("render: %v", err)
	}
	// nothing of the word is lost in the cutting
	d := testDoc(t)
	var b strings.Builder
	for _, ln := range d.wrap(Plain(link), SizeTable, 20) {
		for _, w := range ln {
			b.WriteString(w.text)
		}
	}
	if b.String() != link {
		t.Errorf("the cut word does not put back together (%d of %d bytes)", b.Len(), len(link))
	}
}

// a column narrower than its padding (a table of many columns) gives a negative width: the
// old cut looped forever on the empty rest of a word
func TestNegativeWidthTerminates(t *testing.T) {
	d := testDoc(t)
	var lines [][]word
	bounded("negative width", func() { lines = d.wrap(Plain("abc de"), SizeTable, -1.5) })
	var got []string
	for _, ln := range lines {
		for _, w := range ln {
			got = append(got, w.text)
		}
	}
	if strings.Join(got, "") != "abcde" || len(lines) < 5 {
		t.Errorf("lines %q, want a rune a line", got)
	}
}

// pngDeclaring is a 1-pixel PNG made in code whose header claims w × h pixels.
func pngDeclaring(w, h uint32) []byte {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 1, 1))) // with transparency: decoded whole
	b := buf.Bytes()
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func TestHugePictureIsRefusedBeforeDecoding(t *testing.T) {
	letterhead := func(d *Doc) error {
		d.Section("a", "Lettre", false)
		d.Letterhead("École des Érables", []string{"1 rue"})
		return nil
	}
	real := func(w, h int) []byte {
		var buf bytes.Buffer
		png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, w, h)))
		return buf.Bytes()
	}
	for _, c := range []struct {
		logo []byte
		ok   bool
	}{{pngDeclaring(20000, 20000), false}, {real(4001, 1), false}, {real(1, 4001), false},
		{real(4000, 1), true}, {pngDeclaring(1, 1), true}, {[]byte("\x89PNG\r\n\x1a\n"), false}} {
		o := opts(Letter, false)
		o.Logo, o.LogoType = c.logo, "png"
		var err error
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		bounded("huge logo", func() { _, err = Render(o, letterhead) })
		runtime.ReadMemStats(&after)
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 128<<20 {
			t.Errorf("rendering with the logo allocated %d MB", grew>>20)
		}
		if (err == nil) != c.ok {
			t.Errorf("logo of %d bytes: err = %v, want ok = %v", len(c.logo), err, c.ok)
		}
		if cfg, _ := png.DecodeConfig(bytes.NewReader(c.logo)); cfg.Width > MaxImageSide || cfg.Height > MaxImageSide {
			if err == nil || !strings.Contains(err.Error(), "pixels") {
				t.Errorf("a %d × %d logo was not refused for its size: %v", cfg.Width, cfg.Height, err)
			}
		}
	}
}

// FuzzLayout lays arbitrary text out into a narrow (even negative) width and checks that it
// ends, that every rune comes out (clean drops control characters and prints '?' for a
// character the fonts lack, and plain spaces become the gaps between words), that no line is
// wider than the cell unless it ends with a single character that cannot fit anywhere, and,
// for short texts, that the lines are those of the naive cut.
func FuzzLayout(f *testing.F) {
	for _, rs := range layoutTexts {
		f.Add(rs[0].Text, int8(40), false)
		f.Add(rs[len(rs)-1].Text, int8(3), true)
	}
	f.Add("", int8(0), false)
	f.Add("   ", int8(-6), false)
	f.Add("abc de", int8(-6), true)
	f.Add(strings.Repeat("x", 3000), int8(1), false)
	f.Add("\u00a0\u200b\ufeff\u2028\r\n\x1b[31m", int8(12), false)
	d := testDoc(f)
	f.Fuzz(func(t *testing.T, text string, width int8, bold bool) {
		if len(text) > 1<<14 {
			return
		}
		w := float64(width) / 4 // -32 to 31.75 mm
		runs := []Run{{Text: text, Bold: bold}, {Text: " " + text}}
		var lines [][]word
		bounded(fmt.Sprintf("wrap(%.100q, %.2f)", text, w), func() { lines = d.wrap(runs, SizeTable, w) })
		n := utf8.RuneCountInString(text)
		if len(lines) > 2*n+2 {
			t.Fatalf("%d lines for %d runes", len(lines), 2*n)
		}
		var got strings.Builder
		for _, ln := range lines {
			for _, wd := range ln {
				got.WriteString(strings.ReplaceAll(wd.text, " ", "")) // a number's groups share one word
			}
			if lw := lineWidth(d, ln, SizeTable); lw > max(w, 0)+1e-9 && utf8.RuneCountInString(ln[len(ln)-1].text) != 1 {
				t.Fatalf("line %v is %.2f mm wide in %.2f mm", ln, lw, w)
			}
		}
		want := strings.ReplaceAll(clean(text)+clean(" "+text), " ", "")
		if got.String() != want {
			t.Fatalf("the lines hold %q, want %q", got.String(), want)
		}
		if n <= 40 { // the naive cut is cubic
			if naive := d.wrapNaive(runs, SizeTable, max(w, 0)); fmt.Sprint(d.wrap(runs, SizeTable, max(w, 0))) != fmt.Sprint(naive) {
				t.Fatalf("the lines differ from the naive cut at %.2f mm", w)
			}
		}
		d.setFont("", SizeTable)
		var s string
		bounded("fit", func() { s = fit(d, text, w) })
		if c := clean(text); s != c && !(strings.HasSuffix(s, "…") && strings.Contains(c, strings.TrimSuffix(s, "…"))) {
			t.Fatalf("fit(%q) = %q", text, s)
		}
		if s != clean(text) && d.width(s) > w+1e-9 && utf8.RuneCountInString(s) > 2 {
			t.Fatalf("fit(%q, %.2f) = %q, %.2f mm wide", text, w, s, d.width(s))
		}
	})
}

// A phone number, an extension or a date and time is never cut across lines, whatever the
// width; words around them still wrap.
func TestNumbersAreNeverCut(t *testing.T) {
	d := testDoc(t)
	text := "Tel-jeunes : 1 800 263-2266, texto 514 600-1002 · appelez au 450 555-0142, poste 2107, le 2026-11-24 09:15 ou le 1 866 APPELLE (277-3553)"
	for w := 50.0; w <= 160; w += 0.5 { // from the width of the longest number
		var lines []string
		for _, ln := range d.wrap(Plain(text), SizeBody, w) {
			var s []string
			for _, wd := range ln {
				s = append(s, wd.text)
			}
			lines = append(lines, strings.Join(s, " "))
		}
		all := strings.Join(lines, "\n")
		for _, whole := range []string{"1 800 263-2266", "514 600-1002", "450 555-0142", "poste 2107", "2026-11-24 09:15", "1 866 APPELLE (277-3553)"} {
			if !strings.Contains(all, whole) {
				t.Fatalf("at %.1f mm, %q is cut:\n%s", w, whole, all)
			}
		}
	}
	for _, c := range []struct {
		prev, next string
		want       bool
	}{{"1", "800", true}, {"poste", "2107", true}, {"ext.", "2107", true}, {"3", "grilles", false}, {"le", "24", false}, {"poste,", "2107", false}, {"866", "APPELLE", true}, {"E2", "SAC", true}} {
		if got := glued(c.prev, c.next); got != c.want {
			t.Errorf("glued(%q, %q) = %v", c.prev, c.next, got)
		}
	}
}
