package workbook

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// TemplateOptions configure a blank incident workbook.
type TemplateOptions struct {
	Lang     i18n.Lang
	Students int
	Paper    string // "letter" or "a4"
	Now      time.Time
	School   string
	Creator  string
}

// Column widths, in characters.
const (
	widthKey    = 24
	widthLabel  = 40
	widthAnswer = 62 // the widest: what was typed must show
	widthHelp   = 34
	eventRows   = 60 // formatted lines of the action log
)

type styles struct {
	header, section, label, answer, answerDate, answerDateTime, help, title int
}

func (w *writer) styles() (err error) {
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	font := func(bold bool, size float64, color string) *excelize.Font {
		return &excelize.Font{Bold: bold, Size: size, Family: "Arial", Color: color}
	}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "top"}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	answerFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF8DC"}}
	dateFmt := "yyyy-mm-dd"
	dateTimeFmt := "yyyy-mm-dd hh:mm"
	specs := []struct {
		dst *int
		s   *excelize.Style
	}{
		{&w.st.header, &excelize.Style{Font: font(true, 10, "FFFFFF"), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"404040"}},
			Alignment: &excelize.Alignment{Vertical: "center"}, Border: border, Protection: locked}},
		{&w.st.section, &excelize.Style{Font: font(true, 11, "000000"), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Alignment: &excelize.Alignment{Vertical: "center"}, Border: border, Protection: locked}},
		{&w.st.label, &excelize.Style{Font: font(false, 10, "000000"), Alignment: wrap, Border: border, Protection: locked}},
		{&w.st.answer, &excelize.Style{Font: font(false, 10, "000000"), Alignment: wrap, Border: border, Fill: answerFill, Protection: unlocked}},
		{&w.st.answerDate, &excelize.Style{Font: font(false, 10, "000000"), Alignment: wrap, Border: border, Fill: answerFill, Protection: unlocked, CustomNumFmt: &dateFmt}},
		{&w.st.answerDateTime, &excelize.Style{Font: font(false, 10, "000000"), Alignment: wrap, Border: border, Fill: answerFill, Protection: unlocked, CustomNumFmt: &dateTimeFmt}},
		{&w.st.help, &excelize.Style{Font: &excelize.Font{Italic: true, Size: 9, Family: "Arial", Color: "595959"}, Alignment: wrap, Border: border, Protection: locked}},
		{&w.st.title, &excelize.Style{Font: font(true, 10, "000000"), Protection: locked}},
	}
	for _, s := range specs {
		if *s.dst, err = w.f.NewStyle(s.s); err != nil {
			return err
		}
	}
	return nil
}

type writer struct {
	f     *excelize.File
	o     TemplateOptions
	st    styles
	lists map[string]string // item key -> defined name of its list
}

// Template writes a blank incident workbook: the incident sheet, one sheet per student, the
// action log, and a hidden, protected sheet of the dropdown lists.
func Template(o TemplateOptions) ([]byte, error) {
	if o.Students <= 0 {
		o.Students = 4
	}
	w := &writer{f: excelize.NewFile(), o: o, lists: map[string]string{}}
	defer w.f.Close()
	l := o.Lang
	if err := w.styles(); err != nil {
		return nil, err
	}
	if err := w.f.SetSheetName("Sheet1", dossierName.In(l)); err != nil {
		return nil, err
	}
	if err := w.listSheet(); err != nil {
		return nil, err
	}
	if err := w.itemSheet(dossierName.In(l), []grid.Section{grid.Incident}, ""); err != nil {
		return nil, err
	}
	for i := 1; i <= o.Students; i++ {
		name := StudentSheetName(l, i)
		if _, err := w.f.NewSheet(name); err != nil {
			return nil, err
		}
		if err := w.itemSheet(name, grid.Student, fmt.Sprintf("E%d", i)); err != nil {
			return nil, err
		}
	}
	if err := w.devicesSheet(); err != nil {
		return nil, err
	}
	if err := w.timelineSheet(); err != nil {
		return nil, err
	}
	// the list sheet last, out of the way, hidden and protected
	lists := listsName.In(l)
	if err := w.f.MoveSheet(lists, timelineName.In(l)); err != nil {
		return nil, err
	}
	if err := w.f.MoveSheet(timelineName.In(l), lists); err != nil {
		return nil, err
	}
	if err := w.f.SetSheetVisible(lists, false, true); err != nil {
		return nil, err
	}
	w.f.SetActiveSheet(0)
	if err := w.props(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := w.f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (w *writer) props() error {
	l := w.o.Lang
	when := w.o.Now.UTC().Format(time.RFC3339)
	return w.f.SetDocProps(&excelize.DocProperties{
		Title:          i18n.T("Classeur d'incident SEXTO", "SEXTO incident workbook").In(l),
		Subject:        i18n.T("Grilles d'évaluation de l'incident", "Incident evaluation grids").In(l),
		Creator:        w.o.Creator,
		LastModifiedBy: w.o.Creator,
		Created:        when,
		Modified:       when,
		Language:       string(l) + "-CA",
		Description: i18n.T("Confidentiel. Ne jamais joindre d'image ni décrire le contenu.",
			"Confidential. Never attach an image or describe the content.").In(l),
	})
}

// listName is the defined name of an item's dropdown list.
func listName(key string) string {
	return "L_" + strings.NewReplacer(".", "_").Replace(key)
}

// listSheet writes one column per coded item, in the workbook's language, and names each
// range for the dropdowns.
func (w *writer) listSheet() error {
	l := w.o.Lang
	name := listsName.In(l)
	if _, err := w.f.NewSheet(name); err != nil {
		return err
	}
	col := 1
	add := func(it grid.Item) error {
		if it.Kind != grid.Choice {
			return nil
		}
		c := colLetter(col)
		if err := w.f.SetCellStr(name, c+"1", it.Key); err != nil {
			return err
		}
		for i, o := range it.Options {
			if err := w.f.SetCellStr(name, fmt.Sprintf("%s%d", c, i+2), o.Label.In(l)); err != nil {
				return err
			}
		}
		dn := listName(it.Key)
		w.lists[it.Key] = dn
		col++
		return w.f.SetDefinedName(&excelize.DefinedName{
			Name:     dn,
			RefersTo: fmt.Sprintf("'%s'!$%s$2:$%s$%d", name, c, c, len(it.Options)+1),
		})
	}
	for _, it := range grid.Incident.Items {
		if err := add(it); err != nil {
			return err
		}
	}
	for _, s := range grid.Student {
		for _, it := range s.Items {
			if err := add(it); err != nil {
				return err
			}
		}
	}
	for _, it := range grid.Devices.Items {
		if err := add(it); err != nil {
			return err
		}
	}
	return w.f.ProtectSheet(name, &excelize.SheetProtectionOptions{SelectLockedCells: true})
}

// itemSheet writes one item per row: key (hidden), label, answer, help; section titles
// between groups when there are several.
func (w *writer) itemSheet(name string, sections []grid.Section, ref string) error {
	f, l := w.f, w.o.Lang
	for i, h := range headers {
		if err := f.SetCellStr(name, colLetter(i+1)+"1", h.In(l)); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(name, "A1", "D1", w.st.header); err != nil {
		return err
	}
	last, err := itemRows(sections, func(row int, s *grid.Section, it *grid.Item) error {
		if it != nil {
			return w.itemRow(name, row, *it, ref)
		}
		cell := fmt.Sprintf("B%d", row)
		if err := f.SetCellStr(name, cell, s.Title.In(l)); err != nil {
			return err
		}
		if err := f.MergeCell(name, cell, fmt.Sprintf("D%d", row)); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, fmt.Sprintf("A%d", row), fmt.Sprintf("D%d", row), w.st.section); err != nil {
			return err
		}
		return f.SetRowHeight(name, row, 20)
	})
	if err != nil {
		return err
	}
	for col, width := range []float64{widthKey, widthLabel, widthAnswer, widthHelp} {
		c := colLetter(col + 1)
		if err := f.SetColWidth(name, c, c, width); err != nil {
			return err
		}
	}
	if err := f.SetColVisible(name, "A", false); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "C2", ActiveCell: "C2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := w.printSetup(name, last); err != nil {
		return err
	}
	return f.ProtectSheet(name, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	})
}

func (w *writer) itemRow(name string, row int, it grid.Item, ref string) error {
	f, l := w.f, w.o.Lang
	a, b, c, d := fmt.Sprintf("A%d", row), fmt.Sprintf("B%d", row), fmt.Sprintf("C%d", row), fmt.Sprintf("D%d", row)
	label := it.Label.In(l)
	if it.Required {
		label += " *"
	}
	for _, kv := range [][2]string{{a, it.Key}, {b, label}, {d, w.help(it)}} {
		if err := f.SetCellStr(name, kv[0], kv[1]); err != nil {
			return err
		}
	}
	f.SetCellStyle(name, a, b, w.st.label)
	f.SetCellStyle(name, d, d, w.st.help)
	style := w.st.answer
	switch it.Kind {
	case grid.Date:
		style = w.st.answerDate
	case grid.DateTime:
		style = w.st.answerDateTime
	}
	f.SetCellStyle(name, c, c, style)
	if it.Key == "student.ref" && ref != "" {
		f.SetCellStr(name, c, ref)
	}
	// no fixed height: the row grows with its wrapped text on screen and in print (a
	// spreadsheet recomputes the height of a row that has none of its own)
	return w.validation(name, c, it)
}

// help is the text of column D: the item's own help, or how to answer it.
func (w *writer) help(it grid.Item) string {
	l := w.o.Lang
	if it.Help.FR != "" {
		return it.Help.In(l)
	}
	switch it.Kind {
	case grid.Choice:
		return i18n.T("Choisir dans la liste", "Choose from the list").In(l)
	case grid.Date:
		return i18n.T("AAAA-MM-JJ", "YYYY-MM-DD").In(l)
	case grid.DateTime:
		return i18n.T("AAAA-MM-JJ HH:MM", "YYYY-MM-DD HH:MM").In(l)
	case grid.Int:
		return fmt.Sprintf(i18n.T("Nombre entier de %d à %d", "Whole number from %d to %d").In(l), it.Min, it.Max)
	}
	return ""
}

func (w *writer) validation(sheet, cell string, it grid.Item) error {
	l := w.o.Lang
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(cell)
	title := shortTitle(it.Label.In(l))
	switch it.Kind {
	case grid.Choice:
		dv.SetSqrefDropList(w.lists[it.Key])
		dv.SetInput(title, i18n.T("Choisissez une réponse dans la liste.", "Choose an answer from the list.").In(l))
		dv.SetError(excelize.DataValidationErrorStyleWarning, title,
			i18n.T("Cette réponse n'est pas dans la liste. Choisissez-en une dans la liste.",
				"This answer is not in the list. Choose one from the list.").In(l))
	case grid.Int:
		if err := dv.SetRange(it.Min, it.Max, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		msg := fmt.Sprintf(i18n.T("Un nombre entier de %d à %d.", "A whole number from %d to %d.").In(l), it.Min, it.Max)
		dv.SetInput(title, msg)
		dv.SetError(excelize.DataValidationErrorStyleStop, title, msg)
	case grid.Date, grid.DateTime:
		hint := i18n.T("Date au format AAAA-MM-JJ", "Date as YYYY-MM-DD").In(l)
		if it.Kind == grid.DateTime {
			hint = i18n.T("Date et heure au format AAAA-MM-JJ HH:MM", "Date and time as YYYY-MM-DD HH:MM").In(l)
		}
		dv.SetInput(title, hint+".")
	default:
		if it.Key == "notes" || it.Key == "incident.summary" {
			dv.SetInput(title, i18n.T("Les faits seulement. Ne décrivez jamais le contenu (photo, vidéo).",
				"Facts only. Never describe the content (photo, video).").In(l))
		} else {
			return nil
		}
	}
	return w.f.AddDataValidation(sheet, dv)
}

func (w *writer) printSetup(sheet string, lastRow int) error {
	size := 1 // US Letter
	if w.o.Paper == "a4" {
		size = 9
	}
	portrait := "portrait"
	one, zero := 1, 0
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &portrait, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	conf := i18n.T("CONFIDENTIEL", "CONFIDENTIAL").In(w.o.Lang)
	page := i18n.T("Page &P de &N", "Page &P of &N").In(w.o.Lang)
	return w.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"Arial,Bold\"" + conf + "&R&A",
		OddFooter: "&L" + strings.ReplaceAll(w.o.School, "&", "&&") + "&R" + page,
	})
}

func (w *writer) timelineSheet() error {
	f, l := w.f, w.o.Lang
	name := timelineName.In(l)
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	for i, h := range eventHeaders {
		if err := f.SetCellStr(name, colLetter(i+1)+"1", h.In(l)); err != nil {
			return err
		}
	}
	f.SetCellStyle(name, "A1", "C1", w.st.header)
	f.SetCellStyle(name, "A2", fmt.Sprintf("A%d", eventRows+1), w.st.answerDateTime)
	f.SetCellStyle(name, "B2", fmt.Sprintf("C%d", eventRows+1), w.st.answer)
	for col, width := range []float64{20, 70, 28} {
		c := colLetter(col + 1)
		f.SetColWidth(name, c, c, width)
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("A2:A%d", eventRows+1))
	dv.SetInput(eventHeaders[0].In(l), i18n.T("AAAA-MM-JJ HH:MM. Jamais de description du contenu.",
		"YYYY-MM-DD HH:MM. Never a description of the content.").In(l))
	if err := f.AddDataValidation(name, dv); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := w.printSetup(name, eventRows+1); err != nil {
		return err
	}
	return f.ProtectSheet(name, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true, InsertRows: true,
	})
}

// devicesSheet writes the devices table (SPEC §6, §7.3): the keys in row 1, hidden; the
// labels in row 2; then one answer row per device, any number per student.
func (w *writer) devicesSheet() error {
	f, l := w.f, w.o.Lang
	name := devicesName.In(l)
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	items := grid.Devices.Items
	rows := max(12, 3*w.o.Students)
	last := colLetter(len(items))
	for i, it := range items {
		c := colLetter(i + 1)
		label := it.Label.In(l)
		if it.Required {
			label += " *"
		}
		if err := f.SetCellStr(name, c+"1", it.Key); err != nil {
			return err
		}
		if err := f.SetCellStr(name, c+"2", label); err != nil {
			return err
		}
		style := w.st.answer
		switch it.Kind {
		case grid.DateTime:
			style = w.st.answerDateTime
		case grid.Date:
			style = w.st.answerDate
		}
		if err := f.SetCellStyle(name, c+"3", fmt.Sprintf("%s%d", c, rows+2), style); err != nil {
			return err
		}
		width := 16.0
		switch it.Key {
		case "device.description":
			width = 34
		case "device.serial", "device.handed_to", "device.sealed_by", "device.witness":
			width = 22
		case "device.owner", "device.state":
			width = 12
		}
		if err := f.SetColWidth(name, c, c, width); err != nil {
			return err
		}
		if err := w.columnValidation(name, fmt.Sprintf("%s3:%s%d", c, c, rows+2), it); err != nil {
			return err
		}
	}
	f.SetCellStyle(name, "A1", last+"1", w.st.label)
	f.SetCellStyle(name, "A2", last+"2", w.st.header)
	f.SetRowHeight(name, 2, 48)
	if err := f.SetRowVisible(name, 1, false); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := w.printSetup(name, rows+2); err != nil {
		return err
	}
	landscape := "landscape"
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &landscape}); err != nil {
		return err
	}
	return f.ProtectSheet(name, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true, InsertRows: true,
	})
}

// columnValidation is validation() for a range of the devices table: the owner's ref from
// the grids' refs, codes from their list, dates with their format.
func (w *writer) columnValidation(sheet, sqref string, it grid.Item) error {
	l := w.o.Lang
	if it.Key == "device.owner" {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(sqref)
		refs := make([]string, w.o.Students)
		for i := range refs {
			refs[i] = fmt.Sprintf("E%d", i+1)
		}
		if err := dv.SetDropList(refs); err != nil {
			return err
		}
		dv.SetInput(it.Label.In(l), i18n.T("La réf. de la grille de l'élève à qui appartient l'appareil.",
			"The ref of the grid of the student who owns the device.").In(l))
		dv.SetError(excelize.DataValidationErrorStyleWarning, it.Label.In(l),
			i18n.T("Cette réf. n'est pas celle d'une grille du classeur.", "This ref is not one of the workbook's grids.").In(l))
		return w.f.AddDataValidation(sheet, dv)
	}
	if it.Kind == grid.Text {
		if it.Help.FR == "" {
			return nil
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(sqref)
		dv.SetInput(shortTitle(it.Label.In(l)), it.Help.In(l))
		return w.f.AddDataValidation(sheet, dv)
	}
	return w.validation(sheet, sqref, it)
}

// shortTitle fits a label to the spreadsheet's limit for input-message titles.
func shortTitle(title string) string {
	if len([]rune(title)) > 32 {
		return string([]rune(title)[:31]) + "…"
	}
	return title
}
