package printkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sexto/kit/i18n"
)

// A school's template with a mistake gets a message naming the file, the line and what is
// wrong, in both languages, and never the engine's words or the program's type names.
func TestTemplateErrorsSayWhatIsWrong(t *testing.T) {
	cases := []struct {
		name, src string
		fr, en    []string
	}{
		{"unknown name", "Titre\n{{.Imprime}}\n", []string{"ligne 2", "« .Imprime » n'existe pas", ".Printed"}, []string{"line 2", "“.Imprime” does not exist"}},
		{"misspelled name", "{{.Pritned}}", []string{"vouliez-vous dire « .Printed » ?"}, []string{"did you mean “.Printed”?"}},
		{"misspelled inside with", "{{with .School}}\n\n{{.Nom}}{{end}}", []string{"ligne 3", "« .Nom » n'existe pas", "« .Name »"}, []string{"“.Name”"}},
		{"name after text", "{{.School.Name.Foo}}", []string{"« .School.Name » est un simple texte"}, []string{"plain text"}},
		{"unknown function", "{{fin}}", []string{"« fin » n'est ni un nom"}, []string{"“fin” is neither"}},
		{"missing end", "{{if .Ref}}\nE1\n", []string{"un {{end}} manque"}, []string{"an {{end}} is missing"}},
		{"end too many", "x\n{{end}}", []string{"ligne 2", "{{end}} en trop"}, []string{"one {{end}} too many"}},
		{"half-closed tag", "{{.Printed}", []string{"caractère inattendu « } »"}, []string{"unexpected character “}”"}},
		{"index on a record", "{{index .School 3}}", []string{"« {{index .School 3}} »"}, []string{"does not apply"}},
		{"if without test", "{{if}}x{{end}}", []string{"{{if}} sans rien à vérifier"}, []string{"with nothing to test"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "fr"), 0o755)
			path := filepath.Join(dir, "fr", "cover.tmpl")
			os.WriteFile(path, []byte(c.src), 0o644)
			_, _, err := Markup(dir, i18n.FR, "cover", Data{})
			if err == nil {
				t.Fatal("no error")
			}
			fr, en := i18n.Message(err, i18n.FR), i18n.Message(err, i18n.EN)
			for _, want := range append([]string{path}, c.fr...) {
				if !strings.Contains(fr, want) {
					t.Errorf("French message lacks %q:\n%s", want, fr)
				}
			}
			for _, want := range append([]string{path}, c.en...) {
				if !strings.Contains(en, want) {
					t.Errorf("English message lacks %q:\n%s", want, en)
				}
			}
			for _, bad := range []string{"printkit.", "profile.", "in type", "executing", "template: /", "can't", "not defined"} {
				if strings.Contains(fr, bad) || strings.Contains(en, bad) {
					t.Errorf("message shows %q:\n%s\n%s", bad, fr, en)
				}
			}
			if len(i18n.Hints(err, i18n.FR)) == 0 {
				t.Error("no hint")
			}
		})
	}
}
