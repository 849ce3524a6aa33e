package stats

import (
	"fmt"
	"strconv"

	"sexto/kit/i18n"
)

// The rule that keeps small counts from being printed or worked out (SPEC §9):
//
//  1. A count from 1 to 4 is printed "< 5" (Suppressed). Zero is printed 0.
//  2. A table of fewer than MinCount incidents or students is not printed (Withheld).
//  3. In a table whose categories add up to a printed total, as soon as one count is "< 5",
//     one more count is hidden and marked "masqué" (Masked): the last category, in the
//     table's order, that counts 5 or more. Without it, the total minus the printed counts
//     would give the hidden count, or the hidden counts' sum.
//  4. A reader who knows the printed counts, the total and this rule knows that each "< 5"
//     is 1 to 4, that a "masqué" is 5 or more, and what the hidden counts add up to. If that
//     is still enough to work out any hidden count exactly (every hidden count at its
//     smallest, two "< 5" that must both be 4…), or if the hidden counts add up to less
//     than 5, the table is not printed at all (Withheld).
//
// The choice in 3 depends only on what is printed (which categories are 0, "< 5" or 5 or
// more, and their order), never on the hidden values, and the test in 4 uses only printed
// figures: knowing the rule teaches a reader nothing the arithmetic does not. Tables whose
// categories overlap (roles, rules: a student may count in several) have no total to
// subtract from, so only 1 and 2 apply to them.

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

// suppress applies the rule to one table whose categories count population people or
// incidents.
func (t *Table) suppress(population int, l i18n.Lang) {
	a := 0 // counts printed "< 5"
	for i := range t.Rows {
		r := &t.Rows[i]
		r.raw = r.Count
		if r.Count > 0 && r.Count < MinCount {
			r.Count = Suppressed
			a++
		}
	}
	if population < MinCount {
		t.Withheld = fmt.Sprintf(i18n.T("Répartition non présentée : moins de %d cas.",
			"Breakdown not shown: fewer than %d cases.").In(l), MinCount)
		return
	}
	if !t.Totals || a == 0 {
		return
	}
	for i := len(t.Rows) - 1; i >= 0; i-- {
		if t.Rows[i].Count >= MinCount {
			t.Rows[i].Count = Masked
			break
		}
	}
	if !t.protected() {
		t.Withheld = i18n.T("Répartition non présentée : avec ce total, un petit nombre caché pourrait être retrouvé.",
			"Breakdown not shown: with this total, a small hidden count could be worked out.").In(l)
	}
}

// protected reports whether, from the printed counts and total alone, every hidden count can
// still take at least two values, and the hidden counts add up to MinCount or more.
func (t *Table) protected() bool {
	const many = 1 << 30 // no upper bound: a masked count may be anything from 5
	var lo, hi []int
	hidden := 0 // what the hidden counts add up to: the total minus the printed counts
	for _, r := range t.Rows {
		switch r.Count {
		case Suppressed:
			lo, hi = append(lo, 1), append(hi, MinCount-1)
		case Masked:
			lo, hi = append(lo, MinCount), append(hi, many)
		default:
			continue
		}
		hidden += r.raw
	}
	if len(lo) == 0 {
		return true
	}
	if hidden < MinCount {
		return false
	}
	for k := range lo {
		othersLo, othersHi := 0, 0
		for j := range lo {
			if j != k {
				othersLo += lo[j]
				othersHi = min(othersHi+hi[j], many)
			}
		}
		// the values count k can take, given the others' bounds and the sum
		from, to := max(lo[k], hidden-othersHi), min(hi[k], hidden-othersLo)
		if to <= from {
			return false
		}
	}
	return true
}
