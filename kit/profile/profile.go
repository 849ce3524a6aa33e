// Package profile reads the school profile (sexto.toml, SPEC §3): the school, its contacts, its
// police service, the police–DPCP agreement, and the default language and paper size. Loading
// is strict: an unknown key or a bad value is an error that names the key.
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
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

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
}

// Configured reports whether the agreement is declared (police service and date in force).
func (a Agreement) Configured() bool {
	return strings.TrimSpace(a.PoliceService) != "" && strings.TrimSpace(a.InForce) != ""
}

// InForceDate returns the agreement's date; valid only when Configured.
func (a Agreement) InForceDate() time.Time {
	d, _ := time.Parse("2006-01-02", strings.TrimSpace(a.InForce))
	return d
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
			return nil, i18n.Wrap(err, i18n.T("%s : lecture du profil impossible", "%s: cannot read the profile"), DefaultName)
		}
		path = DefaultName
	}
	return Load(path)
}

// MaxBytes bounds the profile file.
const MaxBytes = 1 << 20

// Load reads and validates the profile at path.
func Load(path string) (*Profile, error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		if txt := notepadCopy(path); txt != "" {
			return nil, notepadError(path, txt)
		}
		return nil, i18n.Errorf(i18n.T("%s : profil introuvable", "%s: profile not found"), path).
			WithHint(i18n.T("« sexto init » écrit un profil à remplir.", "“sexto init” writes a profile to fill in."))
	}
	if err != nil {
		return nil, i18n.Wrap(err, i18n.T("%s : lecture du profil impossible", "%s: cannot read the profile"), path).
			WithHint(i18n.T("« sexto init » écrit un profil à remplir.", "“sexto init” writes a profile to fill in."))
	}
	if st.Size() > MaxBytes {
		return nil, i18n.Errorf(i18n.T("%s : ce profil est trop gros (plus de 1 Mo) ; est-ce bien un sexto.toml ?",
			"%s: this profile is too large (over 1 MB); is it really a sexto.toml?"), path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, i18n.Wrap(err, i18n.T("%s : lecture du profil impossible", "%s: cannot read the profile"), path)
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
	var p Profile
	md, err := toml.Decode(string(b), &p)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, i18n.Errorf(i18n.T("%s, ligne %d : erreur de syntaxe TOML : %s",
				"%s, line %d: TOML syntax error: %s"), display, perr.Position.Line, tomlMessage(perr.Message)).
				WithHint(syntaxHint(b, perr.Position.Line))
		}
		return nil, i18n.Wrap(err, i18n.T("%s : profil illisible", "%s: unreadable profile"), display)
	}
	var errs i18n.List
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		for _, k := range keys {
			errs = append(errs, i18n.Errorf(i18n.T("%s : clé inconnue « %s »%s", "%s: unknown key “%s”%s"),
				display, k, suggest(k)))
		}
	}
	p.Source = name
	errs = append(errs, p.validate(display, dir)...)
	if len(errs) > 0 {
		return nil, errs
	}
	return &p, nil
}

// known lists every key, for typo suggestions.
var known = []string{
	"language", "paper",
	"school.name", "school.address", "school.phone", "school.service_centre", "school.logo",
	"principal.name",
	"intervener.name", "intervener.title", "intervener.title_en", "intervener.phone", "intervener.extension", "intervener.email",
	"police.service", "police.emergency", "police.non_emergency",
	"youth_protection.phone",
	"agreement.police_service", "agreement.dpcp", "agreement.in_force",
}

func suggest(k string) i18n.Text {
	best, bestD := "", 3
	for _, c := range known {
		if d := i18n.Distance(k, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return i18n.Text{}
	}
	return i18n.T(" (vouliez-vous dire « "+best+" » ?)", " (did you mean “"+best+"”?)")
}

func (p *Profile) validate(display, dir string) i18n.List {
	var errs i18n.List
	bad := func(key string, msg i18n.Text, args ...any) {
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

// checkLogo reads only the logo's header (never its pixels) and returns its type, "png" or
// "jpg", or why the documents cannot use it.
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
	return typ, nil
}

// PeekLanguage reads only the language of the profile at path (or ./sexto.toml), even when
// the rest of the file has problems, so that those problems are reported in its language.
func PeekLanguage(path string) (i18n.Lang, bool) {
	if path == "" {
		path = DefaultName
	}
	b, err := os.ReadFile(path)
	if err != nil || len(b) > MaxBytes {
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
