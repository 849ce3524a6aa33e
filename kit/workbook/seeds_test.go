package workbook

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"sexto/kit/i18n"
)

// A minimal workbook, a few hundred bytes zipped, and hostile variants of it: the seeds of
// FuzzRead (also committed as its corpus, testdata/fuzz/FuzzRead).

const miniTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`

func miniSheet(rows ...string) string {
	var b strings.Builder
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, r := range rows {
		kv := strings.SplitN(r, "=", 2)
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="C%d" t="inlineStr"><is><t>%s</t></is></c></row>`, i+2, i+2, kv[0], i+2, kv[1])
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

// miniEntries is the minimal workbook; sheets lists workbook.xml's sheet elements.
func miniEntries(sheets string, parts map[string]string) []hEntry {
	if sheets == "" {
		sheets = `<sheet name="Dossier" sheetId="1" r:id="rId1"/><sheet name="Élève 1" sheetId="2" r:id="rId2"/>`
	}
	wb := `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + sheets + `</sheets></workbook>`
	rels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`
	out := []hEntry{
		{name: "[Content_Types].xml", data: []byte(miniTypes)},
		{name: "xl/workbook.xml", data: []byte(wb)},
		{name: "xl/_rels/workbook.xml.rels", data: []byte(rels)},
		{name: "xl/worksheets/sheet1.xml", data: []byte(miniSheet("incident.id=2026-014", "incident.disclosed_at=2026-11-24 09:15"))},
		{name: "xl/worksheets/sheet2.xml", data: []byte(miniSheet("student.ref=E1", "student.last_name=Gagnon", "role.depicted=Oui", "student.birth_date=2011-03-14"))},
	}
	for name, body := range parts {
		replaced := false
		for i := range out {
			if out[i].name == name {
				out[i].data, replaced = []byte(body), true
			}
		}
		if !replaced {
			out = append(out, hEntry{name: name, data: []byte(body)})
		}
	}
	return out
}

// hostileSeeds are small hostile workbooks, one per kind of defence, with what each must
// give: a refusal of that kind, or (Problem) problems.
func hostileSeeds(t testing.TB) map[string]struct {
	data []byte
	want RefusalKind
} {
	const problem RefusalKind = -1
	png1 := string(pixel())
	mini := func(sheets string, parts map[string]string) []byte { return hZip(t, miniEntries(sheets, parts)) }
	share := ""
	for i := 0; i < 50; i++ {
		share += fmt.Sprintf(`<sheet name="Chronologie %d" sheetId="%d" r:id="rId1"/>`, i, 10+i)
	}
	base := mini("", nil)
	seeds := map[string]struct {
		data []byte
		want RefusalKind
	}{
		"picture":           {mini("", map[string]string{"xl/media/image1.png": png1}), Picture},
		"printer png":       {mini("", map[string]string{"xl/printerSettings/printerSettings1.bin": png1}), Picture},
		"neutral png":       {mini("", map[string]string{"xl/styles.xml": png1}), Picture},
		"macrosheet":        {mini("", map[string]string{"xl/macrosheets/sheet1.xml": "<xm:macrosheet/>"}), Macro},
		"data uri":          {mini("", map[string]string{"xl/drawings/drawing1.xml": `<xdr:wsDr><a:t>data:image/png;base64,AAAA</a:t></xdr:wsDr>`}), Picture},
		"blip":              {mini("", map[string]string{"xl/drawings/drawing1.xml": `<xdr:wsDr xmlns:r="r"><a:blip r:embed="rId1"/></xdr:wsDr>`}), Picture},
		"nested zip":        {mini("", map[string]string{"xl/theme/theme1.xml": string(base)}), Embedded},
		"unknown part":      {mini("", map[string]string{"xl/extra.dat": "notes"}), UnknownPart},
		"duplicate":         {hZip(t, append(miniEntries("", nil), hEntry{name: "XL/workbook.xml", data: []byte("<workbook/>")})), Ambiguous},
		"trailing":          {append(append([]byte{}, base...), png1...), Ambiguous},
		"shared part":       {mini(share, nil), Ambiguous},
		"hidden grid":       {mini(`<sheet name="Dossier" sheetId="1" r:id="rId1"/><sheet name="Élève 1" sheetId="2" r:id="rId2" state="veryHidden"/>`, nil), problem},
		"nan date":          {mini("", map[string]string{"xl/worksheets/sheet2.xml": miniSheet("student.ref=E1", "student.last_name=Gagnon", "student.birth_date=NaN")}), problem},
		"error value":       {mini("", map[string]string{"xl/worksheets/sheet2.xml": miniSheet("student.ref=E1", "student.last_name=#DIV/0!")}), problem},
		"ref as a name":     {mini("", map[string]string{"xl/worksheets/sheet2.xml": miniSheet("student.ref=E-1", "student.last_name=Gagnon")}), problem},
		"unsafe id":         {mini("", map[string]string{"xl/worksheets/sheet1.xml": miniSheet("incident.id=../2026 é")}), problem},
		"grid named Listes": {mini(`<sheet name="Dossier" sheetId="1" r:id="rId1"/><sheet name="Listes" sheetId="2" r:id="rId2"/>`, nil), 0},
	}
	return seeds
}

// The minimal workbook is read, and each seed gets what it is built for.
func TestHostileSeeds(t *testing.T) {
	in, err := Read("mini.xlsx", hZip(t, miniEntries("", nil)))
	if err != nil || in.ID() != "2026-014" || len(in.Students) != 1 || in.Students[0].Text("student.birth_date") != "2011-03-14" {
		t.Fatalf("minimal workbook: %v, %+v", err, in)
	}
	for name, s := range hostileSeeds(t) {
		in, err := Read("seed.xlsx", s.data)
		var r *Refusal
		var list i18n.List
		switch {
		case s.want == 0:
			if err != nil || len(in.Students) != 1 {
				t.Errorf("%s: %v", name, err)
			}
		case s.want < 0:
			if !errors.As(err, &list) {
				t.Errorf("%s: %v, want problems", name, err)
			}
		case !errors.As(err, &r) || r.Kind != s.want:
			t.Errorf("%s: %v, want refusal %d", name, err, s.want)
		}
	}
}

// seedBytes lists the seeds in a fixed order, with the minimal workbook and a lone picture.
func seedBytes(t testing.TB) [][]byte {
	seeds := hostileSeeds(t)
	var out [][]byte
	for _, n := range slices.Sorted(maps.Keys(seeds)) {
		out = append(out, seeds[n].data)
	}
	return append(out, hZip(t, miniEntries("", nil)), pixel())
}
