package exercise

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"path/filepath"

	"sexto/kit/doc"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/pdftext"
	"sexto/kit/profile"
	"sexto/templates"
)

var docTime = time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)

// Every case's briefing, in both languages: the same bytes twice, marked EXERCICE on every
// page, every student's words in it, and the same sections in French and in English.
func TestBriefings(t *testing.T) {
	s := builtin(t)
	for _, l := range langs {
		for _, c := range s.List(l) {
			o := Options{Lang: l, Paper: "letter", Now: docTime, Creator: "sexto test", Workbook: "exercice.xlsx"}
			a, err := Briefing(c, o)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := Briefing(c, o)
			if !bytes.Equal(a, b) {
				t.Errorf("%s: two renderings differ", c.File)
			}
			pages, err := pdftext.Pages(a)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range pages {
				if !strings.Contains(strings.Join(p.Lines, " "), Fictional.In(l)) {
					t.Errorf("%s: page %d is not marked %q", c.File, i+1, Fictional.In(l))
				}
			}
			text, _ := pdftext.Text(a)
			flat := strings.Join(strings.Fields(text), " ")
			for _, st := range c.Students {
				first := strings.Fields(paragraphs(st.Says)[0])
				if !strings.Contains(flat, strings.Join(first[:min(6, len(first))], " ")) || !strings.Contains(flat, st.Ref+" — "+st.Name()) {
					t.Errorf("%s: %s's meeting is not in the briefing", c.File, st.Ref)
				}
			}
			for _, h := range []i18n.Text{i18n.T("Le dévoilement", "The disclosure"), i18n.T("Les rencontres individuelles", "The individual meetings"), i18n.T("À faire", "What to do")} {
				if !strings.Contains(flat, h.In(l)) {
					t.Errorf("%s: no section %q", c.File, h.In(l))
				}
			}
			if len(c.Devices) > 0 && !strings.Contains(flat, i18n.T("Les appareils saisis", "The devices seized").In(l)) {
				t.Errorf("%s: the devices are not in the briefing", c.File)
			}
		}
	}
}

// The debrief PDF, in both languages: the same bytes twice, the indicative statement, each
// difference with its effect, and what was right.
func TestDebriefPDF(t *testing.T) {
	s := builtin(t)
	for _, l := range langs {
		c, _, _ := s.Get(1, l)
		in := trainee(t, c, l, nil)
		d := Compare(c, in, l)
		o := Options{Lang: l, Paper: "a4", Now: docTime, Creator: "sexto test"}
		a, err := d.PDF(o)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := d.PDF(o)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ", l)
		}
		text, _ := pdftext.Text(a)
		flat := strings.Join(strings.Fields(text), " ")
		for _, want := range []string{d.title(), i18n.T("Pré-classification indicative", "Indicative pre-classification").In(l),
			i18n.T("Ce qui est juste", "What was right").In(l), i18n.T("Ce que ce cas enseigne", "What this case teaches").In(l), i18n.T("100 %", "100%").In(l)} {
			if !strings.Contains(flat, want) {
				t.Errorf("%s: the debrief lacks %q", l, want)
			}
		}
	}
}

// Case files as people write them, mangled: never a panic, and an error names the file.
func FuzzParse(f *testing.F) {
	for _, l := range langs {
		for _, c := range builtin(&testing.T{}).List(l) {
			src, err := readBuiltin(c)
			if err == nil {
				f.Add(src)
			}
		}
	}
	f.Add([]byte("case = 1\n[[student]]\n[student.grid]\nrole = 3\nrole.kept = \"oui\"\n"))
	f.Add([]byte("[[student]]\nref = \"E1\"\n[[student.grid]]\n"))
	f.Add([]byte("x = \"\"\"\n[incident]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse("cas.toml", i18n.FR, src)
		if err == nil && c == nil {
			t.Fatal("no case and no error")
		}
		if err != nil && !strings.HasPrefix(i18n.Message(err, i18n.FR), "cas.toml") {
			t.Fatalf("the error does not name the file: %s", i18n.Message(err, i18n.FR))
		}
	})
}

func readBuiltin(c *Case) ([]byte, error) {
	return templates.Cases.ReadFile(strings.TrimPrefix(filepath.ToSlash(c.File), "templates/"))
}

func flatPDF(t *testing.T, b []byte) string {
	t.Helper()
	text, err := pdftext.Text(b)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(text), " ")
}

// Without an agreement configured, every page of the briefing, the debrief and the form says
// SPÉCIMEN — aucune entente configurée (SPEC §3) as well as EXERCICE, without the line running
// out of its box; with one, no page says SPÉCIMEN.
func TestSpecimenMark(t *testing.T) {
	agreed := profile.Agreement{PoliceService: "Service de police de Saint-Fictif", DPCP: "DPCP", InForce: "2024-09-01"}
	s := builtin(t)
	for _, l := range langs {
		c, _, _ := s.Get(2, l)
		note := doc.Words(l).SpecimenNote
		for _, a := range []profile.Agreement{{}, agreed} {
			o := Options{Lang: l, Paper: "letter", Now: docTime, Creator: "sexto test", Agreement: a}
			var overflows []pdf.Overflow
			pdf.OnOverflow = func(x pdf.Overflow) { overflows = append(overflows, x) }
			brief, err := Briefing(c, o)
			if err != nil {
				t.Fatal(err)
			}
			debrief, err := Compare(c, trainee(t, c, l, nil), l).PDF(o)
			if err != nil {
				t.Fatal(err)
			}
			pdf.OnOverflow = nil
			form, err := Form(c, o)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range overflows {
				if strings.Contains(o.Text, "SP") {
					t.Errorf("%s: the mark runs out of its box: %+v", l, o)
				}
			}
			for name, b := range map[string][]byte{"briefing": brief, "debrief": debrief, "form": form} {
				pages, err := pdftext.Pages(b)
				if err != nil {
					t.Fatal(err)
				}
				for i, p := range pages {
					text := strings.Join(p.Lines, " ")
					switch marked := strings.Contains(text, note); {
					case !a.Configured() && !marked:
						t.Errorf("%s %s without an agreement: page %d is not marked %q", l, name, i+1, note)
					case a.Configured() && strings.Contains(strings.ToUpper(text), strings.ToUpper(doc.Words(l).Specimen)):
						t.Errorf("%s %s with an agreement: page %d says %s", l, name, i+1, doc.Words(l).Specimen)
					}
					if name != "form" && !strings.Contains(text, Fictional.In(l)) {
						t.Errorf("%s %s: page %d is not marked %q", l, name, i+1, Fictional.In(l))
					}
				}
			}
		}
	}
}
