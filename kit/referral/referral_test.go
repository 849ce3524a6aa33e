package referral

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"sexto/kit/i18n"
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
	for i := 1; i <= n; i++ {
		m := map[string]string{"student.last_name": fmt.Sprintf("Nom%02d", i), "student.first_name": first[(i-1)%len(first)],
			"role.depicted": "non", "role.producer": "non", "role.requester": "non", "role.sender": "oui", "role.shower": "non",
			"role.recipient": "oui", "role.kept": "non", "role.discloser": "non", "intent.motive": "fun", "intent.threats": "non",
			"intent.coercion": "non", "scope.recipients": "2_5", "notes": "L'élève collabore et regrette son geste."}
		if i == 1 {
			m["role.depicted"], m["role.sender"] = "oui", "non"
		}
		if i%2 == 0 {
			m["device.seized"], m["device.seal_no"], m["device.description"] = "oui", fmt.Sprintf("S-%04d", i), "Cellulaire"
		}
		ans[workbook.StudentSheetName(i18n.FR, i)] = m
	}
	data, err := workbook.Fill(tpl, ans, map[string][]string{"Chronologie": {"2026-11-23 10:00|Dévoilement reçu|É. Bédard", "2026-11-23 10:40|Appel au 911|É. Bédard"}})
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
	return Options{Incident: in, Result: in.Classify(), Profile: profile.Specimen(), Lang: l, Paper: "letter",
		Now: time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC), Creator: "sexto test"}
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
		for _, seal := range []string{"S-0002", "S-0004"} {
			if strings.Count(flat, seal) < 2 { // transmittal sheet, grid, custody table
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
