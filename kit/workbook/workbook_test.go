package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sexto/kit/grid"
	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
)

var testNow = time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC)

func blank(t testing.TB, l i18n.Lang, students int) []byte {
	t.Helper()
	b, err := Template(TemplateOptions{Lang: l, Students: students, Now: testNow, School: "École des Érables", Creator: "sexto test"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTemplateIsReproducible(t *testing.T) {
	a, b := blank(t, i18n.FR, 4), blank(t, i18n.FR, 4)
	if !bytes.Equal(a, b) {
		t.Error("two templates written with the same clock differ")
	}
	c, _ := Template(TemplateOptions{Lang: i18n.FR, Students: 4, Now: testNow.Add(time.Hour)})
	if bytes.Equal(a, c) {
		t.Error("the document properties do not follow the clock")
	}
}

func TestTemplateLayout(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		f, err := excelize.OpenReader(bytes.NewReader(blank(t, l, 3)))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{dossierName.In(l), StudentSheetName(l, 1), StudentSheetName(l, 2), StudentSheetName(l, 3), devicesName.In(l), timelineName.In(l), listsName.In(l)}
		got := f.GetSheetList()
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: sheets %v, want %v", l, got, want)
		}
		if vis, _ := f.GetSheetVisible(listsName.In(l)); vis {
			t.Errorf("%s: the list sheet is visible", l)
		}
		st := StudentSheetName(l, 2)
		if vis, _ := f.GetColVisible(st, "A"); vis {
			t.Errorf("%s: the key column is visible", l)
		}
		rows, _ := f.GetRows(st)
		keys := 0
		for _, r := range rows {
			if len(r) > 0 {
				if _, ok := grid.Lookup(r[0]); ok {
					keys++
				}
			}
		}
		if want := len(grid.Keys()) - len(grid.Incident.Items) - len(grid.Devices.Items); keys != want {
			t.Errorf("%s: %d item rows on a student sheet, want %d", l, keys, want)
		}
		dvs, _ := f.GetDataValidations(st)
		choices := 0
		for _, s := range grid.Student {
			for _, it := range s.Items {
				if it.Kind == grid.Choice {
					choices++
				}
			}
		}
		drops := 0
		for _, dv := range dvs {
			if dv.Type == "list" {
				drops++
				if !strings.HasPrefix(dv.Formula1, "L_") {
					t.Errorf("%s: dropdown %s not fed by a defined name: %q", l, dv.Sqref, dv.Formula1)
				}
			}
		}
		if drops != choices {
			t.Errorf("%s: %d dropdowns, want one per coded item (%d)", l, drops, choices)
		}
		// the ref is printed, and the answer cells are the only unlocked ones
		if v, _ := f.GetCellValue(st, "C3"); v != "E2" {
			t.Errorf("%s: C3 = %q, want the printed ref E2", l, v)
		}
		for _, c := range []struct {
			cell   string
			locked bool
		}{{"A3", true}, {"B3", true}, {"C3", false}, {"D3", true}} {
			id, _ := f.GetCellStyle(st, c.cell)
			s, _ := f.GetStyle(id)
			if s.Protection == nil || s.Protection.Locked != c.locked {
				t.Errorf("%s: %s locked = %v, want %v", l, c.cell, s.Protection, c.locked)
			}
		}
		f.Close()
	}
}

// fill sets answers through the key column, as a user would through the labels.
func fill(t testing.TB, data []byte, answers map[string]map[string]string, events map[string][]string) []byte {
	t.Helper()
	b, err := Fill(data, answers, events)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func read(t testing.TB, name string, data []byte) *Incident {
	t.Helper()
	in, err := Read(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, i18n.Message(err, i18n.EN))
	}
	return in
}

// One incident, written three ways: codes, French labels, English labels.
var codes = gridtest.Grid(
	"student.last_name", "Tremblay", "student.first_name", "Noah", "student.birth_date", "2011-05-02",
	"student.grade", "sec3", "parent.language", "en",
	"role.requester", "oui", "role.sender", "oui", "role.recipient", "oui", "role.kept", "oui",
	"trigger.relationship", "ex", "trigger.context", "breakup",
	"nature.content", "nude", "nature.depicted_age", "15", "intent.motive", "revenge", "intent.threats", "non",
	"intent.coercion", "non", "scope.recipients", "6_20", "scope.channel", "snapchat", "scope.public", "inconnu",
	"device.seized", "oui",
)

// devicesOf E2, as typed on the devices sheet: two phones, the second without its serial.
var e2Devices = []string{
	"device.owner=E2|device.description=Cellulaire noir, étui rouge|device.serial=356938035643809|device.state=off|device.seal_no=S-0042|device.sealed_at=2026-11-24 10:30|device.sealed_by=Éloïse Bédard|device.witness=Marc-André Côté",
	"device.owner=e2|device.description=Tablette grise|device.state=Mode avion|device.seal_no=S-0043|device.sealed_at=2026-11-24 10:41|device.sealed_by=Éloïse Bédard",
}

func labelled(l i18n.Lang) map[string]string {
	out := map[string]string{}
	for k, v := range codes {
		it, _ := grid.Lookup(k)
		if o, ok := it.Option(v); ok {
			v = o.Label.In(l)
		}
		out[k] = v
	}
	return out
}

var dossierAnswers = map[string]string{"incident.id": "2026-014", "incident.disclosed_at": "2026-11-24 09:15",
	"incident.intervener": "Éloïse Bédard", "incident.disclosed_by": "depicted"}

func TestRoundTrip(t *testing.T) {
	for _, c := range []struct {
		name    string
		lang    i18n.Lang
		answers map[string]string
	}{
		{"codes", i18n.FR, codes},
		{"French labels", i18n.FR, labelled(i18n.FR)},
		{"English labels in a French workbook", i18n.FR, labelled(i18n.EN)},
		{"English labels", i18n.EN, labelled(i18n.EN)},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := dossierName.In(c.lang)
			data := fill(t, blank(t, c.lang, 3), map[string]map[string]string{
				d: dossierAnswers, StudentSheetName(c.lang, 2): c.answers,
			}, map[string][]string{timelineName.In(c.lang): {"2026-11-24 09:15|Dévoilement reçu|É. Bédard"}, devicesName.In(c.lang): e2Devices})
			in := read(t, "rt.xlsx", data)
			checkRead(t, in)
			if got, want := in.Devices[1].Answers["device.seal_no"].Cell, devicesName.In(c.lang)+"!E4"; got != want {
				t.Errorf("second seal no. read at %s, want %s", got, want)
			}
			if in.Lang != c.lang {
				t.Errorf("workbook language %s, want %s", in.Lang, c.lang)
			}
		})
	}
}

func checkRead(t *testing.T, in *Incident) {
	t.Helper()
	if in.ID() != "2026-014" || in.Dossier.Code("incident.disclosed_by") != "depicted" {
		t.Errorf("dossier = %+v", in.Dossier.Answers)
	}
	if got := in.Dossier.Answers["incident.disclosed_at"].Time; !got.Equal(time.Date(2026, 11, 24, 14, 15, 0, 0, time.UTC)) {
		t.Errorf("disclosed at %v (Quebec 09:15 is 14:15 UTC)", got)
	}
	if len(in.Students) != 1 {
		t.Fatalf("%d students, want 1 (the blank sheets are ignored)", len(in.Students))
	}
	s := in.Students[0]
	if s.Ref() != "E2" {
		t.Errorf("ref %q", s.Ref())
	}
	for k, want := range codes {
		it, _ := grid.Lookup(k)
		a, ok := s.Value(k)
		if !ok {
			t.Errorf("%s not read", k)
			continue
		}
		got := a.Text
		switch it.Kind {
		case grid.Choice:
			got = a.Code
		case grid.Int:
			got = fmt.Sprint(a.Int)
		}
		if got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if len(s.Missing()) != 0 {
		t.Errorf("missing %v", s.Missing())
	}
	if len(in.Timeline) != 1 || in.Timeline[0].Text != "Dévoilement reçu" || in.Timeline[0].At.IsZero() {
		t.Errorf("timeline %+v", in.Timeline)
	}
	devs := in.DevicesOf("E2")
	if len(devs) != 2 || len(in.Devices) != 2 {
		t.Fatalf("devices %+v", in.Devices)
	}
	if d := devs[0]; d.Text("device.serial") != "356938035643809" || d.Code("device.state") != "off" || d.Text("device.seal_no") != "S-0042" ||
		d.Text("device.sealed_at") != "2026-11-24 10:30" || d.Text("device.witness") != "Marc-André Côté" || d.Row < 2 {
		t.Errorf("first device %+v", d)
	}
	if d := devs[1]; d.Code("device.state") != "airplane" || d.Text("device.seal_no") != "S-0043" || d.Row != devs[0].Row+1 {
		t.Errorf("second device %+v", d)
	}
}

// Keys cleared, or the key column deleted: the labels still identify the items.
func TestLabelsStandInForKeys(t *testing.T) {
	for _, mode := range []string{"cleared", "deleted"} {
		t.Run(mode, func(t *testing.T) {
			data := fill(t, blank(t, i18n.FR, 3), map[string]map[string]string{
				"Dossier": dossierAnswers, "Élève 2": labelled(i18n.FR),
			}, map[string][]string{"Chronologie": {"2026-11-24 09:15|Dévoilement reçu|É. Bédard"}, "Appareils": e2Devices})
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			for _, sh := range []string{"Dossier", "Élève 1", "Élève 2", "Élève 3", "Appareils"} {
				for _, ps := range f.GetSheetList() {
					if ps != sh {
						continue
					}
					f.UnprotectSheet(sh)
					if sh == "Appareils" { // the key row goes; the labels' row stays
						if err := f.RemoveRow(sh, 1); err != nil {
							t.Fatal(err)
						}
						continue
					}
					if mode == "deleted" {
						if err := f.RemoveCol(sh, "A"); err != nil {
							t.Fatal(err)
						}
						continue
					}
					rows, _ := f.GetRows(sh)
					for i := range rows {
						f.SetCellValue(sh, fmt.Sprintf("A%d", i+1), nil)
					}
				}
			}
			var buf bytes.Buffer
			f.Write(&buf)
			checkRead(t, read(t, "sans-cles.xlsx", buf.Bytes()))
		})
	}
}

// A student sheet copied with Excel's "Move or copy" keeps its rows and is read.
func TestCopiedStudentSheet(t *testing.T) {
	f, _ := excelize.OpenReader(bytes.NewReader(blank(t, i18n.FR, 1)))
	idx, err := f.NewSheet("Élève 1 (2)")
	if err != nil {
		t.Fatal(err)
	}
	src, _ := f.GetSheetIndex("Élève 1")
	if err := f.CopySheet(src, idx); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	f.Write(&buf)
	data := fill(t, buf.Bytes(), map[string]map[string]string{
		"Dossier":     dossierAnswers,
		"Élève 1":     {"student.ref": "E1", "student.last_name": "Bédard", "role.depicted": "oui"},
		"Élève 1 (2)": {"student.ref": "E2", "student.last_name": "Tremblay", "role.sender": "oui"},
	}, nil)
	in := read(t, "copie.xlsx", data)
	if len(in.Students) != 2 || in.Students[1].Ref() != "E2" || in.Students[1].Text("student.last_name") != "Tremblay" {
		t.Errorf("students = %+v", in.Students)
	}
}

func TestLibreOfficeSavedWorkbook(t *testing.T) {
	in, err := ReadFile("testdata/libreoffice-filled.xlsx")
	if err != nil {
		t.Fatal(i18n.Message(err, i18n.EN))
	}
	if in.ID() != "2026-014" || in.Dossier.Text("incident.police_event") != "SPSF-26-11873" {
		t.Errorf("dossier %+v", in.Dossier.Answers)
	}
	// a real date cell, and text dates
	if got := in.Dossier.Text("incident.disclosed_at"); got != "2026-11-24 09:15" {
		t.Errorf("disclosed_at = %q", got)
	}
	if len(in.Students) != 2 {
		t.Fatalf("%d students", len(in.Students))
	}
	e1, e2 := in.Students[0], in.Students[1]
	if e1.Text("student.birth_date") != "2011-03-14" || e1.Code("student.grade") != "sec3" || e1.Code("trigger.relationship") != "ex" {
		t.Errorf("E1 = %+v", e1.Answers)
	}
	if e2.Code("role.sender") != "oui" || e2.Code("parent.language") != "en" || e2.Code("intent.motive") != "revenge" ||
		e2.Code("scope.recipients") != "6_20" {
		t.Errorf("E2 codes = %+v", e2.Answers)
	}
	// formulas: LibreOffice stored their values
	// a v1 workbook: the grid's device items are read as one device of the devices sheet
	devs := in.DevicesOf("E2")
	if e2.Answers["nature.depicted_age"].Int != 16 || len(devs) != 1 || devs[0].Text("device.description") != "Cellulaire gris" {
		t.Errorf("formula values: age %d, devices %+v", e2.Answers["nature.depicted_age"].Int, devs)
	}
	if _, ok := e2.Value("device.description"); ok {
		t.Error("a v1 grid's device description stays on the grid")
	}
	if len(in.Timeline) != 2 || in.Timeline[0].At.IsZero() {
		t.Errorf("timeline %+v", in.Timeline)
	}
}

func TestFormulaWithoutValueIsAProblem(t *testing.T) {
	_, err := ReadFile("testdata/openpyxl-uncached-formulas.xlsx")
	msg := i18n.Message(err, i18n.FR)
	for _, want := range []string{"Élève 2!C32 : formule sans valeur calculée (=10+6)", "Élève 2!C53 : formule sans valeur calculée"} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
}

func TestEveryProblemAtOnceWithItsCell(t *testing.T) {
	data := fill(t, blank(t, i18n.FR, 2), map[string]map[string]string{
		"Dossier": {"incident.disclosed_at": "hier"},
		"Élève 1": {"role.depicted": "peut-être", "nature.depicted_age": "150", "student.birth_date": "14/03/2011", "role.sender": "non"},
		"Élève 2": {"student.ref": "E1", "role.sender": "oui"},
	}, map[string][]string{"Chronologie": {"demain|Appel|X"}})
	_, err := Read("erreurs.xlsx", data)
	var list i18n.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want a list", err)
	}
	fr, en := list.Localize(i18n.FR), list.Localize(i18n.EN)
	for _, want := range []string{
		"erreurs.xlsx, Dossier!C2 : le « N° de dossier (école) » est obligatoire",
		"Dossier!C4 : « hier » n'est pas une date (attendu : AAAA-MM-JJ HH:MM)",
		"Élève 1!C14 : « peut-être » n'est pas une réponse permise pour « Personne représentée dans le contenu » ; réponses permises : Oui · Non",
		"« 150 » n'est pas un nombre entier de 0 à 99",
		"« 14/03/2011 » n'est pas une date (attendu : AAAA-MM-JJ)",
		"Élève 2!C3 : la réf. élève « E1 » figure déjà dans « Élève 1 »",
		"Chronologie!A2 : « demain » n'est pas une date",
	} {
		if !strings.Contains(fr, want) {
			t.Errorf("missing %q in:\n%s", want, fr)
		}
	}
	if !strings.Contains(en, "Élève 1!C14: “peut-être” is not an allowed answer for “Person depicted in the content”; allowed answers: Yes · No") {
		t.Errorf("English:\n%s", en)
	}
	if len(list) != 7 {
		t.Errorf("%d problems, want 7:\n%s", len(list), fr)
	}
}

func TestTextIsCleanedAndBounded(t *testing.T) {
	data := fill(t, blank(t, i18n.FR, 1), map[string]map[string]string{
		"Dossier": {"incident.id": "2026-\x07014\u200b", "incident.summary": strings.Repeat("é", MaxTextRunes+1)},
	}, nil)
	in, err := Read("texte.xlsx", data)
	if in.Dossier.Text("incident.id") != "2026-014" {
		t.Errorf("control characters kept: %q", in.Dossier.Text("incident.id"))
	}
	if err == nil || !strings.Contains(i18n.Message(err, i18n.FR), "texte trop long (4001 caractères, au plus 4000)") {
		t.Errorf("long text: %v", err)
	}
}

// --- refusals, each built inside the test ---

// rezip rebuilds a zip with extra parts (and without the parts named in drop).
func rezip(t testing.TB, data []byte, extra map[string][]byte, drop ...string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		skip := false
		for _, d := range drop {
			skip = skip || f.Name == d
		}
		if skip {
			continue
		}
		w, _ := zw.Create(f.Name)
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	for name, b := range extra {
		w, _ := zw.Create(name)
		w.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}

func tinyPNG(t testing.TB) []byte {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))) // one blank pixel, made here
	return buf.Bytes()
}

func refusal(t *testing.T, data []byte) *Refusal {
	t.Helper()
	_, err := Read("x.xlsx", data)
	var r *Refusal
	if !errors.As(err, &r) {
		t.Fatalf("err = %v, want a refusal", err)
	}
	return r
}

func TestRefusals(t *testing.T) {
	tpl := blank(t, i18n.FR, 1)
	ole := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 600)...)
	cases := []struct {
		name string
		data []byte
		want RefusalKind
		says string
	}{
		{"empty", nil, Empty, "fichier vide"},
		{"xls", append(append([]byte{}, ole...), utf16le("Workbook")...), LegacyXLS, "Enregistrer sous"},
		{"password", append(append([]byte{}, ole...), utf16le("EncryptedPackage")...), Encrypted, "mot de passe"},
		{"ods", rezip(t, tpl, map[string][]byte{"mimetype": []byte("application/vnd.oasis.opendocument.spreadsheet")}), ODS, ".ods"},
		{"csv", []byte("cle;reponse\nincident.id;2026-014\n"), CSV, "CSV"},
		{"binary", []byte{0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10}, NotSpreadsheet, "pas un classeur"},
		// a picture or a video given as the file itself: named, and refused unopened (synthetic headers, no picture)
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ImageFile, "c'est une image ou une vidéo (PNG)"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), ImageFile, "(JPEG), pas un classeur"},
		{"heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), ImageFile, "(HEIC)"},
		{"mp4", []byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00"), ImageFile, "(MP4)"},
		{"truncated", tpl[:len(tpl)/2], Damaged, "endommagé"},
		{"docx", rezip(t, tpl, nil, "xl/workbook.xml"), OtherZip, "n'est pas un classeur"},
		{"picture", rezip(t, tpl, map[string][]byte{"xl/media/image1.png": tinyPNG(t)}), Picture, "N'ouvrez pas ce fichier"},
		{"picture elsewhere", rezip(t, tpl, map[string][]byte{"docProps/thumbnail.jpeg": {0xff, 0xd8, 0xff}}), Picture, "image"},
		{"embedded", rezip(t, tpl, map[string][]byte{"xl/embeddings/oleObject1.bin": []byte("x")}), Embedded, "objet incorporé"},
		{"activeX", rezip(t, tpl, map[string][]byte{"xl/activeX/activeX1.xml": []byte("<x/>")}), Embedded, "objet incorporé"},
		{"macro", rezip(t, tpl, map[string][]byte{"xl/vbaProject.bin": []byte("x")}), Macro, "macros"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := refusal(t, c.data)
			if r.Kind != c.want {
				t.Fatalf("refused as %v, want %v (%s)", r.Kind, c.want, r.Localize(i18n.FR))
			}
			msg := r.Localize(i18n.FR) + " " + r.HintIn(i18n.FR)
			if !strings.Contains(msg, c.says) {
				t.Errorf("message %q does not say %q", msg, c.says)
			}
			if en := r.Localize(i18n.EN); en == r.Localize(i18n.FR) || en == "" {
				t.Errorf("no English message: %q", en)
			}
		})
	}
}

func TestContentTypeDeclaringAPictureIsRefused(t *testing.T) {
	tpl := blank(t, i18n.FR, 1)
	zr, _ := zip.NewReader(bytes.NewReader(tpl), int64(len(tpl)))
	var types []byte
	for _, f := range zr.File {
		if f.Name == "[Content_Types].xml" {
			rc, _ := f.Open()
			types, _ = io.ReadAll(rc)
		}
	}
	types = bytes.Replace(types, []byte("</Types>"), []byte(`<Override PartName="/xl/photo1.dat" ContentType="image/heic"/></Types>`), 1)
	data := rezip(t, tpl, map[string][]byte{"[Content_Types].xml": types, "xl/photo1.dat": []byte("x")}, "[Content_Types].xml")
	if r := refusal(t, data); r.Kind != Picture || !strings.Contains(r.Part, "photo1.dat") {
		t.Errorf("refusal %+v", r)
	}
}

// A cell comment or a chart uses a drawing part; that is not a picture.
func TestCommentsAndChartsAreAccepted(t *testing.T) {
	f, _ := excelize.OpenReader(bytes.NewReader(blank(t, i18n.FR, 1)))
	f.UnprotectSheet("Élève 1")
	if err := f.AddComment("Élève 1", excelize.Comment{Cell: "C5", Author: "É. Bédard", Paragraph: []excelize.RichTextRun{{Text: "Revoir avec l'élève"}}}); err != nil {
		t.Fatal(err)
	}
	if err := f.AddChart("Dossier", "F2", &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{{Name: "Dossier!$B$2", Values: "Dossier!$C$2:$C$3"}}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	f.Write(&buf)
	data := fill(t, buf.Bytes(), map[string]map[string]string{"Dossier": dossierAnswers, "Élève 1": minimalGrid}, nil)
	if !bytes.Contains(data, []byte("xl/drawings/")) {
		t.Fatal("the test workbook has no drawing part")
	}
	read(t, "commentaires.xlsx", data)
}

var (
	bombOnce sync.Once
	bombs    map[string][]byte
)

// zipBombs builds two workbooks that inflate to 400 MB: one that declares it, and one whose
// directory lies with a tiny size.
func zipBombs(t testing.TB) map[string][]byte {
	bombOnce.Do(func() {
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
		zero := make([]byte, 1<<20)
		for i := 0; i < 400; i++ {
			fw.Write(zero)
		}
		fw.Close()
		make := func(declared uint64) []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
				w, _ := zw.Create(name)
				w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>`))
			}
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
				CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared, CRC32: 0})
			w.Write(comp.Bytes())
			zw.Close()
			return buf.Bytes()
		}
		bombs = map[string][]byte{"declared": make(400 << 20), "lying": make(1000)}
	})
	return bombs
}

func TestZipBombs(t *testing.T) {
	b := zipBombs(t)
	if r := refusal(t, b["declared"]); r.Kind != Bomb {
		t.Errorf("declared bomb refused as %v", r.Kind)
	}
	// the lying one passes the directory check; reading it must fail without inflating it
	_, err := Read("x.xlsx", b["lying"])
	if err == nil {
		t.Error("a zip that lies about its sizes was read")
	}
}

func TestStrayRowsAreNotAllRead(t *testing.T) {
	f, _ := excelize.OpenReader(bytes.NewReader(blank(t, i18n.FR, 1)))
	f.NewSheet("Feuil1")
	sw, err := f.NewStreamWriter("Feuil1")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= 300000; r++ {
		sw.SetRow(fmt.Sprintf("A%d", r), []any{"x"})
	}
	sw.Flush()
	var buf bytes.Buffer
	f.Write(&buf)
	data := fill(t, buf.Bytes(), map[string]map[string]string{"Dossier": dossierAnswers}, nil)
	start := time.Now()
	_, err = Read("lignes.xlsx", data)
	if err == nil || !strings.Contains(i18n.Message(err, i18n.FR), "Feuil1 : la feuille a plus de 2000 lignes") {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("reading took %v: the rows were not streamed", d)
	}
}

func BenchmarkRead4Students(b *testing.B)  { benchRead(b, 4) }
func BenchmarkRead30Students(b *testing.B) { benchRead(b, 30) }

func benchRead(b *testing.B, n int) {
	answers := map[string]map[string]string{"Dossier": dossierAnswers}
	var devices []string
	for i := 1; i <= n; i++ {
		a := map[string]string{}
		for k, v := range labelled(i18n.FR) {
			a[k] = v
		}
		a["student.ref"] = fmt.Sprintf("E%d", i)
		answers[StudentSheetName(i18n.FR, i)] = a
		// each grid says a device was seized: one row of the devices sheet each
		devices = append(devices, fmt.Sprintf("device.owner=E%d|device.description=Cellulaire|device.seal_no=S-%04d|device.sealed_at=2026-11-24 10:30|device.sealed_by=Éloïse Bédard", i, i))
	}
	data := fill(b, blank(b, i18n.FR, n), answers, map[string][]string{"Appareils": devices})
	for b.Loop() {
		in, err := Read("b.xlsx", data)
		if err != nil || len(in.Students) != n {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data))/1024, "KB/file")
}

func BenchmarkRefuseZipBomb(b *testing.B) {
	for _, kind := range []string{"declared", "lying"} {
		data := zipBombs(b)[kind]
		b.Run(kind, func(b *testing.B) {
			var before, after runtimeStats
			before.read()
			for b.Loop() {
				if _, err := Read("bomb.xlsx", data); err == nil {
					b.Fatal("bomb accepted")
				}
			}
			after.read()
			b.ReportMetric(float64(after.alloc-before.alloc)/float64(b.N)/(1<<20), "MB-alloc/op")
		})
	}
}

// Programs declare default content types for extensions they may use (excelize declares
// "bin" as macros); without such a part, the declaration is harmless.
func TestDeclaredButUnusedTypesAreAccepted(t *testing.T) {
	tpl := fill(t, blank(t, i18n.FR, 1), map[string]map[string]string{"Dossier": dossierAnswers}, nil)
	zr, _ := zip.NewReader(bytes.NewReader(tpl), int64(len(tpl)))
	var types []byte
	for _, f := range zr.File {
		if f.Name == "[Content_Types].xml" {
			rc, _ := f.Open()
			types, _ = io.ReadAll(rc)
		}
	}
	types = bytes.Replace(types, []byte("</Types>"), []byte(`<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="png" ContentType="image/png"/></Types>`), 1)
	data := rezip(t, tpl, map[string][]byte{"[Content_Types].xml": types}, "[Content_Types].xml")
	// read, not refused: its only problem is that no grid is filled in
	if _, err := Read("excelize.xlsx", data); !errors.Is(err, ErrProblems) && !isProblems(err) {
		t.Fatalf("refused: %v", i18n.Message(err, i18n.EN))
	}
	// but a part of a declared picture type is refused, whatever its folder
	withPart := rezip(t, data, map[string][]byte{"xl/extra/photo.png": tinyPNG(t)})
	if r := refusal(t, withPart); r.Kind != Picture {
		t.Errorf("refusal %v", r.Kind)
	}
}

// minimalGrid is a complete grid of a student who only received the content.
var minimalGrid = gridtest.Grid("student.last_name", "Roy", "student.first_name", "Félix", "role.recipient", "oui")

// isProblems reports whether err lists problems of a read workbook (as opposed to a refusal).
func isProblems(err error) bool {
	var list Problems
	return errors.As(err, &list)
}

// AnswerCell names the cell each item's answer has in the template, where the reader finds it.
func TestAnswerCellIsTheTemplates(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(blank(t, i18n.FR, 1)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sheet := range []string{"Dossier", "Élève 1"} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if len(r) == 0 || !strings.Contains(r[0], ".") && r[0] != "notes" {
				continue
			}
			n++
			if got, ok := AnswerCell(r[0]); !ok || got != fmt.Sprintf("C%d", i+1) {
				t.Errorf("%s: AnswerCell(%s) = %q, %v; the template has it in row %d", sheet, r[0], got, ok, i+1)
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d items found in the template", n)
	}
	if c, ok := AnswerCell("role.depicted"); !ok || c != "C14" {
		t.Errorf("role.depicted: %q", c)
	}
	if _, ok := AnswerCell("device.seal_no"); ok {
		t.Error("a devices-sheet item has no cell on a grid")
	}
}
