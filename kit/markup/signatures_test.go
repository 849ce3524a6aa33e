package markup

import (
	"slices"
	"strings"
	"testing"

	"sexto/kit/i18n"
)

// "%%=" under a "%%" line gives the lines to fill under each signature.
func TestSignatureFields(t *testing.T) {
	d, err := Parse("custody.tmpl", "# T\n%% Intervenant(e) | Policier ou policière\n%%= Nom | Matricule | Date et heure\n")
	if err != nil {
		t.Fatal(err)
	}
	b := d.Blocks[len(d.Blocks)-1]
	if b.Kind != Signatures || !slices.Equal(b.Items, []string{"Intervenant(e)", "Policier ou policière"}) ||
		!slices.Equal(b.Header, []string{"Nom", "Matricule", "Date et heure"}) {
		t.Errorf("block %+v", b)
	}
	d, _ = Parse("t", "# T\n%% A | B\n")
	if b := d.Blocks[len(d.Blocks)-1]; b.Header != nil {
		t.Errorf("without %%%%=, the default lines: %+v", b)
	}
	_, err = Parse("t.tmpl", "# T\n%% A\n%%= a | b | c | d | e\n")
	if msg := i18n.Message(err, i18n.FR); !strings.Contains(msg, "t.tmpl, ligne 3 : « %%= » attend d'une à quatre lignes à remplir") {
		t.Errorf("err = %q", msg)
	}
}

// A "%%" line without roles says so, with the two percent signs the template has.
func TestSignaturesNeedRoles(t *testing.T) {
	_, err := Parse("t.tmpl", "# T\n%%\n")
	if msg := i18n.Message(err, i18n.EN); !strings.Contains(msg, "t.tmpl, line 2: “%%” needs one to three roles") {
		t.Errorf("err = %q", msg)
	}
}
