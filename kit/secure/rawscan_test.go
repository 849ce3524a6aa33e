package secure

import (
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"sexto/kit/i18n"
)

// addField appends a field, written as text, to the form's /Fields in an update.
func addField(t *testing.T, doc []byte, texts ...string) []byte {
	return revise(t, doc, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
		acro, _ := w.ctx.DereferenceDict(cat["AcroForm"])
		acro = acro.Clone().(types.Dict)
		fields := append(types.Array{}, arrayOf(acro["Fields"])...)
		for _, text := range texts {
			fields = append(fields, raw(w, text))
		}
		acro["Fields"] = fields
		cat["AcroForm"] = w.add(acro)
	})
}

func TestAFieldAddedBesideTheRealOneIsRefused(t *testing.T) {
	doc := filledForm(t)
	for _, c := range []struct {
		name  string
		doc   []byte
		kind  FormRefusalKind
		field string
	}{
		{"a dotted name", addField(t, doc, "<< /FT /Tx /T (incident.id) /V (EVIL-999) >>"), FormDuplicateField, "incident.id"},
		{"a radio group", addField(t, doc, "<< /FT /Btn /Ff 32768 /T (E1.role.depicted) /V /non >>"), FormDuplicateField, "E1.role.depicted"},
		{"a second parent", revise(t, doc, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
			acro, _ := w.ctx.DereferenceDict(cat["AcroForm"])
			acro = acro.Clone().(types.Dict)
			parent, kid := w.reserve(), w.reserve()
			w.set(parent, types.Dict{"T": types.StringLiteral("incident"), "Kids": types.Array{kid}})
			w.set(kid, types.Dict{"FT": types.Name("Tx"), "T": types.StringLiteral("id"), "V": types.StringLiteral("EVIL-2"), "Parent": parent})
			acro["Fields"] = append(append(types.Array{}, arrayOf(acro["Fields"])...), parent)
			cat["AcroForm"] = w.add(acro)
		}), FormDuplicateField, "incident.id"},
		{"a field on no page", addField(t, doc, "<< /FT /Tx /T (E1.student.last_name) /V (Pirate) >>"), FormHiddenField, "E1.student.last_name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ref := refusal(t, c.doc)
			if ref.Kind != c.kind {
				t.Fatalf("refused as %v: %s", ref.Kind, ref.Localize(i18n.EN))
			}
			fr, en := ref.Localize(i18n.FR), ref.Localize(i18n.EN)
			if !strings.Contains(fr, "« "+c.field+" »") || !strings.Contains(en, "“"+c.field+"”") || ref.HintIn(i18n.FR) == "" || ref.HintIn(i18n.EN) == "" {
				t.Errorf("messages %q / %q", fr, en)
			}
		})
	}
	ref := refusal(t, addField(t, doc, "<< /FT /Tx /T ("+strings.Repeat("A", 5000)+") /V (v) >>"))
	if msg := ref.Localize(i18n.FR); len([]rune(msg)) > 200 || !strings.Contains(msg, "A…") {
		t.Errorf("a long name is quoted whole: %d characters", len([]rune(msg)))
	}
}

func TestScriptsOutsideTheCurrentRevisionAreRefused(t *testing.T) {
	doc := filledForm(t)
	js := 0
	rev2 := revise(t, doc, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
		r := raw(w, "<< /S /JavaScript /JS (app.alert\\(1\\)) >>")
		js = r.ObjectNumber.Value()
		cat["OpenAction"] = r
	})
	rev3 := revise(t, rev2, func(w *formWriter, cat, _ types.Dict, _ types.IndirectRef) {
		cat["OpenAction"] = types.Array{}
		w.objs[js] = "null"
	})
	if ref := refusal(t, rev3); ref.Kind != FormScript {
		t.Errorf("a script of an older revision: %s", ref.Localize(i18n.EN))
	}
	tail := append(append([]byte{}, doc...), "\n999 0 obj\n<< /S /Java#53cript /J#53 (x) >>\nendobj\n"...)
	if ref := refusal(t, tail); ref.Kind != FormScript {
		t.Errorf("a script after %%%%EOF: %s", ref.Localize(i18n.EN))
	}
	launch := append(append([]byte{}, doc...), "\n% /Launch\n"...)
	if ref := refusal(t, launch); ref.Kind != FormAction {
		t.Errorf("a launch after %%%%EOF: %s", ref.Localize(i18n.EN))
	}
}

func TestTypedTextMayNameAScript(t *testing.T) {
	typed := "voir /JS et /JavaScript (dossier) /Launch"
	doc, err := FillForm(form(t), map[string]string{"E1.notes": typed})
	if err != nil {
		t.Fatal(err)
	}
	for name, d := range map[string][]byte{"filled": doc, "packed": packed(t, doc, packing{})} {
		f, err := ReadForm("f.pdf", d)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		found := false
		for _, fd := range f.Fields {
			found = found || fd.Name == "E1.notes" && fd.Value == typed
		}
		if !found {
			t.Errorf("%s: the typed text is not read", name)
		}
	}
}
