package stats

import (
	"fmt"
	"strconv"

	"sexto/kit/i18n"
)

// The rule that keeps small counts from being printed or worked out (SPEC §9). It applies to
// everything one run publishes together (the PDF, the CSV and the workbook print the same
// figures), not to each table alone:
//
//  1. A count from 1 to 4 is printed "< 5" (Suppressed). Zero is printed 0.
//  2. A table of fewer than MinCount incidents or students is not printed (Withheld).
//  3. In a table whose categories add up to a printed total, as soon as one count is "< 5",
//     one more count is hidden and marked "masqué" (Masked): the last category, in the
//     table's order, that counts 5 or more, passing over a category tied to another table
//     (below) when another will do. Without it, the total minus the printed counts would give
//     the hidden count, or the hidden counts' sum.
//  4. Tables are tied to each other by what the classification rules make true of every
//     incident (the ties are listed in audit.go): above all, a student is "Soutien" exactly
//     when depicted with a complete grid, so that the depicted students of the roles table,
//     less the incomplete grids, are the "Soutien" students. When "Soutien" is hidden, the
//     depicted count is hidden too ("masqué").
//  5. A reader then knows every printed count, every total, that each "< 5" is 1 to 4 and
//     each "masqué" 5 or more, and every tie. If that is still enough to work out a "< 5"
//     exactly, or what two or all of the "< 5" of one table add up to when that is below 5,
//     the table that gives it away is not printed at all (Withheld), and the test is made
//     again with what remains. The test (audit.go) is exact: it searches the whole numbers
//     that satisfy all of it, not an approximation.
//
// The choices in 3 and 4 depend only on what is printed (which categories are 0, "< 5" or 5
// or more, and their order), never on the hidden values, so that knowing the rule teaches a
// reader nothing the arithmetic does not; only the last resort, 5, looks at the figures, and
// it takes away a whole table. Tables whose categories overlap (roles, rules: a student may
// count in several) have no total to subtract from; they take part in 4 and 5 only.

// MinCount is the smallest count printed as a number (other than zero).
const MinCount = 5

// Marks of hidden counts.
const (
	Suppressed = -1 // a count from 1 to 4, printed "< 5"
	Masked     = -2 // a count of 5 or more hidden so that a "< 5" cannot be worked out
)

// Show writes a count for people: the number, "< 5" or "masqué".
func Show(n int, l i18n.Lang) string {
	switch n {
	case Suppressed:
		return "< " + strconv.Itoa(MinCount)
	case Masked:
		return maskedWord.In(l)
	}
	return strconv.Itoa(n)
}

var maskedWord = i18n.T("masqué", "suppressed")

// Why a table is not printed.
var (
	fewCases  = i18n.T("Répartition non présentée : moins de %d cas.", "Breakdown not shown: fewer than %d cases.")
	workedOut = i18n.T("Répartition non présentée : avec les totaux et les autres tableaux, un petit nombre caché pourrait être retrouvé.",
		"Breakdown not shown: with the totals and the other tables, a small hidden count could be worked out.")
)

// The cells another table is tied to by an equality (see audit.go), which step 3 passes over.
var tiedCells = map[[2]string]bool{
	{"students_by_orientation", "support"}: true, // the depicted students, less incomplete grids
}

// suppress applies the rule to one table alone, whose categories count population people or
// incidents.
func (t *Table) suppress(population int, l i18n.Lang) {
	tabs := []Table{*t}
	protect(tabs, []int{population}, l)
	*t = tabs[0]
}

// protect applies the rule to tables published together, whose categories count
// populations[i] people or incidents.
func protect(tabs []Table, populations []int, l i18n.Lang) {
	for i := range tabs {
		tabs[i].hideSmall(populations[i], l)
	}
	for i := range tabs {
		tabs[i].complement()
	}
	maskTies(tabs)
	// each round takes away one table, and a table taken away is not looked at again
	for range len(tabs) + 1 {
		bad := audit(tabs)
		if bad < 0 {
			return
		}
		tabs[bad].Withheld = workedOut.In(l)
	}
}

// hideSmall is steps 1 and 2: it keeps each raw count and hides those from 1 to 4.
func (t *Table) hideSmall(population int, l i18n.Lang) {
	for i := range t.Rows {
		r := &t.Rows[i]
		r.raw = r.Count
		if r.Count > 0 && r.Count < MinCount {
			r.Count = Suppressed
		}
	}
	if population < MinCount {
		t.Withheld = fmt.Sprintf(fewCases.In(l), MinCount)
	}
}

// complement is step 3.
func (t *Table) complement() {
	if t.Withheld != "" || !t.Totals || !t.has(Suppressed) {
		return
	}
	pick, tied := -1, -1
	for i := len(t.Rows) - 1; i >= 0 && pick < 0; i-- {
		switch {
		case t.Rows[i].Count < MinCount:
		case tiedCells[[2]string{t.Section, t.Rows[i].Key}]:
			if tied < 0 {
				tied = i
			}
		default:
			pick = i
		}
	}
	if pick < 0 {
		pick = tied
	}
	if pick >= 0 {
		t.Rows[pick].Count = Masked
	}
}

// maskTies is step 4: a hidden "Soutien" hides the depicted count with it.
func maskTies(tabs []Table) {
	support, ok1 := findRow(tabs, "students_by_orientation", "support")
	depicted, ok2 := findRow(tabs, "students_by_role", "role.depicted")
	if !ok1 || !ok2 || support.t.Withheld != "" || depicted.t.Withheld != "" {
		return
	}
	if support.r.Count < 0 && depicted.r.Count >= MinCount {
		depicted.r.Count = Masked
	}
}

// has reports whether a count of the table is printed as mark.
func (t *Table) has(mark int) bool {
	for _, r := range t.Rows {
		if r.Count == mark {
			return true
		}
	}
	return false
}

type rowRef struct {
	t *Table
	r *Row
}

// findRow finds the row key of the table section.
func findRow(tabs []Table, section, key string) (rowRef, bool) {
	for i := range tabs {
		if tabs[i].Section != section {
			continue
		}
		for j := range tabs[i].Rows {
			if tabs[i].Rows[j].Key == key {
				return rowRef{&tabs[i], &tabs[i].Rows[j]}, true
			}
		}
	}
	return rowRef{}, false
}
