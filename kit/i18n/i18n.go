// Package i18n holds the two languages of sexto and the bilingual text and error types that
// library code uses so that every message can reach the user in French or English.
package i18n

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Lang is a user-facing language.
type Lang string

// The two languages; French is the default everywhere.
const (
	FR Lang = "fr"
	EN Lang = "en"
)

// Parse reads a language code ("fr", "en", "FR", "fr_CA.UTF-8"…).
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "fr" || strings.HasPrefix(s, "fr_") || strings.HasPrefix(s, "fr-") || s == "français" || s == "francais":
		return FR, true
	case s == "en" || strings.HasPrefix(s, "en_") || strings.HasPrefix(s, "en-") || s == "english":
		return EN, true
	}
	return FR, false
}

// Text is one string in both languages.
type Text struct {
	FR string `json:"fr"`
	EN string `json:"en"`
}

// T builds a Text.
func T(fr, en string) Text { return Text{FR: fr, EN: en} }

// In returns the text in l.
func (t Text) In(l Lang) string {
	if l == EN {
		return t.EN
	}
	return t.FR
}

// Error is an error whose message exists in both languages. Library code returns these; the
// command line prints them in the user's language.
type Error struct {
	Msg  Text
	Args []any
	Hint Text
	Err  error // wrapped cause, if any
}

// Errorf returns an Error. Arguments that are themselves bilingual (Text, Localizer) are
// rendered in the reader's language.
func Errorf(msg Text, args ...any) *Error { return &Error{Msg: msg, Args: args} }

// Wrap returns an Error that wraps cause; cause's text is appended after ": ".
func Wrap(cause error, msg Text, args ...any) *Error {
	return &Error{Msg: msg, Args: args, Err: cause}
}

// WithHint adds a hint line shown under the message.
func (e *Error) WithHint(h Text) *Error { e.Hint = h; return e }

// Localize renders the message in l.
func (e *Error) Localize(l Lang) string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		args[i] = localizeArg(a, l)
	}
	s := fmt.Sprintf(e.Msg.In(l), args...)
	if e.Err != nil {
		s += ": " + Message(e.Err, l)
	}
	return s
}

// HintIn returns the hint in l, or "".
func (e *Error) HintIn(l Lang) string { return e.Hint.In(l) }

func (e *Error) Error() string { return e.Localize(FR) }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Localizer is any error that can speak both languages.
type Localizer interface {
	Localize(Lang) string
}

func localizeArg(a any, l Lang) any {
	switch v := a.(type) {
	case Text:
		return v.In(l)
	case Localizer:
		return v.Localize(l)
	}
	return a
}

// Message renders err in l when it can, or falls back to err.Error().
func Message(err error, l Lang) string {
	if err == nil {
		return ""
	}
	if lz, ok := err.(Localizer); ok {
		return lz.Localize(l)
	}
	// Transparent wrappers (exit-status markers) hold a bilingual error inside.
	var loc Localizer
	if errors.As(err, &loc) && loc.(error).Error() == err.Error() {
		return loc.Localize(l)
	}
	return err.Error()
}

// Hints collects the hint lines of err and the errors it wraps, those of a List included,
// in l, each once.
func Hints(err error, l Lang) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(error)
	walk = func(e error) {
		for ; e != nil; e = errors.Unwrap(e) {
			if h, ok := e.(interface{ HintIn(Lang) string }); ok {
				if s := h.HintIn(l); s != "" && !seen[s] {
					seen[s] = true
					out = append(out, s)
				}
			}
			if many, ok := e.(interface{ Unwrap() []error }); ok {
				for _, x := range many.Unwrap() {
					walk(x)
				}
				return
			}
		}
	}
	walk(err)
	return out
}

// List is several errors reported together (all the problems of a file at once).
type List []error

func (ls List) Error() string { return ls.Localize(FR) }

// Localize renders every error, one per line.
func (ls List) Localize(l Lang) string {
	parts := make([]string, len(ls))
	for i, e := range ls {
		parts[i] = Message(e, l)
	}
	return strings.Join(parts, "\n")
}

// Unwrap exposes the individual errors to errors.Is/As.
func (ls List) Unwrap() []error { return ls }

// LongDate writes t as "25 novembre 2026" or "November 25, 2026".
func LongDate(t time.Time, l Lang) string {
	if l == EN {
		return t.Format("January 2, 2006")
	}
	months := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"}
	day := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, months[t.Month()-1], t.Year())
}
