package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

// versionOptions are what `sexto version` was asked, parsed from its flags and arguments.
type versionOptions struct {
}

func (a *app) cmdVersion() *cobra.Command {
	var o versionOptions
	return &cobra.Command{
		Use:     "version",
		Short:   a.tr("Afficher la version de sexto", "Show the version of sexto"),
		Long:    a.tr("Affiche la version du module, le commit et la version de Go.\n\n", "Shows the module version, the commit and the Go version.\n\n") + a.exitStatus(),
		Example: "  sexto version",
		RunE: func(cmd *cobra.Command, args []string) error {
			return work(a.runs.version, a.runVersion, o)
		},
	}
}

// runVersion does the work of `sexto version`.
func (a *app) runVersion(o versionOptions) error {
	_, err := fmt.Fprintln(a.stdout, versionLine())
	return err
}

// versionLine is what « sexto version » and « sexto --version » print:
// "sexto 1.1.0 (3f2a9c1b0d4e) go1.26.8 windows/amd64".
func versionLine() string {
	v, commit := version()
	if commit != "" {
		v += " (" + commit + ")"
	}
	return fmt.Sprintf("sexto %s %s %s/%s", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
