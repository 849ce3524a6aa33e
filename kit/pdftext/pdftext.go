// Package pdftext extracts the text that sexto's PDF layer writes, page by page and line by
// line, straight from the PDF bytes, so that tests check what a reader of the file gets.
// It understands the subset of PDF that the layer produces (Flate streams, Td positions,
// UTF-16 hex strings shown with Tj); it is not a general PDF reader.
package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

var (
	showRE = regexp.MustCompile(`BT ([-0-9.]+) ([-0-9.]+) Td \(`)
	boxRE  = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)
)

// Page is the text of one page, as lines from top to bottom.
type Page struct {
	Lines []string
}

type piece struct {
	x, y float64
	s    string
	size float64 // the font size in force when it was drawn, in points
}

// Piece is one piece of text as drawn: where, at what font size, and what.
type Piece struct {
	X, Y, Size float64
	Text       string
}

// PagePieces returns every page's pieces of text in drawing order, with their font size.
func PagePieces(pdf []byte) ([][]Piece, error) {
	var out [][]Piece
	for _, obj := range bytes.Split(pdf, []byte("endobj")) {
		data, ok := content(obj)
		if !ok {
			continue
		}
		var page []Piece
		for _, p := range pieces(data) {
			page = append(page, Piece{X: p.x, Y: p.y, Size: p.size, Text: p.s})
		}
		out = append(out, page)
	}
	return out, nil
}

var (
	fontRE  = regexp.MustCompile(`/F\w+ ([0-9.]+) Tf`)
	stateRE = regexp.MustCompile(`(?m)(?:^|[ \n])([qQ])(?:[ \n]|$)`)
)

// sizes maps each byte offset where the font size changes to the size then in force,
// following the graphics state's saves (q) and restores (Q).
type sizeChange struct {
	at   int
	size float64
}

func sizeChanges(content []byte) []sizeChange {
	type ev struct {
		at   int
		kind byte // 'f' font, 'q', 'Q'
		size float64
	}
	var evs []ev
	for _, m := range fontRE.FindAllSubmatchIndex(content, -1) {
		v, _ := strconv.ParseFloat(string(content[m[2]:m[3]]), 64)
		evs = append(evs, ev{m[0], 'f', v})
	}
	for _, m := range stateRE.FindAllSubmatchIndex(content, -1) {
		evs = append(evs, ev{m[2], content[m[2]], 0})
	}
	sort.Slice(evs, func(i, j int) bool { return evs[i].at < evs[j].at })
	var out []sizeChange
	cur, stack := 0.0, []float64{}
	for _, e := range evs {
		switch e.kind {
		case 'f':
			cur = e.size
		case 'q':
			stack = append(stack, cur)
			continue
		case 'Q':
			if n := len(stack); n > 0 {
				cur, stack = stack[n-1], stack[:n-1]
			}
		}
		out = append(out, sizeChange{e.at, cur})
	}
	return out
}

// Pages extracts the text of every page of pdf, in order.
func Pages(pdf []byte) ([]Page, error) {
	var pages []Page
	for _, obj := range bytes.Split(pdf, []byte("endobj")) {
		data, ok := content(obj)
		if !ok {
			continue
		}
		pages = append(pages, Page{Lines: lines(data)})
	}
	return pages, nil
}

// content returns the decoded stream of a page-content object.
func content(obj []byte) ([]byte, bool) {
	i := bytes.Index(obj, []byte("stream"))
	if i < 0 {
		return nil, false
	}
	dict := string(obj[:i])
	data := obj[i+len("stream"):]
	data = bytes.TrimPrefix(bytes.TrimPrefix(data, []byte("\r")), []byte("\n"))
	if j := bytes.LastIndex(data, []byte("endstream")); j >= 0 {
		data = data[:j]
	}
	if strings.Contains(dict, "/Length1") || strings.Contains(dict, "/Subtype") || strings.Contains(dict, "/Type /XObject") {
		return nil, false // font files and images
	}
	if strings.Contains(dict, "/FlateDecode") {
		r, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, false
		}
		d, _ := io.ReadAll(r)
		data = d
	}
	if bytes.Contains(data, []byte("begincmap")) || !isContent(data) {
		return nil, false
	}
	return data, true
}

// isContent reports whether a stream is a page's content (drawing operators).
func isContent(b []byte) bool {
	return bytes.Contains(b, []byte(" Tj")) || bytes.Contains(b, []byte(">Tj")) ||
		bytes.Contains(b, []byte(" re ")) || bytes.Contains(b, []byte(" l S")) || bytes.Contains(b, []byte(" w\n"))
}

func pieces(content []byte) []piece {
	var ps []piece
	changes := sizeChanges(content)
	c, size := 0, 0.0
	for _, m := range showRE.FindAllSubmatchIndex(content, -1) {
		for c < len(changes) && changes[c].at < m[0] {
			size = changes[c].size
			c++
		}
		x, _ := strconv.ParseFloat(string(content[m[2]:m[3]]), 64)
		y, _ := strconv.ParseFloat(string(content[m[4]:m[5]]), 64)
		b, ok := literal(content[m[1]:])
		if !ok || len(b)%2 != 0 {
			continue
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		ps = append(ps, piece{x, y, string(utf16.Decode(u)), size})
	}
	return ps
}

func lines(content []byte) []string {
	ps := pieces(content)
	// group pieces into lines: same baseline within half a point
	sort.SliceStable(ps, func(i, j int) bool {
		if d := ps[i].y - ps[j].y; d > 0.5 || d < -0.5 {
			return ps[i].y > ps[j].y
		}
		return ps[i].x < ps[j].x
	})
	var out []string
	for i := 0; i < len(ps); {
		j := i
		var parts []string
		for j < len(ps) && ps[i].y-ps[j].y <= 0.5 && ps[j].y-ps[i].y <= 0.5 {
			parts = append(parts, ps[j].s)
			j++
		}
		out = append(out, strings.Join(parts, " "))
		i = j
	}
	return out
}

// Stream returns every piece of text in the order it was drawn, separated by spaces: a label
// broken over two lines reads whole, whatever is drawn beside it.
func Stream(pdf []byte) (string, error) {
	var parts []string
	for _, obj := range bytes.Split(pdf, []byte("endobj")) {
		data, ok := content(obj)
		if !ok {
			continue
		}
		for _, p := range pieces(data) {
			parts = append(parts, p.s)
		}
	}
	return strings.Join(parts, " "), nil
}

// Text returns all pages' lines joined, pages separated by a form feed line.
func Text(pdf []byte) (string, error) {
	pages, err := Pages(pdf)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i, p := range pages {
		if i > 0 {
			b.WriteString("\f\n")
		}
		for _, l := range p.Lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// MediaBox returns the page size, in points, of the first page.
func MediaBox(pdf []byte) (w, h float64, err error) {
	m := boxRE.FindSubmatch(pdf)
	if m == nil {
		return 0, 0, fmt.Errorf("pdftext: no MediaBox")
	}
	w, _ = strconv.ParseFloat(string(m[1]), 64)
	h, _ = strconv.ParseFloat(string(m[2]), 64)
	return w, h, nil
}

// literal reads a PDF literal string up to its closing parenthesis.
func literal(b []byte) ([]byte, bool) {
	var out []byte
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case '\\':
			i++
			if i >= len(b) {
				return nil, false
			}
			switch e := b[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := 0
					n := 0
					for n < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7' {
						v = v*8 + int(b[i]-'0')
						i++
						n++
					}
					i--
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			if depth == 0 {
				return out, true
			}
			depth--
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return nil, false
}
