package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Cells, sheet names, file names and profile values reach the terminal inside messages. A
// control character there is an instruction to the terminal, not text: ESC starts a sequence
// that can recolour, move the cursor or retitle the window, BEL rings, CR rewrites the line,
// and the bidirectional overrides (U+202E…) make "Zoé.xlsx" read as something else. So every
// message and every table the CLI prints goes through terminalSafe, which shows such
// characters escaped, the way Go writes them: \x1b, \a is \x07, \u202e.

// unsafeRune reports whether r must not reach a terminal raw: C0 controls but tab and
// newline, DEL, C1 controls (U+0080–U+009F), the line and paragraph separators, and every
// invisible format character (Unicode category Cf: bidi marks, overrides and isolates,
// zero-width characters, the byte order mark, tags).
func unsafeRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || (r >= 0x7f && r <= 0x9f):
		return true
	case r == '\u2028' || r == '\u2029':
		return true
	}
	return r > 0x9f && unicode.Is(unicode.Cf, r)
}

// terminalSafe returns s with every unsafe character, and every byte that is not UTF-8,
// escaped. Text without any (nearly all) is returned as it is.
func terminalSafe(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r) && r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// safeWriter escapes everything written through it (see terminalSafe). Each Write is escaped
// on its own: fmt and tabwriter write whole strings and whole cells.
type safeWriter struct{ w io.Writer }

func terminalWriter(w io.Writer) io.Writer {
	if _, ok := w.(safeWriter); ok {
		return w
	}
	return safeWriter{w}
}

func (s safeWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, terminalSafe(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// jsonSafe writes JSON with the unsafe characters that encoding/json leaves raw (C1 controls,
// bidi and other format characters) as \u escapes: the same JSON value, harmless on a
// terminal. Outside strings JSON is ASCII, so only string contents change.
type jsonSafe struct{ w io.Writer }

func (j jsonSafe) Write(p []byte) (int, error) {
	s := string(p)
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafeRune(r):
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
		}
	}
	if _, err := io.WriteString(j.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}
