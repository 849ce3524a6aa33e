package exercise

import (
	"fmt"
	"strings"
	"time"

	"sexto/kit/doc"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/profile"
	"sexto/kit/workbook"
)

var t = i18n.T

// Fictional is the mark every exercise page carries, and why.
var Fictional = t("EXERCICE — cas fictif, personnes fictives", "EXERCISE — fictional case, fictional people")

// words are the page furniture of an exercise: the diagonal mark says EXERCICE, the line
// under the footer that the case is fictional and, when the school has no agreement
// configured, also "SPÉCIMEN — aucune entente configurée", as every page sexto makes then
// says (SPEC §3).
func words(l i18n.Lang, specimen bool) pdf.Words {
	w := doc.Words(l)
	note := Fictional.In(l)
	if specimen {
		note += " · " + w.SpecimenNote
	}
	w.Specimen = t("EXERCICE", "EXERCISE").In(l)
	w.SpecimenNote = note
	return w
}

// Options configure an exercise document.
type Options struct {
	Lang    i18n.Lang
	Paper   string
	Now     time.Time
	Creator string
	// Workbook is the name of the blank workbook written beside the briefing, to name it in
	// the instructions.
	Workbook string
	// Agreement is the school's police–DPCP agreement (its profile's [agreement]): without
	// one configured, every page also carries the SPÉCIMEN mark, as every page sexto makes
	// then does (SPEC §3).
	Agreement profile.Agreement
}

// specimen reports whether the pages carry the SPÉCIMEN mark: no agreement is configured.
func (o Options) specimen() bool { return !o.Agreement.Configured() }

// Workbook is the blank incident workbook of a case: one grid per student of the case.
func Workbook(c *Case, l i18n.Lang, now time.Time, creator string) ([]byte, error) {
	return workbook.Template(workbook.TemplateOptions{Lang: l, Students: len(c.Students), Paper: "letter", Now: now,
		School: t("Exercice SEXTO — cas fictif", "SEXTO exercise — fictional case").In(l), Creator: creator})
}

// paragraphs splits a text at its blank lines and joins the lines of each paragraph.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// when writes a key's date or time for people: "10 novembre 2026, 8 h 35".
func when(v string, l i18n.Lang) string {
	tm, ok := parseTime(v)
	if !ok {
		return v
	}
	s := i18n.LongDate(tm, l)
	if len(v) > len("2006-01-02") {
		if l == i18n.EN {
			s += ", " + tm.Format("3:04") + map[bool]string{true: " a.m.", false: " p.m."}[tm.Hour() < 12]
		} else {
			s += fmt.Sprintf(", %d h %02d", tm.Hour(), tm.Minute())
		}
	}
	return s
}

// Briefing renders the case's briefing: the setting, the disclosure, the students' records,
// what each student says in the individual meeting, what follows, the devices seized, and
// what to do. Never the content: the students' own words only.
func Briefing(c *Case, o Options) ([]byte, error) {
	l := o.Lang
	tr := func(x i18n.Text) string { return x.In(l) }
	colon := tr(t(" : ", ": "))
	title := fmt.Sprintf(tr(t("Exercice %d — %s", "Exercise %d — %s")), c.Number, c.Title)
	opts := pdf.Options{Paper: o.Paper, Lang: string(l) + "-CA", Title: title, Author: "sexto",
		Subject: tr(t("Mise en situation d’un exercice SEXTO (cas fictif)", "Briefing of a SEXTO exercise (fictional case)")),
		Creator: o.Creator, Now: o.Now, Specimen: true, Words: words(l, o.specimen()),
		Header:     tr(t("Exercice SEXTO — cas fictif · mise en situation", "SEXTO exercise — fictional case · briefing")),
		FooterNote: fmt.Sprintf(tr(t("Cas %d · %s · %s", "Case %d · %s · %s")), c.Number, baseName(c.File), o.Creator),
	}
	return pdf.Render(opts, func(d *pdf.Doc) error {
		d.Section("briefing", title, false)
		d.Title(title)
		if id := c.Incident["incident.id"]; id != "" {
			// the number the school gave the file, as an intervener has it from the start
			d.Paragraph([]pdf.Run{{Text: tr(fileNumber) + colon, Bold: true}, {Text: id}})
		}
		d.WarningBox([][]pdf.Run{{{Text: tr(t("Cas fictif.", "A fictional case.")), Bold: true},
			{Text: " " + tr(t("Les personnes, l’école et les faits sont inventés. Comme dans un vrai dossier, personne ne regarde le contenu : ce document ne le décrit pas, et vous ne le décrivez pas non plus dans le classeur.",
				"The people, the school and the events are made up. As in a real incident, nobody looks at the content: this document does not describe it, and neither do you in the workbook."))}}})
		d.Paragraph([]pdf.Run{{Text: tr(t("Ce que ce cas exerce", "What this case trains")) + colon, Bold: true}, {Text: c.Trains}})
		section := func(h, text string) {
			if text == "" {
				return
			}
			d.Heading(2, h)
			for _, p := range paragraphs(text) {
				d.Paragraph(pdf.Plain(p))
			}
		}
		section(tr(t("Mise en situation", "Setting")), c.Setting)
		section(tr(t("Le dévoilement", "The disclosure")), c.Disclosure)

		d.Heading(2, tr(t("Les élèves (dossier scolaire)", "The students (school records)")))
		d.Table(pdf.Table{Widths: []float64{0.9, 2.6, 2, 2, 2.6, 2.2, 1.6}, Whole: []bool{true, false, true, false, false, true, false},
			Header: []string{tr(t("Réf.", "Ref.")), tr(t("Élève", "Student")), tr(t("Date de naissance", "Date of birth")), tr(t("Niveau", "Grade")),
				tr(t("Parent ou tuteur", "Parent or guardian")), tr(t("Téléphone", "Phone")), tr(t("Langue", "Language"))},
			Rows: records(c, l)})

		d.Heading(2, tr(t("Les rencontres individuelles", "The individual meetings")))
		d.Small(pdf.Plain(tr(t("Ce que chaque élève vous dit, seul avec vous, dans ses mots.", "What each student tells you, alone with you, in their own words."))))
		for _, s := range c.Students {
			d.Heading(3, s.Ref+" — "+s.Name())
			facts := meetingFacts(&s, l)
			if facts != "" {
				d.Small(pdf.Plain(facts))
			}
			for _, p := range paragraphs(s.Says) {
				d.Paragraph(pdf.Plain(p))
			}
		}
		section(tr(t("La suite", "What follows")), c.After)

		if len(c.Devices) > 0 {
			head := tr(t("Les appareils saisis", "The devices seized"))
			note := pdf.Plain(tr(t("Ce que vous avez noté en scellant chaque appareil, sans l’allumer, le déverrouiller ni le consulter.",
				"What you wrote down when sealing each device, without switching it on, unlocking or browsing it.")))
			tables := deviceTables(c, l)
			// a device table is read across, device by device: kept whole with its heading
			// when a page can hold it (at most 8 mm a row: labels wrap to two lines)
			whole := func(tbl pdf.Table) float64 { return max(d.TableStartHeight(tbl), 8*float64(len(tbl.Rows)+1)) }
			d.Ensure(d.HeadingHeight(2, head) + d.ParagraphHeight(note) + whole(tables[0]))
			d.Heading(2, head)
			d.Small(note)
			for _, tbl := range tables {
				d.Ensure(whole(tbl))
				d.Table(tbl)
			}
		}

		d.Heading(2, tr(t("À faire", "What to do")))
		name := o.Workbook
		if name == "" {
			name = tr(t("le classeur de l’exercice", "the exercise workbook"))
		}
		fill := t("Remplissez %s comme pour un vrai dossier : la feuille Dossier, une grille par élève (%d grilles) et la feuille Appareils.",
			"Fill in %s as you would a real incident: the Incident sheet, one grid per student (%d grids) and the Devices sheet.")
		if strings.HasSuffix(strings.ToLower(name), ".pdf") {
			fill = t("Remplissez %s dans un lecteur PDF, comme pour un vrai dossier : la page du dossier, une grille par élève (%d grilles) et la page des appareils ; enregistrez-le.",
				"Fill in %s in a PDF reader, as you would a real incident: the incident page, one grid per student (%d grids) and the devices page; save it.")
		}
		steps := []string{
			fmt.Sprintf(tr(fill), name, len(c.Students)),
			tr(t("Notez ce que les élèves disent, jamais ce que montre le contenu.", "Write down what the students say, never what the content shows.")),
			fmt.Sprintf(tr(t("Comparez ensuite avec le corrigé : sexto exercise check %d %s (ajoutez -o bilan.pdf pour le bilan en PDF).",
				"Then compare with the key: sexto exercise check %d %s (add -o debrief.pdf for the debrief as a PDF).")), c.Number, baseName(name)),
		}
		for i, s := range steps {
			d.Bullet(fmt.Sprintf("%d.", i+1), pdf.Plain(s))
		}
		return nil
	})
}

// fileNumber heads the briefing's file number: the number the school gave the incident.
var fileNumber = t("N° de dossier de l’école", "School file no.")

// records are the rows of the students' school records, as the briefing prints them: ref,
// name, date of birth, grade, parent, phone and correspondence language.
func records(c *Case, l i18n.Lang) [][]string {
	rows := [][]string{}
	for _, s := range c.Students {
		a := s.Answers
		grade := ""
		if a["student.grade"] != "" {
			grade = shown(grid.MustLookup("student.grade"), a["student.grade"], l)
		}
		lang := ""
		if a["parent.language"] != "" {
			lang = shown(grid.MustLookup("parent.language"), a["parent.language"], l)
		}
		rows = append(rows, []string{s.Ref, s.Name(), dash(a["student.birth_date"]), dash(grade), dash(a["parent.name"]), dash(a["parent.phone"]), dash(lang)})
	}
	return rows
}

// meetingFacts is the line under a student's heading: when you met them, when their parent
// was told.
func meetingFacts(s *Student, l i18n.Lang) string {
	colon := t(" : ", ": ").In(l)
	var facts []string
	if v := s.Answers["interview.at"]; v != "" {
		facts = append(facts, t("rencontre", "meeting").In(l)+colon+when(v, l))
	}
	if v := s.Answers["parent.notified_at"]; v != "" {
		facts = append(facts, t("parent avisé", "parent notified").In(l)+colon+when(v, l))
	}
	return strings.Join(facts, " · ")
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

// deviceTables lays the key's devices side by side, three to a table, one row per item.
func deviceTables(c *Case, l i18n.Lang) []pdf.Table {
	tr := func(x i18n.Text) string { return x.In(l) }
	var out []pdf.Table
	for first := 0; first < len(c.Devices); first += 3 {
		devs := c.Devices[first:min(first+3, len(c.Devices))]
		header := []string{""}
		widths := []float64{2.2}
		for i := range devs {
			header = append(header, fmt.Sprintf(tr(t("Appareil %d", "Device %d")), first+i+1))
			widths = append(widths, 3)
		}
		var rows [][]string
		for _, it := range grid.Devices.Items {
			row := []string{it.Label.In(l)}
			filled := false
			for _, dev := range devs {
				v := dev[it.Key]
				switch {
				case v == "":
					v = "—"
				case it.Kind == grid.Choice:
					v = shown(&it, v, l)
				case it.Kind == grid.DateTime:
					v = when(v, l)
				}
				filled = filled || dev[it.Key] != ""
				row = append(row, v)
			}
			if filled {
				rows = append(rows, row)
			}
		}
		out = append(out, pdf.Table{Widths: widths, Header: header, Rows: rows})
	}
	return out
}
