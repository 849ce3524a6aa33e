package doc

import (
	"strings"
	"testing"
	"time"

	"sexto/kit/classify"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
)

func TestCheckCompletesAndRefuses(t *testing.T) {
	var c Context
	if err := c.Check(); err != nil || c.Profile == nil || c.Lang != i18n.FR || c.Paper != pdf.Letter {
		t.Errorf("defaults: %+v, %v", c, err)
	}
	for _, bad := range []Context{{Lang: "de"}, {Paper: "legal"}} {
		if err := bad.Check(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// The PDF options say the same things in every document: the school as author, the language
// tag, the clock, the words of the page, SPÉCIMEN without an agreement.
func TestPDFOptions(t *testing.T) {
	c := Context{Lang: i18n.EN, Now: time.Unix(1795550400, 0), Creator: "sexto test"}
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	o := c.PDF("Title", "Subject")
	if o.Lang != "en-CA" || o.Author != c.Profile.School.Name || !o.Specimen || o.Words.Page != "Page %d of %d" ||
		!o.Now.Equal(c.Now) || o.Creator != "sexto test" || o.Paper != pdf.Letter || o.Title != "Title" || o.Subject != "Subject" {
		t.Errorf("options %+v", o)
	}
}

func TestEveryOrientationHasItsOwnMark(t *testing.T) {
	seen := map[pdf.Mark]classify.Orientation{}
	for _, o := range classify.Orientations {
		m := Mark(o)
		if prev, dup := seen[m]; dup {
			t.Errorf("%s and %s share a mark", o, prev)
		}
		seen[m] = o
	}
}

func TestFactRunsSayFactsAndUnevaluatedRules(t *testing.T) {
	sr := classify.StudentResult{Facts: []classify.Fact{{Key: "scope.public", Mitigating: true, Text: i18n.T("Pas publié en ligne", "Not posted online")}},
		Unevaluated: []string{"U-AGEGAP"}}
	var lines []string
	for _, p := range FactRuns(sr, i18n.FR) {
		var s string
		for _, r := range p {
			s += r.Text
		}
		lines = append(lines, s)
	}
	got := strings.Join(lines, "\n")
	if !strings.Contains(got, "Faits atténuants : Pas publié en ligne") || !strings.Contains(got, "Non évaluées faute d'âge : U-AGEGAP") ||
		strings.Contains(got, "aggravants") {
		t.Errorf("lines:\n%s", got)
	}
}
