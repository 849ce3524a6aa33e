// Package letters decides which parent letter each student of an incident gets, in which
// language, and which facts that letter may state (SPEC §4, DOMAIN §7). It is the domain half
// of `sexto letters`: a pure function of the read workbook; printkit renders the result and
// the command writes the files.
//
// A letter states only what the grids establish: the acts this child did, a device seized
// when the child's grid says so, thanks for speaking up when the child disclosed. Whatever a
// grid leaves empty is left out of the letter.
package letters

import (
	"strings"
	"time"

	"sexto/kit/i18n"
	"sexto/kit/printkit"
	"sexto/kit/workbook"
)

// The letter variants, named after the kit's documents.
const (
	Depicted  = "letter-depicted"
	Acting    = "letter-acting"
	Recipient = "letter-recipient"
)

// Skip says why a student gets no letter.
type Skip int

// The reasons a student gets no letter.
const (
	None     Skip = iota // the student gets a letter
	NoParent             // no parent is entered on the grid: nobody to write to
	NoRole               // neither depicted, acting nor recipient (e.g. only disclosed): every letter would say something untrue about the child
)

// Letter is the letter one student's family gets.
type Letter struct {
	Variant string    // Depicted, Acting or Recipient
	Lang    i18n.Lang // the family's correspondence language, else the school's
	Data    printkit.LetterData
}

// For decides the letter for student s of incident in, dated now in the family's language.
// school is the language used when the grid gives no correspondence language.
func For(in *workbook.Incident, s *workbook.Student, school i18n.Lang, now time.Time) (Letter, Skip) {
	parent := plain(s.Text("parent.name"))
	if parent == "" {
		return Letter{}, NoParent
	}
	variant := VariantOf(s)
	if variant == "" {
		return Letter{}, NoRole
	}
	l := school
	if code := s.Code("parent.language"); code != "" {
		if pl, ok := i18n.Parse(code); ok {
			l = pl
		}
	}
	return Letter{
		Variant: variant,
		Lang:    l,
		Data: printkit.LetterData{
			Date:        i18n.LongDate(now, l),
			Parent:      parent,
			Child:       plain(s.Text("student.first_name")),
			Filled:      true,
			LetterFacts: FactsOf(in, s, variant),
		},
	}, None
}

// VariantOf chooses the letter for a student's grid: the depicted student's letter first (it
// is never the child's fault, whatever else the grid says), then the acting youth's, then the
// recipient's; "" when none fits.
func VariantOf(s *workbook.Student) string {
	switch {
	case yes(s, "role.depicted"):
		return Depicted
	case s.Acting():
		return Acting
	case yes(s, "role.recipient"):
		return Recipient
	}
	return ""
}

// FactsOf returns the facts the letter variant may state about student s. A fact is set only
// when the grid answers "oui"; "non", an empty cell or an unknown answer leave it unset, and
// the letter says nothing about it.
func FactsOf(in *workbook.Incident, s *workbook.Student, variant string) printkit.LetterFacts {
	var f printkit.LetterFacts
	switch variant {
	case Acting:
		f.Produced = yes(s, "role.producer") && !yes(s, "role.depicted")
		f.Requested = yes(s, "role.requester")
		f.Sent = yes(s, "role.sender")
		f.Showed = yes(s, "role.shower")
		f.Kept = yes(s, "role.kept")
		f.DeviceSeized = yes(s, "device.seized")
	case Recipient:
		f.DeviceSeized = yes(s, "device.seized")
		f.Disclosed = yes(s, "role.discloser")
	case Depicted:
		f.DeviceSeized = yes(s, "device.seized")
		f.Disclosed = yes(s, "role.discloser")
		// the devices of the whole incident, counted, never attributed to anyone
		if in != nil {
			for i := range in.Students {
				if yes(&in.Students[i], "device.seized") {
					f.DevicesSeized++
				}
			}
		}
	}
	return f
}

func yes(s *workbook.Student, key string) bool { return s.Code(key) == "oui" }

// plain makes a cell's text safe to put in a letter's template: on one line (a line break
// typed with Alt+Enter would start a line of the template's markup, a title or a directive),
// and without the markup's signs at its start ("# ", "@", "- ", "!!"…), which a name never has.
func plain(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimLeft(s, "#>|!@=%+?_-*[]\\ ")
}
