// Package secure is sexto's one door to pdfcpu, the PDF library that reads and rewrites
// existing files: it encrypts PDFs with AES-256 (the PDF 2.0 standard security handler,
// revision 6), and it adds the incident form's fields to the pages that kit/pdf drew and reads
// a filled form back, refusing before any field is read a PDF that is not a safe sexto form
// (form.go, formread.go). The page-drawing library's own protection is RC4 with a 40-bit key
// and is never used.
//
// It never reads or writes a configuration file: the encryption library would otherwise
// create one in the user's configuration folder (or /tmp) on first use, and stop with a panic
// when that folder is read-only or holds a file it cannot parse. It uses the library's
// lower-level packages, not its api package, whose initialisation (a text-width table for
// form filling) would cost every command about 20 ms of start-up for nothing.
//
// An encrypted file is not reproducible: the handler draws random salts and keys.
package secure

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/fault"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"
	"golang.org/x/text/unicode/norm"

	"sexto/kit/i18n"
)

func init() {
	// The in-memory default configuration, never the configuration folder, whoever asks for
	// one in this process.
	model.ConfigPath = "disable"
}

// MinPasswordRunes is the shortest password accepted.
const MinPasswordRunes = 12

// MaxPasswordBytes is the longest password accepted, in UTF-8 bytes once normalised: revision 6
// uses at most 127 bytes, and readers (qpdf, poppler) that cut a longer one cannot open the file.
const MaxPasswordBytes = 127

// WarnPasswordBytes is the longest password every common reader opens: Debian 12's poppler
// (Evince, Okular) reads only the first 32 bytes.
const WarnPasswordBytes = 32

// Normalize returns pw in Unicode normal form C, so that "É" typed as one character or as
// "E" and a combining accent (some keyboards and files do the latter) is the same password.
func Normalize(pw string) string { return norm.NFC.String(pw) }

// CheckPassword refuses passwords too short to protect minors' information, or too long for
// the readers to open the file.
func CheckPassword(pw string) error {
	pw = Normalize(pw)
	if n := utf8.RuneCountInString(pw); n < MinPasswordRunes {
		return i18n.Errorf(i18n.T("mot de passe trop court (%d caractères) : il en faut au moins %d",
			"password too short (%d characters): at least %d are needed"), n, MinPasswordRunes).
			WithHint(i18n.T("Prenez une phrase de passe de quelques mots, facile à dicter au téléphone.",
				"Use a passphrase of a few words, easy to read out over the phone."))
	}
	if len(pw) > MaxPasswordBytes {
		return i18n.Errorf(i18n.T("mot de passe trop long (%d octets) : au plus %d, sinon les lecteurs PDF (qpdf, Evince, Okular) ne peuvent pas ouvrir le fichier",
			"password too long (%d bytes): at most %d, or PDF readers (qpdf, Evince, Okular) cannot open the file"), len(pw), MaxPasswordBytes).
			WithHint(i18n.T("Une phrase de passe de quatre ou cinq mots suffit (une lettre accentuée compte pour deux octets).",
				"A passphrase of four or five words is enough (an accented letter counts as two bytes)."))
	}
	return nil
}

// PasswordWarnings lists what does not stop encryption but may stop a reader: a password over
// 32 bytes, which older readers cannot open.
func PasswordWarnings(pw string) []error {
	if n := len(Normalize(pw)); n > WarnPasswordBytes {
		return []error{i18n.Errorf(i18n.T("le mot de passe fait %d octets : certains lecteurs PDF sous Linux (Evince et Okular de Debian 12) n'en lisent que %d et ne pourront pas ouvrir le fichier ; si le destinataire les utilise, prenez-en un de %d octets au plus (une lettre accentuée compte pour deux)",
			"the password is %d bytes long: some PDF readers on Linux (Debian 12's Evince and Okular) read only %d and will not open the file; if the recipient uses them, choose one of at most %d bytes (an accented letter counts as two)"),
			n, WarnPasswordBytes, WarnPasswordBytes)}
	}
	return nil
}

// PasswordFileWarnings lists what is wrong with the file a password was read from: readable
// by other users than its owner (systems with Unix permissions only).
func PasswordFileWarnings(path string) []error {
	if runtime.GOOS == "windows" {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm()&0o077 == 0 {
		return nil
	}
	return []error{i18n.Errorf(i18n.T("%s : le fichier du mot de passe est lisible par d'autres utilisateurs (permissions %04o) ; rendez-le privé : chmod 600 %s",
		"%s: the password file can be read by other users (permissions %04o); make it private: chmod 600 %s"), path, st.Mode().Perm(), path)}
}

func config(pw string, cmd model.CommandMode) *model.Configuration {
	pw = Normalize(pw)
	conf := model.NewAESConfiguration(pw, pw, 256)
	conf.Cmd = cmd
	conf.ValidationMode = model.ValidationRelaxed
	// the officer and the prosecutor must be able to print the package
	conf.Permissions = model.PermissionsAll
	return conf
}

// rewrite reads pdf and writes it again under conf (encrypting or decrypting), as the
// library's api package does: read, validate, optimise, write.
func rewrite(pdf []byte, conf *model.Configuration) (out []byte, err error) {
	defer fault.Catch(&err)
	ctx, err := pdfcpu.Read(bytes.NewReader(pdf), conf)
	if err != nil {
		return nil, err
	}
	if err := validate.XRefTable(ctx); err != nil {
		return nil, err
	}
	if err := pdfcpu.OptimizeXRefTable(ctx); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	ctx.Write.Writer = w
	if err := pdfcpu.WriteContext(ctx); err != nil {
		return nil, err
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Encrypt returns pdf encrypted with AES-256 under password pw, normalised (both to open it
// and to change its permissions).
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
	out, err := rewrite(pdf, config(pw, model.ENCRYPT))
	if err != nil {
		return nil, i18n.Wrap(err, i18n.T("chiffrement impossible", "cannot encrypt"))
	}
	return out, nil
}

// Decrypt opens an encrypted PDF with pw; it fails with the wrong password.
func Decrypt(pdf []byte, pw string) ([]byte, error) {
	out, err := rewrite(pdf, config(pw, model.DECRYPT))
	if err != nil {
		return nil, i18n.Wrap(err, i18n.T("déchiffrement impossible", "cannot decrypt"))
	}
	return out, nil
}
