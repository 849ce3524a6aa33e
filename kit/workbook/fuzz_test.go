package workbook

import (
	"os"
	"testing"
	"time"

	"sexto/kit/i18n"
)

// FuzzRead feeds arbitrary bytes to the reader: it must return a workbook or an error, never
// panic or hang. Seeds: the template, filled workbooks, and files of other formats.
func FuzzRead(f *testing.F) {
	tpl, err := Template(TemplateOptions{Lang: i18n.FR, Students: 2, Now: time.Unix(0, 0)})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tpl)
	filled, err := Fill(tpl, map[string]map[string]string{
		"Dossier": {"incident.id": "2026-001", "incident.disclosed_at": "2026-11-24 09:15"},
		"Élève 1": {"student.last_name": "Bédard", "role.depicted": "Oui", "scope.recipients": "6 à 20"},
	}, map[string][]string{"Chronologie": {"2026-11-24 09:15|Dévoilement|É. B."}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(filled)
	for _, p := range []string{"testdata/libreoffice-filled.xlsx", "testdata/openpyxl-uncached-formulas.xlsx"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, b := range seedBytes(f) {
		f.Add(b) // hostile workbooks: pictures, macros, ambiguous zips, impossible values
	}
	f.Add([]byte("cle;reponse\n"))
	f.Add([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Read("fuzz.xlsx", data)
		if err == nil && in == nil {
			t.Fatal("no workbook and no error")
		}
		if err != nil {
			_ = i18n.Message(err, i18n.FR)
			_ = i18n.Message(err, i18n.EN)
		}
	})
}

// The scanner on its own, on arbitrary worksheet XML.
func FuzzScanRows(f *testing.F) {
	f.Add([]byte(`<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="inlineStr"><is><r><t>Oui</t></r><rPh><t>x</t></rPh></is></c><c r="D2"><f>1+1</f></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<x:worksheet xmlns:x="s"><x:sheetData><x:row><x:c t="str"><x:f>A1</x:f><x:v>&lt;a&amp;b&#233;&#x4E2D;</x:v></x:c></x:row></x:sheetData></x:worksheet>`))
	f.Add([]byte(`<sheetData><row r="1"><c r="B1" t="b"><v>1</v></c><!-- c --><c r="XFD1"><v>_x000D_</v></c></row>`))
	f.Fuzz(func(t *testing.T, xml []byte) {
		p := &pkg{shared: []string{"incident.id"}}
		last := 0
		p.scanBytes(xml, func(r sheetRow) bool {
			if r.n < 1 {
				t.Fatalf("row number %d", r.n)
			}
			last = r.n
			return true
		})
		_ = last
		_ = unescapeOOXML(string(xml))
		_ = xmlUnescape(xml)
		_, _ = attr(string(xml), "r")
		_ = refColumn(string(xml))
	})
}
