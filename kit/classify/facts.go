package classify

import "sexto/kit/i18n"

// Fact is a mitigating or aggravating fact about an acting student, in its own words.
type Fact struct {
	Key        string // the item it comes from (SPEC §7)
	Mitigating bool
	Text       i18n.Text
}

// factRules are the facts listed beside the orientation (SPEC §8), never hidden, each said as
// the fact it is ("Pas publié en ligne"), never as the bare question.
var factRules = []struct {
	key        string
	mitigating bool
	says       func(g *Grid) (i18n.Text, bool)
}{
	{"intent.acknowledges", true, is("intent.acknowledges", "oui", t("Reconnaît les faits et collabore", "Acknowledges the facts and cooperates"))},
	{"scope.recipients", true, func(g *Grid) (i18n.Text, bool) {
		switch g.Code("scope.recipients") {
		case "0":
			return t("Aucun destinataire", "No recipient"), true
		case "1":
			return t("Un seul destinataire", "A single recipient"), true
		}
		return i18n.Text{}, false
	}},
	{"scope.public", true, is("scope.public", "non", t("Pas publié en ligne", "Not posted online"))},
	{"intent.knew_no_consent", false, is("intent.knew_no_consent", "oui", t("Savait que la personne n'y consentait pas", "Knew the person did not consent"))},
	{"scope.still_circulating", false, is("scope.still_circulating", "oui", t("Toujours en circulation", "Still circulating"))},
	{"nature.identifiable", false, is("nature.identifiable", "face", t("Le visage de la personne est reconnaissable", "The person's face can be recognized"))},
	{"trigger.solicitation", false, is("trigger.solicitation", "pressured", t("Contenu demandé avec insistance", "The content was asked for with pressure"))},
	{"scope.outside_school", false, is("scope.outside_school", "oui", t("Diffusé hors de l'école", "Spread outside the school"))},
}

func is(key, code string, text i18n.Text) func(g *Grid) (i18n.Text, bool) {
	return func(g *Grid) (i18n.Text, bool) { return text, g.Has(key, code) }
}

// facts lists the mitigating then the aggravating facts of a grid.
func facts(g *Grid) []Fact {
	var out []Fact
	for _, mitigating := range []bool{true, false} {
		for _, f := range factRules {
			if f.mitigating != mitigating {
				continue
			}
			if text, ok := f.says(g); ok {
				out = append(out, Fact{Key: f.key, Mitigating: f.mitigating, Text: text})
			}
		}
	}
	return out
}

// FactList joins facts of one kind in l, with " · ".
func FactList(fs []Fact, mitigating bool, l i18n.Lang) string {
	s := ""
	for _, f := range fs {
		if f.Mitigating != mitigating {
			continue
		}
		if s != "" {
			s += " · "
		}
		s += f.Text.In(l)
	}
	return s
}

// Change is one change of the rules since the version before.
type Change struct {
	Rules []string // the rule IDs it concerns
	Text  i18n.Text
}

// Changes are what changed from rules 1.0 to 2.0, and why.
var Changes = []Change{
	{[]string{"U-UNDER13", "U-AGEGAP", "U-ADULT"}, t("Les âges se calculent à la date du dévoilement à partir des dates de naissance ; l'âge de la personne représentée vient de la grille ou, à défaut, de la grille de l'élève représenté. Une règle qui a besoin d'un âge inconnu est signalée « non évaluée » au lieu de se taire.",
		"Ages are counted at the date of disclosure from the birth dates; the age of the person depicted comes from the grid or, failing that, from the depicted student's grid. A rule that needs an unknown age is reported “not evaluated” instead of staying silent.")},
	{[]string{"U-ADULT"}, t("Une personne inconnue en ligne, ou un élève de 18 ans ou plus qui a posé un geste, compte comme un adulte possible.",
		"An unknown person online, or a student aged 18 or over who acted, counts as a possible adult.")},
	{[]string{"U-VULNERABLE", "U-AGEGAP", "U-SPREADING"}, t("Trois nouveaux motifs d'appel immédiat : un doute sur la capacité à consentir ; un écart d'âge au-delà des exceptions de l'art. 150.1 C. cr. ; un contenu public ou très diffusé et toujours en circulation.",
		"Three new reasons to call at once: doubt about capacity to consent; an age gap beyond the exceptions of Criminal Code s. 150.1; content public or widely spread and still circulating.")},
	{[]string{"U-SALE"}, t("L'échange d'images et la recherche d'autres contenus s'ajoutent à la vente.", "Trading images and seeking more content are added to selling.")},
	{[]string{"U-EXTORTION"}, t("Le fondement cite l'extorsion (art. 346 C. cr.) : menacer de publier une image n'est pas un « proférer des menaces » (art. 264.1).",
		"The basis cites extortion (Criminal Code s. 346): threatening to post an image is not “uttering threats” (s. 264.1).")},
	{[]string{"M-INTENT", "M-WIDE", "M-RECIDIVISM", "M-MANIPULATED"}, t("Les indices de malveillance ne lisent que les gestes de l'élève lui-même : le contexte de rupture ne compte que pour qui a produit ou diffusé ; un seul envoi hors de l'école n'est plus une diffusion large ; une intervention antérieure compte seulement pour un geste posé par ce jeune ; un contenu truqué compte pour qui l'a fabriqué ou transmis.",
		"Malice indicators read only the student's own acts: a break-up context counts only for one who produced or spread; a single send outside the school is no longer wide spreading; an earlier intervention counts only for an act by this youth; manipulated content counts for one who made or sent it.")},
	{[]string{"M-INTENT", "M-WIDE", "M-RECIDIVISM", "M-MANIPULATED"}, t("« A conservé » signifie désormais conservé volontairement : l'élève qui n'a rien effacé parce qu'on le lui a demandé n'a pas posé de geste.",
		"“Kept” now means kept on purpose: a student who deleted nothing because they were asked not to has not acted.")},
	{nil, t("Les faits aggravants sont listés à côté des faits atténuants, et chaque fait est écrit comme un fait (« Pas publié en ligne »), jamais comme la question de la grille.",
		"Aggravating facts are listed beside mitigating ones, and each fact is written as a fact (“Not posted online”), never as the grid's question.")},
}
