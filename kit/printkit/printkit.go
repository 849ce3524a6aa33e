// Package printkit renders the printable SEXTO kit (SPEC §5): the cover, the flowchart of the
// steps, the intervener's checklist, one evaluation grid per student, the custody form, the bag
// labels, the legal sheet, the three parent letters, the police transmittal sheet and the
// action log. Texts come from the templates (embedded, or a school's own folder); the grid's
// items come from kit/grid.
package printkit

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"sexto/kit/clock"
	"sexto/kit/doc"
	"sexto/kit/i18n"
	"sexto/kit/markup"
	"sexto/kit/pdf"
	"sexto/kit/profile"
	"sexto/templates"
)

// Doc describes one document of the kit.
type Doc struct {
	ID           string
	Confidential bool // holds personal information once filled in
}

// Docs lists the kit's documents in printed order.
var Docs = []Doc{
	{ID: "cover"},
	{ID: "steps"},
	{ID: "checklist"},
	{ID: "grid", Confidential: true},
	{ID: "custody", Confidential: true},
	{ID: "labels", Confidential: true},
	{ID: "legal"},
	{ID: "letter-depicted", Confidential: true},
	{ID: "letter-acting", Confidential: true},
	{ID: "letter-recipient", Confidential: true},
	{ID: "transmittal", Confidential: true},
	{ID: "timeline", Confidential: true},
}

// IDs returns the document identifiers in order.
func IDs() []string {
	ids := make([]string, len(Docs))
	for i, d := range Docs {
		ids[i] = d.ID
	}
	return ids
}

// Lookup returns the document with id.
func Lookup(id string) (Doc, bool) {
	for _, d := range Docs {
		if d.ID == id {
			return d, true
		}
	}
	return Doc{}, false
}

// DefaultStudents is the number of grids in a kit when none is given.
const DefaultStudents = 4

// MaxStudents bounds --students.
const MaxStudents = 200

// Options configure a rendering.
type Options struct {
	doc.Context
	Students int

	titles []pdf.ContentsEntry // the kit's documents, for a cover printed alone
}

// Kit renders the whole kit.
func Kit(o Options) ([]byte, error) { return render(o, IDs()) }

// Print renders one document.
func Print(o Options, id string) ([]byte, error) {
	if _, ok := Lookup(id); !ok {
		return nil, i18n.Errorf(i18n.T("document inconnu « %s » ; documents : %s", "unknown document “%s”; documents: %s"),
			id, strings.Join(IDs(), ", "))
	}
	return render(o, []string{id})
}

// Data is what every template receives.
type Data struct {
	Lang       string
	Printed    string
	School     profile.School
	Principal  profile.Principal
	Intervener profile.Intervener // Title in the document's language (title_en in English)
	Police     profile.Police
	// YouthProtection is the region's DPJ reporting line.
	YouthProtection profile.YouthProtection
	Agreement       AgreementData
	Students        int
	Ref             string
	Copy            int
	Letter          LetterData
}

// LetterData fills a parent letter; empty fields print as blanks to write on.
type LetterData struct {
	Date   string // written out
	Parent string // the parent's name
	Child  string // the child's first name
	// Filled is true in a letter made from a workbook (sexto letters): the facts are what the
	// grids establish, and the letter states those and no others. In the kit's blank letters
	// it is false, and the letters stay general.
	Filled bool
	LetterFacts
}

// LetterFacts are the facts of the grids that change a sentence of a letter (SPEC §4,
// DOMAIN §7). Templates read them as .Letter.Sent, .Letter.DeviceSeized….
type LetterFacts struct {
	// The acts of this child (acting letter), from the grid's roles: Produced (role.producer,
	// when the child is not the one depicted), Requested, Sent, Showed and Kept (on purpose).
	Produced, Requested, Sent, Showed, Kept bool
	// DeviceSeized: this child's grid records a device seized (device.seized = oui); Devices
	// is then how many (the devices sheet's rows for this child).
	DeviceSeized bool
	Devices      int
	// DevicesSeized: how many devices of the incident were seized (depicted letter).
	DevicesSeized int
	// Disclosed: this child disclosed the situation (role.discloser = oui).
	Disclosed bool
	// Met: the grid records this child's individual meeting (interview.at); OthersMet: it
	// records another student's (depicted letter).
	Met, OthersMet bool
	// UnderTwelve: the child was under 12 at disclosure (acting letter): no conviction is
	// possible (Criminal Code s. 13), the route is youth protection.
	UnderTwelve bool
}

// Acts are this child's acts, in the letter's order: "produced", "requested", "sent",
// "showed", "kept" (acting letter).
func (f LetterFacts) Acts() []string {
	var out []string
	for _, a := range []struct {
		done bool
		name string
	}{{f.Produced, "produced"}, {f.Requested, "requested"}, {f.Sent, "sent"}, {f.Showed, "showed"}, {f.Kept, "kept"}} {
		if a.done {
			out = append(out, a.name)
		}
	}
	return out
}

// LastAct is the index of the last of Acts, so that a template joins them with commas and
// a final "et" / "and".
func (f LetterFacts) LastAct() int { return len(f.Acts()) - 1 }

// AgreementData is the agreement as templates see it.
type AgreementData struct {
	Configured                   bool
	PoliceService, DPCP, InForce string
	// Pending is, for an agreement that comes into force after the documents' date, that
	// date in words: the kit says when it may be used, not that no agreement exists.
	Pending string
}

// LongDate writes t as "25 novembre 2026" or "November 25, 2026".
func LongDate(t time.Time, l i18n.Lang) string { return i18n.LongDate(t, l) }

func (o *Options) data() Data {
	p := o.Profile
	d := Data{
		Lang:       string(o.Lang),
		Printed:    LongDate(o.Now.In(clock.Zone), o.Lang),
		School:     p.School,
		Principal:  p.Principal,
		Intervener: p.Intervener,
		Police:     p.Police,
		Students:   o.Students,

		YouthProtection: p.YouthProtection,
	}
	d.School.Logo = ""
	if o.Lang == i18n.EN && strings.TrimSpace(p.Intervener.TitleEN) != "" {
		d.Intervener.Title = p.Intervener.TitleEN
	}
	if a := p.Agreement; a.Configured() {
		d.Agreement = AgreementData{Configured: true, PoliceService: a.PoliceService, DPCP: a.DPCP,
			InForce: LongDate(a.InForceDate(), o.Lang)}
	} else if a.NotYetInForce() {
		d.Agreement.Pending = LongDate(a.InForceDate(), o.Lang)
	}
	return d
}

// Source returns a template's text and the name to show in messages: the override folder's
// file when there is one, else the built-in.
func Source(dir string, l i18n.Lang, id string) (string, string, error) {
	rel := string(l) + "/" + id + ".tmpl"
	if dir != "" {
		path := filepath.Join(dir, string(l), id+".tmpl")
		b, err := os.ReadFile(path)
		if err == nil {
			return string(b), path, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", "", i18n.Wrap(err, i18n.T("%s : lecture du gabarit impossible", "%s: cannot read the template"), path)
		}
	}
	b, err := templates.FS.ReadFile(rel)
	if err != nil {
		return "", "", i18n.Wrap(err, i18n.T("gabarit intégré introuvable : %s", "built-in template missing: %s"), rel)
	}
	return string(b), "templates/" + rel, nil
}

// CheckTemplatesDir verifies that an override folder exists and holds at least one template.
func CheckTemplatesDir(dir string) error {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return i18n.Errorf(i18n.T("%s : dossier de gabarits introuvable", "%s: templates folder not found"), dir).
			WithHint(i18n.T("« sexto templates export DOSSIER » crée un dossier de gabarits à modifier.",
				"“sexto templates export FOLDER” creates a templates folder to edit."))
	}
	found := false
	for _, l := range []string{"fr", "en"} {
		m, _ := filepath.Glob(filepath.Join(dir, l, "*.tmpl"))
		found = found || len(m) > 0
	}
	if !found {
		return i18n.Errorf(i18n.T("%s : aucun gabarit trouvé (attendu : %s/fr/*.tmpl ou %s/en/*.tmpl)",
			"%s: no template found (expected %s/fr/*.tmpl or %s/en/*.tmpl)"), dir, dir, dir)
	}
	return nil
}

// Markup runs a document's template with data and returns its markup text.
func Markup(dir string, l i18n.Lang, id string, data Data) (string, string, error) {
	src, name, err := Source(dir, l, id)
	if err != nil {
		return "", "", err
	}
	t, err := template.New(name).Option("missingkey=error").Parse(src)
	if err != nil {
		return "", "", templateError(name, data, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", "", templateError(name, data, err)
	}
	return buf.String(), name, nil
}

func (o *Options) parse(id string, data Data) (*markup.Doc, error) {
	text, name, err := Markup(o.Templates, o.Lang, id, data)
	if err != nil {
		return nil, err
	}
	return markup.Parse(name, text)
}

type part struct {
	doc   Doc
	key   string
	title string
	md    *markup.Doc
	data  Data
	lang  i18n.Lang // a letter in another language than the document's, or ""
}

func render(o Options, ids []string) ([]byte, error) {
	if o.Profile == nil {
		o.Profile = profile.Specimen()
	}
	if o.Students <= 0 {
		o.Students = DefaultStudents
	}
	if o.Students > MaxStudents {
		return nil, i18n.Errorf(i18n.T("au plus %d grilles par trousse", "at most %d grids per kit"), MaxStudents)
	}
	if o.Paper == "" {
		o.Paper = pdf.Letter
	}
	if o.Templates != "" {
		if err := CheckTemplatesDir(o.Templates); err != nil {
			return nil, err
		}
	}
	base := o.data()
	var parts []part
	var errs i18n.List
	for _, id := range ids {
		doc, _ := Lookup(id)
		if id == "grid" {
			for i := 1; i <= o.Students; i++ {
				d := base
				d.Ref, d.Copy = fmt.Sprintf("E%d", i), i
				md, err := o.parse(id, d)
				if err != nil {
					errs = append(errs, err)
					break
				}
				parts = append(parts, part{doc: doc, key: id + "-" + d.Ref, title: md.Title + " — " + d.Ref, md: md, data: d})
			}
			continue
		}
		md, err := o.parse(id, base)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		parts = append(parts, part{doc: doc, key: id, title: md.Title, md: md, data: base})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(ids) == 1 && ids[0] == "cover" {
		for _, d := range Docs[1:] {
			md, err := o.parse(d.ID, base)
			if err != nil {
				return nil, err
			}
			o.titles = append(o.titles, pdf.ContentsEntry{Title: md.Title})
		}
	}
	w := words(o.Lang)
	school := o.Profile.School.Name
	title := parts[0].title
	if len(ids) > 1 {
		title = fmt.Sprintf(w.kit, school)
	}
	opts := pdf.Options{
		Paper:    o.Paper,
		Lang:     string(o.Lang) + "-CA",
		Title:    title,
		Author:   school,
		Subject:  w.subject,
		Creator:  o.Creator,
		Now:      o.Now,
		Specimen: !o.Profile.Agreement.Configured(),
		Header:   fmt.Sprintf(w.kit, school),
		Words:    w.pdf,
		Logo:     o.Profile.Logo,
		LogoType: o.Profile.LogoType,
	}
	r := &renderer{o: &o, w: w, parts: parts}
	return pdf.Render(opts, r.build)
}

// Letter is one filled parent letter.
type Letter struct {
	Variant string    // letter-depicted, letter-acting or letter-recipient
	Lang    i18n.Lang // the family's language
	Data    LetterData
	Key     string // identifies the letter (incident id and student ref, never a name)
}

// Letters renders parent letters into one PDF, each on its own pages with its own page
// numbering, each in its family's language. The school header and the SPÉCIMEN mark follow
// the profile as for the kit.
func Letters(o Options, letters []Letter) ([]byte, error) {
	if o.Profile == nil {
		o.Profile = profile.Specimen()
	}
	if o.Templates != "" {
		if err := CheckTemplatesDir(o.Templates); err != nil {
			return nil, err
		}
	}
	var parts []part
	for _, lt := range letters {
		doc, ok := Lookup(lt.Variant)
		if !ok || !strings.HasPrefix(lt.Variant, "letter-") {
			return nil, i18n.Errorf(i18n.T("variante de lettre inconnue « %s »", "unknown letter variant “%s”"), lt.Variant)
		}
		lo := o
		lo.Lang = lt.Lang
		data := lo.data()
		data.Letter = lt.Data
		md, err := lo.parse(lt.Variant, data)
		if err != nil {
			return nil, err
		}
		parts = append(parts, part{doc: doc, key: lt.Key, title: md.Title, md: md, data: data, lang: lt.Lang})
	}
	if len(parts) == 0 {
		return nil, i18n.Errorf(i18n.T("aucune lettre à produire", "no letter to make"))
	}
	w := words(o.Lang)
	opts := pdf.Options{
		Paper: o.Paper, Lang: string(o.Lang) + "-CA", Title: parts[0].title, Author: o.Profile.School.Name,
		Subject: w.subject, Creator: o.Creator, Now: o.Now, Specimen: !o.Profile.Agreement.Configured(),
		Header: o.Profile.School.Name, Words: w.pdf, Logo: o.Profile.Logo, LogoType: o.Profile.LogoType,
	}
	r := &renderer{o: &o, w: w, parts: parts}
	return pdf.Render(opts, r.build)
}

// Appendix draws a kit document (its title and text) into d, from the current position: the
// legal reference sheet at the end of a referral package.
func Appendix(d *pdf.Doc, o Options, id string) error {
	if o.Profile == nil {
		o.Profile = profile.Specimen()
	}
	doc, ok := Lookup(id)
	if !ok {
		return i18n.Errorf(i18n.T("document inconnu « %s »", "unknown document “%s”"), id)
	}
	data := o.data()
	md, err := o.parse(id, data)
	if err != nil {
		return err
	}
	r := &renderer{o: &o, w: words(o.Lang)}
	r.blocks(d, part{doc: doc, key: id, title: md.Title, md: md, data: data}, false)
	return d.Err()
}
