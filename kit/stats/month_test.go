package stats

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"sexto/kit/doc"
	"sexto/kit/i18n"
	"sexto/kit/pdftext"
	"sexto/kit/profile"
)

// The statistics say the month they were made in, never the day (SPEC §9: no date finer than
// the month), in their text and in their metadata; the month is Quebec's. Made on any day of
// a month, they are the same bytes.
func TestStatisticsGiveTheMonthTheyWereMadeIn(t *testing.T) {
	dir, _ := corpus(t, 12)
	files, _ := Files([]string{dir})
	recs := Read(files, 2, nil).Records
	// 22:00 on March 31 in Quebec is already April 1 in UTC
	late := time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC)
	early := time.Date(2026, 3, 1, 5, 30, 0, 0, time.UTC) // 00:30 in Quebec
	for _, c := range []struct {
		l     i18n.Lang
		recs  []Record
		month string
	}{
		{i18n.FR, recs, "Produit en mars 2026."},
		{i18n.EN, recs, "Made in March 2026."},
		{i18n.FR, recs[:2], "Produit en mars 2026."},
		{i18n.EN, recs[:2], "Made in March 2026."},
	} {
		f := Compute(c.recs, c.l)
		var made [][]byte
		for _, now := range []time.Time{late, early} {
			b, err := PDF(f, doc.Context{Profile: profile.Specimen(), Lang: c.l, Paper: "letter", Now: now, Creator: "sexto test"})
			if err != nil {
				t.Fatal(err)
			}
			made = append(made, b)
		}
		if !bytes.Equal(made[0], made[1]) {
			t.Errorf("%s, %d incidents: made on March 1 and March 31, two different PDFs", c.l, len(c.recs))
		}
		txt := pdfText(t, f, c.l) // made on July 1
		want := strings.NewReplacer("mars", "juillet", "March", "July").Replace(c.month)
		if !strings.Contains(txt, want) {
			t.Errorf("%s: the PDF does not say %q:\n%s", c.l, want, txt)
		}
		for _, day := range []string{"1er", "July 1,", "Produit le", "Made on"} {
			if strings.Contains(txt, day) {
				t.Errorf("%s: the PDF gives the day (%q):\n%s", c.l, day, txt)
			}
		}
		if txt := pdfTextAt(t, f, c.l, late); !strings.Contains(txt, c.month) {
			t.Errorf("%s: made at 22:00 on March 31 in Quebec, the PDF does not say %q:\n%s", c.l, c.month, txt)
		}
		dates := regexp.MustCompile(`/(CreationDate|ModDate) \(D:(\d+)`).FindAllSubmatch(made[0], -1)
		if len(dates) != 2 {
			t.Fatalf("%s: dates in the metadata: %q", c.l, dates)
		}
		for _, d := range dates {
			if string(d[2]) != "20260301000000" {
				t.Errorf("%s: %s %s, want the first of March 2026 at midnight", c.l, d[1], d[2])
			}
		}
	}
}

func pdfTextAt(t *testing.T, f Figures, l i18n.Lang, now time.Time) string {
	t.Helper()
	b, err := PDF(f, doc.Context{Profile: profile.Specimen(), Lang: l, Paper: "letter", Now: now, Creator: "sexto test"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := pdftext.Text(b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
