package classify

import (
	"strings"

	"sexto/kit/i18n"
)

// Indicative is the statement every output showing an orientation carries.
var Indicative = i18n.T("Pré-classification indicative — la décision appartient au DPCP",
	"Indicative pre-classification — the decision belongs to the DPCP")

// Orientation is the likely route for a student or an incident.
type Orientation string

// The orientations (SPEC §8).
const (
	Incomplete Orientation = "incomplete"
	Support    Orientation = "support"
	UrgentCall Orientation = "urgent"
	Malicious  Orientation = "malicious"
	Impulsive  Orientation = "impulsive"
	Witness    Orientation = "witness"
)

// Orientations is the one order in which orientations are shown (report, referral, stats,
// console): what needs acting on first.
var Orientations = []Orientation{UrgentCall, Incomplete, Malicious, Impulsive, Witness, Support}

// severity orders the incident's orientation when no urgent flag fired (SPEC §8: malicious >
// impulsive > witness > support).
func (o Orientation) severity() int {
	switch o {
	case Malicious:
		return 4
	case Impulsive:
		return 3
	case Witness:
		return 2
	case Support:
		return 1
	}
	return 0
}

// Label is the orientation's name for people.
func (o Orientation) Label() i18n.Text {
	switch o {
	case Incomplete:
		return i18n.T("Grille incomplète", "Incomplete grid")
	case Support:
		return i18n.T("Soutien (élève représenté(e))", "Support (depicted student)")
	case UrgentCall:
		return i18n.T("Appel immédiat au 911", "Call 911 now")
	case Malicious:
		return i18n.T("Geste malveillant probable", "Likely malicious act")
	case Impulsive:
		return i18n.T("Geste impulsif probable", "Likely impulsive act")
	case Witness:
		return i18n.T("Témoin ou destinataire", "Witness or recipient")
	}
	return i18n.T(string(o), string(o))
}

// NextStep is what to do for a student with this orientation.
func (o Orientation) NextStep() i18n.Text {
	switch o {
	case Incomplete:
		return i18n.T("Compléter la grille : les rubriques manquantes sont listées. La pré-classification ne vaut qu'une fois la grille complète.",
			"Complete the grid: the missing items are listed. The pre-classification holds only once the grid is complete.")
	case Support:
		return i18n.T("Soutenir l'élève et sa famille : ce n'est pas sa faute. Retrait des images (AidezMoiSVP.ca, Take It Down), CAVAC, suivi par l'agent(e) sociocommunautaire.",
			"Support the student and the family: it is not their fault. Image removal (NeedHelpNow.ca, Take It Down), CAVAC, follow-up by the community police officer.")
	case UrgentCall:
		return i18n.T("Appeler le 911 maintenant, avant de terminer les rencontres. Garder les appareils scellés, sans les consulter.",
			"Call 911 now, before finishing the meetings. Keep the devices sealed, unviewed.")
	case Malicious:
		return i18n.T("Enquête policière probable : transmettre la trousse à la police ; le DPCP décidera des suites.",
			"A police investigation is likely: hand the kit to the police; the DPCP will decide what follows.")
	case Impulsive:
		return i18n.T("Rencontre éducative SEXTO probable avec l'agent(e) sociocommunautaire et un parent ; un dossier SEXTO se règle en 4 jours environ, en moyenne.",
			"A SEXTO educational meeting is likely, with the community police officer and a parent; a SEXTO case closes in about 4 days on average.")
	case Witness:
		return i18n.T("Informer le jeune et sa famille ; suppression du contenu selon les consignes de la police.",
			"Inform the young person and the family; deletion of the content as the police direct.")
	}
	return i18n.Text{}
}

// Describe names a student's orientation for people; an incomplete grid also says what its
// answers point to so far.
func (r StudentResult) Describe(l i18n.Lang) string {
	s := r.Orientation.Label().In(l)
	if r.Orientation == Incomplete && r.Provisional != "" {
		s += i18n.T(" (pour l’instant : ", " (so far: ").In(l) + r.Provisional.Label().In(l) + ")"
	}
	return s
}

// NextStep is what follows for this student: the orientation's next step, except for a child
// under 12 whose act looks impulsive or malicious, for whom what follows is youth protection.
func (r StudentResult) NextStep() i18n.Text {
	if r.UnderTwelve && (r.Orientation == Impulsive || r.Orientation == Malicious) {
		return i18n.T("Appeler la police comme pour tout dossier SEXTO ; pour un enfant de moins de 12 ans, la suite relève de la protection de la jeunesse (signalez à la DPJ si sa sécurité ou son développement est ou peut être compromis, LPJ art. 38 et 39).",
			"Call the police as for any SEXTO incident; for a child under 12, what follows is a matter for youth protection (report to the DPJ if the child's security or development is or may be in danger, Youth Protection Act ss. 38 and 39).")
	}
	return r.Orientation.NextStep()
}

// AgeNote is the line every output prints beside the orientation of a student who acted under 12
// or at 18 or more, or "": the orientation says what the act looks like, not what follows.
func (r StudentResult) AgeNote(l i18n.Lang) string {
	if r.Adult {
		return i18n.T("18 ans ou plus au dévoilement : la LSJPA, qui vise les 12 à 17 ans, ne s'applique pas à cet élève.",
			"18 or older at disclosure: the YCJA, which covers ages 12 to 17, does not apply to this student.").In(l)
	}
	if !r.UnderTwelve {
		return ""
	}
	return i18n.T("Moins de 12 ans au dévoilement : aucune déclaration de culpabilité n'est possible (art. 13 C. cr.) ; la suite relève de la protection de la jeunesse, et non de la LSJPA.",
		"Under 12 at disclosure: no conviction is possible (Criminal Code s. 13); what follows is a matter for youth protection, not for the YCJA.").In(l)
}

// UnevaluatedNote is the line every output prints for rules not evaluated, or "".
func UnevaluatedNote(ids []string, l i18n.Lang) string {
	if len(ids) == 0 {
		return ""
	}
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		s += id
	}
	return i18n.T("Non évaluées faute d'âge : ", "Not evaluated for lack of an age: ").In(l) + s +
		i18n.T(" — inscrivez les dates de naissance (ou l'âge de la personne représentée), puis relancez.",
			" — enter the birth dates (or the age of the person depicted), then run again.").In(l)
}

// Describe is the incident's orientation followed by the rules that produced it:
// "Geste malveillant probable · M-INTENT, M-WIDE"; the label alone when no rule did.
func (r IncidentResult) Describe(l i18n.Lang) string {
	s := r.Orientation.Label().In(l)
	if len(r.Rules) > 0 {
		s += " · " + strings.Join(r.Rules, ", ")
	}
	return s
}
