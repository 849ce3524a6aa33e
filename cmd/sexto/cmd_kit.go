package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"sexto/kit/i18n"
	"sexto/kit/printkit"
)

// printOptions are what `sexto kit` or `sexto print DOC` was asked, parsed from the flags and
// the argument.
type printOptions struct {
	Doc       string // a document of the kit; "" for the whole kit
	Out       string
	Students  int
	Templates string
}

func (a *app) addPrintFlags(c *cobra.Command, pf *printOptions, students bool) {
	c.Flags().StringVarP(&pf.Out, "output", "o", "", a.tr("écrire dans `FICHIER`.pdf (- pour la sortie standard, jamais un terminal)",
		"write to `FILE`.pdf (- for standard output, never a terminal)"))
	if students {
		c.Flags().IntVar(&pf.Students, "students", 0, a.tr(fmt.Sprintf("nombre de grilles d'évaluation, une par élève (`N` ; %d par défaut)", printkit.DefaultStudents),
			fmt.Sprintf("number of evaluation grids, one per student (`N`; default %d)", printkit.DefaultStudents)))
	}
	c.Flags().StringVar(&pf.Templates, "templates", "", a.tr("remplacer les textes intégrés par ceux de `DOSSIER` (voir « sexto templates export »)",
		"replace the built-in texts with those in `FOLDER` (see “sexto templates export”)"))
}

// checkStudents refuses a --students the kit cannot print.
func checkStudents(cmd *cobra.Command, n int) error {
	set := cmd.Flags().Lookup("students") != nil && cmd.Flags().Changed("students")
	if (set && n < 1) || n > printkit.MaxStudents {
		return usagef(i18n.T("--students : %d n'est pas permis ; de 1 à %d", "--students: %d is not allowed; from 1 to %d"),
			n, printkit.MaxStudents)
	}
	return nil
}

// specimenNotice says on stderr why the pages carry the SPÉCIMEN mark.
func (a *app) specimenNotice() {
	// an agreement not yet in force has had its own warning, naming its date
	if a.prof.Agreement.Configured() || a.prof.Agreement.NotYetInForce() {
		return
	}
	if a.prof.Specimen() {
		a.notice(i18n.T("aucun profil trouvé (ni --profile ni ./sexto.toml) : le profil spécimen intégré est utilisé et chaque page porte la mention SPÉCIMEN.",
			"no profile found (neither --profile nor ./sexto.toml): the embedded specimen profile is used and every page is marked SPECIMEN."))
		a.notice(i18n.T("« sexto init » écrit un profil à remplir, avec l'entente entre la police et le DPCP.",
			"“sexto init” writes a profile to fill in, with the agreement between the police and the DPCP."))
		return
	}
	a.notice(i18n.T("%s : aucune entente police–DPCP configurée (section [agreement]) : chaque page porte la mention SPÉCIMEN.",
		"%s: no police–DPCP agreement configured ([agreement] section): every page is marked SPECIMEN."), a.prof.Source)
}

func (a *app) cmdKit() *cobra.Command {
	var pf printOptions
	c := &cobra.Command{
		Use:   a.tr("kit [-o FICHIER.pdf] [--students N]", "kit [-o FILE.pdf] [--students N]"),
		Short: a.tr("Imprimer la trousse SEXTO complète", "Print the whole SEXTO kit"),
		Long: a.tr(`Imprime la trousse SEXTO complète en un seul PDF, dans cet ordre : couverture et table des
matières, étapes du processus, aide-mémoire de l'intervenant(e), une grille d'évaluation par
élève, chaîne de possession, étiquettes des sacs, aide-mémoire juridique, trois lettres aux
parents, fiche de transmission à la police et journal des actions.

Le fichier s'appelle trousse-sexto.pdf (sexto-kit.pdf en anglais) si -o n'est pas donné ; un
fichier existant n'est jamais remplacé sans --force.

`, `Prints the whole SEXTO kit as one PDF, in this order: cover and contents, steps of the
process, intervener's checklist, one evaluation grid per student, chain of custody, bag labels,
legal reference sheet, three parent letters, police transmittal sheet and action log.

The file is named sexto-kit.pdf (trousse-sexto.pdf in French) when -o is not given; an
existing file is never replaced without --force.

`) + a.exitStatus(),
		Example: a.tr(`  sexto kit
  sexto kit --students 6 -o trousse-6-eleves.pdf
  sexto kit --lang en --paper a4
  sexto kit --templates mes-gabarits`,
			`  sexto kit
  sexto kit --students 6 -o kit-6-students.pdf
  sexto kit --lang fr --paper a4
  sexto kit --templates my-templates`),
		Annotations: needs(needsContext),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkStudents(cmd, pf.Students); err != nil {
				return err
			}
			return work(a.runs.print, a.runPrint, pf)
		},
	}
	a.addPrintFlags(c, &pf, true)
	return c
}

// runPrint is the work of kit and print: refuse early what cannot be written, render, and
// write atomically.
func (a *app) runPrint(o printOptions) error {
	ctx := a.ctx
	ctx.Templates = o.Templates
	po := printkit.Options{Context: ctx, Students: o.Students}
	out := o.Out
	if out == "" {
		switch {
		case o.Doc == "":
			out = a.tr("trousse-sexto.pdf", "sexto-kit.pdf")
		case a.lang == i18n.FR:
			out = "sexto-" + docNames[o.Doc] + ".pdf"
		default:
			out = "sexto-" + o.Doc + ".pdf"
		}
	}
	if err := a.checkTarget(out, ".pdf"); err != nil {
		return err
	}
	a.specimenNotice()
	var b []byte
	var err error
	if o.Doc == "" {
		b, err = printkit.Kit(po)
	} else {
		b, err = printkit.Print(po, o.Doc)
	}
	if err != nil {
		return err
	}
	return a.written(out, b)
}

// checkTarget refuses early, before any work, what writeOutput would refuse at the end, and
// an -o that names a folder or lacks the extension ext.
func (a *app) checkTarget(out, ext string) error {
	if err := outputName("-o", out, ext); err != nil {
		return err
	}
	if out == "-" {
		if a.isTerminal(a.stdout) {
			return a.writeOutput(out, nil, permPublic)
		}
		return nil
	}
	if _, err := os.Stat(out); err == nil && !a.flags.force {
		return existsError(out)
	}
	return nil
}

// written writes a blank-forms PDF and says so.
func (a *app) written(out string, b []byte) error {
	if err := a.writeOutput(out, b, permPublic); err != nil {
		return err
	}
	if out != "-" {
		a.notice(i18n.T("%s écrit (%d Ko).", "%s written (%d KB)."), out, (len(b)+1023)/1024)
	}
	return nil
}
