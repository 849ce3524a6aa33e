package printkit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sexto/kit/i18n"
	"sexto/kit/pdftext"
)

// letterText renders one filled letter and returns its text on one line, and its page count.
func letterText(t *testing.T, variant string, l i18n.Lang, f LetterFacts) (string, int) {
	t.Helper()
	o := options(l)
	o.Profile = withAgreement(t)
	date := map[i18n.Lang]string{i18n.FR: "24 novembre 2026", i18n.EN: "November 24, 2026"}[l]
	b, err := Letters(o, []Letter{{Variant: variant, Lang: l, Key: "2026-050-E1",
		Data: LetterData{Date: date, Parent: "Martine Fortin", Child: "Léa", Filled: true, LetterFacts: f}}})
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Pages(b)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(text(t, b)), " "), len(pages)
}

// says checks that txt says every phrase of want and none of the phrases of never.
func says(t *testing.T, what, txt string, want, never []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(txt, w) {
			t.Errorf("%s: does not say %q", what, w)
		}
	}
	for _, n := range never {
		if strings.Contains(txt, n) {
			t.Errorf("%s: says %q", what, n)
		}
	}
}

// What every filled letter says and never says, whatever the facts (SPEC §4, DOMAIN §7).
var everyLetter = map[i18n.Lang]struct{ want, never []string }{
	i18n.FR: {
		want: []string{"Martine Fortin", "Madame, Monsieur,", "Le 24 novembre 2026", "Objet :",
			"Ne demandez pas à voir le contenu ; ne le copiez pas et ne supprimez rien avant que la police vous le dise.",
			"publiez rien sur les réseaux sociaux",
			"L’école ne communique de renseignements qu’à la police, au DPCP et, lorsque la loi l’exige, à la DPJ et au centre de services scolaire",
			"Psychoéducatrice, au 450 555-0142, poste 2107", "Veuillez recevoir, Madame, Monsieur, nos salutations distinguées.",
			"Zoé Lévesque-Côté Direction de l’école"},
		never: []string{"Destinataire", "CONFIDENTIEL", "Page 1 de", "24 heures", "scellé", "Vous serez informés", "ext. 2107",
			"de l’issue", "seulement à la police et au DPCP", "Dear"},
	},
	i18n.EN: {
		want: []string{"Dear Martine Fortin,", "November 24, 2026", "Subject:",
			"Do not ask to see the content; do not copy or delete anything before the police say so.",
			"post anything on social media",
			"The school shares information only with the police, the DPCP and, where the law requires, youth protection (DPJ) and the school service centre",
			"Psychoeducator, at 450 555-0142, ext. 2107", "Sincerely,", "Zoé Lévesque-Côté Principal"},
		never: []string{"Recipient", "CONFIDENTIAL", "Page 1 of", "24 hours", "sealed", "We will keep you informed",
			"of the outcome", "only with the police and the DPCP", "poste 2107", "Psychoéducatrice", "Madame"},
	},
}

// The acts of an acting letter, each in the conditional, as the letter words them.
var actPhrases = map[i18n.Lang]map[string]string{
	i18n.FR: {"Produced": "produit ce contenu", "Requested": "demandé ou exigé ce contenu",
		"Sent": "transmis ce contenu à une ou plusieurs personnes", "Showed": "montré ce contenu sans le transmettre",
		"Kept": "conservé volontairement ce contenu"},
	i18n.EN: {"Produced": "produced this content", "Requested": "asked for or demanded this content",
		"Sent": "sent or forwarded this content to one or more people", "Showed": "shown this content without sending it",
		"Kept": "kept this content on purpose"},
}

var actNames = []string{"Produced", "Requested", "Sent", "Showed", "Kept"}

func setAct(f *LetterFacts, name string) {
	switch name {
	case "Produced":
		f.Produced = true
	case "Requested":
		f.Requested = true
	case "Sent":
		f.Sent = true
	case "Showed":
		f.Showed = true
	case "Kept":
		f.Kept = true
	}
}

// An acting letter lists only the acts this child did, in the conditional in both languages,
// and mentions a device only when the grid records one seized; each combination fits a page.
func TestActingLetterStatesOnlyThisChildsActs(t *testing.T) {
	conditional := map[i18n.Lang]string{i18n.FR: "Selon les informations recueillies, votre enfant, Léa, aurait ",
		i18n.EN: "From the information we gathered, your child, Léa, may have "}
	device := map[i18n.Lang]string{i18n.FR: "L’appareil de votre enfant a été confisqué sans être consulté, pour être remis à la police.",
		i18n.EN: "Your child’s device was confiscated without being looked at, to be handed to the police."}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		// each act alone, each act left out of the others, and all five; with and without a
		// device seized
		all := 1<<len(actNames) - 1
		masks := []int{all}
		for i := range actNames {
			masks = append(masks, 1<<i, all&^(1<<i))
		}
		for _, mask := range masks {
			for _, seized := range []bool{false, true} {
				var f LetterFacts
				var did []string
				for i, a := range actNames {
					if mask&(1<<i) != 0 {
						setAct(&f, a)
						did = append(did, a)
					}
				}
				f.DeviceSeized = seized
				name := fmt.Sprintf("%s acts %v device %v", l, did, seized)
				txt, pages := letterText(t, "letter-acting", l, f)
				want := append([]string{conditional[l] + actPhrases[l][did[0]]}, everyLetter[l].want...)
				never := append([]string{}, everyLetter[l].never...)
				for _, a := range actNames {
					if mask&(1<<actIndex(a)) != 0 {
						want = append(want, actPhrases[l][a])
					} else {
						never = append(never, actPhrases[l][a])
					}
				}
				if seized {
					want = append(want, device[l])
				} else {
					never = append(never, "confisqué", "confiscated")
				}
				says(t, name, txt, want, never)
				if pages != 1 {
					t.Errorf("%s: %d pages, want 1", name, pages)
				}
			}
		}
	}
}

func actIndex(name string) int {
	for i, a := range actNames {
		if a == name {
			return i
		}
	}
	return -1
}

// A recipient is thanked only when the grid says they disclosed, and a device is mentioned
// only when theirs was seized.
func TestRecipientLetterThanksOnlyADiscloser(t *testing.T) {
	thanks := map[i18n.Lang]string{i18n.FR: "Votre enfant a parlé de la situation : c’était le bon geste, et nous l’en remercions.",
		i18n.EN: "Your child spoke up about the situation: that was the right thing to do, and we thank them."}
	device := map[i18n.Lang]string{i18n.FR: "L’appareil de votre enfant a été confisqué sans être consulté",
		i18n.EN: "Your child’s device was confiscated without being looked at"}
	fixed := map[i18n.Lang][]string{
		i18n.FR: {"et votre enfant l’aurait reçu", "recevoir un tel contenu n’est pas, en soi, une infraction.",
			"le conserver peut constituer de la possession de pornographie juvénile", "elle sait que l’école a demandé de tout garder tel quel"},
		i18n.EN: {"and your child may have received it", "receiving such content is not, in itself, an offence.",
			"keeping it can amount to possession of child pornography", "the police know that the school asked for everything to be kept as it is"},
	}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, disclosed := range []bool{false, true} {
			for _, seized := range []bool{false, true} {
				name := fmt.Sprintf("%s disclosed %v device %v", l, disclosed, seized)
				txt, pages := letterText(t, "letter-recipient", l, LetterFacts{Disclosed: disclosed, DeviceSeized: seized})
				want := append(append([]string{}, fixed[l]...), everyLetter[l].want...)
				never := append([]string{"Si votre enfant en a parlé", "If your child told"}, everyLetter[l].never...)
				if disclosed {
					want = append(want, thanks[l])
				} else {
					never = append(never, "nous l’en remercions", "we thank them", "bon geste", "right thing to do")
				}
				if seized {
					want = append(want, device[l])
				} else {
					never = append(never, "confisqué", "confiscated")
				}
				says(t, name, txt, want, never)
				if pages != 1 {
					t.Errorf("%s: %d pages, want 1", name, pages)
				}
			}
		}
	}
}

// The depicted letter never asserts that the image was shared without consent (a fake, a
// threat, a consensual exchange found out), promises no outcome, and counts the devices.
func TestDepictedLetterSaysWhatTheGridEstablishes(t *testing.T) {
	fixed := map[i18n.Lang][]string{
		i18n.FR: {"une image intime (photo ou vidéo) qui montre, ou semble montrer, votre enfant, Léa, a été partagée ou qu’on a menacé de la partager",
			"Ce n’est pas la faute de votre enfant.", "La police ou le CAVAC pourra vous informer de ce qui suit, dans la mesure où la loi le permet.",
			"CAVAC (aide aux victimes) : 1 866 532-2822", "AidezMoiSVP.ca", "Take It Down (takeitdown.ncmec.org)", "composez le 911"},
		i18n.EN: {"an intimate image (photo or video) that shows, or appears to show, your child, Léa, has been shared or threatened to be shared",
			"This is not your child’s fault.", "The police or CAVAC can inform you of what follows, as far as the law allows.",
			"CAVAC (victim support): 1-866-532-2822", "NeedHelpNow.ca", "Take It Down (takeitdown.ncmec.org)", "call 911"},
	}
	never := map[i18n.Lang][]string{
		i18n.FR: {"a été partagé sans son consentement", "partagée sans son consentement", "sera informé", "Lorsque des appareils sont en cause"},
		i18n.EN: {"has been shared without their consent", "shared without consent.", "keep you informed", "Where devices are involved"},
	}
	devices := map[i18n.Lang]map[int]string{
		i18n.FR: {1: "Un appareil qui contiendrait le contenu a été confisqué sans être consulté, pour être remis à la police.",
			3: "Des appareils qui contiendraient le contenu ont été confisqués sans être consultés, pour être remis à la police."},
		i18n.EN: {1: "A device believed to hold the content was confiscated without being looked at, to be handed to the police.",
			3: "Devices believed to hold the content were confiscated without being looked at, to be handed to the police."},
	}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, n := range []int{0, 1, 3} {
			name := fmt.Sprintf("%s devices %d", l, n)
			txt, pages := letterText(t, "letter-depicted", l, LetterFacts{DevicesSeized: n})
			want := append(append([]string{}, fixed[l]...), everyLetter[l].want...)
			not := append(append([]string{}, never[l]...), everyLetter[l].never...)
			for k, s := range devices[l] {
				if k == n {
					want = append(want, s)
				} else {
					not = append(not, s)
				}
			}
			if n == 0 {
				not = append(not, "confisqué", "confiscated")
			}
			says(t, name, txt, want, not)
			if pages != 1 {
				t.Errorf("%s: %d pages, want 1", name, pages)
			}
		}
	}
}

// The kit's blank letters stay general: no act, no thanks, no device stated as fact.
func TestBlankLettersStayGeneral(t *testing.T) {
	for _, c := range []struct {
		variant    string
		l          i18n.Lang
		want, none []string
	}{
		{"letter-acting", i18n.FR, []string{"aurait pris part à la production ou à la circulation de ce contenu",
			"Un appareil qui contiendrait le contenu est confisqué sans être consulté et remis à la police."},
			[]string{"demandé ou exigé ce contenu", "transmis ce contenu à", "L’appareil de votre enfant a été confisqué"}},
		{"letter-acting", i18n.EN, []string{"may have taken part in producing or spreading this content",
			"A device believed to hold the content is confiscated without being looked at and handed to the police."},
			[]string{"asked for or demanded this content", "sent or forwarded this content", "Your child’s device was confiscated"}},
		{"letter-recipient", i18n.FR, []string{"Si votre enfant en a parlé à un adulte, c’était le bon geste"},
			[]string{"nous l’en remercions", "L’appareil de votre enfant a été confisqué"}},
		{"letter-recipient", i18n.EN, []string{"If your child told an adult about it, that was the right thing to do"},
			[]string{"we thank them", "Your child’s device was confiscated"}},
		{"letter-depicted", i18n.FR, []string{"Lorsque des appareils sont en cause, ils sont confisqués sans être consultés et remis à la police."},
			[]string{"Un appareil qui contiendrait", "Des appareils qui contiendraient"}},
		{"letter-depicted", i18n.EN, []string{"Where devices are involved, they are confiscated without being looked at and handed to the police."},
			[]string{"A device believed", "Devices believed"}},
	} {
		b, err := Print(options(c.l), c.variant)
		if err != nil {
			t.Fatal(err)
		}
		pages, _ := pdftext.Pages(b)
		if len(pages) != 1 {
			t.Errorf("blank %s/%s: %d pages, want 1", c.l, c.variant, len(pages))
		}
		txt := strings.Join(strings.Fields(text(t, b)), " ")
		says(t, "blank "+string(c.l)+"/"+c.variant, txt, c.want, append(c.none, "Destinataire", "CONFIDENTIEL", "CONFIDENTIAL", "Page 1 "))
		// the SPÉCIMEN mark stays on a letter, as on every page
		if mark := map[i18n.Lang]string{i18n.FR: "SPÉCIMEN — aucune entente configurée", i18n.EN: "SPECIMEN — no agreement configured"}[c.l]; !strings.Contains(txt, mark) {
			t.Errorf("blank %s/%s: no %q mark", c.l, c.variant, mark)
		}
	}
}

// A letter looks like a letter: the letterhead, then the date, the addressee without a label,
// the subject, the salutation; and it closes with the signature, in that order.
func TestLetterOrder(t *testing.T) {
	for _, c := range []struct {
		l     i18n.Lang
		order []string
	}{
		{i18n.FR, []string{"École secondaire des Trois-Érables", "Le 24 novembre 2026", "Martine Fortin", "Objet :", "Madame, Monsieur,",
			"Pour toute question", "Veuillez recevoir", "Zoé Lévesque-Côté", "Direction de l’école"}},
		{i18n.EN, []string{"École secondaire des Trois-Érables", "November 24, 2026", "Martine Fortin", "Subject:", "Dear Martine Fortin,",
			"If you have any questions", "Sincerely,", "Zoé Lévesque-Côté", "Principal"}},
	} {
		for _, v := range []string{"letter-depicted", "letter-acting", "letter-recipient"} {
			txt, _ := letterText(t, v, c.l, LetterFacts{Sent: true, DeviceSeized: true, DevicesSeized: 1, Disclosed: true})
			at := 0
			for _, s := range c.order {
				i := strings.Index(txt[at:], s)
				if i < 0 {
					t.Errorf("%s/%s: %q missing or out of order", c.l, v, s)
					break
				}
				at += i + len(s)
			}
			if strings.TrimSpace(txt[at:]) != "" {
				t.Errorf("%s/%s: text after the signature: %q", c.l, v, txt[at:])
			}
		}
	}
}

// A letter too long for one page (a school's own text) continues under a "page 2" line that
// names the addressee, and its signature never stands alone: the two paragraphs before it go
// with it.
func TestLongLetterContinuesAndKeepsItsSignature(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "fr"), 0o755)
	// from 30 to 45 paragraphs, the page break falls everywhere around the closing
	for n := 30; n <= 45; n++ {
		var b strings.Builder
		b.WriteString("# Lettre longue\n@letterhead\n\nLe {{.Letter.Date}}\n\n{{.Letter.Parent}}\n\nMadame, Monsieur,\n\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "Paragraphe %d d’une lettre que l’école a allongée.\n\n", i)
		}
		b.WriteString("Avant-dernier paragraphe.\n\nVeuillez recevoir nos salutations.\n\n%% Zoé Lévesque-Côté | Direction de l’école\n")
		os.WriteFile(filepath.Join(dir, "fr", "letter-acting.tmpl"), []byte(b.String()), 0o644)
		o := options(i18n.FR)
		o.Templates = dir
		pdf, err := Letters(o, []Letter{{Variant: "letter-acting", Lang: i18n.FR, Key: "k",
			Data: LetterData{Date: "24 novembre 2026", Parent: "Martine Fortin", Filled: true}}})
		if err != nil {
			t.Fatal(err)
		}
		pages, _ := pdftext.Pages(pdf)
		if len(pages) < 2 {
			t.Fatalf("the long letter fits on %d page", len(pages))
		}
		last := strings.Join(pages[len(pages)-1].Lines, "\n")
		for _, want := range []string{"Martine Fortin — 24 novembre 2026 — page " + fmt.Sprint(len(pages)),
			"Avant-dernier paragraphe.", "Veuillez recevoir nos salutations.", "Zoé Lévesque-Côté"} {
			if !strings.Contains(last, want) {
				t.Errorf("%d paragraphs: the last page lacks %q:\n%s", n, want, last)
			}
		}
		if first := strings.Join(pages[0].Lines, "\n"); strings.Contains(first, "page 1") || strings.Contains(first, "Page 1") {
			t.Errorf("the first page is numbered:\n%s", first)
		}
	}
}
