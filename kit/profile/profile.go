// Package profile reads the school profile (sexto.toml, SPEC §3): the school, its contacts, its
// police service, the police–DPCP agreement, and the default language and paper size. Loading
// is strict: an unknown key or a bad value is an error that names the key and its line, and
// all of them are reported at once.
package profile

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"sexto/kit/clock"
	"sexto/kit/i18n"
)

// MaxLogoBytes bounds the school logo: a letterhead logo has no reason to be larger.
const MaxLogoBytes = 2 << 20

//go:embed init.fr.toml init.en.toml
var files embed.FS

// Profile is a school's configuration.
type Profile struct {
	Language   string     `toml:"language"`
	Paper      string     `toml:"paper"`
	School     School     `toml:"school"`
	Principal  Principal  `toml:"principal"`
	Intervener Intervener `toml:"intervener"`
	Police     Police     `toml:"police"`
	// YouthProtection is the region's youth-protection (DPJ) reporting line.
	YouthProtection YouthProtection `toml:"youth_protection"`
	Agreement       Agreement       `toml:"agreement"`

	// Source is the file the profile came from, or "" for the embedded specimen.
	Source string `toml:"-"`
	// Logo is the logo file's content (PNG or JPEG), read at load time.
	Logo []byte `toml:"-"`
	// LogoType is "png" or "jpg" when Logo is set.
	LogoType string `toml:"-"`
	// Warnings are problems that do not stop sexto (a logo that cannot be used: documents
	// are made without it, so that nothing urgent waits on a picture).
	Warnings []error `toml:"-"`
}

// School identifies the school.
type School struct {
	Name          string `toml:"name"`
	Address       string `toml:"address"`
	Phone         string `toml:"phone"`
	ServiceCentre string `toml:"service_centre"`
	Logo          string `toml:"logo"`
}

// Principal is the school's principal.
type Principal struct {
	Name string `toml:"name"`
}

// Intervener is the default school contact person for families. Title is in French (or the
// profile's language); TitleEN is the English title, printed in English documents when given.
// Extension is kept apart from Phone so that French prints "poste 2107" and English "ext. 2107".
type Intervener struct {
	Name      string `toml:"name"`
	Title     string `toml:"title"`
	TitleEN   string `toml:"title_en"`
	Phone     string `toml:"phone"`
	Extension string `toml:"extension"`
	Email     string `toml:"email"`
}

// YouthProtection is the regional youth-protection (DPJ) office.
type YouthProtection struct {
	Phone string `toml:"phone"` // the number to report a situation to the DPJ of the region
}

// Police is the police service serving the school.
type Police struct {
	Service      string `toml:"service"`
	Emergency    string `toml:"emergency"`
	NonEmergency string `toml:"non_emergency"`
}

// Agreement is the police–DPCP agreement that allows a school to use the kit.
type Agreement struct {
	PoliceService string `toml:"police_service"`
	DPCP          string `toml:"dpcp"`
	InForce       string `toml:"in_force"`

	// notYet is set by Profile.AsOf when the agreement comes into force after the documents'
	// date: it is declared, but not in force.
	notYet bool
}

// Configured reports whether the agreement is declared (police service and date in force)
// and, once the profile is dated (Profile.AsOf), in force on the documents' date. Documents
// state the agreement, and go without the SPÉCIMEN mark, only when it is configured.
func (a Agreement) Configured() bool {
	return !a.notYet && strings.TrimSpace(a.PoliceService) != "" && strings.TrimSpace(a.InForce) != ""
}

// NotYetInForce reports an agreement that is declared but comes into force after the
// documents' date (Profile.AsOf): it is not Configured.
func (a Agreement) NotYetInForce() bool { return a.notYet }

// InForceDate returns the agreement's date; valid when it is Configured or NotYetInForce.
func (a Agreement) InForceDate() time.Time {
	d, _ := time.Parse("2006-01-02", strings.TrimSpace(a.InForce))
	return d
}

// AsOf dates the profile with the documents' date, now (the one clock: SOURCE_DATE_EPOCH when
// set). An agreement that comes into force after that day, in Quebec, is not stated as in
// force: from then on Configured is false, so that the documents carry the SPÉCIMEN mark and
// do not mention it, and the warning returned says why. It returns nil otherwise.
func (p *Profile) AsOf(now time.Time) error {
	a := &p.Agreement
	if !a.Configured() {
		return nil
	}
	y, m, d := now.In(clock.Zone).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	from := a.InForceDate()
	if !from.After(today) {
		return nil
	}
	a.notYet = true
	display := p.Source
	if display == "" {
		display = "(profil intégré / built-in profile)"
	}
	return i18n.Errorf(i18n.T(
		"%s : « agreement.in_force » : l'entente n'entre en vigueur que le %s, après la date des documents (%s) ; d'ici là, les documents ne la mentionnent pas et chaque page porte la mention SPÉCIMEN (si la date est mal inscrite, corrigez-la)",
		"%s: “agreement.in_force”: the agreement only comes into force on %s, after the date of the documents (%s); until then, the documents do not mention it and every page is marked SPECIMEN (if the date is mistyped, correct it)"),
		display, i18n.T(i18n.LongDate(from, i18n.FR), i18n.LongDate(from, i18n.EN)),
		i18n.T(i18n.LongDate(today, i18n.FR), i18n.LongDate(today, i18n.EN)))
}

// Specimen reports whether this is the embedded specimen profile.
func (p *Profile) Specimen() bool { return p.Source == "" }

// Lang returns the profile's language.
func (p *Profile) Lang() i18n.Lang {
	if l, ok := i18n.Parse(p.Language); ok {
		return l
	}
	return i18n.FR
}

// InitFile returns the commented profile that `sexto init` writes, in l.
func InitFile(l i18n.Lang) []byte {
	b, err := files.ReadFile("init." + string(l) + ".toml")
	if err != nil {
		panic(err) // embedded at build time
	}
	return b
}

// Specimen returns the embedded specimen profile: a fictional school without an agreement.
func Specimen() *Profile {
	p, err := parse(InitFile(i18n.FR), "", "")
	if err != nil {
		panic(fmt.Sprintf("profile: embedded specimen is invalid: %v", err))
	}
	return p
}

// DefaultName is the profile looked up in the current directory.
const DefaultName = "sexto.toml"

// Find returns the profile to use: path when given, else ./sexto.toml when it exists, else the
// embedded specimen.
func Find(path string) (*Profile, error) {
	if path == "" {
		if _, err := os.Stat(DefaultName); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				if txt := notepadCopy(DefaultName); txt != "" {
					return nil, notepadError(DefaultName, txt)
				}
				return Specimen(), nil
			}
			return nil, openError(DefaultName, err)
		}
		path = DefaultName
	}
	return Load(path)
}

// MaxBytes bounds the profile file.
const MaxBytes = 1 << 20

// Load reads and validates the profile at path.
func Load(path string) (*Profile, error) {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		if txt := notepadCopy(path); txt != "" {
			return nil, notepadError(path, txt)
		}
	}
	b, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return parse(b, path, filepath.Dir(path))
}

// Parse reads a profile from b; name is used in messages and dir resolves a relative logo path.
func Parse(b []byte, name, dir string) (*Profile, error) { return parse(b, name, dir) }

func parse(b []byte, name, dir string) (*Profile, error) {
	display := name
	if display == "" {
		display = "(profil intégré / built-in profile)"
	}
	b, err := decodeText(b, display) // BOM, UTF-16, or refused when not UTF-8
	if err != nil {
		return nil, err
	}
	src := string(b)
	if err := checkNesting(src, display); err != nil {
		return nil, err // before the TOML reader, whose cost grows with the square of the nesting
	}
	where := places(src)
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			if key, ok := strings.CutPrefix(perr.Message, "Key '"); ok && strings.HasSuffix(key, "' has already been defined.") {
				return nil, duplicate(display, perr.Position.Line, strings.TrimSuffix(key, "' has already been defined."),
					strings.Split(src, "\n"), where)
			}
			if e := unquoted(display, perr.Position.Line, strings.Split(src, "\n")); e != nil {
				return nil, e
			}
			return nil, i18n.Errorf(i18n.T("%s, ligne %d : erreur de syntaxe TOML : %s",
				"%s, line %d: TOML syntax error: %s"), display, perr.Position.Line, tomlMessage(perr.Message)).
				WithHint(syntaxHint(b, perr.Position.Line))
		}
		return nil, i18n.Wrap(err, i18n.T("%s : profil illisible", "%s: unreadable profile"), display)
	}
	var p Profile
	r := &reader{display: display, where: where, bad: map[string]bool{}}
	r.fill(reflect.ValueOf(&p).Elem(), schema, raw, "", "")
	r.tooLong(reflect.ValueOf(&p).Elem(), schema, "")
	errs := r.problems()
	p.Source = name
	errs = append(errs, p.validate(display, dir, r.bad)...)
	if len(errs) > 0 {
		return nil, errs
	}
	return &p, nil
}

// validate checks the values read and completes the defaults; it says nothing of the keys in
// skip, whose values could not be read.
func (p *Profile) validate(display, dir string, skip map[string]bool) i18n.List {
	var errs i18n.List
	bad := func(key string, msg i18n.Text, args ...any) {
		if skip[key] {
			return
		}
		all := append([]any{display, key}, args...)
		errs = append(errs, i18n.Errorf(i18n.T("%s : « %s » : "+msg.FR, "%s: “%s”: "+msg.EN), all...))
	}
	if p.Language == "" {
		p.Language = "fr"
	} else if l, ok := i18n.Parse(p.Language); !ok || (p.Language != "fr" && p.Language != "en") {
		bad("language", i18n.T("« %s » n'est pas permis ; valeurs permises : fr, en", "“%s” is not allowed; allowed values: fr, en"), p.Language)
	} else {
		p.Language = string(l)
	}
	switch p.Paper {
	case "":
		p.Paper = "letter"
	case "letter", "a4":
	default:
		bad("paper", i18n.T("« %s » n'est pas permis ; valeurs permises : letter, a4", "“%s” is not allowed; allowed values: letter, a4"), p.Paper)
	}
	if strings.TrimSpace(p.School.Name) == "" {
		bad("school.name", i18n.T("le nom de l'école est obligatoire", "the school name is required"))
	}
	if e := strings.TrimSpace(p.Intervener.Email); e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			bad("intervener.email", i18n.T("« %s » n'est pas une adresse courriel", "“%s” is not an email address"), e)
		}
	}
	a := p.Agreement
	if a.InForce != "" {
		if _, err := time.Parse("2006-01-02", strings.TrimSpace(a.InForce)); err != nil {
			bad("agreement.in_force", i18n.T("« %s » n'est pas une date AAAA-MM-JJ", "“%s” is not a YYYY-MM-DD date"), a.InForce)
		}
	}
	if (strings.TrimSpace(a.PoliceService) == "") != (strings.TrimSpace(a.InForce) == "") {
		key := "agreement.in_force"
		if strings.TrimSpace(a.PoliceService) == "" {
			key = "agreement.police_service"
		}
		bad(key, i18n.T("l'entente doit indiquer à la fois le service de police et la date d'entrée en vigueur",
			"the agreement needs both the police service and the date it came into force"))
	}
	if a.Configured() && strings.TrimSpace(a.DPCP) == "" {
		p.Agreement.DPCP = "Directeur des poursuites criminelles et pénales (DPCP)"
	}
	if ps, as := strings.TrimSpace(p.Police.Service), strings.TrimSpace(a.PoliceService); ps != "" && as != "" && !sameName(ps, as) {
		p.Warnings = append(p.Warnings, i18n.Errorf(i18n.T(
			"%s : le service de police (« police.service » : « %s ») n'est pas celui de l'entente (« agreement.police_service » : « %s ») ; vérifiez que l'entente couvre bien le service qui dessert l'école",
			"%s: the police service (“police.service”: “%s”) is not the agreement's (“agreement.police_service”: “%s”); check that the agreement covers the service that serves the school"),
			display, ps, as))
	}
	if p.Source != "" { // a school's profile, not the embedded specimen
		p.Warnings = append(p.Warnings, p.missing(display)...)
	}
	if p.School.Logo != "" {
		if looksMangled(p.School.Logo) {
			p.Warnings = append(p.Warnings, mangledLogo(display, p.School.Logo))
		} else if err := p.loadLogo(dir); err != nil {
			p.Warnings = append(p.Warnings, i18n.Errorf(i18n.T("%s : « school.logo » : %s ; les documents sont faits sans logo",
				"%s: “school.logo”: %s; the documents are made without a logo"), display, err))
		}
	}
	return errs
}

// extensionInPhone finds an extension written in a phone number: "450 555-0142, poste 2107",
// "450-555-0142 ext. 2107", "… p. 2107", "… x2107".
var extensionInPhone = regexp.MustCompile(`(?i)^(.*[0-9])[\s,;]*(?:poste|p\.|ext\.?|extension|x)\s*[:.]?\s*([0-9]{1,6})\s*$`)

// missing warns of what a school's profile leaves out or writes where documents print it
// wrongly: the DPJ number, the English title, an extension inside the phone number.
func (p *Profile) missing(display string) []error {
	var ws []error
	if strings.TrimSpace(p.YouthProtection.Phone) == "" {
		ws = append(ws, i18n.Errorf(i18n.T(
			"%s : « youth_protection.phone » n'est pas indiqué : l'aide-mémoire juridique laisse le numéro de la DPJ de la région en blanc et les étapes ne le donnent pas ; ajoutez-le dans la section [youth_protection] (phone = \"…\")",
			"%s: “youth_protection.phone” is not given: the legal reference sheet leaves the regional DPJ's number blank and the steps do not give it; add it under [youth_protection] (phone = \"…\")"),
			display))
	}
	in := p.Intervener
	if t := strings.TrimSpace(in.Title); t != "" && strings.TrimSpace(in.TitleEN) == "" {
		ws = append(ws, i18n.Errorf(i18n.T(
			"%s : « intervener.title » (« %s ») n'a pas de forme anglaise : les documents en anglais l'impriment tel quel ; ajoutez-la dans la section [intervener] (title_en = \"…\")",
			"%s: “intervener.title” (“%s”) has no English form: English documents print it as is; add one under [intervener] (title_en = \"…\")"),
			display, t))
	}
	if m := extensionInPhone.FindStringSubmatch(strings.TrimSpace(in.Phone)); m != nil {
		number, ext := strings.TrimSpace(m[1]), m[2]
		ws = append(ws, i18n.Errorf(i18n.T(
			"%s : « intervener.phone » (« %s ») contient le numéro de poste, que les lettres impriment alors tel quel dans les deux langues ; écrivez-le à part, dans « intervener.extension », pour qu'elles impriment « poste %s » en français et « ext. %s » en anglais : phone = \"%s\" et extension = \"%s\"",
			"%s: “intervener.phone” (“%s”) holds the extension, which the letters then print as is in both languages; write it apart, in “intervener.extension”, so that they print “poste %s” in French and “ext. %s” in English: phone = \"%s\" and extension = \"%s\""),
			display, in.Phone, ext, ext, number, ext))
	}
	return ws
}

// sameName compares two names, case and runs of spaces ignored.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

func (p *Profile) loadLogo(dir string) error {
	path := p.School.Logo
	if !filepath.IsAbs(path) && dir != "" {
		path = filepath.Join(dir, path)
	}
	st, err := os.Stat(path)
	if err != nil {
		return i18n.Errorf(i18n.T("fichier introuvable : %s", "file not found: %s"), path)
	}
	if !st.Mode().IsRegular() {
		return i18n.Errorf(i18n.T("le logo doit être un fichier PNG ou JPEG : %s", "the logo must be a PNG or JPEG file: %s"), path)
	}
	tooBig := i18n.Errorf(i18n.T("le logo dépasse 2 Mo : %s ; réduisez-le (environ 600 pixels de large suffisent pour l'en-tête)",
		"the logo is over 2 MB: %s; make it smaller (about 600 pixels wide is enough for the letterhead)"), path)
	if st.Size() > MaxLogoBytes {
		return tooBig
	}
	f, err := os.Open(path)
	if err != nil {
		return i18n.Wrap(err, i18n.T("lecture impossible : %s", "cannot read: %s"), path)
	}
	defer f.Close()
	// read at most the cap, whatever the size said a moment ago
	b, err := io.ReadAll(io.LimitReader(f, MaxLogoBytes+1))
	if err != nil {
		return i18n.Wrap(err, i18n.T("lecture impossible : %s", "cannot read: %s"), path)
	}
	if len(b) > MaxLogoBytes {
		return tooBig
	}
	typ, err := checkLogo(b, path)
	if err != nil {
		return err
	}
	p.Logo, p.LogoType = b, typ
	return nil
}

// MaxLogoSide bounds each side of the logo, in pixels: a 4 cm letterhead logo needs about
// 500, and the PDF library holds a decoded image in memory (a small file can declare
// 20,000 × 20,000 pixels, several gigabytes once decoded).
const MaxLogoSide = 4000

// checkLogo reads the logo's header, then, when its size is within MaxLogoSide, its pixels,
// and returns its type, "png" or "jpg", or why the documents cannot use it.
func checkLogo(b []byte, path string) (string, error) {
	var typ string
	var cfg image.Config
	var err error
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		typ = "png"
		cfg, err = png.DecodeConfig(bytes.NewReader(b))
		// the PDF library cannot embed an interlaced PNG (IHDR's last byte)
		if err == nil && len(b) > 28 && b[28] != 0 {
			return "", i18n.Errorf(i18n.T("le logo %s est un PNG entrelacé, que les documents ne peuvent pas inclure : enregistrez-le sans entrelacement",
				"the logo %s is an interlaced PNG, which the documents cannot include: save it without interlacing"), path)
		}
	case bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}):
		typ = "jpg"
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(b))
	default:
		return "", i18n.Errorf(i18n.T("le logo doit être une image PNG ou JPEG : %s", "the logo must be a PNG or JPEG image: %s"), path)
	}
	if err != nil || cfg.Width < 1 || cfg.Height < 1 {
		return "", i18n.Errorf(i18n.T("le logo %s est une image %s illisible ou incomplète : enregistrez-le de nouveau en PNG ou en JPEG",
			"the logo %s is an unreadable or incomplete %s image: save it again as PNG or JPEG"), path, strings.ToUpper(typ))
	}
	if cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide {
		return "", i18n.Errorf(i18n.T("le logo %s mesure %d × %d pixels, plus que %d × %d : réduisez-le à au plus %d × %d pixels (environ 600 pixels de large suffisent pour l'en-tête)",
			"the logo %s is %d × %d pixels, over %d × %d: reduce it to at most %d × %d pixels (about 600 pixels wide is enough for the letterhead)"),
			path, cfg.Width, cfg.Height, MaxLogoSide, MaxLogoSide, MaxLogoSide, MaxLogoSide)
	}
	// the header is sound and the size bounded: decode the pixels, all of them, for the PDF
	// library fails (or panics) on a file cut short, without its end, or with damaged data
	if typ == "png" {
		_, err = png.Decode(bytes.NewReader(b))
	} else {
		_, err = jpeg.Decode(bytes.NewReader(b))
	}
	if err != nil {
		return "", i18n.Errorf(i18n.T("le logo %s est une image %s illisible ou incomplète : enregistrez-le de nouveau en PNG ou en JPEG",
			"the logo %s is an unreadable or incomplete %s image: save it again as PNG or JPEG"), path, strings.ToUpper(typ))
	}
	return typ, nil
}

// PeekLanguage reads only the language of the profile at path (or ./sexto.toml), even when
// the rest of the file has problems, so that those problems are reported in its language.
func PeekLanguage(path string) (i18n.Lang, bool) {
	if path == "" {
		path = DefaultName
	}
	b, err, ok := readAgain(path) // the bytes the load read, when it came first
	if !ok {
		b, err = readBounded(path)
	}
	if err != nil {
		return i18n.FR, false
	}
	for _, line := range strings.Split(string(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			break // the language is a top-level key
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(k) != "language" {
			continue
		}
		v = strings.Trim(strings.TrimSpace(strings.SplitN(v, "#", 2)[0]), `"'`)
		if v == "fr" || v == "en" {
			return i18n.Lang(v), true
		}
	}
	return i18n.FR, false
}
