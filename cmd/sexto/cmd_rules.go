package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"sexto/kit/classify"
)

// rulesOptions are what `sexto rules` was asked, parsed from its flags and arguments.
type rulesOptions struct {
	JSON bool
}

func (a *app) cmdRules() *cobra.Command {
	var o rulesOptions
	c := &cobra.Command{
		Use:   "rules [--json]",
		Short: a.tr("Les règles de la pré-classification, avec leur fondement", "The pre-classification rules, with their basis"),
		Long: a.tr(`Énumère chaque règle de la pré-classification : son identifiant (U- : appel immédiat,
M- : indice de malveillance), ce qu'elle dit et son fondement, puis ce qui a changé depuis
la version 1.0 des règles, et pourquoi.

`, `Lists every pre-classification rule: its ID (U-: call at once, M-: sign of malice), what it
says and its basis, then what changed since version 1.0 of the rules, and why.

`) + a.exitStatus(),
		Example:     "  sexto rules\n  sexto rules --json --lang en",
		Annotations: needs(needsLang),
		RunE: func(cmd *cobra.Command, args []string) error {
			return work(a.runs.rules, a.runRules, o)
		},
	}
	c.Flags().BoolVar(&o.JSON, "json", false, a.tr("écrire les règles en JSON", "write the rules as JSON"))
	return c
}

// runRules does the work of `sexto rules`.
func (a *app) runRules(o rulesOptions) error {
	l := a.lang
	if o.JSON {
		type rule struct {
			ID        string `json:"id"`
			Kind      string `json:"kind"`
			Statement string `json:"statement"`
			Basis     string `json:"basis"`
		}
		type change struct {
			Rules []string `json:"rules"`
			Text  string   `json:"text"`
		}
		out := struct {
			Version string   `json:"rules_version"`
			Rules   []rule   `json:"rules"`
			Changes []change `json:"changes_since_1_0"`
		}{Version: classify.RulesVersion}
		for _, r := range classify.Rules {
			out.Rules = append(out.Rules, rule{r.ID, string(r.Kind), r.Statement.In(l), r.Basis.In(l)})
		}
		for _, c := range classify.Changes {
			out.Changes = append(out.Changes, change{append([]string{}, c.Rules...), c.Text.In(l)})
		}
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(a.stdout, a.tr("Règles de pré-classification, version %s — %s\n", "Pre-classification rules, version %s — %s\n"),
		classify.RulesVersion, classify.Indicative.In(l))
	heads := map[classify.Kind]string{
		classify.Urgent: a.tr("Appel immédiat (tout élève ; le dossier devient urgent)", "Call at once (any student; the incident becomes urgent)"),
		classify.Malice: a.tr("Indices de malveillance (élèves qui ont agi)", "Signs of malice (students who acted)"),
	}
	var last classify.Kind
	for _, r := range classify.Rules {
		if r.Kind != last {
			fmt.Fprintf(a.stdout, "\n%s\n", heads[r.Kind])
			last = r.Kind
		}
		fmt.Fprintf(a.stdout, "  %-14s %s\n  %-14s %s\n", r.ID, r.Statement.In(l), "", r.Basis.In(l))
	}
	fmt.Fprintf(a.stdout, "\n%s\n", a.tr("Ce qui a changé depuis la version 1.0, et pourquoi", "What changed since version 1.0, and why"))
	for _, c := range classify.Changes {
		fmt.Fprintf(a.stdout, "  - %s\n", c.Text.In(l))
	}
	return nil
}
