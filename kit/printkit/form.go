package printkit

import (
	"fmt"
	"strings"

	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/profile"
	"sexto/kit/secure"
)

// The fillable incident form (SPEC §10): the incident page, one grid per student (the kit's
// grid, from its template), the devices page and the action log, laid out as on paper, every
// answer area a form field named by its item key. Field names (the PDF's period hierarchy):
//
//	incident.<item>          the incident page (incident.id also on each grid and the log)
//	E<n>.<key>               student n's grid: E2.role.depicted, E2.intent.motive…
//	D<n>.<key>               device n of the devices page: D1.device.seal_no…
//	T<n>.at, .action, .by    row n of the action log
//
// The kit's own templates are used whatever the school's override folder: the fields are a
// contract that the reader relies on.

// FormDevices is the least number of device blocks on the devices page; a form for more
// students has one per student.
const FormDevices = 4

type formWords struct {
	title, intro, never      string
	devicesTitle, devicesTip string
	device                   string // "Appareil D%d"
}

func formText(l i18n.Lang) formWords {
	if l == i18n.EN {
		return formWords{
			title:        "SEXTO incident form",
			intro:        "Fill in this form in a PDF reader (Adobe Acrobat Reader, Microsoft Edge, Chrome, Firefox or Preview): click a box to tick it, a line to type on it. Save it, then check it with “sexto check FILE.pdf”. Once filled in, it holds personal information about minors: keep it in a personal folder and never send it by email.",
			never:        "Write down what the youths say, never what the content shows. Never attach or paste an image: a form that holds one is refused.",
			devicesTitle: "Seized devices",
			devicesTip:   "One block per seized device, whoever owns it: enter the ref of the owner's grid (E1, E2…). Describe only the outside; never switch on, unlock or browse the device.",
			device:       "Device D%d",
		}
	}
	return formWords{
		title:        "Formulaire d’incident SEXTO",
		intro:        "Remplissez ce formulaire dans un lecteur PDF (Adobe Acrobat Reader, Microsoft Edge, Chrome, Firefox ou Aperçu) : cliquez dans une case pour la cocher, sur une ligne pour y écrire. Enregistrez-le, puis vérifiez-le avec « sexto check FICHIER.pdf ». Rempli, il contient des renseignements personnels sur des mineurs : gardez-le dans un dossier personnel et ne l’envoyez jamais par courriel.",
		never:        "Inscrivez ce que les jeunes disent, jamais ce que montre le contenu. N’y joignez ni n’y collez jamais d’image : un formulaire qui en contient est refusé.",
		devicesTitle: "Appareils saisis",
		devicesTip:   "Un bloc par appareil confisqué, quel que soit son propriétaire : inscrivez la réf. de la grille de l’élève (E1, E2…). Décrivez seulement l’extérieur ; n’allumez, ne déverrouillez et ne consultez jamais l’appareil.",
		device:       "Appareil D%d",
	}
}

// Form renders the fillable incident form for o.Students students, its fields added.
func Form(o Options) ([]byte, error) {
	b, boxes, err := FormPages(o)
	if err != nil {
		return nil, err
	}
	return secure.AddForm(b, boxes, secure.FormMark{Version: secure.FormVersion, Lang: o.Lang})
}

// FormPages renders the form's pages, without its fields, and the answer areas where the
// fields go.
func FormPages(o Options) ([]byte, []pdf.FieldBox, error) {
	if o.Profile == nil {
		o.Profile = profile.Specimen()
	}
	if o.Students <= 0 {
		o.Students = DefaultStudents
	}
	if o.Students > MaxStudents {
		return nil, nil, i18n.Errorf(i18n.T("au plus %d grilles par formulaire", "at most %d grids per form"), MaxStudents)
	}
	if o.Paper == "" {
		o.Paper = pdf.Letter
	}
	o.Templates = ""
	base := o.data()
	fw := formText(o.Lang)
	var parts []part
	for i := 1; i <= o.Students; i++ {
		d := base
		d.Ref, d.Copy = fmt.Sprintf("E%d", i), i
		doc, _ := Lookup("grid")
		md, err := o.parse("grid", d)
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, part{doc: doc, key: "grid-" + d.Ref, title: md.Title + " — " + d.Ref, md: md, data: d})
	}
	doc, _ := Lookup("timeline")
	md, err := o.parse("timeline", base)
	if err != nil {
		return nil, nil, err
	}
	timeline := part{doc: doc, key: "timeline", title: md.Title, md: md, data: base}

	w := words(o.Lang)
	school := o.Profile.School.Name
	opts := pdf.Options{
		Paper: o.Paper, Lang: string(o.Lang) + "-CA", Title: fw.title, Author: school,
		Subject: w.subject, Creator: o.Creator, Now: o.Now,
		Specimen: !o.Profile.Agreement.Configured(), Header: fmt.Sprintf(w.kit, school), Words: w.pdf,
	}
	r := &renderer{o: &o, w: w, parts: parts, form: true}
	devices := max(FormDevices, o.Students)
	return pdf.RenderForm(opts, func(d *pdf.Doc) error {
		l := o.Lang
		d.Section("form-incident", grid.Incident.Title.In(l), true)
		d.Title(fw.title)
		d.Paragraph(pdf.Plain(fw.intro))
		d.WarningBox([][]pdf.Run{pdf.Plain(fw.never)})
		drawItems(d, w, l, &grid.Incident, "", "")
		for _, p := range parts {
			d.Section(p.key, p.title, true)
			r.blocks(d, p, false)
		}
		d.Section("form-devices", fw.devicesTitle, true)
		d.Title(fw.devicesTitle)
		d.Paragraph(pdf.Plain(fw.devicesTip))
		for n := 1; n <= devices; n++ {
			drawItems(d, w, l, &grid.Devices, fmt.Sprintf("D%d", n), fmt.Sprintf(fw.device, n))
		}
		d.Section(timeline.key, timeline.title, true)
		r.blocks(d, timeline, false)
		return d.Err()
	})
}

// drawItems draws a section's items under a band, each named prefix.key ("" prefix: the key).
func drawItems(d *pdf.Doc, w chrome, l i18n.Lang, s *grid.Section, prefix, band string) {
	if band == "" {
		band = s.Title.In(l)
	}
	rows := make([]pdf.ItemRow, len(s.Items))
	for i, it := range s.Items {
		rows[i] = itemRow(w, l, it, "", nil)
		formRow(&rows[i], it)
	}
	// a device's block is filled in at once: it starts on a new page rather than leave its
	// band and first row at the foot of one
	if strings.HasPrefix(prefix, "D") {
		if h := d.GridBlockHeight(rows); h < d.PageRoom() {
			d.Ensure(h)
		}
	}
	d.GridBand(band)
	for i, it := range s.Items {
		markItem(d, prefix, it, "")
		d.GridItem(rows[i])
	}
	d.Space(3)
}

// formRow adapts a paper grid row to the form: a student's ref is the field's first text
// rather than ink on the page, and free texts get several lines, their help beside the label
// (a hint at the end of the first line would lie under the typed text).
func formRow(row *pdf.ItemRow, it grid.Item) {
	if it.Key == "student.ref" {
		row.Value, row.Hint = "", ""
	}
	if n := it.Lines; n > 1 {
		// a form's text field scrolls: ten lines show enough of the longest
		row.Lines = max(row.Lines, min(n, 10))
		if row.Hint != "" {
			row.Label += " (" + row.Hint + ")"
			row.Hint = ""
		}
	}
}

// markItem names the answer area of the next item drawn: prefix.key, or the key alone; a
// student's ref field holds the grid's ref at first.
func markItem(d *pdf.Doc, prefix string, it grid.Item, ref string) {
	name := it.Key
	if prefix != "" {
		name = prefix + "." + it.Key
	}
	if it.Key == "student.ref" {
		d.MarkWith(pdf.FieldName{Name: name, Default: ref})
		return
	}
	d.Mark(name)
}

// markFields names the writing lines of a Fields block whose labels are catalogue items (the
// file number at the top of each grid and of the action log): the same field as on the
// incident page.
func markFields(d *pdf.Doc, l i18n.Lang, labels []string) {
	// the templates write "N° de dossier" with a no-break space, the catalogue with a space
	same := func(a, b string) bool {
		sp := strings.NewReplacer("\u00a0", " ", "\u202f", " ")
		return strings.EqualFold(sp.Replace(strings.TrimSpace(a)), sp.Replace(strings.TrimSpace(b)))
	}
	for _, label := range labels {
		name := ""
		for _, it := range grid.Incident.Items {
			if same(it.Label.In(l), label) {
				name = it.Key
			}
		}
		d.Mark(name)
	}
}

// EventColumns are the fields of one row of the action log, in the table's column order.
var EventColumns = []string{"at", "action", "by"}

// markRows names the cells of the action log's blank rows: T1.at, T1.action, T1.by, T2.at…
func markRows(d *pdf.Doc, rows int) {
	for n := 1; n <= rows; n++ {
		for _, c := range EventColumns {
			d.Mark(fmt.Sprintf("T%d.%s", n, c))
		}
	}
}
