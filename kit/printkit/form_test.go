package printkit

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sexto/kit/doc"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/pdftext"
	"sexto/kit/secure"
)

var formNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestFormIsReproducible(t *testing.T) {
	a, err := Form(Options{Context: doc.Context{Lang: i18n.FR, Now: formNow}, Students: 2})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Form(Options{Context: doc.Context{Lang: i18n.FR, Now: formNow}, Students: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the same form written twice differs")
	}
}

// wantFields is every field name the form must have, in the form's order.
func wantFields(students, devices, events int) []string {
	var out []string
	for _, it := range grid.Incident.Items {
		out = append(out, it.Key)
	}
	for n := 1; n <= students; n++ {
		for _, s := range grid.Student {
			for _, it := range s.Items {
				out = append(out, fmt.Sprintf("E%d.%s", n, it.Key))
			}
		}
	}
	for n := 1; n <= devices; n++ {
		for _, it := range grid.Devices.Items {
			out = append(out, fmt.Sprintf("D%d.%s", n, it.Key))
		}
	}
	for n := 1; n <= events; n++ {
		for _, c := range EventColumns {
			out = append(out, fmt.Sprintf("T%d.%s", n, c))
		}
	}
	return out
}

func TestFormHasAFieldForEveryItem(t *testing.T) {
	for _, c := range []struct{ students, devices int }{{1, FormDevices}, {4, FormDevices}, {6, 6}} {
		b, err := Form(Options{Context: doc.Context{Lang: i18n.EN, Now: formNow}, Students: c.students})
		if err != nil {
			t.Fatal(err)
		}
		f, err := secure.ReadForm("form.pdf", b)
		if err != nil {
			t.Fatal(err)
		}
		if f.Mark.Lang != i18n.EN || f.Mark.Version != secure.FormVersion {
			t.Errorf("mark %+v", f.Mark)
		}
		var got []string
		pages := map[string]int{}
		for _, fd := range f.Fields {
			got = append(got, fd.Name)
			pages[fd.Name] = fd.Page
			if strings.HasSuffix(fd.Name, ".student.ref") {
				if want := strings.TrimSuffix(fd.Name, ".student.ref"); fd.Value != want {
					t.Errorf("%s holds %q at first, want %q", fd.Name, fd.Value, want)
				}
			} else if fd.Value != "" {
				t.Errorf("%s holds %q in a blank form", fd.Name, fd.Value)
			}
		}
		want := wantFields(c.students, c.devices, 22)
		if !slices.Equal(got, want) {
			t.Errorf("%d students: fields\n%v\nwant\n%v", c.students, got, want)
		}
		// the file number is asked once, and shown on every grid and on the log
		if got := idWidgets(t, b); len(got) != c.students+2 || !slices.Equal(got, idPages(b)) {
			t.Errorf("%d students: the file number's widgets are on pages %v, want %v", c.students, got, idPages(b))
		}
		// the incident page, then each grid, the devices and the log, in order
		last := pages[fmt.Sprintf("T22.by")]
		if pages["incident.id"] != 1 || pages["E1.student.ref"] <= 1 || pages["D1.device.owner"] <= pages[fmt.Sprintf("E%d.notes", c.students)] || last < pages["D1.device.owner"] {
			t.Errorf("pages out of order: %v", pages)
		}
	}
}

// sectionLines returns the text lines of the pages whose footer names title, without the
// running header and the footer.
func sectionLines(t *testing.T, b []byte, title string) []string {
	t.Helper()
	ps, err := pdftext.Pages(b)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		n := len(p.Lines)
		if n < 3 || !strings.HasPrefix(p.Lines[n-2], title) {
			continue
		}
		for _, l := range p.Lines[1 : n-2] {
			if l != "SPÉCIMEN" && l != "SPECIMEN" {
				out = append(out, l)
			}
		}
	}
	return out
}

func TestFormGridIsTheKitGrid(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		o := Options{Context: doc.Context{Lang: l, Now: formNow}, Students: 1}
		form, _, err := FormPages(o)
		if err != nil {
			t.Fatal(err)
		}
		kit, err := Print(o, "grid")
		if err != nil {
			t.Fatal(err)
		}
		title := map[i18n.Lang]string{i18n.FR: "Grille d’évaluation de l’incident — E1", i18n.EN: "Incident evaluation grid — E1"}[l]
		accounts := grid.MustLookup("scope.accounts")
		// the kit prints the ref on its line, the form holds it in the field; the accounts' help
		// moves beside their label in the form, where typed text does not cover it; the paper
		// grid's lines for the devices are the form's devices page
		devices := map[i18n.Lang]string{i18n.FR: "Si oui, chaque appareil : description", i18n.EN: "If yes, each device: description"}[l]
		paperOnly := false
		keep := func(lines []string) []string {
			var out []string
			for _, s := range lines {
				both := accounts.Label.In(l) + " (" + accounts.Help.In(l) + ")"
				if strings.HasPrefix(s, devices) {
					paperOnly = true // its label's lines, up to the next section's band
				}
				if paperOnly && s == map[i18n.Lang]string{i18n.FR: "Observations", i18n.EN: "Notes"}[l] {
					paperOnly = false
				}
				if paperOnly || s == "E1" || strings.Contains(both, s) || strings.Contains(s, accounts.Help.In(l)) {
					continue
				}
				out = append(out, s)
			}
			return out
		}
		f, k := keep(sectionLines(t, form, title)), keep(sectionLines(t, kit, title))
		if len(k) < 40 || !slices.Equal(f, k) {
			t.Errorf("%s: the form's grid differs from the kit's:\n%s\n---\n%s", l, strings.Join(f, "\n"), strings.Join(k, "\n"))
		}
	}
}

func TestFormSpeaksItsLanguage(t *testing.T) {
	for l, want := range map[i18n.Lang][]string{
		i18n.FR: {"Formulaire d’incident SEXTO", "Appareils saisis", "Appareil D4", "Journal des actions", "CONFIDENTIEL", "SPÉCIMEN — aucune entente configurée", "Motif déclaré"},
		i18n.EN: {"SEXTO incident form", "Seized devices", "Device D4", "Action log", "CONFIDENTIAL", "SPECIMEN — no agreement configured", "Stated motive"},
	} {
		b, err := Form(Options{Context: doc.Context{Lang: l, Now: formNow}, Students: 1})
		if err != nil {
			t.Fatal(err)
		}
		ps, err := pdftext.Pages(b)
		if err != nil {
			t.Fatal(err)
		}
		var all []string
		for _, p := range ps {
			all = append(all, p.Lines...)
		}
		text := strings.Join(all, "\n")
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in the form", l, w)
			}
		}
	}
}

// BenchmarkForm writes the 4-student form (SPEC §10 asks for at most 150 ms).
func BenchmarkForm(b *testing.B) {
	var size int
	for b.Loop() {
		out, err := Form(Options{Context: doc.Context{Lang: i18n.FR, Now: formNow}, Students: 4})
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/form")
	b.ReportMetric(float64(size), "bytes")
}

// idWidgets returns the pages of the file number's widgets.
func idWidgets(t *testing.T, b []byte) []int {
	t.Helper()
	f, err := secure.ReadForm("form.pdf", b)
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range f.Fields {
		if fd.Name == "incident.id" {
			return fd.Widgets
		}
	}
	return nil
}

// idPages is where the file number must be: the incident page, the first page of each grid,
// the action log's page.
func idPages(b []byte) []int {
	ps, _ := pdftext.Pages(b)
	out := []int{1}
	for i, p := range ps {
		text := strings.Join(p.Lines, "\n")
		if i > 0 && (strings.Contains(text, "\nStudent ref: E") || strings.HasPrefix(text, "SEXTO kit") && strings.Contains(text, "\nAction log\n")) {
			out = append(out, i+1)
		}
	}
	return out
}
