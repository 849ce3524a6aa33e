package profile

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sexto/kit/i18n"
)

// The keys are those of the Profile type: a new field is a new key, with suggestions.
func TestKnownKeysComeFromTheProfileType(t *testing.T) {
	want := []string{
		"language", "paper",
		"school.name", "school.address", "school.phone", "school.service_centre", "school.logo",
		"principal.name",
		"intervener.name", "intervener.title", "intervener.title_en", "intervener.phone", "intervener.extension", "intervener.email",
		"police.service", "police.emergency", "police.non_emergency",
		"youth_protection.phone",
		"agreement.police_service", "agreement.dpcp", "agreement.in_force",
	}
	if !slices.Equal(known, want) {
		t.Errorf("known = %v\nwant    %v", known, want)
	}
	if !slices.Equal(sections, []string{"school", "principal", "intervener", "police", "youth_protection", "agreement"}) {
		t.Errorf("sections = %v", sections)
	}
}

func list(t *testing.T, err error) i18n.List {
	t.Helper()
	var l i18n.List
	if !errors.As(err, &l) {
		t.Fatalf("err = %v, want a list of problems", err)
	}
	return l
}

// Values typed without quotes: every one named at once, in both languages, with its line,
// what the reader made of it and the line to write; nothing of the library's English.
func TestValuesOfTheWrongTypeAreNamedAllAtOnce(t *testing.T) {
	src := `language = "fr"
[school]
name = 12
phone = 4505550142
[intervener]
extension = 2107   # poste
email = true
title = ["a", "b"]
[youth_protection]
phone = 18005550160
[agreement]
police_service = "Service de police de Saint-Fictif"
in_force = 2024-09-01
`
	_, err := Parse([]byte(src), "x.toml", "")
	l := list(t, err)
	fr, en := messages(err, i18n.FR), messages(err, i18n.EN)
	for _, want := range []string{
		`x.toml, ligne 3 : « school.name » : la valeur 12 est lue comme un nombre, pas comme un texte ; mettez-la entre guillemets droits : name = "12"`,
		`x.toml, ligne 4 : « school.phone » : la valeur 4505550142 est lue comme un nombre`,
		`x.toml, ligne 6 : « intervener.extension » : la valeur 2107 est lue comme un nombre, pas comme un texte ; mettez-la entre guillemets droits : extension = "2107"`,
		`x.toml, ligne 7 : « intervener.email » : la valeur true est lue comme une valeur vrai ou faux`,
		`x.toml, ligne 8 : « intervener.title » doit être un texte entre guillemets droits, pas une liste : title = "…"`,
		`x.toml, ligne 10 : « youth_protection.phone » : la valeur 18005550160 est lue comme un nombre, pas comme un texte ; mettez-la entre guillemets droits : phone = "18005550160"`,
		`x.toml, ligne 13 : « agreement.in_force » : la valeur 2024-09-01 est lue comme une date, pas comme un texte ; mettez-la entre guillemets droits : in_force = "2024-09-01"`,
	} {
		if !strings.Contains(fr, want) {
			t.Errorf("French lacks %q:\n%s", want, fr)
		}
	}
	for _, want := range []string{
		`x.toml, line 6: “intervener.extension”: the value 2107 is read as a number, not as text; put it between straight quotes: extension = "2107"`,
		`x.toml, line 13: “agreement.in_force”: the value 2024-09-01 is read as a date, not as text; put it between straight quotes: in_force = "2024-09-01"`,
		`x.toml, line 8: “intervener.title” must be text between straight quotes, not a list`,
	} {
		if !strings.Contains(en, want) {
			t.Errorf("English lacks %q:\n%s", want, en)
		}
	}
	// one problem per value: no "the school name is required", no half agreement
	if len(l) != 7 {
		t.Errorf("%d problems, want 7:\n%s", len(l), fr)
	}
	for _, bad := range []string{"toml:", "incompatible", "int64", "time.Time", "obligatoire", "à la fois"} {
		if strings.Contains(fr, bad) {
			t.Errorf("French has %q:\n%s", bad, fr)
		}
	}
	// in the order of the file
	if i, j := strings.Index(fr, "ligne 3 "), strings.Index(fr, "ligne 13 "); i < 0 || j < i {
		t.Errorf("not in the order of the file:\n%s", fr)
	}
}

func TestSectionAndValueMixedUp(t *testing.T) {
	_, err := Parse([]byte("school = \"École\"\n[paper]\n"), "x.toml", "")
	fr := messages(err, i18n.FR)
	for _, want := range []string{
		`x.toml, ligne 1 : « school » est une section, pas une valeur : écrivez [school] seul sur une ligne, puis ses clés en dessous (name = "…")`,
		`x.toml, ligne 2 : « paper » doit être un texte entre guillemets droits, pas une section : paper = "…"`,
	} {
		if !strings.Contains(fr, want) {
			t.Errorf("lacks %q:\n%s", want, fr)
		}
	}
	if !strings.Contains(messages(err, i18n.EN), "x.toml, line 1: “school” is a section, not a value") {
		t.Errorf("English: %s", messages(err, i18n.EN))
	}
}

// A misspelt key has its line; a misspelt section is one problem, with its line and the
// section meant, not one per key inside it.
func TestUnknownKeysAndSectionsHaveTheirLine(t *testing.T) {
	src := `language = "fr"
[school]
name = "École"
[intervener]
extention = "2107"
[youth_protecion]
phone = "1 800 555-0160"
fax = "1"
[cafeteria]
menu = "x"
[agreement]
language = "en"
`
	_, err := Parse([]byte(src), "x.toml", "")
	l := list(t, err)
	fr, en := messages(err, i18n.FR), messages(err, i18n.EN)
	for _, want := range []string{
		"x.toml, ligne 5 : clé inconnue « intervener.extention » (vouliez-vous dire « intervener.extension » ?)",
		"x.toml, ligne 6 : section inconnue « [youth_protecion] » (vouliez-vous dire « [youth_protection] » ?)",
		"x.toml, ligne 9 : section inconnue « [cafeteria] » (sections permises : [school], [principal], [intervener], [police], [youth_protection], [agreement])",
		"x.toml, ligne 12 : clé inconnue « agreement.language » (« language » s'écrit en haut du fichier, avant la première section)",
	} {
		if !strings.Contains(fr, want) {
			t.Errorf("French lacks %q:\n%s", want, fr)
		}
	}
	for _, want := range []string{
		"x.toml, line 5: unknown key “intervener.extention” (did you mean “intervener.extension”?)",
		"x.toml, line 6: unknown section “[youth_protecion]” (did you mean “[youth_protection]”?)",
		"x.toml, line 12: unknown key “agreement.language” (“language” goes at the top of the file, before the first section)",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("English lacks %q:\n%s", want, en)
		}
	}
	if strings.Contains(fr, "youth_protecion.phone") || strings.Contains(fr, "cafeteria.menu") || len(l) != 4 {
		t.Errorf("%d problems, want one per misspelt section:\n%s", len(l), fr)
	}
}

// A misspelt section written as dotted keys names each key.
func TestDottedUnknownKeys(t *testing.T) {
	_, err := Parse([]byte("[school]\nname = \"É\"\n\nyouth_protecion.phone = \"1\"\n"), "x.toml", "")
	if fr := messages(err, i18n.FR); !strings.Contains(fr, "x.toml, ligne 4 : clé inconnue « school.youth_protecion.phone »") {
		t.Errorf("message: %s", fr)
	}
	p, err := Parse([]byte("school.name = \"É\"\nyouth_protection.phone = \"1 800 555-0160\"\n"), "x.toml", "")
	if err != nil || p.School.Name != "É" || p.YouthProtection.Phone != "1 800 555-0160" {
		t.Errorf("dotted keys: %v, %+v", err, p)
	}
}

// A key or a section written twice: where the first one is, and no advice on quotes.
func TestDuplicatesSayWhereTheFirstIs(t *testing.T) {
	for _, c := range []struct{ src, fr, hint, en string }{
		{"[school]\nname = \"A\"\n# x\nname = \"B\"\n",
			"x.toml, ligne 4 : la clé « school.name » figure deux fois",
			"Elle est déjà écrite à la ligne 2 : gardez une seule des deux lignes, celle qui porte la bonne valeur.",
			"It is already written on line 2: keep only one of the two lines, the one with the right value."},
		{"language = \"fr\"\n[school]\nname = \"A\"\n[school]\nphone = \"1\"\n",
			"x.toml, ligne 4 : la section [school] figure deux fois",
			"Elle commence déjà à la ligne 2 : gardez un seul [school] et mettez-y toutes ses clés.",
			"It already starts on line 2: keep a single [school] and put all its keys under it."},
	} {
		_, err := Parse([]byte(c.src), "x.toml", "")
		if fr := messages(err, i18n.FR); fr != c.fr {
			t.Errorf("message %q, want %q", fr, c.fr)
		}
		if h := i18n.Hints(err, i18n.FR); len(h) != 1 || h[0] != c.hint {
			t.Errorf("hints %q, want %q", h, c.hint)
		}
		if h := i18n.Hints(err, i18n.EN); len(h) != 1 || h[0] != c.en {
			t.Errorf("English hints %q, want %q", h, c.en)
		}
	}
}

// An agreement is in force from its day in Quebec, on the documents' date (the one clock);
// before, it is declared but not Configured, with a warning naming the key and both dates.
func TestAgreementNotYetInForce(t *testing.T) {
	load := func() *Profile {
		t.Helper()
		p, err := Parse([]byte("[school]\nname = \"É\"\n[agreement]\npolice_service = \"SPVM\"\nin_force = \"2031-09-01\"\n"), "ecole.toml", "")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := load()
	w := p.AsOf(time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC))
	if w == nil || p.Agreement.Configured() || !p.Agreement.NotYetInForce() {
		t.Fatalf("a future agreement: warning %v, configured %v", w, p.Agreement.Configured())
	}
	fr, en := messages(w, i18n.FR), messages(w, i18n.EN)
	if !strings.Contains(fr, "ecole.toml : « agreement.in_force » : l'entente n'entre en vigueur que le 1er septembre 2031, après la date des documents (24 novembre 2026)") ||
		!strings.Contains(fr, "SPÉCIMEN") {
		t.Errorf("French warning: %s", fr)
	}
	if !strings.Contains(en, "ecole.toml: “agreement.in_force”: the agreement only comes into force on September 1, 2031, after the date of the documents (November 24, 2026)") ||
		!strings.Contains(en, "SPECIMEN") {
		t.Errorf("English warning: %s", en)
	}
	if w := p.AsOf(time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)); w != nil || p.Agreement.Configured() {
		t.Errorf("dated twice: %v, configured %v", w, p.Agreement.Configured())
	}
	for _, c := range []struct {
		now   time.Time
		force bool
	}{
		{time.Date(2031, 9, 1, 3, 59, 0, 0, time.UTC), false}, // 23:59 on August 31 in Quebec
		{time.Date(2031, 9, 1, 4, 0, 0, 0, time.UTC), true},   // midnight in Quebec
		{time.Date(2032, 1, 1, 12, 0, 0, 0, time.UTC), true},
	} {
		p := load()
		if w := p.AsOf(c.now); (w == nil) != c.force || p.Agreement.Configured() != c.force {
			t.Errorf("%v: warning %v, configured %v, want in force %v", c.now, w, p.Agreement.Configured(), c.force)
		}
	}
	if w := Specimen().AsOf(time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)); w != nil {
		t.Errorf("the specimen has no agreement, yet %v", w)
	}
}

// A school's profile that lacks the DPJ number or the English title, or writes the extension
// in the phone number: warnings that say what to write. Not for the embedded specimen.
func TestWarningsOnWhatDocumentsPrintWrongly(t *testing.T) {
	src := "[school]\nname = \"É\"\n[intervener]\ntitle = \"Psychoéducatrice\"\nphone = \"450 555-0142, poste 2107\"\n"
	p, err := Parse([]byte(src), "ecole.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string][2]string{
		"youth_protection.phone": {"n'est pas indiqué : l'aide-mémoire juridique laisse le numéro de la DPJ de la région en blanc",
			"is not given: the legal reference sheet leaves the regional DPJ's number blank"},
		"intervener.title": {"(« Psychoéducatrice ») n'a pas de forme anglaise : les documents en anglais l'impriment tel quel ; ajoutez-la dans la section [intervener] (title_en = \"…\")",
			"(“Psychoéducatrice”) has no English form: English documents print it as is; add one under [intervener] (title_en = \"…\")"},
		"intervener.phone": {"(« 450 555-0142, poste 2107 ») contient le numéro de poste",
			"(“450 555-0142, poste 2107”) holds the extension"},
	} {
		ws := about(p.Warnings, key)
		if len(ws) != 1 {
			t.Errorf("%s: warnings %v", key, p.Warnings)
			continue
		}
		if fr := messages(ws[0], i18n.FR); !strings.HasPrefix(fr, "ecole.toml : « "+key+" » ") || !strings.Contains(fr, want[0]) {
			t.Errorf("%s: French %q", key, fr)
		}
		if en := messages(ws[0], i18n.EN); !strings.HasPrefix(en, "ecole.toml: “"+key+"” ") || !strings.Contains(en, want[1]) {
			t.Errorf("%s: English %q", key, en)
		}
	}
	if fr := messages(about(p.Warnings, "intervener.phone")[0], i18n.FR); !strings.Contains(fr, `« poste 2107 » en français et « ext. 2107 » en anglais : phone = "450 555-0142" et extension = "2107"`) {
		t.Errorf("no fix: %s", fr)
	}
	if len(p.Warnings) != 3 {
		t.Errorf("%d warnings, want 3: %v", len(p.Warnings), p.Warnings)
	}
	if ws := Specimen().Warnings; len(ws) != 0 {
		t.Errorf("the specimen warns: %v", ws)
	}
	// the same profile as the embedded specimen's text, read from a school's file, is complete
	if p, err := Parse(InitFile(i18n.FR), "sexto.toml", ""); err != nil || len(p.Warnings) != 0 {
		t.Errorf("complete profile: %v, %v", err, p.Warnings)
	}
}

func TestExtensionInPhone(t *testing.T) {
	for phone, want := range map[string][2]string{
		"450 555-0142, poste 2107":  {"450 555-0142", "2107"},
		"450 555-0142 poste 2107":   {"450 555-0142", "2107"},
		"450-555-0142 ext. 231":     {"450-555-0142", "231"},
		"450-555-0142, Ext 231":     {"450-555-0142", "231"},
		"(450) 555-0142 p. 12":      {"(450) 555-0142", "12"},
		"450 555-0142 x2107":        {"450 555-0142", "2107"},
		"450 555-0142 extension 40": {"450 555-0142", "40"},
		"450 555-0142, poste : 40":  {"450 555-0142", "40"},
	} {
		m := extensionInPhone.FindStringSubmatch(phone)
		if m == nil || m[1] != want[0] || m[2] != want[1] {
			t.Errorf("%q: %q, want %q", phone, m, want)
		}
	}
	for _, phone := range []string{"450 555-0142", "1 800 555-0160", "1-800-EXTRA-12", "911", "450 555-0142 (secrétariat)"} {
		if extensionInPhone.MatchString(phone) {
			t.Errorf("%q taken for a number with an extension", phone)
		}
	}
}

// Text typed without quotes that TOML cannot read at all (a phone number with spaces or
// dashes, a number with a leading zero, words): the key, its line and the line to write.
func TestUnquotedTextSaysWhatToWrite(t *testing.T) {
	for _, c := range []struct{ line, fr, en string }{
		{"phone = 450 555-0142", `x.toml, ligne 4 : « intervener.phone » : le texte 450 555-0142 doit être entre guillemets droits : phone = "450 555-0142"`,
			`x.toml, line 4: “intervener.phone”: the text 450 555-0142 must be between straight quotes: phone = "450 555-0142"`},
		{"phone = 450-555-0142   # secrétariat", `x.toml, ligne 4 : « intervener.phone » : le texte 450-555-0142 doit être entre guillemets droits : phone = "450-555-0142"`, ""},
		{"extension = 02107", `x.toml, ligne 4 : « intervener.extension » : le texte 02107 doit être entre guillemets droits : extension = "02107"`, ""},
		{"name = Éloïse Bédard", `x.toml, ligne 4 : « intervener.name » : le texte Éloïse Bédard doit être entre guillemets droits : name = "Éloïse Bédard"`, ""},
	} {
		src := "language = \"fr\"\n[school]\n[intervener]\n" + c.line + "\n"
		_, err := Parse([]byte(src), "x.toml", "")
		if fr := messages(err, i18n.FR); fr != c.fr {
			t.Errorf("%s:\n got %q\nwant %q", c.line, fr, c.fr)
		}
		if en := messages(err, i18n.EN); c.en != "" && en != c.en {
			t.Errorf("%s:\n got %q\nwant %q", c.line, en, c.en)
		}
		if h := i18n.Hints(err, i18n.FR); len(h) != 0 {
			t.Errorf("%s: a hint besides the fix: %q", c.line, h)
		}
	}
	// other syntax errors keep their own message and advice
	_, err := Parse([]byte("[school]\nname = “École”\n"), "x.toml", "")
	if fr := messages(err, i18n.FR); !strings.Contains(fr, "x.toml, ligne 2 : erreur de syntaxe TOML") {
		t.Errorf("curly quotes: %s", fr)
	}
}

// Keys with other capitals are read, as the TOML reader always did; a bad value among them is
// one problem.
func TestKeysWithOtherCapitals(t *testing.T) {
	p, err := Parse([]byte("[School]\nName = \"École\"\n[youth_protection]\nphone = \"1\"\n"), "x.toml", "")
	if err != nil || p.School.Name != "École" {
		t.Fatalf("%v, %+v", err, p)
	}
	_, err = Parse([]byte("[School]\nName = 12\n"), "x.toml", "")
	if l := list(t, err); len(l) != 1 || !strings.Contains(messages(err, i18n.FR), "x.toml, ligne 2 : « School.Name » : la valeur 12 est lue comme un nombre") {
		t.Errorf("%d problems: %s", len(l), messages(err, i18n.FR))
	}
}

// A file of thousands of unknown keys is answered with its first problems and how many more
// there are, not with a list that buries them (and without searching a suggestion for each).
func TestThousandsOfUnknownKeysAreCut(t *testing.T) {
	var b strings.Builder
	b.WriteString("[school]\nname = \"École\"\n")
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "k%d = %d\n", i, i)
	}
	_, err := Parse([]byte(b.String()), "p.toml", "")
	msg := i18n.Message(err, i18n.FR)
	if n := strings.Count(msg, "clé inconnue"); n != maxShown || !strings.Contains(msg, fmt.Sprintf("%d autres problèmes ne sont pas affichés", 20000-maxShown)) ||
		!strings.Contains(msg, "p.toml, ligne 3 : clé inconnue « school.k0 »") {
		t.Errorf("%d unknown keys listed:\n%.600s", n, msg)
	}
}
