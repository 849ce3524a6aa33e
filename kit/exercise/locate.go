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
	for _, ln := range tomlkey.Lines(src) {
		switch {
		case ln.Array:
			name := tomlkey.Path(ln.Table)
			arrays[name]++
			prefix = name + "[" + strconv.Itoa(arrays[name]-1) + "]"
			l.lines[prefix] = ln.N
		case ln.Table != "":
			name := tomlkey.Path(ln.Table)
			// a sub-table of the last element of an array table: [student.grid]
			prefix = name
			for arr, count := range arrays {
				if strings.HasPrefix(name, arr+".") {
					prefix = arr + "[" + strconv.Itoa(count-1) + "]" + strings.TrimPrefix(name, arr)
				}
			}
			l.lines[prefix] = ln.N
		default:
			path := tomlkey.Path(ln.Key)
			if prefix != "" {
				path = prefix + "." + path
			}
			if _, seen := l.lines[path]; !seen {
				l.lines[path] = ln.N
			}
		}
	}
	return l
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
