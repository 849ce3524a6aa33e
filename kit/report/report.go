// Package report writes the classification report (the PDF of `sexto score -o`): the
// incident, a summary box per student whose shape tells the orientation apart even in black
// and white, the rules that fired with their statements, the mitigating facts, the missing
// items and the next steps — always as an indicative pre-classification.
package report

import (
	"fmt"
	"strings"
	"time"

	"sexto/kit/classify"
	"sexto/kit/clock"
	"sexto/kit/doc"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/workbook"
)

// Options configure a report.
type Options struct {
	doc.Context
	Incident *workbook.Incident
	Result   classify.Result
}

var t = i18n.T

// EducationalTarget is the educational route's reference point: four days after the
// disclosure, the average length of a SEXTO case (DOMAIN.md §3) — an average, never a deadline.
func EducationalTarget(disclosed time.Time) time.Time { return disclosed.AddDate(0, 0, 4) }

// Classification renders the report.
func Classification(o Options) ([]byte, error) {
	l := o.Lang
	in, res := o.Incident, o.Result
	tr := func(x i18n.Text) string { return x.In(l) }
	colon := tr(t(" : ", ": "))
	title := fmt.Sprintf(tr(t("Pré-classification — dossier %s", "Pre-classification — incident %s")), in.ID())
	opts := o.PDF(title, tr(classify.Indicative))
	// every page shows orientations, so every page says they are indicative
	opts.Header = tr(classify.Indicative)
	opts.FooterNote = fmt.Sprintf(tr(t("%s · règles %s · %s · SHA-256 du fichier lu : %s", "%s · rules %s · %s · SHA-256 of the file read: %s")),
		o.Profile.School.Name, res.RulesVersion, o.Creator, in.SHA256)
	return pdf.Render(opts, func(d *pdf.Doc) error {
		d.Section("report", title, true)
		d.Title(tr(t("Rapport de pré-classification", "Pre-classification report")))
		disclosed, hasDisclosed := in.Dossier.Value("incident.disclosed_at")
		rows := [][]string{
			{label("incident.id", l), in.ID()},
			{label("incident.police_event", l), dash(in.Dossier.Text("incident.police_event"))},
			{label("incident.disclosed_at", l), dash(disclosed.Text)},
			{label("incident.intervener", l), dash(in.Dossier.Text("incident.intervener"))},
			{tr(t("Rapport produit le", "Report made on")), i18n.LongDate(o.Now.In(clock.Zone), l) + " " + o.Now.In(clock.Zone).Format("15:04")},
			{tr(t("Fichier lu", "File read")), baseName(in.File)},
		}
		d.Table(pdf.Table{Widths: []float64{2, 5}, Rows: rows})
		d.WarningBox([][]pdf.Run{{{Text: tr(classify.Indicative) + ".", Bold: true}},
			pdf.Plain(tr(t("Ce rapport applique des règles connues d'avance aux réponses des grilles. Il aide à décider vite s'il faut appeler le 911 et à préparer le dossier ; il ne qualifie pas les gestes. Personne n'a regardé le contenu.",
				"This report applies rules known in advance to the grids' answers. It helps decide quickly whether to call 911 and to prepare the file; it does not judge the acts. Nobody viewed the content.")))})

		// the incident, urgent in plain words first
		inc := res.Incident
		var paras [][]pdf.Run
		if inc.Orientation == classify.UrgentCall {
			paras = append(paras, []pdf.Run{{Text: tr(t("APPELER LE 911 MAINTENANT", "CALL 911 NOW")), Bold: true},
				{Text: " — " + tr(t("avant de terminer les rencontres.", "before finishing the meetings."))}})
		}
		for _, id := range inc.Rules {
			r, _ := classify.RuleByID(id)
			paras = append(paras, []pdf.Run{{Text: id + " ", Bold: true}, {Text: tr(r.Statement)}})
		}
		if len(inc.Incomplete) > 0 {
			paras = append(paras, pdf.Plain(fmt.Sprintf(tr(t("Grilles incomplètes : %s (voir plus bas).", "Incomplete grids: %s (see below).")), strings.Join(inc.Incomplete, ", "))))
		}
		if note := classify.UnevaluatedNote(inc.Unevaluated, l); note != "" {
			paras = append(paras, pdf.Plain(note))
		}
		d.MarkedBox(doc.Mark(inc.Orientation), fmt.Sprintf(tr(t("Dossier : %s", "Incident: %s")), tr(inc.Orientation.Label())), paras, inc.Orientation == classify.UrgentCall)

		d.Heading(2, tr(t("Élèves", "Students")))
		students := map[string]workbook.Student{}
		for _, s := range in.Students {
			students[s.Ref()] = s
		}
		// incomplete grids first
		order := append([]classify.StudentResult{}, res.Students...)
		sortIncompleteFirst(order)
		for _, sr := range order {
			s := students[sr.Ref]
			name := strings.TrimSpace(s.Text("student.first_name") + " " + s.Text("student.last_name"))
			head := sr.Ref
			if name != "" {
				head += " — " + name
			}
			head += colon + sr.Describe(l)
			var ps [][]pdf.Run
			if roles := grid.Roles(s.Code, l); len(roles) > 0 {
				ps = append(ps, []pdf.Run{{Text: tr(t("Rôles : ", "Roles: ")), Bold: true}, {Text: strings.Join(roles, ", ")}})
			}
			for _, id := range sr.Rules {
				r, _ := classify.RuleByID(id)
				ps = append(ps, []pdf.Run{{Text: id + " ", Bold: true}, {Text: tr(r.Statement) + " " + tr(r.Basis)}})
			}
			ps = append(ps, doc.FactRuns(sr, l)...)
			if len(sr.Missing) > 0 {
				ps = append(ps, []pdf.Run{{Text: tr(t("À compléter : ", "To complete: ")), Bold: true}, {Text: grid.LabelList(sr.Missing, l)}})
			}
			ps = append(ps, []pdf.Run{{Text: tr(t("Suite : ", "Next: ")), Bold: true}, {Text: tr(sr.NextStep())}})
			d.MarkedBox(doc.Mark(sr.Orientation), head, ps, sr.Orientation == classify.UrgentCall)
		}
		if len(res.Students) == 0 {
			d.Paragraph(pdf.Plain(tr(t("Aucune grille d'élève n'est remplie.", "No student grid is filled in."))))
		}

		d.Heading(2, tr(t("Prochaines étapes", "Next steps")))
		seen := map[classify.Orientation]bool{}
		for _, o := range classify.Orientations {
			// an urgent incident calls 911 first, even when the flag is on a grid that stays
			// support (the depicted student's)
			students := res.Students
			if o == classify.UrgentCall && inc.Orientation == classify.UrgentCall {
				students = []classify.StudentResult{{Orientation: classify.UrgentCall}}
			}
			for _, sr := range students {
				if sr.Orientation == o && !seen[o] {
					seen[o] = true
					step := tr(o.NextStep())
					if o == classify.Impulsive {
						if hasDisclosed {
							step += " " + fmt.Sprintf(tr(t("Repère : vers le %s, 4 jours après le dévoilement du %s.", "Reference point: around %s, 4 days after the disclosure on %s.")),
								i18n.LongDate(EducationalTarget(disclosed.Time), l), i18n.LongDate(disclosed.Time, l))
						} else {
							step += " " + tr(t("La date du dévoilement n'est pas inscrite : le repère de 4 jours ne peut être calculé.", "The disclosure date is not filled in: the 4-day reference point cannot be computed."))
						}
					}
					d.Bullet("•", []pdf.Run{{Text: tr(o.Label()) + colon, Bold: true}, {Text: step}})
				}
			}
		}
		d.Space(3)
		d.Heading(3, tr(t("Légende", "Key")))
		var legend []pdf.LegendItem
		for _, o := range classify.Orientations {
			legend = append(legend, pdf.LegendItem{Mark: doc.Mark(o), Label: tr(o.Label())})
		}
		d.Legend(legend)
		return nil
	})
}

func sortIncompleteFirst(s []classify.StudentResult) {
	var a, b []classify.StudentResult
	for _, r := range s {
		if r.Orientation == classify.Incomplete {
			a = append(a, r)
		} else {
			b = append(b, r)
		}
	}
	copy(s, append(a, b...))
}

func label(key string, l i18n.Lang) string {
	it, _ := grid.Lookup(key)
	return it.Label.In(l)
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
