package classify

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"sexto/kit/golden"
	"sexto/kit/grid"
)

// grid answers as a map of codes (and whole numbers as text)
type answers map[string]string

func (a answers) Code(k string) string { return a[k] }
func (a answers) Int(k string) (int, bool) {
	n, err := strconv.Atoi(a[k])
	return n, err == nil
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

// sender is a complete grid of a student who forwarded the content, with nothing aggravating.
var sender = answers{
	"role.depicted": "non", "role.producer": "non", "role.requester": "non", "role.sender": "oui",
	"role.shower": "non", "role.recipient": "oui", "role.kept": "non", "role.discloser": "non",
	"intent.motive": "acceptance", "intent.threats": "non", "intent.coercion": "non", "scope.recipients": "2_5",
}

// recipient received it and did nothing else.
var recipient = answers{
	"role.depicted": "non", "role.producer": "non", "role.requester": "non", "role.sender": "non",
	"role.shower": "non", "role.recipient": "oui", "role.kept": "non", "role.discloser": "oui",
}

func fired(a answers) []string {
	r := classifyStudent(Student{Ref: "E1", Answers: a})
	return r.Rules
}

// Each rule fires on its trigger and stays silent just outside it.
func TestEachRule(t *testing.T) {
	cases := []struct {
		rule   string
		fires  answers
		silent answers
	}{
		{"U-ADULT", sender.with("nature.adult_involved", "oui"), sender.with("nature.adult_involved", "inconnu")},
		{"U-ADULT", sender.with("trigger.relationship", "adult"), sender.with("trigger.relationship", "online_stranger")},
		{"U-EXTORTION", sender.with("intent.threats", "oui"), sender.with("intent.threats", "non")},
		{"U-EXTORTION", sender.with("trigger.solicitation", "extorted"), sender.with("trigger.solicitation", "pressured")},
		{"U-COERCION", sender.with("intent.coercion", "oui"), sender.with("intent.coercion", "non")},
		{"U-COVERT", sender.with("trigger.origin", "covert"), sender.with("trigger.origin", "consensual_other")},
		{"U-COVERT", sender.with("trigger.origin", "account_access"), sender.with("trigger.origin", "self")},
		{"U-VIOLENT", sender.with("nature.content", "violent"), sender.with("nature.content", "sexual_act")},
		{"U-UNDER13", sender.with("nature.depicted_age", "12", "nature.content", "sexual_act"), sender.with("nature.depicted_age", "13", "nature.content", "sexual_act")},
		{"U-UNDER13", sender.with("nature.depicted_age", "11", "nature.content", "violent"), sender.with("nature.depicted_age", "11", "nature.content", "nude")},
		{"U-RISK", recipient.with("safety.at_risk", "oui"), recipient.with("safety.at_risk", "non")},
		{"U-SALE", sender.with("intent.motive", "gain"), sender.with("intent.motive", "fun")},
		{"U-SALE", sender.with("trigger.context", "sale"), sender.with("trigger.context", "trade")},
		{"M-INTENT", sender.with("intent.motive", "humiliate"), sender.with("intent.motive", "fun")},
		{"M-INTENT", sender.with("intent.motive", "revenge"), sender.with("intent.motive", "more_content")},
		{"M-INTENT", sender.with("intent.motive", "harass"), sender.with("intent.motive", "thoughtless")},
		{"M-INTENT", sender.with("trigger.context", "breakup"), sender.with("trigger.context", "relationship")},
		{"M-INTENT", sender.with("trigger.context", "conflict"), sender.with("trigger.context", "joke")},
		{"M-WIDE", sender.with("scope.recipients", "over_20"), sender.with("scope.recipients", "6_20")},
		{"M-WIDE", sender.with("scope.public", "oui"), sender.with("scope.public", "inconnu")},
		{"M-WIDE", sender.with("scope.outside_school", "oui"), sender.with("scope.outside_school", "non")},
		{"M-RECIDIVISM", sender.with("intent.prior_sexto", "oui"), sender.with("intent.prior_sexto", "inconnu")},
		{"M-MANIPULATED", sender.with("trigger.origin", "manipulated"), sender.with("trigger.origin", "unknown")},
		// malice indicators need an acting role
		{"M-INTENT", sender.with("intent.motive", "revenge"), recipient.with("intent.motive", "revenge")},
		{"M-WIDE", sender.with("scope.public", "oui"), recipient.with("scope.public", "oui")},
		// a producer who is depicted in the content does not act
		{"M-RECIDIVISM", recipient.with("role.producer", "oui", "intent.prior_sexto", "oui"),
			recipient.with("role.producer", "oui", "role.depicted", "oui", "intent.prior_sexto", "oui")},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			if got := fired(c.fires); !slices.Contains(got, c.rule) {
				t.Errorf("%s did not fire on %v (fired %v)", c.rule, c.fires, got)
			}
			if got := fired(c.silent); slices.Contains(got, c.rule) {
				t.Errorf("%s fired just outside its trigger: %v", c.rule, c.silent)
			}
		})
	}
	// every rule is exercised
	for _, r := range Rules {
		found := false
		for _, c := range cases {
			found = found || c.rule == r.ID
		}
		if !found {
			t.Errorf("rule %s has no test case", r.ID)
		}
	}
}

func orient(a answers, missing ...string) Orientation {
	return classifyStudent(Student{Ref: "E1", Answers: a, Missing: missing}).Orientation
}

func TestPrecedence(t *testing.T) {
	depicted := recipient.with("role.depicted", "oui", "role.recipient", "non", "role.producer", "oui")
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
		{"kept it: acting", recipient.with("role.kept", "oui"), nil, Impulsive},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := orient(c.a, c.miss...); got != c.want {
				t.Errorf("orientation %s, want %s", got, c.want)
			}
		})
	}
}

func TestIncidentOrientation(t *testing.T) {
	depicted := recipient.with("role.depicted", "oui", "role.recipient", "non", "safety.at_risk", "oui")
	r := Classify("2026-001", []Student{{Ref: "E1", Answers: depicted}, {Ref: "E2", Answers: sender}})
	if r.Students[0].Orientation != Support || r.Incident.Orientation != UrgentCall || !slices.Equal(r.Incident.Rules, []string{"U-RISK"}) {
		t.Errorf("a U- flag on the depicted student's grid: %+v", r)
	}
	r = Classify("x", []Student{{Ref: "E1", Answers: recipient}, {Ref: "E2", Answers: sender}, {Ref: "E3", Answers: sender.with("intent.prior_sexto", "oui")}})
	if r.Incident.Orientation != Malicious || len(r.Incident.Rules) != 0 {
		t.Errorf("most serious student: %+v", r.Incident)
	}
	r = Classify("x", []Student{{Ref: "E1", Answers: sender}, {Ref: "E2", Answers: recipient, Missing: []string{"student.last_name"}}})
	if r.Incident.Orientation != Impulsive || !slices.Equal(r.Incident.Incomplete, []string{"E2"}) {
		t.Errorf("an incomplete grid blocks nothing and is listed: %+v", r.Incident)
	}
	// an incomplete grid counts with what its answers point to: a missing seal number hides
	// no revenge
	r = Classify("x", []Student{{Ref: "E1", Answers: recipient}, {Ref: "E2", Answers: sender.with("intent.motive", "revenge"), Missing: []string{"device.seal_no"}}})
	if r.Incident.Orientation != Malicious || r.Students[1].Orientation != Incomplete || r.Students[1].Provisional != Malicious {
		t.Errorf("incomplete malicious grid: %+v", r)
	}
	if r := Classify("x", nil); r.Incident.Orientation != Incomplete {
		t.Errorf("no grid: %+v", r.Incident)
	}
	r = Classify("x", []Student{{Ref: "E1", Answers: sender, Missing: []string{"intent.motive"}}, {Ref: "E2", Answers: recipient.with("nature.adult_involved", "oui")}})
	if r.Incident.Orientation != UrgentCall {
		t.Errorf("urgent must not wait for a complete grid: %+v", r.Incident)
	}
	if r := Classify("x", []Student{{Ref: "E1", Answers: recipient}}); r.Incident.Orientation != Witness {
		t.Errorf("witness only: %+v", r.Incident)
	}
}

func TestMitigatingFactsAreListed(t *testing.T) {
	r := classifyStudent(Student{Ref: "E2", Answers: sender.with("intent.acknowledges", "oui", "scope.recipients", "1", "scope.public", "non", "intent.threats", "oui")})
	if !slices.Equal(r.Mitigating, []string{"intent.acknowledges", "scope.recipients", "scope.public"}) || r.Orientation != UrgentCall {
		t.Errorf("%+v", r)
	}
}

func TestRulesAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] || r.Statement.FR == "" || r.Statement.EN == "" || r.Basis.FR == "" || r.Basis.EN == "" || r.Fires == nil {
			t.Errorf("rule %s is incomplete or duplicated", r.ID)
		}
		seen[r.ID] = true
	}
	for _, o := range []Orientation{Incomplete, Support, UrgentCall, Malicious, Impulsive, Witness} {
		if o.Label().FR == "" || o.Label().EN == "" || o.NextStep().FR == "" || o.NextStep().EN == "" {
			t.Errorf("orientation %s lacks a label or a next step", o)
		}
	}
	// rules read only keys of the grid catalogue
	probe := &recorder{}
	for _, r := range Rules {
		r.Fires(probe)
	}
	for k := range probe.keys {
		if _, ok := grid.Lookup(k); !ok {
			t.Errorf("a rule reads %s, which is not in the grid", k)
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
func (r *recorder) Int(k string) (int, bool) { r.Code(k); return 1, true }

// Fictional incidents, one JSON result each, refreshed with -update.
func TestGoldenIncidents(t *testing.T) {
	depicted := answers{"role.depicted": "oui", "role.producer": "oui", "role.requester": "non", "role.sender": "non",
		"role.shower": "non", "role.recipient": "non", "role.kept": "non", "role.discloser": "oui"}
	incidents := map[string][]Student{
		"breakup-revenge": {
			{Ref: "E1", Answers: depicted.with("trigger.relationship", "ex")},
			{Ref: "E2", Answers: sender.with("trigger.relationship", "ex", "trigger.context", "breakup", "intent.motive", "revenge", "scope.recipients", "over_20", "role.kept", "oui")},
			{Ref: "E3", Answers: recipient.with("role.discloser", "non")},
		},
		"forwarded-to-be-accepted": {
			{Ref: "E1", Answers: depicted.with("trigger.context", "relationship")},
			{Ref: "E2", Answers: sender.with("trigger.context", "acceptance", "intent.acknowledges", "oui", "scope.recipients", "1", "scope.public", "non")},
		},
		"online-stranger-sextortion": {
			{Ref: "E1", Answers: depicted.with("trigger.relationship", "online_stranger", "trigger.solicitation", "extorted", "nature.adult_involved", "inconnu", "safety.at_risk", "oui")},
		},
		"covert-party-video": {
			{Ref: "E1", Answers: recipient.with("role.depicted", "oui", "role.recipient", "non", "role.discloser", "non")},
			{Ref: "E2", Answers: sender.with("role.producer", "oui", "trigger.origin", "covert", "nature.medium", "video", "scope.outside_school", "oui")},
			{Ref: "E3", Answers: recipient.with("role.shower", "oui", "intent.motive", "fun", "intent.threats", "non", "intent.coercion", "non", "scope.recipients", "0")},
			{Ref: "E4", Answers: recipient},
		},
		"recidivism": {
			{Ref: "E1", Answers: depicted},
			{Ref: "E2", Answers: sender.with("intent.prior_sexto", "oui", "intent.acknowledges", "oui")},
		},
		"manipulated-image": {
			{Ref: "E1", Answers: depicted.with("role.producer", "non", "trigger.origin", "manipulated")},
			{Ref: "E2", Answers: sender.with("role.producer", "oui", "trigger.origin", "manipulated", "intent.motive", "humiliate", "scope.public", "oui")},
			{Ref: "E3", Answers: recipient, Missing: []string{"student.last_name", "student.first_name"}},
		},
	}
	for name, students := range incidents {
		t.Run(name, func(t *testing.T) {
			b, err := json.MarshalIndent(Classify("2026-"+name, students), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".json"), append(b, '\n'))
		})
	}
}

func BenchmarkClassify30(b *testing.B) {
	students := make([]Student, 30)
	for i := range students {
		a := sender
		if i%3 == 0 {
			a = recipient
		}
		students[i] = Student{Ref: "E" + strconv.Itoa(i+1), Answers: a}
	}
	for b.Loop() {
		Classify("2026-001", students)
	}
}
