package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"sexto/kit/exercise"
	"sexto/kit/i18n"
)

// exerciseStatus is the exit status of the exercise commands: a debrief is not a failure, so
// the score never changes it.
func (a *app) exerciseStatus() string {
	return a.tr(`Codes de sortie :
  0  succès ; pour « check » : le classeur a été lu et comparé au corrigé, quel que soit le
     score (le bilan dit ce qui est à revoir)
  1  échec (lecture, écriture, erreur interne), ou un fichier de cas de --cases contient
     des erreurs (chacune avec son fichier et sa ligne)
  2  erreur d'utilisation (commande, option, argument, numéro de cas inconnu)
  3  le classeur du stagiaire a été refusé ou ne contient aucune grille : il n'est pas
     comparé ; une réponse non permise (une faute de frappe) n'empêche pas la comparaison :
     elle est nommée avec sa cellule, comme « sexto check » le fait, et compte comme une erreur`,
		`Exit status:
  0  success; for “check”: the workbook was read and compared with the key, whatever the
     score (the debrief says what to review)
  1  failure (reading, writing, internal error), or a case file of --cases has mistakes
     (each with its file and line)
  2  usage error (command, flag, argument, unknown case number)
  3  the trainee's workbook was refused or holds no grid: it is not compared; an answer
     that is not allowed (a typo) does not stop the comparison: it is named with its cell, as
     “sexto check” does, and counts as a mistake`)
}

// exerciseOptions are what `sexto exercise [N]` was asked.
type exerciseOptions struct {
	Case   string // the case's number, as typed; "" lists the cases
	Out    string // the folder to write to
	OutSet bool   // -o was given
	PDF    bool   // the fillable form instead of the workbook
	Cases  string // a board's folder of cases, or ""
}

func (a *app) cmdExercise() *cobra.Command {
	var o exerciseOptions
	c := &cobra.Command{
		Use:     a.tr("exercise [N] [-o DOSSIER] [--pdf] [--cases DOSSIER]", "exercise [N] [-o FOLDER] [--pdf] [--cases FOLDER]"),
		Aliases: []string{"exercice"},
		Short:   a.tr("S'exercer sur des cas fictifs, puis comparer sa grille au corrigé", "Practise on fictional cases, then compare your grids with the key"),
		Long: a.tr(`Des cas d'exercice fictifs, pour s'exercer à remplir les grilles avant un vrai dossier.

Sans argument : la liste des cas, avec ce que chacun exerce.
« sexto exercise N -o DOSSIER » écrit dans DOSSIER (le dossier courant sans -o) la mise en
situation du cas N (un PDF : le dévoilement et ce que chaque élève dit en rencontre, jamais le
contenu) et un classeur d'incident vierge, une grille par élève du cas ; avec --pdf, le
formulaire PDF à remplir au lieu du classeur. Remplissez-le comme un vrai dossier, puis
comparez : « sexto exercise check N FICHIER ».

Les cas sont des fichiers texte (TOML), un par cas et par langue. « sexto exercise export
DOSSIER » les écrit pour qu'un centre de services scolaire les adapte ou en ajoute ;
« --cases DOSSIER » les utilise ensuite avec les cas intégrés (un même numéro remplace le cas
intégré). Chaque page porte la mention EXERCICE : les personnes et les faits sont inventés.

`, `Fictional training cases, to practise filling in the grids before a real incident.

Without an argument: the list of cases, with what each one trains.
“sexto exercise N -o FOLDER” writes to FOLDER (the current folder without -o) case N's
briefing (a PDF: the disclosure and what each student says in the meetings, never the
content) and a blank incident workbook, one grid per student of the case; with --pdf, the
fillable PDF form instead of the workbook. Fill it in as a real incident, then compare:
“sexto exercise check N FILE”.

Cases are text files (TOML), one per case and language. “sexto exercise export FOLDER” writes
them for a school board to adapt or add to; “--cases FOLDER” then uses them with the built-in
ones (the same number replaces the built-in case). Every page is marked EXERCISE: the people and
the events are made up.

`) + a.exerciseStatus(),
		Example: a.tr(`  sexto exercise
  sexto exercise 1 -o exercice
  sexto exercise check 1 exercice/exercice-01-dossier.xlsx -o bilan-01.pdf`,
			`  sexto exercise
  sexto exercise 1 -o practice
  sexto exercise check 1 practice/exercise-01-incident.xlsx -o debrief-01.pdf`),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef(i18n.T("« sexto exercise » attend au plus un numéro de cas (reçu : %s)", "“sexto exercise” takes at most one case number (got: %s)"),
					strings.Join(args, " "))
			}
			return nil
		},
		Annotations: needs(needsContext),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				o.Case = args[0]
			}
			o.OutSet = cmd.Flags().Changed("output")
			return work(a.runs.exercise, a.runExercise, o)
		},
	}
	c.Flags().StringVarP(&o.Out, "output", "o", "", a.tr("écrire la mise en situation et le classeur dans `DOSSIER` (créé au besoin)",
		"write the briefing and the workbook to `FOLDER` (made if needed)"))
	c.Flags().BoolVar(&o.PDF, "pdf", false, a.tr("écrire le formulaire PDF à remplir au lieu du classeur", "write the fillable PDF form instead of the workbook"))
	c.PersistentFlags().StringVar(&o.Cases, "cases", "", a.tr("ajouter les cas de `DOSSIER` (DOSSIER/fr/*.toml, DOSSIER/en/*.toml) aux cas intégrés",
		"add the cases of `FOLDER` (FOLDER/fr/*.toml, FOLDER/en/*.toml) to the built-in ones"))
	_ = c.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
	_ = c.RegisterFlagCompletionFunc("cases", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
	c.AddCommand(a.cmdExerciseCheck(&o.Cases), a.cmdExerciseExport())
	return c
}

// runExercise does the work of `sexto exercise [N]`: list the cases, or write one.
func (a *app) runExercise(o exerciseOptions) error {
	set, err := exercise.Load(o.Cases)
	if err != nil {
		return err
	}
	if o.Case == "" {
		if o.OutSet || o.PDF {
			return usagef(i18n.T("-o demande un numéro de cas : sexto exercise N -o %s", "-o needs a case number: sexto exercise N -o %s"), o.Out)
		}
		a.listCases(set)
		return nil
	}
	ex, err := a.pickCase(set, o.Case)
	if err != nil {
		return err
	}
	return a.writeExercise(ex, o.Out, o.PDF)
}

// pickCase reads a case number and returns that case in the user's language.
func (a *app) pickCase(set *exercise.Set, arg string) (*exercise.Case, error) {
	var nums []string
	for _, c := range set.List(a.lang) {
		nums = append(nums, strconv.Itoa(c.Number))
	}
	hint := i18n.T("Cas offerts : "+strings.Join(nums, ", ")+" ; « sexto exercise » les énumère.",
		"Cases available: "+strings.Join(nums, ", ")+"; “sexto exercise” lists them.")
	n, err := strconv.Atoi(strings.TrimSpace(arg))
	if err != nil {
		return nil, usageError{i18n.Errorf(i18n.T("« %s » n'est pas un numéro de cas", "“%s” is not a case number"), arg).WithHint(hint)}
	}
	c, other, ok := set.Get(n, a.lang)
	if ok {
		return c, nil
	}
	if other != "" {
		return nil, usageError{i18n.Errorf(i18n.T("le cas %d n'existe qu'en %s", "case %d exists only in %s"), n,
			map[i18n.Lang]i18n.Text{i18n.FR: i18n.T("français", "French"), i18n.EN: i18n.T("anglais", "English")}[other]).
			WithHint(i18n.T("Ajoutez --lang "+string(other)+", ou écrivez le cas dans l'autre langue.", "Add --lang "+string(other)+", or write the case in the other language."))}
	}
	return nil, usageError{i18n.Errorf(i18n.T("il n'y a pas de cas %d", "there is no case %d"), n).WithHint(hint)}
}

func (a *app) listCases(set *exercise.Set) {
	w := terminalWriter(a.stdout) // texts of a board's case files: shown, never obeyed
	fmt.Fprintln(w, a.tr("Cas d'exercice (fictifs) :", "Training cases (fictional):"))
	for _, c := range set.List(a.lang) {
		fmt.Fprintf(w, "\n  %2d  %s\n", c.Number, c.Title)
		if !strings.HasPrefix(c.File, "templates"+string(filepath.Separator)) && !strings.HasPrefix(c.File, "templates/") {
			fmt.Fprintf(w, "      (%s)\n", c.File)
		}
		fmt.Fprintf(w, "      %s\n", wrapKeep(c.Trains, 84, "\n      "))
		students := a.tr("%d élèves", "%d students")
		if len(c.Students) == 1 {
			students = a.tr("%d élève", "%d student")
		}
		fmt.Fprintf(w, "      "+students+a.tr(" · orientation attendue du dossier : %s\n", " · expected incident orientation: %s\n"),
			len(c.Students), c.Expected.Orientation.Label().In(a.lang))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, a.tr("« sexto exercise N -o DOSSIER » écrit la mise en situation et le classeur du cas N.",
		"“sexto exercise N -o FOLDER” writes case N's briefing and workbook."))
}

// wrapKeep breaks s into lines of at most width characters joined by sep, never between a
// word and the French punctuation that goes with it (« a conservé », « : », « ; »).
func wrapKeep(s string, width int, sep string) string {
	glue := strings.NewReplacer("« ", "«\u00a0", " »", "\u00a0»", " :", "\u00a0:", " ;", "\u00a0;", " ?", "\u00a0?", " !", "\u00a0!")
	var lines []string
	line := ""
	for _, w := range strings.Split(glue.Replace(s), " ") {
		if w == "" {
			continue
		}
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
	return strings.Join(append(lines, line), sep)
}

// exerciseNames are the names of an exercise's files in the user's language.
func (a *app) exerciseNames(n int, form bool) (briefing, workbook string) {
	ext := ".xlsx"
	if form {
		ext = ".pdf"
	}
	return fmt.Sprintf(a.tr("exercice-%02d-mise-en-situation.pdf", "exercise-%02d-briefing.pdf"), n),
		fmt.Sprintf(a.tr("exercice-%02d-dossier", "exercise-%02d-incident"), n) + ext
}

func (a *app) writeExercise(c *exercise.Case, dir string, form bool) error {
	if dir == "" {
		dir = "."
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return usagef(i18n.T("-o %s : c'est un fichier ; -o attend un DOSSIER où écrire la mise en situation et le classeur",
			"-o %s: that is a file; -o needs a FOLDER to write the briefing and the workbook to"), dir)
	}
	bName, wName := a.exerciseNames(c.Number, form)
	bPath, wPath := filepath.Join(dir, bName), filepath.Join(dir, wName)
	// refuse before any work, so that a refusal leaves the folder as it was
	for _, p := range []string{bPath, wPath} {
		if _, err := os.Stat(p); err == nil && !a.flags.force {
			return existsError(p)
		}
	}
	now := a.ctx.Now
	creator := a.ctx.Creator
	// without an agreement the pages are marked SPÉCIMEN too, as every page sexto makes
	a.specimenNotice()
	o := exercise.Options{Lang: a.lang, Paper: a.paper(), Now: now, Creator: creator, Workbook: wName, Agreement: a.prof.Agreement}
	brief, err := exercise.Briefing(c, o)
	if err != nil {
		return err
	}
	var book []byte
	if form {
		book, err = exercise.Form(c, o)
	} else {
		book, err = exercise.Workbook(c, a.lang, now, creator)
	}
	if err != nil {
		return err
	}
	made := false
	if _, err := os.Stat(dir); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return i18n.Wrap(err, i18n.T("%s : création du dossier impossible", "%s: cannot create the folder"), dir)
		}
		made = true
	}
	// fictional people only: ordinary files
	if err := writeFileAtomic(bPath, brief, permPublic, a.flags.force); err != nil {
		if made {
			os.Remove(dir)
		}
		return err
	}
	if err := writeFileAtomic(wPath, book, permPublic, a.flags.force); err != nil {
		os.Remove(bPath)
		if made {
			os.Remove(dir)
		}
		return err
	}
	grids := i18n.T("exercice %d « %s » : %s et %s écrits (%d grilles).", "exercise %d “%s”: %s and %s written (%d grids).")
	if len(c.Students) == 1 {
		grids = i18n.T("exercice %d « %s » : %s et %s écrits (%d grille).", "exercise %d “%s”: %s and %s written (%d grid).")
	}
	a.notice(grids, c.Number, c.Title, bPath, wPath, len(c.Students))
	if form {
		a.notice(i18n.T("lisez la mise en situation, remplissez le formulaire, puis : sexto exercise check %d %s",
			"read the briefing, fill in the form, then: sexto exercise check %d %s"), c.Number, wPath)
	} else {
		a.notice(i18n.T("lisez la mise en situation, remplissez le classeur, puis : sexto exercise check %d %s",
			"read the briefing, fill in the workbook, then: sexto exercise check %d %s"), c.Number, wPath)
	}
	return nil
}

// exerciseCheckOptions are what `sexto exercise check` was asked.
type exerciseCheckOptions struct {
	Cases string // a board's folder of cases, or ""
	Case  string // the case's number, as typed
	File  string // the trainee's workbook or form
	Out   string // the debrief PDF, or ""
}

func (a *app) cmdExerciseCheck(cases *string) *cobra.Command {
	var o exerciseCheckOptions
	c := &cobra.Command{
		Use:     a.tr("check N FICHIER.xlsx|FICHIER.pdf [-o BILAN.pdf]", "check N FILE.xlsx|FILE.pdf [-o DEBRIEF.pdf]"),
		Aliases: []string{"verifier", "vérifier"},
		Short:   a.tr("Comparer le classeur rempli d'un exercice avec le corrigé", "Compare an exercise's filled workbook with the key"),
		Long: a.tr(`Lit le classeur (ou le formulaire PDF) que le stagiaire a rempli pour le cas N et le compare
au corrigé, rubrique par rubrique. Chaque différence est nommée (élève, rubrique, la réponse
donnée, la réponse attendue) avec ce qu'elle change : le corrigé est pré-classé de nouveau avec
cette seule réponse changée, et ce qui change (une orientation, une règle comme M-INTENT ou U-EXTORTION,
une grille incomplète) est dit en clair. Les différences qui changent l'issue viennent en
premier ; les autres (un téléphone, l'orthographe d'un nom) ensuite. Les textes libres se
comparent sans tenir compte des majuscules, des accents ni des espaces.

Le bilan dit aussi l'orientation que donnent les réponses du stagiaire contre celle attendue,
le score (rubriques justes sur rubriques du corrigé) et ce qui est juste. -o écrit le bilan
en PDF.

`, `Reads the workbook (or the PDF form) the trainee filled in for case N and compares it with the
key, item by item. Each difference is named (student, item, the answer given, the one expected) with what it
changes: the key is pre-classified again with that one answer changed, and what changes (an
orientation, a rule such as M-INTENT or U-EXTORTION, an incomplete grid) is said in plain words.
Differences that change the outcome come first; the others (a phone number, the spelling of a
name) after. Free texts are compared regardless of case, accents and spaces.

The debrief also gives the orientation the trainee's answers lead to against the expected one,
the score (items right out of the key's items) and what was right. -o writes the debrief as a
PDF.

`) + a.exerciseStatus(),
		Example: a.tr(`  sexto exercise check 1 exercice-01-dossier.xlsx
  sexto exercise check 1 exercice-01-dossier.xlsx -o bilan-01.pdf`,
			`  sexto exercise check 1 exercise-01-incident.xlsx
  sexto exercise check 1 exercise-01-incident.xlsx -o debrief-01.pdf`),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageError{i18n.Errorf(i18n.T("« sexto exercise check » attend un numéro de cas et un CLASSEUR.xlsx (reçu : %d argument(s))",
					"“sexto exercise check” needs a case number and a WORKBOOK.xlsx (got %d argument(s))"), len(args)).WithHint(
					i18n.T("Par exemple : sexto exercise check 1 exercice-01-dossier.xlsx", "For example: sexto exercise check 1 exercise-01-incident.xlsx"))}
			}
			return nil
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) == 1 {
				return []string{"xlsx"}, cobra.ShellCompDirectiveFilterFileExt
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		Annotations: needs(needsContext),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Cases, o.Case, o.File = *cases, args[0], args[1]
			return work(a.runs.exerciseCheck, a.runExerciseCheck, o)
		},
	}
	c.Flags().StringVarP(&o.Out, "output", "o", "", a.tr("écrire le bilan en PDF dans `FICHIER`.pdf", "write the debrief as a PDF to `FILE`.pdf"))
	_ = c.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return []string{"pdf"}, cobra.ShellCompDirectiveFilterFileExt
	})
	return c
}

// runExerciseCheck does the work of `sexto exercise check`.
func (a *app) runExerciseCheck(o exerciseCheckOptions) error {
	set, err := exercise.Load(o.Cases)
	if err != nil {
		return err
	}
	ex, err := a.pickCase(set, o.Case)
	if err != nil {
		return err
	}
	if o.Out != "" {
		if err := a.checkTarget(o.Out, ".pdf"); err != nil {
			return err
		}
	}
	in, err := a.readWorkbook(o.File)
	var problems problemList
	if err != nil && (!errors.As(err, &problems) || in == nil || len(in.Students) == 0) {
		return err // refused, or no grid to compare: nothing to debrief
	}
	if err != nil {
		// answers the grid does not allow are a trainee's mistakes: named here as "sexto check"
		// names them, then compared as wrong answers, shown as typed
		lines := []string{fmt.Sprintf(a.tr("%d réponse(s) de %s ne sont pas permises ; elles comptent comme des erreurs dans le bilan :",
			"%d answer(s) in %s are not allowed; they count as mistakes in the debrief:"), len(problems.list), o.File)}
		for _, e := range problems.list {
			lines = append(lines, "  - "+oneLine(i18n.Message(e, a.lang)))
		}
		a.notice(i18n.T("%s", "%s"), strings.Join(lines, "\n"))
	}
	d := exercise.Compare(ex, in, a.lang)
	if m := set.WrongCase(ex, in); m != nil {
		// still compared: the trainee may have typed another number by mistake
		d.Mismatch = m
		a.notice(i18n.T("attention : %s", "warning: %s"), m.Message(a.lang))
	}
	if o.Out == "-" {
		// the PDF goes to standard output: the text would mix with it
		a.notice(i18n.T("%s", "%s"), d.Score())
	} else {
		fmt.Fprint(terminalWriter(a.stdout), d.Text())
	}
	if o.Out == "" {
		return nil
	}
	now := a.ctx.Now
	a.specimenNotice()
	b, err := d.PDF(exercise.Options{Lang: a.lang, Paper: a.paper(), Now: now, Creator: a.ctx.Creator, Agreement: a.prof.Agreement})
	if err != nil {
		return err
	}
	if err := a.writeOutput(o.Out, b, permPublic); err != nil {
		return err
	}
	if o.Out != "-" {
		a.notice(i18n.T("%s écrit : le bilan de l'exercice %d.", "%s written: the debrief of exercise %d."), o.Out, ex.Number)
	}
	return nil
}

func (a *app) cmdExerciseExport() *cobra.Command {
	return &cobra.Command{
		Use:     a.tr("export DOSSIER", "export FOLDER"),
		Aliases: []string{"exporter"},
		Short:   a.tr("Écrire les cas intégrés dans un dossier, pour les adapter ou en ajouter", "Write the built-in cases to a folder, to adapt them or add more"),
		Long: a.tr(`Écrit DOSSIER/fr/*.toml, DOSSIER/en/*.toml (un fichier par cas et par langue) et
DOSSIER/README.md (le format des cas). Le dossier est créé au besoin ; aucun fichier existant
n'est remplacé sans --force. Utilisez ensuite les cas avec « sexto exercise --cases DOSSIER ».

`, `Writes FOLDER/fr/*.toml, FOLDER/en/*.toml (one file per case and language) and
FOLDER/README.md (the format of a case). The folder is made if needed; no existing file is
replaced without --force. Then use the cases with “sexto exercise --cases FOLDER”.

`) + a.exerciseStatus(),
		Example: a.tr("  sexto exercise export mes-cas\n  sexto exercise --cases mes-cas", "  sexto exercise export my-cases\n  sexto exercise --cases my-cases"),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef(i18n.T("« sexto exercise export » attend un DOSSIER", "“sexto exercise export” needs a FOLDER"))
			}
			return nil
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		Annotations: needs(needsLang),
		RunE: func(cmd *cobra.Command, args []string) error {
			return work(a.runs.exerciseExport, a.exportCases, args[0])
		},
	}
}

func (a *app) exportCases(dir string) error {
	files, err := exercise.Builtin()
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	if !a.flags.force {
		for _, n := range names {
			p := filepath.Join(dir, filepath.FromSlash(n))
			if _, err := os.Stat(p); err == nil {
				return i18n.Errorf(i18n.T("%s existe déjà ; rien n'a été écrit", "%s already exists; nothing was written"), p).
					WithHint(i18n.T("Ajoutez --force pour remplacer les cas, ou choisissez un autre DOSSIER.", "Add --force to replace the cases, or choose another FOLDER."))
			}
		}
	}
	var made, written []string
	undo := func() {
		for _, w := range written {
			os.Remove(w)
		}
		for i := len(made) - 1; i >= 0; i-- {
			os.Remove(made[i])
		}
	}
	for _, sub := range []string{"", "fr", "en"} {
		p := filepath.Join(dir, sub)
		if _, err := os.Stat(p); err != nil {
			if err := os.MkdirAll(p, 0o755); err != nil {
				undo()
				return i18n.Wrap(err, i18n.T("%s : création du dossier impossible", "%s: cannot create the folder"), p)
			}
			made = append(made, p)
		}
	}
	cases := 0
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := writeFileAtomic(p, files[n], permPublic, a.flags.force); err != nil {
			undo()
			return err
		}
		written = append(written, p)
		if strings.HasSuffix(n, ".toml") {
			cases++
		}
	}
	a.notice(i18n.T("%d fichiers de cas écrits dans %s (et README.md, leur format) ; utilisez-les avec « --cases %s ».",
		"%d case files written to %s (and README.md, their format); use them with “--cases %s”."), cases, dir, dir)
	return nil
}
