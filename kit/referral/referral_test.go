package referral

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"sexto/kit/doc"
	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/pdftext"
	"sexto/kit/profile"
	"sexto/kit/workbook"
)

var first = []string{"Zoé", "Noah", "Éloïse", "Félix", "Maëlle", "Jérémie", "Anaïs", "Loïc", "Océane", "Mathis"}

// incident builds an n-student workbook, fictional, every other student with a sealed device.
func incident(t testing.TB, n int) *workbook.Incident {
	t.Helper()
	tpl, err := workbook.Template(workbook.TemplateOptions{Lang: i18n.FR, Students: n, Now: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	ans := map[string]map[string]string{"Dossier": {"incident.id": "2026-040", "incident.police_event": "SPSF-26-20001",
		"incident.disclosed_at": "2026-11-23 10:00", "incident.intervener": "Éloïse Bédard",
		"incident.summary": "Une photo a circulé dans une messagerie de groupe."}}
	var devices []string
	for i := 1; i <= n; i++ {
		m := gridtest.Grid("student.last_name", fmt.Sprintf("Nom%02d", i), "student.first_name", first[(i-1)%len(first)],
			"role.sender", "oui", "role.recipient", "oui", "intent.motive", "fun", "intent.threats", "non",
			"intent.coercion", "non", "scope.recipients", "2_5", "notes", "L'élève collabore et regrette son geste.")
		if i == 1 {
			m["role.depicted"], m["role.sender"] = "oui", "non"
		}
		if i%2 == 0 {
			m["device.seized"] = "oui"
			devices = append(devices, fmt.Sprintf("device.owner=E%d|device.description=Cellulaire|device.seal_no=S-%04d|device.sealed_at=2026-11-23 10:3%d|device.sealed_by=Éloïse Bédard", i, i, i%10))
		}
		ans[workbook.StudentSheetName(i18n.FR, i)] = m
	}
	if n >= 4 { // three devices for E4
		devices = append(devices, "device.owner=E4|device.description=Tablette grise, étui bleu|device.serial=356938035643809|device.state=airplane|device.seal_no=SPSF-2026-004417|device.sealed_at=2026-11-23 10:45|device.sealed_by=Éloïse Bédard|device.witness=Marc-André Côté",
			"device.owner=E4|device.description=Montre connectée|device.seal_no=S-0044|device.sealed_at=2026-11-23 10:50|device.sealed_by=Éloïse Bédard|device.handed_to=Agente Julie Gagnon, matricule 4821|device.handed_at=2026-11-23 11:20")
	}
	data, err := workbook.Fill(tpl, ans, map[string][]string{"Chronologie": {"2026-11-23 10:00|Dévoilement reçu|É. Bédard", "2026-11-23 10:40|Appel au 911|É. Bédard"},
		"Appareils": devices})
	if err != nil {
		t.Fatal(err)
	}
	in, err := workbook.Read("dossier.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func opts(in *workbook.Incident, l i18n.Lang) Options {
	return Options{Incident: in, Result: in.Classify(), Context: doc.Context{Profile: profile.Specimen(), Lang: l, Paper: "letter",
		Now: time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC), Creator: "sexto test"}}
}

func TestEveryStudentAndDeviceAppears(t *testing.T) {
	in := incident(t, 4)
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		b, err := Render(opts(in, l))
		if err != nil {
			t.Fatal(err)
		}
		again, _ := Render(opts(in, l))
		if !bytes.Equal(b, again) {
			t.Errorf("%s: referral not reproducible", l)
		}
		txt, _ := pdftext.Text(b)
		flat := strings.Join(strings.Fields(txt), " ")
		for i, s := range in.Students {
			for _, want := range []string{s.Ref(), s.Text("student.last_name")} {
				if !strings.Contains(flat, want) {
					t.Errorf("%s: student %d: %q missing", l, i+1, want)
				}
			}
		}
		for _, seal := range []string{"S-0002", "S-0004", "SPSF-2026-004417", "S-0044"} {
			if strings.Count(flat, seal) < 2 { // transmittal sheet, custody table
				t.Errorf("%s: device %s appears %d times", l, seal, strings.Count(flat, seal))
			}
		}
		want := map[i18n.Lang][]string{
			i18n.FR: {"Fiche de transmission à la police", "Aucune image ni vidéo n’a été regardée, copiée ou jointe à ce dossier.",
				"Pré-classification indicative — la décision appartient au DPCP", "Aide-mémoire juridique", "Dévoilement reçu", "SPSF-26-20001"},
			i18n.EN: {"Police transmittal sheet", "No image or video was viewed, copied or attached to this file.",
				"Indicative pre-classification — the decision belongs to the DPCP", "Legal reference sheet", "Device seizure and chain of custody"},
		}
		for _, w := range want[l] {
			if !strings.Contains(flat, w) {
				t.Errorf("%s: referral lacks %q", l, w)
			}
		}
		// E4's three devices in the custody table, with what the devices sheet says of them
		for _, w := range []string{"356938035643809", "Marc-André Côté", "Agente Julie Gagnon, matricule 4821", map[i18n.Lang]string{i18n.FR: "Mode avion", i18n.EN: "Airplane mode"}[l]} {
			// a cell's lines interleave with its neighbours' in the extracted text: word by word
			for _, word := range strings.Fields(w) {
				if !strings.Contains(flat, word) {
					t.Errorf("%s: custody table lacks %q of %q", l, word, w)
				}
			}
		}
		pages, _ := pdftext.Pages(b)
		for i, p := range pages {
			j := strings.Join(p.Lines, " ")
			if !strings.Contains(j, in.SHA256) || !strings.Contains(j, "2026-040") {
				t.Errorf("%s: page %d lacks the incident id or the SHA-256 in its footer", l, i+1)
			}
		}
	}
}

func BenchmarkReferral10(b *testing.B) {
	in := incident(b, 10)
	o := opts(in, i18n.FR)
	var size int
	for b.Loop() {
		out, err := Render(o)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size)/1024, "KB/package")
}

// The transmittal sheet holds on one page with its checklist and signatures, however many
// students and devices (the device details are then in the chain of custody).
func TestTransmittalIsOnePage(t *testing.T) {
	for _, n := range []int{1, 4, 10} {
		in := incident(t, n)
		for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
			b, err := Render(opts(in, l))
			if err != nil {
				t.Fatal(err)
			}
			pages, _ := pdftext.Pages(b)
			first := strings.Join(pages[0].Lines, "\n")
			for _, want := range map[i18n.Lang][]string{
				i18n.FR: {"Documents et objets remis", fmt.Sprintf("Grilles d’évaluation, une par élève (nombre : %d)", n), "Signature — Policier ou policière"},
				i18n.EN: {"Documents and items handed over", fmt.Sprintf("Evaluation grids, one per student (number: %d)", n), "Signature — Police officer"},
			}[l] {
				if !strings.Contains(first, want) {
					t.Errorf("%d students, %s: the first page lacks %q:\n%s", n, l, want, first)
				}
			}
			// no device, no sentence about sealed devices
			sealed := map[i18n.Lang]string{i18n.FR: "Les appareils ont été scellés", i18n.EN: "The devices were sealed"}[l]
			if got := strings.Contains(first, sealed); got != (len(in.Devices) > 0) {
				t.Errorf("%d students, %s: %q printed = %v with %d devices", n, l, sealed, got, len(in.Devices))
			}
		}
	}
}

// One sealed bag is said in the singular, in every compact layout.
func TestOneSealedBagIsSingular(t *testing.T) {
	in := incident(t, 2) // E2 alone has a device
	for _, level := range []int{1, 3} {
		for l, want := range map[i18n.Lang]string{i18n.FR: "1 sac scellé", i18n.EN: "1 sealed bag"} {
			o := opts(in, l)
			tr := func(x i18n.Text) string { return x.In(l) }
			b, err := pdf.Render(o.PDF("t", "s"), func(d *pdf.Doc) error {
				d.Section("referral", "t", true)
				transmittal(d, o, tr, level)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			txt, _ := pdftext.Text(b)
			flat := strings.Join(strings.Fields(txt), " ")
			if !strings.Contains(flat, want) || strings.Contains(flat, "1 sacs") || strings.Contains(flat, "1 sealed bags") {
				t.Errorf("level %d, %s: want %q in %s", level, l, want, flat)
			}
		}
	}
}

// On a real school's profile (an agreement, a 120-character name), the transmittal sheet of
// one incident says the same things in French and in English: the same layout is chosen for
// both; the agreement is stated without articles (SPEC §3); the incident's orientation comes
// with the rules that produced it; the grids explain their marks.
func TestTransmittalSaysTheSameInBothLanguages(t *testing.T) {
	p := profile.Specimen()
	p.School.Name = strings.Repeat("École secondaire des Trois-Rivières-et-des-Hautes-Laurentides ", 2)[:120]
	p.Agreement = profile.Agreement{PoliceService: "Service de police de Saint-Fictif", DPCP: "DPCP", InForce: "2024-09-01"}
	in := incident(t, 4)
	in.Students[1].Answers["intent.motive"] = workbook.Answer{Key: "intent.motive", Text: "Se venger", Code: "revenge"}
	levels := map[i18n.Lang]int{}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		o := opts(in, l)
		o.Profile = p
		b, err := Render(o)
		if err != nil {
			t.Fatal(err)
		}
		lv, err := fitting(o, l)
		if err != nil {
			t.Fatal(err)
		}
		levels[l] = lv
		txt, _ := pdftext.Text(b)
		flat := strings.Join(strings.Fields(txt), " ")
		for _, want := range map[i18n.Lang][]string{
			i18n.FR: {"Service de police de Saint-Fictif · DPCP · en vigueur depuis le 1er septembre 2024",
				"Dossier : Geste malveillant probable · M-INTENT.", "† Obligatoire aussi pour un élève qui a agi"},
			i18n.EN: {"Service de police de Saint-Fictif · DPCP · in force since September 1, 2024",
				"Incident: Likely malicious act · M-INTENT.", "† Also required for a student who acted"},
		}[l] {
			if !strings.Contains(flat, want) {
				t.Errorf("%s: %q missing from the package", l, want)
			}
		}
		if strings.Contains(flat, "Entente entre") || strings.Contains(flat, "Agreement between") {
			t.Errorf("%s: the agreement in a sentence with articles", l)
		}
	}
	fr, en := opts(in, i18n.FR), opts(in, i18n.EN)
	fr.Profile, en.Profile = p, p
	if levels[i18n.FR] == levels[i18n.EN] {
		t.Logf("both languages fit at layout %d", levels[i18n.FR])
	}
	// whatever each language alone would fit, both sheets use the more compact layout
	frFirst, enFirst := firstPage(t, fr), firstPage(t, en)
	if strings.Contains(frFirst, "sacs scellés :") != strings.Contains(enFirst, "sealed bags:") ||
		strings.Contains(frFirst, "grilles (E1 à E4)") != strings.Contains(enFirst, "grids (E1 to E4)") {
		t.Errorf("the two sheets differ:\n%s\n---\n%s", frFirst, enFirst)
	}
}

func firstPage(t *testing.T, o Options) string {
	t.Helper()
	b, err := Render(o)
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := pdftext.Pages(b)
	return strings.Join(strings.Fields(strings.Join(pages[0].Lines, " ")), " ")
}
