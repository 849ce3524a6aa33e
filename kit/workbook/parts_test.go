package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"sexto/kit/i18n"
)

// Hostile packages for the part checks, each built here from a blank template: nothing but
// the hostile bit differs from a workbook that is read.

// pixel is a one-pixel PNG, made here.
func pixel() []byte {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)))
	return buf.Bytes()
}

// hEntry is one entry of a zip written by hZip, in order.
type hEntry struct {
	name  string
	data  []byte
	store bool
}

// hEntries lists the entries of a zip.
func hEntries(t testing.TB, data []byte) []hEntry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []hEntry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out = append(out, hEntry{name: f.Name, data: b})
	}
	return out
}

// hZip writes entries as a plain zip (deflated, with data descriptors, as Go and excelize do).
func hZip(t testing.TB, entries []hEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.store {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// hEdit rebuilds a zip: edit may change, drop (nil data) or add entries.
func hEdit(t testing.TB, data []byte, set map[string][]byte, add ...hEntry) []byte {
	t.Helper()
	var out []hEntry
	for _, e := range hEntries(t, data) {
		if b, ok := set[e.name]; ok {
			if b == nil {
				continue
			}
			e.data = b
		}
		out = append(out, e)
	}
	return hZip(t, append(out, add...))
}

// hPart returns one part of a zip.
func hPart(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	for _, e := range hEntries(t, data) {
		if e.name == name {
			return e.data
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// hTyped adds parts with a content-type override each.
func hTyped(t testing.TB, data []byte, parts map[string]string, bodies map[string][]byte) []byte {
	t.Helper()
	types := hPart(t, data, "[Content_Types].xml")
	var add strings.Builder
	for name, ct := range parts {
		fmt.Fprintf(&add, `<Override PartName="/%s" ContentType="%s"/>`, name, ct)
	}
	types = bytes.Replace(types, []byte("</Types>"), []byte(add.String()+"</Types>"), 1)
	var extra []hEntry
	for name, b := range bodies {
		extra = append(extra, hEntry{name: name, data: b})
	}
	return hEdit(t, data, map[string][]byte{"[Content_Types].xml": types}, extra...)
}

func hRefusal(t *testing.T, data []byte) *Refusal {
	t.Helper()
	_, err := Read("hostile.xlsx", data)
	var r *Refusal
	if !errors.As(err, &r) {
		t.Fatalf("err = %v, want a refusal", err)
	}
	return r
}

// hAccepted reads a workbook that must not be refused (its answers may still have problems).
func hAccepted(t *testing.T, name string, data []byte) {
	t.Helper()
	_, err := Read(name, data)
	var r *Refusal
	if errors.As(err, &r) {
		t.Fatalf("%s refused: %s", name, r.Localize(i18n.EN))
	}
}

const drawingNS = `xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

const drawingCT = "application/vnd.openxmlformats-officedocument.drawing+xml"

// devmode is a Windows DEVMODEW as Excel stores printer settings: a 220-byte structure
// naming the printer, and 36 bytes of the driver's own.
func devmode() []byte {
	b := make([]byte, 220+36)
	for i, c := range "Imprimante du secrétariat" {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(c))
	}
	binary.LittleEndian.PutUint16(b[64:], 0x0401)
	binary.LittleEndian.PutUint16(b[66:], 0x0600)
	binary.LittleEndian.PutUint16(b[68:], 220)
	binary.LittleEndian.PutUint16(b[70:], 36)
	binary.LittleEndian.PutUint32(b[72:], 0x0000ff53)
	binary.LittleEndian.PutUint16(b[76:], 1) // portrait
	binary.LittleEndian.PutUint16(b[78:], 1) // letter
	copy(b[220:], "PRIV driver private data ........")
	return b
}

func TestHostilePartsAreRefused(t *testing.T) {
	tpl := blank(t, i18n.FR, 1)
	png1 := pixel()
	b64 := base64.StdEncoding.EncodeToString(png1)
	ole := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 504)...)
	inner := hZip(t, []hEntry{{name: "word/media/image1.png", data: png1}, {name: "[Content_Types].xml", data: []byte("<Types/>")}})
	vml := func(body string) []byte {
		return []byte(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` + body + `</xml>`)
	}
	vmlCT := map[string]string{"xl/drawings/vmlDrawing9.vml": "application/vnd.openxmlformats-officedocument.vmlDrawing"}
	sheet := hPart(t, tpl, "xl/worksheets/sheet2.xml")
	sst := hPart(t, tpl, "xl/sharedStrings.xml")
	cases := []struct {
		name, part string
		data       []byte
		want       RefusalKind
	}{
		{"Excel 4.0 macro sheet", "xl/macrosheets/sheet1.xml",
			hEdit(t, tpl, nil, hEntry{name: "xl/macrosheets/sheet1.xml", data: []byte(`<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/>`)}), Macro},
		{"macro sheet by its content type only", "xl/worksheets/sheet9.xml",
			hTyped(t, tpl, map[string]string{"xl/worksheets/sheet9.xml": "application/vnd.ms-excel.macrosheet+xml"},
				map[string][]byte{"xl/worksheets/sheet9.xml": []byte("<worksheet/>")}), Macro},
		{"nested .docx holding a picture", "xl/rapport.docx", hEdit(t, tpl, nil, hEntry{name: "xl/rapport.docx", data: inner}), Embedded},
		{"nested zip under a worksheet's name", "xl/worksheets/sheet9.xml",
			hEdit(t, tpl, nil, hEntry{name: "xl/worksheets/sheet9.xml", data: inner}), Embedded},
		{"OLE container named .dat", "xl/donnees.dat", hEdit(t, tpl, nil, hEntry{name: "xl/donnees.dat", data: ole}), Embedded},
		{"PNG named printerSettings1.bin", "xl/printerSettings/printerSettings1.bin",
			hEdit(t, tpl, nil, hEntry{name: "xl/printerSettings/printerSettings1.bin", data: png1}), Picture},
		{"PNG under a neutral name", "docProps/notes.txt", hEdit(t, tpl, nil, hEntry{name: "docProps/notes.txt", data: png1}), Picture},
		{"PNG as the theme", "xl/theme/theme1.xml", hEdit(t, tpl, map[string][]byte{"xl/theme/theme1.xml": png1}), Picture},
		{"PNG behind a space", "xl/calcChain.xml", hEdit(t, tpl, nil, hEntry{name: "xl/calcChain.xml", data: append([]byte(" \n"), png1...)}), Picture},
		{"PNG inside a DEVMODE", "xl/printerSettings/printerSettings1.bin",
			hEdit(t, tpl, nil, hEntry{name: "xl/printerSettings/printerSettings1.bin", data: func() []byte {
				d := devmode()
				binary.LittleEndian.PutUint16(d[70:], uint16(36+len(png1)))
				return append(d, png1...)
			}()}), Picture},
		{".wdp part", "xl/photos/image1.wdp", hEdit(t, tpl, nil, hEntry{name: "xl/photos/image1.wdp", data: []byte("II\xbc\x01\x08\x00\x00\x00")}), Picture},
		{"JPEG XR bytes under a chart's name", "xl/charts/chart9.xml",
			hEdit(t, tpl, nil, hEntry{name: "xl/charts/chart9.xml", data: []byte("II\xbc\x01\x08\x00\x00\x00WMPHOTO\x00")}), Picture},
		{".webm part", "xl/clip.webm", hEdit(t, tpl, nil, hEntry{name: "xl/clip.webm", data: []byte("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm")}), Picture},
		{"WebM bytes under a neutral name", "customXml/item9.xml",
			hEdit(t, tpl, nil, hEntry{name: "customXml/item9.xml", data: []byte("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm")}), Picture},
		{"HEIC bytes", "xl/tables/table9.xml", hEdit(t, tpl, nil, hEntry{name: "xl/tables/table9.xml", data: []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")}), Picture},
		{"content type written \" Image/PNG \"", "xl/drawings/drawing9.xml",
			hTyped(t, tpl, map[string]string{"xl/drawings/drawing9.xml": " Image/PNG "}, map[string][]byte{"xl/drawings/drawing9.xml": []byte("<xdr:wsDr " + drawingNS + "/>")}), Picture},
		{"content type with parameters", "xl/drawings/drawing9.xml",
			hTyped(t, tpl, map[string]string{"xl/drawings/drawing9.xml": "IMAGE/jpeg; q=1"}, map[string][]byte{"xl/drawings/drawing9.xml": []byte("<xdr:wsDr " + drawingNS + "/>")}), Picture},
		{"percent-encoded part name", "xl/%6Dedia/image1.png", hEdit(t, tpl, nil, hEntry{name: "xl/%6Dedia/image1.png", data: png1}), Picture},
		{"percent-encoded extension", "xl/pieces/photo1.%70ng", hEdit(t, tpl, nil, hEntry{name: "xl/pieces/photo1.%70ng", data: []byte("x")}), Picture},
		{"backslashes and case", `XL\Media\IMAGE1.PNG`, hEdit(t, tpl, nil, hEntry{name: `XL\Media\IMAGE1.PNG`, data: []byte("x")}), Picture},
		{"PNG in a data: URI inside a drawing", "xl/drawings/drawing9.xml",
			hTyped(t, tpl, map[string]string{"xl/drawings/drawing9.xml": drawingCT}, map[string][]byte{"xl/drawings/drawing9.xml": []byte(
				`<xdr:wsDr ` + drawingNS + `><xdr:twoCellAnchor><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="Forme" descr="data:image/png;base64,` + b64 + `"/></xdr:nvSpPr></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>`)}), Picture},
		{"data: URI written with character references", "xl/drawings/drawing9.xml",
			hTyped(t, tpl, map[string]string{"xl/drawings/drawing9.xml": drawingCT}, map[string][]byte{"xl/drawings/drawing9.xml": []byte(
				`<xdr:wsDr ` + drawingNS + `><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="x" descr="data&#58;image/gif&#59;base64&#44;R0lGODlhAQABAAAAACw="/></xdr:nvSpPr></xdr:sp></xdr:wsDr>`)}), Picture},
		{"base64 PNG pasted in a cell", "xl/sharedStrings.xml",
			hEdit(t, tpl, map[string][]byte{"xl/sharedStrings.xml": bytes.Replace(sst, []byte("</sst>"), []byte("<si><t>"+b64+"</t></si></sst>"), 1)}), Picture},
		{"picture linked by r:link", "xl/drawings/drawing9.xml",
			hTyped(t, tpl, map[string]string{"xl/drawings/drawing9.xml": drawingCT}, map[string][]byte{"xl/drawings/drawing9.xml": []byte(
				`<xdr:wsDr ` + drawingNS + `><xdr:sp><xdr:spPr><a:blipFill><a:blip r:link="rId1"/></a:blipFill></xdr:spPr></xdr:sp></xdr:wsDr>`)}), Picture},
		{"picture embedded by r:embed without its part", "xl/charts/chart9.xml",
			hEdit(t, tpl, nil, hEntry{name: "xl/charts/chart9.xml", data: []byte(`<c:chartSpace xmlns:c="c" xmlns:r="r"><c:spPr><x:fill r:embed="rId7"/></c:spPr></c:chartSpace>`)}), Picture},
		{"image relationship to an address", "xl/drawings/_rels/drawing9.xml.rels",
			hEdit(t, tpl, nil, hEntry{name: "xl/drawings/_rels/drawing9.xml.rels", data: []byte(
				`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="https://example.org/p.jpg" TargetMode="External"/></Relationships>`)}), Picture},
		{"sheet background picture", "xl/worksheets/sheet2.xml",
			hEdit(t, tpl, map[string][]byte{"xl/worksheets/sheet2.xml": bytes.Replace(sheet, []byte("</worksheet>"), []byte(`<picture r:id="rId9"/></worksheet>`), 1)}), Picture},
		{"header picture in a VML drawing", "xl/drawings/vmlDrawing9.vml",
			hTyped(t, tpl, vmlCT, map[string][]byte{"xl/drawings/vmlDrawing9.vml": vml(`<v:shape id="CH"><v:imagedata o:relid="rId1" o:title="photo"/></v:shape>`)}), Picture},
		{"form control in a VML drawing", "xl/drawings/vmlDrawing9.vml",
			hTyped(t, tpl, vmlCT, map[string][]byte{"xl/drawings/vmlDrawing9.vml": vml(`<v:shape id="_x0000_s1025"><x:ClientData ObjectType="Checkbox"><x:Checked>1</x:Checked></x:ClientData></v:shape>`)}), Embedded},
		{"OLE object in a sheet", "xl/worksheets/sheet2.xml",
			hEdit(t, tpl, map[string][]byte{"xl/worksheets/sheet2.xml": bytes.Replace(sheet, []byte("</worksheet>"), []byte(`<oleObjects><oleObject progId="Package" shapeId="1025" r:id="rId3"/></oleObjects></worksheet>`), 1)}), Embedded},
		{"raw binary in an XML part", "xl/worksheets/sheet2.xml",
			hEdit(t, tpl, map[string][]byte{"xl/worksheets/sheet2.xml": append(append([]byte{}, sheet...), 0, 1, 2, 0xfe)}), UnknownPart},
		{"part no workbook has", "xl/webextensions/webextension1.xml",
			hEdit(t, tpl, nil, hEntry{name: "xl/webextensions/webextension1.xml", data: []byte("<we:webextension/>")}), UnknownPart},
		{"printer settings that are not a DEVMODE", "xl/printerSettings/printerSettings1.bin",
			hEdit(t, tpl, nil, hEntry{name: "xl/printerSettings/printerSettings1.bin", data: []byte(strings.Repeat("not a devmode ", 30))}), UnknownPart},
		{"worksheet declared as a stream of bytes", "xl/worksheets/sheet9.xml",
			hTyped(t, tpl, map[string]string{"xl/worksheets/sheet9.xml": "application/octet-stream"}, map[string][]byte{"xl/worksheets/sheet9.xml": []byte("<worksheet/>")}), UnknownPart},
		{"thumbnail", "docProps/thumbnail.wmf", hEdit(t, tpl, nil, hEntry{name: "docProps/thumbnail.wmf", data: []byte("x")}), Picture},
		{"duplicate entry names", "xl/workbook.xml",
			hEdit(t, tpl, nil, hEntry{name: "xl/workbook.xml", data: hPart(t, tpl, "xl/workbook.xml")}), Ambiguous},
		{"case-variant entry names", "XL/Workbook.xml",
			hEdit(t, tpl, nil, hEntry{name: "XL/Workbook.xml", data: hPart(t, tpl, "xl/workbook.xml")}), Ambiguous},
		{"backslash-variant entry names", `xl\styles.xml`,
			hEdit(t, tpl, nil, hEntry{name: `xl\styles.xml`, data: hPart(t, tpl, "xl/styles.xml")}), Ambiguous},
		{"entry name leaving the package", "xl/../../evil.xml",
			hEdit(t, tpl, nil, hEntry{name: "xl/../../evil.xml", data: []byte("<x/>")}), Ambiguous},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := hRefusal(t, c.data)
			fr, en := r.Localize(i18n.FR), r.Localize(i18n.EN)
			if r.Kind != c.want {
				t.Fatalf("refused as %v, want %v: %s", r.Kind, c.want, en)
			}
			if !strings.Contains(fr, "hostile.xlsx") || !strings.Contains(fr, c.part) || !strings.Contains(en, c.part) {
				t.Errorf("the message does not name the file and the part %q:\n%s\n%s", c.part, fr, en)
			}
			if fr == en || r.HintIn(i18n.FR) == "" || r.HintIn(i18n.EN) == "" || r.HintIn(i18n.FR) == r.HintIn(i18n.EN) {
				t.Errorf("not a bilingual message with a way out: %q / %q", fr, r.HintIn(i18n.EN))
			}
		})
	}
}

// zipPatch finds the first occurrence of old (in a local header, as they come first) and
// replaces it by new, of the same length.
func zipPatch(t *testing.T, data []byte, old, new []byte) []byte {
	t.Helper()
	i := bytes.Index(data, old)
	if i < 0 || len(old) != len(new) {
		t.Fatalf("cannot patch %q", old)
	}
	out := append([]byte{}, data...)
	copy(out[i:], new)
	return out
}

// rawZip writes entries whose compressed bytes are given (no data descriptor).
func rawZip(t *testing.T, base []hEntry, raw map[string][]byte, comment string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range base {
		comp, ok := raw[e.name]
		if !ok {
			var c bytes.Buffer
			fw, _ := flate.NewWriter(&c, flate.DefaultCompression)
			fw.Write(e.data)
			fw.Close()
			comp = c.Bytes()
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(e.data),
			CompressedSize64: uint64(len(comp)), UncompressedSize64: uint64(len(e.data))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(comp)
	}
	zw.SetComment(comment)
	zw.Close()
	return buf.Bytes()
}

func TestAmbiguousZipsAreRefused(t *testing.T) {
	tpl := blank(t, i18n.FR, 1)
	png1 := pixel()
	entries := hEntries(t, tpl)
	plain := rawZip(t, entries, nil, "")
	hAccepted(t, "plain.xlsx", plain)
	// a deflate stream, then a picture inside the entry's compressed size
	var styles bytes.Buffer
	fw, _ := flate.NewWriter(&styles, flate.DefaultCompression)
	fw.Write(hPart(t, tpl, "xl/styles.xml"))
	fw.Close()
	// the local header of xl/styles.xml, declaring one byte more than the directory
	longer := append([]byte{}, plain...)
	at := bytes.Index(longer, []byte("xl/styles.xml")) - 30 // local headers come first
	binary.LittleEndian.PutUint32(longer[at+22:], binary.LittleEndian.Uint32(longer[at+22:])+1)
	cases := []struct {
		name string
		data []byte
		says string
	}{
		{"bytes hidden after the archive", append(append([]byte{}, tpl...), png1...), "après la fin de l'archive"},
		{"a zip before the first entry", append(hZip(t, []hEntry{{name: "image1.png", data: png1}}), tpl...), "avant la première entrée"},
		{"a picture as the archive comment", func() []byte {
			b := append([]byte{}, tpl[:len(tpl)-2]...)
			b = binary.LittleEndian.AppendUint16(b, uint16(len(png1)))
			return append(b, png1...)
		}(), "commentaire d'archive"},
		{"a local header naming another part", zipPatch(t, plain, []byte("xl/worksheets/sheet2.xml"), []byte("xl/worksheets/sheet9.xml")), "en-tête local"},
		{"a local header with another size", longer, "en-tête local"},
		{"a picture after a compressed stream", rawZip(t, entries, map[string][]byte{"xl/styles.xml": append(styles.Bytes(), png1...)}, ""), "après la fin du flux compressé"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := hRefusal(t, c.data)
			if r.Kind != Ambiguous {
				t.Fatalf("refused as %v, want Ambiguous: %s", r.Kind, r.Localize(i18n.EN))
			}
			if fr := r.Localize(i18n.FR); !strings.Contains(fr, c.says) || !strings.Contains(fr, "hostile.xlsx") {
				t.Errorf("message %q does not say %q", fr, c.says)
			}
			if en := r.Localize(i18n.EN); en == r.Localize(i18n.FR) || !strings.Contains(en, "ambiguous") || r.HintIn(i18n.EN) == "" {
				t.Errorf("English: %q, hint %q", en, r.HintIn(i18n.EN))
			}
		})
	}
}

// What Excel, LibreOffice, Google Sheets and openpyxl write, and zip tools, is read.
func TestSpreadsheetPartsAreAccepted(t *testing.T) {
	tpl := fill(t, blank(t, i18n.FR, 1), map[string]map[string]string{"Dossier": dossierAnswers}, nil)
	ns := `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	excel := hTyped(t, tpl, map[string]string{
		"xl/printerSettings/printerSettings1.bin":  "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings",
		"xl/calcChain.xml":                         "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
		"xl/comments1.xml":                         "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
		"xl/threadedComments/threadedComment1.xml": "application/vnd.ms-excel.threadedcomments+xml",
		"xl/persons/person.xml":                    "application/vnd.ms-excel.person+xml",
		"docProps/custom.xml":                      "application/vnd.openxmlformats-officedocument.custom-properties+xml",
		"customXml/itemProps1.xml":                 "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
		"docMetadata/LabelInfo.xml":                "application/vnd.ms-office.classificationlabels+xml",
		"xl/drawings/vmlDrawing1.vml":              "application/vnd.openxmlformats-officedocument.vmlDrawing",
		"xl/drawings/drawing1.xml":                 drawingCT,
	}, map[string][]byte{
		"xl/printerSettings/printerSettings1.bin":  devmode(),
		"xl/calcChain.xml":                         []byte(`<calcChain ` + ns + `><c r="C5" i="2"/></calcChain>`),
		"xl/comments1.xml":                         []byte(`<comments ` + ns + `><authors><author>tc={1}</author></authors><commentList><comment ref="C5" authorId="0"><text><t>Voir la note : https://example.org/aide?x=1</t></text></comment></commentList></comments>`),
		"xl/threadedComments/threadedComment1.xml": []byte(`<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="C5" dT="2026-11-24T10:00:00.00" personId="{1}" id="{2}"><text>Revoir avec l'élève</text></threadedComment></ThreadedComments>`),
		"xl/persons/person.xml":                    []byte(`<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="É. Bédard" id="{1}" userId="e.bedard@example.org" providerId="AD"/></personList>`),
		"docProps/custom.xml":                      []byte(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"><property name="Classification"><vt:lpwstr xmlns:vt="v">Confidentiel</vt:lpwstr></property></Properties>`),
		"customXml/item1.xml":                      []byte(`<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/>`),
		"customXml/itemProps1.xml":                 []byte(`<ds:datastoreItem ds:itemID="{0}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>`),
		"customXml/_rels/item1.xml.rels":           []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>`),
		"docMetadata/LabelInfo.xml":                []byte(`<clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata"><clbl:label id="{0}" enabled="1" method="Standard"/></clbl:labelList>`),
		"xl/drawings/vmlDrawing1.vml": []byte(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
			`<v:shape id="_x0000_s1025" type="#_x0000_t202" style="visibility:hidden" fillcolor="#ffffe1"><v:fill color2="#ffffe1"/><v:textbox><div style='text-align:left'></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:Row>4</x:Row><x:Column>2</x:Column></x:ClientData></v:shape><br></xml>`),
		"xl/drawings/drawing1.xml": []byte(`<xdr:wsDr ` + drawingNS + `><xdr:twoCellAnchor><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="Flèche"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rightArrow"/><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></xdr:spPr><xdr:txBody><a:p><a:r><a:t>metadata: voir le dossier</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>`),
	})
	hAccepted(t, "excel.xlsx", excel)
	// folders listed as entries, as zip tools write them, and parts stored uncompressed
	var withDirs []hEntry
	for _, d := range []string{"_rels/", "docProps/", "xl/", "xl/worksheets/", "xl/theme/", "xl/_rels/"} {
		withDirs = append(withDirs, hEntry{name: d, store: true})
	}
	for _, e := range hEntries(t, tpl) {
		e.store = strings.HasSuffix(e.name, ".rels")
		withDirs = append(withDirs, e)
	}
	hAccepted(t, "zip-r.xlsx", hZip(t, withDirs))
	// a short comment, as some tools write
	b := append([]byte{}, tpl[:len(tpl)-2]...)
	b = binary.LittleEndian.AppendUint16(b, 9)
	hAccepted(t, "commentaire.xlsx", append(b, "sexto v2 "...))
	// percent-encoded and backslashed names, with content types and relationships to match
	enc := hEdit(t, tpl, map[string][]byte{"xl/styles.xml": nil}, hEntry{name: `xl\st%79les.xml`, data: hPart(t, tpl, "xl/styles.xml")})
	hAccepted(t, "encoded.xlsx", enc)
}

// The workbook written by openpyxl with a comment and a chart (testdata/README.md).
func TestOpenpyxlCommentAndChartAccepted(t *testing.T) {
	data, err := os.ReadFile("testdata/openpyxl-comment-chart.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"xl/comments/comment1.xml", "xl/drawings/commentsDrawing1.vml", "xl/charts/chart1.xml"} {
		if !bytes.Contains(data, []byte(part)) {
			t.Fatalf("the test file has no %s", part)
		}
	}
	in, err := Read("openpyxl.xlsx", data)
	var r *Refusal
	if errors.As(err, &r) {
		t.Fatalf("refused: %s", r.Localize(i18n.EN))
	}
	if in == nil || in.ID() != "2026-014" {
		t.Errorf("not read: %v", err)
	}
}

// manySheets lists n sheets in the workbook, each with its own relationship to target(i).
func manySheets(t testing.TB, tpl []byte, n int, target func(i int) string) []byte {
	t.Helper()
	wb := hPart(t, tpl, "xl/workbook.xml")
	rels := hPart(t, tpl, "xl/_rels/workbook.xml.rels")
	var sheets, rs strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sheets, `<sheet name="Chronologie %d" sheetId="%d" r:id="rIdX%d"/>`, i, 100+i, i)
		fmt.Fprintf(&rs, `<Relationship Id="rIdX%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="%s"/>`, i, target(i))
	}
	wb = bytes.Replace(wb, []byte("</sheets>"), []byte(sheets.String()+"</sheets>"), 1)
	rels = bytes.Replace(rels, []byte("</Relationships>"), []byte(rs.String()+"</Relationships>"), 1)
	return hEdit(t, tpl, map[string][]byte{"xl/workbook.xml": wb, "xl/_rels/workbook.xml.rels": rels})
}

// bigTimeline is an 8 MB worksheet of event rows, of words that compress about fivefold.
func bigTimeline() []byte {
	words := strings.Fields("appel parent direction policier rencontre élève dossier sac scellé remis témoin note suivi école cellulaire classe")
	var b bytes.Buffer
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Date et heure</t></is></c><c r="B1" t="inlineStr"><is><t>Action</t></is></c></row>`)
	x := uint32(1)
	for r := 2; b.Len() < 8<<20; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="B%d" t="inlineStr"><is><t>`, r, r)
		for range 300 {
			x = x*1664525 + 1013904223
			b.WriteString(words[x>>28] + " ")
		}
		b.WriteString(`</t></is></c></row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.Bytes()
}

// Thousands of sheet entries pointing at one large part: refused at once, without reading
// the part once per entry (142 s and 2.5 GB before).
func TestSheetEntriesSharingAPartAreRefused(t *testing.T) {
	tpl := hEdit(t, blank(t, i18n.FR, 1), nil, hEntry{name: "xl/worksheets/big.xml", data: bigTimeline()})
	data := manySheets(t, tpl, 1000, func(int) string { return "worksheets/big.xml" })
	if len(data) > 3<<20 {
		t.Fatalf("test file of %d bytes", len(data))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	done := make(chan *Refusal, 1)
	go func() {
		_, err := Read("hostile.xlsx", data)
		var r *Refusal
		errors.As(err, &r)
		done <- r
	}()
	select {
	case r := <-done:
		runtime.ReadMemStats(&after)
		if r == nil || r.Kind != Ambiguous || !strings.Contains(r.Localize(i18n.FR), "« Chronologie 0 » et « Chronologie 1 » désignent la même partie, xl/worksheets/big.xml") ||
			!strings.Contains(r.Localize(i18n.EN), "point at the same part") {
			t.Fatalf("refusal %+v", r)
		}
		if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 200 {
			t.Errorf("refusing it allocated %d MB", mb)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still reading after 10 s")
	}
}

func TestTooManySheetsAreRefused(t *testing.T) {
	tpl := blank(t, i18n.FR, 1)
	var extra []hEntry
	n := MaxSheets + 10
	for i := 0; i < n; i++ {
		extra = append(extra, hEntry{name: fmt.Sprintf("xl/worksheets/x%d.xml", i), data: []byte("<worksheet/>")})
	}
	data := manySheets(t, hEdit(t, tpl, nil, extra...), n, func(i int) string { return fmt.Sprintf("worksheets/x%d.xml", i) })
	r := hRefusal(t, data)
	if r.Kind != TooManySheets {
		t.Fatalf("refused as %v: %s", r.Kind, r.Localize(i18n.EN))
	}
	want := fmt.Sprintf("compte %d feuilles ; un classeur d'incident en a au plus %d", n+bytes.Count(hPart(t, tpl, "xl/workbook.xml"), []byte("<sheet ")), MaxSheets)
	if fr := r.Localize(i18n.FR); !strings.Contains(fr, want) || r.HintIn(i18n.EN) == "" {
		t.Errorf("message %q, want %q", fr, want)
	}
	// within the cap, distinct parts are read
	hAccepted(t, "feuilles.xlsx", manySheets(t, hEdit(t, tpl, nil, extra[:100]...), 100, func(i int) string { return fmt.Sprintf("worksheets/x%d.xml", i) }))
}

// Two workbook relationships with one id, or two sheets with one name, read two ways.
func TestAmbiguousSheetListsAreRefused(t *testing.T) {
	tpl := blank(t, i18n.FR, 1)
	wb := hPart(t, tpl, "xl/workbook.xml")
	rels := hPart(t, tpl, "xl/_rels/workbook.xml.rels")
	dupName := bytes.Replace(wb, []byte(`name="Élève 1"`), []byte(`name="DOSSIER"`), 1)
	id := regexp.MustCompile(`Id="(rId\d+)"`).FindSubmatch(rels)[1]
	dupRel := bytes.Replace(rels, []byte("</Relationships>"), []byte(`<Relationship Id="`+string(id)+`" Type="x" Target="styles.xml"/></Relationships>`), 1)
	for name, data := range map[string][]byte{
		"deux feuilles s'appellent « DOSSIER »":             hEdit(t, tpl, map[string][]byte{"xl/workbook.xml": dupName}),
		"deux relations « " + string(id) + " » du classeur": hEdit(t, tpl, map[string][]byte{"xl/_rels/workbook.xml.rels": dupRel}),
	} {
		r := hRefusal(t, data)
		if r.Kind != Ambiguous || !strings.Contains(r.Localize(i18n.FR), name) {
			t.Errorf("refusal %v: %s", r.Kind, r.Localize(i18n.FR))
		}
	}
}

func TestXLSBIsRefusedWithTheWayOut(t *testing.T) {
	data := hZip(t, []hEntry{{name: "[Content_Types].xml", data: []byte("<Types/>")}, {name: "xl/workbook.bin", data: []byte{0x83, 0x01, 0x00}}})
	r := hRefusal(t, data)
	if r.Kind != XLSB || !strings.Contains(r.Localize(i18n.FR), ".xlsb") || !strings.Contains(r.HintIn(i18n.FR), "Enregistrer sous") {
		t.Errorf("refusal %v: %s / %s", r.Kind, r.Localize(i18n.FR), r.HintIn(i18n.FR))
	}
}

// Base64 text that is not a file is not taken for one: Excel writes a sheet's protection
// as an 88-character SHA-512 hash in base64, and a short signature would match some of them.
func TestPasswordHashesAreNotPictures(t *testing.T) {
	x := uint64(88172645463325252)
	for i := 0; i < 20000; i++ {
		h := make([]byte, 64)
		for j := range h {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			h[j] = byte(x)
		}
		xml := []byte(`<sheetProtection algorithmName="SHA-512" hashValue="` + base64.StdEncoding.EncodeToString(h) +
			`" saltValue="` + base64.StdEncoding.EncodeToString(h[:16]) + `" spinCount="100000" sheet="1"/>`)
		if k, bad, text := checkText(xml); bad || !text {
			t.Fatalf("hash %d taken for a file (%v): %s", i, k, xml)
		}
	}
	// while a picture in base64, however long the run it starts, is found
	for _, tail := range []string{"", strings.Repeat("A", 5000)} {
		if k, bad, _ := checkText([]byte("<t>" + base64.StdEncoding.EncodeToString(pixel()) + tail + "</t>")); !bad || k != Picture {
			t.Errorf("base64 picture not found (tail %d)", len(tail))
		}
	}
}

func TestPartNames(t *testing.T) {
	for name, want := range map[string]string{
		"xl/worksheets/sheet1.xml": "xl/worksheets/sheet1.xml", "/XL/Workbook.XML": "xl/workbook.xml",
		`xl\media\image1.png`: "xl/media/image1.png", "xl/%6Dedia/image%31.png": "xl/media/image1.png",
		"xl/%256Dedia/x.png": "xl/media/x.png", "xl/": "xl/", "xl/worksheets/sheet%201.xml": "xl/worksheets/sheet 1.xml",
	} {
		if got, ok := normPart(name); got != want || !ok {
			t.Errorf("normPart(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	for _, name := range []string{"../x.xml", "xl/../../x.xml", "xl/./workbook.xml", "xl//workbook.xml", "xl/%2e%2e/%2e%2e/x", ""} {
		if _, ok := normPart(name); ok {
			t.Errorf("normPart(%q) accepted", name)
		}
	}
	if !isDevmode(devmode()) {
		t.Error("a DEVMODE not recognised")
	}
	d := devmode()
	binary.LittleEndian.PutUint16(d[70:], 35)
	if isDevmode(d) || isDevmode(pixel()) || isDevmode(make([]byte, 256)) {
		t.Error("a DEVMODE whose sizes do not add up, a picture or zeros taken for one")
	}
}
