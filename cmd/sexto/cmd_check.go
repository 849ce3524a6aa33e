package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/secure"
	"sexto/kit/workbook"
)

// checkOptions are what `sexto check` was asked, parsed from its flags and arguments.
type checkOptions struct {
	File string
}

func (a *app) cmdCheck() *cobra.Command {
	var o checkOptions
	return &cobra.Command{
		Use:   a.tr("check FICHIER.xlsx|FICHIER.pdf", "check FILE.xlsx|FILE.pdf"),
		Short: a.tr("Vérifier un classeur d'incident rempli", "Check a filled incident workbook"),
		Long: a.tr(`Lit un classeur d'incident rempli, ou le formulaire PDF rempli (« sexto template -o
FICHIER.pdf »), et liste tous ses problèmes, chacun avec sa cellule (par exemple « Élève 2!C14 »)
ou, dans le formulaire, sa page et sa rubrique (« page 5, Élève 2 › Motif déclaré »). S'il n'y en
a aucun, affiche un résumé : le dossier, les élèves et les grilles encore incomplètes.

Un classeur qui contient une image, un objet incorporé ou des macros est refusé sans être lu,
comme un fichier qui n'est ni un classeur .xlsx ni le formulaire PDF de sexto (.xls, .ods, .csv,
autre PDF…). Un PDF qui contient du JavaScript, une action, un fichier joint ou une image, ou qui
est chiffré, est refusé de même.

`, `Reads a filled incident workbook, or the filled PDF form (“sexto template -o FILE.pdf”), and
lists all its problems, each with its cell (for example “Student 2!C14”) or, in the form, its
page and item (“page 5, Student 2 › Stated motive”). When there is none, prints a summary: the
incident, the students and the grids still incomplete.

A workbook that holds a picture, an embedded object or macros is refused without being read,
as is a file that is neither an .xlsx workbook nor sexto's PDF form (.xls, .ods, .csv, another
PDF…). A PDF that holds JavaScript, an action, an attached file or an image, or that is
encrypted, is refused likewise.

`) + a.exitStatus(),
		Example:     a.tr("  sexto check dossier-2026-014.xlsx", "  sexto check incident-2026-014.xlsx"),
		Args:        oneWorkbook("check"),
		Annotations: needs(needsLang),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.File = args[0]
			return work(a.runs.check, a.runCheck, o)
		},
	}
}

// runCheck does the work of `sexto check`.
func (a *app) runCheck(o checkOptions) error {
	in, err := a.readWorkbook(o.File)
	if err != nil {
		return err
	}
	a.summary(in)
	return nil
}

// readWorkbook reads a filled workbook; refusals and problems are input errors (exit 3).
func (a *app) readWorkbook(path string) (*workbook.Incident, error) {
	if err := lockFile(path); err != nil {
		return nil, inputError{err}
	}
	in, err := workbook.ReadFile(path)
	if notIncident(in) {
		return nil, inputError{notIncidentError(path, in)}
	}
	if err == nil {
		return in, nil
	}
	var ref *workbook.Refusal
	var formRef *secure.FormRefusal
	var list i18n.List
	switch {
	case errors.As(err, &ref):
		if ref.Kind == workbook.NotFound {
			return nil, err
		}
		return nil, inputError{err}
	case errors.As(err, &formRef):
		return nil, inputError{err} // a PDF that is not a filled sexto form, or not a safe one
	case errors.As(err, &list):
		// the incident as read comes along, for the one caller that uses it despite its
		// problems (a trainee's typos are mistakes to debrief)
		return in, inputError{problemList{list, path}}
	}
	return nil, err
}

// problemList prints as "N problems in FILE:" then one line per problem.
type problemList struct {
	list i18n.List
	file string
}

func (p problemList) Error() string { return p.Localize(i18n.FR) }
func (p problemList) Unwrap() error { return p.list }

func (p problemList) Localize(l i18n.Lang) string {
	head := fmt.Sprintf(i18n.T("%d problème(s) dans %s ; corrigez-les puis relancez la commande :",
		"%d problem(s) in %s; fix them, then run the command again:").In(l), len(p.list), p.file)
	lines := []string{head}
	for _, e := range p.list {
		lines = append(lines, "- "+i18n.Message(e, l))
	}
	return strings.Join(lines, "\n")
}

func (a *app) summary(in *workbook.Incident) {
	l := a.lang
	w := terminalWriter(a.stdout) // cell text: shown, never obeyed
	valid := a.tr("%s : classeur valide.", "%s: valid workbook.")
	if strings.EqualFold(filepath.Ext(in.File), ".pdf") {
		valid = a.tr("%s : formulaire valide.", "%s: valid form.")
	}
	fmt.Fprintf(w, "%s\n", fmt.Sprintf(valid, in.File))
	line := func(label, value string) { fmt.Fprintf(w, "  %-22s %s\n", label, value) }
	id := in.ID()
	if d := in.Dossier.Text("incident.disclosed_at"); d != "" {
		id += fmt.Sprintf(a.tr(" (dévoilement %s)", " (disclosed %s)"), d)
	}
	line(a.tr("Dossier :", "Incident:"), id)
	if miss := in.Missing(); len(miss) > 0 {
		line(a.tr("Dossier incomplet :", "Incident incomplete:"), grid.LabelList(miss, l))
	}
	refs := make([]string, len(in.Students))
	for i, s := range in.Students {
		refs[i] = s.Ref()
		if refs[i] == "" {
			refs[i] = "(" + s.Name + ")"
		}
	}
	if len(refs) > 0 {
		line(a.tr("Élèves :", "Students:"), fmt.Sprintf("%d (%s)", len(in.Students), strings.Join(refs, ", ")))
	} else {
		line(a.tr("Élèves :", "Students:"), "0")
	}
	incomplete := 0
	for i, s := range in.Students {
		miss := s.Missing()
		if len(miss) == 0 {
			continue
		}
		incomplete++
		line(fmt.Sprintf(a.tr("Grille %s incomplète :", "Grid %s incomplete:"), refs[i]), grid.LabelList(miss, l))
	}
	if incomplete == 0 && len(in.Students) > 0 {
		line(a.tr("Grilles :", "Grids:"), a.tr("toutes complètes", "all complete"))
	}
	if len(in.Students) == 0 {
		line(a.tr("Grilles :", "Grids:"), a.tr("aucune grille remplie", "no grid filled in"))
	}
	line(a.tr("Chronologie :", "Timeline:"), fmt.Sprintf(a.tr("%d action(s)", "%d action(s)"), len(in.Timeline)))
}
