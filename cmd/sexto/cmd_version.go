package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

func (a *app) cmdVersion() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   a.tr("Afficher la version de sexto", "Show the version of sexto"),
		Long:    a.tr("Affiche la version du module, le commit et la version de Go.\n\n", "Shows the module version, the commit and the Go version.\n\n") + a.exitStatus(),
		Example: "  sexto version",
		RunE: func(cmd *cobra.Command, args []string) error {
			v, commit := version()
			if commit != "" {
				v += " (" + commit + ")"
			}
			_, err := fmt.Fprintf(a.stdout, "sexto %s %s %s/%s\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
