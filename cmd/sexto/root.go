package main

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"sexto/kit/clock"
	"sexto/kit/doc"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/profile"
)

// app is what every command shares: the streams, the environment and the global flags.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     func(io.Writer) bool
	stdinTerminal  func() bool
	readPassword   func() ([]byte, error)
	// Seams for a double-click in the Windows Explorer (explorer.go), so that tests on any
	// system can play it: was sexto started from Explorer, where is the program, how to open
	// a console in a folder, and the system's language.
	startedByExplorer func() bool
	executable        func() (string, error)
	openConsole       func(dir string) error
	systemLang        func() (i18n.Lang, bool)

	lang  i18n.Lang
	flags struct {
		profile, lang, paper string
		force                bool
	}
	prof *profile.Profile
	// ctx is the one document context, built and checked by setup before the command runs
	ctx doc.Context
	// runs replaces commands' work in tests
	runs runners
}

func isTerminalFd(fd uintptr) bool { return term.IsTerminal(int(fd)) }

// run is the whole program; main only exits with its result.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, isTerminal: isTerminalWriter,
		stdinTerminal: stdinTerminal, readPassword: readPasswordTerminal,
		startedByExplorer: startedByExplorer, executable: osExecutable, openConsole: openConsole, systemLang: systemLang}
	return runWith(a, args)
}

// runWith runs the command line with a prepared app (tests replace its terminal check).
func runWith(a *app, args []string) int {
	a.lang = a.guessLang(args)
	if len(args) == 0 && a.startedByExplorer != nil && a.startedByExplorer() {
		return a.explorerPage()
	}
	root := a.newRoot()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	err := root.Execute()
	return report(a.stderr, a.lang, err)
}

// tr picks the text in the user's language.
func (a *app) tr(fr, en string) string { return i18n.T(fr, en).In(a.lang) }

// guessLang chooses the language of help and messages before the command line is parsed:
// --lang, else the language of the school's profile (not the embedded specimen's), else an
// English locale (LC_ALL, LC_MESSAGES, LANG; on Windows, the system's language), else French.
func (a *app) guessLang(args []string) i18n.Lang {
	var lang, prof string
	for i := 0; i < len(args); i++ {
		s := args[i]
		if s == "--" {
			break
		}
		for _, f := range []struct {
			name string
			dst  *string
		}{{"--lang", &lang}, {"--profile", &prof}} {
			if s == f.name && i+1 < len(args) {
				*f.dst = args[i+1]
			} else if strings.HasPrefix(s, f.name+"=") {
				*f.dst = strings.TrimPrefix(s, f.name+"=")
			}
		}
	}
	if l, ok := i18n.Parse(lang); ok && lang != "" {
		return l
	}
	if p, err := profile.Find(prof); err == nil && !p.Specimen() {
		return p.Lang()
	} else if err != nil {
		// a profile with problems: report them in its own language
		if l, ok := profile.PeekLanguage(prof); ok {
			return l
		}
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := a.getenv(v); s != "" {
			if l, ok := i18n.Parse(s); ok {
				return l
			}
			return i18n.FR
		}
	}
	if a.systemLang != nil {
		if l, ok := a.systemLang(); ok {
			return l
		}
	}
	return i18n.FR
}

// buildVersion is the release's version, set by .ci/release from the git tag
// (-ldflags "-X main.buildVersion=1.1.0").
var buildVersion string

// version returns the version (the release's, else the module's) and the commit from the
// build information.
func version() (string, string) {
	v, commit := "(devel)", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			// go install sexto@v1.1.0 says v1.1.0; a release says 1.1.0
			v = bi.Main.Version
			if len(v) > 1 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9' {
				v = v[1:]
			}
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				commit = s.Value
				if len(commit) > 12 {
					commit = commit[:12]
				}
			}
			if s.Key == "vcs.modified" && s.Value == "true" && commit != "" {
				commit += "+"
			}
		}
	}
	if buildVersion != "" {
		v = buildVersion
	}
	return v, commit
}

func (a *app) exitStatus() string {
	return a.tr(`Codes de sortie :
  0  succès
  1  échec (lecture, écriture, erreur interne)
  2  erreur d'utilisation (commande, option ou argument)
  3  le classeur lu contient des erreurs (toutes listées, avec leur cellule),
     ou un fichier a été écarté (stats)`,
		`Exit status:
  0  success
  1  failure (reading, writing, internal error)
  2  usage error (command, flag or argument)
  3  the workbook read has problems (all listed, with their cell),
     or a file was skipped (stats)`)
}

func (a *app) newRoot() *cobra.Command {
	root := &cobra.Command{
		PersistentPreRunE: a.preRun,
		Use:               "sexto",
		Short:             a.tr("La trousse SEXTO pour les écoles secondaires du Québec", "The SEXTO kit for Quebec high schools"),
		Long: a.tr(`sexto imprime la trousse SEXTO (étapes, aide-mémoire, grilles d'évaluation, formulaires de
chaîne de possession, étiquettes, aide-mémoire juridique, lettres aux parents, fiche de
transmission, journal des actions), en français ou en anglais.

Le profil de l'école est lu dans --profile, sinon dans ./sexto.toml, sinon le profil
spécimen intégré est utilisé (chaque page porte alors la mention SPÉCIMEN).
La langue est celle de --lang, sinon celle du profil, sinon celle du système (LANG),
sinon le français.

`, `sexto prints the SEXTO kit (steps, checklist, evaluation grids, chain-of-custody forms,
labels, legal reference sheet, parent letters, transmittal sheet, action log), in French or
English.

The school profile is read from --profile, else ./sexto.toml, else the embedded specimen
profile is used (every page is then marked SPECIMEN).
The language is --lang, else the profile's, else the system's (LANG), else French.

`) + a.frenchNamesHelp() + a.exitStatus(),
		Example: a.tr(`  sexto init                      # écrit sexto.toml, à remplir
  sexto kit                       # imprime la trousse complète (trousse-sexto.pdf)
  sexto kit --students 6 -o trousse.pdf
  sexto print grille --lang en    # une grille d'évaluation, en anglais`,
			`  sexto init                      # writes sexto.toml, to fill in
  sexto kit                       # prints the whole kit (sexto-kit.pdf)
  sexto kit --students 6 -o kit.pdf
  sexto print grid --lang fr      # one evaluation grid, in French`),
		SilenceErrors:     true,
		SilenceUsage:      true,
		DisableAutoGenTag: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			msg := i18n.T("commande inconnue « %s »", "unknown command “%s”")
			if s := a.suggestCommand(cmd, args[0]); s != "" {
				return usageError{i18n.Errorf(msg, args[0]).WithHint(
					i18n.T("Vouliez-vous dire « sexto "+s+" » ?", "Did you mean “sexto "+s+"”?"))}
			}
			return usagef(msg, args[0])
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.flags.profile, "profile", "", a.tr("profil de l'école à lire (`FICHIER`.toml ; par défaut ./sexto.toml, sinon le spécimen intégré)",
		"school profile to read (`FILE`.toml; default ./sexto.toml, else the embedded specimen)"))
	pf.StringVar(&a.flags.lang, "lang", "", a.tr("langue des documents et des messages : `fr` ou en (par défaut : celle du profil)",
		"language of documents and messages: fr or `en` (default: the profile's)"))
	pf.StringVar(&a.flags.paper, "paper", "", a.tr("format du papier : `letter` ou a4 (par défaut : celui du profil, sinon letter)",
		"paper size: `letter` or a4 (default: the profile's, else letter)"))
	pf.BoolVar(&a.flags.force, "force", false, a.tr("remplacer un fichier existant", "replace an existing file"))
	root.SuggestionsMinimumDistance = 2
	root.SetFlagErrorFunc(a.flagError)
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(
		a.cmdInit(),
		a.cmdKit(),
		a.cmdPrint(),
		a.cmdTemplates(),
		a.cmdTemplate(),
		a.cmdCheck(),
		a.cmdScore(),
		a.cmdRules(),
		a.cmdReferral(),
		a.cmdLetters(),
		a.cmdStats(),
		a.cmdExercise(),
		a.cmdVersion(),
		a.cmdCompletion(),
	)
	help := a.cmdHelp(root)
	root.SetHelpCommand(help)
	a.frenchNames(root)
	root.Version = versionLine()
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().Bool("version", false, a.tr("afficher la version de sexto", "show the version of sexto"))
	a.localize(root)
	a.localize(help)
	a.completions(root)
	return root
}

// localize gives every command the usage template and help flag in the user's language.
func (a *app) localize(c *cobra.Command) {
	c.SetUsageTemplate(a.usageTemplate())
	c.DisableFlagsInUseLine = true
	c.Flags().BoolP("help", "h", false, a.tr("afficher cette aide", "show this help"))
	if c.Args == nil {
		c.Args = a.noArgs
	}
	for _, sub := range c.Commands() {
		a.localize(sub)
	}
}

func (a *app) usageTemplate() string {
	if a.lang == i18n.EN {
		return `Usage:{{if and .Runnable (not .HasAvailableSubCommands)}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} COMMAND{{end}}{{if gt (len .Aliases) 0}}

Aliases:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Examples:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Commands:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Flags:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Global flags:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

Use "{{.CommandPath}} COMMAND --help" for more about a command.{{end}}
`
	}
	return `Utilisation :{{if and .Runnable (not .HasAvailableSubCommands)}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} COMMANDE{{end}}{{if gt (len .Aliases) 0}}

Alias :
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Exemples :
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Commandes :{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Options :
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Options globales :
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

« {{.CommandPath}} COMMANDE --help » donne l'aide d'une commande.{{end}}
`
}

func (a *app) noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 && cmd.HasSubCommands() {
		e := i18n.Errorf(i18n.T("« %s » : sous-commande inconnue « %s »", "“%s”: unknown subcommand “%s”"), cmd.CommandPath(), args[0])
		if s := a.suggestCommand(cmd, args[0]); s != "" {
			e.WithHint(i18n.T("Vouliez-vous dire « "+cmd.CommandPath()+" "+s+" » ?", "Did you mean “"+cmd.CommandPath()+" "+s+"”?"))
		}
		return usageError{e}
	}
	if len(args) > 0 {
		e := i18n.Errorf(i18n.T("« %s » ne prend pas d'argument (reçu : %s)", "“%s” takes no argument (got: %s)"),
			cmd.CommandPath(), strings.Join(args, " "))
		// "-o Mes documents/trousse.pdf" leaves "documents/trousse.pdf" behind
		if f := cmd.Flags().Lookup("output"); f != nil && f.Changed {
			joined := f.Value.String() + " " + strings.Join(args, " ")
			e.WithHint(i18n.T("-o a reçu « "+f.Value.String()+" » : un chemin qui contient des espaces s'écrit entre guillemets droits : -o \""+joined+"\"",
				"-o got “"+f.Value.String()+"”: a path with spaces goes between straight quotes: -o \""+joined+"\""))
		} else if len(args) == 1 && cmd.Flags().Lookup("output") != nil && filepath.Ext(args[0]) != "" {
			e.WithHint(i18n.T("Pour nommer le fichier écrit, mettez -o devant : "+cmd.CommandPath()+" -o \""+args[0]+"\"",
				"To name the file written, put -o before it: "+cmd.CommandPath()+" -o \""+args[0]+"\""))
		} else if strings.ContainsAny(strings.Join(args, ""), `./\`) {
			e.WithHint(i18n.T("Un chemin qui contient des espaces s'écrit entre guillemets droits : -o \"Mes documents\\trousse.pdf\"",
				"A path with spaces goes between straight quotes: -o \"My Documents\\kit.pdf\""))
		}
		return usageError{e}
	}
	return nil
}

// setup validates the global flags and loads the profile; commands that print call it.
func (a *app) setup() error {
	if err := a.setupLang(); err != nil {
		return err
	}
	a.flags.paper = strings.ToLower(strings.TrimSpace(a.flags.paper))
	switch a.flags.paper {
	case "", pdf.Letter, pdf.A4:
	default:
		return usagef(i18n.T("--paper : « %s » n'est pas permis ; valeurs permises : letter, a4",
			"--paper: “%s” is not allowed; allowed values: letter, a4"), a.flags.paper)
	}
	p, err := profile.Find(a.flags.profile)
	if err != nil {
		return err
	}
	a.prof = p
	for _, w := range p.Warnings {
		a.notice(i18n.T("attention : %s", "warning: %s"), i18n.Message(w, a.lang))
	}
	now, err := a.now()
	if err != nil {
		return err
	}
	// an agreement not yet in force on the documents' date is not stated as in force
	if w := p.AsOf(now); w != nil {
		a.notice(i18n.T("attention : %s", "warning: %s"), i18n.Message(w, a.lang))
	}
	v, _ := version()
	a.ctx = doc.Context{Profile: p, Lang: a.lang, Paper: a.paper(), Now: now, Creator: "sexto " + v}
	return a.ctx.Check()
}

// The setup a command needs, run by the root before the command itself (its annotation
// "setup"): the whole context, or only the language of its messages.
const (
	needsContext = "context"
	needsLang    = "lang"
)

func needs(what string) map[string]string { return map[string]string{"setup": what} }

// preRun is the root's hook before every command: no command has to remember its setup.
func (a *app) preRun(cmd *cobra.Command, args []string) error {
	switch cmd.Annotations["setup"] {
	case needsContext:
		return a.setup()
	case needsLang:
		return a.setupLang()
	}
	return nil
}

// paper is the paper size in force.
func (a *app) paper() string {
	if a.flags.paper != "" {
		return a.flags.paper
	}
	if a.prof != nil && a.prof.Paper != "" {
		return a.prof.Paper
	}
	return pdf.Letter
}

// now is the one clock: SOURCE_DATE_EPOCH when set, so that outputs are reproducible.
func (a *app) now() (time.Time, error) { return clock.Now(a.getenv) }

// notice prints an informational line on standard error, in the user's language.
func (a *app) notice(t i18n.Text, args ...any) {
	p := "sexto : "
	if a.lang == i18n.EN {
		p = "sexto: "
	}
	fmt.Fprintf(terminalWriter(a.stderr), p+t.In(a.lang)+"\n", args...) // values shown, never obeyed
}

// runners are the commands' work, each taking the options its command parsed from its flags
// and arguments. A test sets one to see what the parsing gave, without doing the work (the
// seam of cli/cli's NewCmd…(f, runF)).
type runners struct {
	check    func(checkOptions) error
	score    func(scoreOptions) error
	referral func(referralOptions) error
	letters  func(lettersOptions) error
	stats    func(statsOptions) error
	init     func(initOptions) error
	rules    func(rulesOptions) error
	version  func(versionOptions) error
	template func(templateOptions) error
	print    func(printOptions) error // kit and print
	// exercise and its subcommands; the export commands take the folder to write
	exercise        func(exerciseOptions) error
	exerciseCheck   func(exerciseCheckOptions) error
	exerciseExport  func(string) error
	templatesExport func(string) error
}

// work does a command's work with o: the runner a test set, else the command's own.
func work[T any](override, do func(T) error, o T) error {
	if override != nil {
		return override(o)
	}
	return do(o)
}
