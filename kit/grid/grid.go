// Package grid is the SEXTO incident evaluation grid as data: every item, its key, its code
// list and its French and English labels (SPEC §7). It is the single source that the paper
// grid, the workbook template, the workbook reader and the reports all read: adding an item is
// one edit here.
package grid

import (
	"strings"

	"sexto/kit/i18n"
)

// Kind is the type of answer an item takes.
type Kind int

// The answer kinds.
const (
	Text     Kind = iota // free text
	Date                 // a calendar date
	DateTime             // a date and a time
	Int                  // a whole number within [Min, Max]
	Choice               // one code of Options
)

func (k Kind) String() string {
	return [...]string{"text", "date", "datetime", "int", "choice"}[k]
}

// Option is one allowed answer of a Choice item.
type Option struct {
	Code  string
	Label i18n.Text
}

// Item is one line of the grid.
type Item struct {
	Key      string
	Label    i18n.Text
	Kind     Kind
	Options  []Option // Choice only
	Min, Max int      // Int only
	Required bool     // required on every non-empty grid
	// RequiredActing is true for items required when the student has an acting role.
	RequiredActing bool
	Help           i18n.Text // short help, shown beside the answer
	Short          i18n.Text // role items: the role in a few words, for tables
	// Lines is, for a free text, how many lines it gets to be written on, on the paper grid
	// and in the PDF form (0: one).
	Lines int
	// Acting marks the role items that make a student an acting youth (SPEC §8).
	Acting bool
}

// Option returns the option with code, if any.
func (it *Item) Option(code string) (Option, bool) {
	for _, o := range it.Options {
		if o.Code == code {
			return o, true
		}
	}
	return Option{}, false
}

// Match returns the code of the option s stands for: its code, its French or English label
// with case, accents, surrounding spaces and punctuation ignored, or a natural synonym (Oui,
// Yes, O, N, Français, English…). See match.go.
func (it *Item) Match(s string) (string, bool) { return it.match(s) }

// Section is a titled group of items.
type Section struct {
	ID    string
	Title i18n.Text
	Items []Item
}

var t = i18n.T

// Standard code lists.
var (
	yes     = Option{"oui", t("Oui", "Yes")}
	no      = Option{"non", t("Non", "No")}
	unknown = Option{"inconnu", t("Inconnu", "Unknown")}
	// YN is oui/non.
	YN = []Option{yes, no}
	// YNU is oui/non/inconnu.
	YNU = []Option{yes, no, unknown}
)

func opt(code, fr, en string) Option { return Option{code, t(fr, en)} }

func choice(key, fr, en string, opts []Option) Item {
	return Item{Key: key, Label: t(fr, en), Kind: Choice, Options: opts}
}

func text(key, fr, en string) Item { return Item{Key: key, Label: t(fr, en), Kind: Text} }

func datetime(key, fr, en string) Item { return Item{Key: key, Label: t(fr, en), Kind: DateTime} }

func required(it Item) Item { it.Required = true; return it }

func acting(it Item) Item { it.RequiredActing = true; return it }

func help(it Item, fr, en string) Item { it.Help = t(fr, en); return it }

func lines(it Item, n int) Item { it.Lines = n; return it }

// Incident is the incident sheet (SPEC §7.1).
var Incident = Section{
	ID:    "incident",
	Title: t("Dossier", "Incident"),
	Items: []Item{
		help(required(text("incident.id", "N° de dossier (école)", "School file no.")),
			"Numéro attribué par l'école", "Number given by the school"),
		text("incident.police_event", "N° d'événement policier", "Police event no."),
		help(required(datetime("incident.disclosed_at", "Dévoilement (date et heure)", "Disclosure (date and time)")),
			"AAAA-MM-JJ HH:MM", "YYYY-MM-DD HH:MM"),
		choice("incident.disclosed_by", "Dévoilé par", "Disclosed by", []Option{
			opt("depicted", "Élève représenté(e)", "Depicted student"),
			opt("student", "Autre élève", "Another student"),
			opt("parent", "Parent", "Parent"),
			opt("staff", "Personnel", "Staff"),
			opt("anonymous", "Anonyme", "Anonymous"),
			opt("other", "Autre", "Other"),
		}),
		required(text("incident.intervener", "Intervenant(e) responsable", "Intervener in charge")),
		datetime("incident.principal_informed_at", "Direction avisée le", "Principal informed"),
		datetime("incident.police_called_at", "Appel au 911 le", "911 call"),
		datetime("incident.kit_handed_at", "Trousse remise au policier le", "Kit handed to officer"),
		text("incident.officer", "Policier(ère) (nom, matricule)", "Officer (name, badge)"),
		lines(help(text("incident.summary", "Résumé des faits (sans décrire le contenu)", "Summary (do not describe the content)"),
			"Ce qui s'est passé, jamais ce que montre le contenu", "What happened, never what the content shows"), 6),
	},
}

var grades = []Option{
	opt("sec1", "Secondaire 1", "Secondary 1"),
	opt("sec2", "Secondaire 2", "Secondary 2"),
	opt("sec3", "Secondaire 3", "Secondary 3"),
	opt("sec4", "Secondaire 4", "Secondary 4"),
	opt("sec5", "Secondaire 5", "Secondary 5"),
	opt("other", "Autre", "Other"),
}

func role(key, fr, en, shortFR, shortEN string) Item {
	it := required(choice(key, fr, en, YN))
	it.Short = t(shortFR, shortEN)
	return it
}

// actingRole is a role that makes a student an acting youth.
func actingRole(key, fr, en, shortFR, shortEN string) Item {
	it := role(key, fr, en, shortFR, shortEN)
	it.Acting = true
	return it
}

// Student is the per-student grid (SPEC §7.2), in printed order.
var Student = []Section{
	{
		ID:    "identification",
		Title: t("Identification", "Identification"),
		Items: []Item{
			help(required(text("student.ref", "Réf. élève", "Student ref.")), "E1, E2…", "E1, E2…"),
			required(text("student.last_name", "Nom", "Last name")),
			required(text("student.first_name", "Prénom", "First name")),
			help(Item{Key: "student.birth_date", Label: t("Date de naissance", "Date of birth"), Kind: Date},
				"AAAA-MM-JJ", "YYYY-MM-DD"),
			choice("student.grade", "Niveau", "Grade", grades),
			text("parent.name", "Parent ou tuteur", "Parent or guardian"),
			choice("parent.language", "Langue de correspondance", "Correspondence language", []Option{
				// each language named in its own language, as language pickers do
				opt("fr", "Français", "Français"),
				opt("en", "English", "English"),
			}),
			text("parent.phone", "Téléphone du parent", "Parent's phone"),
			datetime("parent.notified_at", "Parent avisé le", "Parent notified"),
			datetime("interview.at", "Rencontre individuelle le", "Individual meeting"),
		},
	},
	{
		ID:    "role",
		Title: t("A. Type d'implication", "A. Type of involvement"),
		Items: []Item{
			role("role.depicted", "Personne représentée dans le contenu", "Person depicted in the content", "représenté(e)", "depicted"),
			actingRole("role.producer", "A produit le contenu (photo, vidéo)", "Produced the content", "a produit", "produced"),
			actingRole("role.requester", "A demandé ou exigé le contenu", "Requested or demanded the content", "a demandé", "requested"),
			actingRole("role.sender", "A transmis le contenu", "Sent or forwarded the content", "a transmis", "sent"),
			actingRole("role.shower", "A montré le contenu sans le transmettre", "Showed the content without sending it", "a montré", "showed"),
			role("role.recipient", "A reçu le contenu", "Received the content", "a reçu", "received"),
			help(actingRole("role.kept", "A conservé volontairement le contenu (sauvegardé, caché, copié ailleurs)",
				"Kept the content on purpose (saved, hid, copied elsewhere)", "a conservé", "kept"),
				"Non si l'élève l'a seulement gardé parce qu'on lui a demandé de ne rien effacer",
				"No if the student only has it because they were asked not to delete anything"),
			role("role.discloser", "A dévoilé la situation", "Disclosed the situation", "a dévoilé", "disclosed"),
		},
	},
	{
		ID:    "trigger",
		Title: t("B. Amorce", "B. Trigger"),
		Items: []Item{
			choice("trigger.relationship", "Lien entre les jeunes", "Relationship", []Option{
				opt("couple", "Couple", "Couple"),
				opt("ex", "Ex-couple", "Former couple"),
				opt("friends", "Amis", "Friends"),
				opt("acquaintances", "Connaissances", "Acquaintances"),
				opt("online_stranger", "Inconnu en ligne", "Online stranger"),
				opt("adult", "Adulte", "Adult"),
				opt("other", "Autre", "Other"),
			}),
			choice("trigger.origin", "Origine du contenu", "How the content was created", []Option{
				opt("self", "Autoproduit", "Self-made"),
				opt("consensual_other", "Pris par un autre, avec accord", "Taken by another, with consent"),
				opt("covert", "Pris à l'insu", "Taken without the person knowing"),
				opt("account_access", "Obtenu en accédant au téléphone ou compte d'autrui", "Obtained through someone's phone or account"),
				opt("manipulated", "Truqué (montage, IA)", "Manipulated (edit, AI)"),
				opt("unknown", "Inconnu", "Unknown"),
			}),
			choice("trigger.solicitation", "Sollicitation", "Was it asked for", []Option{
				opt("unsolicited", "Non demandé", "Not asked for"),
				opt("asked", "Demandé", "Asked for"),
				opt("pressured", "Demandé avec insistance", "Asked with pressure"),
				opt("extorted", "Obtenu par menace ou chantage", "Obtained by threat or blackmail"),
				opt("unknown", "Inconnu", "Unknown"),
			}),
			choice("trigger.context", "Ce qui a mené au partage", "What led to sharing", []Option{
				opt("relationship", "Échange dans une relation", "Exchange in a relationship"),
				opt("boasting", "Vantardise", "Boasting"),
				opt("joke", "Blague, défi", "Joke, dare"),
				opt("acceptance", "Être accepté", "To be accepted"),
				opt("breakup", "Rupture, vengeance", "Break-up, revenge"),
				opt("conflict", "Conflit, intimidation", "Conflict, bullying"),
				opt("trade", "Échange d'images", "Image trade"),
				opt("sale", "Vente, gain", "Sale, gain"),
				opt("none", "Sans objet", "Not applicable"),
				opt("other", "Autre", "Other"),
			}),
		},
	},
	{
		ID:    "nature",
		Title: t("C. Nature (selon les déclarations — jamais regardé)", "C. Nature (as described — never viewed)"),
		Items: []Item{
			choice("nature.medium", "Type de contenu", "Type of content", []Option{
				opt("photo", "Photo", "Photo"),
				opt("video", "Vidéo", "Video"),
				opt("live", "Diffusion en direct", "Live stream"),
				opt("screenshot", "Capture d'écran", "Screenshot"),
				opt("text", "Texte seulement", "Text only"),
				opt("unknown", "Inconnu", "Unknown"),
			}),
			choice("nature.content", "Contenu selon les déclarations", "Content as described", []Option{
				opt("semi_nude", "Semi-nudité", "Semi-nudity"),
				opt("nude", "Nudité", "Nudity"),
				opt("sexual_act", "Activité sexuelle explicite", "Explicit sexual activity"),
				opt("violent", "Acte violent ou non consenti", "Violent or non-consensual act"),
				opt("unknown", "Inconnu", "Unknown"),
			}),
			{Key: "nature.file_count", Label: t("Nombre de fichiers (approx.)", "Number of files (approx.)"),
				Kind: Int, Min: 0, Max: 100000},
			choice("nature.identifiable", "Personne identifiable", "Person identifiable", []Option{
				opt("face", "Oui, visage", "Yes, face"),
				opt("other_sign", "Oui, autre signe", "Yes, other sign"),
				opt("no", "Non", "No"),
				opt("unknown", "Inconnu", "Unknown"),
			}),
			{Key: "nature.depicted_age", Label: t("Âge de la personne représentée", "Age of the person depicted"),
				Kind: Int, Min: 0, Max: 99},
			choice("nature.adult_involved", "Adulte impliqué", "Adult involved", YNU),
		},
	},
	{
		ID:    "intent",
		Title: t("D. Intentions", "D. Intentions"),
		Items: []Item{
			acting(choice("intent.motive", "Motif déclaré", "Stated motive", []Option{
				opt("thoughtless", "Sans réflexion", "Without thinking"),
				opt("fun", "Rire, popularité", "Fun, popularity"),
				opt("acceptance", "Être accepté", "To be accepted"),
				opt("humiliate", "Humilier", "Humiliate"),
				opt("revenge", "Se venger", "Revenge"),
				opt("harass", "Harceler, intimider", "Harass, bully"),
				opt("more_content", "Obtenir d'autres contenus", "Get more content"),
				opt("gain", "Argent, gain", "Money, gain"),
				opt("none", "Sans objet", "Not applicable"),
				opt("other", "Autre", "Other"),
			})),
			choice("intent.knew_no_consent", "Savait que la personne n'y consentait pas", "Knew the person did not consent", YNU),
			acting(choice("intent.threats", "Menaces, chantage ou sextorsion", "Threats, blackmail or sextortion", YN)),
			acting(choice("intent.coercion", "Pression, manipulation ou contrainte", "Pressure, manipulation or coercion", YN)),
			choice("intent.acknowledges", "Reconnaît les faits et collabore", "Acknowledges and cooperates", YN),
			help(choice("intent.prior_sexto", "Intervention SEXTO antérieure pour un geste posé par ce jeune",
				"Earlier SEXTO intervention for an act by this youth", YNU),
				"Non si le jeune y était la personne représentée ou un destinataire",
				"No if the youth was then the person depicted or a recipient"),
		},
	},
	{
		ID:    "scope",
		Title: t("E. Étendue", "E. Scope"),
		Items: []Item{
			acting(choice("scope.recipients", "Nombre de destinataires", "Number of recipients", []Option{
				opt("0", "0", "0"),
				opt("1", "1", "1"),
				opt("2_5", "2 à 5", "2 to 5"),
				opt("6_20", "6 à 20", "6 to 20"),
				opt("over_20", "Plus de 20", "Over 20"),
				opt("unknown", "Inconnu", "Unknown"),
			})),
			choice("scope.channel", "Moyen principal", "Main channel", []Option{
				opt("sms", "Texto", "SMS"),
				opt("snapchat", "Snapchat", "Snapchat"),
				opt("instagram", "Instagram", "Instagram"),
				opt("group_chat", "Messagerie de groupe", "Group chat"),
				opt("airdrop", "AirDrop", "AirDrop"),
				opt("discord", "Discord", "Discord"),
				opt("tiktok", "TikTok", "TikTok"),
				opt("public_site", "Site public", "Public site"),
				opt("other", "Autre", "Other"),
				opt("unknown", "Inconnu", "Unknown"),
			}),
			choice("scope.public", "Publié publiquement en ligne", "Posted publicly online", YNU),
			choice("scope.outside_school", "Diffusé hors de l'école", "Spread outside the school", YNU),
			choice("scope.still_circulating", "Toujours en circulation", "Still circulating", YNU),
			lines(help(text("scope.accounts", "Comptes, pseudonymes et groupes mentionnés (sans rien consulter)",
				"Accounts, usernames and groups mentioned (without looking at anything)"),
				"Tels que les jeunes les nomment ; n'ouvrez aucun compte ni groupe",
				"As the youths name them; open no account or group"), 2),
		},
	},
	{
		ID:    "safety",
		Title: t("F. Sécurité", "F. Safety"),
		Items: []Item{
			choice("safety.at_risk", "Jeune en danger immédiat (idées suicidaires, automutilation)", "Youth at immediate risk (suicidal, self-harm)", YN),
			choice("safety.vulnerable", "Vulnérabilité particulière (capacité à consentir)", "Particular vulnerability (capacity to consent)", YNU),
			choice("safety.dpj_report", "Signalement à la DPJ", "Report to youth protection (DPJ)", YN),
		},
	},
	{
		ID:    "device",
		Title: t("G. Appareil", "G. Device"),
		Items: []Item{
			help(choice("device.seized", "Appareil confisqué", "Device seized", YN),
				"Si oui : une ligne par appareil dans la feuille Appareils", "If yes: one row per device on the Devices sheet"),
		},
	},
	{
		ID:    "notes",
		Title: t("Observations", "Notes"),
		Items: []Item{
			// the student's own words: a full page of ruled lines
			lines(text("notes", "Observations (sans décrire le contenu)", "Notes (do not describe the content)"), 27),
		},
	},
}

// Devices is the devices sheet (SPEC §7.3): one row per seized device, any number per
// student. Its items are required on every row that is not empty.
var Devices = Section{
	ID:    "devices",
	Title: t("Appareils", "Devices"),
	Items: []Item{
		help(required(text("device.owner", "Réf. élève", "Student ref.")), "E1, E2… (la grille de l'élève)", "E1, E2… (the student's grid)"),
		lines(help(required(text("device.description", "Description (extérieur seulement : type, marque, couleur, étui)",
			"Description (outside only: type, brand, colour, case)")),
			"Sans allumer, déverrouiller ni consulter l'appareil", "Without switching on, unlocking or browsing the device"), 2),
		text("device.serial", "N° de série ou IMEI, s'il est visible sans allumer", "Serial no. or IMEI, if visible without switching on"),
		choice("device.state", "État à la saisie", "State when seized", []Option{
			opt("on", "Allumé", "On"),
			opt("off", "Éteint", "Off"),
			opt("airplane", "Mode avion", "Airplane mode"),
			opt("unknown", "Inconnu", "Unknown"),
		}),
		required(text("device.seal_no", "N° du sac scellé", "Sealed bag no.")),
		help(required(datetime("device.sealed_at", "Scellé le", "Sealed at")), "AAAA-MM-JJ HH:MM", "YYYY-MM-DD HH:MM"),
		required(text("device.sealed_by", "Scellé par", "Sealed by")),
		text("device.witness", "Témoin", "Witness"),
		text("device.handed_to", "Remis à (policier ou policière, matricule)", "Handed to (officer, badge)"),
		help(datetime("device.handed_at", "Remis le", "Handed over at"), "AAAA-MM-JJ HH:MM", "YYYY-MM-DD HH:MM"),
	},
}

// V1DeviceKeys are the device items that grids of workbook v1 carried (one device per
// student); a v1 grid still reads, its answers giving one row of the devices sheet.
var V1DeviceKeys = []string{"device.description", "device.seal_no", "device.sealed_at", "device.handed_to", "device.handed_at"}

// V1Labels are the labels that v1 workbooks printed for items since renamed, by key: a v1
// workbook whose key column was cleared is still read by its labels.
var V1Labels = map[string][]i18n.Text{
	"role.kept":          {t("A conservé le contenu", "Kept the content")},
	"intent.prior_sexto": {t("Intervention SEXTO antérieure", "Earlier SEXTO intervention")},
	"device.description": {t("Description de l'appareil", "Device description")},
	"device.handed_to":   {t("Remis à (policier, matricule)", "Handed to (officer, badge)")},
}

// ActingRoles are the role keys that make a student an acting youth (SPEC §8); a producer
// counts only when not also depicted.
var ActingRoles = func() []string {
	var out []string
	for _, s := range Student {
		for _, it := range s.Items {
			if it.Acting {
				out = append(out, it.Key)
			}
		}
	}
	return out
}()

var index = func() map[string]*Item {
	m := map[string]*Item{}
	add := func(s *Section) {
		for i := range s.Items {
			it := &s.Items[i]
			if _, dup := m[it.Key]; dup {
				panic("grid: duplicate key " + it.Key)
			}
			m[it.Key] = it
		}
	}
	add(&Incident)
	for i := range Student {
		add(&Student[i])
	}
	add(&Devices)
	return m
}()

// Lookup returns the item with key.
func Lookup(key string) (*Item, bool) {
	it, ok := index[key]
	return it, ok
}

// Keys returns every key, incident first, then the student grid and the devices sheet, in
// printed order.
func Keys() []string {
	var ks []string
	for _, s := range Sections() {
		for _, it := range s.Items {
			ks = append(ks, it.Key)
		}
	}
	return ks
}

// Sections returns every section: the incident, the student grid's, the devices sheet.
func Sections() []*Section {
	out := []*Section{&Incident}
	for i := range Student {
		out = append(out, &Student[i])
	}
	return append(out, &Devices)
}

// IsDevice reports whether key is an item of the devices sheet.
func IsDevice(key string) bool { return strings.HasPrefix(key, "device.") && key != "device.seized" }

// MustLookup returns the item with key, which must exist: for keys written in code, where a typo
// is a programming error caught by the tests that run every such path.
func MustLookup(key string) *Item {
	it, ok := index[key]
	if !ok {
		panic("grid: no item " + key)
	}
	return it
}

// Acting reports whether a student with these answers acted (SPEC §8): produced the content
// without being depicted in it, requested, sent, showed or kept it. code returns the code
// answered for a key, or "".
func Acting(code func(key string) string) bool {
	for _, k := range ActingRoles {
		if code(k) != "oui" {
			continue
		}
		if k == "role.producer" && code("role.depicted") == "oui" {
			continue
		}
		return true
	}
	return false
}

// Roles returns the short names of the roles answered "oui" on a grid, in catalogue order.
func Roles(code func(key string) string, l i18n.Lang) []string {
	var out []string
	for _, s := range Student {
		for _, it := range s.Items {
			if it.Short.FR != "" && code(it.Key) == "oui" {
				out = append(out, it.Short.In(l))
			}
		}
	}
	return out
}

// LabelList writes the labels of item keys in l, joined with " · " (missing items,
// mitigating facts).
func LabelList(keys []string, l i18n.Lang) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		if it, ok := Lookup(k); ok {
			out[i] = it.Label.In(l)
		} else {
			out[i] = k
		}
	}
	return strings.Join(out, " · ")
}
