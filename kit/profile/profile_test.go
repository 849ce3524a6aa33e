package profile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sexto/kit/i18n"
)

func TestSpecimenHasNoAgreement(t *testing.T) {
	p := Specimen()
	if !p.Specimen() {
		t.Error("the embedded profile does not say it is the specimen")
	}
	if p.Agreement.Configured() {
		t.Error("the specimen declares an agreement; it must not")
	}
	if p.School.Name == "" || p.Paper != "letter" || p.Lang() != i18n.FR {
		t.Errorf("specimen = %+v; want a named school, letter, French", p)
	}
}

func TestInitFilesParseInBothLanguages(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		p, err := Parse(InitFile(l), "sexto.toml", "")
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		if p.Lang() != l {
			t.Errorf("init file for %s says language %s", l, p.Language)
		}
		if !bytes.HasPrefix(InitFile(l), []byte("#")) {
			t.Errorf("init file for %s does not open with comments", l)
		}
	}
}

func TestAgreementUncommentedIsConfigured(t *testing.T) {
	src := strings.NewReplacer(
		"# police_service =", "police_service =",
		"# dpcp =", "dpcp =",
		"# in_force =", "in_force =").Replace(string(InitFile(i18n.FR)))
	p, err := Parse([]byte(src), "sexto.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Agreement.Configured() || p.Agreement.InForceDate().Year() != 2024 {
		t.Errorf("agreement = %+v, want configured, in force 2024", p.Agreement)
	}
}

func messages(err error, l i18n.Lang) string { return i18n.Message(err, l) }

func TestUnknownKeyIsNamed(t *testing.T) {
	src := strings.Replace(string(InitFile(i18n.FR)), "name = \"Zoé Lévesque-Côté\"", "nom = \"Zoé Lévesque-Côté\"", 1)
	_, err := Parse([]byte(src), "ecole.toml", "")
	if err == nil {
		t.Fatal("a profile with the unknown key principal.nom was accepted")
	}
	fr, en := messages(err, i18n.FR), messages(err, i18n.EN)
	if !strings.Contains(fr, "ecole.toml, ligne 23 : clé inconnue « principal.nom »") || !strings.Contains(fr, "principal.name") {
		t.Errorf("French message = %q", fr)
	}
	if !strings.Contains(en, "ecole.toml, line 23: unknown key “principal.nom”") {
		t.Errorf("English message = %q", en)
	}
}

func TestBadValuesNameTheirKeysAllAtOnce(t *testing.T) {
	src := `language = "de"
paper = "legal"
[school]
name = "École Test"
[intervener]
email = "pas un courriel"
[agreement]
police_service = "Service de police de Saint-Fictif"
in_force = "2024-31-12"
`
	_, err := Parse([]byte(src), "x.toml", "")
	var list i18n.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want a list of problems", err)
	}
	msg := messages(err, i18n.EN)
	for _, key := range []string{"“language”", "“paper”", "“intervener.email”", "“agreement.in_force”"} {
		if !strings.Contains(msg, key) {
			t.Errorf("no problem reported for %s in:\n%s", key, msg)
		}
	}
	if len(list) != 4 {
		t.Errorf("%d problems, want 4:\n%s", len(list), msg)
	}
}

func TestHalfAnAgreementIsRefused(t *testing.T) {
	src := "[school]\nname = \"É\"\n[agreement]\npolice_service = \"SPVM\"\n"
	_, err := Parse([]byte(src), "x.toml", "")
	if err == nil || !strings.Contains(messages(err, i18n.FR), "agreement.in_force") {
		t.Errorf("err = %v, want a problem on agreement.in_force", err)
	}
}

func TestSyntaxErrorGivesLine(t *testing.T) {
	_, err := Parse([]byte("[school]\nname = École\n"), "x.toml", "")
	if err == nil || !strings.Contains(messages(err, i18n.FR), "x.toml, ligne 2") {
		t.Errorf("err = %v, want the line number", err)
	}
}

func TestLogoMustBePNGOrJPEG(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "logo.png"), pngDeclaring(1, 1), 0o644) // a real 1-pixel PNG
	os.WriteFile(filepath.Join(dir, "logo.gif"), []byte("GIF89a"), 0o644)
	ok := "[school]\nname = \"É\"\nlogo = \"logo.png\"\n"
	p, err := Parse([]byte(ok), filepath.Join(dir, "sexto.toml"), dir)
	if err != nil || p.LogoType != "png" || len(p.Logo) == 0 {
		t.Fatalf("png logo: %v, %+v", err, p)
	}
	// a logo that cannot be used is a warning: nothing waits on a picture
	for _, name := range []string{"logo.gif", "absent.png"} {
		bad := "[school]\nname = \"É\"\nlogo = \"" + name + "\"\n"
		p, err := Parse([]byte(bad), "sexto.toml", dir)
		if err != nil || len(about(p.Warnings, "school.logo")) != 1 || len(p.Logo) != 0 {
			t.Errorf("%s: err = %v, warnings %v", name, err, p.Warnings)
		}
	}
}

func TestFindFallsBackToSpecimen(t *testing.T) {
	t.Chdir(t.TempDir())
	p, err := Find("")
	if err != nil || !p.Specimen() {
		t.Fatalf("Find in an empty folder = %v, %v; want the specimen", p, err)
	}
	os.WriteFile(DefaultName, []byte("[school]\nname = \"École locale\"\nlanguage = 1\n"), 0o644)
	if _, err := Find(""); err == nil {
		t.Error("an invalid ./sexto.toml was ignored instead of reported")
	}
	os.WriteFile(DefaultName, []byte("[school]\nname = \"École locale\"\n"), 0o644)
	p, err = Find("")
	if err != nil || p.School.Name != "École locale" || p.Specimen() {
		t.Errorf("Find = %+v, %v; want ./sexto.toml", p, err)
	}
	if _, err := Find("absent.toml"); err == nil {
		t.Error("a missing --profile file was not reported")
	}
}

func TestBOMIsAccepted(t *testing.T) {
	p, err := Parse([]byte("\xef\xbb\xbf[school]\nname = \"École\"\n"), "x.toml", "")
	if err != nil || p.School.Name != "École" {
		t.Errorf("BOM profile: %v, %+v", err, p)
	}
}

func TestPeekLanguageDespiteProblems(t *testing.T) {
	t.Chdir(t.TempDir())
	os.WriteFile(DefaultName, []byte("language = \"en\"  # English\n[school]\nnmae = \"x\"\n"), 0o644)
	if l, ok := PeekLanguage(""); !ok || l != i18n.EN {
		t.Errorf("PeekLanguage = %v, %v", l, ok)
	}
	if _, err := Find(""); err == nil {
		t.Fatal("the broken profile loaded")
	}
}
