package exercise

import (
	"testing"

	"sexto/kit/i18n"
	"sexto/kit/secure"
	"sexto/kit/workbook"
)

// The case's fillable PDF form, filled with the key as a PDF reader saves it, reads through
// the workbook reader and scores 100 %; with the motive changed, the one difference changes
// the outcome, as in a workbook.
func TestFormScoresLikeTheWorkbook(t *testing.T) {
	s := builtin(t)
	for _, l := range langs {
		c, _, _ := s.Get(1, l)
		blank, err := Form(c, Options{Lang: l, Paper: "letter", Now: docTime, Creator: "sexto test"})
		if err != nil {
			t.Fatal(err)
		}
		for _, motive := range []string{"", "revenge"} {
			vals := c.FormValues()
			if motive != "" {
				vals["E2.intent.motive"] = motive
			}
			filled, err := secure.FillForm(blank, vals)
			if err != nil {
				t.Fatal(err)
			}
			in, err := workbook.Read("exercice-01.pdf", filled)
			if err != nil {
				t.Fatalf("%s: %s", l, i18n.Message(err, i18n.EN))
			}
			d := Compare(c, in, l)
			switch {
			case motive == "" && (d.Right != d.Total || len(d.Diffs) != 0):
				t.Errorf("%s: the key's form scores %d/%d", l, d.Right, d.Total)
			case motive != "" && (len(d.Diffs) != 1 || !d.Diffs[0].Outcome || d.Diffs[0].Key != "intent.motive"):
				t.Errorf("%s: %d differences, %+v", l, len(d.Diffs), d.Diffs)
			}
		}
	}
}
