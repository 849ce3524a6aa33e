package profile

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"sexto/kit/i18n"
	"sexto/kit/tomlkey"
)

// The profile's keys come from the Profile type itself: a section is a struct field, a key a
// string field, named by its toml tag. The file is read into a map first, so that every
// unknown key, misspelt section and value of the wrong type is reported at once, with its line.

// entry is a key or a section of the profile.
type entry struct {
	name  string  // as written in the file: "intervener", "extension"
	index int     // the field's index in its struct
	keys  []entry // a section's keys; nil for a text key
}

func (e entry) section() bool { return e.keys != nil }

var schema = entries(reflect.TypeOf(Profile{}))

func entries(t reflect.Type) []entry {
	var out []entry
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("toml")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		e := entry{name: name, index: i}
		switch f.Type.Kind() {
		case reflect.Struct:
			e.keys = entries(f.Type)
		case reflect.String:
		default:
			panic("profile: field " + f.Name + " is neither a section nor a text")
		}
		out = append(out, e)
	}
	return out
}

// known lists every key, for typo suggestions; sections lists the sections.
var known, sections = func() (keys, secs []string) {
	for _, e := range schema {
		if !e.section() {
			keys = append(keys, e.name)
			continue
		}
		secs = append(secs, e.name)
		for _, k := range e.keys {
			keys = append(keys, e.name+"."+k.name)
		}
	}
	return keys, secs
}()

// lookup finds name among es: as written, else with other capitals (as the TOML reader does).
func lookup(es []entry, name string) (entry, bool) {
	for _, e := range es {
		if e.name == name {
			return e, true
		}
	}
	for _, e := range es {
		if strings.EqualFold(e.name, name) {
			return e, true
		}
	}
	return entry{}, false
}

// place is where a key is written: its first line, the key and the value as typed, and
// whether the line is a [section] header.
type place struct {
	line   int
	key    string // as typed: extension, "extension", intervener.extension
	value  string // as typed, comment aside; "" for a header
	header bool
}

// places finds the line of each key and section of a profile (the TOML reader gives lines for
// syntax errors only): "intervener.extension" → line 19, extension = 2107.
func places(src string) map[string]place {
	out := map[string]place{}
	add := func(path string, p place) {
		if _, seen := out[path]; !seen {
			out[path] = p
		}
	}
	prefix := ""
	for _, ln := range tomlkey.Lines(src) {
		if ln.Table != "" {
			prefix = tomlkey.Path(ln.Table)
			add(prefix, place{line: ln.N, key: ln.Table, header: true})
			continue
		}
		path := tomlkey.Path(ln.Key)
		if path == "" {
			continue
		}
		if prefix != "" {
			path = prefix + "." + path
		}
		typed := ln.Value
		if !strings.HasPrefix(typed, `"`) && !strings.HasPrefix(typed, "'") {
			typed, _, _ = strings.Cut(typed, "#")
			typed = strings.TrimSpace(typed)
		}
		p := place{line: ln.N, key: ln.Key, value: typed}
		// a dotted key (intervener.extension = …) also places its sections
		for i := len(prefix) + 1; i < len(path); i++ {
			if path[i] == '.' {
				add(path[:i], p)
			}
		}
		add(path, p)
	}
	return out
}

// reader fills a Profile from the map the TOML reader made, collecting every problem with its
// line, and the keys whose value could not be used (validate says nothing more about them).
type reader struct {
	display  string
	where    map[string]place
	errs     []problem
	bad      map[string]bool
	unknowns int // unknown keys met: past maxSuggested, no suggestion is searched for
}

// maxShown is how many problems are listed; a file with more is not a profile being
// corrected but some other file, and the list would bury its first lines.
const maxShown = 30

// maxSuggested bounds the suggestions searched for unknown keys (each costs a comparison with
// every key of the profile).
const maxSuggested = 50

type problem struct {
	line int
	err  error
}

// at records a problem on the line of path.
func (r *reader) at(path string, msg i18n.Text, args ...any) {
	n := r.where[path].line
	if n > 0 {
		r.errs = append(r.errs, problem{n, i18n.Errorf(i18n.T("%s, ligne %d : "+msg.FR, "%s, line %d: "+msg.EN),
			append([]any{r.display, n}, args...)...)})
		return
	}
	r.errs = append(r.errs, problem{n, i18n.Errorf(i18n.T("%s : "+msg.FR, "%s: "+msg.EN), append([]any{r.display}, args...)...)})
}

// problems returns what was found, in the order of the file, as a person corrects it.
func (r *reader) problems() i18n.List {
	sort.SliceStable(r.errs, func(i, j int) bool { return r.errs[i].line < r.errs[j].line })
	var out i18n.List
	for i, p := range r.errs {
		if i == maxShown {
			out = append(out, i18n.Errorf(i18n.T("%s : %d autres problèmes ne sont pas affichés ; corrigez d'abord ceux-ci, ou vérifiez que c'est bien un profil sexto.toml",
				"%s: %d more problems are not shown; fix these first, or check that this is a sexto.toml profile"), r.display, len(r.errs)-maxShown))
			break
		}
		out = append(out, p.err)
	}
	return out
}

// fill sets v's fields from m, the keys of the section prefix ("" at the top, the section
// as written); canon is the section as the profile names it ("school" for [School]).
func (r *reader) fill(v reflect.Value, es []entry, m map[string]any, prefix, canon string) {
	join := func(a, b string) string {
		if a == "" {
			return b
		}
		return a + "." + b
	}
	seen := map[string]string{} // a key of the profile → the name it was written with
	for _, name := range sortedKeys(m) {
		full, val := join(prefix, name), m[name]
		e, ok := lookup(es, name)
		key := join(canon, e.name)
		if ok {
			if other, dup := seen[e.name]; dup {
				r.bad[key] = true
				r.sameButCase(join(prefix, other), full, e.section())
				continue
			}
			seen[e.name] = name
		}
		switch {
		case !ok:
			r.unknown(full, val)
		case e.section():
			sub, ok := val.(map[string]any)
			if !ok {
				r.bad[key] = true
				r.at(full, i18n.T("« %s » est une section, pas une valeur : écrivez [%s] seul sur une ligne, puis ses clés en dessous (%s = \"…\")",
					"“%s” is a section, not a value: write [%s] on a line of its own, then its keys below it (%s = \"…\")"),
					full, e.name, e.keys[0].name)
				continue
			}
			r.fill(v.Field(e.index), e.keys, sub, full, key)
		default:
			s, ok := val.(string)
			if !ok {
				r.bad[key] = true
				r.wrongType(full, e.name, val)
				continue
			}
			v.Field(e.index).SetString(s)
		}
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// unknown reports a key or a section the profile does not have: a misspelt section once, not
// once for each of its keys.
func (r *reader) unknown(full string, val any) {
	if sub, ok := val.(map[string]any); ok {
		if !r.where[full].header {
			// a dotted key (youth_protecion.phone = …): its keys, each named
			for _, k := range sortedKeys(sub) {
				r.unknown(full+"."+k, sub[k])
			}
			return
		}
		r.at(full, i18n.T("section inconnue « [%s] »%s", "unknown section “[%s]”%s"), full, suggestSection(full))
		return
	}
	var sugg i18n.Text
	if r.unknowns < maxSuggested {
		sugg = suggest(full)
	}
	r.unknowns++
	r.at(full, i18n.T("clé inconnue « %s »%s", "unknown key “%s”%s"), full, sugg)
}

// wrongType reports a value that is not text: a number, a date, true or false, written
// without quotes, with the line to write instead.
func (r *reader) wrongType(full, name string, val any) {
	p := r.where[full]
	key := p.key
	if key == "" {
		key = name
	}
	kind := kindOf(val)
	switch val.(type) {
	case []any, []map[string]any, map[string]any:
		r.at(full, i18n.T("« %s » doit être un texte entre guillemets droits, pas %s : %s = \"…\"",
			"“%s” must be text between straight quotes, not %s: %s = \"…\""), full, kind, key)
		return
	}
	typed := p.value
	if typed == "" {
		typed = fmt.Sprint(val)
	}
	r.at(full, i18n.T("« %s » : la valeur %s est lue comme %s, pas comme un texte ; mettez-la entre guillemets droits : %s = \"%s\"",
		"“%s”: the value %s is read as %s, not as text; put it between straight quotes: %s = \"%s\""),
		full, typed, kind, key, typed)
}

// kindOf names what the TOML reader made of a value.
func kindOf(val any) i18n.Text {
	switch v := val.(type) {
	case int64, float64:
		return i18n.T("un nombre", "a number")
	case bool:
		return i18n.T("une valeur vrai ou faux", "a true-or-false value")
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return i18n.T("une date", "a date")
		case "time-local":
			return i18n.T("une heure", "a time")
		}
		return i18n.T("une date et une heure", "a date and time")
	case []any, []map[string]any:
		return i18n.T("une liste", "a list")
	case map[string]any:
		return i18n.T("une section", "a section")
	}
	return i18n.T("autre chose", "something else")
}

// suggest proposes the known key nearest to k, or says where a top-level key goes when it was
// written under a section.
func suggest(k string) i18n.Text {
	best, bestD := "", 3
	for _, c := range known {
		if d := i18n.Distance(k, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best != "" {
		return i18n.T(" (vouliez-vous dire « "+best+" » ?)", " (did you mean “"+best+"”?)")
	}
	if i := strings.LastIndex(k, "."); i >= 0 {
		if e, ok := lookup(schema, k[i+1:]); ok && !e.section() {
			return i18n.T(" (« "+e.name+" » s'écrit en haut du fichier, avant la première section)",
				" (“"+e.name+"” goes at the top of the file, before the first section)")
		}
	}
	return i18n.Text{}
}

// suggestSection proposes the section nearest to s.
func suggestSection(s string) i18n.Text {
	best, bestD := "", 3
	for _, c := range sections {
		if d := i18n.Distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return i18n.T(" (sections permises : ["+strings.Join(sections, "], [")+"])",
			" (allowed sections: ["+strings.Join(sections, "], [")+"])")
	}
	return i18n.T(" (vouliez-vous dire « ["+best+"] » ?)", " (did you mean “["+best+"]”?)")
}

// duplicate is the error for a key or a section written twice, with the line of the first.
func duplicate(display string, line int, key string, src []string, where map[string]place) *i18n.Error {
	first := where[key]
	header := line >= 1 && line <= len(src) && strings.HasPrefix(strings.TrimSpace(src[line-1]), "[")
	var e *i18n.Error
	if first.header && first.line != line && header {
		e = i18n.Errorf(i18n.T("%s, ligne %d : la section [%s] figure deux fois", "%s, line %d: the section [%s] appears twice"), display, line, key)
		if first.line > 0 {
			return e.WithHint(i18n.T(fmt.Sprintf("Elle commence déjà à la ligne %d : gardez un seul [%s] et mettez-y toutes ses clés.", first.line, key),
				fmt.Sprintf("It already starts on line %d: keep a single [%s] and put all its keys under it.", first.line, key)))
		}
		return e.WithHint(i18n.T("Gardez un seul ["+key+"] et mettez-y toutes ses clés.", "Keep a single ["+key+"] and put all its keys under it."))
	}
	e = i18n.Errorf(i18n.T("%s, ligne %d : la clé « %s » figure deux fois", "%s, line %d: the key “%s” appears twice"), display, line, key)
	if first.line > 0 && first.line != line {
		return e.WithHint(i18n.T(fmt.Sprintf("Elle est déjà écrite à la ligne %d : gardez une seule des deux lignes, celle qui porte la bonne valeur.", first.line),
			fmt.Sprintf("It is already written on line %d: keep only one of the two lines, the one with the right value.", first.line)))
	}
	return e.WithHint(i18n.T("Gardez une seule des deux lignes, celle qui porte la bonne valeur.",
		"Keep only one of the two lines, the one with the right value."))
}

// unquoted is the error for a syntax error on a line whose value is text typed without
// quotes (phone = 450 555-0142, name = École), with the line to write; nil for another error.
func unquoted(display string, line int, src []string) *i18n.Error {
	if line < 1 || line > len(src) {
		return nil
	}
	key, value, ok := tomlkey.CutOutsideQuotes(strings.TrimSpace(src[line-1]), '=')
	if !ok || strings.HasPrefix(strings.TrimSpace(key), "[") {
		return nil
	}
	value, _, _ = strings.Cut(value, "#")
	value, key = strings.TrimSpace(value), strings.TrimSpace(key)
	if value == "" || key == "" || strings.ContainsAny(value[:1], "\"'[{") || strings.ContainsAny(value, "\"“”«»") {
		return nil
	}
	full := tomlkey.Path(key)
	for n := line - 1; n >= 1; n-- {
		if h := strings.TrimSpace(src[n-1]); strings.HasPrefix(h, "[") {
			if name, _, ok := strings.Cut(strings.Trim(h, "[ "), "]"); ok {
				full = tomlkey.Path(name) + "." + full
			}
			break
		}
	}
	return i18n.Errorf(i18n.T("%s, ligne %d : « %s » : le texte %s doit être entre guillemets droits : %s = \"%s\"",
		"%s, line %d: “%s”: the text %s must be between straight quotes: %s = \"%s\""), display, line, full, value, key, value)
}

// maxText bounds a text of the profile, in characters: a school's name or address is far
// shorter (SPEC §4's stress uses 120), and a text of thousands of characters without a space
// costs the page layout time that grows with its square. maxPath bounds the logo's path.
const (
	maxText = 300
	maxPath = 1000
)

// tooLong refuses the texts of v longer than their bound, naming the key, its length and the
// bound; validate then says nothing more about them.
func (r *reader) tooLong(v reflect.Value, es []entry, prefix string) {
	for _, e := range es {
		key := e.name
		if prefix != "" {
			key = prefix + "." + e.name
		}
		f := v.Field(e.index)
		if e.section() {
			r.tooLong(f, e.keys, key)
			continue
		}
		limit := maxText
		if key == "school.logo" {
			limit = maxPath
		}
		if n := utf8.RuneCountInString(f.String()); n > limit {
			r.bad[key] = true
			f.SetString("")
			r.at(key, i18n.T("« %s » compte %s caractères, plus que la limite de %d ; abrégez ce texte",
				"“%s” is %s characters long, over the limit of %d; shorten this text"), key, count(n), limit)
		}
	}
}

// count writes n with its thousands grouped: 150 000 in French, 150,000 in English.
func count(n int) i18n.Text {
	s := fmt.Sprint(n)
	var fr, en strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			fr.WriteString("\u00a0")
			en.WriteByte(',')
		}
		fr.WriteRune(c)
		en.WriteRune(c)
	}
	return i18n.T(fr.String(), en.String())
}

// sameButCase reports a key or a section written twice with other capitals ([School] and
// [school], NAME and name): the TOML reader keeps both, and the profile would use one.
func (r *reader) sameButCase(a, b string, section bool) {
	la, lb := r.where[a].line, r.where[b].line
	if lb < la || (lb == la && b < a) {
		a, b, la, lb = b, a, lb, la
	}
	if section {
		r.at(b, i18n.T("la section [%s] figure deux fois, ici et à la ligne %d sous la forme [%s] (les majuscules ne comptent pas) ; gardez une seule section et mettez-y toutes ses clés",
			"the section [%s] appears twice, here and on line %d as [%s] (capitals do not count); keep a single section and put all its keys under it"),
			clip(b), la, clip(a))
		return
	}
	r.at(b, i18n.T("la clé « %s » figure deux fois, ici et à la ligne %d sous la forme « %s » (les majuscules ne comptent pas) ; gardez une seule des deux lignes, celle qui porte la bonne valeur",
		"the key “%s” appears twice, here and on line %d as “%s” (capitals do not count); keep only one of the two lines, the one with the right value"),
		clip(b), la, clip(a))
}
