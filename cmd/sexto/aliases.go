package main

import (
	"sexto/kit/i18n"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"sexto/kit/grid"
)

// frenchCommands are the French names each command also answers to: a French speaker types
// « sexto trousse » or « sexto vérifier » before reading any help.
var frenchCommands = []struct {
	name    string
	aliases []string
}{
	{"init", []string{"profil"}},
	{"kit", []string{"trousse"}},
	{"print", []string{"imprimer"}},
	{"template", []string{"gabarit"}},
	{"templates", []string{"gabarits"}},
	{"check", []string{"verifier", "vérifier"}},
	{"score", []string{"classer"}},
	{"letters", []string{"lettres"}},
	{"referral", []string{"transmission"}},
	{"stats", []string{"statistiques"}},
	{"rules", []string{"regles", "règles"}},
	{"exercise", []string{"exercice"}},
	{"help", []string{"aide"}},
}

// frenchSubcommands are the same for subcommands, by path.
var frenchSubcommands = map[string][]string{
	"sexto templates export": {"exporter"},
	"sexto exercise check":   {"verifier", "vérifier"},
	"sexto exercise export":  {"exporter"},
}

// frenchNames gives every command its French names.
func (a *app) frenchNames(root *cobra.Command) {
	names := map[string][]string{}
	for _, f := range frenchCommands {
		names[f.name] = f.aliases
	}
	for _, c := range root.Commands() {
		addAliases(c, names[c.Name()])
		for _, sub := range c.Commands() {
			addAliases(sub, frenchSubcommands[sub.CommandPath()])
		}
	}
}

// addAliases adds the names a command does not have yet (a command may set its own).
func addAliases(c *cobra.Command, names []string) {
	for _, n := range names {
		if !slices.Contains(c.Aliases, n) {
			c.Aliases = append(c.Aliases, n)
		}
	}
}

// frenchNamesHelp is the paragraph of the root help that lists the French names.
func (a *app) frenchNamesHelp() string {
	var parts []string
	for _, f := range frenchCommands {
		// the accented spelling when there is one: the other is the same word without accents
		parts = append(parts, f.aliases[len(f.aliases)-1]+" ("+f.name+")")
	}
	list := strings.Join(parts, ", ")
	return wrap(a.tr("Les commandes ont aussi un nom français : ", "French command names work too: ")+list+".", 92) + "\n\n"
}

// wrap breaks s into lines of at most width characters.
func wrap(s string, width int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

// suggestCommand names the command a mistyped word most likely meant, in English or French,
// accents and case aside ("Vérifier", "trouse", "statistique"), or "".
func (a *app) suggestCommand(root *cobra.Command, typed string) string {
	in := grid.Normalize(typed)
	if in == "" {
		return ""
	}
	best, bestD := "", 3
	for _, c := range root.Commands() {
		if c.Hidden {
			continue
		}
		for _, n := range append([]string{c.Name()}, c.Aliases...) {
			d := i18n.Distance(in, grid.Normalize(n))
			// a typed start of the name counts as close ("stat", "lettre")
			if len(in) >= 4 && strings.HasPrefix(grid.Normalize(n), in) {
				d = min(d, 1)
			}
			if d < bestD {
				best, bestD = c.Name(), d
			}
		}
	}
	return best
}
