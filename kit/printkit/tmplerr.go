package printkit

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"sexto/kit/i18n"
)

// templateError turns an error of the template engine into a message a school can act on: the
// template file, the line, and what is wrong, in both languages, without the engine's own
// words or the program's type names ("can't evaluate field X in type printkit.Data").
func templateError(name string, data any, err error) error {
	line, _, msg := locate(name, err.Error())
	where := name
	whereEN := name
	if line > 0 {
		where += fmt.Sprintf(", ligne %d", line)
		whereEN += fmt.Sprintf(", line %d", line)
	}
	what := explain(msg, data)
	return &i18n.Error{
		Msg:  i18n.T("%s : gabarit invalide : %s", "%s: invalid template: %s"),
		Args: []any{i18n.T(where, whereEN), what},
		Hint: i18n.T("Ne changez pas ce qui est entre {{ et }} (sauf pour reprendre un nom donné dans ce message) ; pour repartir du texte d'origine : sexto templates export NOUVEAU-DOSSIER.",
			"Do not change what is between {{ and }} (except to use a name this message gives); to start again from the original text: sexto templates export NEW-FOLDER."),
	}
}

// locate splits "template: NAME:LINE[:COL]: [executing "NAME" at <…>: ]MSG".
func locate(name, s string) (line, col int, msg string) {
	rest, ok := strings.CutPrefix(s, "template: "+name+":")
	if !ok {
		return 0, 0, s
	}
	nums, rest, _ := strings.Cut(rest, ": ")
	parts := strings.Split(nums, ":")
	line, _ = strconv.Atoi(parts[0])
	if len(parts) > 1 {
		col, _ = strconv.Atoi(parts[1])
	}
	return line, col, rest
}

var (
	reAt        = regexp.MustCompile(`^executing "[^"]*" at <([^>]*)>: (.*)$`)
	reField     = regexp.MustCompile(`^can't evaluate field (\w+) in type (\S+)$`)
	reFunc      = regexp.MustCompile(`^function "([^"]*)" not defined$`)
	reBadChar   = regexp.MustCompile(`^bad character U\+[0-9A-F]+ '(.*)'$`)
	reMapKey    = regexp.MustCompile(`^map has no entry for key "([^"]*)"$`)
	reWrongArgs = regexp.MustCompile(`^wrong number of args for (\w+): want (\d+) got (\d+)$`)
	reMissing   = regexp.MustCompile(`^missing value for (\w+)$`)
	reUnexpEnd  = regexp.MustCompile(`^unexpected \{\{end\}\}`)
	reUnexpIn   = regexp.MustCompile(`^unexpected (.+) in (\w+)$`)
	reCalling   = regexp.MustCompile(`^error calling (\w+): `)
	reGoType    = regexp.MustCompile(`\b(?:\*|\[\])?[a-z]\w*\.[A-Z]\w*\b`)
	reTypeWords = regexp.MustCompile(` (?:in|of) type \S+`)
)

// explain says what msg means, in both languages.
func explain(msg string, data any) i18n.Text {
	action := ""
	if m := reAt.FindStringSubmatch(msg); m != nil {
		action, msg = m[1], m[2]
	}
	if m := reField.FindStringSubmatch(msg); m != nil {
		return fieldMissing(action, m[1], m[2], data)
	}
	if m := reFunc.FindStringSubmatch(msg); m != nil {
		return i18n.T("« "+m[1]+" » n'est ni un nom du gabarit (qui commence par un point, comme .School.Name) ni une fonction connue (if, else, end, with, range)",
			"“"+m[1]+"” is neither a template name (which starts with a dot, like .School.Name) nor a known function (if, else, end, with, range)")
	}
	if m := reBadChar.FindStringSubmatch(msg); m != nil {
		return i18n.T("caractère inattendu « "+m[1]+" » dans une balise : une balise s'ouvre par {{ et se ferme par }}",
			"unexpected character “"+m[1]+"” in a tag: a tag opens with {{ and closes with }}")
	}
	if m := reMapKey.FindStringSubmatch(msg); m != nil {
		return i18n.T("« "+m[1]+" » n'existe pas dans « "+action+" »", "“"+m[1]+"” does not exist in “"+action+"”")
	}
	if m := reWrongArgs.FindStringSubmatch(msg); m != nil {
		return i18n.T("« "+m[1]+" » attend "+m[2]+" valeur(s), il en a reçu "+m[3], "“"+m[1]+"” takes "+m[2]+" value(s), it got "+m[3])
	}
	if m := reMissing.FindStringSubmatch(msg); m != nil {
		return i18n.T("{{"+m[1]+"}} sans rien à vérifier : écrivez par exemple {{"+m[1]+" .School.Phone}}",
			"{{"+m[1]+"}} with nothing to test: write for example {{"+m[1]+" .School.Phone}}")
	}
	switch {
	case msg == "unexpected EOF":
		return i18n.T("le fichier se termine avant la fin d'un bloc : un {{end}} manque (chaque {{if}}, {{with}} ou {{range}} se ferme par {{end}})",
			"the file ends before the end of a block: an {{end}} is missing (every {{if}}, {{with}} or {{range}} closes with {{end}})")
	case reUnexpEnd.MatchString(msg):
		return i18n.T("{{end}} en trop : aucun {{if}}, {{with}} ou {{range}} n'est ouvert à cet endroit",
			"one {{end}} too many: no {{if}}, {{with}} or {{range}} is open at that point")
	case strings.HasPrefix(msg, "unclosed action"):
		return i18n.T("une balise ouverte par {{ n'est pas fermée par }}", "a tag opened with {{ is not closed with }}")
	case strings.HasPrefix(msg, "unterminated quoted string") || strings.HasPrefix(msg, "unterminated raw quoted string"):
		return i18n.T("un guillemet n'est pas fermé dans une balise", "a quote is not closed in a tag")
	case strings.HasPrefix(msg, "unexpected {{else}}"):
		return i18n.T("{{else}} hors d'un {{if}} ou d'un {{with}}", "{{else}} outside an {{if}} or a {{with}}")
	}
	if m := reCalling.FindStringSubmatch(msg); m != nil {
		return i18n.T("« {{"+action+"}} » : « "+m[1]+" » ne s'applique pas à ces valeurs", "“{{"+action+"}}”: “"+m[1]+"” does not apply to these values")
	}
	if m := reUnexpIn.FindStringSubmatch(msg); m != nil {
		return i18n.T("« "+strings.Trim(m[1], `"`)+" » inattendu dans une balise", "unexpected “"+strings.Trim(m[1], `"`)+"” in a tag")
	}
	// anything else: the engine's words, without the program's type names
	clean := reTypeWords.ReplaceAllString(msg, "")
	clean = reGoType.ReplaceAllString(clean, "")
	if action != "" {
		return i18n.T("erreur dans « {{"+action+"}} » ("+clean+")", "error in “{{"+action+"}}” ("+clean+")")
	}
	return i18n.T("erreur de syntaxe ("+clean+")", "syntax error ("+clean+")")
}

// fieldMissing explains a name that does not exist, with the names that do at that place.
func fieldMissing(action, field, typeName string, data any) i18n.Text {
	chain := field
	for _, w := range strings.Fields(action) {
		if strings.Contains(w, "."+field) {
			chain = w
			break
		}
	}
	if i := strings.Index(chain, "."+field); i >= 0 {
		chain = chain[:i+len(field)+1]
	}
	t := findType(reflect.TypeOf(data), typeName)
	if t == nil || t.Kind() != reflect.Struct {
		parent := strings.TrimSuffix(chain, "."+field)
		if parent == "" {
			parent = "."
		}
		return i18n.T("« "+chain+" » n'existe pas : « "+parent+" » est un simple texte, sans nom après lui",
			"“"+chain+"” does not exist: “"+parent+"” is plain text, with no name after it")
	}
	var names []string
	best, bestD := "", 4
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			for j := 0; j < f.Type.NumField(); j++ {
				if f.Type.Field(j).IsExported() {
					names = append(names, f.Type.Field(j).Name)
				}
			}
			continue
		}
		names = append(names, f.Name)
	}
	sort.Strings(names)
	for _, n := range names {
		if d := i18n.Distance(strings.ToLower(field), strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	list := "." + strings.Join(names, ", .")
	if best != "" {
		return i18n.T("« "+chain+" » n'existe pas ; vouliez-vous dire « ."+best+" » ? Noms possibles à cet endroit : "+list,
			"“"+chain+"” does not exist; did you mean “."+best+"”? Names that exist at that place: "+list)
	}
	return i18n.T("« "+chain+" » n'existe pas ; noms possibles à cet endroit : "+list,
		"“"+chain+"” does not exist; names that exist at that place: "+list)
}

// findType finds, among the types reachable from t through its fields, the one named name.
func findType(t reflect.Type, name string) reflect.Type {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type) reflect.Type
	walk = func(t reflect.Type) reflect.Type {
		for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice) {
			t = t.Elem()
		}
		if t == nil || seen[t] {
			return nil
		}
		seen[t] = true
		if t.String() == name {
			return t
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
		for i := 0; i < t.NumField(); i++ {
			if found := walk(t.Field(i).Type); found != nil {
				return found
			}
		}
		return nil
	}
	return walk(t)
}
