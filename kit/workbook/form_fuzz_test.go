package workbook

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"sexto/kit/i18n"
)

// tinyForm writes a small PDF by hand with the sexto mark and a few fields of each kind (a
// seed the fuzzer can mutate quickly; the real form is 300 KB). extra is added to the catalog.
func tinyForm(extra string, fields map[string]string) []byte {
	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	add("<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R /SextoForm << /Version 1 /Lang (fr) >> " + extra + " >>")
	add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	add("") // the page, written once its annotations are known
	add("") // the AcroForm
	off := add("<< /Length 0 >>\nstream\n\nendstream")
	on := add("<< /Length 21 >>\nstream\n0 G 1 1 m 8 8 l S Q q\nendstream")
	incident := add("") // incident
	var top, kids, annots []string
	var incidentKids []string
	y := 700
	for _, name := range sortedKeys(fields) {
		v := fields[name]
		group, part, _ := strings.Cut(name, ".")
		y -= 12
		if strings.HasPrefix(v, "/") {
			w := add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /Rect [10 %d 19 %d] /AS %s /AP << /N << %s %d 0 R /Off %d 0 R >> >> /Parent %d 0 R >>", y, y+9, v, v, on, off, len(objs)+2))
			annots = append(annots, fmt.Sprintf("%d 0 R", w))
			f := add(fmt.Sprintf("<< /T (%s) /FT /Btn /Ff 32768 /V %s /Kids [%d 0 R] >>", name, v, w))
			top = append(top, fmt.Sprintf("%d 0 R", f))
			continue
		}
		f := add(fmt.Sprintf("<< /T (%s) /FT /Tx /V (%s) /Type /Annot /Subtype /Widget /Rect [10 %d 200 %d] >>", part, v, y, y+12))
		annots = append(annots, fmt.Sprintf("%d 0 R", f))
		if group == "incident" {
			objs[f-1] = strings.Replace(objs[f-1], "<<", fmt.Sprintf("<< /Parent %d 0 R", incident), 1)
			incidentKids = append(incidentKids, fmt.Sprintf("%d 0 R", f))
		} else {
			objs[f-1] = strings.Replace(objs[f-1], "/T ("+part+")", "/T ("+name+")", 1)
			top = append(top, fmt.Sprintf("%d 0 R", f))
		}
		kids = append(kids, name)
	}
	objs[incident-1] = "<< /T (incident) /Kids [" + strings.Join(incidentKids, " ") + "] >>"
	top = append([]string{fmt.Sprintf("%d 0 R", incident)}, top...)
	objs[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [" + strings.Join(annots, " ") + "] >>"
	objs[3] = "<< /Fields [" + strings.Join(top, " ") + "] /NeedAppearances true >>"
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

var tinyAnswers = map[string]string{
	"incident.id": "2026-014", "incident.disclosed_at": "2026-03-12 09:15", "E1.student.ref": "E1", "E1.student.last_name": "Roy",
	"E1.student.first_name": "Zoé", "E1.role.depicted": "/oui", "E1.role.sender": "/non", "E1.intent.motive": "/revenge", "E1.device.seized": "/oui",
	"D1.device.owner": "E1", "D1.device.seal_no": "SAC-1", "T1.at": "2026-03-12 09:15", "T1.action": "Dévoilement",
}

func TestTinyFormReads(t *testing.T) {
	in, err := Read("tiny.pdf", tinyForm("", tinyAnswers))
	if err != nil || len(in.Students) != 1 || len(in.Devices) != 1 || len(in.Timeline) != 1 || in.ID() != "2026-014" {
		t.Fatalf("read as %+v (%v)", in, err)
	}
	if in.Students[0].Code("intent.motive") != "revenge" || in.Students[0].Text("intent.motive") != "Se venger" {
		t.Errorf("motive %+v", in.Students[0].Answers["intent.motive"])
	}
}

// FuzzReadForm feeds the PDF form reader damaged and hostile files: it must never panic or
// hang, and it returns an incident or an error.
func FuzzReadForm(f *testing.F) {
	f.Add(tinyForm("", tinyAnswers))
	f.Add(tinyForm("", map[string]string{"incident.id": "", "E1.role.depicted": "/Off"}))
	f.Add(tinyForm("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>", tinyAnswers))
	f.Add(tinyForm("/Names << /EmbeddedFiles << /Names [] >> >>", tinyAnswers))
	f.Add(tinyForm("/AcroForm << /XFA 5 0 R >>", tinyAnswers))
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			in, err := Read("fuzz.pdf", append([]byte("%PDF-"), data[min(5, len(data)):]...))
			if err == nil && in == nil {
				t.Error("no incident and no error")
			}
			if err != nil {
				_ = i18n.Message(err, i18n.EN)
			}
		}()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("reading took over 30 s")
		}
	})
}

// A radio group turned off reads as no answer, whether the program wrote the name /Off or
// the text "/Off" (pypdf 3 does).
func TestRadioTurnedOffIsNoAnswer(t *testing.T) {
	answers := map[string]string{}
	for k, v := range tinyAnswers {
		answers[k] = v
	}
	answers["E1.role.sender"] = "/Off"
	name := tinyForm("", answers)
	text := bytes.Replace(name, []byte("/V /Off /Kids"), []byte("/V(/Off)/Kids"), 1) // same length: offsets hold
	if bytes.Equal(text, name) {
		t.Fatal("the test form has no /V /Off")
	}
	for what, b := range map[string][]byte{"name": name, "text": text} {
		in, err := Read("tiny.pdf", b)
		if err != nil {
			t.Fatalf("%s: %v", what, i18n.Message(err, i18n.EN))
		}
		if a, ok := in.Students[0].Value("role.sender"); ok {
			t.Errorf("%s: reads as %+v", what, a)
		}
	}
}
