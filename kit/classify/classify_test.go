package classify

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sexto/kit/golden"
	"sexto/kit/grid"
	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
)

// grid answers as a map of codes (whole numbers and dates as text)
type answers map[string]string

func (a answers) Code(k string) string { return a[k] }
func (a answers) Int(k string) (int, bool) {
	n, err := strconv.Atoi(a[k])
	return n, err == nil
}
func (a answers) Time(k string) (time.Time, bool) {
	d, err := time.Parse("2006-01-02", a[k])
	return d, err == nil
}

// with returns a copy of a with kv set ("" deletes).
func (a answers) with(kv ...string) answers {
	out := answers{}
	for k, v := range a {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(out, kv[i])
		} else {
			out[kv[i]] = kv[i+1]
		}
	}
	return out
}

// disclosed is the day of every test incident's disclosure.
var disclosed = time.Date(2026, 11, 24, 9, 15, 0, 0, time.UTC)

// sender is a complete grid of a student who forwarded the content, with nothing aggravating.
var sender = answers(gridtest.Grid("role.sender", "oui", "role.recipient", "oui",
	"intent.motive", "acceptance", "intent.threats", "non", "intent.coercion", "non", "scope.recipients", "2_5"))

// recipient received it and did nothing else.
var recipient = answers(gridtest.Grid("role.recipient", "oui", "role.discloser", "oui"))

// depicted is the student in the picture, who took it and told.
var depicted = answers(gridtest.Grid("role.depicted", "oui", "role.producer", "oui", "role.discloser", "oui"))

// one classifies a's grid alone (with a depicted student when given), at the test disclosure.
func one(a answers, others ...answers) StudentResult {
	students := []Student{{Ref: "E1", Answers: a}}
	for i, o := range others {
		students = append(students, Student{Ref: "E" + strconv.Itoa(i+2), Answers: o})
	}
	return Classify(Input{ID: "t", DisclosedAt: disclosed, Students: students}).Students[0]
}

// born gives the birth date of someone aged years on the disclosure day, days after (days > 0:
// not yet that age by days).
func born(years, days int) string {
	return disclosed.AddDate(-years, 0, days).Format("2006-01-02")
}

// Each rule fires on its trigger, stays silent just outside it, and a rule that needs an
// unknown age says so.
func TestEachRule(t *testing.T) {
	d13 := depicted.with("student.birth_date", born(13, 0))
	cases := []struct {
		rule   string
		grid   answers
		others []answers
		want   Outcome
	}{
		{"U-ADULT", sender.with("nature.adult_involved", "oui"), nil, Fires},
		{"U-ADULT", sender.with("nature.adult_involved", "inconnu", "student.birth_date", born(16, 0)), nil, Silent},
		{"U-ADULT", sender.with("trigger.relationship", "adult"), nil, Fires},
		{"U-ADULT", recipient.with("trigger.relationship", "online_stranger"), nil, Fires},
		{"U-ADULT", sender.with("trigger.relationship", "acquaintances", "student.birth_date", born(16, 0)), nil, Silent},
		{"U-ADULT", sender.with("student.birth_date", born(18, 0)), nil, Fires},
		{"U-ADULT", sender.with("student.birth_date", born(18, 1)), nil, Silent},
		{"U-ADULT", sender, nil, Unevaluated},
		{"U-ADULT", recipient.with("student.birth_date", born(19, 0)), nil, Silent}, // an 18-year-old who only received
		{"U-EXTORTION", sender.with("intent.threats", "oui"), nil, Fires},
		{"U-EXTORTION", sender.with("intent.threats", "non"), nil, Silent},
		{"U-EXTORTION", sender.with("trigger.solicitation", "extorted"), nil, Fires},
		{"U-EXTORTION", sender.with("trigger.solicitation", "pressured"), nil, Silent},
		{"U-COERCION", sender.with("intent.coercion", "oui"), nil, Fires},
		{"U-COERCION", sender.with("intent.coercion", "non"), nil, Silent},
		{"U-COVERT", sender.with("trigger.origin", "covert"), nil, Fires},
		{"U-COVERT", sender.with("trigger.origin", "account_access"), nil, Fires},
		{"U-COVERT", sender.with("trigger.origin", "consensual_other"), nil, Silent},
		{"U-VIOLENT", sender.with("nature.content", "violent"), nil, Fires},
		{"U-VIOLENT", sender.with("nature.content", "sexual_act"), nil, Silent},
		{"U-UNDER13", sender.with("nature.depicted_age", "12", "nature.content", "sexual_act"), nil, Fires},
		{"U-UNDER13", sender.with("nature.depicted_age", "13", "nature.content", "sexual_act"), nil, Silent},
		{"U-UNDER13", sender.with("nature.depicted_age", "11", "nature.content", "nude"), nil, Silent},
		{"U-UNDER13", sender.with("nature.content", "sexual_act"), nil, Unevaluated},
		{"U-UNDER13", sender.with("nature.content", "nude"), nil, Silent}, // no age needed
		// the age of the person depicted from the depicted student's birth date, to the day
		{"U-UNDER13", sender.with("nature.content", "sexual_act"), []answers{depicted.with("student.birth_date", born(13, 1))}, Fires},
		{"U-UNDER13", sender.with("nature.content", "sexual_act"), []answers{depicted.with("student.birth_date", born(13, 0))}, Silent},
		// on the depicted student's own grid too
		{"U-UNDER13", depicted.with("nature.content", "violent", "student.birth_date", born(12, 0)), nil, Fires},
		{"U-RISK", recipient.with("safety.at_risk", "oui"), nil, Fires},
		{"U-RISK", recipient.with("safety.at_risk", "non"), nil, Silent},
		{"U-SALE", sender.with("intent.motive", "gain"), nil, Fires},
		{"U-SALE", sender.with("intent.motive", "more_content"), nil, Fires},
		{"U-SALE", sender.with("intent.motive", "fun"), nil, Silent},
		{"U-SALE", sender.with("trigger.context", "sale"), nil, Fires},
		{"U-SALE", sender.with("trigger.context", "trade"), nil, Fires},
		{"U-SALE", sender.with("trigger.context", "boasting"), nil, Silent},
		{"U-VULNERABLE", recipient.with("safety.vulnerable", "oui"), nil, Fires},
		{"U-VULNERABLE", recipient.with("safety.vulnerable", "inconnu"), nil, Silent},
		// close-in-age bands of s. 150.1: 12-13 under 2 years, 14-15 under 5 years
		{"U-AGEGAP", sender.with("student.birth_date", born(15, 0)), []answers{d13.with("student.birth_date", born(13, 0))}, Fires},
		{"U-AGEGAP", sender.with("student.birth_date", born(15, -1)), []answers{depicted.with("student.birth_date", born(13, 0))}, Fires},
		{"U-AGEGAP", sender.with("student.birth_date", born(15, 1)), []answers{depicted.with("student.birth_date", born(13, 0))}, Silent},
		{"U-AGEGAP", sender.with("student.birth_date", born(14, 0)), []answers{depicted.with("student.birth_date", born(12, 0))}, Fires},
		// ages in whole years (SPEC §8): 14 and 12 at disclosure, though born less than 2 years apart
		{"U-AGEGAP", sender.with("student.birth_date", born(14, 0)), []answers{depicted.with("student.birth_date", born(12, -300))}, Fires},
		{"U-AGEGAP", sender.with("student.birth_date", born(14, 0), "nature.depicted_age", "12"), []answers{depicted.with("student.birth_date", born(12, -300))}, Fires},
		{"U-AGEGAP", sender.with("student.birth_date", born(19, 0)), []answers{depicted.with("student.birth_date", born(14, 0))}, Fires},
		{"U-AGEGAP", sender.with("student.birth_date", born(19, 1)), []answers{depicted.with("student.birth_date", born(14, 0))}, Silent},
		{"U-AGEGAP", sender.with("student.birth_date", born(20, 0)), []answers{depicted.with("student.birth_date", born(15, 0))}, Fires},
		{"U-AGEGAP", sender.with("student.birth_date", born(20, 1)), []answers{depicted.with("student.birth_date", born(15, 0))}, Silent},
		{"U-AGEGAP", sender.with("student.birth_date", born(17, 0)), []answers{depicted.with("student.birth_date", born(16, 0))}, Silent}, // 16: age of consent
		{"U-AGEGAP", sender.with("student.birth_date", born(17, 0), "nature.depicted_age", "12"), nil, Fires},
		{"U-AGEGAP", sender.with("student.birth_date", born(13, 0), "nature.depicted_age", "12"), nil, Silent},
		{"U-AGEGAP", recipient.with("student.birth_date", born(17, 0), "nature.depicted_age", "12"), nil, Silent}, // received only
		{"U-AGEGAP", sender.with("student.birth_date", born(17, 0)), nil, Unevaluated},                            // depicted age unknown
		{"U-AGEGAP", sender.with("nature.depicted_age", "13"), nil, Unevaluated},                                  // own age unknown
		{"U-AGEGAP", sender.with("nature.depicted_age", "17"), nil, Silent},                                       // no band, no age needed
		{"U-SPREADING", recipient.with("scope.still_circulating", "oui", "scope.public", "oui"), nil, Fires},
		{"U-SPREADING", recipient.with("scope.still_circulating", "oui", "scope.recipients", "over_20"), nil, Fires},
		{"U-SPREADING", recipient.with("scope.still_circulating", "inconnu", "scope.public", "oui"), nil, Silent},
		{"U-SPREADING", recipient.with("scope.still_circulating", "oui", "scope.recipients", "6_20"), nil, Silent},
		{"M-INTENT", sender.with("intent.motive", "humiliate"), nil, Fires},
		{"M-INTENT", sender.with("intent.motive", "revenge"), nil, Fires},
		{"M-INTENT", sender.with("intent.motive", "harass"), nil, Fires},
		{"M-INTENT", sender.with("intent.motive", "thoughtless"), nil, Silent},
		{"M-INTENT", sender.with("trigger.context", "breakup"), nil, Fires},
		{"M-INTENT", sender.with("trigger.context", "conflict"), nil, Fires},
		{"M-INTENT", sender.with("trigger.context", "relationship"), nil, Silent},
		// the break-up of someone else: a requester or one who kept it did not produce or spread
		{"M-INTENT", recipient.with("role.kept", "oui", "trigger.context", "breakup"), nil, Silent},
		{"M-INTENT", recipient.with("role.producer", "oui", "trigger.context", "breakup"), nil, Fires},
		{"M-INTENT", recipient.with("intent.motive", "revenge"), nil, Silent}, // not acting
		{"M-WIDE", sender.with("scope.recipients", "over_20"), nil, Fires},
		{"M-WIDE", sender.with("scope.recipients", "6_20"), nil, Silent},
		{"M-WIDE", sender.with("scope.public", "oui"), nil, Fires},
		{"M-WIDE", sender.with("scope.public", "inconnu"), nil, Silent},
		{"M-WIDE", sender.with("scope.outside_school", "oui", "scope.recipients", "6_20"), nil, Fires},
		{"M-WIDE", sender.with("scope.outside_school", "oui", "scope.recipients", "1"), nil, Silent}, // one friend at another school
		{"M-WIDE", recipient.with("role.kept", "oui", "scope.public", "oui"), nil, Silent},           // spread by others
		{"M-RECIDIVISM", sender.with("intent.prior_sexto", "oui"), nil, Fires},
		{"M-RECIDIVISM", sender.with("intent.prior_sexto", "inconnu"), nil, Silent},
		{"M-RECIDIVISM", depicted.with("intent.prior_sexto", "oui"), nil, Silent}, // depicted producer does not act
		{"M-MANIPULATED", sender.with("trigger.origin", "manipulated"), nil, Fires},
		{"M-MANIPULATED", sender.with("trigger.origin", "unknown"), nil, Silent},
		{"M-MANIPULATED", recipient.with("role.kept", "oui", "trigger.origin", "manipulated"), nil, Silent}, // a fake someone else made
		{"M-MANIPULATED", recipient.with("role.producer", "oui", "trigger.origin", "manipulated"), nil, Fires},
	}
	tested := map[string]bool{}
	for _, c := range cases {
		tested[c.rule] = true
		name := c.rule + " " + map[Outcome]string{Fires: "fires", Silent: "silent", Unevaluated: "unevaluated"}[c.want]
		t.Run(name, func(t *testing.T) {
			r := one(c.grid, c.others...)
			got := Silent
			switch {
			case slices.Contains(r.Rules, c.rule):
				got = Fires
			case slices.Contains(r.Unevaluated, c.rule):
				got = Unevaluated
			}
			if got != c.want {
				t.Errorf("%s on %v (others %v): outcome %d, want %d (rules %v, unevaluated %v)", c.rule, c.grid, c.others, got, c.want, r.Rules, r.Unevaluated)
			}
		})
	}
	for _, r := range Rules {
		if !tested[r.ID] {
			t.Errorf("rule %s has no test case", r.ID)
		}
	}
}

func TestAgeAt(t *testing.T) {
	b := time.Date(2013, 11, 24, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		at   time.Time
		want int
	}{{time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), 13}, {time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC), 12},
		{time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), 13}, {time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 13}} {
		if got := AgeAt(b, c.at); got != c.want {
			t.Errorf("AgeAt(%v) = %d, want %d", c.at, got, c.want)
		}
	}
}

func orient(a answers, missing ...string) Orientation {
	return Classify(Input{ID: "t", DisclosedAt: disclosed, Students: []Student{{Ref: "E1", Answers: a, Missing: missing}}}).Students[0].Orientation
}

func TestPrecedence(t *testing.T) {
	cases := []struct {
		name string
		a    answers
		miss []string
		want Orientation
	}{
		{"incomplete before everything", depicted.with("intent.threats", "oui"), []string{"role.kept"}, Incomplete},
		{"support beats urgent for the depicted student", depicted.with("safety.at_risk", "oui"), nil, Support},
		{"urgent beats malicious", sender.with("intent.threats", "oui", "intent.motive", "revenge"), nil, UrgentCall},
		{"malicious beats impulsive", sender.with("scope.recipients", "over_20"), nil, Malicious},
		{"impulsive: acting, nothing aggravating", sender, nil, Impulsive},
		{"witness last", recipient, nil, Witness},
		{"a recipient at risk stays a witness", recipient.with("safety.at_risk", "oui"), nil, Witness},
		{"kept it on purpose: acting", recipient.with("role.kept", "oui"), nil, Impulsive},
		{"an unevaluated rule changes nothing by itself", sender.with("nature.content", "sexual_act"), nil, Impulsive},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := orient(c.a, c.miss...); got != c.want {
				t.Errorf("orientation %s, want %s", got, c.want)
			}
		})
	}
}

func classify(students ...Student) Result {
	return Classify(Input{ID: "x", DisclosedAt: disclosed, Students: students})
}

func TestIncidentOrientation(t *testing.T) {
	r := classify(Student{Ref: "E1", Answers: depicted.with("safety.at_risk", "oui")}, Student{Ref: "E2", Answers: sender})
	if r.Students[0].Orientation != Support || r.Incident.Orientation != UrgentCall || !slices.Equal(r.Incident.Rules, []string{"U-RISK"}) {
		t.Errorf("a U- flag on the depicted student's grid: %+v", r)
	}
	r = classify(Student{Ref: "E1", Answers: recipient}, Student{Ref: "E2", Answers: sender}, Student{Ref: "E3", Answers: sender.with("intent.prior_sexto", "oui")})
	if r.Incident.Orientation != Malicious || !slices.Equal(r.Incident.Rules, []string{"M-RECIDIVISM"}) {
		t.Errorf("most serious student, with the rules that made it so: %+v", r.Incident)
	}
	// an impulsive incident lists no rule (none produced it), even beside a witness
	if r := classify(Student{Ref: "E1", Answers: recipient}, Student{Ref: "E2", Answers: sender}); r.Incident.Orientation != Impulsive || len(r.Incident.Rules) != 0 {
		t.Errorf("impulsive: %+v", r.Incident)
	}
	// two malicious students: the rules of both, in the rules' order
	r = classify(Student{Ref: "E1", Answers: sender.with("intent.prior_sexto", "oui")}, Student{Ref: "E2", Answers: sender.with("intent.motive", "revenge")})
	if r.Incident.Orientation != Malicious || !slices.Equal(r.Incident.Rules, []string{"M-INTENT", "M-RECIDIVISM"}) {
		t.Errorf("two malicious students: %+v", r.Incident)
	}
	r = classify(Student{Ref: "E1", Answers: sender}, Student{Ref: "E2", Answers: recipient, Missing: []string{"student.last_name"}})
	if r.Incident.Orientation != Impulsive || !slices.Equal(r.Incident.Incomplete, []string{"E2"}) {
		t.Errorf("an incomplete grid blocks nothing and is listed: %+v", r.Incident)
	}
	// an incomplete grid counts with what its answers point to: a missing seal number hides
	// no revenge
	r = classify(Student{Ref: "E1", Answers: recipient}, Student{Ref: "E2", Answers: sender.with("intent.motive", "revenge"), Missing: []string{"device.seal_no"}})
	if r.Incident.Orientation != Malicious || r.Students[1].Orientation != Incomplete || r.Students[1].Provisional != Malicious {
		t.Errorf("incomplete malicious grid: %+v", r)
	}
	if r := classify(); r.Incident.Orientation != Incomplete {
		t.Errorf("no grid: %+v", r.Incident)
	}
	r = classify(Student{Ref: "E1", Answers: sender, Missing: []string{"intent.motive"}}, Student{Ref: "E2", Answers: recipient.with("nature.adult_involved", "oui")})
	if r.Incident.Orientation != UrgentCall {
		t.Errorf("urgent must not wait for a complete grid: %+v", r.Incident)
	}
	if r := classify(Student{Ref: "E1", Answers: recipient}); r.Incident.Orientation != Witness {
		t.Errorf("witness only: %+v", r.Incident)
	}
	r = classify(Student{Ref: "E1", Answers: sender.with("nature.content", "sexual_act")})
	if !slices.Equal(r.Incident.Unevaluated, []string{"U-ADULT", "U-UNDER13", "U-AGEGAP"}) {
		t.Errorf("the incident lists the rules not evaluated: %v", r.Incident.Unevaluated)
	}
}

// Facts are listed as facts, in both languages, mitigating and aggravating apart.
func TestFactsAreSaidAsFacts(t *testing.T) {
	r := one(sender.with("intent.acknowledges", "oui", "scope.recipients", "1", "scope.public", "non", "intent.threats", "oui",
		"intent.knew_no_consent", "oui", "scope.still_circulating", "oui", "nature.identifiable", "face", "trigger.solicitation", "pressured", "scope.outside_school", "oui"))
	if !slices.Equal(r.Mitigating, []string{"intent.acknowledges", "scope.recipients", "scope.public"}) || r.Orientation != UrgentCall {
		t.Errorf("mitigating %v, orientation %s", r.Mitigating, r.Orientation)
	}
	if !slices.Equal(r.Aggravating, []string{"intent.knew_no_consent", "scope.still_circulating", "nature.identifiable", "trigger.solicitation", "scope.outside_school"}) {
		t.Errorf("aggravating %v", r.Aggravating)
	}
	if got := FactList(r.Facts, true, i18n.FR); got != "Reconnaît les faits et collabore · Un seul destinataire · Pas publié en ligne" {
		t.Errorf("French mitigating facts: %q", got)
	}
	if got := FactList(r.Facts, true, i18n.EN); got != "Acknowledges the facts and cooperates · A single recipient · Not posted online" {
		t.Errorf("English mitigating facts: %q", got)
	}
	// "Posted publicly online" answered No is never printed as the bare label
	for _, f := range r.Facts {
		// (the labels that already read as facts aside: "Savait que…", "Toujours en circulation"…)
		question := map[string]bool{"scope.public": true, "scope.recipients": true, "nature.identifiable": true, "trigger.solicitation": true}
		if it := grid.MustLookup(f.Key); question[f.Key] && (f.Text.FR == it.Label.FR || f.Text.EN == it.Label.EN) {
			t.Errorf("%s is printed as its question %q", f.Key, it.Label.FR)
		}
	}
	if r := one(sender.with("scope.recipients", "0")); FactList(r.Facts, true, i18n.FR) != "Aucun destinataire" {
		t.Errorf("no recipient: %v", r.Facts)
	}
	if r := one(recipient.with("scope.public", "non")); len(r.Facts) != 0 || len(r.Mitigating) != 0 {
		t.Errorf("facts are about acts: a witness has none, got %v", r.Facts)
	}
}

func TestRulesAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] || r.Statement.FR == "" || r.Statement.EN == "" || r.Basis.FR == "" || r.Basis.EN == "" || r.Eval == nil {
			t.Errorf("rule %s is incomplete or duplicated", r.ID)
		}
		// a threat to post an image is extortion, never "uttering threats"
		if strings.Contains(r.Basis.FR+r.Basis.EN, "264.1") {
			t.Errorf("rule %s cites s. 264.1", r.ID)
		}
		seen[r.ID] = true
	}
	for _, o := range Orientations {
		if o.Label().FR == "" || o.Label().EN == "" || o.NextStep().FR == "" || o.NextStep().EN == "" {
			t.Errorf("orientation %s lacks a label or a next step", o)
		}
	}
	if len(Orientations) != 6 {
		t.Errorf("%d orientations in the shown order", len(Orientations))
	}
	// rules read only keys of the grid catalogue
	probe := &recorder{}
	g := &Grid{Answers: probe, Acting: true, AgeKnown: true, Age: 16, DepictedKnown: true, DepictedAge: 13}
	for _, r := range Rules {
		r.Eval(g)
	}
	for k := range probe.keys {
		if _, ok := grid.Lookup(k); !ok {
			t.Errorf("a rule reads %s, which is not in the grid", k)
		}
	}
	for _, c := range Changes {
		if c.Text.FR == "" || c.Text.EN == "" {
			t.Error("a change is not said in both languages")
		}
		for _, id := range c.Rules {
			if _, ok := RuleByID(id); !ok {
				t.Errorf("a change names %s, which is no rule", id)
			}
		}
	}
}

type recorder struct{ keys map[string]bool }

func (r *recorder) Code(k string) string {
	if r.keys == nil {
		r.keys = map[string]bool{}
	}
	r.keys[k] = true
	return "oui"
}
func (r *recorder) Int(k string) (int, bool)        { r.Code(k); return 1, true }
func (r *recorder) Time(k string) (time.Time, bool) { r.Code(k); return time.Time{}, false }

// Fictional incidents, one JSON result each, refreshed with -update. Each misfire of rules 1.0
// that the review found has its own.
func TestGoldenIncidents(t *testing.T) {
	incidents := map[string][]Student{
		"breakup-revenge": {
			{Ref: "E1", Answers: depicted.with("trigger.relationship", "ex", "student.birth_date", "2011-03-14")},
			{Ref: "E2", Answers: sender.with("trigger.relationship", "ex", "trigger.context", "breakup", "intent.motive", "revenge", "scope.recipients", "over_20", "role.kept", "oui", "student.birth_date", "2010-06-02")},
			{Ref: "E3", Answers: recipient.with("role.discloser", "non", "student.birth_date", "2011-01-20")},
		},
		"forwarded-to-be-accepted": {
			{Ref: "E1", Answers: depicted.with("trigger.context", "relationship", "student.birth_date", "2011-09-09")},
			{Ref: "E2", Answers: sender.with("trigger.context", "acceptance", "intent.acknowledges", "oui", "scope.recipients", "1", "scope.public", "non", "student.birth_date", "2011-05-30")},
		},
		"online-stranger-sextortion": {
			{Ref: "E1", Answers: depicted.with("trigger.relationship", "online_stranger", "trigger.solicitation", "extorted", "nature.adult_involved", "inconnu", "safety.at_risk", "oui", "student.birth_date", "2012-02-11")},
		},
		"covert-party-video": {
			{Ref: "E1", Answers: recipient.with("role.depicted", "oui", "role.recipient", "non", "role.discloser", "non", "student.birth_date", "2010-12-01")},
			{Ref: "E2", Answers: sender.with("role.producer", "oui", "trigger.origin", "covert", "nature.medium", "video", "scope.outside_school", "oui", "student.birth_date", "2010-08-15")},
			{Ref: "E3", Answers: recipient.with("role.shower", "oui", "intent.motive", "fun", "intent.threats", "non", "intent.coercion", "non", "scope.recipients", "0", "student.birth_date", "2010-10-10")},
			{Ref: "E4", Answers: recipient},
		},
		"recidivism": {
			{Ref: "E1", Answers: depicted.with("student.birth_date", "2011-04-04")},
			{Ref: "E2", Answers: sender.with("intent.prior_sexto", "oui", "intent.acknowledges", "oui", "student.birth_date", "2011-02-02")},
		},
		"manipulated-image": {
			{Ref: "E1", Answers: depicted.with("role.producer", "non", "trigger.origin", "manipulated", "student.birth_date", "2012-07-07")},
			{Ref: "E2", Answers: sender.with("role.producer", "oui", "trigger.origin", "manipulated", "intent.motive", "humiliate", "scope.public", "oui", "student.birth_date", "2011-11-30")},
			{Ref: "E3", Answers: recipient.with("role.kept", "oui", "trigger.origin", "manipulated", "intent.motive", "none", "intent.threats", "non", "intent.coercion", "non", "scope.recipients", "0", "student.birth_date", "2012-01-15"), Missing: []string{"student.last_name", "student.first_name"}},
		},
		// 1.0 fired no immediate flag: the depicted age was on no grid but the birth date was
		"twelve-year-old-public-and-circulating": {
			{Ref: "E1", Answers: depicted.with("role.producer", "non", "student.birth_date", "2014-03-01", "safety.vulnerable", "oui")},
			{Ref: "E2", Answers: sender.with("nature.content", "sexual_act", "scope.public", "oui", "scope.still_circulating", "oui", "student.birth_date", "2011-10-10")},
		},
		// 1.0 called one forward to a friend at another school malicious
		"one-forward-to-another-school": {
			{Ref: "E1", Answers: depicted.with("student.birth_date", "2011-06-06")},
			{Ref: "E2", Answers: sender.with("scope.recipients", "1", "scope.outside_school", "oui", "intent.motive", "thoughtless", "student.birth_date", "2011-03-03")},
		},
		// 1.0 made a recipient who kept it because the checklist said so an acting student,
		// malicious through the sender's break-up
		"kept-because-asked-to": {
			{Ref: "E1", Answers: depicted.with("trigger.relationship", "ex", "student.birth_date", "2010-09-09")},
			{Ref: "E2", Answers: sender.with("trigger.relationship", "ex", "trigger.context", "breakup", "intent.motive", "revenge", "scope.recipients", "6_20", "student.birth_date", "2010-05-05")},
			{Ref: "E3", Answers: recipient.with("trigger.context", "breakup", "role.discloser", "non", "student.birth_date", "2010-11-11")},
		},
		// 1.0 read an earlier SEXTO case in which the youth was the victim as recidivism
		"earlier-case-as-victim": {
			{Ref: "E1", Answers: depicted.with("intent.prior_sexto", "oui", "student.birth_date", "2011-01-01")},
			{Ref: "E2", Answers: sender.with("intent.prior_sexto", "non", "student.birth_date", "2010-12-12")},
		},
		"age-gap-older-student": {
			{Ref: "E1", Answers: depicted.with("role.producer", "non", "student.birth_date", "2013-05-01")},
			{Ref: "E2", Answers: sender.with("role.requester", "oui", "trigger.relationship", "couple", "trigger.solicitation", "asked", "student.birth_date", "2010-02-01")},
		},
		"ages-unknown": {
			{Ref: "E1", Answers: depicted},
			{Ref: "E2", Answers: sender.with("nature.content", "sexual_act", "intent.acknowledges", "oui")},
		},
		"trade-for-more-content": {
			{Ref: "E1", Answers: depicted.with("student.birth_date", "2011-08-08")},
			{Ref: "E2", Answers: sender.with("trigger.context", "trade", "intent.motive", "more_content", "trigger.solicitation", "pressured", "intent.knew_no_consent", "oui", "student.birth_date", "2011-04-01")},
		},
		"adult-student-eighteen": {
			{Ref: "E1", Answers: depicted.with("student.birth_date", "2010-01-15")},
			{Ref: "E2", Answers: sender.with("student.birth_date", "2008-11-24", "nature.identifiable", "face")},
		},
	}
	if len(incidents) < 12 {
		t.Fatalf("%d incidents", len(incidents))
	}
	for name, students := range incidents {
		t.Run(name, func(t *testing.T) {
			b, err := json.MarshalIndent(Classify(Input{ID: "2026-" + name, DisclosedAt: disclosed, Students: students}), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".json"), append(b, '\n'))
		})
	}
}

// The misfires of rules 1.0, each now right.
func TestMisfiresOfRules1(t *testing.T) {
	r := classify(Student{Ref: "E1", Answers: depicted.with("role.producer", "non", "student.birth_date", "2014-03-01", "safety.vulnerable", "oui")},
		Student{Ref: "E2", Answers: sender.with("nature.content", "sexual_act", "scope.public", "oui", "scope.still_circulating", "oui", "student.birth_date", "2011-10-10")})
	for _, id := range []string{"U-UNDER13", "U-VULNERABLE", "U-SPREADING", "U-AGEGAP"} {
		if !slices.Contains(r.Incident.Rules, id) {
			t.Errorf("a depicted 12-year-old, explicit, vulnerable, public and circulating: %s does not fire (%v)", id, r.Incident.Rules)
		}
	}
	if r.Incident.Orientation != UrgentCall {
		t.Errorf("incident %s", r.Incident.Orientation)
	}
	if o := one(sender.with("scope.recipients", "1", "scope.outside_school", "oui")).Orientation; o != Impulsive {
		t.Errorf("one forward to a friend at another school: %s", o)
	}
	if o := orient(recipient.with("trigger.context", "breakup", "trigger.origin", "manipulated", "intent.prior_sexto", "non")); o != Witness {
		t.Errorf("a recipient who kept it because asked: %s", o)
	}
	if r := one(recipient.with("role.kept", "oui", "trigger.context", "breakup", "trigger.origin", "manipulated")); r.Orientation != Impulsive {
		t.Errorf("kept on purpose, other people's break-up and fake: %s (%v)", r.Orientation, r.Rules)
	}
	if o := one(sender.with("trigger.relationship", "online_stranger")).Orientation; o != UrgentCall {
		t.Errorf("an online stranger counts as a possible adult: %s", o)
	}
}

func BenchmarkClassify30(b *testing.B) {
	students := make([]Student, 30)
	for i := range students {
		a := sender.with("student.birth_date", "2011-0"+strconv.Itoa(1+i%9)+"-15")
		if i%3 == 0 {
			a = recipient.with("student.birth_date", "2011-05-01")
		}
		if i == 0 {
			a = depicted.with("student.birth_date", "2012-02-02")
		}
		students[i] = Student{Ref: "E" + strconv.Itoa(i+1), Answers: a}
	}
	in := Input{ID: "2026-001", DisclosedAt: disclosed, Students: students}
	for b.Loop() {
		Classify(in)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/30-students")
}

// A student who acted and was under 12 at disclosure keeps the orientation the act points to,
// but no output promises a prosecution or an educational meeting for them (Criminal Code s. 13).
func TestActingChildUnderTwelve(t *testing.T) {
	r := one(sender.with("student.birth_date", born(11, 0)))
	if !r.UnderTwelve || r.Orientation != Impulsive || !strings.Contains(r.AgeNote(i18n.FR), "art. 13 C. cr.") ||
		!strings.Contains(r.NextStep().In(i18n.EN), "youth protection") || strings.Contains(r.NextStep().In(i18n.FR), "rencontre éducative") {
		t.Errorf("11 years old: %+v, %q, %q", r, r.AgeNote(i18n.FR), r.NextStep().In(i18n.FR))
	}
	for _, c := range []struct {
		a    answers
		what string
	}{{sender.with("student.birth_date", born(12, 0)), "12 years old"}, {recipient.with("student.birth_date", born(11, 0)), "a recipient of 11"}, {sender, "no birth date"}} {
		if r := one(c.a); r.UnderTwelve || r.AgeNote(i18n.FR) != "" || r.NextStep() != r.Orientation.NextStep() {
			t.Errorf("%s: %+v", c.what, r)
		}
	}
}

// A student who acted at 18 or more is named as the adult beside the orientation: U-ADULT
// alone does not say which student it is.
func TestActingAdultIsNamed(t *testing.T) {
	r := one(sender.with("student.birth_date", born(18, 0)))
	if !r.Adult || r.Orientation != UrgentCall || !strings.Contains(r.AgeNote(i18n.FR), "18 ans ou plus") || !strings.Contains(r.AgeNote(i18n.EN), "YCJA") {
		t.Errorf("18: %+v %q", r, r.AgeNote(i18n.FR))
	}
	if r := one(sender.with("student.birth_date", born(17, 0))); r.Adult || r.AgeNote(i18n.FR) != "" {
		t.Errorf("17: %+v", r)
	}
	if r := one(recipient.with("student.birth_date", born(19, 0))); r.Adult {
		t.Errorf("a recipient of 19 is named an acting adult: %+v", r)
	}
}
