package profile

import (
	"strings"
	"testing"

	"sexto/kit/i18n"
)

// The profile's v2 keys (SPEC §3): an English title, an extension apart from the phone, the
// region's DPJ number.
func TestVersion2Keys(t *testing.T) {
	src := `[school]
name = "École des Quatre-Vents"
[intervener]
title = "Technicienne en éducation spécialisée"
title_en = "Special education technician"
phone = "819 555-0110"
extension = "231"
[youth_protection]
phone = "1 800 555-0175"
`
	p, err := Parse([]byte(src), "x.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Intervener.TitleEN != "Special education technician" || p.Intervener.Extension != "231" ||
		p.Intervener.Phone != "819 555-0110" || p.YouthProtection.Phone != "1 800 555-0175" {
		t.Errorf("v2 keys not read: %+v, %+v", p.Intervener, p.YouthProtection)
	}
}

func TestInitFilesFillTheVersion2Keys(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		p, err := Parse(InitFile(l), "sexto.toml", "")
		if err != nil {
			t.Fatal(err)
		}
		in := p.Intervener
		if in.Title == "" || in.TitleEN == "" || in.Extension == "" || p.YouthProtection.Phone == "" {
			t.Errorf("%s: the commented profile leaves a v2 key out: %+v, %+v", l, in, p.YouthProtection)
		}
		if strings.Contains(in.Phone, in.Extension) {
			t.Errorf("%s: the extension is still written in the phone %q", l, in.Phone)
		}
		if len(p.Warnings) > 0 {
			t.Errorf("%s: the commented profile has warnings: %v", l, p.Warnings)
		}
	}
}

// Loading stays strict with the new sections: a misspelt key is refused and named.
func TestVersion2TyposAreRefused(t *testing.T) {
	for _, c := range []struct{ src, key, want string }{
		{"[school]\nname = \"É\"\n[youth_protection]\nphones = \"1\"\n", "youth_protection.phones", "youth_protection.phone"},
		{"[school]\nname = \"É\"\n[intervener]\ntitle_fr = \"x\"\n", "intervener.title_fr", "intervener.title_en"},
		{"[school]\nname = \"É\"\n[intervener]\nextention = \"12\"\n", "intervener.extention", "intervener.extension"},
	} {
		_, err := Parse([]byte(c.src), "x.toml", "")
		if err == nil {
			t.Errorf("%s was accepted", c.key)
			continue
		}
		if msg := messages(err, i18n.EN); !strings.Contains(msg, "unknown key “"+c.key+"”") || !strings.Contains(msg, c.want) {
			t.Errorf("%s: message %q, want the key and the suggestion %s", c.key, msg, c.want)
		}
	}
}

// A police service that is not the agreement's is a warning naming both, in both languages;
// the same name written with other capitals or spaces is not.
func TestPoliceServiceDiffersFromAgreement(t *testing.T) {
	profile := func(police, agreement string) *Profile {
		t.Helper()
		src := "[school]\nname = \"É\"\n[police]\nservice = \"" + police + "\"\n[agreement]\npolice_service = \"" +
			agreement + "\"\nin_force = \"2024-09-01\"\n"
		p, err := Parse([]byte(src), "ecole.toml", "")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := profile("Service de police de Saint-Fictif", "Sûreté du Québec")
	ws := about(p.Warnings, "agreement.police_service")
	if len(ws) != 1 {
		t.Fatalf("warnings = %v, want one", p.Warnings)
	}
	fr, en := messages(ws[0], i18n.FR), messages(ws[0], i18n.EN)
	for _, msg := range []string{fr, en} {
		if !strings.Contains(msg, "ecole.toml") || !strings.Contains(msg, "Service de police de Saint-Fictif") ||
			!strings.Contains(msg, "Sûreté du Québec") || !strings.Contains(msg, "police.service") ||
			!strings.Contains(msg, "agreement.police_service") {
			t.Errorf("warning %q does not name the file, both keys and both services", msg)
		}
	}
	if !strings.Contains(fr, "n'est pas celui de l'entente") || !strings.Contains(en, "is not the agreement's") {
		t.Errorf("warning not translated: %q / %q", fr, en)
	}
	if p := profile("Service de police de Saint-Fictif", "service de police de  Saint-Fictif "); len(about(p.Warnings, "agreement.police_service")) != 0 {
		t.Errorf("the same service with other capitals warned: %v", p.Warnings)
	}
	if p := profile("", "Sûreté du Québec"); len(about(p.Warnings, "agreement.police_service")) != 0 {
		t.Errorf("no police service given, yet a warning: %v", p.Warnings)
	}
}

// about keeps the warnings that name key, in either language.
func about(ws []error, key string) []error {
	var out []error
	for _, w := range ws {
		if strings.Contains(messages(w, i18n.EN), "“"+key+"”") {
			out = append(out, w)
		}
	}
	return out
}
