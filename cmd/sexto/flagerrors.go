package main

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// flagError turns every error of the flag parser into the user's language: no English
// fragment ("'o' in -o", "flag needs an argument") reaches a French message.
func (a *app) flagError(cmd *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var needsValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	var syntax *pflag.InvalidSyntaxError
	switch {
	case errors.As(err, &notExist):
		name := "--" + notExist.GetSpecifiedName()
		if group := notExist.GetSpecifiedShortnames(); group != "" {
			name = "-" + notExist.GetSpecifiedName()[:1]
			if len(group) > 1 {
				name += i18n.T(" (dans -", " (in -").In(a.lang) + group + ")"
			}
		}
		e := i18n.Errorf(i18n.T("option inconnue : %s", "unknown flag: %s"), name)
		if hint, ok := a.flagHint(cmd, notExist); ok {
			e.WithHint(hint)
		}
		return usageError{e}
	case errors.As(err, &needsValue):
		f := needsValue.GetFlag()
		name := "--" + f.Name
		if needsValue.GetSpecifiedShortnames() != "" {
			name = "-" + f.Shorthand
		}
		varname, _ := pflag.UnquoteUsage(f)
		if varname == "" {
			varname = a.tr("VALEUR", "VALUE")
		}
		return usagef(i18n.T("l'option %s attend une valeur : %s %s", "flag %s needs a value: %s %s"), name, name, varname)
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		switch f.Value.Type() {
		case "bool":
			return usagef(i18n.T("l'option --%s ne prend pas de valeur (reçu : « %s ») ; écrivez --%s seul",
				"flag --%s takes no value (got “%s”); write --%s alone"), f.Name, invalid.GetValue(), f.Name)
		case "int", "int64", "uint":
			return usagef(i18n.T("--%s : « %s » n'est pas un nombre entier (par exemple --%s 6)",
				"--%s: “%s” is not a whole number (for example --%s 6)"), f.Name, invalid.GetValue(), f.Name)
		}
		return usagef(i18n.T("valeur invalide « %s » pour --%s", "invalid value “%s” for --%s"), invalid.GetValue(), f.Name)
	case errors.As(err, &syntax):
		return usagef(i18n.T("option mal écrite : « %s » ; une option s'écrit --nom ou -n",
			"badly written flag: “%s”; a flag is written --name or -n"), syntax.GetSpecifiedFlag())
	}
	// not from the flag parser: cobra's own checks, whose words are English
	return usagef(i18n.T("ligne de commande incorrecte (%s)", "incorrect command line (%s)"), err.Error())
}

// frenchFlags are flag names a French speaker may guess, and the real flag.
var frenchFlags = map[string]string{
	"langue": "lang", "papier": "paper", "format": "paper", "eleves": "students", "nombre": "students",
	"forcer": "force", "remplacer": "force", "ecraser": "force", "profil": "profile", "gabarits": "templates",
	"sortie": "output", "fichier": "output", "chiffrer": "encrypt", "mot de passe": "password-file",
	"motdepasse": "password-file", "aide": "help", "combine": "combined", "combiner": "combined",
}

// flagHint proposes the flag that was most likely meant, or the command that does what the
// flag was asked for (--version on a subcommand).
func (a *app) flagHint(cmd *cobra.Command, e *pflag.NotExistError) (i18n.Text, bool) {
	typed := e.GetSpecifiedName()
	if e.GetSpecifiedShortnames() != "" {
		typed = typed[:1]
		if typed == "v" || typed == "V" {
			return i18n.T("Pour la version : sexto version", "For the version: sexto version"), true
		}
		return i18n.Text{}, false
	}
	if typed == "version" {
		return i18n.T("Pour la version : sexto version", "For the version: sexto version"), true
	}
	n := grid.Normalize(typed)
	known := map[string]bool{}
	collect := func(f *pflag.Flag) {
		if !f.Hidden {
			known[f.Name] = true
		}
	}
	cmd.Flags().VisitAll(collect)
	cmd.InheritedFlags().VisitAll(collect)
	best := ""
	if f, ok := frenchFlags[n]; ok && known[f] {
		best = f
	} else {
		bestD := 3
		for name := range known {
			d := i18n.Distance(n, grid.Normalize(name))
			if strings.HasPrefix(name, typed) && len(typed) >= 3 {
				d = min(d, 1)
			}
			if d < bestD || d == bestD && name < best {
				best, bestD = name, d
			}
		}
	}
	if best == "" {
		return i18n.Text{}, false
	}
	return i18n.T("Vouliez-vous dire --"+best+" ?", "Did you mean --"+best+"?"), true
}
