package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/workbook"
)

// stressProfile is a real-looking school with an agreement and every text at its longest.
const stressProfile = `language = "fr"
paper = "letter"
[school]
name = "École secondaire polyvalente internationale Marguerite-D'Youville-et-Saint-Jean-Baptiste-de-la-Rivière-aux-Outardes"
address = "12345, boulevard des Érables-Rouges-et-des-Pins-Gris, bureau 1200, Saint-Fictif-de-la-Petite-Nation (Québec)  J0A 0A0"
phone = "450 555-0142"
service_centre = "Centre de services scolaire des Hautes-Collines-Fictives-et-de-la-Vallée-de-la-Rivière-du-Nord"
[principal]
name = "Marie-Ève Lévesque-Côté-Tremblay-Gagnon"
[intervener]
name = "Éloïse-Marguerite Bédard-Archambault-Desjardins"
title = "Technicienne en éducation spécialisée et psychoéducatrice"
title_en = "Special education technician and psychoeducator"
phone = "450 555-0142"
extension = "21078"
email = "eloise-marguerite.bedard-archambault@marguerite-dyouville-riviere-aux-outardes.example"
[police]
service = "Service de police de l'agglomération de Saint-Fictif-de-la-Petite-Nation-et-des-Environs"
emergency = "911"
non_emergency = "450 555-0199"
[youth_protection]
phone = "450 555-0160"
[agreement]
police_service = "Service de police de l'agglomération de Saint-Fictif-de-la-Petite-Nation-et-des-Environs"
dpcp = "Directeur des poursuites criminelles et pénales (DPCP), bureau des affaires de la jeunesse"
in_force = "2024-09-01"
`

// stressIncident fills a workbook with the longest answers a grid takes.
func stressIncident(t *testing.T, path string, l i18n.Lang) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	long := func(n int, word string) string {
		var s strings.Builder
		for s.Len() < n {
			s.WriteString(word + " ")
		}
		return strings.TrimSpace(s.String()[:n])
	}
	roles := gridtest.Grid("role.requester", "oui", "role.sender", "oui", "role.shower", "oui", "role.recipient", "oui",
		"role.kept", "oui", "role.discloser", "oui")
	grid := func(last, first string, depicted bool) map[string]string {
		m := map[string]string{"student.last_name": last, "student.first_name": first, "student.birth_date": "2011-02-03",
			"student.grade": "sec3", "parent.name": "Jean-François-Xavier Archambault-Desrosiers-Lévesque", "parent.language": string(l),
			"parent.phone": "450 555-0123, poste 4567, ou le 514 555-0199 en soirée", "trigger.relationship": "acquaintances",
			"trigger.origin": "consensual_other", "trigger.solicitation": "pressured", "trigger.context": "acceptance",
			"nature.medium": "screenshot", "nature.content": "semi_nude", "nature.identifiable": "other_sign",
			"intent.motive": "acceptance", "intent.threats": "non", "intent.coercion": "non", "intent.acknowledges": "oui",
			"scope.recipients": "2_5", "scope.channel": "group_chat", "scope.accounts": long(600, "@compte_tres_long_du_groupe"),
			"device.seized": "oui", "notes": long(4000, "L'élève raconte ce qui s'est passé, sans décrire le contenu, avec beaucoup de détails")}
		for k, v := range roles {
			m[k] = v
		}
		if depicted {
			m["role.depicted"], m["role.producer"] = "oui", "oui"
		}
		return m
	}
	dossier := map[i18n.Lang]string{i18n.FR: "Dossier", i18n.EN: "Incident"}[l]
	devices := map[i18n.Lang]string{i18n.FR: "Appareils", i18n.EN: "Devices"}[l]
	timeline := map[i18n.Lang]string{i18n.FR: "Chronologie", i18n.EN: "Timeline"}[l]
	sheets := map[string]map[string]string{
		dossier: {"incident.id": "2026-0123-ABCDEFGHIJ", "incident.police_event": "SPSF-2026-000123456789-ABCDEF", "incident.disclosed_at": "2026-11-24 09:15",
			"incident.disclosed_by": "student", "incident.intervener": "Éloïse-Marguerite Bédard-Archambault-Desjardins",
			"incident.officer": "Agente Marie-Christine Bélanger-Beauchemin, matricule 4821-B",
			"incident.summary": long(2000, "Une photo intime a circulé dans une messagerie de groupe entre plusieurs élèves") + " " +
				"https://example.org/" + strings.Repeat("x", 300)},
		workbook.StudentSheetName(l, 1): grid("Archambault-Desrosiers-Lévesque-Tremblay", "Marie-Ève-Béatrice", true),
		workbook.StudentSheetName(l, 2): grid("Bélanger-Beauchemin-Ouellet", "Jean-Sébastien-Alexandre", false),
	}
	dev := "device.owner=E2|device.description=" + long(300, "Cellulaire noir dans un étui rouge très usé") +
		"|device.serial=356938035643809-356938035643817|device.state=airplane|device.seal_no=SPSF-2026-000123456789-SAC-0042" +
		"|device.sealed_at=2026-11-24 10:30|device.sealed_by=Éloïse-Marguerite Bédard-Archambault-Desjardins|device.witness=Marc-André Côté-Villeneuve-Lapointe" +
		"|device.handed_to=Agente Marie-Christine Bélanger-Beauchemin, matricule 4821-B|device.handed_at=2026-11-24 11:20"
	dev1 := strings.Replace(strings.Replace(dev, "owner=E2", "owner=E1", 1), "SAC-0042", "SAC-0041", 1)
	out, err := workbook.Fill(b, sheets, map[string][]string{devices: {dev1, dev},
		timeline: {"2026-11-24 09:15|" + long(2000, "Dévoilement reçu au bureau de l'intervenante") + "|Éloïse-Marguerite Bédard-Archambault-Desjardins"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Nothing leaves its box (SPEC §4): every document, on a profile and answers of extreme
// lengths, in both languages and both paper sizes, draws every text inside its cell or line
// and the page margins.
func TestNothingLeavesItsBox(t *testing.T) {
	var over []pdf.Overflow
	pdf.OnOverflow = func(o pdf.Overflow) { over = append(over, o) }
	defer func() { pdf.OnOverflow = nil }()
	dir := t.TempDir()
	prof := filepath.Join(dir, "sexto.toml")
	if err := os.WriteFile(prof, []byte(stressProfile), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return previewEpoch
		}
		return ""
	}
	found := map[string][]string{}
	for _, l := range []string{"fr", "en"} {
		for _, paper := range []string{"letter", "a4"} {
			p := func(name string) string { return filepath.Join(dir, l+"-"+paper+"-"+name) }
			sexto := func(what string, args ...string) {
				t.Helper()
				over = nil
				var errb bytes.Buffer
				args = append(args, "--profile", prof, "--lang", l, "--paper", paper)
				if code := run(args, strings.NewReader(""), io.Discard, &errb, env); code != 0 {
					t.Fatalf("sexto %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
				}
				for _, o := range over {
					k := fmt.Sprintf("%s %s: %q runs %.1f–%.1f mm, room %.1f–%.1f", l, paper, o.Text, o.X0, o.X1, o.Box0, o.Box1)
					if o.Below > 0 {
						k = fmt.Sprintf("%s %s: %q is drawn at %.1f mm, under the frame's foot at %.1f", l, paper, o.Text, o.Below, o.Bottom)
					}
					if o.Cut {
						k = fmt.Sprintf("%s %s: %q is cut to fit %.1f mm", l, paper, o.Text, o.Box1)
					}
					found[what] = append(found[what], k)
				}
			}
			sexto("kit", "kit", "--students", "2", "-o", p("kit.pdf"))
			sexto("template", "template", "--students", "2", "-o", p("wb.xlsx"))
			stressIncident(t, p("wb.xlsx"), i18n.Lang(l))
			sexto("score", "score", p("wb.xlsx"), "-o", p("report.pdf"))
			sexto("referral", "referral", p("wb.xlsx"), "-o", p("referral.pdf"))
			os.MkdirAll(p("letters"), 0o700)
			sexto("letters", "letters", p("wb.xlsx"), "--combined", "-o", p("letters"))
			year := p("year")
			os.MkdirAll(year, 0o700)
			wb, _ := os.ReadFile(p("wb.xlsx"))
			for i := 0; i < 6; i++ {
				os.WriteFile(filepath.Join(year, fmt.Sprintf("%d.xlsx", i)), wb, 0o600)
			}
			sexto("stats", "stats", year, "-o", p("stats.pdf"))
		}
	}
	var docs []string
	for d := range found {
		docs = append(docs, d)
	}
	sort.Strings(docs)
	for _, d := range docs {
		seen := map[string]bool{}
		n := 0
		for _, o := range found[d] {
			if !seen[o] && n < 12 {
				t.Errorf("%s: %s", d, o)
				n++
			}
			seen[o] = true
		}
	}
}
