package letters

import (
	"strings"
	"testing"
	"time"

	"sexto/kit/doc"
	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/pdftext"
	"sexto/kit/printkit"
	"sexto/kit/workbook"
)

var day = time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)

// student builds a grid from key=code pairs; every role not given is "non".
func student(kv ...string) workbook.Student {
	a := map[string]workbook.Answer{}
	for k, v := range gridtest.Grid(kv...) {
		a[k] = workbook.Answer{Key: k, Text: v, Code: v}
	}
	for _, k := range []string{"student.ref", "student.first_name", "parent.name"} {
		if x, ok := a[k]; ok {
			x.Code = ""
			a[k] = x
		}
	}
	return workbook.Student{Sheet: workbook.Sheet{Name: "Élève", Answers: a}}
}

func incident(students ...workbook.Student) *workbook.Incident {
	return &workbook.Incident{Students: students}
}

func TestVariantFollowsTheRoles(t *testing.T) {
	for _, c := range []struct {
		name  string
		roles []string
		want  string
	}{
		{"depicted", []string{"role.depicted", "oui"}, Depicted},
		{"depicted who made their own picture", []string{"role.depicted", "oui", "role.producer", "oui"}, Depicted},
		{"depicted who also sent it on", []string{"role.depicted", "oui", "role.sender", "oui"}, Depicted},
		{"producer not depicted", []string{"role.producer", "oui"}, Acting},
		{"requester", []string{"role.requester", "oui"}, Acting},
		{"sender who also received", []string{"role.sender", "oui", "role.recipient", "oui"}, Acting},
		{"shower", []string{"role.shower", "oui"}, Acting},
		{"recipient who kept it on purpose", []string{"role.recipient", "oui", "role.kept", "oui"}, Acting},
		{"recipient", []string{"role.recipient", "oui"}, Recipient},
		{"recipient who disclosed", []string{"role.recipient", "oui", "role.discloser", "oui"}, Recipient},
		{"only disclosed", []string{"role.discloser", "oui"}, ""},
		{"nothing answered yes", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := student(c.roles...)
			if got := VariantOf(&s); got != c.want {
				t.Errorf("variant = %q, want %q", got, c.want)
			}
		})
	}
}

// Only the acts this child did, and a device only when this child's grid says "oui".
func TestActingFactsAreThisChildsOnly(t *testing.T) {
	for _, c := range []struct {
		name  string
		roles []string
		want  printkit.LetterFacts
	}{
		{"sent only", []string{"role.sender", "oui"}, printkit.LetterFacts{Sent: true}},
		{"requested and kept, device seized", []string{"role.requester", "oui", "role.kept", "oui", "device.seized", "oui"},
			printkit.LetterFacts{Requested: true, Kept: true, DeviceSeized: true, Devices: 1}},
		{"showed, device not seized", []string{"role.shower", "oui", "device.seized", "non"}, printkit.LetterFacts{Showed: true}},
		{"produced, device unknown", []string{"role.producer", "oui"}, printkit.LetterFacts{Produced: true}},
		{"every act", []string{"role.producer", "oui", "role.requester", "oui", "role.sender", "oui", "role.shower", "oui", "role.kept", "oui"},
			printkit.LetterFacts{Produced: true, Requested: true, Sent: true, Showed: true, Kept: true}},
		// receiving is not an act; disclosing is not stated in an acting letter
		{"sent, received and disclosed", []string{"role.sender", "oui", "role.recipient", "oui", "role.discloser", "oui"}, printkit.LetterFacts{Sent: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := student(append(c.roles, "parent.name", "Kevin Tremblay")...)
			lt, skip := For(incident(s), &s, i18n.FR, day)
			if skip != None || lt.Variant != Acting {
				t.Fatalf("letter = %+v, skip %v; want the acting letter", lt, skip)
			}
			if lt.Data.LetterFacts != c.want {
				t.Errorf("facts = %+v, want %+v", lt.Data.LetterFacts, c.want)
			}
			if !lt.Data.Filled {
				t.Error("a letter made from a grid is not marked filled")
			}
		})
	}
}

func TestRecipientIsThankedOnlyWhenTheyDisclosed(t *testing.T) {
	for _, disclosed := range []string{"oui", "non", ""} {
		kv := []string{"role.recipient", "oui", "parent.name", "Julie Roy"}
		if disclosed != "" {
			kv = append(kv, "role.discloser", disclosed)
		}
		s := student(kv...)
		if disclosed == "" {
			delete(s.Answers, "role.discloser")
		}
		lt, _ := For(incident(s), &s, i18n.FR, day)
		if lt.Data.Disclosed != (disclosed == "oui") {
			t.Errorf("role.discloser = %q: Disclosed = %v", disclosed, lt.Data.Disclosed)
		}
		if lt.Data.Sent || lt.Data.Kept || lt.Data.DeviceSeized {
			t.Errorf("role.discloser = %q: a recipient letter states an act or a device: %+v", disclosed, lt.Data.LetterFacts)
		}
	}
}

// The depicted letter counts the devices seized in the whole incident, naming nobody.
func TestDepictedFactsCountTheIncidentsDevices(t *testing.T) {
	depicted := student("role.depicted", "oui", "parent.name", "Martine Fortin", "student.first_name", "Léa")
	sender := student("role.sender", "oui", "device.seized", "oui")
	keeper := student("role.kept", "oui", "device.seized", "oui")
	recipient := student("role.recipient", "oui", "device.seized", "non")
	for _, c := range []struct {
		name string
		in   *workbook.Incident
		want int
	}{
		{"no device seized", incident(depicted, recipient), 0},
		{"one device", incident(depicted, sender, recipient), 1},
		{"two devices", incident(depicted, sender, keeper, recipient), 2},
	} {
		lt, skip := For(c.in, &c.in.Students[0], i18n.EN, day)
		if skip != None || lt.Variant != Depicted {
			t.Fatalf("%s: %+v, %v", c.name, lt, skip)
		}
		if lt.Data.DevicesSeized != c.want {
			t.Errorf("%s: DevicesSeized = %d, want %d", c.name, lt.Data.DevicesSeized, c.want)
		}
		if lt.Data.Child != "Léa" || lt.Data.Parent != "Martine Fortin" {
			t.Errorf("%s: the letter names %q and %q", c.name, lt.Data.Parent, lt.Data.Child)
		}
	}
}

func TestLanguageAndSkips(t *testing.T) {
	en := student("role.recipient", "oui", "parent.name", "Kevin Tremblay", "parent.language", "en")
	lt, _ := For(incident(en), &en, i18n.FR, day)
	if lt.Lang != i18n.EN || lt.Data.Date != "November 24, 2026" {
		t.Errorf("English family: lang %s, date %q", lt.Lang, lt.Data.Date)
	}
	none := student("role.recipient", "oui", "parent.name", "Julie Roy")
	lt, _ = For(incident(none), &none, i18n.FR, day)
	if lt.Lang != i18n.FR || lt.Data.Date != "24 novembre 2026" {
		t.Errorf("no correspondence language: lang %s, date %q; want the school's", lt.Lang, lt.Data.Date)
	}
	noParent := student("role.recipient", "oui")
	if _, skip := For(incident(noParent), &noParent, i18n.FR, day); skip != NoParent {
		t.Errorf("no parent: skip = %v, want NoParent", skip)
	}
	discloser := student("role.discloser", "oui", "parent.name", "Julie Roy")
	if _, skip := For(incident(discloser), &discloser, i18n.FR, day); skip != NoRole {
		t.Errorf("discloser only: skip = %v, want NoRole", skip)
	}
}

// A name cell cannot inject the templates' markup: line breaks typed with Alt+Enter and
// markup signs at the start are taken out.
func TestNamesCannotInjectMarkup(t *testing.T) {
	for in, want := range map[string]string{
		"Anne Bédard\n# Faux titre\n@labels 6": "Anne Bédard # Faux titre @labels 6",
		"# Titre":                              "Titre",
		"@grid":                                "grid",
		"  - Julie\r\nRoy  ":                   "Julie Roy",
		"Marie-Ève O'Neil-Côté":                "Marie-Ève O'Neil-Côté",
	} {
		if got := plain(in); got != want {
			t.Errorf("plain(%q) = %q, want %q", in, got, want)
		}
	}
}

// read fills a 3-student workbook with the fictional incident of the letters below and reads it.
func read(t *testing.T, grids map[string]map[string]string, devices []string) *workbook.Incident {
	t.Helper()
	tpl, err := workbook.Template(workbook.TemplateOptions{Lang: i18n.FR, Students: 3, Now: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	ans := map[string]map[string]string{"Dossier": {"incident.id": "2026-051", "incident.disclosed_at": "2026-11-24 09:15", "incident.intervener": "Éloïse Bédard"}}
	for k, v := range grids {
		ans[k] = v
	}
	b, err := workbook.Fill(tpl, ans, map[string][]string{"Appareils": devices})
	if err != nil {
		t.Fatal(err)
	}
	in, err := workbook.Read("d.xlsx", b)
	if err != nil {
		t.Fatal(i18n.Message(err, i18n.EN))
	}
	return in
}

// text renders student ref's letter and returns its words on one line.
func text(t *testing.T, in *workbook.Incident, ref string, l i18n.Lang) string {
	t.Helper()
	for i := range in.Students {
		s := &in.Students[i]
		if s.Ref() != ref {
			continue
		}
		lt, skip := For(in, s, l, day)
		if skip != None {
			t.Fatalf("%s: no letter (%v)", ref, skip)
		}
		b, err := printkit.Letters(printkit.Options{Context: doc.Context{Lang: l, Now: day}}, []printkit.Letter{{Variant: lt.Variant, Lang: lt.Lang, Data: lt.Data, Key: "k"}})
		if err != nil {
			t.Fatal(err)
		}
		txt, err := pdftext.Text(b)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(txt), " ")
	}
	t.Fatalf("no grid %s", ref)
	return ""
}

// Every sentence of a letter is true for the case (SPEC §4): two devices are said in the
// plural; several acts read as one sentence; a meeting is stated only when the grid records
// it; a child under 12 is not told of a prosecution (Criminal Code s. 13).
func TestLettersSayWhatTheGridsSay(t *testing.T) {
	seal := "|device.description=Cellulaire|device.sealed_at=2026-11-24 10:30|device.sealed_by=Éloïse Bédard|device.seal_no="
	in := read(t, map[string]map[string]string{
		"Élève 1": gridtest.Grid("student.last_name", "Fortin", "student.first_name", "Léa", "parent.name", "Martine Fortin",
			"parent.language", "fr", "role.depicted", "oui", "role.producer", "oui", "interview.at", "2026-11-24 09:30"),
		"Élève 2": gridtest.Grid("student.last_name", "Tremblay", "student.first_name", "Noah", "parent.name", "Kevin Tremblay",
			"parent.language", "en", "role.sender", "oui", "role.kept", "oui", "intent.motive", "acceptance", "intent.threats", "non",
			"intent.coercion", "non", "scope.recipients", "1", "device.seized", "oui", "student.birth_date", "2011-02-03"),
		"Élève 3": gridtest.Grid("student.last_name", "Roy", "student.first_name", "Félix", "parent.name", "Julie Roy",
			"role.requester", "oui", "intent.motive", "fun", "intent.threats", "non", "intent.coercion", "non", "scope.recipients", "0",
			"student.birth_date", "2015-01-10", "interview.at", "2026-11-24 10:00"),
	}, []string{"device.owner=E2" + seal + "S-1", "device.owner=E2" + seal + "S-2"})

	e1 := text(t, in, "E1", i18n.FR)
	for _, want := range []string{"Nous avons rencontré votre enfant seul(e). Personne", "Des appareils qui contiendraient le contenu ont été confisqués"} {
		if !strings.Contains(e1, want) {
			t.Errorf("E1: %q missing:\n%s", want, e1)
		}
	}
	// E2's meeting is not recorded: the depicted letter does not claim every student was met
	if strings.Contains(e1, "chaque autre élève") {
		t.Errorf("E1 claims meetings the grids do not record:\n%s", e1)
	}
	e2 := text(t, in, "E2", i18n.EN)
	for _, want := range []string{"may have sent or forwarded this content to one or more people and kept this content on purpose",
		"Your child’s devices were confiscated", "The DPCP will decide whether the act was impulsive or malicious"} {
		if !strings.Contains(e2, want) {
			t.Errorf("E2: %q missing:\n%s", want, e2)
		}
	}
	if strings.Contains(e2, "We met with your child") || strings.Contains(e2, "; kept") {
		t.Errorf("E2 states a meeting not recorded, or joins its acts with a semicolon:\n%s", e2)
	}
	e3 := text(t, in, "E3", i18n.FR) // 11 at disclosure
	for _, want := range []string{"aurait demandé ou exigé ce contenu.", "Nous avons rencontré votre enfant seul(e) pour comprendre",
		"moins de 12 ans au moment des faits, aucune déclaration de culpabilité n’est possible (art. 13 du Code criminel)"} {
		if !strings.Contains(e3, want) {
			t.Errorf("E3: %q missing:\n%s", want, e3)
		}
	}
	for _, never := range []string{"DPCP décidera si le geste", "avocat", "rencontre éducative"} {
		if strings.Contains(e3, never) {
			t.Errorf("E3, under 12, is told %q:\n%s", never, e3)
		}
	}
}

// A student of 18 or more at disclosure gets no letter to the parents.
func TestNoParentLetterForAnAdultStudent(t *testing.T) {
	for _, c := range []struct {
		birth string
		want  Skip
	}{{"2008-11-24", Adult}, {"2008-11-25", None}, {"", None}} {
		kv := []string{"student.last_name", "Tremblay", "student.first_name", "Noah", "role.sender", "oui", "parent.name", "Kevin Tremblay",
			"intent.motive", "fun", "intent.threats", "non", "intent.coercion", "non", "scope.recipients", "1"}
		if c.birth != "" {
			kv = append(kv, "student.birth_date", c.birth)
		}
		in := read(t, map[string]map[string]string{"Élève 1": gridtest.Grid(kv...)}, nil)
		if _, skip := For(in, &in.Students[0], i18n.FR, day); skip != c.want {
			t.Errorf("born %q: skip %v, want %v", c.birth, skip, c.want)
		}
	}
}
