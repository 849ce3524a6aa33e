package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// Sheet names and column headers, in the workbook's language.
var (
	dossierName  = i18n.T("Dossier", "Incident")
	studentName  = i18n.T("Élève %d", "Student %d")
	timelineName = i18n.T("Chronologie", "Timeline")
	listsName    = i18n.T("Listes", "Lists")
	headers      = []i18n.Text{i18n.T("Clé", "Key"), i18n.T("Rubrique", "Item"), i18n.T("Réponse", "Answer"), i18n.T("Aide", "Help")}
	eventHeaders = []i18n.Text{i18n.T("Date et heure", "Date and time"), i18n.T("Action", "Action"), i18n.T("Par qui", "By whom")}
)

// StudentSheetName is the name of student n's sheet.
func StudentSheetName(l i18n.Lang, n int) string { return fmt.Sprintf(studentName.In(l), n) }

func isName(s string, t i18n.Text) bool {
	s = strings.TrimSpace(s)
	return strings.EqualFold(s, t.FR) || strings.EqualFold(s, t.EN)
}

// cellName formats a cell reference as users see it: Élève 2!C14.
func cellName(sheet string, col, row int) string {
	return sheet + "!" + colLetter(col) + strconv.Itoa(row)
}

func colLetter(col int) string {
	s := ""
	for col > 0 {
		col--
		s = string(rune('A'+col%26)) + s
		col /= 26
	}
	return s
}

// itemRows lays out an item sheet: row 1 holds the headers; then, from row 2, each section's
// items in catalogue order, after a title row of its own when the sheet has several sections.
// each is called for every row, with it nil on a title row; itemRows returns the last row.
func itemRows(sections []grid.Section, each func(row int, s *grid.Section, it *grid.Item) error) (int, error) {
	row := 2
	for i := range sections {
		s := &sections[i]
		if len(sections) > 1 {
			if err := each(row, s, nil); err != nil {
				return 0, err
			}
			row++
		}
		for j := range s.Items {
			if err := each(row, s, &s.Items[j]); err != nil {
				return 0, err
			}
			row++
		}
	}
	return row - 1, nil
}

// AnswerCell is the cell, in column C, where the answer to key is typed on its sheet of a
// workbook made by Template: the incident sheet for incident items, a student's sheet for the
// grid's (C14 for role.depicted). It is false for the devices sheet's items and unknown keys.
func AnswerCell(key string) (string, bool) {
	cell := ""
	find := func(row int, _ *grid.Section, it *grid.Item) error {
		if it != nil && it.Key == key {
			cell = "C" + strconv.Itoa(row)
		}
		return nil
	}
	itemRows([]grid.Section{grid.Incident}, find)
	itemRows(grid.Student, find)
	return cell, cell != ""
}
