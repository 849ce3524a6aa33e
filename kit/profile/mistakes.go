package profile

import (
	"bytes"
	"os"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"sexto/kit/i18n"
)

// The ways Windows editors save a profile wrongly, each answered with what to do.

// notepadCopy returns path + ".txt" when that file exists: Notepad adds .txt to a name, and
// Explorer hides it.
func notepadCopy(path string) string {
	txt := path + ".txt"
	if st, err := os.Stat(txt); err == nil && st.Mode().IsRegular() {
		return txt
	}
	return ""
}

func notepadError(path, txt string) error {
	return i18n.Errorf(i18n.T("%s introuvable, mais %s existe : le Bloc-notes a ajouté « .txt » au nom du profil",
		"%s not found, but %s exists: Notepad added “.txt” to the profile's name"), path, txt).
		WithHint(i18n.T("Renommez-le "+path+" : ren \""+txt+"\" \""+path+"\" (ou, dans l'Explorateur, Affichage › Afficher › Extensions de noms de fichiers, puis Renommer). Au prochain enregistrement, choisissez « Tous les fichiers (*.*) » comme type.",
			"Rename it "+path+": ren \""+txt+"\" \""+path+"\" (or, in Explorer, View › Show › File name extensions, then Rename). Next time you save, choose “All files (*.*)” as the type."))
}

// decodeText returns the profile as UTF-8: without the byte order mark Windows editors add,
// converted from UTF-16 (Notepad's "Unicode"), and refused, naming the line, when it is in
// another encoding (Notepad's "ANSI", Windows-1252).
func decodeText(b []byte, display string) ([]byte, error) {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		b = b[3:]
	case len(b) >= 2 && (b[0] == 0xff && b[1] == 0xfe || b[0] == 0xfe && b[1] == 0xff):
		big := b[0] == 0xfe
		b = b[2:]
		u := make([]uint16, len(b)/2)
		for i := range u {
			if big {
				u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
			} else {
				u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
			}
		}
		b = []byte(string(utf16.Decode(u)))
	}
	if utf8.Valid(b) {
		return b, nil
	}
	for n, line := range bytes.Split(b, []byte("\n")) {
		if utf8.Valid(line) {
			continue
		}
		text := strings.TrimSpace(strings.TrimSuffix(windows1252(line), "\r"))
		if r := []rune(text); len(r) > 60 {
			text = string(r[:60]) + "…"
		}
		return nil, i18n.Errorf(i18n.T("%s, ligne %d : le fichier n'est pas enregistré en UTF-8 (ligne « %s »)",
			"%s, line %d: the file is not saved as UTF-8 (line “%s”)"), display, n+1, text).
			WithHint(i18n.T("Dans le Bloc-notes : Fichier › Enregistrer sous, Encodage : UTF-8, puis Enregistrer. Les lettres accentuées (é, è, à) s'afficheront alors bien.",
				"In Notepad: File › Save as, Encoding: UTF-8, then Save. Accented letters (é, è, à) will then print correctly."))
	}
	return b, nil
}

// cp1252 holds the characters Windows-1252 puts at 0x80–0x9f (Latin-1 elsewhere).
var cp1252 = []rune("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ")

// windows1252 decodes a line the way Notepad's "ANSI" wrote it, to show it as the user sees it.
func windows1252(b []byte) string {
	var s strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			c := b[0]
			if c >= 0x80 && c < 0xa0 {
				r = cp1252[c-0x80]
			} else {
				r = rune(c)
			}
			size = 1
		}
		s.WriteRune(r)
		b = b[size:]
	}
	return s.String()
}

// syntaxHint is the advice under a TOML syntax error, from what is on the faulty line: a
// Windows path between double quotes, curly quotes, or text without quotes.
func syntaxHint(b []byte, line int) i18n.Text {
	lines := strings.Split(string(b), "\n")
	text := ""
	if line >= 1 && line <= len(lines) {
		text = lines[line-1]
	}
	_, value, _ := strings.Cut(text, "=")
	value = strings.TrimSpace(value)
	switch {
	case strings.HasPrefix(value, `"`) && strings.Contains(value, `\`):
		fixed := "'" + strings.Trim(value, `"`) + "'"
		return i18n.T("Entre guillemets doubles, la barre oblique inverse \\ a un sens spécial : écrivez un chemin Windows entre apostrophes ("+fixed+") ou avec des barres obliques (\""+strings.ReplaceAll(strings.Trim(value, `"`), `\`, "/")+"\").",
			"Between double quotes, the backslash \\ has a special meaning: write a Windows path between single quotes ("+fixed+") or with forward slashes (\""+strings.ReplaceAll(strings.Trim(value, `"`), `\`, "/")+"\").")
	case strings.ContainsAny(value, "“”«»"):
		return i18n.T("Les textes s'écrivent entre guillemets droits \" \", pas entre guillemets courbes “ ” ni « » : name = \"École…\"",
			"Text values go between straight quotes \" \", not curly quotes “ ”: name = \"School…\"")
	}
	return i18n.T("Les textes s'écrivent entre guillemets droits : name = \"École…\"",
		"Text values go between straight quotes: name = \"School…\"")
}

// looksMangled reports a value that holds a tab or a line break: a Windows path between
// double quotes ("C:\new\table.png") whose \n and \t TOML read as such.
func looksMangled(s string) bool { return strings.ContainsAny(s, "\n\t\r\b\f") }

// mangledLogo is the warning for such a logo path, shown as it was typed.
func mangledLogo(display, logo string) error {
	typed := strings.NewReplacer("\n", `\n`, "\t", `\t`, "\r", `\r`, "\b", `\b`, "\f", `\f`).Replace(logo)
	return i18n.Errorf(i18n.T("%s : « school.logo » : le chemin « %s » a été lu avec une tabulation ou un saut de ligne ; les documents sont faits sans logo",
		"%s: “school.logo”: the path “%s” was read with a tab or a line break; the documents are made without a logo"), display, typed).
		WithHint(i18n.T("Écrivez un chemin Windows entre apostrophes : logo = '"+typed+"' (entre guillemets doubles, \\n et \\t sont un saut de ligne et une tabulation).",
			"Write a Windows path between single quotes: logo = '"+typed+"' (between double quotes, \\n and \\t are a line break and a tab)."))
}

// tomlMessage says the TOML reader's most frequent messages in both languages; others are
// shown as the reader wrote them.
func tomlMessage(m string) i18n.Text {
	between := func(s, a, b string) (string, bool) {
		if !strings.HasPrefix(s, a) || !strings.HasSuffix(s, b) {
			return "", false
		}
		return strings.TrimSuffix(strings.TrimPrefix(s, a), b), true
	}
	if x, ok := between(m, "expected value but found ", " instead"); ok {
		return i18n.T("une valeur était attendue, mais il y a "+x+" (un texte s'écrit entre guillemets droits)",
			"a value was expected, but found "+x+" (text goes between straight quotes)")
	}
	if x, ok := between(m, "invalid escape in string '", "'"); ok {
		return i18n.T("« "+x+" » n'est pas permis dans un texte entre guillemets doubles", "“"+x+"” is not allowed in text between double quotes")
	}
	if strings.HasPrefix(m, "expected eight hexadecimal digits after '\\U'") || strings.HasPrefix(m, "expected four hexadecimal digits after '\\u'") {
		return i18n.T("« \\U » ou « \\u » n'est pas permis ici dans un texte entre guillemets doubles", "“\\U” or “\\u” is not allowed here in text between double quotes")
	}
	if x, ok := between(m, "Key '", "' has already been defined."); ok {
		return i18n.T("la clé « "+x+" » figure deux fois", "the key “"+x+"” appears twice")
	}
	if strings.HasPrefix(m, "unexpected EOF") {
		return i18n.T("fin du fichier inattendue (un guillemet ou un crochet n'est pas fermé)", "unexpected end of file (a quote or a bracket is not closed)")
	}
	if strings.Contains(m, "strings cannot contain newlines") {
		return i18n.T("un texte entre guillemets ne peut pas continuer sur la ligne suivante (un guillemet n'est pas fermé)",
			"text between quotes cannot go on to the next line (a quote is not closed)")
	}
	return i18n.T(m, m)
}
