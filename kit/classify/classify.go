// Package classify holds the rules of SEXTO's indicative pre-classification (SPEC §8) as data,
// and Classify, a pure function that gives each student and the incident an orientation with
// the reasons for it: the rules that fired, the rules that could not be evaluated for lack of
// an age, the mitigating and aggravating facts, the missing items. The decision itself
// belongs to the DPCP; every output that shows an orientation says so.
package classify

import (
	"slices"
	"time"

	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// RulesVersion identifies this set of rules; every classification carries it.
const RulesVersion = "2.0"

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
	// Time returns a date answered for key (student.birth_date).
	Time(key string) (time.Time, bool)
}

// Grid is one grid as the rules see it: its answers and what the incident tells about it.
type Grid struct {
	Answers
	// Acting is true for a student with an acting role (SPEC §8).
	Acting bool
	// Age is the student's age at disclosure, in whole years; AgeKnown is false without a
	// birth date or a disclosure date.
	Age      int
	AgeKnown bool
	// Birth is the student's birth date, when given.
	Birth time.Time
	// DepictedAge is the age of the person depicted on this grid: nature.depicted_age, else
	// the age at disclosure of the incident's (youngest) depicted student.
	DepictedAge   int
	DepictedKnown bool
}

// Has reports whether key holds one of codes.
func (g *Grid) Has(key string, codes ...string) bool { return slices.Contains(codes, g.Code(key)) }

// spreads reports whether the student sent or showed the content.
func (g *Grid) spreads() bool { return g.Has("role.sender", "oui") || g.Has("role.shower", "oui") }

// produced reports whether the student produced content in which they are not depicted.
func (g *Grid) produced() bool {
	return g.Has("role.producer", "oui") && !g.Has("role.depicted", "oui")
}

// Outcome is what a rule says of a grid.
type Outcome int

// Outcomes.
const (
	Silent      Outcome = iota
	Fires               // the rule applies
	Unevaluated         // an age the rule needs is unknown: ask for it
)

// Rule is one rule: its stable ID, what it says, why, and when it fires.
type Rule struct {
	ID        string
	Kind      Kind
	Statement i18n.Text
	Basis     i18n.Text
	Eval      func(*Grid) Outcome `json:"-"`
}

func when(b bool) Outcome {
	if b {
		return Fires
	}
	return Silent
}

// always is a rule that needs no age.
func always(f func(*Grid) bool) func(*Grid) Outcome {
	return func(g *Grid) Outcome { return when(f(g)) }
}

var t = i18n.T

// Rules are every rule, urgent ones first, in a stable order.
var Rules = []Rule{
	{ID: "U-ADULT", Kind: Urgent,
		Statement: t("Un adulte est ou pourrait être impliqué : adulte, personne inconnue en ligne, ou élève de 18 ans ou plus ayant posé un geste.",
			"An adult is or may be involved: an adult, an unknown person online, or a student aged 18 or over who acted."),
		Basis: t("Leurre possible (art. 172.1 C. cr.) ou exploitation : la police intervient sans délai.",
			"Possible luring (Criminal Code s. 172.1) or exploitation: the police act at once."),
		Eval: func(g *Grid) Outcome {
			switch {
			case g.Has("nature.adult_involved", "oui"), g.Has("trigger.relationship", "adult", "online_stranger"):
				return Fires
			case !g.Acting:
				return Silent
			case !g.AgeKnown:
				return Unevaluated
			}
			return when(g.Age >= 18)
		}},
	{ID: "U-EXTORTION", Kind: Urgent,
		Statement: t("Menaces, chantage ou sextorsion, ou contenu obtenu par la menace.",
			"Threats, blackmail or sextortion, or content obtained by threat."),
		Basis: t("Extorsion (art. 346 C. cr.), y compris la menace de publier une image ; la victime est exposée à d'autres demandes.",
			"Extortion (Criminal Code s. 346), including the threat to post an image; the victim is exposed to further demands."),
		Eval: always(func(g *Grid) bool { return g.Has("intent.threats", "oui") || g.Has("trigger.solicitation", "extorted") })},
	{ID: "U-COERCION", Kind: Urgent,
		Statement: t("Pression, manipulation ou contrainte.", "Pressure, manipulation or coercion."),
		Basis: t("Motif d'appel immédiat : signe possible d'emprise, de manipulation ou de leurre.",
			"A reason to call at once: a possible sign of control, manipulation or grooming."),
		Eval: always(func(g *Grid) bool { return g.Has("intent.coercion", "oui") })},
	{ID: "U-COVERT", Kind: Urgent,
		Statement: t("Contenu pris à l'insu de la personne, ou obtenu en accédant à son téléphone ou à son compte.",
			"Content taken without the person knowing, or obtained through their phone or account."),
		Basis: t("Voyeurisme (art. 162 C. cr.) ; diffuser un tel enregistrement est aussi une infraction (art. 162(4)). La personne n'a pas consenti.",
			"Voyeurism (Criminal Code s. 162); distributing such a recording is also an offence (s. 162(4)). The person did not consent."),
		Eval: always(func(g *Grid) bool { return g.Has("trigger.origin", "covert", "account_access") })},
	{ID: "U-VIOLENT", Kind: Urgent,
		Statement: t("Le contenu, tel que décrit, montre un acte violent ou non consenti.", "The content, as described, shows a violent or non-consensual act."),
		Basis:     t("Agression possible : la sécurité de la personne passe avant tout.", "Possible assault: the person's safety comes first."),
		Eval:      always(func(g *Grid) bool { return g.Has("nature.content", "violent") })},
	{ID: "U-UNDER13", Kind: Urgent,
		Statement: t("Activité sexuelle explicite ou acte violent, la personne représentée ayant moins de 13 ans.",
			"Explicit sexual activity or a violent act, the person depicted being under 13."),
		Basis: t("Abus sexuel présumé d'un enfant : la police, et un signalement sans délai à la DPJ (LPJ, art. 39).",
			"Presumed sexual abuse of a child: the police, and a report without delay to youth protection (Youth Protection Act, s. 39)."),
		Eval: func(g *Grid) Outcome {
			switch {
			case !g.Has("nature.content", "sexual_act", "violent"):
				return Silent
			case !g.DepictedKnown:
				return Unevaluated
			}
			return when(g.DepictedAge < 13)
		}},
	{ID: "U-RISK", Kind: Urgent,
		Statement: t("Un jeune est en danger immédiat (idées suicidaires, automutilation).", "A young person is at immediate risk (suicidal, self-harm)."),
		Basis:     t("La sécurité du jeune prime : 911 et soutien immédiat.", "The young person's safety comes first: 911 and immediate support."),
		Eval:      always(func(g *Grid) bool { return g.Has("safety.at_risk", "oui") })},
	{ID: "U-SALE", Kind: Urgent,
		Statement: t("Vente ou échange d'images, ou recherche d'autres contenus.", "Images sold or traded, or more content sought."),
		Basis: t("Vendre, distribuer ou rendre accessible de la pornographie juvénile est une infraction (art. 163.1(3) C. cr.) ; vouloir d'autres images appelle la police sans délai ; réseau possible.",
			"Selling, distributing or making child pornography available is an offence (Criminal Code s. 163.1(3)); wanting more images calls for the police at once; a possible network."),
		Eval: always(func(g *Grid) bool {
			return g.Has("intent.motive", "gain", "more_content") || g.Has("trigger.context", "sale", "trade")
		})},
	{ID: "U-VULNERABLE", Kind: Urgent,
		Statement: t("Doute sur la capacité d'un jeune à consentir (vulnérabilité particulière).",
			"Doubt about a young person's capacity to consent (particular vulnerability)."),
		Basis: t("La personne a pu ne pas être en mesure de consentir : exploitation possible, la police intervient sans délai.",
			"The person may not have been able to consent: possible exploitation, the police act at once."),
		Eval: always(func(g *Grid) bool { return g.Has("safety.vulnerable", "oui") })},
	{ID: "U-AGEGAP", Kind: Urgent,
		Statement: t("Écart d'âge au-delà des exceptions de proximité d'âge : personne représentée de 12 ou 13 ans et élève plus âgé d'au moins 2 ans, ou de 14 ou 15 ans et élève plus âgé d'au moins 5 ans.",
			"An age gap beyond the close-in-age exceptions: a person depicted aged 12 or 13 and a student at least 2 years older, or aged 14 or 15 and a student at least 5 years older."),
		Basis: t("Âge du consentement : 16 ans ; les exceptions de l'art. 150.1 C. cr. valent pour un écart de moins de 2 ans (12-13 ans) ou de moins de 5 ans (14-15 ans). Au-delà, l'activité n'est pas légale.",
			"Age of consent: 16; the exceptions of Criminal Code s. 150.1 cover a gap of less than 2 years (ages 12-13) or less than 5 years (ages 14-15). Beyond them, the activity is not lawful."),
		Eval: ageGap},
	{ID: "U-SPREADING", Kind: Urgent,
		Statement: t("Contenu publié en ligne ou reçu par plus de 20 personnes, et toujours en circulation.",
			"Content posted online or received by over 20 people, and still circulating."),
		Basis: t("Le retrait ne peut attendre : la police et Cyberaide.ca doivent agir maintenant pour contenir la diffusion.",
			"Removal cannot wait: the police and Cybertip.ca must act now to contain it."),
		Eval: always(func(g *Grid) bool {
			return g.Has("scope.still_circulating", "oui") && (g.Has("scope.public", "oui") || g.Has("scope.recipients", "over_20"))
		})},
	{ID: "M-INTENT", Kind: Malice,
		Statement: t("Intention d'humilier, de se venger ou de harceler, ou contenu produit ou diffusé par cet élève dans une rupture ou un conflit.",
			"Intent to humiliate, take revenge or harass, or content this student produced or spread in a break-up or a conflict."),
		Basis: t("Le geste vise à nuire à la personne représentée : indice d'un acte malveillant.",
			"The act aims to harm the person depicted: a sign of a malicious act."),
		Eval: always(func(g *Grid) bool {
			return g.Has("intent.motive", "humiliate", "revenge", "harass") ||
				(g.Has("trigger.context", "breakup", "conflict") && (g.produced() || g.spreads()))
		})},
	{ID: "M-WIDE", Kind: Malice,
		Statement: t("Diffusion large par cet élève : plus de 20 destinataires, publication en ligne, ou plus de 5 destinataires hors de l'école.",
			"Wide spreading by this student: over 20 recipients, posted online, or over 5 recipients outside the school."),
		Basis: t("L'ampleur de la diffusion aggrave le tort causé.", "The extent of the spreading aggravates the harm done."),
		Eval: always(func(g *Grid) bool {
			return g.spreads() && (g.Has("scope.recipients", "over_20") || g.Has("scope.public", "oui") ||
				(g.Has("scope.outside_school", "oui") && g.Has("scope.recipients", "6_20", "over_20")))
		})},
	{ID: "M-RECIDIVISM", Kind: Malice,
		Statement: t("Intervention SEXTO antérieure pour un geste posé par ce jeune.", "An earlier SEXTO intervention for an act by this youth."),
		Basis: t("Le jeune a déjà eu la rencontre éducative : la récidive pèse dans la décision.",
			"The youth has already had the educational meeting: a repeat weighs in the decision."),
		Eval: always(func(g *Grid) bool { return g.Has("intent.prior_sexto", "oui") })},
	{ID: "M-MANIPULATED", Kind: Malice,
		Statement: t("Cet élève a fabriqué ou transmis un contenu truqué (montage, IA).", "This student made or sent manipulated content (edit, AI)."),
		Basis: t("Une image truquée d'une personne de moins de 18 ans, ou présentée comme telle, peut être de la pornographie juvénile (art. 163.1(1) C. cr.) ; la fabriquer est un geste délibéré.",
			"A manipulated image of a person under 18, or depicted as under 18, can be child pornography (Criminal Code s. 163.1(1)); making it is a deliberate act."),
		Eval: always(func(g *Grid) bool {
			return g.Has("trigger.origin", "manipulated") && (g.produced() || g.Has("role.sender", "oui"))
		})},
}

// ageGap is U-AGEGAP: on an acting student's grid, a depicted person of 12 to 15 and a
// student older than the close-in-age exceptions of s. 150.1 allow, by their ages at
// disclosure.
func ageGap(g *Grid) Outcome {
	switch {
	case !g.Acting:
		return Silent
	case !g.DepictedKnown:
		return Unevaluated
	case g.DepictedAge < 12 || g.DepictedAge > 15:
		return Silent
	case !g.AgeKnown:
		return Unevaluated
	}
	years := 2
	if g.DepictedAge >= 14 {
		years = 5
	}
	// the ages at disclosure in whole years, as SPEC §8 defines them: a student born less
	// than two years before a depicted 12-year-old can be 14 while she is 12, and the flag then
	// fires; it never misses a gap that s. 150.1 measures to the day
	return when(g.Age-g.DepictedAge >= years)
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

// Student is one grid to classify.
type Student struct {
	Ref     string
	Answers Answers
	Missing []string // required item keys not answered
}

// Input is an incident to classify.
type Input struct {
	ID string
	// DisclosedAt is the time of disclosure; ages are counted at that date. Zero when unknown.
	DisclosedAt time.Time
	Students    []Student
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
	Aggravating []string    `json:"aggravating"`
	Missing     []string    `json:"missing"`
	// Unevaluated lists the rules that could not be evaluated for lack of an age.
	Unevaluated []string `json:"unevaluated"`
	// Facts are the mitigating then aggravating facts, in their own words.
	Facts []Fact `json:"-"`
	// UnderTwelve: a student who acted and was under 12 at disclosure, whom no court can
	// convict (Criminal Code s. 13); said beside the orientation in every output.
	UnderTwelve bool `json:"-"`
	// Adult: a student who acted and was 18 or older at disclosure (U-ADULT), to whom the youth
	// law does not apply; said beside the orientation, so that readers know which student it is.
	Adult bool `json:"-"`
}

// IncidentResult is the incident's classification.
type IncidentResult struct {
	ID          string      `json:"id"`
	Orientation Orientation `json:"orientation"`
	Rules       []string    `json:"rules"`
	// Incomplete lists the refs of the grids still incomplete: shown first, blocking nothing.
	Incomplete []string `json:"incomplete"`
	// Unevaluated lists the rules not evaluated on some grid for lack of an age.
	Unevaluated []string `json:"unevaluated"`
}

// Result is a whole classification (the JSON of `sexto score --json`).
type Result struct {
	RulesVersion string          `json:"rules_version"`
	Incident     IncidentResult  `json:"incident"`
	Students     []StudentResult `json:"students"`
}

// AgeAt is the age in whole years on day at of a person born on birth.
func AgeAt(birth, at time.Time) int {
	y := at.Year() - birth.Year()
	if at.Month() < birth.Month() || (at.Month() == birth.Month() && at.Day() < birth.Day()) {
		y--
	}
	return y
}

// grids derives what the rules need of each grid: acting, ages, the age of the person depicted.
func grids(in Input) []Grid {
	out := make([]Grid, len(in.Students))
	// the incident's depicted student: the youngest with a birth date
	var depictedBirth time.Time
	for i, s := range in.Students {
		g := Grid{Answers: s.Answers, Acting: grid.Acting(s.Answers.Code)}
		if b, ok := s.Answers.Time("student.birth_date"); ok && !in.DisclosedAt.IsZero() {
			g.Birth = b
			g.Age, g.AgeKnown = AgeAt(b, in.DisclosedAt), true
			if g.Has("role.depicted", "oui") && (depictedBirth.IsZero() || b.After(depictedBirth)) {
				depictedBirth = b
			}
		}
		out[i] = g
	}
	for i := range out {
		g := &out[i]
		if age, ok := g.Int("nature.depicted_age"); ok {
			g.DepictedAge, g.DepictedKnown = age, true
		} else if !depictedBirth.IsZero() {
			g.DepictedAge, g.DepictedKnown = AgeAt(depictedBirth, in.DisclosedAt), true
		}
	}
	return out
}

// Classify gives each student and the incident an orientation, with its reasons.
func Classify(in Input) Result {
	res := Result{RulesVersion: RulesVersion, Incident: IncidentResult{ID: in.ID, Rules: []string{}, Incomplete: []string{}, Unevaluated: []string{}},
		Students: make([]StudentResult, 0, len(in.Students))}
	urgent, unevaluated := map[string]bool{}, map[string]bool{}
	worst := Orientation("")
	// the rules behind each orientation the students have (an incomplete grid's provisional)
	behind := map[Orientation]map[string]bool{}
	for i, g := range grids(in) {
		r := classifyStudent(in.Students[i], &g)
		for _, id := range r.Rules {
			if id[0] == 'U' {
				urgent[id] = true
			}
		}
		for _, id := range r.Unevaluated {
			unevaluated[id] = true
		}
		o := r.Orientation
		if o == Incomplete {
			res.Incident.Incomplete = append(res.Incident.Incomplete, r.Ref)
			o = r.Provisional
		}
		if worst == "" || o.severity() > worst.severity() {
			worst = o
		}
		if behind[o] == nil {
			behind[o] = map[string]bool{}
		}
		for _, id := range r.Rules {
			behind[o][id] = true
		}
		res.Students = append(res.Students, r)
	}
	// the incident lists the rules that produced its orientation (SPEC §8): every U- flag
	// when it is urgent, else the rules of the students whose orientation it takes (the M-
	// indicators of a malicious incident; none for an impulsive one)
	produced := urgent
	if len(urgent) == 0 {
		produced = behind[worst]
	}
	for _, rule := range Rules {
		if produced[rule.ID] {
			res.Incident.Rules = append(res.Incident.Rules, rule.ID)
		}
		if unevaluated[rule.ID] {
			res.Incident.Unevaluated = append(res.Incident.Unevaluated, rule.ID)
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

func classifyStudent(s Student, g *Grid) StudentResult {
	r := StudentResult{Ref: s.Ref, Rules: []string{}, Mitigating: []string{}, Aggravating: []string{},
		Missing: append([]string{}, s.Missing...), Unevaluated: []string{}}
	var u, m bool
	for _, rule := range Rules {
		if rule.Kind == Malice && !g.Acting {
			continue
		}
		switch rule.Eval(g) {
		case Fires:
			r.Rules = append(r.Rules, rule.ID)
			if rule.Kind == Urgent {
				u = true
			} else {
				m = true
			}
		case Unevaluated:
			r.Unevaluated = append(r.Unevaluated, rule.ID)
		}
	}
	r.UnderTwelve = g.Acting && g.AgeKnown && g.Age < 12
	r.Adult = g.Acting && g.AgeKnown && g.Age >= 18
	if g.Acting {
		r.Facts = facts(g)
		for _, f := range r.Facts {
			if f.Mitigating {
				r.Mitigating = append(r.Mitigating, f.Key)
			} else {
				r.Aggravating = append(r.Aggravating, f.Key)
			}
		}
	}
	r.Orientation = orientation(g, u, m)
	if len(r.Missing) > 0 {
		r.Provisional = r.Orientation
		r.Orientation = Incomplete
	}
	return r
}

// orientation applies SPEC §8's order to a grid's facts (incompleteness aside).
func orientation(g *Grid, u, m bool) Orientation {
	switch {
	case g.Has("role.depicted", "oui"):
		return Support
	case g.Acting && u:
		return UrgentCall
	case g.Acting && m:
		return Malicious
	case g.Acting:
		return Impulsive
	}
	return Witness
}
