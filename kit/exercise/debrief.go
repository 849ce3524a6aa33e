package exercise

import (
	"fmt"
	"slices"
	"strings"

	"sexto/kit/classify"
	"sexto/kit/clock"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
)

// What the debrief shows of a difference, in its language.

// Where names the item of a difference: "E2 — Motif déclaré (Élève 2!C33)".
func (d *Debrief) Where(x Diff) string {
	l := d.Lang
	var parts []string
	if x.Ref == "" {
		parts = append(parts, grid.Incident.Title.In(l))
	} else {
		parts = append(parts, x.Ref)
	}
	if x.Device > 0 {
		parts = append(parts, fmt.Sprintf(t("appareil %d", "device %d").In(l), x.Device))
	}
	s := strings.Join(parts, " · ")
	if x.Key != "" {
		s += " — " + grid.MustLookup(x.Key).Label.In(l)
	}
	if x.Cell != "" {
		s += " (" + x.Cell + ")"
	}
	return s
}

// Answers says the trainee's answer and the expected one: "vous : « Se venger » · attendu :
// « Être accepté »".
func (d *Debrief) Answers(x Diff) string {
	l := d.Lang
	if x.Missing {
		return ""
	}
	q := func(s string) string {
		if s == "" {
			return t("(vide)", "(blank)").In(l)
		}
		return fmt.Sprintf(t("« %s »", "“%s”").In(l), s)
	}
	if narrative[x.Key] {
		return fmt.Sprintf(t("vous n’avez rien écrit · par exemple : %s", "you wrote nothing · for example: %s").In(l), q(x.Want))
	}
	return fmt.Sprintf(t("vous : %s · attendu : %s", "you: %s · expected: %s").In(l), q(x.Got), q(x.Want))
}

// Reasons are the lines that say why a difference matters: what it changes, the case's
// explanation, the item's help.
func (d *Debrief) Reasons(x Diff) []string {
	l := d.Lang
	var out []string
	if x.Effect != "" {
		out = append(out, upper(x.Effect)+".")
	} else if !x.Missing {
		out = append(out, t("Ne change ni l’orientation ni les règles.", "Changes neither the orientation nor the rules.").In(l))
	}
	if x.Why != "" {
		out = append(out, t("Pourquoi : ", "Why: ").In(l)+x.Why)
	}
	if x.Help != "" {
		out = append(out, t("Aide de la rubrique : ", "The item’s help: ").In(l)+x.Help)
	}
	return out
}

// plural picks the singular or plural form for n (French: 0 and 1 are singular) and fills in n.
func plural(n int, one, many i18n.Text, l i18n.Lang) string {
	return fmt.Sprintf(pluralWord(n, one, many, l), n)
}

func pluralWord(n int, one, many i18n.Text, l i18n.Lang) string {
	if n == 1 || (n == 0 && l == i18n.FR) {
		return one.In(l)
	}
	return many.In(l)
}

func upper(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// Score says the score in a sentence.
func (d *Debrief) Score() string {
	l := d.Lang
	n, m := d.OutcomeDiffs(), len(d.Diffs)-d.OutcomeDiffs()
	return fmt.Sprintf(t("%d rubriques justes sur %d (%d %%) ; %s, %s.", "%d items right out of %d (%d%%); %s, %s.").In(l),
		d.Right, d.Total, d.Percent(),
		plural(n, t("%d différence change l’issue", "%d difference changes the outcome"), t("%d différences changent l’issue", "%d differences change the outcome"), l),
		plural(m, t("%d ne la change pas", "%d does not"), t("%d ne la changent pas", "%d do not"), l))
}

// Verdict is "juste" or "à revoir".
func (d *Debrief) verdict(right bool) string {
	if right {
		return t("juste", "right").In(d.Lang)
	}
	return t("à revoir", "to review").In(d.Lang)
}

func describe(o classify.Orientation, rules []string, l i18n.Lang) string {
	s := o.Label().In(l)
	if o == "" {
		s = t("(aucune grille)", "(no grid)").In(l)
	}
	if len(rules) > 0 {
		s += " · " + strings.Join(rules, ", ")
	}
	return s
}

// orientationRows are the rows of the orientation table: the incident, then each student.
func (d *Debrief) orientationRows() [][]string {
	l := d.Lang
	rows := [][]string{{grid.Incident.Title.In(l), describe(d.Want.Incident.Orientation, d.Want.Incident.Rules, l),
		describe(d.Got.Incident.Orientation, d.Got.Incident.Rules, l), d.verdict(d.IncidentRight())}}
	for _, s := range d.Students {
		got := describe(s.Got.Orientation, s.Got.Rules, l)
		if !s.Found {
			got = t("(grille absente)", "(grid missing)").In(l)
		} else if s.Got.Orientation == classify.Incomplete {
			got = s.Got.Describe(l)
		}
		rows = append(rows, []string{s.Ref + " " + s.Name, describe(s.Want.Orientation, s.Want.Rules, l), got, d.verdict(s.Right())})
	}
	return rows
}

func (d *Debrief) title() string {
	return fmt.Sprintf(t("Bilan — exercice %d : %s", "Debrief — exercise %d: %s").In(d.Lang), d.Case.Number, d.Case.Title)
}

// Text is the debrief as the console prints it.
func (d *Debrief) Text() string {
	l := d.Lang
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("%s", d.title())
	line("%s · %s", Fictional.In(l), classify.Indicative.In(l))
	line("%s%s", t("Fichier : ", "File: ").In(l), d.File)
	line("")
	line("%s%s", t("Score : ", "Score: ").In(l), d.Score())
	line("")
	line("%s", t("Orientation (attendue → vos réponses)", "Orientation (expected → your answers)").In(l))
	colon := t(" : ", ": ").In(l)
	for _, r := range d.orientationRows() {
		line("  %s%s%s → %s — %s", r[0], colon, r[1], r[2], r[3])
	}
	d.diffText(&b, true)
	d.diffText(&b, false)
	for _, e := range d.extras() {
		line("")
		line("%s", e)
	}
	line("")
	line("%s", t("Ce qui est juste", "What was right").In(l))
	for _, p := range d.Praise {
		line("  - %s", p)
	}
	var secs []string
	for _, s := range d.Sections {
		secs = append(secs, fmt.Sprintf("%s %d/%d", s.Title, s.Right, s.Total))
	}
	line("  %s%s", t("Par section : ", "By section: ").In(l), strings.Join(secs, " · "))
	if d.Case.Lesson != "" {
		line("")
		line("%s", t("Ce que ce cas enseigne", "What this case teaches").In(l))
		for _, p := range paragraphs(d.Case.Lesson) {
			line("  %s", p)
		}
	}
	line("")
	line(t("Règles %s ; « sexto rules » les explique.", "Rules %s; “sexto rules” explains them.").In(l), d.Want.RulesVersion)
	return b.String()
}

func (d *Debrief) diffText(b *strings.Builder, outcome bool) {
	l := d.Lang
	var xs []Diff
	for _, x := range d.Diffs {
		if x.Outcome == outcome {
			xs = append(xs, x)
		}
	}
	head := t("Ce qui change l’issue", "What changes the outcome")
	if !outcome {
		head = t("Ce qui ne change pas l’issue", "What does not change the outcome")
	}
	fmt.Fprintf(b, "\n%s (%d)\n", head.In(l), len(xs))
	if len(xs) == 0 {
		fmt.Fprintf(b, "  %s\n", t("rien", "nothing").In(l))
	}
	for i, x := range xs {
		fmt.Fprintf(b, "  %d. %s\n", i+1, d.Where(x))
		if a := d.Answers(x); a != "" {
			fmt.Fprintf(b, "     %s\n", a)
		}
		for _, r := range d.Reasons(x) {
			fmt.Fprintf(b, "     %s\n", r)
		}
	}
}

// PDF renders the debrief.
func (d *Debrief) PDF(o Options) ([]byte, error) {
	l := d.Lang
	tr := func(x i18n.Text) string { return x.In(l) }
	title := d.title()
	opts := pdf.Options{Paper: o.Paper, Lang: string(l) + "-CA", Title: title, Author: "sexto",
		Subject: tr(t("Bilan d’un exercice SEXTO (cas fictif)", "Debrief of a SEXTO exercise (fictional case)")),
		Creator: o.Creator, Now: o.Now, Specimen: true, Words: words(l, o.specimen()),
		Header: tr(t("Exercice — cas fictif · ", "Exercise — fictional case · ")) + tr(classify.Indicative),
		FooterNote: fmt.Sprintf(tr(t("Cas %d · règles %s · %s", "Case %d · rules %s · %s")),
			d.Case.Number, d.Want.RulesVersion, o.Creator),
	}
	return pdf.Render(opts, func(doc *pdf.Doc) error {
		doc.Section("debrief", title, false)
		doc.Title(title)
		if d.Mismatch != nil {
			doc.WarningBox([][]pdf.Run{pdf.Plain(upper(d.Mismatch.Message(l)))})
		}
		now := o.Now.In(clock.Zone)
		doc.Table(pdf.Table{Widths: []float64{2, 5}, Rows: [][]string{
			{tr(t("Fichier du stagiaire", "Trainee’s file")), baseName(d.File)},
			{tr(t("Cas", "Case")), fmt.Sprintf("%d — %s", d.Case.Number, d.Case.Title)},
			{tr(t("Ce que le cas exerce", "What the case trains")), d.Case.Trains},
			{tr(t("Bilan fait le", "Debrief made on")), i18n.LongDate(now, l) + " " + now.Format("15:04")},
		}})
		doc.KeyFigures([]pdf.KeyFigure{
			{Value: fmt.Sprintf(tr(t("%d %%", "%d%%")), d.Percent()), Label: fmt.Sprintf(tr(t("rubriques justes (%d sur %d)", "items right (%d of %d)")), d.Right, d.Total)},
			{Value: fmt.Sprint(d.OutcomeDiffs()), Label: pluralWord(d.OutcomeDiffs(), t("différence qui change l’issue", "difference that changes the outcome"), t("différences qui changent l’issue", "differences that change the outcome"), l)},
			{Value: fmt.Sprintf("%d / %d", d.rightOrientations(), len(d.Students)+1), Label: tr(t("orientations justes (le dossier et chaque élève)", "orientations right (the incident and each student)"))},
		})

		doc.Heading(2, tr(t("L’orientation", "The orientation")))
		doc.Table(pdf.Table{Widths: []float64{2.2, 3, 3, 1.3},
			Header: []string{"", tr(t("Attendue", "Expected")), tr(t("Vos réponses donnent", "Your answers give")), ""},
			Rows:   d.orientationRows()})
		doc.Small(pdf.Plain(tr(classify.Indicative) + "."))

		for _, outcome := range []bool{true, false} {
			head := t("Ce qui change l’issue", "What changes the outcome")
			if !outcome {
				head = t("Ce qui ne change pas l’issue", "What does not change the outcome")
			}
			var xs []Diff
			for _, x := range d.Diffs {
				if x.Outcome == outcome {
					xs = append(xs, x)
				}
			}
			doc.Heading(2, fmt.Sprintf("%s (%d)", tr(head), len(xs)))
			if len(xs) == 0 {
				doc.Paragraph(pdf.Plain(tr(t("Rien.", "Nothing."))))
			}
			for i, x := range xs {
				runs := []pdf.Run{{Text: d.Where(x), Bold: true}}
				if a := d.Answers(x); a != "" {
					runs = append(runs, pdf.Run{Text: " — " + a})
				}
				doc.Bullet(fmt.Sprintf("%d.", i+1), runs)
				for _, r := range d.Reasons(x) {
					doc.Bullet("", pdf.Plain(r))
				}
				for _, id := range x.Rules {
					if r, ok := classify.RuleByID(id); ok {
						doc.Bullet("", []pdf.Run{{Text: id + " ", Bold: true}, {Text: r.Statement.In(l)}})
					}
				}
			}
		}
		for _, e := range d.extras() {
			doc.Paragraph(pdf.Plain(e))
		}

		doc.Heading(2, tr(t("Ce qui est juste", "What was right")))
		for _, p := range d.Praise {
			doc.Bullet("•", pdf.Plain(upper(p)+"."))
		}
		var rows [][]string
		for _, s := range d.Sections {
			rows = append(rows, []string{s.Title, fmt.Sprintf("%d / %d", s.Right, s.Total)})
		}
		doc.Table(pdf.Table{Widths: []float64{5, 1.5}, Header: []string{tr(t("Section", "Section")), tr(t("Justes", "Right"))}, Rows: rows})

		if d.Case.Lesson != "" {
			doc.Heading(2, tr(t("Ce que ce cas enseigne", "What this case teaches")))
			for _, p := range paragraphs(d.Case.Lesson) {
				doc.Paragraph(pdf.Plain(p))
			}
		}
		var ids []string
		for _, r := range classify.Rules {
			if slices.Contains(d.Want.Incident.Rules, r.ID) || d.usesRule(r.ID) {
				ids = append(ids, r.ID)
			}
		}
		if len(ids) > 0 {
			doc.Heading(2, tr(t("Les règles en cause", "The rules involved")))
			for _, id := range ids {
				r, _ := classify.RuleByID(id)
				doc.Bullet("•", []pdf.Run{{Text: id + " ", Bold: true}, {Text: r.Statement.In(l) + " " + r.Basis.In(l)}})
			}
		}
		return nil
	})
}

// extras say what the trainee wrote that the case does not have: grids, device rows.
func (d *Debrief) extras() []string {
	l := d.Lang
	var out []string
	if len(d.Extra) > 0 {
		out = append(out, fmt.Sprintf(t("Grilles en trop (aucun élève de ce nom dans le cas, non notées) : %s",
			"Extra grids (no student of that name in the case, not marked): %s").In(l), strings.Join(d.Extra, ", ")))
	}
	if len(d.ExtraDevices) > 0 {
		out = append(out, fmt.Sprintf(t("Appareils en trop (absents du corrigé, non notés ; réf. · rang) : %s",
			"Extra devices (not in the key, not marked; ref · rank): %s").In(l), strings.Join(d.ExtraDevices, ", ")))
	}
	return out
}

// rightOrientations counts the orientations the trainee's answers get right: the incident's
// and each student's.
func (d *Debrief) rightOrientations() int {
	n := 0
	if d.IncidentRight() {
		n++
	}
	for _, s := range d.Students {
		if s.Right() {
			n++
		}
	}
	return n
}

// usesRule reports whether a rule is expected for a student or changed by a difference.
func (d *Debrief) usesRule(id string) bool {
	for _, s := range d.Students {
		if slices.Contains(s.Want.Rules, id) {
			return true
		}
	}
	for _, x := range d.Diffs {
		if slices.Contains(x.Rules, id) {
			return true
		}
	}
	return false
}
