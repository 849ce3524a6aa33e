package printkit

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"sexto/templates"
)

// The numbers and addresses of DOMAIN.md §7 (checked on the services' own pages), copied here
// because CI cannot rely on reading ../shared/DOMAIN.md. Update both together.
var domainPhones = map[string]string{
	"18666589022": "Cyberaide.ca / Cybertip.ca",
	"18006686868": "Jeunesse, J’écoute / Kids Help Phone",
	"686868":      "Jeunesse, J’écoute / Kids Help Phone, texting (TEXTO / CONNECT)",
	"18002632266": "Tel-jeunes",
	"5146001002":  "Tel-jeunes, texting",
	"18003615085": "LigneParents",
	"18662773553": "1 866 APPELLE, suicide prevention",
	"535353":      "1 866 APPELLE, texting",
	"988":         "suicide prevention, routed to 1 866 APPELLE in Quebec",
	"18665322822": "CAVAC (1 866 LE CAVAC)",
	"811":         "Info-Social 811, option 2",
	"911":         "emergency (DOMAIN §3: the intervener calls 911)",
}

var domainSites = []string{
	"cyberaide.ca", "cybertip.ca", "aidezmoisvp.ca", "needhelpnow.ca", "takeitdown.ncmec.org",
	"pasobligedetoutpartager.info",
}

var (
	// a phone number: digits in groups of three or more (1 800 668-6868, 514-600-1002,
	// 686868), or a spelled one (1 866 APPELLE, 1-866-LE-CAVAC)
	phoneRE   = regexp.MustCompile(`\b(?:1[ -])?\d{3}[ -]\d{3}[ -]\d{4}\b|\b1[ -]\d{3}[ -](?:[A-Z]{2,}[ -]?)+\b|\b\d{6}\b|\b(?:811|911|988)\b|\(\d{3}-\d{4}\)`)
	siteRE    = regexp.MustCompile(`(?i)\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:ca|org|info|com|net|qc\.ca)\b`)
	keypadMap = strings.NewReplacer("A", "2", "B", "2", "C", "2", "D", "3", "E", "3", "F", "3", "G", "4", "H", "4", "I", "4",
		"J", "5", "K", "5", "L", "5", "M", "6", "N", "6", "O", "6", "P", "7", "Q", "7", "R", "7", "S", "7", "T", "8", "U", "8",
		"V", "8", "W", "9", "X", "9", "Y", "9", "Z", "9")
)

// digits turns a number as written into its digits, letters by the telephone keypad.
func digits(s string) string {
	s = keypadMap.Replace(strings.ToUpper(s))
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// known reports whether a number is one of DOMAIN §7's, in full or as its local part (the
// "(277-3553)" after "1 866 APPELLE").
func known(d string) bool {
	if _, ok := domainPhones[d]; ok {
		return true
	}
	for n := range domainPhones {
		if len(d) >= 7 && strings.HasSuffix(n, d) {
			return true
		}
	}
	return false
}

// Every phone number and web address the templates print is one of DOMAIN §7's list (or
// 911): a typo in a help line would send a family to a stranger.
func TestTemplatesPrintOnlyDomainResources(t *testing.T) {
	seenPhones, seenSites := map[string]bool{}, map[string]bool{}
	err := fs.WalkDir(templates.FS, ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := templates.FS.ReadFile(path)
		if err != nil {
			return err
		}
		src := string(b)
		for _, m := range phoneRE.FindAllString(src, -1) {
			d := digits(m)
			if !known(d) {
				t.Errorf("%s: phone number %q is not in DOMAIN §7's list", path, m)
			}
			seenPhones[d] = true
		}
		for _, m := range siteRE.FindAllString(src, -1) {
			site := strings.ToLower(m)
			ok := false
			for _, s := range domainSites {
				ok = ok || site == s
			}
			if !ok {
				t.Errorf("%s: web address %q is not in DOMAIN §7's list", path, m)
			}
			seenSites[site] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// the check looks at something: the letters' resources are found
	for _, d := range []string{"18006686868", "18662773553", "18665322822", "911"} {
		if !seenPhones[d] {
			t.Errorf("no template prints %s (%s): is the number pattern still finding numbers?", d, domainPhones[d])
		}
	}
	for _, s := range domainSites {
		if !seenSites[s] {
			t.Errorf("no template prints %s", s)
		}
	}
}

// The patterns find the numbers as templates write them, and a wrong number fails.
func TestResourcePatterns(t *testing.T) {
	for _, c := range []struct {
		text  string
		known bool
	}{
		{"1 800 668-6868", true}, {"1-800-668-6868", true}, {"texto 686868", true}, {"1 866 APPELLE", true},
		{"1-866-APPELLE (277-3553)", true}, {"1 866 LE CAVAC", true}, {"514 600-1002", true},
		{"1 800 668-6869", false}, {"1 866 APPELE", false}, {"686869", false},
	} {
		ms := phoneRE.FindAllString(c.text, -1)
		if len(ms) == 0 {
			t.Errorf("%q: no number found", c.text)
			continue
		}
		all := true
		for _, m := range ms {
			all = all && known(digits(m))
		}
		if all != c.known {
			t.Errorf("%q: known = %v, want %v", c.text, all, c.known)
		}
	}
	if m := siteRE.FindAllString("voir Cyberaide.ca et art. 163.1 ou .Letter.Date", -1); len(m) != 1 || m[0] != "Cyberaide.ca" {
		t.Errorf("sites found: %q", m)
	}
}
