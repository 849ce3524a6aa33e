// Package classify holds the rules of SEXTO's indicative pre-classification (SPEC §8) as data,
// and Classify, a pure function that gives each student and the incident an orientation with
// the reasons for it: the rules that fired, the mitigating facts, the missing items. The
// decision itself belongs to the DPCP; every output that shows an orientation says so.
package classify

import (
	"slices"

	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// RulesVersion identifies this set of rules; every classification carries it.
const RulesVersion = "1.0"

// Kind separates the two families of rules.
type Kind string

// Rule kinds.
const (
	Urgent Kind = "urgent" // call the police at once (any student)
	Malice Kind = "malice" // points to a malicious act (acting students only)
)

// Answers is what Classify needs of a grid.
type Answers interface {
	Code(key string) string
	Int(key string) (int, bool)
}

// Rule is one rule: its stable ID, what it says, why, and when it fires.
type Rule struct {
	ID        string
	Kind      Kind
	Statement i18n.Text
	Basis     i18n.Text
	Fires     func(Answers) bool `json:"-"`
}

func is(a Answers, key string, codes ...string) bool { return slices.Contains(codes, a.Code(key)) }

// Rules are every rule, urgent ones first, in a stable order.
var Rules = []Rule{
	{ID: "U-ADULT", Kind: Urgent,
		Statement: i18n.T("Un adulte est impliqué.", "An adult is involved."),
		Basis:     i18n.T("Leurre (art. 172.1 C. cr.) ou exploitation possible : la police intervient sans délai.", "Possible luring (Criminal Code s. 172.1) or exploitation: the police act at once."),
		Fires: func(a Answers) bool {
			return is(a, "nature.adult_involved", "oui") || is(a, "trigger.relationship", "adult")
		}},
	{ID: "U-EXTORTION", Kind: Urgent,
		Statement: i18n.T("Menaces, chantage ou sextorsion.", "Threats, blackmail or sextortion."),
		Basis:     i18n.T("Extorsion et menaces (art. 346 et 264.1 C. cr.) ; la victime est exposée à d'autres demandes.", "Extortion and threats (Criminal Code ss. 346 and 264.1); the victim is exposed to further demands."),
		Fires: func(a Answers) bool {
			return is(a, "intent.threats", "oui") || is(a, "trigger.solicitation", "extorted")
		}},
	{ID: "U-COERCION", Kind: Urgent,
		Statement: i18n.T("Pression, manipulation ou contrainte.", "Pressure, manipulation or coercion."),
		Basis:     i18n.T("Un consentement obtenu sous la contrainte n'en est pas un ; signe possible d'emprise ou de leurre.", "Consent obtained under pressure is no consent; a possible sign of control or grooming."),
		Fires:     func(a Answers) bool { return is(a, "intent.coercion", "oui") }},
	{ID: "U-COVERT", Kind: Urgent,
		Statement: i18n.T("Contenu pris à l'insu de la personne, ou obtenu dans son téléphone ou son compte.", "Content taken without the person knowing, or obtained from their phone or account."),
		Basis:     i18n.T("Voyeurisme (art. 162 C. cr.) ou accès non autorisé : la personne n'a jamais consenti.", "Voyeurism (Criminal Code s. 162) or unauthorized access: the person never consented."),
		Fires:     func(a Answers) bool { return is(a, "trigger.origin", "covert", "account_access") }},
	{ID: "U-VIOLENT", Kind: Urgent,
		Statement: i18n.T("Le contenu décrit montre un acte violent ou non consenti.", "The content as described shows a violent or non-consensual act."),
		Basis:     i18n.T("Agression possible : la sécurité de la personne passe avant tout.", "Possible assault: the person's safety comes first."),
		Fires:     func(a Answers) bool { return is(a, "nature.content", "violent") }},
	{ID: "U-UNDER13", Kind: Urgent,
		Statement: i18n.T("Activité sexuelle ou acte violent impliquant un enfant de moins de 13 ans.", "Sexual activity or a violent act involving a child under 13."),
		Basis:     i18n.T("Abus sexuel présumé d'un enfant : signalement à la DPJ (art. 38-39 LPJ) et police.", "Presumed sexual abuse of a child: report to youth protection (YPA ss. 38-39) and the police."),
		Fires: func(a Answers) bool {
			age, ok := a.Int("nature.depicted_age")
			return ok && age < 13 && is(a, "nature.content", "sexual_act", "violent")
		}},
	{ID: "U-RISK", Kind: Urgent,
		Statement: i18n.T("Un jeune est en danger immédiat (idées suicidaires, automutilation).", "A young person is at immediate risk (suicidal, self-harm)."),
		Basis:     i18n.T("La sécurité du jeune prime : 911 et soutien immédiat.", "The young person's safety comes first: 911 and immediate support."),
		Fires:     func(a Answers) bool { return is(a, "safety.at_risk", "oui") }},
	{ID: "U-SALE", Kind: Urgent,
		Statement: i18n.T("Vente ou échange du contenu contre de l'argent ou un avantage.", "Content sold or traded for money or a benefit."),
		Basis:     i18n.T("Distribution à des fins lucratives (art. 163.1(3) C. cr.) ; réseau possible.", "Distribution for gain (Criminal Code s. 163.1(3)); a possible network."),
		Fires: func(a Answers) bool {
			return is(a, "intent.motive", "gain") || is(a, "trigger.context", "sale")
		}},
	{ID: "M-INTENT", Kind: Malice,
		Statement: i18n.T("Intention d'humilier, de se venger ou de harceler.", "Intent to humiliate, take revenge or harass."),
		Basis:     i18n.T("Le geste vise à nuire à la personne représentée : indice d'un acte malveillant.", "The act aims to harm the person depicted: a sign of a malicious act."),
		Fires: func(a Answers) bool {
			return is(a, "intent.motive", "humiliate", "revenge", "harass") || is(a, "trigger.context", "breakup", "conflict")
		}},
	{ID: "M-WIDE", Kind: Malice,
		Statement: i18n.T("Diffusion large : plus de 20 destinataires, publication en ligne ou hors de l'école.", "Wide distribution: over 20 recipients, posted online or spread outside the school."),
		Basis:     i18n.T("L'ampleur de la diffusion aggrave le tort causé.", "The extent of the distribution aggravates the harm done."),
		Fires: func(a Answers) bool {
			return is(a, "scope.recipients", "over_20") || is(a, "scope.public", "oui") || is(a, "scope.outside_school", "oui")
		}},
	{ID: "M-RECIDIVISM", Kind: Malice,
		Statement: i18n.T("Intervention SEXTO antérieure.", "Earlier SEXTO intervention."),
		Basis:     i18n.T("Le jeune a déjà reçu la rencontre éducative : la récidive pèse dans la décision.", "The young person has already had the educational meeting: a repeat weighs in the decision."),
		Fires:     func(a Answers) bool { return is(a, "intent.prior_sexto", "oui") }},
	{ID: "M-MANIPULATED", Kind: Malice,
		Statement: i18n.T("Contenu truqué (montage, IA).", "Manipulated content (edit, AI)."),
		Basis:     i18n.T("Fabriquer une image intime d'une personne est un geste délibéré.", "Fabricating an intimate image of someone is a deliberate act."),
		Fires:     func(a Answers) bool { return is(a, "trigger.origin", "manipulated") }},
}

// RuleByID returns the rule with id.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Orientation is the likely route for a student or an incident.
type Orientation string

// The orientations, in the order students are checked (SPEC §8).
const (
	Incomplete Orientation = "incomplete"
	Support    Orientation = "support"
	UrgentCall Orientation = "urgent"
	Malicious  Orientation = "malicious"
	Impulsive  Orientation = "impulsive"
	Witness    Orientation = "witness"
)

// severity orders the incident's orientation when no urgent flag fired.
var severity = map[Orientation]int{Support: 1, Witness: 2, Impulsive: 3, Malicious: 4}

// Student is one grid to classify.
type Student struct {
	Ref     string
	Answers Answers
	Missing []string // required item keys not answered
}

// StudentResult is a student's classification.
type StudentResult struct {
	Ref         string      `json:"ref"`
	Orientation Orientation `json:"orientation"`
	// Provisional is, for an incomplete grid, the orientation its answers point to so far;
	// it counts for the incident, so that a missing answer hides nothing serious.
	Provisional Orientation `json:"provisional,omitempty"`
	Rules       []string    `json:"rules"`
	Mitigating  []string    `json:"mitigating"`
	Missing     []string    `json:"missing"`
}

// IncidentResult is the incident's classification.
type IncidentResult struct {
	ID          string      `json:"id"`
	Orientation Orientation `json:"orientation"`
	Rules       []string    `json:"rules"`
	// Incomplete lists the refs of the grids still incomplete: shown first, blocking nothing.
	Incomplete []string `json:"incomplete"`
}

// Result is a whole classification (the JSON of `sexto score --json`).
type Result struct {
	RulesVersion string          `json:"rules_version"`
	Incident     IncidentResult  `json:"incident"`
	Students     []StudentResult `json:"students"`
}

// Mitigating facts (SPEC §8): listed, never hidden.
var mitigating = []struct {
	key   string
	holds func(Answers) bool
}{
	{"intent.acknowledges", func(a Answers) bool { return is(a, "intent.acknowledges", "oui") }},
	{"scope.recipients", func(a Answers) bool { return is(a, "scope.recipients", "0", "1") }},
	{"scope.public", func(a Answers) bool { return is(a, "scope.public", "non") }},
}

// Classify gives each student and the incident an orientation, with its reasons.
func Classify(incidentID string, students []Student) Result {
	res := Result{RulesVersion: RulesVersion, Incident: IncidentResult{ID: incidentID, Rules: []string{}, Incomplete: []string{}},
		Students: make([]StudentResult, 0, len(students))}
	urgent := map[string]bool{}
	worst := Orientation("")
	for _, s := range students {
		r := classifyStudent(s)
		for _, id := range r.Rules {
			if id[0] == 'U' {
				urgent[id] = true
			}
		}
		o := r.Orientation
		if o == Incomplete {
			res.Incident.Incomplete = append(res.Incident.Incomplete, r.Ref)
			o = r.Provisional
		}
		if worst == "" || severity[o] > severity[worst] {
			worst = o
		}
		res.Students = append(res.Students, r)
	}
	for _, rule := range Rules {
		if urgent[rule.ID] {
			res.Incident.Rules = append(res.Incident.Rules, rule.ID)
		}
	}
	// Urgent if any grid raised a U- flag; else the most serious orientation, an incomplete
	// grid counting with what its answers point to so far; incomplete only without grids.
	switch {
	case len(urgent) > 0:
		res.Incident.Orientation = UrgentCall
	case worst == "":
		res.Incident.Orientation = Incomplete
	default:
		res.Incident.Orientation = worst
	}
	return res
}

func classifyStudent(s Student) StudentResult {
	a := s.Answers
	acting := grid.Acting(a.Code)
	r := StudentResult{Ref: s.Ref, Rules: []string{}, Mitigating: []string{}, Missing: append([]string{}, s.Missing...)}
	var u, m bool
	for _, rule := range Rules {
		if rule.Kind == Malice && !acting {
			continue
		}
		if rule.Fires(a) {
			r.Rules = append(r.Rules, rule.ID)
			if rule.Kind == Urgent {
				u = true
			} else {
				m = true
			}
		}
	}
	if acting {
		for _, mf := range mitigating {
			if mf.holds(a) {
				r.Mitigating = append(r.Mitigating, mf.key)
			}
		}
	}
	if len(r.Missing) > 0 {
		r.Orientation = Incomplete
		r.Provisional = orientation(a, acting, u, m)
		return r
	}
	r.Orientation = orientation(a, acting, u, m)
	return r
}

// orientation applies SPEC §8's order to a grid's facts (incompleteness aside).
func orientation(a Answers, acting, u, m bool) Orientation {
	switch {
	case is(a, "role.depicted", "oui"):
		return Support
	case acting && u:
		return UrgentCall
	case acting && m:
		return Malicious
	case acting:
		return Impulsive
	}
	return Witness
}
