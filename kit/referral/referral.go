// Package referral writes the package the principal hands to the patrol officer for the
// police and the DPCP (SPEC §4-5, §8): the filled transmittal sheet, the incident summary and
// action log, every student's completed grid with its indicative pre-classification, the
// chain of custody of the seized devices, the statement that no image was viewed, copied or
// attached, and the legal reference sheet.
package referral

import (
	"fmt"
	"strings"

	"sexto/kit/classify"
	"sexto/kit/clock"
	"sexto/kit/doc"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/printkit"
	"sexto/kit/workbook"
)

// Options configure a referral package.
type Options struct {
	doc.Context // its Templates override the legal sheet
	Incident    *workbook.Incident
	Result      classify.Result
}

var t = i18n.T

// Device is one seized device, from the devices sheet (or a v1 grid).
type Device struct {
	Ref, Description, Serial, State, Seal, SealedAt, SealedBy, Witness, HandedTo, HandedAt string
}

// Devices lists the seized devices, in the order of the devices sheet.
func Devices(in *workbook.Incident, l i18n.Lang) []Device {
	var out []Device
	for _, d := range in.Devices {
		state := ""
		if it := grid.MustLookup("device.state"); d.Code("device.state") != "" {
			if o, ok := it.Option(d.Code("device.state")); ok {
				state = o.Label.In(l)
			}
		}
		out = append(out, Device{Ref: d.Owner(), Description: d.Text("device.description"), Serial: d.Text("device.serial"), State: state,
			Seal: d.Text("device.seal_no"), SealedAt: d.Text("device.sealed_at"), SealedBy: d.Text("device.sealed_by"),
			Witness: d.Text("device.witness"), HandedTo: d.Text("device.handed_to"), HandedAt: d.Text("device.handed_at")})
	}
	return out
}

// Render writes the referral package.
func Render(o Options) ([]byte, error) {
	l := o.Lang
	in, res := o.Incident, o.Result
	tr := func(x i18n.Text) string { return x.In(l) }
	title := fmt.Sprintf(tr(t("Dossier de transmission SEXTO — %s", "SEXTO referral package — %s")), in.ID())
	opts := o.PDF(title, tr(t("Transmission au service de police et au DPCP", "Referral to the police service and the DPCP")))
	opts.Header = fmt.Sprintf("%s · %s", o.Profile.School.Name, fmt.Sprintf(tr(t("dossier %s", "incident %s")), in.ID()))
	opts.FooterNote = fmt.Sprintf(tr(t("Dossier %s · %s · règles %s · SHA-256 du fichier lu : %s", "Incident %s · %s · rules %s · SHA-256 of the file read: %s")),
		in.ID(), o.Creator, res.RulesVersion, in.SHA256)
	results := map[string]classify.StudentResult{}
	for _, r := range res.Students {
		results[r.Ref] = r
	}
	// the transmittal sheet holds on one page with its signatures: the first layout that does,
	// from the fullest to the most compact, in French and in English alike, so that the two
	// sheets of one incident state the same things (SPEC §4)
	level := 0
	for _, other := range []i18n.Lang{i18n.FR, i18n.EN} {
		lv, err := fitting(o, other)
		if err != nil {
			return nil, err
		}
		level = max(level, lv)
	}
	return pdf.Render(opts, func(d *pdf.Doc) error {
		d.Section("referral", title, true)
		transmittal(d, o, tr, level)
		d.Part(tr(t("Résumé et journal des actions", "Summary and action log")))
		summary(d, o, tr)
		for _, s := range in.Students {
			d.Part(fmt.Sprintf(tr(t("Grille de l’élève %s", "Grid of student %s")), s.Ref()))
			studentGrid(d, o, s, results[s.Ref()], tr)
		}
		d.Part(tr(t("Chaîne de possession", "Chain of custody")))
		custody(d, o, tr)
		d.Part(tr(t("Annexe : aide-mémoire juridique", "Appendix: legal reference sheet")))
		return printkit.Appendix(d, printkit.Options{Context: doc.Context{Profile: o.Profile, Lang: l, Paper: o.Paper, Now: o.Now, Templates: o.Templates}}, "legal")
	})
}

// fitting is the fullest layout of the transmittal sheet that holds on one page in language l.
func fitting(o Options, l i18n.Lang) (int, error) {
	o.Lang = l
	tr := func(x i18n.Text) string { return x.In(l) }
	title := fmt.Sprintf(tr(t("Dossier de transmission SEXTO — %s", "SEXTO referral package — %s")), o.Incident.ID())
	opts := o.PDF(title, "")
	opts.Header = fmt.Sprintf("%s · %s", o.Profile.School.Name, fmt.Sprintf(tr(t("dossier %s", "incident %s")), o.Incident.ID()))
	level := 0
	for ; level < maxCompact; level++ {
		pages, err := pdf.Pages(opts, func(d *pdf.Doc) error {
			d.Section("referral", title, true)
			transmittal(d, o, tr, level)
			return nil
		})
		if err != nil {
			return 0, err
		}
		if pages[0] == 1 {
			break
		}
	}
	return level, nil
}

func field(key string, l i18n.Lang) string {
	it, _ := grid.Lookup(key)
	return it.Label.In(l)
}

func firstRef(r classify.Result) string {
	if len(r.Students) == 0 {
		return "—"
	}
	return r.Students[0].Ref
}

func lastRef(r classify.Result) string {
	if len(r.Students) == 0 {
		return "—"
	}
	return r.Students[len(r.Students)-1].Ref
}

// joinDash joins the non-empty values, or gives a dash when all are empty.
func joinDash(vs ...string) string {
	var out []string
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return dash(strings.Join(out, ", "))
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// maxCompact is the most compact layout of the transmittal sheet.
const maxCompact = 4

// transmittal writes the sheet handed to the patrol officer. compact 0 is the full layout; 1
// lists the devices on one line (their details are in the chain of custody); 2 also lists the
// students on one line; 3 gives their numbers and where they are detailed; 4 also sets the
// closing statement without its box.
func transmittal(d *pdf.Doc, o Options, tr func(i18n.Text) string, compact int) {
	in, l, p := o.Incident, o.Lang, o.Profile
	d.Title(tr(t("Fiche de transmission à la police", "Police transmittal sheet")))
	// the parties in a sentence that needs no article (SPEC §3), as on the kit's cover
	agreement := tr(t("Aucune entente police–DPCP n’est configurée dans le profil de l’école.", "No police–DPCP agreement is configured in the school's profile."))
	if a := p.Agreement; a.Configured() {
		agreement = fmt.Sprintf(tr(t("%s · %s · en vigueur depuis le %s", "%s · %s · in force since %s")),
			a.PoliceService, a.DPCP, i18n.LongDate(a.InForceDate(), l))
	}
	v := in.Dossier.Text
	d.Table(pdf.Table{Widths: []float64{2, 8}, Rows: [][]string{
		{tr(t("École", "School")), strings.Trim(p.School.Name+", "+p.School.Address, ", ")},
		{tr(t("Entente police–DPCP", "Police–DPCP agreement")), agreement},
	}})
	pairs := [][2]string{
		{field("incident.id", l), in.ID()},
		{field("incident.police_event", l), dash(v("incident.police_event"))},
		{field("incident.disclosed_at", l), dash(v("incident.disclosed_at"))},
		{field("incident.principal_informed_at", l), dash(v("incident.principal_informed_at"))},
		{field("incident.police_called_at", l), dash(v("incident.police_called_at"))},
		{field("incident.kit_handed_at", l), dash(v("incident.kit_handed_at"))},
		{field("incident.intervener", l), dash(v("incident.intervener"))},
		{tr(t("Direction", "Principal")), dash(p.Principal.Name)},
		{field("incident.officer", l), dash(v("incident.officer"))},
		{tr(t("Service de police", "Police service")), dash(p.Police.Service)},
	}
	var rows [][]string
	for i := 0; i < len(pairs); i += 2 {
		rows = append(rows, []string{pairs[i][0], pairs[i][1], pairs[i+1][0], pairs[i+1][1]})
	}
	// identifiers (file and event numbers) are never cut
	d.Table(pdf.Table{Widths: []float64{2.2, 2.8, 2.2, 2.8}, Rows: rows, Whole: []bool{false, true, false, true}})
	if inc := o.Result.Incident.Incomplete; len(inc) > 0 {
		d.WarningBox([][]pdf.Run{pdf.Plain(fmt.Sprintf(tr(t("Grilles incomplètes : %s. Les rubriques manquantes sont indiquées avec chaque grille ; complétez-les si possible avant la remise.",
			"Incomplete grids: %s. The missing items are shown with each grid; complete them if possible before handing over.")), strings.Join(inc, ", ")))})
	}

	d.Heading(2, tr(t("Élèves et pré-classification", "Students and pre-classification")))
	switch {
	case compact >= 3 && len(o.Result.Students) == 1:
		d.Paragraph(pdf.Plain(fmt.Sprintf(tr(t("1 grille (%s), avec sa pré-classification, dans ce dossier.",
			"1 grid (%s), with its pre-classification, in this package.")), firstRef(o.Result))))
	case compact >= 3:
		d.Paragraph(pdf.Plain(fmt.Sprintf(tr(t("%d grilles (%s à %s), chacune avec sa pré-classification, dans ce dossier.",
			"%d grids (%s to %s), each with its pre-classification, in this package.")), len(o.Result.Students), firstRef(o.Result), lastRef(o.Result))))
	case compact >= 2:
		var parts []string
		for _, sr := range o.Result.Students {
			part := sr.Ref + tr(t(" : ", ": ")) + sr.Describe(l)
			if len(sr.Rules) > 0 {
				part += " (" + strings.Join(sr.Rules, ", ") + ")"
			}
			parts = append(parts, part)
		}
		d.Paragraph(pdf.Plain(strings.Join(parts, " · ") + "."))
	default:
		var srows [][]string
		for _, sr := range o.Result.Students {
			var roles string
			for _, s := range in.Students {
				if s.Ref() == sr.Ref {
					roles = strings.Join(grid.Roles(s.Code, l), ", ")
				}
			}
			srows = append(srows, []string{sr.Ref, dash(roles), sr.Describe(l), dash(strings.Join(sr.Rules, ", "))})
		}
		d.Table(pdf.Table{Widths: []float64{1, 4, 3, 3}, Header: []string{tr(t("Réf.", "Ref")), tr(t("Rôles", "Roles")),
			tr(t("Pré-classification", "Pre-classification")), tr(t("Règles", "Rules"))}, Rows: srows})
	}
	d.Small(pdf.Plain(fmt.Sprintf(tr(t("%s. Dossier : %s.", "%s. Incident: %s.")), tr(classify.Indicative), o.Result.Incident.Describe(l))))

	d.Heading(2, tr(t("Appareils scellés", "Sealed devices")))
	devs := Devices(in, l)
	switch {
	case len(devs) == 0:
		d.Paragraph(pdf.Plain(tr(t("Aucun appareil n’est inscrit au dossier.", "No device is recorded in the file."))))
	case compact >= 3:
		msg := t("%d sacs scellés ; le numéro et le détail de chacun sont dans la chaîne de possession.",
			"%d sealed bags; each one's number and details are in the chain of custody.")
		if len(devs) == 1 {
			msg = t("%d sac scellé ; son numéro et son détail sont dans la chaîne de possession.",
				"%d sealed bag; its number and details are in the chain of custody.")
		}
		d.Paragraph(pdf.Plain(fmt.Sprintf(tr(msg), len(devs))))
	case compact >= 1:
		var parts []string
		for _, dv := range devs {
			parts = append(parts, dash(dv.Seal)+" ("+dv.Ref+")")
		}
		msg := t("%d sacs scellés : %s. Le détail de chaque appareil est dans la chaîne de possession.",
			"%d sealed bags: %s. Each device is described in the chain of custody.")
		if len(devs) == 1 {
			msg = t("%d sac scellé : %s. Le détail de l’appareil est dans la chaîne de possession.",
				"%d sealed bag: %s. The device is described in the chain of custody.")
		}
		d.Paragraph(pdf.Plain(fmt.Sprintf(tr(msg), len(devs), strings.Join(parts, ", "))))
	default:
		var drows [][]string
		for _, dv := range devs {
			drows = append(drows, []string{dash(dv.Seal), dv.Ref, dash(dv.Description)})
		}
		d.Table(pdf.Table{Widths: []float64{2, 1, 5}, Header: []string{field("device.seal_no", l), tr(t("Réf.", "Ref")), tr(t("Description", "Description"))}, Rows: drows,
			Whole: []bool{true, true}})
	}

	// what is handed over, counted from the workbook, ticked by hand at the hand-over
	d.Heading(2, tr(t("Documents et objets remis", "Documents and items handed over")))
	d.TickItem(pdf.Plain(fmt.Sprintf(tr(t("Grilles d’évaluation, une par élève (nombre : %d)", "Evaluation grids, one per student (number: %d)")), len(in.Students))))
	if len(devs) > 0 {
		d.TickItem(pdf.Plain(fmt.Sprintf(tr(t("Appareils dans des sacs scellés et étiquetés (nombre : %d)", "Devices in sealed, labelled bags (number: %d)")), len(devs))))
	}
	d.TickItem(pdf.Plain(tr(t("Formulaire de confiscation et de chaîne de possession (dans ce dossier)", "Device seizure and chain-of-custody form (in this package)"))))
	d.TickItem(pdf.Plain(tr(t("Journal des actions (dans ce dossier)", "Action log (in this package)"))))
	d.TickItem(pdf.Plain(tr(t("Copies des notes de l’intervenant(e)", "Copies of the intervener's notes"))))

	statement := [][]pdf.Run{{{Text: tr(t("Aucune image ni vidéo n’a été regardée, copiée ou jointe à ce dossier.",
		"No image or video was viewed, copied or attached to this file.")), Bold: true}}}
	if len(devs) > 0 {
		statement = append(statement, pdf.Plain(tr(t("Les appareils ont été scellés sans être déverrouillés ni consultés. Ce dossier ne contient que les déclarations des jeunes.",
			"The devices were sealed without being unlocked or browsed. This file holds only what the young people said."))))
	} else {
		statement = append(statement, pdf.Plain(tr(t("Ce dossier ne contient que les déclarations des jeunes.", "This file holds only what the young people said."))))
	}
	if compact >= 4 {
		d.Ensure(d.ParagraphHeight(statement[0]) + d.ParagraphHeight(statement[1]) + d.SignaturesHeight())
		d.Paragraph(statement[0])
		d.Paragraph(statement[1])
	} else {
		d.Ensure(d.WarningBoxHeight(statement) + d.SignaturesHeight()) // the statement stays with the signatures
		d.WarningBox(statement)
	}
	d.Signatures([]string{tr(t("Intervenant(e)", "Intervener")), tr(t("Direction", "Principal")), tr(t("Policier ou policière", "Police officer"))})
}

func summary(d *pdf.Doc, o Options, tr func(i18n.Text) string) {
	in := o.Incident
	d.Heading(2, field("incident.summary", o.Lang))
	if s := in.Dossier.Text("incident.summary"); s != "" {
		for _, para := range strings.Split(s, "\n") {
			if strings.TrimSpace(para) != "" {
				d.Paragraph(pdf.Plain(para))
			}
		}
	} else {
		d.Paragraph(pdf.Plain(tr(t("Aucun résumé n’a été inscrit au dossier.", "No summary was entered in the file."))))
	}
	d.Heading(2, tr(t("Journal des actions", "Action log")))
	var rows [][]string
	for _, e := range in.Timeline {
		at := ""
		if !e.At.IsZero() {
			at = e.At.In(clock.Zone).Format("2006-01-02 15:04")
		}
		rows = append(rows, []string{dash(at), dash(e.Text), dash(e.By)})
	}
	if len(rows) == 0 {
		d.Paragraph(pdf.Plain(tr(t("Le journal des actions est vide.", "The action log is empty."))))
		return
	}
	d.Table(pdf.Table{Widths: []float64{2, 6, 2}, Header: []string{tr(t("Date et heure", "Date and time")), tr(t("Action", "Action")), tr(t("Par qui", "By whom"))}, Rows: rows})
}

func studentGrid(d *pdf.Doc, o Options, s workbook.Student, r classify.StudentResult, tr func(i18n.Text) string) {
	l := o.Lang
	name := strings.TrimSpace(s.Text("student.first_name") + " " + s.Text("student.last_name"))
	d.Title(fmt.Sprintf(tr(t("Grille d’évaluation — %s", "Evaluation grid — %s")), strings.TrimSpace(s.Ref()+" "+name)))
	printkit.DrawGrid(d, l, s.Ref(), &s)
	d.Heading(2, tr(t("Pré-classification indicative", "Indicative pre-classification")))
	var ps [][]pdf.Run
	for _, id := range r.Rules {
		rule, _ := classify.RuleByID(id)
		ps = append(ps, []pdf.Run{{Text: id + " ", Bold: true}, {Text: tr(rule.Statement) + " " + tr(rule.Basis)}})
	}
	ps = append(ps, doc.FactRuns(r, l)...)
	if len(r.Missing) > 0 {
		ps = append(ps, []pdf.Run{{Text: tr(t("Rubriques manquantes : ", "Missing items: ")), Bold: true}, {Text: grid.LabelList(r.Missing, l)}})
	}
	ps = append(ps, pdf.Plain(tr(classify.Indicative)+"."))
	d.MarkedBox(doc.Mark(r.Orientation), r.Describe(l), ps, r.Orientation == classify.UrgentCall)
}

func custody(d *pdf.Doc, o Options, tr func(i18n.Text) string) {
	l := o.Lang
	d.Title(tr(t("Confiscation des appareils et chaîne de possession", "Device seizure and chain of custody")))
	devs := Devices(o.Incident, l)
	if len(devs) == 0 {
		d.Paragraph(pdf.Plain(tr(t("Aucun appareil n’est inscrit au dossier.", "No device is recorded in the file."))))
		return
	}
	var rows [][]string
	for _, dv := range devs {
		device := dash(dv.Description)
		if dv.Serial != "" {
			device += " · " + tr(t("N° de série ou IMEI : ", "Serial no. or IMEI: ")) + dv.Serial
		}
		if dv.State != "" {
			device += " · " + tr(t("À la saisie : ", "When seized: ")) + dv.State
		}
		rows = append(rows, []string{dv.Ref, device, dash(dv.Seal), joinDash(dv.SealedAt, dv.SealedBy), dash(dv.Witness), joinDash(dv.HandedTo, dv.HandedAt)})
	}
	d.Table(pdf.Table{Widths: []float64{1.1, 3.6, 1.8, 2.4, 2, 2.4}, Header: []string{tr(t("Réf.", "Ref")), tr(t("Appareil (extérieur)", "Device (outside)")),
		field("device.seal_no", l), tr(t("Scellé le, par", "Sealed at, by")), field("device.witness", l), tr(t("Remis à, le", "Handed to, at"))}, Rows: rows,
		Whole: []bool{true, false, true}})
	d.Small(pdf.Plain(tr(t("Chaque appareil a été placé tel quel dans un sac scellé, sans être déverrouillé, consulté, copié ni réinitialisé.",
		"Each device was placed as it was in a sealed bag, without being unlocked, browsed, copied or reset."))))
	d.Signatures([]string{tr(t("Intervenant(e)", "Intervener")), tr(t("Témoin", "Witness")), tr(t("Policier(ère)", "Officer"))})
}
