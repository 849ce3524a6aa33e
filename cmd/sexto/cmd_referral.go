package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"sexto/kit/i18n"
	"sexto/kit/referral"
	"sexto/kit/secure"
)

// referralOptions are what `sexto referral` was asked, parsed from its flags and arguments.
type referralOptions struct {
	File         string
	Out          string
	PasswordFile string
	Templates    string
	Encrypt      bool
}

func (a *app) cmdReferral() *cobra.Command {
	var o referralOptions
	c := &cobra.Command{
		Use:   a.tr("referral FICHIER.xlsx [-o FICHIER.pdf] [--encrypt]", "referral FILE.xlsx [-o FILE.pdf] [--encrypt]"),
		Short: a.tr("Produire le dossier de transmission pour la police et le DPCP", "Make the referral package for the police and the DPCP"),
		Long: a.tr(`Produit, à partir du classeur rempli, le dossier que la direction remet au policier : la
fiche de transmission remplie (avec les signatures à apposer), le résumé et le journal des
actions, la grille complétée de chaque élève avec sa pré-classification indicative, la chaîne
de possession des appareils scellés, la déclaration qu'aucune image n'a été regardée, copiée ni
jointe, et l'aide-mémoire juridique en annexe. Le fichier n'est lisible que par vous.

--encrypt chiffre le PDF (AES-256). Le mot de passe (12 caractères au moins) vient de
--password-file FICHIER, sinon de la variable SEXTO_PASSWORD, sinon il est demandé deux fois
au terminal, sans s'afficher. Jamais d'une option de la ligne de commande. Donnez-le au
policier par un autre moyen que le fichier. Un fichier chiffré n'est pas reproductible.

`, `Makes, from the filled workbook, the package the principal hands to the officer: the filled
transmittal sheet (with the signatures to add), the summary and the action log, each student's
completed grid with its indicative pre-classification, the chain of custody of the sealed
devices, the statement that no image was viewed, copied or attached, and the legal reference
sheet as an appendix. Only you can read the file.

--encrypt encrypts the PDF (AES-256). The password (12 characters at least) comes from
--password-file FILE, else the SEXTO_PASSWORD variable, else it is asked twice on the terminal,
without echo. Never from a command-line flag. Give it to the officer by another channel than
the file. An encrypted file is not reproducible.

`) + a.exitStatus(),
		Example: a.tr(`  sexto referral dossier-2026-014.xlsx
  sexto referral dossier-2026-014.xlsx --encrypt
  sexto referral dossier-2026-014.xlsx --encrypt --password-file mdp.txt -o transmission.pdf`,
			`  sexto referral incident-2026-014.xlsx
  sexto referral incident-2026-014.xlsx --encrypt
  sexto referral incident-2026-014.xlsx --encrypt --password-file pw.txt -o referral.pdf`),
		Args:        oneWorkbook("referral"),
		Annotations: needs(needsContext),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.File = args[0]
			return work(a.runs.referral, a.runReferral, o)
		},
	}
	c.Flags().StringVarP(&o.Out, "output", "o", "", a.tr("écrire dans `FICHIER`.pdf (par défaut transmission-DOSSIER.pdf)", "write to `FILE`.pdf (default referral-INCIDENT.pdf)"))
	c.Flags().BoolVar(&o.Encrypt, "encrypt", false, a.tr("chiffrer le PDF (AES-256) avec un mot de passe", "encrypt the PDF (AES-256) with a password"))
	c.Flags().StringVar(&o.PasswordFile, "password-file", "", a.tr("lire le mot de passe dans `FICHIER` (première ligne)", "read the password from `FILE` (first line)"))
	c.Flags().StringVar(&o.Templates, "templates", "", a.tr("textes de l'école dans `DOSSIER`, pour l'annexe (voir « sexto templates export »)", "the school's texts in `FOLDER`, for the appendix (see “sexto templates export”)"))
	return c
}

// runReferral does the work of `sexto referral`.
func (a *app) runReferral(o referralOptions) error {
	if o.PasswordFile != "" && !o.Encrypt {
		return usagef(i18n.T("--password-file ne sert qu'avec --encrypt", "--password-file is only for --encrypt"))
	}
	if o.Out != "" {
		// a mistaken -o is said before the workbook is read
		if err := outputName("-o", o.Out, ".pdf"); err != nil {
			return err
		}
	}
	in, err := a.readWorkbook(o.File)
	if err != nil {
		return err
	}
	if o.Out == "" {
		o.Out = fmt.Sprintf(a.tr("transmission-%s.pdf", "referral-%s.pdf"), safeName(in.ID()))
	}
	if err := a.checkTarget(o.Out, ".pdf"); err != nil {
		return err
	}
	var pw string
	if o.Encrypt {
		// before any work: with no password source, nothing is written
		if pw, err = a.password(o.PasswordFile); err != nil {
			return err
		}
	}
	a.specimenNotice()
	res := in.Classify()
	ctx := a.ctx
	ctx.Templates = o.Templates
	b, err := referral.Render(referral.Options{Context: ctx, Incident: in, Result: res})
	if err != nil {
		return err
	}
	if o.Encrypt {
		if b, err = secure.Encrypt(b, pw); err != nil {
			return err
		}
	}
	if err := a.writeOutput(o.Out, b, permPrivate); err != nil {
		return err
	}
	if o.Out != "-" {
		a.privateNotice(o.Out)
	}
	if inc := res.Incident.Incomplete; len(inc) > 0 {
		a.notice(i18n.T("attention : grilles incomplètes (%s) ; le dossier les signale.", "warning: incomplete grids (%s); the package points them out."), strings.Join(inc, ", "))
	}
	if o.Encrypt {
		a.notice(i18n.T("chiffré (AES-256). Donnez le mot de passe au policier par un autre moyen que le fichier : de vive voix ou par téléphone, jamais dans le même courriel ni sur la même clé USB.",
			"encrypted (AES-256). Give the password to the officer by another channel than the file: in person or by phone, never in the same email or on the same USB key."))
	}
	return nil
}

// safeName keeps an incident id usable in a file name on every system.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '-'
	}, strings.TrimSpace(s))
	s = strings.Trim(s, "-")
	if s == "" {
		return "sexto"
	}
	if len(s) > 60 {
		s = s[:60]
	}
	return s
}

// password gets the encryption password from a file, the environment or the terminal, never
// from a flag; it is checked for length.
func (a *app) password(file string) (string, error) {
	var pw string
	switch {
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", i18n.Wrap(err, i18n.T("%s : lecture du mot de passe impossible", "%s: cannot read the password"), file)
		}
		text, err := decodeText(b)
		if err != nil {
			return "", i18n.Wrap(err, i18n.T("%s : lecture du mot de passe impossible", "%s: cannot read the password"), file)
		}
		line, _, _ := strings.Cut(text, "\n")
		pw = strings.TrimRight(line, "\r")
	case a.getenv("SEXTO_PASSWORD") != "":
		pw = a.getenv("SEXTO_PASSWORD")
	case a.stdinTerminal():
		first, err := a.ask(a.tr("Mot de passe du PDF (12 caractères au moins) : ", "PDF password (12 characters at least): "))
		if err != nil {
			return "", err
		}
		if err := secure.CheckPassword(first); err != nil {
			return "", usageError{err} // too short: status 2, as from a file or SEXTO_PASSWORD
		}
		second, err := a.ask(a.tr("Le même mot de passe, encore : ", "The same password again: "))
		if err != nil {
			return "", err
		}
		if secure.Normalize(first) != secure.Normalize(second) {
			return "", i18n.Errorf(i18n.T("les deux mots de passe diffèrent ; rien n'a été écrit", "the two passwords differ; nothing was written"))
		}
		pw = first
	default:
		return "", usageError{i18n.Errorf(i18n.T("--encrypt : aucun mot de passe (pas de terminal, ni --password-file, ni SEXTO_PASSWORD) ; rien n'a été écrit",
			"--encrypt: no password (no terminal, no --password-file, no SEXTO_PASSWORD); nothing was written")).
			WithHint(i18n.T("Lancez la commande dans un terminal, ou donnez --password-file FICHIER.", "Run the command in a terminal, or give --password-file FILE."))}
	}
	if err := secure.CheckPassword(pw); err != nil {
		return "", usageError{err}
	}
	warns := secure.PasswordWarnings(pw)
	if file != "" {
		warns = append(secure.PasswordFileWarnings(file), warns...)
	}
	for _, w := range warns {
		a.notice(i18n.T("attention : %s", "warning: %s"), i18n.Message(w, a.lang))
	}
	return secure.Normalize(pw), nil
}

func (a *app) ask(prompt string) (string, error) {
	fmt.Fprint(a.stderr, prompt)
	b, err := a.readPassword()
	fmt.Fprintln(a.stderr)
	if err != nil {
		return "", i18n.Wrap(err, i18n.T("lecture du mot de passe impossible", "cannot read the password"))
	}
	return string(b), nil
}

func stdinTerminal() bool { return term.IsTerminal(int(os.Stdin.Fd())) }

func readPasswordTerminal() ([]byte, error) { return term.ReadPassword(int(os.Stdin.Fd())) }

// decodeText reads a small text file as Windows editors save it: UTF-8 with or without a byte
// order mark, or UTF-16 (what PowerShell's "echo … > file" writes). A password read wrongly
// would lock the PDF with a password nobody knows.
func decodeText(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}), bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		big := b[0] == 0xfe
		b = b[2:]
		if len(b)%2 != 0 {
			return "", i18n.Errorf(i18n.T("fichier UTF-16 tronqué", "truncated UTF-16 file"))
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			if big {
				u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
			} else {
				u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
			}
		}
		return string(utf16.Decode(u)), nil
	}
	if !utf8.Valid(b) {
		return "", i18n.Errorf(i18n.T("le fichier n'est pas du texte UTF-8 ; enregistrez-le en UTF-8", "the file is not UTF-8 text; save it as UTF-8"))
	}
	return string(b), nil
}
