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
