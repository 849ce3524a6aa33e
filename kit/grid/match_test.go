package grid

import "testing"

// What people type (SPEC §6): codes, labels in either language with case, accents, spaces and
// punctuation set aside, and the natural synonyms.
func TestMatchReadsWhatPeopleType(t *testing.T) {
	cases := []struct{ key, in, want string }{
		{"incident.disclosed_by", "eleve represente", "depicted"},
		{"incident.disclosed_by", "Élève représenté(e)", "depicted"},
		{"incident.disclosed_by", "ÉLÈVE REPRÉSENTÉE", "depicted"},
		{"incident.disclosed_by", "  élève représenté.  ", "depicted"},
		{"incident.disclosed_by", "depicted student", "depicted"},
		{"incident.disclosed_by", "DEPICTED", "depicted"},
		{"nature.medium", "capture d’écran", "screenshot"},
		{"nature.medium", "Capture decran", "screenshot"},
		{"scope.channel", "tik tok", "tiktok"},
		{"scope.channel", "Messagerie de groupe!", "group_chat"},
		{"trigger.context", "blague defi", "joke"},
		{"trigger.relationship", "ex couple", "ex"},
		{"trigger.relationship", "EX-COUPLE", "ex"},
		{"intent.motive", "se venger", "revenge"},
		{"student.grade", "sec 3", "sec3"},
		{"student.grade", "secondaire 3", "sec3"},
		{"scope.recipients", "2-5", "2_5"},
		{"scope.recipients", "6 à 20", "6_20"},
		{"scope.recipients", "Plus de 20", "over_20"},
		{"nature.identifiable", "oui, visage", "face"},
		{"nature.identifiable", "Non", "no"},
		// parent.language
		{"parent.language", "Français", "fr"},
		{"parent.language", "francais", "fr"},
		{"parent.language", "French", "fr"},
		{"parent.language", "FR", "fr"},
		{"parent.language", "Anglais", "en"},
		{"parent.language", "english", "en"},
		{"parent.language", "en", "en"},
		// yes-no items
		{"role.depicted", "Oui", "oui"},
		{"role.depicted", "O", "oui"},
		{"role.depicted", "y", "oui"},
		{"role.depicted", "YES", "oui"},
		{"role.depicted", "Non", "non"},
		{"role.depicted", "n", "non"},
		{"role.depicted", "No.", "non"},
		{"scope.public", "unknown", "inconnu"},
		{"scope.public", "ne sait pas", "inconnu"},
	}
	for _, c := range cases {
		it, ok := Lookup(c.key)
		if !ok {
			t.Fatalf("no item %s", c.key)
		}
		got, ok := it.Match(c.in)
		if !ok || got != c.want {
			t.Errorf("%s: Match(%q) = %q, %v; want %q", c.key, c.in, got, ok, c.want)
		}
	}
}

// What must not match: a number that only looks like a code, an "unknown" where the item has
// none, yes-no words on items whose answers are not yes and no.
func TestMatchRefusesLookAlikes(t *testing.T) {
	cases := []struct{ key, in string }{
		{"scope.recipients", "25"},
		{"scope.recipients", "20"},
		{"scope.recipients", "beaucoup"},
		{"role.depicted", "inconnu"},
		{"role.depicted", "peut-être"},
		{"nature.identifiable", "o"},
		{"parent.language", "espagnol"},
		{"role.depicted", ""},
		{"role.depicted", " - "},
	}
	for _, c := range cases {
		it, _ := Lookup(c.key)
		if got, ok := it.Match(c.in); ok {
			t.Errorf("%s: Match(%q) = %q, want no match", c.key, c.in, got)
		}
	}
}

// No two answers of one item read the same once normalized, and every synonym names an
// option of its item: matching can never pick the wrong answer.
func TestNormalizedAnswersAreUnambiguous(t *testing.T) {
	for _, k := range Keys() {
		it, _ := Lookup(k)
		if it.Kind != Choice {
			continue
		}
		seen := map[string]string{}
		for _, o := range it.Options {
			for _, f := range optionForms(o) {
				for _, form := range []string{f, squash(f)} {
					if !hasLetter(f) && form != f {
						continue
					}
					if prev, dup := seen[form]; dup && prev != o.Code {
						t.Errorf("%s: %q reads as both %s and %s", k, form, prev, o.Code)
					}
					seen[form] = o.Code
				}
			}
		}
		for w, code := range it.synonyms() {
			if _, ok := it.Option(code); !ok && keySynonyms[k][w] != "" {
				t.Errorf("%s: synonym %q names %q, not an option", k, w, code)
			}
			if prev, ok := seen[w]; ok && prev != code && it.isYesNo() {
				t.Errorf("%s: synonym %q names %s, label of %s", k, w, code, prev)
			}
		}
	}
}

// An answer that matches nothing gets the closest allowed answer, when one is close.
func TestSuggestProposesTheClosestAnswer(t *testing.T) {
	cases := []struct{ key, in, want string }{
		{"intent.motive", "se vanger", "revenge"},
		{"intent.motive", "vengeance", "revenge"},
		{"intent.motive", "humiliation", "humiliate"},
		{"scope.channel", "snapshat", "snapchat"},
		{"scope.channel", "insta", "instagram"},
		{"role.depicted", "ouii", "oui"},
		{"parent.language", "francis", "fr"},
		{"parent.language", "englsh", "en"},
		{"nature.medium", "vidéos", "video"},
		{"role.depicted", "peut-être", ""},
		{"scope.recipients", "beaucoup", ""},
		{"student.grade", "zzz", ""},
	}
	for _, c := range cases {
		it, _ := Lookup(c.key)
		o, ok := it.Suggest(c.in)
		if c.want == "" {
			if ok {
				t.Errorf("%s: Suggest(%q) = %q, want none", c.key, c.in, o.Code)
			}
			continue
		}
		if !ok || o.Code != c.want {
			t.Errorf("%s: Suggest(%q) = %q, %v; want %q", c.key, c.in, o.Code, ok, c.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Élève représenté(e)":    "eleve represente",
		"Policier(ère)":          "policier",
		"  Blague,  défi ! ":     "blague defi",
		"Capture d'écran":        "capture d ecran",
		"Cœur":                   "coeur",
		"(e)":                    "e",
		"2 à 5":                  "2 a 5",
		"Obtenu par menace (ou)": "obtenu par menace ou",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
