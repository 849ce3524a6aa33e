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

	"sexto/kit/classify"
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
	Adult                // 18 or older at disclosure: the letters are written to the parents of minors, under the youth law (ages 12 to 17)
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
	if age, ok := ageAt(in, s); ok && age >= 18 {
		return Letter{}, Adult
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
	f.Met = answered(s, "interview.at")
	f.DeviceSeized = yes(s, "device.seized")
	if f.DeviceSeized {
		// this child's devices, one row each on the devices sheet (one for a v1 grid)
		f.Devices = 1
		if in != nil {
			f.Devices = max(1, len(in.DevicesOf(s.Ref())))
		}
	}
	switch variant {
	case Acting:
		f.Produced = yes(s, "role.producer") && !yes(s, "role.depicted")
		f.Requested = yes(s, "role.requester")
		f.Sent = yes(s, "role.sender")
		f.Showed = yes(s, "role.shower")
		f.Kept = yes(s, "role.kept")
		if age, ok := ageAt(in, s); ok && age < 12 {
			f.UnderTwelve = true
		}
	case Recipient:
		f.Disclosed = yes(s, "role.discloser")
	case Depicted:
		f.Disclosed = yes(s, "role.discloser")
		if in != nil {
			for i := range in.Students {
				o := &in.Students[i]
				// the devices of the whole incident, counted, never attributed to anyone
				if yes(o, "device.seized") {
					f.DevicesSeized += max(1, len(in.DevicesOf(o.Ref())))
				}
			}
			// every other grid records its meeting: only then does the letter say so
			others, met := 0, 0
			for i := range in.Students {
				if o := &in.Students[i]; o != s && o.Ref() != s.Ref() {
					others++
					if answered(o, "interview.at") {
						met++
					}
				}
			}
			f.OthersMet = others > 0 && met == others
		}
	}
	return f
}

// ageAt is the student's age at the incident's disclosure, in whole years, when both dates
// are known.
func ageAt(in *workbook.Incident, s *workbook.Student) (int, bool) {
	if in == nil {
		return 0, false
	}
	birth, ok := s.Time("student.birth_date")
	at, ok2 := in.Dossier.Time("incident.disclosed_at")
	if !ok || !ok2 {
		return 0, false
	}
	return classify.AgeAt(birth, at), true
}

func answered(s *workbook.Student, key string) bool { return strings.TrimSpace(s.Text(key)) != "" }

func yes(s *workbook.Student, key string) bool { return s.Code(key) == "oui" }

// plain makes a cell's text safe to put in a letter's template: on one line (a line break
// typed with Alt+Enter would start a line of the template's markup, a title or a directive),
// and without the markup's signs at its start ("# ", "@", "- ", "!!"…), which a name never has.
func plain(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimLeft(s, "#>|!@=%+?_-*[]\\ ")
}
