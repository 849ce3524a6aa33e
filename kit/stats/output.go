package stats

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"time"

	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/printkit"
	"sexto/kit/profile"
)

var t = i18n.T

// keyFigures are the summary's figures as label and value, values already made safe.
func (f Figures) keyFigures(l i18n.Lang) []pdf.KeyFigure {
	pct := func(share float64, n int) string {
		if n < MinCount {
			return fmt.Sprintf(t("n < %d", "n < %d").In(l), MinCount)
		}
		return fmt.Sprintf("%.0f %%", share*100)
	}
	hours := func(h float64) string {
		if f.HoursN < MinCount {
			return fmt.Sprintf(t("n < %d", "n < %d").In(l), MinCount)
		}
		return strings.Replace(fmt.Sprintf("%.1f h", h), ".", map[i18n.Lang]string{i18n.FR: ",", i18n.EN: "."}[l], 1)
	}
	return []pdf.KeyFigure{
		{Value: Show(f.Incidents), Label: t("dossiers", "incidents").In(l)},
		{Value: Show(f.Students), Label: t("élèves", "students").In(l)},
		{Value: hours(f.MedianHours), Label: t("médiane du dévoilement à l'appel au 911", "median from disclosure to the 911 call").In(l)},
		{Value: hours(f.P90), Label: t("90e centile du dévoilement à l'appel au 911", "90th percentile from disclosure to the 911 call").In(l)},
		{Value: pct(f.EduShare, f.EduN), Label: t("routes éducatives : trousse remise dans les 4 jours", "educational routes: kit handed over within 4 days").In(l)},
		{Value: pct(f.PriorShare, f.PriorN), Label: t("élèves avec une intervention SEXTO antérieure", "students with an earlier SEXTO intervention").In(l)},
	}
}

// CSV writes one row per figure: section, category, count; cells that a spreadsheet would
// take for a formula are quoted with an apostrophe.
func CSV(f Figures, l i18n.Lang) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"section", "category", "count"})
	for _, k := range f.keyFigures(l) {
		w.Write([]string{"summary", safeCell(k.Label), safeCell(k.Value)})
	}
	for _, tb := range f.Tables {
		for _, r := range tb.Rows {
			w.Write([]string{tb.Section, safeCell(r.Label), safeCell(Show(r.Count))})
		}
		if tb.Totals {
			w.Write([]string{tb.Section, safeCell(t("Total", "Total").In(l)), safeCell(Show(tb.Total))})
		}
	}
	w.Flush()
	return buf.Bytes()
}

func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// PDFOptions configure the statistics PDF.
type PDFOptions struct {
	Profile *profile.Profile
	Lang    i18n.Lang
	Paper   string
	Now     time.Time
	Creator string
	Used    int // files used
	Read    int // files read
}

// PDF writes the statistics: a summary page with the key figures, bar charts, then tables.
func PDF(f Figures, o PDFOptions) ([]byte, error) {
	l := o.Lang
	title := t("Statistiques SEXTO", "SEXTO statistics").In(l)
	opts := pdf.Options{Paper: o.Paper, Lang: string(l) + "-CA", Title: title, Author: o.Profile.School.Name,
		Subject: t("Statistiques anonymes", "Anonymous statistics").In(l), Creator: o.Creator, Now: o.Now,
		Specimen: !o.Profile.Agreement.Configured(), Header: o.Profile.School.Name, Words: printkit.PDFWords(l)}
	return pdf.Render(opts, func(d *pdf.Doc) error {
		d.Section("stats", title, false)
		d.Title(title)
		period := f.Period
		if period == "" {
			period = "—"
		}
		d.Paragraph(pdf.Plain(fmt.Sprintf(t("Période (mois du dévoilement) : %s. Fichiers lus : %d ; utilisés : %d. Produit le %s.",
			"Period (month of disclosure): %s. Files read: %d; used: %d. Made on %s.").In(l), period, o.Read, o.Used, i18n.LongDate(o.Now, l))))
		d.KeyFigures(f.keyFigures(l))
		d.NoteBox([][]pdf.Run{pdf.Plain(t("Statistiques anonymes : aucun nom, aucune référence d'élève, aucun numéro de dossier ni date plus précise que le mois. Tout nombre de 1 à 4 est remplacé par « < 5 », ainsi qu'un second nombre ou le total quand il permettrait de le retrouver. Les orientations sont des pré-classifications indicatives : la décision appartient au DPCP.",
			"Anonymous statistics: no name, no student ref, no incident number and no date finer than the month. Every count from 1 to 4 is shown as “< 5”, and so is a second count or the total when it would give it away. Orientations are indicative pre-classifications: the decision belongs to the DPCP.").In(l))})
		for _, tb := range f.Tables {
			if len(tb.Rows) == 0 {
				continue
			}
			var bars []pdf.Bar
			for _, r := range tb.Rows {
				bars = append(bars, pdf.Bar{Label: r.Label, Value: max(r.Count, 0), Text: Show(r.Count), Hidden: r.Count == Suppressed})
			}
			d.BarChart(tb.Title, bars)
		}
		d.NewPage()
		d.Heading(2, t("Tableaux", "Tables").In(l))
		for _, tb := range f.Tables {
			var rows [][]string
			for _, r := range tb.Rows {
				rows = append(rows, []string{r.Label, Show(r.Count)})
			}
			if tb.Totals {
				rows = append(rows, []string{t("Total", "Total").In(l), Show(tb.Total)})
			}
			tbl := pdf.Table{Widths: []float64{5, 1}, Header: []string{t("Catégorie", "Category").In(l), t("Nombre", "Count").In(l)}, Rows: rows}
			d.Ensure(d.HeadingHeight(3, tb.Title) + d.TableStartHeight(tbl)) // the heading stays with its table
			d.Heading(3, tb.Title)
			d.Table(tbl)
			if tb.Note != "" {
				d.Small(pdf.Plain(tb.Note))
			}
		}
		return nil
	})
}
