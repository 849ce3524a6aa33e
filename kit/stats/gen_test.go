package stats

import (
	"archive/zip"
	"fmt"
	"os"
	"strings"

	"sexto/kit/grid/gridtest"
)

// A generated incident: answers per sheet, by item key. Written as a small .xlsx with inline
// strings (as some libraries write them), so that thousands can be made quickly.
type genIncident struct {
	dossier  map[string]string
	students []map[string]string
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func sheetXML(rows map[string]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>Clé</t></is></c><c r="C1" t="inlineStr"><is><t>Réponse</t></is></c></row>`)
	n := 2
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	// stable order
	for i := 0; i < len(keys); i++ {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	for _, k := range keys {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="C%d" t="inlineStr"><is><t>%s</t></is></c></row>`,
			n, n, xmlEscape(k), n, xmlEscape(rows[k]))
		n++
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

func (g genIncident) write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	sheets := []string{"Dossier"}
	parts := []string{sheetXML(g.dossier)}
	for i, s := range g.students {
		sheets = append(sheets, fmt.Sprintf("Élève %d", i+1))
		parts = append(parts, sheetXML(s))
	}
	var types, wb, rels strings.Builder
	types.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, name := range sheets {
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, name, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	types.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	files := map[string]string{"[Content_Types].xml": types.String(), "xl/workbook.xml": wb.String(), "xl/_rels/workbook.xml.rels": rels.String()}
	for i, p := range parts {
		files[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)] = p
	}
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		w, _ := zw.Create(name)
		w.Write([]byte(files[name]))
	}
	for i := range parts {
		name := fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
		w, _ := zw.Create(name)
		w.Write([]byte(files[name]))
	}
	return zw.Close()
}

var surnames = []string{"Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné", "Ouellet", "Pelletier"}
var firsts = []string{"Zoé", "Noah", "Léa", "Félix", "Maëlle", "Jérémie", "Anaïs", "Loïc", "Océane", "Mathis", "Éloïse", "Thomas"}

// genCorpus writes n incidents of about three students each to dir; incident i is fully
// determined by i. It returns the paths.
func genCorpus(dir string, n int) ([]string, error) {
	var paths []string
	for i := 0; i < n; i++ {
		g := genIncidentN(i)
		p := fmt.Sprintf("%s/dossier-%05d.xlsx", dir, i)
		if err := g.write(p); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func person(m map[string]string, i, j int) map[string]string {
	m["student.ref"] = fmt.Sprintf("E%d", j+1)
	m["student.last_name"] = surnames[(i+j)%len(surnames)]
	m["student.first_name"] = firsts[(i*3+j)%len(firsts)]
	m["student.grade"] = []string{"sec1", "sec2", "sec3", "sec4", "sec5"}[(i+j)%5]
	return m
}

// genIncidentN: incident i has a depicted student, a sender (impulsive, or malicious every
// third incident, urgent every seventh) and a recipient.
func genIncidentN(i int) genIncident {
	month := 9 + i%10 // September to June
	year := 2025
	if month > 12 {
		month -= 12
		year = 2026
	}
	day := 1 + i%23
	d := map[string]string{
		"incident.id":               fmt.Sprintf("2025-%04d", i),
		"incident.police_event":     fmt.Sprintf("SPSF-%06d", 100000+i),
		"incident.disclosed_at":     fmt.Sprintf("%d-%02d-%02d 09:00", year, month, day),
		"incident.police_called_at": fmt.Sprintf("%d-%02d-%02d %02d:30", year, month, day, 9+i%5),
		"incident.kit_handed_at":    fmt.Sprintf("%d-%02d-%02d 15:00", year, month, day+i%6),
		"incident.intervener":       "Éloïse Bédard",
		"incident.officer":          fmt.Sprintf("Agente Roy, matricule %d", 4000+i),
	}
	sender := gridtest.Grid("role.sender", "oui", "role.recipient", "oui", "intent.motive", "acceptance", "intent.threats", "non",
		"intent.coercion", "non", "scope.recipients", "2_5", "scope.channel", []string{"snapchat", "sms", "group_chat"}[i%3],
		"intent.prior_sexto", []string{"non", "non", "oui", "inconnu"}[i%4])
	if i%3 == 0 {
		sender["intent.motive"] = "revenge"
	}
	if i%7 == 0 {
		sender["intent.threats"] = "oui"
	}
	return genIncident{dossier: d, students: []map[string]string{
		person(gridtest.Grid("role.depicted", "oui", "role.producer", "oui", "role.discloser", "oui", "scope.channel", "snapchat"), i, 0),
		person(sender, i, 1),
		person(gridtest.Grid("role.recipient", "oui"), i, 2),
	}}
}
