package profile

import (
	"strings"

	"sexto/kit/i18n"
)

// The TOML reader spends time and memory that grow with the square of the nesting: inline
// tables 5,000 deep (20 KB) take more than a gigabyte, a header [a.a.a…] 40,000 levels deep
// several. A profile nests two levels at most ([section], key = "…"), so deeper nesting is
// refused before the reader sees it.

// maxNesting bounds the brackets and braces open at once; maxKeyParts the parts of a dotted
// key or of a [section.header].
const (
	maxNesting  = 16
	maxKeyParts = 8
)

// checkNesting scans src, strings and comments aside, and refuses brackets or braces nested
// deeper than maxNesting and keys or headers of more than maxKeyParts parts, naming the line.
func checkNesting(src, display string) error {
	const (
		normal    = iota
		basic     // "…"
		literal   // '…'
		mlBasic   // """…"""
		mlLiteral // '''…'''
		comment   // # … to the end of the line
	)
	state := normal
	line := 1
	var open []byte   // the brackets and braces open: '[' of an array, '{', 'h' of a header
	inKey := true     // reading a key (or a header's name)
	parts := 1        // parts of the key being read
	keyStart := 0     // where it starts, for the message
	lineStart := true // nothing but spaces since the start of the line
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			line++
			switch state {
			case basic, literal, comment: // a single-line string left open: the reader says so
				state = normal
			}
			if state == normal && (len(open) == 0 || open[len(open)-1] == 'h') {
				open = open[:0] // a header does not go on to the next line
				inKey, parts, keyStart, lineStart = true, 1, i+1, true
			}
			continue
		}
		switch state {
		case basic:
			if c == '\\' {
				i++
			} else if c == '"' {
				state = normal
			}
			continue
		case literal:
			if c == '\'' {
				state = normal
			}
			continue
		case mlBasic:
			if c == '\\' {
				if i+1 < len(src) && src[i+1] == '\n' {
					continue // a line-ending backslash: the newline is counted next
				}
				i++
			} else if strings.HasPrefix(src[i:], `"""`) {
				state, i = normal, i+2
			}
			continue
		case mlLiteral:
			if strings.HasPrefix(src[i:], `'''`) {
				state, i = normal, i+2
			}
			continue
		case comment:
			continue
		}
		switch c {
		case ' ', '\t', '\r':
			continue
		case '#':
			state = comment
		case '"':
			if strings.HasPrefix(src[i:], `"""`) {
				state, i = mlBasic, i+2
			} else {
				state = basic
			}
		case '\'':
			if strings.HasPrefix(src[i:], `'''`) {
				state, i = mlLiteral, i+2
			} else {
				state = literal
			}
		case '.':
			if inKey {
				parts++
				if parts > maxKeyParts {
					return tooDeep(display, line, i18n.T(
						"la clé ou la section « %s » a plus de %d parties séparées par des points ; une clé du profil en a au plus deux (section.clé)",
						"the key or section “%s” has more than %d parts separated by dots; a profile key has two at most (section.key)"),
						shownKey(src[keyStart:]), maxKeyParts)
				}
			}
		case '[', '{':
			kind := c
			if c == '[' && lineStart && len(open) == 0 {
				kind = 'h' // a [section] or [[section]] header
				if i+1 < len(src) && src[i+1] == '[' {
					i++
				}
				inKey, parts, keyStart = true, 1, i+1
			} else if c == '{' {
				inKey, parts, keyStart = true, 1, i+1
			}
			open = append(open, kind)
			if len(open) > maxNesting {
				return tooDeep(display, line, i18n.T(
					"plus de %d crochets ou accolades sont ouverts à la fois ; un profil n'a pas de valeurs imbriquées",
					"more than %d brackets or braces are open at once; a profile has no nested values"), maxNesting)
			}
		case ']', '}':
			if n := len(open); n > 0 {
				open = open[:n-1]
			}
			inKey = false
		case '=':
			inKey = false
		case ',':
			if n := len(open); n > 0 && open[n-1] == '{' {
				inKey, parts, keyStart = true, 1, i+1
			}
		}
		lineStart = false
	}
	return nil
}

// shownKey is the key starting s, for a message: its line only, cut to a readable length.
func shownKey(s string) string {
	if len(s) > 4*maxShownName {
		s = s[:4*maxShownName]
	}
	s, _, _ = strings.Cut(s, "\n")
	s, _, _ = strings.Cut(s, "=")
	return clip(strings.TrimRight(strings.TrimSpace(s), "]"))
}

// tooDeep is the refusal of checkNesting.
func tooDeep(display string, line int, msg i18n.Text, args ...any) error {
	return i18n.Errorf(i18n.T("%s, ligne %d : "+msg.FR, "%s, line %d: "+msg.EN), append([]any{display, line}, args...)...).
		WithHint(i18n.T("Est-ce bien un profil sexto.toml ? « sexto init » en écrit un à remplir.",
			"Is this really a sexto.toml profile? “sexto init” writes one to fill in."))
}
