package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"sexto/kit/i18n"
	"sexto/kit/printkit"
	"sexto/kit/workbook"
)

// templateOptions are what `sexto template` was asked, parsed from its flags and arguments.
type templateOptions struct {
	Out      string
	Students int
}

func (a *app) cmdTemplate() *cobra.Command {
	var o templateOptions
	c := &cobra.Command{
		Use:   a.tr("template [-o FICHIER.xlsx|FICHIER.pdf] [--students N]", "template [-o FILE.xlsx|FILE.pdf] [--students N]"),
		Short: a.tr("Écrire le classeur d'incident à remplir", "Write the incident workbook to fill in"),
		Long: a.tr(`Écrit le classeur Excel d'un incident, à remplir dans Excel, LibreOffice ou Google Sheets :
une feuille Dossier, une feuille par élève (la grille d'évaluation, une rubrique par ligne, avec
une liste déroulante pour chaque réponse codée) et une feuille Chronologie pour le journal des
actions. Seules les cellules de réponse (en jaune) se modifient.

Le fichier s'appelle dossier-sexto.xlsx si -o n'est pas donné. Une fois rempli, il contient des
renseignements personnels sur des mineurs : il est créé lisible par vous seul (sous Windows,
rangez-le dans un dossier personnel).
N'y collez jamais d'image : un classeur qui en contient est refusé.

Avec un nom qui finit par .pdf, écrit plutôt le formulaire PDF à remplir dans un lecteur PDF
(Acrobat Reader, Edge, Chrome, Firefox, Aperçu) : la page du dossier, une grille par élève, les
appareils saisis et le journal des actions, comme la grille imprimée de la trousse. Toutes les
commandes qui lisent un classeur (check, score, letters, referral, stats) lisent aussi ce
formulaire rempli.

`, `Writes the Excel workbook of one incident, to fill in with Excel, LibreOffice or Google Sheets:
an Incident sheet, one sheet per student (the evaluation grid, one item per row, with a
dropdown list for every coded answer) and a Timeline sheet for the action log. Only the answer
cells (in yellow) can be edited.

The file is named sexto-incident.xlsx when -o is not given. Once filled in, it holds personal
information about minors: it is created readable by you only (on Windows, keep it in a
personal folder).
Never paste an image into it: a workbook that holds one is refused.

With a name ending in .pdf, writes instead the PDF form to fill in with a PDF reader (Acrobat
Reader, Edge, Chrome, Firefox, Preview): the incident page, one grid per student, the seized
devices and the action log, like the kit's printed grid. Every command that reads a workbook
(check, score, letters, referral, stats) also reads the filled form.

`) + a.exitStatus(),
		Example: a.tr(`  sexto template
  sexto template --students 6 -o dossier-2026-014.xlsx
  sexto template -o dossier-2026-014.pdf
  sexto template --lang en`, `  sexto template
  sexto template --students 6 -o incident-2026-014.xlsx
  sexto template -o incident-2026-014.pdf
  sexto template --lang fr`),
		Annotations: needs(needsContext),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("students") && (o.Students < 1 || o.Students > printkit.MaxStudents) {
				return usagef(i18n.T("--students : %d n'est pas permis ; de 1 à %d", "--students: %d is not allowed; from 1 to %d"),
					o.Students, printkit.MaxStudents)
			}
			return work(a.runs.template, a.runTemplate, o)
		},
	}
	c.Flags().StringVarP(&o.Out, "output", "o", "", a.tr("écrire dans `FICHIER`.xlsx, ou le formulaire dans FICHIER.pdf (- pour la sortie standard, jamais un terminal)",
		"write to `FILE`.xlsx, or the form to FILE.pdf (- for standard output, never a terminal)"))
	c.Flags().IntVar(&o.Students, "students", 0, a.tr(fmt.Sprintf("nombre de feuilles d'élèves (`N` ; %d par défaut)", printkit.DefaultStudents),
		fmt.Sprintf("number of student sheets (`N`; default %d)", printkit.DefaultStudents)))
	return c
}

// runTemplate does the work of `sexto template`.
func (a *app) runTemplate(o templateOptions) error {
	if o.Students == 0 {
		o.Students = printkit.DefaultStudents
	}
	if o.Out == "" {
		o.Out = a.tr("dossier-sexto.xlsx", "sexto-incident.xlsx")
	}
	ext := ".xlsx"
	if strings.EqualFold(filepath.Ext(o.Out), ".pdf") {
		ext = ".pdf" // the fillable form (SPEC §10)
	}
	if err := a.checkTarget(o.Out, ext); err != nil {
		return err
	}
	var b []byte
	var err error
	if ext == ".pdf" {
		a.specimenNotice()
		b, err = printkit.Form(printkit.Options{Context: a.ctx, Students: o.Students})
	} else {
		b, err = workbook.Template(workbook.TemplateOptions{
			Lang: a.ctx.Lang, Students: o.Students, Paper: a.ctx.Paper, Now: a.ctx.Now,
			School: a.ctx.Profile.School.Name, Creator: a.ctx.Creator,
		})
	}
	if err != nil {
		return err
	}
	if err := a.writeOutput(o.Out, b, permPrivate); err != nil {
		return err
	}
	if o.Out != "-" {
		a.notice(i18n.T("%s écrit (%d grilles) ; remplissez-le, puis vérifiez-le avec « sexto check %s ».",
			"%s written (%d grids); fill it in, then check it with “sexto check %s”."), o.Out, o.Students, o.Out)
		a.privateNotice("")
	}
	return nil
}
