package workbook

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
)

// Any number of devices per student; three for one student are read back in order.
func TestThreeDevicesForOneStudent(t *testing.T) {
	grid := gridtest.Grid("student.last_name", "Tremblay", "student.first_name", "Noah", "role.sender", "oui", "role.recipient", "oui",
		"intent.motive", "fun", "intent.threats", "non", "intent.coercion", "non", "scope.recipients", "2_5", "device.seized", "oui")
	var rows []string
	for _, d := range [][3]string{{"Cellulaire noir", "S-0101", "30"}, {"Tablette grise", "S-0102", "35"}, {"Montre connectée", "S-0103", "40"}} {
		rows = append(rows, "device.owner=E1|device.description="+d[0]+"|device.seal_no="+d[1]+"|device.sealed_at=2026-11-24 10:"+d[2]+"|device.sealed_by=Éloïse Bédard")
	}
	data := fill(t, blank(t, i18n.FR, 2), map[string]map[string]string{"Dossier": dossierAnswers, "Élève 1": grid},
		map[string][]string{"Appareils": rows})
	in := read(t, "trois.xlsx", data)
	devs := in.DevicesOf("E1")
	if len(devs) != 3 {
		t.Fatalf("%d devices, want 3", len(devs))
	}
	for i, want := range []string{"S-0101", "S-0102", "S-0103"} {
		if devs[i].Text("device.seal_no") != want || devs[i].Row != 3+i {
			t.Errorf("device %d: seal %q row %d", i, devs[i].Text("device.seal_no"), devs[i].Row)
		}
	}
	if m := in.Students[0].Missing(); len(m) != 0 {
		t.Errorf("missing %v", m)
	}
}

func TestDeviceProblems(t *testing.T) {
	seizedCell, _ := AnswerCell("device.seized")
	roles := gridtest.Grid("student.last_name", "Roy", "student.first_name", "Félix", "role.recipient", "oui")
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range roles {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	full := "|device.description=Cellulaire|device.seal_no=S-1|device.sealed_at=2026-11-24 10:30|device.sealed_by=É. Bédard"
	cases := []struct {
		name    string
		grid    map[string]string
		devices []string
		want    string // a problem, in French; "" for none
		missing []string
	}{
		{"seized without a device row", with("device.seized", "oui"), nil,
			"Élève 1!" + seizedCell + " : « Appareil confisqué » est Oui, mais aucune ligne de la feuille « Appareils » n'a la réf. E1", nil},
		{"seizure left empty but a device listed", with(), []string{"device.owner=E1" + full},
			"Élève 1!" + seizedCell + " : « Appareil confisqué » est vide, mais la feuille « Appareils » liste 1 appareil(s) pour E1 : répondez Oui", nil},
		{"not seized but a device listed", with("device.seized", "non"), []string{"device.owner=E1" + full},
			"« Appareil confisqué » est Non, mais la feuille « Appareils » liste 1 appareil(s) pour E1", nil},
		{"a device whose owner has no grid", with("device.seized", "oui"), []string{"device.owner=E1" + full, "device.owner=E7" + full},
			"Appareils!A4 : aucune grille d'élève n'a la réf. « E7 »", nil},
		{"a device without owner", with(), []string{"device.description=Cellulaire|device.seal_no=S-9"},
			"Appareils!A3 : appareil sans réf. élève", nil},
		{"a device row missing its required items", with("device.seized", "oui"), []string{"device.owner=E1|device.description=Cellulaire"}, "",
			[]string{"device.seal_no", "device.sealed_at", "device.sealed_by"}},
		{"a bad date on a device row", with("device.seized", "oui"), []string{"device.owner=E1|device.description=Cellulaire|device.seal_no=S-1|device.sealed_at=demain|device.sealed_by=É. B."},
			"Appareils!F3 : « demain » n'est pas une date", nil},
		{"a bad state on a device row", with("device.seized", "oui"), []string{"device.owner=E1" + full + "|device.state=brisé"},
			"Appareils!D3 : « brisé » n'est pas une réponse permise pour « État à la saisie »", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := fill(t, blank(t, i18n.FR, 1), map[string]map[string]string{"Dossier": dossierAnswers, "Élève 1": c.grid},
				map[string][]string{"Appareils": c.devices})
			in, err := Read("d.xlsx", data)
			msg := i18n.Message(err, i18n.FR)
			if c.want == "" && err != nil {
				t.Fatalf("unexpected problems: %s", msg)
			}
			if c.want != "" && !strings.Contains(msg, c.want) {
				t.Fatalf("want %q in:\n%s", c.want, msg)
			}
			if c.missing != nil && !slices.Equal(in.Students[0].Missing(), c.missing) {
				t.Errorf("missing %v, want %v", in.Students[0].Missing(), c.missing)
			}
		})
	}
}

// A workbook made by the v1 release and filled by another program still reads: its grid's
// device items make one device, and it classifies under rules 2.0 with ages from birth dates.
// An item added to the catalogue since (one the v1 grids have no row for) is reported missing,
// and the answers still point to the orientation they gave.
func TestV1WorkbookClassifiesUnder2(t *testing.T) {
	const v1 = "testdata/v1-openpyxl-filled.xlsx"
	in, err := ReadFile(v1)
	if err != nil {
		t.Fatal(i18n.Message(err, i18n.EN))
	}
	devs := in.DevicesOf("E2")
	if len(devs) != 1 || devs[0].Text("device.seal_no") != "S-0901" || devs[0].Text("device.handed_to") != "Agent Luc Fortin, 3310" || devs[0].Row != 0 {
		t.Fatalf("devices %+v", in.Devices)
	}
	res := in.Classify()
	if res.RulesVersion != "2.0" || res.Incident.Orientation != "malicious" || !slices.Equal(res.Incident.Rules, []string{"M-INTENT"}) {
		t.Fatalf("result %+v", res)
	}
	// E1 is 14 at disclosure, E2 16: a gap under 5 years, so no U-AGEGAP; revenge is malicious
	e2 := res.Students[1]
	o := e2.Orientation
	if o == "incomplete" {
		o = e2.Provisional
	}
	if e2.Ref != "E2" || !slices.Equal(e2.Rules, []string{"M-INTENT"}) || len(e2.Unevaluated) != 0 || o != "malicious" {
		t.Errorf("E2 %+v", e2)
	}
	f, err := excelize.OpenFile(v1)
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range []string{"Élève 1", "Élève 2"} {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		had := map[string]bool{}
		for _, r := range rows {
			if len(r) > 0 {
				had[r[0]] = true
			}
		}
		n := map[string]int{"Élève 1": 0, "Élève 2": 1}[sh]
		for _, k := range res.Students[n].Missing {
			if had[k] {
				t.Errorf("%s: %s is answered in the v1 grid, yet reported missing", sh, k)
			}
		}
	}
}

// What was typed shows (SPEC §6): the answer column is the widest, answers wrap, and no item
// row has a fixed height, so rows grow with their text on screen and in print.
func TestAnswersShowWhatWasTyped(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		b := blank(t, l, 2)
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range []string{dossierName.In(l), StudentSheetName(l, 1)} {
			widths := map[string]float64{}
			for _, c := range []string{"A", "B", "C", "D"} {
				widths[c], _ = f.GetColWidth(sh, c)
			}
			for _, c := range []string{"A", "B", "D"} {
				if widths[c] >= widths["C"] {
					t.Errorf("%s: column %s (%.0f) is as wide as the answers (%.0f)", sh, c, widths[c], widths["C"])
				}
			}
			rows, _ := f.GetRows(sh)
			for i, r := range rows {
				if len(r) == 0 || !strings.Contains(r[0], ".") {
					continue
				}
				cell := fmt.Sprintf("C%d", i+1)
				id, _ := f.GetCellStyle(sh, cell)
				st, _ := f.GetStyle(id)
				if st.Alignment == nil || !st.Alignment.WrapText {
					t.Errorf("%s!%s does not wrap", sh, cell)
				}
				// a row with a height of its own does not grow with its text
				if h, _ := f.GetRowHeight(sh, i+1); h != 15 {
					t.Errorf("%s row %d has a fixed height (%.0f)", sh, i+1, h)
				}
			}
		}
		f.Close()
	}
}

// A devices sheet nobody sees is a problem, as a hidden grid is.
func TestHiddenDevicesSheet(t *testing.T) {
	grid := gridtest.Grid("student.last_name", "Roy", "student.first_name", "Félix", "role.recipient", "oui", "device.seized", "oui")
	data := fill(t, blank(t, i18n.FR, 1), map[string]map[string]string{"Dossier": dossierAnswers, "Élève 1": grid},
		map[string][]string{"Appareils": {"device.owner=E1|device.description=Cellulaire|device.seal_no=S-1|device.sealed_at=2026-11-24 10:30|device.sealed_by=É. Bédard"}})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetVisible("Appareils", false); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	f.Write(&buf)
	_, err = Read("masque.xlsx", buf.Bytes())
	if msg := i18n.Message(err, i18n.FR); !strings.Contains(msg, "Appareils : feuille masquée qui contient les appareils") {
		t.Errorf("err = %s", msg)
	}
}

// The file number names every file written: one that holds a student's name is refused,
// whatever its case or accents; a number that merely contains the same letters is not.
func TestFileNumberNeverNamesAStudent(t *testing.T) {
	grid := gridtest.Grid("student.last_name", "Lévesque-Côté", "student.first_name", "Zoé", "role.depicted", "oui")
	for id, refused := range map[string]bool{"Levesque-2026": true, "2026-zoe": true, "2026-COTE-014": true, "2026-014": false, "ZOEL-2026": false,
		"2026Levesque": true, "L.e.v.e.s.q.u.e": true, "EX01LevesqueZ": true} {
		data := fill(t, blank(t, i18n.FR, 1), map[string]map[string]string{"Dossier": {"incident.id": id, "incident.disclosed_at": "2026-11-24 09:15"}, "Élève 1": grid}, nil)
		_, err := Read("d.xlsx", data)
		msg := i18n.Message(err, i18n.FR)
		if got := strings.Contains(msg, "contient un nom inscrit sur la grille « Élève 1 »"); got != refused {
			t.Errorf("%s: refused = %v, want %v (%s)", id, got, refused, msg)
		}
		if refused && !strings.Contains(i18n.Message(err, i18n.EN), "holds a name written on the grid “Élève 1”") {
			t.Errorf("%s: English: %s", id, i18n.Message(err, i18n.EN))
		}
	}
}
