package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"sexto/kit/classify"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	kitreport "sexto/kit/report"
	"sexto/kit/workbook"
)

// scoreOptions are what `sexto score` was asked, parsed from its flags and arguments.
type scoreOptions struct {
	File string
	Out  string
	JSON bool
}

func (a *app) cmdScore() *cobra.Command {
	var o scoreOptions
	c := &cobra.Command{
		Use:   a.tr("score FICHIER.xlsx [--json] [-o RAPPORT.pdf]", "score FILE.xlsx [--json] [-o REPORT.pdf]"),
		Short: a.tr("Pré-classer chaque élève : appel au 911, geste impulsif ou malveillant", "Pre-classify each student: call 911, impulsive or malicious act"),
		Long: a.tr(`Lit un classeur d'incident rempli et donne, pour chaque élève et pour le dossier, une
pré-classification indicative avec ses raisons : les règles qui s'appliquent, les faits
atténuants et les rubriques manquantes. S'il faut appeler le 911, c'est dit en premier.

Orientations : incomplete (grille à compléter), support (élève représenté(e) : soutien),
urgent (appeler le 911 maintenant), malicious (geste malveillant probable : enquête),
impulsive (geste impulsif probable : rencontre éducative SEXTO avec un parent ; un dossier se
règle en 4 jours environ, en moyenne), witness (témoin ou destinataire).

La décision appartient au DPCP. « sexto rules » énumère les règles et leur fondement.
Sans option : un tableau à l'écran. --json : l'objet JSON. -o : le rapport PDF (lisible par
vous seul). Un classeur qui contient des erreurs n'est pas classé (code 3).

`, `Reads a filled incident workbook and gives each student and the incident an indicative
pre-classification with its reasons: the rules that apply, the mitigating facts and the
missing items. When 911 must be called, that comes first.

Orientations: incomplete (grid to complete), support (depicted student: support), urgent (call
911 now), malicious (likely malicious act: investigation), impulsive (likely impulsive act:
SEXTO educational meeting with a parent; a case closes in about 4 days on average), witness
(witness or recipient).

The decision belongs to the DPCP. “sexto rules” lists the rules and their basis.
Without options: a table on screen. --json: the JSON object. -o: the PDF report (readable by
you only). A workbook with problems is not classified (status 3).

`) + a.exitStatus(),
		Example: a.tr(`  sexto score dossier-2026-014.xlsx
  sexto score dossier-2026-014.xlsx --json
  sexto score dossier-2026-014.xlsx -o rapport-2026-014.pdf`, `  sexto score incident-2026-014.xlsx
  sexto score incident-2026-014.xlsx --json
  sexto score incident-2026-014.xlsx -o report-2026-014.pdf`),
		Args:        oneWorkbook("score"),
		Annotations: needs(needsContext),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.File = args[0]
			return work(a.runs.score, a.runScore, o)
		},
	}
	c.Flags().BoolVar(&o.JSON, "json", false, a.tr("écrire l'objet JSON de la pré-classification", "write the pre-classification as JSON"))
	c.Flags().StringVarP(&o.Out, "output", "o", "", a.tr("écrire le rapport PDF dans `FICHIER`.pdf", "write the PDF report to `FILE`.pdf"))
	return c
}

// runScore does the work of `sexto score`.
func (a *app) runScore(o scoreOptions) error {
	if o.Out != "" && o.JSON {
		return usagef(i18n.T("--json et -o s'excluent : choisissez le JSON ou le rapport PDF", "--json and -o exclude each other: choose the JSON or the PDF report"))
	}
	if o.Out != "" {
		if err := a.checkTarget(o.Out, ".pdf"); err != nil {
			return err
		}
	}
	in, err := a.readWorkbook(o.File)
	if err != nil {
		return err
	}
	res := in.Classify()
	switch {
	case o.Out != "":
		return a.scoreReport(in, res, o.Out)
	case o.JSON:
		enc := json.NewEncoder(jsonSafe{a.stdout})
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	a.scoreTable(in, res)
	return nil
}

func (a *app) scoreReport(in *workbook.Incident, res classify.Result, out string) error {
	a.specimenNotice()
	b, err := kitreport.Classification(kitreport.Options{Context: a.ctx, Incident: in, Result: res})
	if err != nil {
		return err
	}
	if err := a.writeOutput(out, b, permPrivate); err != nil {
		return err
	}
	if out != "-" {
		a.privateNotice(out)
	}
	return nil
}

// ANSI styles, used only on a terminal and without NO_COLOR.
var colours = map[classify.Orientation]string{
	classify.UrgentCall: "\x1b[1;31m", classify.Malicious: "\x1b[31m", classify.Impulsive: "\x1b[33m",
	classify.Support: "\x1b[36m", classify.Incomplete: "\x1b[35m", classify.Witness: "",
}

func (a *app) colour() bool {
	return a.isTerminal(a.stdout) && a.getenv("NO_COLOR") == "" && a.getenv("TERM") != "dumb"
}

func (a *app) paint(o classify.Orientation, s string) string {
	if !a.colour() || colours[o] == "" {
		return s
	}
	return colours[o] + s + "\x1b[0m"
}

func (a *app) scoreTable(in *workbook.Incident, res classify.Result) {
	l := a.lang
	// cell text is shown, never obeyed; only the fixed labels below are painted, straight to
	// stdout, since the colour codes are the one sequence the table may send
	w := terminalWriter(a.stdout)
	inc := res.Incident
	fmt.Fprintf(w, a.tr("Dossier %s — %s\n\n", "Incident %s — %s\n\n"), in.ID(), classify.Indicative.In(l))
	if inc.Orientation == classify.UrgentCall {
		fmt.Fprintln(a.stdout, a.paint(classify.UrgentCall, a.tr("APPELER LE 911 MAINTENANT", "CALL 911 NOW")))
		for _, id := range inc.Rules {
			r, _ := classify.RuleByID(id)
			fmt.Fprintf(w, "  %s  %s\n", id, r.Statement.In(l))
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintf(a.stdout, a.tr("Orientation du dossier : %s\n\n", "Incident orientation: %s\n\n"), a.paint(inc.Orientation, inc.Describe(l)))
	}
	if len(inc.Incomplete) > 0 {
		fmt.Fprintf(w, a.tr("Grilles incomplètes : %s\n\n", "Incomplete grids: %s\n\n"), strings.Join(inc.Incomplete, ", "))
	}
	if note := classify.UnevaluatedNote(inc.Unevaluated, l); note != "" {
		fmt.Fprintf(w, "%s\n\n", note)
	}
	byRef := map[string]*workbook.Student{}
	for i := range in.Students {
		byRef[in.Students[i].Ref()] = &in.Students[i]
	}
	// escaped before the columns are measured, so that they stay aligned
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	tcells := terminalWriter(tw)
	fmt.Fprintln(tcells, a.tr("Réf.\tNom\tRôles\tOrientation\tRègles", "Ref\tName\tRoles\tOrientation\tRules"))
	for _, sr := range res.Students {
		s := byRef[sr.Ref]
		name, roles := "", ""
		if s != nil {
			name = strings.TrimSpace(s.Text("student.first_name") + " " + s.Text("student.last_name"))
			roles = strings.Join(grid.Roles(s.Code, l), ", ")
		}
		rules := strings.Join(sr.Rules, ", ")
		if rules == "" {
			rules = "—"
		}
		// the colour codes go around the padded cell so that they do not upset the columns
		fmt.Fprintf(tcells, "%s\t%s\t%s\t%s\t%s\n", sr.Ref, name, roles, sr.Describe(l), rules)
	}
	tw.Flush()
	for _, sr := range res.Students {
		if f := classify.FactList(sr.Facts, true, l); f != "" {
			fmt.Fprintf(w, a.tr("\n%s — faits atténuants : %s", "\n%s — mitigating facts: %s"), sr.Ref, f)
		}
		if f := classify.FactList(sr.Facts, false, l); f != "" {
			fmt.Fprintf(w, a.tr("\n%s — faits aggravants : %s", "\n%s — aggravating facts: %s"), sr.Ref, f)
		}
		if note := classify.UnevaluatedNote(sr.Unevaluated, l); note != "" {
			fmt.Fprintf(w, "\n%s — %s", sr.Ref, note)
		}
		if note := sr.AgeNote(l); note != "" {
			fmt.Fprintf(w, "\n%s — %s", sr.Ref, note)
		}
		if len(sr.Missing) > 0 {
			fmt.Fprintf(w, a.tr("\n%s — à compléter : %s", "\n%s — to complete: %s"), sr.Ref, grid.LabelList(sr.Missing, l))
		}
	}
	fmt.Fprintf(w, a.tr("\nRègles version %s ; « sexto rules » les explique.\n", "\nRules version %s; “sexto rules” explains them.\n"), res.RulesVersion)
}
