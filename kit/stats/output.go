package stats

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"sexto/kit/clock"
	"sexto/kit/doc"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/workbook"
)

var t = i18n.T

// Texts shared by the PDF, the CSV and the workbook.
var (
	fewNote = t("Moins de 5 dossiers : aucune répartition n'est présentée. Avec si peu de dossiers, chaque chiffre (orientation, rôle, niveau, moyen, mois) décrirait des élèves qu'on peut reconnaître. Relancez les statistiques quand au moins 5 dossiers seront réunis.",
		"Fewer than 5 incidents: no breakdown is shown. With so few incidents, every figure (orientation, role, grade, channel, month) would describe students who can be recognised. Run the statistics again once at least 5 incidents are gathered.")
	smallNote = t("« < 5 » : un nombre de 1 à 4.", "“< 5”: a count from 1 to 4.")
	maskNote  = t("« masqué » : un nombre de 5 ou plus, caché pour qu'on ne puisse pas retrouver un « < 5 » à partir d'un total ou d'un autre tableau.",
		"“suppressed”: a count of 5 or more, hidden so that a “< 5” cannot be worked out from a total or from another table.")
	ruleNote = t("Statistiques anonymes : aucun nom, aucune référence d'élève, aucun numéro de dossier ni date plus précise que le mois. Tout nombre de 1 à 4 est remplacé par « < 5 ». Dans un tableau dont le total est donné, un second nombre, de 5 ou plus, est alors caché et marqué « masqué » pour qu'on ne puisse pas retrouver le premier par soustraction, et un nombre qu'un autre tableau permettrait de retrouver est caché avec lui (les élèves représentés et l'orientation « Soutien »). Une répartition où cela ne suffirait pas, compte tenu de tout ce qui est publié, n'est pas présentée, ni aucune répartition de moins de 5 cas. Une proportion n'est pas donnée quand elle révélerait un nombre de 1 à 4. Les orientations sont des pré-classifications indicatives : la décision appartient au DPCP.",
		"Anonymous statistics: no name, no student ref, no incident number and no date finer than the month. Every count from 1 to 4 is shown as “< 5”. In a table whose total is given, one more count, of 5 or more, is then hidden and marked “suppressed”, so that the first cannot be worked out by subtraction, and a count that another table would give away is hidden with it (depicted students and the “Support” orientation). A breakdown where that would not be enough, given everything published, is not shown, nor any breakdown of fewer than 5 cases. A share is not given when it would reveal a count from 1 to 4. Orientations are indicative pre-classifications: the decision belongs to the DPCP.")
)

// share writes k out of n as a percentage, unless it would give a count from 1 to 4 away:
// the k themselves ("< 5") or the n-k others ("masqué"); "n < 5" when n itself is too small.
func share(k, n int, l i18n.Lang) string {
	switch {
	case n < MinCount:
		return fmt.Sprintf("n < %d", MinCount)
	case k > 0 && k < MinCount:
		return Show(Suppressed, l)
	case n-k > 0 && n-k < MinCount:
		return Show(Masked, l)
	}
	p := fmt.Sprintf("%.0f", 100*float64(k)/float64(n))
	if l == i18n.EN {
		return p + "%"
	}
	return p + " %"
}

// decimal writes v with one decimal, a comma in French.
func decimal(v float64, l i18n.Lang) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	if l == i18n.FR {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// line is one row of the CSV and of the workbook: a section, a category and its value (an
// int, hours as a float64, or text such as "< 5", "masqué" or "31 %").
type line struct {
	section, label string
	value          any
}

// text writes a value as the CSV and the PDF show it.
func (ln line) text(l i18n.Lang) string {
	if v, ok := ln.value.(float64); ok {
		return decimal(v, l)
	}
	return fmt.Sprint(ln.value)
}

// countValue is a count as a value: the number, or its mark when hidden.
func countValue(n int, l i18n.Lang) any {
	if n < 0 {
		return Show(n, l)
	}
	return n
}

// summary is the figures of the summary, then, with few incidents, why there is nothing more.
func (f Figures) summary(l i18n.Lang) []line {
	out := []line{
		{"files", t("fichiers lus", "files read").In(l), f.Read},
		{"files", t("fichiers utilisés", "files used").In(l), f.Used},
	}
	if f.Few {
		return append(out, line{"note", fewNote.In(l), ""})
	}
	hours := func(h float64) any {
		if f.HoursN < MinCount {
			return fmt.Sprintf("n < %d", MinCount)
		}
		return math.Round(h*10) / 10
	}
	return append(out,
		line{"summary", t("dossiers", "incidents").In(l), countValue(f.Incidents, l)},
		line{"summary", t("élèves", "students").In(l), countValue(f.Students, l)},
		line{"summary", t("appareils saisis et scellés", "devices seized and sealed").In(l), countValue(f.Devices, l)},
		line{"summary", t("médiane du dévoilement à l'appel au 911 (heures)", "median from disclosure to the 911 call (hours)").In(l), hours(f.MedianHours)},
		line{"summary", t("90e centile du dévoilement à l'appel au 911 (heures)", "90th percentile from disclosure to the 911 call (hours)").In(l), hours(f.P90)},
		line{"summary", t("routes éducatives : trousse remise dans les 4 jours", "educational routes: kit handed over within 4 days").In(l), share(f.EduMet, f.EduN, l)},
		line{"summary", t("élèves avec une intervention SEXTO antérieure", "students with an earlier SEXTO intervention").In(l), share(f.PriorYes, f.PriorN, l)},
	)
}

// lines is a table's rows and total, or why it is not shown.
func (tb Table) lines(l i18n.Lang) []line {
	if tb.Withheld != "" {
		return []line{{tb.Section, tb.Withheld, ""}}
	}
	var out []line
	for _, r := range tb.Rows {
		out = append(out, line{tb.Section, r.Label, countValue(r.Count, l)})
	}
	if tb.Totals {
		out = append(out, line{tb.Section, t("Total", "Total").In(l), tb.Total})
	}
	return out
}

// marks reports whether the figures show a "< 5" and a "masqué".
func (f Figures) marks() (small, masked bool) {
	for _, tb := range f.Tables {
		if tb.Withheld != "" {
			continue
		}
		for _, r := range tb.Rows {
			small = small || r.Count == Suppressed
			masked = masked || r.Count == Masked
		}
	}
	return small, masked
}

// notes explain the marks that the figures use.
func (f Figures) notes(l i18n.Lang) []string {
	small, masked := f.marks()
	for _, ln := range f.summary(l) {
		small = small || ln.value == Show(Suppressed, l)
		masked = masked || ln.value == Show(Masked, l)
	}
	var out []string
	if small {
		out = append(out, smallNote.In(l))
	}
	if masked {
		out = append(out, maskNote.In(l))
	}
	return out
}

// CSV writes one row per figure: section, category, count, with the notes that explain the
// marks last. It opens by double-click in Excel of the language: UTF-8 with a byte order
// mark, and the separator that Excel expects there (";" in French, where the comma is the
// decimal mark; "," in English). Cells that a spreadsheet would take for a formula are
// quoted with an apostrophe.
func CSV(f Figures, l i18n.Lang) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	if l == i18n.FR {
		w.Comma = ';'
	}
	w.Write([]string{"section", t("catégorie", "category").In(l), t("nombre", "count").In(l)})
	var all []line
	all = append(all, f.summary(l)...)
	for _, tb := range f.Tables {
		all = append(all, tb.lines(l)...)
	}
	for _, n := range f.notes(l) {
		all = append(all, line{"note", n, ""})
	}
	for _, ln := range all {
		w.Write([]string{ln.section, safeCell(ln.label), safeCell(ln.text(l))})
	}
	w.Flush()
	return buf.Bytes()
}

// summarySheet is the name of the workbook's first sheet.
var summarySheet = t("Résumé", "Summary")

// XLSX writes the same figures as a workbook: a summary sheet, then a sheet per table.
func XLSX(f Figures, l i18n.Lang) ([]byte, error) {
	head := []string{t("Catégorie", "Category").In(l), t("Nombre", "Count").In(l)}
	rowsOf := func(ls []line) [][]any {
		var out [][]any
		for _, ln := range ls {
			out = append(out, []any{ln.label, ln.value})
		}
		return out
	}
	var summary []line
	for _, ln := range f.summary(l) {
		if ln.section != "note" {
			summary = append(summary, ln)
		}
	}
	notes := f.notes(l)
	if f.Few {
		notes = append([]string{fewNote.In(l)}, notes...)
	}
	sheets := []workbook.Table{{Name: summarySheet.In(l), Title: t("Statistiques SEXTO", "SEXTO statistics").In(l),
		Header: head, Rows: rowsOf(summary), Notes: notes}}
	for _, tb := range f.Tables {
		s := workbook.Table{Name: tb.Sheet, Title: tb.Title, Header: head}
		if tb.Withheld != "" {
			s.Header = nil
			s.Notes = []string{tb.Withheld}
		} else {
			s.Rows = rowsOf(tb.lines(l))
			if tb.Note != "" {
				s.Notes = append(s.Notes, tb.Note)
			}
		}
		sheets = append(sheets, s)
	}
	return workbook.WriteTables(sheets)
}

func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// keyFigures are the summary's figures as label and value, values already made safe.
func (f Figures) keyFigures(l i18n.Lang) []pdf.KeyFigure {
	var out []pdf.KeyFigure
	for _, ln := range f.summary(l) {
		if ln.section != "summary" {
			continue
		}
		v := ln.text(l)
		label := ln.label
		for _, unit := range []string{" (heures)", " (hours)"} {
			if strings.HasSuffix(label, unit) { // the hours: the unit goes with the value
				label = strings.TrimSuffix(label, unit)
				if f.HoursN >= MinCount {
					v += " h"
				}
			}
		}
		out = append(out, pdf.KeyFigure{Value: v, Label: label})
	}
	return out
}

// PDF writes the statistics: a summary page with the key figures, bar charts, then tables.
// With fewer than MinCount incidents it holds only the number of files and why nothing more
// is shown. It says the month it was made in, never the day (SPEC §9: no date finer than the
// month), and so do its metadata: their creation date is the first of that month.
func PDF(f Figures, o doc.Context) ([]byte, error) {
	l := o.Lang
	made := madeIn(o.Now)
	o.Now = made
	title := t("Statistiques SEXTO", "SEXTO statistics").In(l)
	opts := o.PDF(title, t("Statistiques anonymes", "Anonymous statistics").In(l))
	opts.Header = o.Profile.School.Name
	month := monthLabel(made.Format("2006-01"), l)
	return pdf.Render(opts, func(d *pdf.Doc) error {
		d.Section("stats", title, false)
		d.Title(title)
		if f.Few {
			d.Paragraph(pdf.Plain(fmt.Sprintf(t("Fichiers lus : %d ; utilisés : %d. Produit en %s.",
				"Files read: %d; used: %d. Made in %s.").In(l), f.Read, f.Used, month)))
			d.NoteBox([][]pdf.Run{pdf.Plain(fewNote.In(l))})
			return nil
		}
		period := f.Period
		if period == "" {
			period = "—"
		}
		d.Paragraph(pdf.Plain(fmt.Sprintf(t("Période (mois du dévoilement) : %s. Fichiers lus : %d ; utilisés : %d. Produit en %s.",
			"Period (month of disclosure): %s. Files read: %d; used: %d. Made in %s.").In(l), period, f.Read, f.Used, month)))
		d.KeyFigures(f.keyFigures(l))
		d.NoteBox([][]pdf.Run{pdf.Plain(ruleNote.In(l))})
		for _, tb := range f.Tables {
			if len(tb.Rows) == 0 && tb.Withheld == "" {
				continue
			}
			if why := tb.empty(l); why != "" {
				// a chart of bare axes would say nothing: say why instead
				d.Ensure(d.HeadingHeight(3, tb.Title) + d.ParagraphHeight(pdf.Plain(why)))
				d.Heading(3, tb.Title)
				d.Small(pdf.Plain(why))
				continue
			}
			var bars []pdf.Bar
			for _, r := range tb.Rows {
				bars = append(bars, pdf.Bar{Label: r.Label, Value: max(r.Count, 0), Text: Show(r.Count, l), Hidden: r.Count < 0})
			}
			var notes [][]pdf.Run
			if tb.masked() {
				notes = append(notes, pdf.Plain(maskNote.In(l)))
			}
			d.BarChart(tb.Title, bars, notes...)
		}
		d.NewPage()
		d.Heading(2, t("Tableaux", "Tables").In(l))
		for _, tb := range f.Tables {
			if tb.Withheld != "" {
				d.Ensure(d.HeadingHeight(3, tb.Title) + d.ParagraphHeight(pdf.Plain(tb.Withheld)))
				d.Heading(3, tb.Title)
				d.Small(pdf.Plain(tb.Withheld))
				continue
			}
			var rows [][]string
			for _, ln := range tb.lines(l) {
				rows = append(rows, []string{ln.label, ln.text(l)})
			}
			tbl := pdf.Table{Widths: []float64{5, 1}, Header: []string{t("Catégorie", "Category").In(l), t("Nombre", "Count").In(l)}, Rows: rows}
			var notes [][]pdf.Run
			if tb.Note != "" {
				notes = append(notes, pdf.Plain(tb.Note))
			}
			if tb.masked() {
				notes = append(notes, pdf.Plain(maskNote.In(l)))
			}
			// the heading stays with its table, and a short table with its notes
			need := d.HeadingHeight(3, tb.Title) + d.TableStartHeight(tbl)
			if d.TableStartHeight(tbl) == d.TableHeight(tbl) {
				for _, n := range notes {
					need += d.ParagraphHeight(n)
				}
			}
			d.Ensure(need)
			d.Heading(3, tb.Title)
			d.Table(tbl)
			for _, n := range notes {
				d.Small(n)
			}
		}
		return nil
	})
}

// madeIn is the month of now in Quebec, as the first of that month at midnight UTC: the date
// that the statistics carry, written the same wherever they are made.
func madeIn(now time.Time) time.Time {
	q := now.In(clock.Zone)
	return time.Date(q.Year(), q.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// masked reports whether the table shows a "masqué".
func (tb Table) masked() bool {
	for _, r := range tb.Rows {
		if r.Count == Masked {
			return true
		}
	}
	return false
}

// empty says why a table has no chart: not shown, no case at all, or every case hidden;
// "" when there are bars to draw.
func (tb Table) empty(l i18n.Lang) string {
	if tb.Withheld != "" {
		return tb.Withheld
	}
	any := false
	for _, r := range tb.Rows {
		if r.Count > 0 {
			return ""
		}
		any = any || r.Count < 0
	}
	if any {
		return t("Rien à représenter : les nombres non nuls sont tous cachés (« < 5 » ou « masqué »).",
			"Nothing to chart: every count that is not zero is hidden (“< 5” or “suppressed”).").In(l)
	}
	return t("Aucun cas.", "No case.").In(l)
}
