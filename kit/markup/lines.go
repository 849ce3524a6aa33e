package markup

import (
	"strings"
	"unicode"
)

// The markup reaches the parser from school templates and, through the letters, from
// workbook cells (a name typed with Alt+Enter, a paste from a web page). So that a line that
// looks blank is blank, the parser has ONE notion of a line and ONE notion of a space, used by
// every test and every trim (a blank test that trimmed one set of spaces while the loop
// advanced on another once made it loop forever on a line of no-break spaces).

// splitLines cuts src at every line ending: \n, \r\n, a lone \r (old Mac files, some pastes),
// NEL (U+0085), the Unicode line and paragraph separators (U+2028, U+2029), and the vertical
// tab and form feed that Unicode also counts as mandatory breaks. Every other breaking space
// (tab, en/em spaces, ideographic space…) becomes a plain space; the no-break spaces (U+00A0,
// U+2007, U+202F) are kept, since French typography needs them.
func splitLines(src string) []string {
	var lines []string
	var b strings.Builder
	for i, r := range src {
		switch r {
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				continue // the \n that follows ends the line
			}
			fallthrough
		case '\n', '\v', '\f', '\u0085', '\u2028', '\u2029':
			lines = append(lines, b.String())
			b.Reset()
			continue
		}
		if unicode.IsSpace(r) && !noBreak(r) {
			r = ' '
		}
		b.WriteRune(r)
	}
	return append(lines, b.String())
}

func noBreak(r rune) bool { return r == '\u00a0' || r == '\u2007' || r == '\u202f' }

// isSpace reports whether r counts as space at the edges of a line or a cell: every Unicode
// space (no-break ones included) and the invisible zero-width characters a paste or a byte
// order mark leaves behind.
func isSpace(r rune) bool {
	switch r {
	case '\u200b', '\u2060', '\ufeff', '\u180e':
		return true
	}
	return unicode.IsSpace(r)
}

func trim(s string) string      { return strings.TrimFunc(s, isSpace) }
func trimLeft(s string) string  { return strings.TrimLeftFunc(s, isSpace) }
func trimRight(s string) string { return strings.TrimRightFunc(s, isSpace) }
func fields(s string) []string  { return strings.FieldsFunc(s, isSpace) }
