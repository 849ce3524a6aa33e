package main

import (
	"strings"

	"github.com/spf13/cobra"

	"sexto/kit/i18n"
	"sexto/kit/printkit"
)

// docNames gives each document its French name, accepted on the command line and used for the
// default file name in French.
var docNames = map[string]string{
	"cover":            "couverture",
	"steps":            "etapes",
	"checklist":        "aide-memoire",
	"grid":             "grille",
	"custody":          "chaine-de-possession",
	"labels":           "etiquettes",
	"legal":            "aide-memoire-juridique",
	"letter-depicted":  "lettre-represente",
	"letter-acting":    "lettre-a-agi",
	"letter-recipient": "lettre-destinataire",
	"transmittal":      "transmission",
	"timeline":         "journal",
}

// docID resolves a document name given in either language.
func docID(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("é", "e", "è", "e", "ê", "e", "à", "a", "â", "a", "î", "i", "ô", "o", "û", "u", "ç", "c", " ", "-").Replace(s)
	if _, ok := printkit.Lookup(s); ok {
		return s, true
	}
	for id, fr := range docNames {
		if fr == s {
			return id, true
		}
	}
	return "", false
}

func (a *app) docList() string {
	var b strings.Builder
	for _, id := range printkit.IDs() {
		b.WriteString("  " + id)
		b.WriteString(strings.Repeat(" ", 18-len(id)))
		b.WriteString(docNames[id] + "\n")
	}
	return b.String()
}

func (a *app) cmdPrint() *cobra.Command {
	var pf printOptions
	c := &cobra.Command{
		Use:   a.tr("print DOCUMENT [-o FICHIER.pdf]", "print DOCUMENT [-o FILE.pdf]"),
		Short: a.tr("Imprimer un seul document de la trousse", "Print one document of the kit"),
		Long: a.tr(`Imprime un seul document de la trousse. DOCUMENT est l'un des noms suivants (en anglais ou
en français) :

`, `Prints one document of the kit. DOCUMENT is one of these names (English or French):

`) + a.docList() + "\n" + a.tr(`Le fichier s'appelle sexto-NOM.pdf si -o n'est pas donné.

`, `The file is named sexto-NAME.pdf when -o is not given.

`) + a.exitStatus(),
		Example: a.tr(`  sexto print grille --students 2      # deux grilles d'évaluation
  sexto print lettre-represente
  sexto print custody -o chaine.pdf`,
			`  sexto print grid --students 2         # two evaluation grids
  sexto print letter-depicted
  sexto print custody -o custody.pdf`),
		ValidArgs: append(printkit.IDs(), func() []string {
			var fr []string
			for _, id := range printkit.IDs() {
				fr = append(fr, docNames[id])
			}
			return fr
		}()...),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{i18n.Errorf(i18n.T("« sexto print » attend un seul DOCUMENT ; documents : %s",
					"“sexto print” needs one DOCUMENT; documents: %s"), strings.Join(printkit.IDs(), ", "))}
			}
			if _, ok := docID(args[0]); !ok {
				var fr []string
				for _, id := range printkit.IDs() {
					fr = append(fr, docNames[id])
				}
				hint := i18n.T("En français : "+strings.Join(fr, ", ")+".", "In French: "+strings.Join(fr, ", ")+".")
				if s := closestDoc(args[0]); s != "" {
					hint = i18n.T("Vouliez-vous dire « "+s+" » ? En français : "+strings.Join(fr, ", ")+".",
						"Did you mean “"+s+"”? In French: "+strings.Join(fr, ", ")+".")
				}
				return usageError{i18n.Errorf(i18n.T("document inconnu « %s » ; documents : %s", "unknown document “%s”; documents: %s"),
					args[0], strings.Join(printkit.IDs(), ", ")).WithHint(hint)}
			}
			return nil
		},
		Annotations: needs(needsContext),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkStudents(cmd, pf.Students); err != nil {
				return err
			}
			pf.Doc, _ = docID(args[0])
			return work(a.runs.print, a.runPrint, pf)
		},
	}
	a.addPrintFlags(c, &pf, true)
	return c
}
