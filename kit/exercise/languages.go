package exercise

import (
	"fmt"
	"strconv"
	"strings"

	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// sameInBoth are the free-text items that name or number something and so read the same in
// both languages of a case; the other free texts (the summary, the notes, the accounts, the
// officer's and the witness's titles, the descriptions) are written in each language.
var sameInBoth = map[string]bool{
	"incident.id": true, "incident.police_event": true, "incident.intervener": true,
	"student.last_name": true, "student.first_name": true, "parent.name": true, "parent.phone": true,
	"device.owner": true, "device.serial": true, "device.seal_no": true, "device.sealed_by": true,
}

// compared reports whether an item's answer must be the same in both languages of a case.
func compared(it grid.Item) bool { return it.Kind != grid.Text || sameInBoth[it.Key] }

// place names a line of a file in messages: "cas/en/04.toml, ligne 57".
type place struct {
	file string
	line int
}

func (p place) Localize(l i18n.Lang) string {
	if p.line == 0 {
		return p.file
	}
	return p.file + fmt.Sprintf(i18n.T(", ligne %d", ", line %d").In(l), p.line)
}

// SameKey compares the keys of a case's French and English files: the same students in the
// same order, the same codes, numbers, dates, times and names, the same expected orientations
// and rules, the same devices; only the texts differ. It returns the first difference, named
// by its line in each file, or nil.
func SameKey(fr, en *Case) *Problem {
	type at struct {
		name any    // the key as the files write it (a string or an i18n.Text)
		path string // its path, to find its line
		a, b string // the French and English answers
		text bool   // a free text: compared leniently
	}
	var steps []at
	answers := func(name, path string, items []grid.Item, a, b map[string]string, trim string) {
		for _, it := range items {
			if !compared(it) || it.Key == "student.ref" {
				continue
			}
			k := strings.TrimPrefix(it.Key, trim)
			steps = append(steps, at{name: name + k, path: path + k, a: a[it.Key], b: b[it.Key], text: it.Kind == grid.Text})
		}
	}
	rules := func(e Expected) string { return strings.Join(sortRules(e.Rules), ", ") }
	count := func(name i18n.Text, path string, a, b int) {
		steps = append(steps, at{name: name, path: path, a: strconv.Itoa(a), b: strconv.Itoa(b)})
	}

	answers("[incident] ", "incident.", grid.Incident.Items, fr.Incident, en.Incident, "incident.")
	steps = append(steps,
		at{name: "[expected] orientation", path: "expected.orientation", a: string(fr.Expected.Orientation), b: string(en.Expected.Orientation)},
		at{name: "[expected] rules", path: "expected.rules", a: rules(fr.Expected), b: rules(en.Expected)})
	count(i18n.T("le nombre d’élèves ([[student]])", "the number of students ([[student]])"), "student", len(fr.Students), len(en.Students))
	for i := range min(len(fr.Students), len(en.Students)) {
		a, b := fr.Students[i], en.Students[i]
		path := fmt.Sprintf("student[%d].", i)
		name := fmt.Sprintf("[[student]] %d ", i+1)
		steps = append(steps, at{name: name + "ref", path: path + "ref", a: a.Ref, b: b.Ref})
		name = a.Ref + " "
		steps = append(steps,
			at{name: name + "orientation", path: path + "orientation", a: string(a.Expected.Orientation), b: string(b.Expected.Orientation)},
			at{name: name + "rules", path: path + "rules", a: rules(a.Expected), b: rules(b.Expected)})
		for _, sec := range grid.Student {
			answers(name+"[student.grid] ", path+"grid.", sec.Items, a.Answers, b.Answers, "")
		}
	}
	count(i18n.T("le nombre d’appareils ([[device]])", "the number of devices ([[device]])"), "device", len(fr.Devices), len(en.Devices))
	for i := range min(len(fr.Devices), len(en.Devices)) {
		answers(fmt.Sprintf("[[device]] %d ", i+1), fmt.Sprintf("device[%d].", i), grid.Devices.Items, fr.Devices[i], en.Devices[i], "device.")
	}

	for _, s := range steps {
		same := s.a == s.b
		if s.text && s.a != "" && s.b != "" {
			same = SameText(s.a, s.b)
		}
		if same {
			continue
		}
		shown := func(v string) any {
			if v == "" {
				return i18n.T("(sans réponse)", "(no answer)")
			}
			return v
		}
		return &Problem{File: fr.File, Line: fr.loc.line(s.path), Msg: i18n.T(
			"le cas %d n’a pas le même corrigé que %s : %s vaut « %v » en français et « %v » en anglais ; les deux langues d’un cas ont les mêmes élèves, codes, orientations, règles et appareils, seuls les textes changent",
			"case %d does not have the same key as %s: %s is “%v” in French and “%v” in English; both languages of a case have the same students, codes, orientations, rules and devices, only the texts differ"),
			Args: []any{fr.Number, place{en.File, en.loc.line(s.path)}, s.name, shown(s.a), shown(s.b)}}
	}
	return nil
}
