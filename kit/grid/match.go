package grid

import (
	"sexto/kit/i18n"
	"strings"
	"unicode"
)

// Reading what people type (SPEC §6): an answer matches an option when it is the option's
// code, or its French or English label once case, accents, surrounding spaces and
// punctuation are set aside, or one of the words people naturally type for it (Yes, O, N,
// French…). Codes are compared as typed (case and spaces aside): "25" is not the code "2_5".

// match is the body of Item.Match.
func (it *Item) match(s string) (string, bool) {
	raw := strings.ToLower(strings.TrimSpace(s))
	if raw == "" {
		return "", false
	}
	for _, o := range it.Options {
		if raw == strings.ToLower(o.Code) {
			return o.Code, true
		}
	}
	in := Normalize(s)
	if in == "" {
		return "", false
	}
	for _, o := range it.Options {
		for _, f := range optionForms(o) {
			if sameAnswer(in, f) {
				return o.Code, true
			}
		}
	}
	if code, ok := it.synonyms()[in]; ok {
		if _, exists := it.Option(code); exists {
			return code, true
		}
	}
	return "", false
}

// sameAnswer compares two normalized answers, also without their spaces when the allowed one
// holds a letter ("capture decran" is "Capture d'écran", "tik tok" is "TikTok"); answers made
// of digits alone keep their spaces, so that "2 5" never reads as "25".
func sameAnswer(in, allowed string) bool {
	if in == allowed {
		return true
	}
	return hasLetter(allowed) && squash(in) == squash(allowed)
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func squash(s string) string { return strings.ReplaceAll(s, " ", "") }

// optionForms is every normalized way of writing an option's label: the label itself, and for
// a label with an inclusive ending, "représenté" and "représentée" as well as
// "représenté(e)".
func optionForms(o Option) []string {
	var out []string
	for _, l := range []string{o.Label.FR, o.Label.EN, o.Code} {
		out = append(out, Normalize(l))
		if long := Normalize(inclusiveLong(l)); long != out[len(out)-1] {
			out = append(out, long)
		}
	}
	return out
}

// Normalize reduces an answer to what matters for matching: lower case, no accents, every
// run of punctuation and spaces made one space, and inclusive endings such as "(e)" or
// "(ère)" dropped ("Élève représenté(e)" → "eleve represente").
func Normalize(s string) string {
	s = dropInclusive(s)
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		r = foldAccent(r)
		switch {
		case r == 'œ':
			b.WriteString("oe")
			space = false
		case r == 'æ':
			b.WriteString("ae")
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return b.String()
}

// dropInclusive removes a parenthesised ending of one to three letters glued to a word:
// "représenté(e)" → "représenté", "policier(ère)" → "policier".
func dropInclusive(s string) string {
	for {
		i, j, ok := inclusiveAt(s)
		if !ok {
			return s
		}
		s = s[:i] + s[j:]
	}
}

// inclusiveLong writes the feminine form of a label's inclusive ending, when it is a plain
// added letter: "représenté(e)" → "représentée".
func inclusiveLong(s string) string {
	for {
		i, j, ok := inclusiveAt(s)
		if !ok {
			return s
		}
		s = s[:i] + s[i+1:j-1] + s[j:]
	}
}

// inclusiveAt finds the first "(x)" ending: s[i] is "(" and s[j-1] is ")".
func inclusiveAt(s string) (int, int, bool) {
	for i := 1; i < len(s); i++ {
		if s[i] != '(' {
			continue
		}
		prev := []rune(s[:i])
		if !unicode.IsLetter(prev[len(prev)-1]) {
			continue
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return 0, 0, false
		}
		inner := []rune(s[i+1 : i+j])
		ok := len(inner) >= 1 && len(inner) <= 3
		for _, r := range inner {
			ok = ok && unicode.IsLetter(r)
		}
		if ok {
			return i, i + j + 1, true
		}
	}
	return 0, 0, false
}

// foldAccent maps the accented letters of French (and a few neighbours) to their base letter.
func foldAccent(r rune) rune {
	switch r {
	case 'à', 'â', 'ä', 'á', 'ã', 'å':
		return 'a'
	case 'ç':
		return 'c'
	case 'é', 'è', 'ê', 'ë':
		return 'e'
	case 'î', 'ï', 'í', 'ì':
		return 'i'
	case 'ô', 'ö', 'ó', 'ò', 'õ':
		return 'o'
	case 'ù', 'û', 'ü', 'ú':
		return 'u'
	case 'ÿ', 'ý':
		return 'y'
	case 'ñ':
		return 'n'
	}
	return r
}

// yesNo are the words typed for oui, non and inconnu, normalized.
var yesNo = map[string]string{
	"o": "oui", "y": "oui", "yes": "oui", "oui": "oui", "vrai": "oui", "true": "oui",
	"n": "non", "no": "non", "non": "non", "faux": "non", "false": "non",
	"inconnu": "inconnu", "unknown": "inconnu", "ne sait pas": "inconnu", "je ne sais pas": "inconnu",
	"nsp": "inconnu", "on ne sait pas": "inconnu", "don t know": "inconnu", "dont know": "inconnu",
	"not known": "inconnu",
}

// keySynonyms are the other natural answers of particular items, normalized.
var keySynonyms = map[string]map[string]string{
	"parent.language": {
		"francais": "fr", "french": "fr", "fr": "fr", "fr ca": "fr", "fra": "fr", "fre": "fr",
		"anglais": "en", "english": "en", "en": "en", "en ca": "en", "eng": "en",
	},
	"scope.recipients": {
		"aucun": "0", "none": "0", "zero": "0",
		"un": "1", "une": "1", "one": "1",
		"2 5": "2_5", "de 2 a 5": "2_5", "entre 2 et 5": "2_5",
		"6 20": "6_20", "de 6 a 20": "6_20", "entre 6 et 20": "6_20",
		"plus de vingt": "over_20", "more than 20": "over_20", "over twenty": "over_20",
	},
}

// synonyms returns the natural answers of this item: yes-no words on yes-no items, and the
// item's own list.
func (it *Item) synonyms() map[string]string {
	out := map[string]string{}
	if it.isYesNo() {
		for k, v := range yesNo {
			out[k] = v
		}
	}
	for k, v := range keySynonyms[it.Key] {
		out[k] = v
	}
	return out
}

// isYesNo reports whether the item's answers are oui, non and perhaps inconnu.
func (it *Item) isYesNo() bool {
	if len(it.Options) < 2 {
		return false
	}
	for _, o := range it.Options {
		if o.Code != "oui" && o.Code != "non" && o.Code != "inconnu" {
			return false
		}
	}
	return true
}

// Suggest returns the allowed answer that s most likely meant — a typo away from a label or
// sharing the start of a word with it ("se vanger", "vengeance" → "Se venger") — or false
// when no answer is close enough to be worth proposing.
func (it *Item) Suggest(s string) (Option, bool) {
	in := Normalize(s)
	if in == "" {
		return Option{}, false
	}
	best, bestScore := Option{}, 0.0
	for _, o := range it.Options {
		for _, f := range optionForms(o) {
			if sc := closeness(in, f); sc > bestScore {
				best, bestScore = o, sc
			}
		}
	}
	for w, code := range it.synonyms() {
		if o, ok := it.Option(code); ok && len(w) > 2 {
			if sc := closeness(in, w); sc > bestScore {
				best, bestScore = o, sc
			}
		}
	}
	return best, bestScore > 0
}

// closeness scores how likely in is a mistyped cand: 0 when unrelated, higher when closer.
func closeness(in, cand string) float64 {
	a, b := squash(in), squash(cand)
	if a == "" || b == "" {
		return 0
	}
	d := i18n.Distance(a, b)
	n := max(len([]rune(a)), len([]rune(b)))
	score := 0.0
	// a slip of the keyboard: up to one mistake in four letters, at least one
	if d <= max(1, n/4) && n >= 3 {
		score = 2 - float64(d)/float64(n)
	}
	// the same word begun: a shared start of at least five letters, most of the shorter word
	for _, x := range strings.Fields(in) {
		for _, y := range strings.Fields(cand) {
			p := commonPrefix(x, y)
			if p >= 5 && 2*p >= min(len([]rune(x)), len([]rune(y))) {
				score = max(score, 1+float64(p)/float64(max(len([]rune(x)), len([]rune(y))))/2)
			}
		}
	}
	return score
}

func commonPrefix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n
}
