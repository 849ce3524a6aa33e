package exercise

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sexto/kit/classify"
	"sexto/kit/i18n"
	"sexto/kit/workbook"
)

var langs = []i18n.Lang{i18n.FR, i18n.EN}

func builtin(t *testing.T) *Set {
	t.Helper()
	s, err := Load("")
	if err != nil {
		t.Fatalf("built-in cases: %s", i18n.Message(err, i18n.EN))
	}
	return s
}

// trainee writes the case's blank workbook in l, as sexto exercise N does, fills it with the
// key (changed by edit: sheet → key → answer, "" to leave blank) and reads it back.
func trainee(t *testing.T, c *Case, l i18n.Lang, edit map[string]map[string]string) *workbook.Incident {
	t.Helper()
	blank, err := Workbook(c, l, time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC), "sexto test")
	if err != nil {
		t.Fatal(err)
	}
	answers, devices := c.Filled(l)
	for sheet, kv := range edit {
		for k, v := range kv {
			if v == "" {
				delete(answers[sheet], k)
			} else {
				answers[sheet][k] = v
			}
		}
	}
	filled, err := workbook.Fill(blank, answers, devices)
	if err != nil {
		t.Fatal(err)
	}
	in, err := workbook.Read(fmt.Sprintf("exercice-%02d-%s.xlsx", c.Number, l), filled)
	if err != nil {
		t.Fatalf("the filled workbook does not read: %s", i18n.Message(err, i18n.EN))
	}
	return in
}

// There are at least three cases in each language, the three the protocol's training needs,
// and a case's two languages hold the same key: same students, codes, orientations and rules.
func TestBuiltinCases(t *testing.T) {
	s := builtin(t)
	for _, l := range langs {
		if n := len(s.List(l)); n < 3 {
			t.Errorf("%s: %d cases, want at least 3", l, n)
		}
	}
	want := map[int]classify.Orientation{1: classify.Impulsive, 2: classify.Malicious, 3: classify.UrgentCall}
	for n, o := range want {
		fr, _, ok1 := s.Get(n, i18n.FR)
		en, _, ok2 := s.Get(n, i18n.EN)
		if !ok1 || !ok2 {
			t.Fatalf("case %d is missing in a language", n)
		}
		if fr.Expected.Orientation != o || en.Expected.Orientation != o {
			t.Errorf("case %d: expected %s / %s, want %s", n, fr.Expected.Orientation, en.Expected.Orientation, o)
		}
		if len(fr.Students) != len(en.Students) || len(fr.Devices) != len(en.Devices) {
			t.Fatalf("case %d: the languages have different students or devices", n)
		}
		// what a board's folder is held to (see TestLanguagesMustAgree)
		if p := SameKey(fr, en); p != nil {
			t.Errorf("case %d: %s", n, p.Localize(i18n.EN))
		}
		for i := range fr.Students {
			a, b := fr.Students[i], en.Students[i]
			if a.Ref != b.Ref || a.Expected.Orientation != b.Expected.Orientation || !slices.Equal(a.Expected.Rules, b.Expected.Rules) {
				t.Errorf("case %d %s: the languages expect different things", n, a.Ref)
			}
			for k, v := range a.Answers {
				if k != "notes" && k != "scope.accounts" && b.Answers[k] != v { // every answer but free accounts
					t.Errorf("case %d %s %s: %q in French, %q in English", n, a.Ref, k, v, b.Answers[k])
				}
			}
			if len(a.Answers) != len(b.Answers) {
				t.Errorf("case %d %s: %d items in French, %d in English", n, a.Ref, len(a.Answers), len(b.Answers))
			}
		}
	}
}

// Each case's key classifies, under the rules in force, exactly as the case expects: a rules
// change that breaks a case fails here (and the case file is then refused with its line).
func TestKeysClassifyAsExpected(t *testing.T) {
	for _, l := range langs {
		for _, c := range builtin(t).List(l) {
			res := c.Key().Classify()
			if res.RulesVersion != classify.RulesVersion {
				t.Errorf("%s: rules %s", c.File, res.RulesVersion)
			}
			if res.Incident.Orientation != c.Expected.Orientation || !slices.Equal(res.Incident.Rules, sortRules(c.Expected.Rules)) {
				t.Errorf("%s: incident %s %v, want %s %v", c.File, res.Incident.Orientation, res.Incident.Rules, c.Expected.Orientation, c.Expected.Rules)
			}
			for i, sr := range res.Students {
				want := c.Students[i].Expected
				if sr.Orientation != want.Orientation || !slices.Equal(sr.Rules, sortRules(want.Rules)) || len(sr.Unevaluated) > 0 {
					t.Errorf("%s %s: %s %v (unevaluated %v), want %s %v", c.File, sr.Ref, sr.Orientation, sr.Rules, sr.Unevaluated, want.Orientation, want.Rules)
				}
			}
		}
	}
}

// A workbook filled with the key, in either language, scores 100 % against the key: what the
// workbook reader reads is what the key holds.
func TestKeyScoresFullMarks(t *testing.T) {
	s := builtin(t)
	for _, cl := range langs {
		for _, c := range s.List(cl) {
			for _, wl := range langs {
				d := Compare(c, trainee(t, c, wl, nil), cl)
				if d.Right != d.Total || d.Total < 40 || len(d.Diffs) > 0 || len(d.Extra) > 0 {
					t.Errorf("%s in a %s workbook: %d/%d, %d differences, extra %v", c.File, wl, d.Right, d.Total, len(d.Diffs), d.Extra)
					for _, x := range d.Diffs {
						t.Logf("  %s %s: got %q want %q", x.Ref, x.Key, x.Got, x.Want)
					}
				}
				if !d.IncidentRight() || d.OutcomeDiffs() != 0 {
					t.Errorf("%s: the key's own orientation is not right", c.File)
				}
			}
		}
	}
}

// Three deliberate mistakes, one that changes the outcome and two that do not, give exactly
// those three differences, in both languages; names typed without accents and a phone number
// with other separators are not differences.
func TestThreeMistakes(t *testing.T) {
	s := builtin(t)
	for _, l := range langs {
		c, _, _ := s.Get(1, l)
		st := func(n int) string { return workbook.StudentSheetName(l, n) }
		in := trainee(t, c, l, map[string]map[string]string{
			st(1): {"parent.phone": "450 555-0124", "student.first_name": "MAELLE"},
			st(2): {"intent.motive": i18n.T("Se venger", "Revenge").In(l), "parent.phone": "(819) 5550177"},
			st(3): {"trigger.relationship": i18n.T("Amis", "Friends").In(l), "student.last_name": "bouchard levesque"},
		})
		d := Compare(c, in, l)
		if len(d.Diffs) != 3 {
			for _, x := range d.Diffs {
				t.Logf("%s %s: %q / %q", x.Ref, x.Key, x.Got, x.Want)
			}
			t.Fatalf("%s: %d differences, want 3", l, len(d.Diffs))
		}
		byKey := map[string]Diff{}
		for _, x := range d.Diffs {
			byKey[x.Ref+" "+x.Key] = x
		}
		motive, ok := byKey["E2 intent.motive"]
		wantEffect := i18n.T("avec « Se venger », le geste devient malveillant", "with “Revenge”, the act becomes malicious").In(l)
		if !ok || !motive.Outcome || !strings.HasPrefix(motive.Effect, wantEffect) || !slices.Equal(motive.Rules, []string{"M-INTENT"}) ||
			motive.Want != i18n.T("Être accepté", "To be accepted").In(l) || motive.Cell == "" {
			t.Errorf("%s: the motive's difference is %+v", l, motive)
		}
		for _, k := range []string{"E1 parent.phone", "E3 trigger.relationship"} {
			if x, ok := byKey[k]; !ok || x.Outcome || x.Effect != "" {
				t.Errorf("%s: %s is %+v, want a difference that changes nothing", l, k, x)
			}
		}
		if d.Total-d.Right != 3 || d.OutcomeDiffs() != 1 {
			t.Errorf("%s: %d/%d right, %d changing the outcome", l, d.Right, d.Total, d.OutcomeDiffs())
		}
		// the trainee's answers make Zachary malicious: the incident is wrong, E1 and E3 right
		if d.IncidentRight() || d.Got.Incident.Orientation != classify.Malicious || d.Students[1].Right() || !d.Students[0].Right() || !d.Students[2].Right() {
			t.Errorf("%s: orientations %s, %+v", l, d.Got.Incident.Orientation, d.Students)
		}
		if !slices.Contains(d.Praise, i18n.T("les rôles des 3 élèves sont justes", "the roles of all 3 students are right").In(l)) {
			t.Errorf("%s: no praise for the roles: %v", l, d.Praise)
		}
	}
}

// A missed threat in the sextortion case is an outcome-changing difference even though other
// flags keep the incident urgent; a missed risk of suicide too; and a blank role leaves the
// grid incomplete.
func TestMissedThreat(t *testing.T) {
	c, _, _ := builtin(t).Get(3, i18n.FR)
	in := trainee(t, c, i18n.FR, map[string]map[string]string{"Élève 1": {"intent.threats": "Non", "safety.at_risk": "Non"}, "Élève 2": {"role.discloser": ""}})
	d := Compare(c, in, i18n.FR)
	got := map[string]Diff{}
	for _, x := range d.Diffs {
		got[x.Ref+" "+x.Key] = x
	}
	if x := got["E1 intent.threats"]; !x.Outcome || !strings.Contains(x.Effect, "ne s’applique plus : U-EXTORTION") {
		t.Errorf("threats: %+v", x)
	}
	if x := got["E1 safety.at_risk"]; !x.Outcome || !slices.Equal(x.Rules, []string{"U-RISK"}) {
		t.Errorf("at risk: %+v", x)
	}
	if x := got["E2 role.discloser"]; !x.Outcome || !strings.HasPrefix(x.Effect, "sans réponse, la grille devient incomplète") {
		t.Errorf("blank role: %+v", x)
	}
}

// A missing grid counts every item of the student as wrong and changes the outcome.
func TestMissingGrid(t *testing.T) {
	c, _, _ := builtin(t).Get(1, i18n.EN)
	full := trainee(t, c, i18n.EN, nil)
	full.Students = full.Students[:2]
	full.Devices = full.Devices[:1]
	d := Compare(c, full, i18n.EN)
	var grid, device bool
	for _, x := range d.Diffs {
		grid = grid || x.Missing && x.Ref == "E3" && x.Device == 0 && x.Outcome && x.Items > 40
		device = device || x.Missing && x.Ref == "E3" && x.Device == 1
	}
	if !grid || !device || d.Total-d.Right < 50 {
		t.Errorf("missing grid %v, device %v, %d/%d", grid, device, d.Right, d.Total)
	}
	// a device the key does not have is named, not marked
	extra := trainee(t, c, i18n.EN, nil)
	extra.Devices = append(extra.Devices, extra.Devices[0])
	if d := Compare(c, extra, i18n.EN); len(d.Diffs) != 0 || len(d.ExtraDevices) != 1 || d.ExtraDevices[0] != "E2 · 2" {
		t.Errorf("an extra device: %d differences, extra %v", len(d.Diffs), d.ExtraDevices)
	}
}

func TestSameText(t *testing.T) {
	for _, c := range []struct {
		want, got string
		same      bool
	}{
		{"Gagnon-Roy", "gagnon roy", true},
		{"Maëlle", "Maelle", true},
		{"450 555-0123", "(450) 5550123", true},
		{"450 555-0123", "450 555-0124", false},
		{"Agente Nadia Bélanger, matricule 4127", "Nadia Belanger 4127", true},
		{"Agente Nadia Bélanger, matricule 4127", "Nadia Tremblay 4127", false},
		{"Geneviève Pelletier", "Pelletier", false},
		{"SPVC-26-118274", "spvc 26 118274", true},
		{"SPVC-26-118274", "SPVC-26-118275", false},
	} {
		if got := SameText(c.want, c.got); got != c.same {
			t.Errorf("SameText(%q, %q) = %v", c.want, c.got, got)
		}
	}
}

// A case file with mistakes is refused, every mistake named with its file and line.
func TestCaseFileMistakes(t *testing.T) {
	src, _ := os.ReadFile(filepath.Join("..", "..", "templates", "cases", "fr", "01-transfert-pour-etre-accepte.toml"))
	lines := strings.Split(string(src), "\n")
	find := func(prefix string, nth int) int {
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) {
				if nth == 0 {
					return i
				}
				nth--
			}
		}
		t.Fatalf("no line %q", prefix)
		return 0
	}
	edit := func(i int, s string) []byte {
		c := slices.Clone(lines)
		c[i] = s
		return []byte(strings.Join(c, "\n"))
	}
	motive := find("intent.motive", 1) // Zachary's
	for _, c := range []struct {
		name, line string
		at         int
		want       string
	}{
		{"unknown code", `intent.motive = "vengence"`, motive, "« vengence » n'est pas une réponse permise pour intent.motive"},
		{"unknown item", `intent.motif = "revenge"`, motive, "« intent.motif » n'est pas une rubrique de la grille d'un élève ; vouliez-vous dire « intent.motive » ?"},
		{"unknown top key", `titre = "x"`, find("title", 0), "clé inconnue « titre »"},
		{"bad date", `student.birth_date = "08/03/2012"`, find("student.birth_date", 0), "n'est pas une date"},
		{"unknown rule", `rules = ["M-REVENGE"]`, find("rules", 1), "règle « M-REVENGE » inconnue"},
		{"key that no longer adds up", `intent.motive = "revenge"`, motive, "E2 : le corrigé donne malicious (règles : M-INTENT)"},
		{"syntax", `intent.motive = revenge`, motive, "erreur de syntaxe TOML"},
	} {
		_, err := Parse("cas.toml", i18n.FR, edit(c.at, c.line))
		var list i18n.List
		if !errors.As(err, &list) || len(list) == 0 {
			t.Errorf("%s: no error", c.name)
			continue
		}
		msg := i18n.Message(list[0], i18n.FR)
		for _, e := range list {
			if m := i18n.Message(e, i18n.FR); strings.Contains(m, c.want) {
				msg = m
			}
		}
		line := c.at + 1
		if c.name == "key that no longer adds up" {
			line = find("orientation", 2) + 1 // E2's orientation
		}
		if c.name == "unknown rule" {
			line = c.at + 1
		}
		prefix := fmt.Sprintf("cas.toml, ligne %d : ", line)
		if !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, c.want) {
			t.Errorf("%s: %q, want %q…%q", c.name, msg, prefix, c.want)
		}
	}
}

// A board's folder replaces a built-in case of the same number and adds the others; a bad
// file in it is an error naming the file.
func TestOverrideFolder(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "fr"), 0o755)
	src, _ := os.ReadFile(filepath.Join("..", "..", "templates", "cases", "fr", "01-transfert-pour-etre-accepte.toml"))
	mine := strings.Replace(string(src), `title = "Pour faire partie de la gang"`, `title = "Notre version"`, 1)
	os.WriteFile(filepath.Join(dir, "fr", "01.toml"), []byte(mine), 0o644)
	os.WriteFile(filepath.Join(dir, "fr", "07.toml"), []byte(strings.Replace(string(src), "case = 1", "case = 7", 1)), 0o644)
	s, err := Load(dir)
	if err != nil {
		t.Fatal(i18n.Message(err, i18n.FR))
	}
	c1, _, _ := s.Get(1, i18n.FR)
	c7, _, ok := s.Get(7, i18n.FR)
	if c1.Title != "Notre version" || !ok || c7.Number != 7 || len(s.List(i18n.FR)) != 4 || len(s.List(i18n.EN)) != 3 {
		t.Errorf("override: %q, case 7 %v, %d and %d cases", c1.Title, ok, len(s.List(i18n.FR)), len(s.List(i18n.EN)))
	}
	if _, other, ok := s.Get(7, i18n.EN); ok || other != i18n.FR {
		t.Errorf("case 7 in English: %v, other %q", ok, other)
	}
	os.WriteFile(filepath.Join(dir, "fr", "08.toml"), []byte("case = 8\nlanguage = \"en\"\n"), 0o644)
	_, err = Load(dir)
	if msg := i18n.Message(err, i18n.FR); !strings.Contains(msg, filepath.Join(dir, "fr", "08.toml")+", ligne 2 : language = « en »") {
		t.Errorf("bad file: %s", msg)
	}
}

// Two mistakes that each keep the same rule from firing change nothing alone in the key, but
// together they do: both are told as changing the outcome, with the rule they cost.
func TestMistakesThatMatterTogether(t *testing.T) {
	c, _, _ := builtin(t).Get(2, i18n.FR)
	in := trainee(t, c, i18n.FR, map[string]map[string]string{"Élève 2": {"intent.motive": "Sans réflexion", "trigger.context": "Échange dans une relation", "scope.outside_school": "Non"}})
	d := Compare(c, in, i18n.FR)
	if d.Got.Students[1].Orientation != classify.Impulsive {
		t.Fatalf("E2: %+v", d.Got.Students[1])
	}
	for _, k := range []string{"intent.motive", "trigger.context"} {
		var x *Diff
		for i := range d.Diffs {
			if d.Diffs[i].Ref == "E2" && d.Diffs[i].Key == k {
				x = &d.Diffs[i]
			}
		}
		if x == nil || !x.Outcome || !slices.Equal(x.Rules, []string{"M-INTENT"}) || !strings.Contains(x.Effect, "et vos autres réponses, le geste devient impulsif") {
			t.Errorf("%s: %+v", k, x)
		}
	}
	// the third (not spread outside the school) costs M-WIDE on its own
	if d.OutcomeDiffs() != 3 {
		t.Errorf("%d differences change the outcome, want 3", d.OutcomeDiffs())
	}
}

// A case checked against another case's workbook is still compared, with the mismatch named:
// the file's number and the key's, the key's students, and the case the file seems to be.
func TestWrongCase(t *testing.T) {
	s := builtin(t)
	for _, l := range langs {
		one, _, _ := s.Get(1, l)
		three, _, _ := s.Get(3, l)
		in := trainee(t, one, l, nil)
		if m := s.WrongCase(one, in); m != nil {
			t.Errorf("%s: the right case is flagged: %+v", l, m)
		}
		m := s.WrongCase(three, in)
		if m == nil || m.Got != "EX-01" || m.Want != "EX-03" || m.Likely != 1 || m.Case != 3 {
			t.Fatalf("%s: case 1's workbook against case 3: %+v", l, m)
		}
		want := i18n.T("ce fichier ne semble pas être celui du cas 3 : son n° de dossier est « EX-01 » alors que le cas 3 attend « EX-03 », et aucun élève du cas 3 (Nicolas Paquette-Ouellet, Loïc Bérubé) n’y figure ; c’est sans doute le cas 1 : sexto exercise check 1 exercice-01-"+string(l)+".xlsx. Il est comparé au cas 3 quand même.",
			"this file does not seem to be case 3’s: its file no. is “EX-01” while case 3 expects “EX-03”, and no student of case 3 (Nicolas Paquette-Ouellet, Loïc Bérubé) is in it; it is likely case 1: sexto exercise check 1 exercice-01-"+string(l)+".xlsx. It is compared with case 3 all the same.")
		if got := m.Message(l); got != want.In(l) {
			t.Errorf("%s: %q\nwant %q", l, got, want.In(l))
		}
		// the debrief carries it; the comparison is made all the same
		d := Compare(three, in, l)
		d.Mismatch = m
		if d.Total == 0 || !strings.Contains(d.Text(), d.title()) {
			t.Errorf("%s: not compared", l)
		}
		b, err := d.PDF(Options{Lang: l, Paper: "letter", Now: time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC), Creator: "sexto test"})
		if err != nil {
			t.Fatal(err)
		}
		if text := flatPDF(t, b); !strings.Contains(text, upper(want.In(l))) {
			t.Errorf("%s: the debrief does not say the mismatch", l)
		}
		// a file no. of the trainee's own, with the key's students: the right case
		st := func(n int) string { return workbook.StudentSheetName(l, n) }
		own := trainee(t, one, l, map[string]map[string]string{dossierSheet.In(l): {"incident.id": "2026-0042"}})
		if m := s.WrongCase(one, own); m != nil {
			t.Errorf("%s: the trainee's own file no. is flagged: %+v", l, m)
		}
		// another case's students under the key's number: the right case too
		renamed := trainee(t, one, l, map[string]map[string]string{st(1): {"student.first_name": "Nicolas", "student.last_name": "Paquette-Ouellet"}})
		if m := s.WrongCase(one, renamed); m != nil {
			t.Errorf("%s: the key's file no. is flagged: %+v", l, m)
		}
		// neither the number nor the students of any case: flagged, no likely case
		if m := s.WrongCase(three, own); m == nil || m.Likely != 1 || m.Got != "2026-0042" {
			t.Errorf("%s: case 1's students under another number, against case 3: %+v", l, m)
		}
	}
}

// The debrief's words for every student agree with their number: one student, two (both),
// more; and English never puts a space before a colon.
func TestDebriefWording(t *testing.T) {
	s := builtin(t)
	for _, l := range langs {
		c, _, _ := s.Get(3, l)
		d := Compare(c, trainee(t, c, l, nil), l)
		wants := map[i18n.Lang][]string{
			i18n.FR: {"les rôles des deux élèves sont justes", "« Identification » : juste pour les deux élèves", "l’orientation des deux élèves est juste"},
			i18n.EN: {"the roles of both students are right", "“Identification”: right for both students", "the orientation of both students is right"},
		}
		for _, w := range wants[l] {
			if !slices.Contains(d.Praise, w) {
				t.Errorf("%s: no %q in %q", l, w, d.Praise)
			}
		}
		text := d.Text()
		row := i18n.T("  E1 Nicolas Paquette-Ouellet : Soutien", "  E1 Nicolas Paquette-Ouellet: Support").In(l)
		if !strings.Contains(text, row) {
			t.Errorf("%s: no %q in\n%s", l, row, text)
		}
		if l == i18n.EN && (strings.Contains(text, " : ") || strings.Contains(text, " all 2 ")) {
			t.Errorf("English with French spacing or “all 2”:\n%s", text)
		}
		pdfText := flatPDF(t, must(d.PDF(Options{Lang: l, Paper: "letter", Now: time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC), Creator: "sexto test"})))
		if l == i18n.EN && (strings.Contains(pdfText, " all 2 ") || !strings.Contains(pdfText, "right for both students")) {
			t.Errorf("the English debrief PDF: %s", pdfText)
		}
	}
	// a case of one student
	src := `case = 4
language = "fr"
title = "Un seul élève"
trains = "Rien"
[briefing]
disclosure = "Une élève vient vous voir."
[incident]
id = "EX-04"
disclosed_at = "2027-05-11 08:10"
intervener = "Geneviève Pelletier"
[expected]
orientation = "support"
[[student]]
ref = "E1"
orientation = "support"
says = "« C’est moi sur la photo. »"
[student.grid]
student.last_name = "Côté"
student.first_name = "Léa-Rose"
student.birth_date = "2012-09-01"
role.depicted = "oui"
role.producer = "oui"
role.requester = "non"
role.sender = "non"
role.shower = "non"
role.recipient = "non"
role.kept = "non"
role.discloser = "oui"
`
	c, err := Parse("cas.toml", i18n.FR, []byte(src))
	if err != nil {
		t.Fatal(i18n.Message(err, i18n.FR))
	}
	for _, l := range langs {
		d := Compare(c, trainee(t, c, l, nil), l)
		wants := map[i18n.Lang][]string{
			i18n.FR: {"les rôles de l’élève sont justes", "« Identification » : juste pour l’élève", "l’orientation de l’élève est juste"},
			i18n.EN: {"the student’s roles are right", "“Identification”: right for the student", "the student’s orientation is right"},
		}
		for _, w := range wants[l] {
			if !slices.Contains(d.Praise, w) {
				t.Errorf("one student, %s: no %q in %q", l, w, d.Praise)
			}
		}
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
