package exercise

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/pdftext"
)

// Every answer the key expects can be found in the briefing, so that a trainee who works
// from the briefing alone can reach 100 %, in both languages of every built-in case.
//
// The briefing is read as passages: the file number block, each paragraph of the setting,
// the disclosure and what follows, each student's records row and meeting times, each
// paragraph of what each student says, and each device's column (see passages). Then:
//
//   - the file number (incident.id) is printed on the briefing PDF itself;
//   - every free-text answer (names, phone numbers, the officer, accounts and groups…; not
//     the summary, the notes and the device descriptions, where any answer counts) has all
//     its words in one passage: a trainee who copies them from there is right, since free
//     texts are compared by their words;
//   - every date and time is in a passage as the briefing writes it: the day, and the time;
//   - the age of the person depicted is the depicted student's age at the disclosure, from
//     the records;
//   - every answer that no act of the story shows and that the intervener must learn or
//     decide (an earlier SEXTO intervention, a particular vulnerability, a report to the
//     DPJ, a youth at immediate risk) has a why quoting, in « » or “ ”, the sentence of the
//     briefing it comes from, found there word for word; the debrief prints that why beside
//     a wrong answer, so the trainee is shown the sentence they missed.
func TestKeyIsStatedInTheBriefing(t *testing.T) {
	for _, l := range langs {
		for _, c := range builtin(t).List(l) {
			ps := passages(c, l)
			norm := make([]string, len(ps))
			for i, p := range ps {
				norm[i] = " " + grid.Normalize(p) + " "
			}
			// a passage holding every word of s
			allWords := func(s string) bool {
				for _, p := range norm {
					ok := true
					for _, w := range strings.Fields(grid.Normalize(s)) {
						if !strings.Contains(p, " "+w+" ") {
							ok = false
							break
						}
					}
					if ok {
						return true
					}
				}
				return false
			}
			// a passage holding s word for word
			verbatim := func(s string) bool {
				n := " " + grid.Normalize(s) + " "
				for _, p := range norm {
					if strings.Contains(p, n) {
						return true
					}
				}
				return false
			}
			check := func(who, key, v, why string) {
				it := grid.MustLookup(key)
				switch {
				case it.Kind == grid.Text && !narrative[key]:
					if !allWords(v) {
						t.Errorf("%s %s %s = %q: no passage of the briefing has all its words", c.File, who, key, v)
					}
				case it.Kind == grid.DateTime:
					tm, _ := parseTime(v)
					if !verbatim(i18n.LongDate(tm, l)) || !verbatim(clockTime(tm, l)) {
						t.Errorf("%s %s %s = %q: the briefing does not give %q and %q", c.File, who, key, v, i18n.LongDate(tm, l), clockTime(tm, l))
					}
				case it.Kind == grid.Date:
					if !verbatim(v) {
						t.Errorf("%s %s %s = %q: not in the briefing", c.File, who, key, v)
					}
				case backed[key]:
					qs := quotes(why)
					if len(qs) == 0 {
						t.Errorf("%s %s %s = %q: no why quoting the sentence of the briefing that says so", c.File, who, key, v)
					}
					for _, q := range qs {
						if !verbatim(q) {
							t.Errorf("%s %s %s: the why quotes %q, which the briefing does not say", c.File, who, key, q)
						}
					}
				}
			}
			for k, v := range c.Incident {
				check("incident", k, v, "")
			}
			for _, s := range c.Students {
				for k, v := range s.Answers {
					check(s.Ref, k, v, s.Why[k])
				}
				if v := s.Answers["nature.depicted_age"]; v != "" {
					if age, ok := depictedAge(c); !ok || v != age {
						t.Errorf("%s %s: nature.depicted_age = %s, but the depicted student is %s at the disclosure", c.File, s.Ref, v, age)
					}
				}
			}
			for i, d := range c.Devices {
				for k, v := range d {
					check("device "+strconv.Itoa(i+1), k, v, "")
				}
			}

			// the file number is on the briefing itself, and the prose passages are in it
			b, err := Briefing(c, Options{Lang: l, Paper: "letter", Now: docTime, Creator: "sexto test"})
			if err != nil {
				t.Fatal(err)
			}
			text, _ := pdftext.Text(b)
			pdfWords := strings.Fields(grid.Normalize(text))
			id := c.Incident["incident.id"]
			if !strings.Contains(strings.Join(strings.Fields(text), " "), fileNumber.In(l)+i18n.T(" : ", ": ").In(l)+id) {
				t.Errorf("%s: the briefing does not print %q", c.File, fileNumber.In(l)+" "+id)
			}
			for _, p := range prose(c) {
				if !printed(pdfWords, strings.Fields(grid.Normalize(p))) {
					t.Errorf("%s: the passage %q is not in the briefing", c.File, p)
				}
			}
		}
	}
}

// printed reports whether the words of a passage are in the words of a PDF's text, in
// order: a page's furniture (a footer, the letters of the diagonal mark) may come between
// two of them, a few words at most.
func printed(text, passage []string) bool {
	if len(passage) == 0 {
		return true
	}
	for i, w := range text {
		if w != passage[0] {
			continue
		}
		at, ok := i, true
		for _, p := range passage[1:] {
			found := false
			for j := at + 1; j < len(text) && j <= at+20; j++ {
				if text[j] == p {
					at, found = j, true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// backed are the items whose answer no act of the story shows: what the school's records or
// the intervener's own questions and decisions give. Each needs a why quoting the briefing.
var backed = map[string]bool{
	"intent.prior_sexto": true, "safety.vulnerable": true, "safety.dpj_report": true, "safety.at_risk": true,
}

// passages are the pieces of the briefing a trainee reads answers from, as Briefing prints them.
func passages(c *Case, l i18n.Lang) []string {
	out := []string{fileNumber.In(l) + " " + c.Incident["incident.id"]}
	out = append(out, prose(c)...)
	for i, r := range records(c, l) {
		out = append(out, strings.Join(r, " · "), meetingFacts(&c.Students[i], l))
	}
	for _, tbl := range deviceTables(c, l) {
		for col := 1; col < len(tbl.Header); col++ {
			var cells []string
			for _, row := range tbl.Rows {
				cells = append(cells, row[col])
			}
			out = append(out, strings.Join(cells, " · "))
		}
	}
	return out
}

// prose are the paragraphs of the briefing's texts: the setting, the disclosure, what
// follows, and what each student says.
func prose(c *Case) []string {
	var out []string
	for _, s := range []string{c.Setting, c.Disclosure, c.After} {
		out = append(out, paragraphs(s)...)
	}
	for _, s := range c.Students {
		out = append(out, paragraphs(s.Says)...)
	}
	return out
}

// clockTime writes a time of day as the briefings do: "8 h 05", "8:05 a.m.".
func clockTime(tm time.Time, l i18n.Lang) string {
	s := when(tm.Format("2006-01-02 15:04"), l)
	return s[strings.LastIndex(s, ", ")+2:]
}

var quoted = regexp.MustCompile(`«\s*([^»]+?)\s*»|“([^”]+)”`)

// quotes returns the passages a text quotes, in « » or “ ”.
func quotes(s string) []string {
	var out []string
	for _, m := range quoted.FindAllStringSubmatch(s, -1) {
		out = append(out, strings.TrimSpace(m[1]+m[2]))
	}
	return out
}

// depictedAge is the age of the case's depicted student at the disclosure, in whole years.
func depictedAge(c *Case) (string, bool) {
	at, ok := parseTime(c.Incident["incident.disclosed_at"])
	for _, s := range c.Students {
		born, ok2 := parseTime(s.Answers["student.birth_date"])
		if s.Answers["role.depicted"] != "oui" || !ok || !ok2 {
			continue
		}
		age := at.Year() - born.Year()
		if at.Month() < born.Month() || at.Month() == born.Month() && at.Day() < born.Day() {
			age--
		}
		return strconv.Itoa(age), true
	}
	return "", false
}
