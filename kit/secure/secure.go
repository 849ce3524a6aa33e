// Package secure encrypts PDFs with AES-256 (the PDF 2.0 standard security handler,
// revision 6) and is the only package that imports the PDF encryption library. The PDF
// library's own protection is RC4 with a 40-bit key and is never used.
//
// An encrypted file is not reproducible: the handler draws random salts and keys.
package secure

import (
	"bytes"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"sexto/kit/i18n"
)

// MinPasswordRunes is the shortest password accepted.
const MinPasswordRunes = 12

// CheckPassword refuses passwords too short to protect minors' information.
func CheckPassword(pw string) error {
	if n := utf8.RuneCountInString(pw); n < MinPasswordRunes {
		return i18n.Errorf(i18n.T("mot de passe trop court (%d caractères) : il en faut au moins %d",
			"password too short (%d characters): at least %d are needed"), n, MinPasswordRunes).
			WithHint(i18n.T("Prenez une phrase de passe de quelques mots, facile à dicter au téléphone.",
				"Use a passphrase of a few words, easy to read out over the phone."))
	}
	return nil
}

func config(pw string) *model.Configuration {
	conf := model.NewAESConfiguration(pw, pw, 256)
	conf.ValidationMode = model.ValidationRelaxed
	// the officer and the prosecutor must be able to print the package
	conf.Permissions = model.PermissionsAll
	return conf
}

// Encrypt returns pdf encrypted with AES-256 under password pw (both to open it and to change
// its permissions).
func Encrypt(pdf []byte, pw string) ([]byte, error) {
	if err := CheckPassword(pw); err != nil {
		return nil, err
	}
	// Declaring PDF 2.0 makes the handler write revision 6 (ISO 32000-2), not the deprecated
	// revision 5 whose password check is weaker. Both headers have the same length, so no
	// offset moves.
	if bytes.HasPrefix(pdf, []byte("%PDF-1.")) {
		pdf = append([]byte("%PDF-2.0"), pdf[len("%PDF-1.x"):]...)
	}
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(pdf), &out, config(pw)); err != nil {
		return nil, i18n.Wrap(err, i18n.T("chiffrement impossible", "cannot encrypt"))
	}
	return out.Bytes(), nil
}

// Decrypt opens an encrypted PDF with pw; it fails with the wrong password.
func Decrypt(pdf []byte, pw string) ([]byte, error) {
	var out bytes.Buffer
	if err := api.Decrypt(bytes.NewReader(pdf), &out, config(pw)); err != nil {
		return nil, i18n.Wrap(err, i18n.T("déchiffrement impossible", "cannot decrypt"))
	}
	return out.Bytes(), nil
}
