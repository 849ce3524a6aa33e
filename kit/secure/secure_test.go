package secure

import (
	"bytes"
	"regexp"
	"testing"
	"time"

	"sexto/kit/pdf"
	"sexto/kit/pdftext"
)

func sample(t *testing.T) []byte {
	b, err := pdf.Render(pdf.Options{Now: time.Unix(0, 0), Words: pdf.Words{Page: "Page %d de %d"}}, func(d *pdf.Doc) error {
		d.Section("s", "Essai", true)
		d.Paragraph(pdf.Plain("Renseignements confidentiels sur Zoé Lévesque-Côté."))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAES256(t *testing.T) {
	plain := sample(t)
	enc, err := Encrypt(plain, "Trois-Érables_neige2026")
	if err != nil {
		t.Fatal(err)
	}
	// the standard security handler, version 5 revision 6, AES-256 crypt filter
	for _, re := range []string{`/Filter\s*/Standard`, `/V\s+5`, `/R\s+6`, `/CFM\s*/AESV3`, `/Length\s+256`} {
		if !regexp.MustCompile(re).Match(enc) {
			t.Errorf("encrypted file lacks %s", re)
		}
	}
	if bytes.Contains(enc, []byte("Lévesque")) {
		t.Error("clear text left in the encrypted file")
	}
	if _, err := Decrypt(enc, "Mauvais-mot-de-passe"); err == nil {
		t.Error("opened with the wrong password")
	}
	dec, err := Decrypt(enc, "Trois-Érables_neige2026")
	if err != nil {
		t.Fatalf("right password refused: %v", err)
	}
	txt, _ := pdftext.Text(dec)
	if !regexp.MustCompile(`Zoé Lévesque-Côté`).MatchString(txt) {
		t.Errorf("decrypted text:\n%s", txt)
	}
}

// A passphrase with spaces and accents encrypts; readers (qpdf, poppler) open it with the same
// passphrase. The encryption library's own decryption refuses spaces when it normalizes the
// password, so this test checks only the encryption dictionary.
func TestPassphraseWithSpaces(t *testing.T) {
	enc, err := Encrypt(sample(t), "trois érables sous la neige")
	if err != nil || !regexp.MustCompile(`/R\s+6`).Match(enc) {
		t.Errorf("passphrase with spaces: %v", err)
	}
}

func TestShortPasswordRefused(t *testing.T) {
	if _, err := Encrypt(sample(t), "court123"); err == nil {
		t.Error("an 8-character password was accepted")
	}
	if err := CheckPassword("éééééééééééé"); err != nil {
		t.Errorf("12 accented characters refused: %v", err)
	}
}
