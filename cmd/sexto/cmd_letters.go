package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"sexto/kit/i18n"
	"sexto/kit/letters"
	"sexto/kit/printkit"
)

// lettersOptions are what `sexto letters` was asked, parsed from its flags and arguments.
type lettersOptions struct {
	File      string
	Dir       string
	Templates string
	Combined  bool
}

func (a *app) cmdLetters() *cobra.Command {
	var o lettersOptions
	c := &cobra.Command{
		Use:   a.tr("letters FICHIER.xlsx [-o DOSSIER] [--combined]", "letters FILE.xlsx [-o FOLDER] [--combined]"),
		Short: a.tr("Écrire la lettre aux parents de chaque élève", "Write the letter to each student's parents"),
		Long: a.tr(`Écrit une lettre par élève dont le parent est inscrit au classeur, dans la langue de
correspondance de la famille (sinon celle du profil) : aux parents de l'élève représenté(e), d'un
élève qui a produit, demandé, transmis, montré ou conservé le contenu, ou d'un élève qui l'a
reçu. Chaque lettre nomme le parent et l'enfant, jamais un autre élève, et ne dit que ce que la
grille de l'enfant établit : ses gestes, l'appareil confisqué, s'il a dévoilé la situation. Les
fichiers sont nommés d'après le dossier et la réf. de l'élève (jamais un nom) et ne sont lisibles
que par vous.
--combined met toutes les lettres dans un seul PDF, pour les imprimer d'un coup.

`, `Writes one letter per student whose parent is entered in the workbook, in the family's
correspondence language (else the profile's): to the parents of the depicted student, of a
student who produced, requested, sent, showed or kept the content, or of a student who received
it. Each letter names the parent and the child, never another student, and says only what the
child's grid establishes: the child's acts, a device seized, whether the child disclosed. The
files are named after the incident and the student's ref (never a name) and only you can read
them.
--combined puts all the letters in one PDF, to print them at once.

`) + a.exitStatus(),
		Example: a.tr(`  sexto letters dossier-2026-014.xlsx -o lettres
  sexto letters dossier-2026-014.xlsx --combined`, `  sexto letters incident-2026-014.xlsx -o letters
  sexto letters incident-2026-014.xlsx --combined`),
		Args:        oneWorkbook("letters"),
		Annotations: needs(needsContext),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.File = args[0]
			return work(a.runs.letters, a.runLetters, o)
		},
	}
	c.Flags().StringVarP(&o.Dir, "output", "o", "", a.tr("écrire les lettres dans `DOSSIER` (par défaut le dossier courant)", "write the letters to `FOLDER` (default the current folder)"))
	c.Flags().BoolVar(&o.Combined, "combined", false, a.tr("toutes les lettres dans un seul PDF", "all the letters in one PDF"))
	c.Flags().StringVar(&o.Templates, "templates", "", a.tr("textes de l'école dans `DOSSIER`, pour les lettres (voir « sexto templates export »)", "the school's texts in `FOLDER`, for the letters (see “sexto templates export”)"))
	return c
}

// runLetters does the work of `sexto letters`.
func (a *app) runLetters(o lettersOptions) error {
	if o.Dir == "" {
		o.Dir = "."
	}
	if st, err := os.Stat(o.Dir); err == nil && !st.IsDir() {
		return i18n.Errorf(i18n.T("%s n'est pas un dossier", "%s is not a folder"), o.Dir)
	}
	in, err := a.readWorkbook(o.File)
	if err != nil {
		return err
	}
	a.specimenNotice()
	now := a.ctx.Now
	ctx := a.ctx
	ctx.Templates = o.Templates
	po := printkit.Options{Context: ctx}
	school := a.prof.Lang()
	if a.prof.Specimen() {
		school = a.lang
	}
	id := safeName(in.ID())
	var jobs []letterJob
	var skipped, noRole, adults []string
	for i := range in.Students {
		s := &in.Students[i]
		lt, skip := letters.For(in, s, school, now)
		switch skip {
		case letters.NoParent:
			skipped = append(skipped, s.Ref())
			continue
		case letters.NoRole:
			noRole = append(noRole, s.Ref())
			continue
		case letters.Adult:
			adults = append(adults, s.Ref())
			continue
		}
		key := id + "-" + safeName(s.Ref())
		name := fmt.Sprintf(i18n.T("lettre-%s.pdf", "letter-%s.pdf").In(lt.Lang), key)
		jobs = append(jobs, letterJob{letter: printkit.Letter{Variant: lt.Variant, Lang: lt.Lang, Data: lt.Data, Key: key}, path: filepath.Join(o.Dir, name)})
	}
	if len(jobs) == 0 && len(adults) > 0 && len(skipped) == 0 {
		return inputError{i18n.Errorf(i18n.T("%s : aucune lettre à écrire ; %s a 18 ans ou plus au dévoilement, et les lettres s'adressent aux parents d'élèves mineurs",
			"%s: no letter to write; %s is 18 or older at disclosure, and the letters are for the parents of minor students"), in.File, strings.Join(adults, ", "))}
	}
	if len(jobs) == 0 && len(noRole) > 0 && len(skipped) == 0 {
		return inputError{i18n.Errorf(i18n.T("%s : aucun élève n'appelle une lettre (aucun rôle représenté, acteur ou destinataire)",
			"%s: no student calls for a letter (no depicted, acting or recipient role)"), in.File)}
	}
	if len(jobs) == 0 {
		return inputError{i18n.Errorf(i18n.T("%s : aucun parent n'est inscrit (rubrique « Parent ou tuteur ») ; aucune lettre à écrire",
			"%s: no parent is entered (item “Parent or guardian”); no letter to write"), in.File)}
	}
	if o.Combined {
		all := make([]printkit.Letter, len(jobs))
		for i, j := range jobs {
			all[i] = j.letter
		}
		jobs = []letterJob{{path: filepath.Join(o.Dir, fmt.Sprintf(a.tr("lettres-%s.pdf", "letters-%s.pdf"), id)), all: all}}
	}
	names, err := a.writeLetters(po, o.Dir, jobs)
	if err != nil {
		return err
	}
	n := len(jobs)
	if o.Combined {
		n = len(jobs[0].all)
	}
	a.notice(i18n.T("%d lettre(s) écrite(s) dans %s : %s", "%d letter(s) written to %s: %s"), n, o.Dir, strings.Join(names, ", "))
	a.privateNotice("")
	if len(skipped) > 0 {
		a.notice(i18n.T("pas de lettre pour %s : aucun parent inscrit sur sa grille.", "no letter for %s: no parent entered on the grid."), strings.Join(skipped, ", "))
	}
	if len(adults) > 0 {
		a.notice(i18n.T("pas de lettre pour %s : 18 ans ou plus au dévoilement ; les lettres s'adressent aux parents d'élèves mineurs.",
			"no letter for %s: 18 or older at disclosure; the letters are for the parents of minor students."), strings.Join(adults, ", "))
	}
	if len(noRole) > 0 {
		a.notice(i18n.T("pas de lettre pour %s : ni représenté(e), ni acteur, ni destinataire selon la grille ; écrivez à la famille vous-même si c'est utile.",
			"no letter for %s: neither depicted, acting nor recipient according to the grid; write to the family yourself if useful."), strings.Join(noRole, ", "))
	}
	return nil
}

// letterJob is one PDF to write: one letter, or all of them (--combined).
type letterJob struct {
	letter printkit.Letter
	path   string
	all    []printkit.Letter // --combined: the letters of the one PDF
}

// writeLetters renders every job, then writes them all: a failure leaves no letter behind
// (nor the folder, when this command made it). It returns the names of the files written.
func (a *app) writeLetters(o printkit.Options, dir string, jobs []letterJob) ([]string, error) {
	// two letters of one run never share a file, even on a system that ignores case: one
	// family's letter must not replace another's (refs are unique, so this does not happen)
	paths := map[string]string{}
	for _, j := range jobs {
		key := strings.ToLower(filepath.Clean(j.path))
		if prev, dup := paths[key]; dup {
			return nil, i18n.Errorf(i18n.T("deux lettres auraient le même fichier (%s et %s) : rien n'a été écrit ; vérifiez les réf. élève du classeur",
				"two letters would share one file (%s and %s): nothing was written; check the workbook's student refs"), prev, j.path)
		}
		paths[key] = j.path
	}
	for _, j := range jobs {
		if err := a.refuseExisting(j.path); err != nil {
			return nil, err
		}
	}
	made := false
	if _, err := os.Stat(dir); err != nil {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, i18n.Wrap(err, i18n.T("%s : création du dossier impossible", "%s: cannot create the folder"), dir)
		}
		made = true
	}
	fail := func(err error, written []string) ([]string, error) {
		for _, w := range written {
			os.Remove(w)
		}
		if made {
			os.Remove(dir)
		}
		return nil, err
	}
	data := make([][]byte, len(jobs))
	for i, j := range jobs {
		batch := j.all
		if batch == nil {
			batch = []printkit.Letter{j.letter}
		}
		var err error
		if data[i], err = printkit.Letters(o, batch); err != nil {
			return fail(err, nil)
		}
	}
	var written, names []string
	for i, j := range jobs {
		if err := a.writeOutput(j.path, data[i], permPrivate); err != nil {
			return fail(err, written)
		}
		written = append(written, j.path)
		names = append(names, filepath.Base(j.path))
	}
	return names, nil
}

// refuseExisting refuses a file that exists, unless --force.
func (a *app) refuseExisting(path string) error {
	if _, err := os.Stat(path); err == nil && !a.flags.force {
		return existsError(path)
	}
	return nil
}
