package main

import (
	"github.com/spf13/cobra"

	"sexto/kit/i18n"
)

func (a *app) cmdCompletion() *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: a.tr("Script de complétion pour l'interpréteur de commandes", "Shell completion script"),
		Long: a.tr(`Écrit sur la sortie standard le script de complétion de l'interpréteur choisi.

  bash        source <(sexto completion bash)
  zsh         sexto completion zsh > "${fpath[1]}/_sexto"
  fish        sexto completion fish > ~/.config/fish/completions/sexto.fish
  powershell  sexto completion powershell | Out-String | Invoke-Expression

`, `Writes the completion script for the chosen shell to standard output.

  bash        source <(sexto completion bash)
  zsh         sexto completion zsh > "${fpath[1]}/_sexto"
  fish        sexto completion fish > ~/.config/fish/completions/sexto.fish
  powershell  sexto completion powershell | Out-String | Invoke-Expression

`) + a.exitStatus(),
		Example:   "  sexto completion bash > /etc/bash_completion.d/sexto",
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef(i18n.T("« sexto completion » attend bash, zsh, fish ou powershell",
					"“sexto completion” needs bash, zsh, fish or powershell"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(a.stdout, true)
			case "zsh":
				return root.GenZshCompletion(a.stdout)
			case "fish":
				return root.GenFishCompletion(a.stdout, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(a.stdout)
			}
			return usagef(i18n.T("interpréteur inconnu « %s » ; permis : bash, zsh, fish, powershell",
				"unknown shell “%s”; allowed: bash, zsh, fish, powershell"), args[0])
		},
	}
}

func (a *app) cmdHelp(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:     a.tr("help [COMMANDE]", "help [COMMAND]"),
		Aliases: []string{"aide"},
		Short:   a.tr("Aide d'une commande", "Help about a command"),
		Long:    a.tr("Affiche l'aide de sexto ou d'une de ses commandes.\n\n", "Shows the help of sexto or of one of its commands.\n\n") + a.exitStatus(),
		Example: a.tr("  sexto help kit", "  sexto help kit"),
		Args:    cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				name := ""
				if len(args) > 0 {
					name = args[0]
				}
				return usagef(i18n.T("aucune aide pour « %s » : commande inconnue", "no help for “%s”: unknown command"), name)
			}
			return target.Help()
		},
	}
}
