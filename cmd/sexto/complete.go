package main

import (
	"github.com/spf13/cobra"
)

// completions makes Tab offer what each place accepts: the values of --lang and --paper, and
// only files of the right kind (.xlsx workbooks to read, .pdf, .xlsx or .toml names to write,
// folders where a folder is expected).
func (a *app) completions(root *cobra.Command) {
	values := func(v ...string) cobra.CompletionFunc {
		return cobra.FixedCompletions(v, cobra.ShellCompDirectiveNoFileComp)
	}
	ext := func(e ...string) cobra.CompletionFunc {
		return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return e, cobra.ShellCompDirectiveFilterFileExt
		}
	}
	dirs := func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	}
	flag := func(c *cobra.Command, name string, f cobra.CompletionFunc) {
		if c.Flags().Lookup(name) != nil || c.PersistentFlags().Lookup(name) != nil {
			_ = c.RegisterFlagCompletionFunc(name, f)
		}
	}
	flag(root, "lang", values("fr", "en"))
	flag(root, "paper", values("letter", "a4"))
	flag(root, "profile", ext("toml"))
	// one workbook, once: nothing more after it
	oneXLSX := func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return []string{"xlsx"}, cobra.ShellCompDirectiveFilterFileExt
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "kit", "print", "score", "referral":
			flag(c, "output", ext("pdf"))
		case "template":
			flag(c, "output", ext("xlsx"))
		case "init":
			flag(c, "output", ext("toml"))
		case "stats":
			flag(c, "output", ext("pdf"))
			flag(c, "csv", ext("csv"))
			c.ValidArgsFunction = ext("xlsx") // files, and folders searched for them
		case "letters":
			flag(c, "output", dirs)
		case "templates":
			for _, sub := range c.Commands() {
				sub.ValidArgsFunction = dirs
			}
		}
		switch c.Name() {
		case "check", "score", "letters", "referral":
			c.ValidArgsFunction = oneXLSX
		}
		flag(c, "templates", dirs)
	}
}
