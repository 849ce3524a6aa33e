package exercise

import (
	"strconv"
	"strings"

	"sexto/kit/tomlkey"
)

// locator finds the line of each key of a case file, so that a mistake is named by its line.
// The TOML reader gives lines for syntax errors only; this small scanner follows the tables
// ([incident], [[student]], [student.grid]…) and records "student[1].grid.role.kept" → 57.
type locator struct {
	lines map[string]int
}

func locate(src string) *locator {
	l := &locator{lines: map[string]int{}}
	arrays := map[string]int{} // array table name → number of elements so far
	prefix := ""
	closing := "" // inside a multi-line string: its closing delimiter
	depth := 0    // inside a multi-line array: the brackets still open
	for n, raw := range strings.Split(src, "\n") {
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		if closing != "" {
			if strings.Contains(line, closing) {
				closing = ""
			}
			continue
		}
		if depth > 0 {
			depth += tomlkey.Brackets(line)
			continue
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "[[") {
			name := tableName(strings.TrimPrefix(line, "[["), "]]")
			arrays[name]++
			prefix = name + "[" + strconv.Itoa(arrays[name]-1) + "]"
			l.lines[prefix] = n + 1
			continue
		}
		if line[0] == '[' {
			name := tableName(line[1:], "]")
			// a sub-table of the last element of an array table: [student.grid]
			prefix = name
			for arr, count := range arrays {
				if strings.HasPrefix(name, arr+".") {
					prefix = arr + "[" + strconv.Itoa(count-1) + "]" + strings.TrimPrefix(name, arr)
				}
			}
			l.lines[prefix] = n + 1
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		path := tomlkey.Path(key)
		if prefix != "" {
			path = prefix + "." + path
		}
		if _, seen := l.lines[path]; !seen {
			l.lines[path] = n + 1
		}
		value = strings.TrimSpace(value)
		for _, delim := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, delim) && !strings.Contains(value[3:], delim) {
				closing = delim
			}
		}
		if strings.HasPrefix(value, "[") {
			depth = tomlkey.Brackets(value)
		}
	}
	return l
}

// tableName reads a table header's dotted name, quotes and spaces aside.
func tableName(s, end string) string {
	if i := strings.Index(s, end); i >= 0 {
		s = s[:i]
	}
	return tomlkey.Path(s)
}

// line returns the line of path, else of the nearest enclosing table, else 0.
func (l *locator) line(path string) int {
	for l != nil && path != "" {
		if n, ok := l.lines[path]; ok {
			return n
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}
