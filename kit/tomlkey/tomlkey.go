// Package tomlkey reads TOML keys as people write them, line by line, to say on which line a
// key stands: the school profile and the training cases both name the line of a mistake.
package tomlkey

import "strings"

// Brackets counts the square brackets a line opens and does not close, outside strings and
// comments.
func Brackets(s string) int {
	n := 0
	quote := rune(0)
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#':
			return n
		case r == '[':
			n++
		case r == ']':
			n--
		}
	}
	return n
}

// Path turns a key as written (role.kept, "role.kept", role . kept) into a dotted path.
func Path(k string) string {
	var parts []string
	for _, p := range strings.Split(strings.TrimSpace(k), ".") {
		p = strings.Trim(strings.TrimSpace(p), `"'`)
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ".")
}

// Line is a line of a TOML file that opens a table or sets a key.
type Line struct {
	N     int    // the line's number, from 1
	Table string // a table header's name as written ("student.grid"), else ""
	Array bool   // the header is an array table's: [[student]]
	Key   string // a key as written, left of "=", trimmed
	Value string // its value as written, trimmed (the first line of a multi-line one)
}

// Lines returns the table headers and key lines of src in order, leaving out blank lines,
// comments and the lines that continue a multi-line string or array.
func Lines(src string) []Line {
	var out []Line
	closing := "" // inside a multi-line string: its closing delimiter
	depth := 0    // inside a multi-line array: the brackets still open
	for n, raw := range strings.Split(src, "\n") {
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		switch {
		case closing != "":
			if strings.Contains(line, closing) {
				closing = ""
			}
			continue
		case depth > 0:
			depth += Brackets(line)
			continue
		case line == "" || line[0] == '#':
			continue
		case line[0] == '[':
			name, end, array := line[1:], "]", false
			if strings.HasPrefix(name, "[") {
				name, end, array = name[1:], "]]", true
			}
			if i := strings.Index(name, end); i >= 0 {
				name = name[:i]
			}
			out = append(out, Line{N: n + 1, Table: strings.TrimSpace(name), Array: array})
			continue
		}
		key, value, ok := CutOutsideQuotes(line, '=')
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		out = append(out, Line{N: n + 1, Key: strings.TrimSpace(key), Value: value})
		for _, delim := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, delim) && !strings.Contains(value[3:], delim) {
				closing = delim
			}
		}
		if strings.HasPrefix(value, "[") {
			depth = Brackets(value)
		}
	}
	return out
}

// CutOutsideQuotes cuts s around the first sep that is not between quotes.
func CutOutsideQuotes(s string, sep byte) (string, string, bool) {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == sep:
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
