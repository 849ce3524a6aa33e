package main

import (
	"strings"

	"github.com/spf13/cobra"

	"sexto/kit/i18n"
	"sexto/kit/profile"
)

// initOptions are what `sexto init` was asked, parsed from its flags and arguments.
type initOptions struct {
	Out string
}

func (a *app) cmdInit() *cobra.Command {
	var o initOptions
	c := &cobra.Command{
		Use:   a.tr("init [-o FICHIER]", "init [-o FILE]"),
		Short: a.tr("Écrire un profil d'école (sexto.toml) à remplir", "Write a school profile (sexto.toml) to fill in"),
		Long: a.tr(`Écrit un profil d'école commenté, à remplir avec un éditeur de texte (Bloc-notes, TextEdit) :
l'école, la direction, la personne-ressource (son titre en français et en anglais, son poste), le
service de police, le numéro de la DPJ de la région et l'entente entre la police et le DPCP.
Tant que l'entente n'est pas remplie, chaque page porte la mention SPÉCIMEN.

`, `Writes a commented school profile to fill in with a text editor (Notepad, TextEdit): the
school, the principal, the contact person (their title in French and English, their extension),
the police service, the region's DPJ number and the agreement between the police and the DPCP.
Until the agreement is filled in, every page is marked SPECIMEN.

`) + a.exitStatus(),
		Example: a.tr(`  sexto init
  sexto init -o ecole.toml
  sexto init --lang en            # profil commenté en anglais`,
			`  sexto init
  sexto init -o school.toml
  sexto init --lang fr            # profile commented in French`),
		Annotations: needs(needsLang),
		RunE: func(cmd *cobra.Command, args []string) error {
			return work(a.runs.init, a.runInit, o)
		},
	}
	c.Flags().StringVarP(&o.Out, "output", "o", "", a.tr("écrire dans `FICHIER` (par défaut sexto.toml ; - pour la sortie standard)",
		"write to `FILE` (default sexto.toml; - for standard output)"))
	return c
}

// runInit does the work of `sexto init`.
func (a *app) runInit(o initOptions) error {
	if o.Out == "" {
		o.Out = profile.DefaultName
	}
	if err := a.initTarget(o.Out); err != nil {
		return err
	}
	if err := a.writeOutput(o.Out, profile.InitFile(a.lang), permPublic); err != nil {
		return err
	}
	if o.Out != "-" {
		a.notice(i18n.T("%s écrit ; remplissez-le, puis lancez « sexto kit ».",
			"%s written; fill it in, then run “sexto kit”."), o.Out)
	}
	return nil
}

// setupLang validates --lang only (for commands that need no profile).
func (a *app) setupLang() error {
	if a.flags.lang == "" {
		return nil
	}
	// FR and En are fr and en, as --paper A4 is a4
	code := strings.ToLower(strings.TrimSpace(a.flags.lang))
	l, ok := i18n.Parse(code)
	if !ok || (code != "fr" && code != "en") {
		return usagef(i18n.T("--lang : « %s » n'est pas permis ; valeurs permises : fr, en",
			"--lang: “%s” is not allowed; allowed values: fr, en"), a.flags.lang)
	}
	a.lang = l
	return nil
}
