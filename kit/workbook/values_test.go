package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sexto/kit/i18n"
)

// problemsOf reads data and returns its problems, in French and English.
func problemsOf(t *testing.T, data []byte) (string, string, int) {
	t.Helper()
	_, err := Read("valeurs.xlsx", data)
	var list i18n.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want a list of problems", err)
	}
	return list.Localize(i18n.FR), list.Localize(i18n.EN), len(list)
}

func wantAll(t *testing.T, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}

func student(ref string, kv ...string) map[string]string {
	m := map[string]string{"student.ref": ref, "student.last_name": "Gagnon", "role.depicted": "oui"}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// cellOf finds the answer cell of key on sheet.
func cellOf(t *testing.T, data []byte, sheet, key string) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(sheet)
	for i, r := range rows {
		if len(r) > 0 && r[0] == key {
			return fmt.Sprintf("C%d", i+1)
		}
	}
	t.Fatalf("no %s on %s", key, sheet)
	return ""
}

func TestImpossibleDatesAreProblems(t *testing.T) {
	tpl := blank(t, i18n.FR, 6)
	data := fill(t, tpl, map[string]map[string]string{
		"Dossier": dossierAnswers, // disclosed 2026-11-24 09:15
		"Élève 1": student("E1", "student.birth_date", "NaN", "parent.notified_at", "Inf"),
		"Élève 2": student("E2", "student.birth_date", "1850-01-01", "interview.at", "2150-01-01 10:00"),
		"Élève 3": student("E3", "student.birth_date", "2027-01-05"),
		"Élève 4": student("E4", "student.birth_date", "1990-03-01"),
		"Élève 5": student("E5", "student.birth_date", "80000", "parent.notified_at", "-Inf"),
		"Élève 6": student("E6", "student.birth_date", "2001-11-24"), // 25 on the day: a student still
	}, map[string][]string{"Chronologie": {"0001-01-01 10:00|Appel|X", "NaN|Appel|X"}})
	birth := cellOf(t, data, "Élève 1", "student.birth_date")
	notified := cellOf(t, data, "Élève 1", "parent.notified_at")
	interview := cellOf(t, data, "Élève 1", "interview.at")
	fr, en, n := problemsOf(t, data)
	wantAll(t, fr,
		"Élève 1!"+birth+" : « NaN » n'est pas une date (attendu : AAAA-MM-JJ)",
		"Élève 1!"+notified+" : « Inf » n'est pas une date",
		"Élève 2!"+birth+" : « 1850-01-01 » n'est pas une date plausible : l'année doit être entre 1900 et 2100",
		"Élève 2!"+interview+" : « 2150-01-01 10:00 » n'est pas une date plausible",
		"Élève 3!"+birth+" : la date de naissance (2027-01-05) est après le dévoilement (2026-11-24)",
		"Élève 4!"+birth+" : l'élève aurait 36 ans au dévoilement (2026-11-24) ; un élève a au plus 25 ans",
		"Élève 5!"+birth+" : « 80000 » n'est pas une date plausible",
		"Élève 5!"+notified+" : « -Inf » n'est pas une date",
		"Chronologie!A2 : « 0001-01-01 10:00 » n'est pas une date plausible",
		"Chronologie!A3 : « NaN » n'est pas une date",
	)
	wantAll(t, en, "the date of birth (2027-01-05) is after the disclosure (2026-11-24)", "the student would be 36 at the disclosure")
	if strings.Contains(fr, "Élève 6") || n != 10 {
		t.Errorf("%d problems, want 10:\n%s", n, fr)
	}
}

// errorCell gives key's answer on sheet a formula whose cached value is an error, as Excel
// and LibreOffice store it.
func errorCell(t *testing.T, data []byte, sheet, key, value string) []byte {
	t.Helper()
	cell := cellOf(t, data, sheet, key)
	f, _ := excelize.OpenReader(bytes.NewReader(data))
	f.UnprotectSheet(sheet)
	if err := f.SetCellFormula(sheet, cell, "1/0"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	f.Write(&buf)
	f.Close()
	out := buf.Bytes()
	re := regexp.MustCompile(`<c r="` + cell + `"([^>]*?)(?: t="[a-z]+")?><f>1/0</f>(?:<v>[^<]*</v>|<v/>)?</c>`)
	for _, e := range hEntries(t, out) {
		if strings.HasPrefix(e.name, "xl/worksheets/") && re.Match(e.data) {
			xml := re.ReplaceAll(e.data, []byte(`<c r="`+cell+`"$1 t="e"><f>1/0</f><v>`+value+`</v></c>`))
			return hEdit(t, out, map[string][]byte{e.name: xml})
		}
	}
	t.Fatalf("no formula cell %s", cell)
	return nil
}

func TestFormulaErrorValuesAreProblems(t *testing.T) {
	data := fill(t, blank(t, i18n.FR, 2), map[string]map[string]string{
		"Dossier": dossierAnswers,
		"Élève 1": student("E1", "student.first_name", "#N/A", "nature.file_count", "#VALEUR!"),
		"Élève 2": student("E2"),
	}, map[string][]string{"Chronologie": {"2026-11-24 09:15|Appel|#REF!"}})
	data = errorCell(t, data, "Élève 2", "student.last_name", "#DIV/0!")
	first := cellOf(t, data, "Élève 1", "student.first_name")
	count := cellOf(t, data, "Élève 1", "nature.file_count")
	last := cellOf(t, data, "Élève 2", "student.last_name")
	fr, en, n := problemsOf(t, data)
	wantAll(t, fr,
		"Élève 2!"+last+" : « #DIV/0! » est la valeur d'erreur d'une formule, pas une réponse ; corrigez la formule ou tapez la réponse",
		"Élève 1!"+first+" : « #N/A » est la valeur d'erreur",
		"Élève 1!"+count+" : « #VALEUR! » est la valeur d'erreur",
		"Chronologie!C2 : « #REF! » est la valeur d'erreur",
	)
	wantAll(t, en, "“#DIV/0!” is a formula's error value, not an answer")
	if n != 4 {
		t.Errorf("%d problems, want 4:\n%s", n, fr)
	}
}

func TestRefsMustBeE1ToE99(t *testing.T) {
	data := fill(t, blank(t, i18n.FR, 6), map[string]map[string]string{
		"Dossier": dossierAnswers,
		"Élève 1": student("E-1"), "Élève 2": student("E.1"), "Élève 3": student("e3"),
		"Élève 4": student("Noah Tremblay"), "Élève 5": student("E/1"), "Élève 6": student("E01"),
	}, nil)
	ref := cellOf(t, data, "Élève 1", "student.ref")
	in, err := Read("refs.xlsx", data)
	var list i18n.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v", err)
	}
	fr := list.Localize(i18n.FR)
	wantAll(t, fr,
		"Élève 1!"+ref+" : « E-1 » n'est pas une réf. élève : une réf. s'écrit E suivi d'un nombre de 1 à 99, sans autre signe et jamais un nom (par exemple « E1 »)",
		"Élève 2!"+ref+" : « E.1 » n'est pas une réf. élève", "(par exemple « E2 »)",
		"Élève 4!"+ref+" : « Noah Tremblay » n'est pas une réf. élève", "(par exemple « E4 »)",
		"Élève 5!"+ref+" : « E/1 »", "(par exemple « E5 »)",
		"Élève 6!"+ref+" : « E01 »", "(par exemple « E6 »)",
	)
	wantAll(t, list.Localize(i18n.EN), "“E-1” is not a student ref: a ref is E followed by a number from 1 to 99")
	if strings.Contains(fr, "Élève 3") || len(list) != 5 {
		t.Errorf("%d problems, want 5:\n%s", len(list), fr)
	}
	if in.Students[2].Ref() != "E3" {
		t.Errorf("e3 read as %q, want E3", in.Students[2].Ref())
	}
	// and two grids with one ref, whatever its case
	data = fill(t, blank(t, i18n.FR, 2), map[string]map[string]string{
		"Dossier": dossierAnswers, "Élève 1": student("E1"), "Élève 2": student("e1"),
	}, nil)
	fr, _, _ = problemsOf(t, data)
	wantAll(t, fr, "Élève 2!"+ref+" : la réf. élève « e1 » figure déjà dans « Élève 1 »")
}

func TestIncidentIDMustNameAFile(t *testing.T) {
	for id, want := range map[string]string{
		"2026/014":                "2026-014",
		"Dossier n° 14 — École":   "Dossier-n-14-Ecole",
		".2026-014":               "2026-014",
		"../../etc":               "etc",
		strings.Repeat("a", 41):   strings.Repeat("a", 40),
		"Œuvre:Ça?*<>|\"":         "OEuvre-Ca",
		"2026-014_b.1":            "2026-014_b.1",
		"اختبار":                  "dossier",
		"2026-014\u202eexe.pdf":   "2026-014-exe.pdf",
		"   ":                     "dossier",
		"E1-Tremblay.2026.bis_v2": "E1-Tremblay.2026.bis_v2",
	} {
		got := SuggestID(id)
		if got != want || !SafeID(got) {
			t.Errorf("SuggestID(%q) = %q, want %q (safe: %v)", id, got, want, SafeID(got))
		}
		if SafeID(id) != (id == want) {
			t.Errorf("SafeID(%q) = %v", id, SafeID(id))
		}
	}
	data := fill(t, blank(t, i18n.FR, 1), map[string]map[string]string{
		"Dossier": {"incident.id": "2026/014 é", "incident.disclosed_at": "2026-11-24 09:15"},
		"Élève 1": {"student.last_name": "Roy", "student.first_name": "Félix"},
	}, nil)
	fr, en, n := problemsOf(t, data)
	wantAll(t, fr, "Dossier!C2 : « 2026/014 é » ne peut pas nommer un fichier : le « N° de dossier (école) » s'écrit avec des lettres sans accents, des chiffres, « - », « _ » ou « . », en 40 caractères au plus et sans « . » au début (par exemple « 2026-014-e »)")
	wantAll(t, en, "“2026/014 é” cannot name a file", "(for example “2026-014-e”)")
	if n != 1 {
		t.Errorf("%d problems:\n%s", n, fr)
	}
}

func TestGridsOnHiddenSheetsAreProblems(t *testing.T) {
	data := fill(t, blank(t, i18n.FR, 4), map[string]map[string]string{
		"Dossier": dossierAnswers,
		"Élève 1": student("E1"), "Élève 2": student("E2"), "Élève 3": student("E3"),
	}, nil)
	f, _ := excelize.OpenReader(bytes.NewReader(data))
	f.SetSheetVisible("Élève 2", false)
	f.SetSheetVisible("Élève 3", false, true) // very hidden: not even in Excel's Unhide list
	f.SetSheetVisible("Élève 4", false)       // blank: nothing to say
	var buf bytes.Buffer
	f.Write(&buf)
	fr, en, n := problemsOf(t, buf.Bytes())
	wantAll(t, fr,
		"Élève 2 : feuille masquée qui contient une grille d'élève : personne ne la voit ; affichez-la (clic droit sur un onglet › Afficher) ou supprimez-la",
		"Élève 3 : feuille masquée qui contient une grille d'élève")
	wantAll(t, en, "Élève 2: hidden sheet holding a student grid: nobody sees it; unhide it (right-click a tab › Unhide) or delete it")
	if n != 2 {
		t.Errorf("%d problems, want 2:\n%s", n, fr)
	}
	// the dossier too
	f.SetSheetVisible("Élève 2", true)
	f.SetSheetVisible("Élève 3", true)
	f.SetActiveSheet(1)
	if err := f.SetSheetVisible("Dossier", false); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	f.Write(&buf)
	fr, _, n = problemsOf(t, buf.Bytes())
	wantAll(t, fr, "Dossier : feuille masquée qui contient le dossier")
	if n != 1 {
		t.Errorf("%d problems, want 1:\n%s", n, fr)
	}
}

// The list sheet is known by its content; a grid on a sheet named like it is read.
func TestGridOnASheetNamedLikeTheLists(t *testing.T) {
	for _, lists := range []string{"Listes", "Lists"} {
		data := fill(t, blank(t, i18n.FR, 2), map[string]map[string]string{
			"Dossier": dossierAnswers, "Élève 1": student("E1"), "Élève 2": student("E2"),
		}, nil)
		f, _ := excelize.OpenReader(bytes.NewReader(data))
		if err := f.SetSheetName("Listes", "Valeurs"); err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetName("Élève 2", lists); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		f.Write(&buf)
		in, err := Read("listes.xlsx", buf.Bytes())
		var r *Refusal
		if errors.As(err, &r) || in == nil {
			t.Fatalf("%s: %v", lists, err)
		}
		refs := []string{}
		for _, s := range in.Students {
			refs = append(refs, s.Name+"="+s.Ref())
		}
		if got := strings.Join(refs, " "); got != "Élève 1=E1 "+lists+"=E2" {
			t.Errorf("%s: students %s", lists, got)
		}
		if err != nil && strings.Contains(i18n.Message(err, i18n.FR), "Valeurs") {
			t.Errorf("the renamed list sheet was read as a grid: %s", i18n.Message(err, i18n.FR))
		}
	}
}
