package workbook

import (
	"fmt"
	"strconv"
	"strings"

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
