package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"sexto/kit/classify"
	"sexto/kit/doc"
	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/pdftext"
	"sexto/kit/profile"
	"sexto/kit/workbook"
)

func incident(t *testing.T) (*workbook.Incident, classify.Result) {
	t.Helper()
	tpl, err := workbook.Template(workbook.TemplateOptions{Lang: i18n.FR, Students: 3, Now: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	roles := gridtest.Grid
	data, err := workbook.Fill(tpl, map[string]map[string]string{
		"Dossier": {"incident.id": "2026-031", "incident.disclosed_at": "2026-11-23 14:00", "incident.intervener": "Éloïse Bédard"},
		"Élève 1": roles("student.last_name", "Bédard", "student.first_name", "Léa", "role.depicted", "oui"),
		"Élève 2": roles("student.last_name", "Tremblay", "student.first_name", "Noah", "role.sender", "oui", "intent.motive", "acceptance",
			"intent.threats", "non", "intent.coercion", "non", "scope.recipients", "1", "intent.acknowledges", "oui"),
		"Élève 3": {"student.last_name": "Roy", "role.recipient": "oui"},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	in, err := workbook.Read("dossier.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	return in, in.Classify()
}

func TestReport(t *testing.T) {
	in, res := incident(t)
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		o := Options{Incident: in, Result: res, Context: doc.Context{Profile: profile.Specimen(), Lang: l, Paper: "letter",
			Now: time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC), Creator: "sexto test"}}
		b, err := Classification(o)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := Classification(o)
		if !bytes.Equal(b, again) {
			t.Errorf("%s: report not reproducible", l)
		}
		pages, _ := pdftext.Pages(b)
		txt, _ := pdftext.Text(b)
		flat := strings.Join(strings.Fields(txt), " ")
		for i, p := range pages {
			joined := strings.Join(p.Lines, " ")
			if !strings.Contains(joined, classify.Indicative.In(l)) {
				t.Errorf("%s: page %d lacks the indicative statement", l, i+1)
			}
			if !strings.Contains(joined, in.SHA256) {
				t.Errorf("%s: page %d lacks the workbook's SHA-256", l, i+1)
			}
		}
		want := map[i18n.Lang][]string{
			i18n.FR: {"E3 — Roy : Grille incomplète", "E2 — Noah Tremblay : Geste impulsif probable",
				"Faits atténuants : Reconnaît les faits et collabore · Un seul destinataire",
				"Repère : vers le 27 novembre 2026, 4 jours après le dévoilement du 23 novembre 2026", "en 4 jours environ, en moyenne", "CONFIDENTIEL", "règles 2.0"},
			i18n.EN: {"E1 — Léa Bédard: Support (depicted student)", "To complete:", "Reference point: around November 27, 2026, 4 days after the disclosure on November 23, 2026", "about 4 days on average", "CONFIDENTIAL",
				"Mitigating facts: Acknowledges the facts and cooperates · A single recipient"},
		}
		// a fact is said as a fact, never as its question with the answer beside it
		for _, bare := range []string{"Nombre de destinataires (1)", "Number of recipients (1)", "(Oui)", "(Yes)"} {
			if strings.Contains(flat, bare) {
				t.Errorf("%s: report prints the bare label %q", l, bare)
			}
		}
		for _, w := range want[l] {
			if !strings.Contains(flat, w) {
				t.Errorf("%s: report lacks %q:\n%s", l, w, txt)
			}
		}
		// incomplete grids come first among the students
		if i, j := strings.Index(flat, "E3 — Roy"), strings.Index(flat, "E1 — Léa"); i < 0 || j < 0 || i > j {
			t.Errorf("%s: the incomplete grid is not shown first", l)
		}
	}
}

func TestMarksAreDistinct(t *testing.T) {
	seen := map[any]classify.Orientation{}
	for _, o := range []classify.Orientation{classify.Incomplete, classify.Support, classify.UrgentCall, classify.Malicious, classify.Impulsive, classify.Witness} {
		m := doc.Mark(o)
		if prev, dup := seen[m]; dup {
			t.Errorf("%s and %s share a mark", o, prev)
		}
		seen[m] = o
	}
}

// An incident made urgent by the depicted student's own grid (a risk to her safety) keeps her
// in support, and the next steps still begin with the 911 call.
func TestUrgentIncidentCallsFirstInTheNextSteps(t *testing.T) {
	tpl, err := workbook.Template(workbook.TemplateOptions{Lang: i18n.FR, Students: 1, Now: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	data, err := workbook.Fill(tpl, map[string]map[string]string{
		"Dossier": {"incident.id": "2026-032", "incident.disclosed_at": "2026-11-23 14:00", "incident.intervener": "Éloïse Bédard"},
		"Élève 1": gridtest.Grid("student.last_name", "Bédard", "student.first_name", "Léa", "role.depicted", "oui", "safety.at_risk", "oui"),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	in, err := workbook.Read("dossier.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	res := in.Classify()
	if res.Incident.Orientation != classify.UrgentCall || res.Students[0].Orientation != classify.Support {
		t.Fatalf("classification %+v", res)
	}
	for l, want := range map[i18n.Lang]string{i18n.FR: "Prochaines étapes • Appel immédiat au 911 : Appeler le 911 maintenant, avant de terminer les rencontres",
		i18n.EN: "Next steps • Call 911 now: Call 911 now, before finishing the meetings"} {
		b, err := Classification(Options{Incident: in, Result: res, Context: doc.Context{Profile: profile.Specimen(), Lang: l, Paper: "letter",
			Now: time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC), Creator: "sexto test"}})
		if err != nil {
			t.Fatal(err)
		}
		txt, _ := pdftext.Text(b)
		if flat := strings.Join(strings.Fields(txt), " "); !strings.Contains(flat, want) {
			t.Errorf("%s: %q missing:\n%s", l, want, flat)
		}
	}
}
