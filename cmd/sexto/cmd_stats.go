package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"sexto/kit/i18n"
	"sexto/kit/stats"
)

// statsOptions are what `sexto stats` was asked, parsed from its flags and arguments.
type statsOptions struct {
	Paths   []string
	Out     string
	CSV     string
	XLSX    string
	Workers int
}

func (a *app) cmdStats() *cobra.Command {
	var o statsOptions
	c := &cobra.Command{
		Use:   a.tr("stats CHEMIN... [-o FICHIER.pdf] [--csv FICHIER.csv] [--xlsx FICHIER.xlsx]", "stats PATH... [-o FILE.pdf] [--csv FILE.csv] [--xlsx FILE.xlsx]"),
		Short: a.tr("Statistiques anonymes sur plusieurs dossiers", "Anonymous statistics over many incidents"),
		Long: a.tr(`Lit des dossiers d'incident, classeurs (.xlsx) ou formulaires PDF remplis (.pdf), nommés un à
un ou cherchés dans des dossiers, et produit des statistiques anonymes : dossiers et élèves,
orientations, rôles, niveaux, moyens, mois du dévoilement, règles appliquées, part
d'interventions SEXTO antérieures, heures entre le dévoilement et l'appel au 911, part des
routes éducatives où la trousse a été remise dans les 4 jours. Aucun nom, aucune réf. d'élève,
aucun numéro de dossier, aucune date plus précise que le mois, pas même pour dire quand elles
ont été produites ; tout nombre de 1 à 4 devient « < 5 », et un second nombre est « masqué »
quand un total ou un autre tableau permettrait de retrouver le premier ; un tableau où cela ne
suffirait pas n'est pas donné. Avec moins de 5 dossiers, aucune répartition n'est donnée.

Le CSV s'ouvre d'un double-clic dans Excel en français (séparateur « ; ») ou en anglais (« , »),
selon la langue choisie ; --xlsx écrit les mêmes tableaux dans un classeur. Les fichiers d'une
même commande sont tous écrits, ou aucun.

Les fichiers illisibles ou invalides sont nommés et écartés ; un dossier présent dans deux
fichiers n'est compté qu'une fois. Code 3 si un fichier a été écarté. Dans un dossier, les
autres fichiers faits par sexto (rapports, lettres, statistiques, trousse…) ne sont pas des
dossiers d'incident : ils sont laissés de côté et nommés sur une seule ligne, sans code 3.

`, `Reads incidents, workbooks (.xlsx) or filled PDF forms (.pdf), named one by one or found in
folders, and produces anonymous statistics: incidents and students, orientations, roles,
grades, channels, month of disclosure, rules fired, share of earlier SEXTO interventions, hours
from disclosure to the 911 call, share of educational routes where the kit was handed over
within 4 days. No name, no student ref, no incident number, no date finer than the month, not
even to say when they were made; every count from 1 to 4 becomes “< 5”, and one more count is
“suppressed” when a total or another table would give the first away; a table where that would
not be enough is not given. With fewer than 5 incidents, no breakdown is given.

The CSV opens by double-click in Excel in English (separator “,”) or French (“;”), following
the language chosen; --xlsx writes the same tables to a workbook. The files of one command are
all written, or none.

Unreadable or invalid files are named and skipped; an incident found in two files is counted
once. Status 3 when a file was skipped. In a folder, the other files that sexto made (reports,
letters, statistics, the kit…) are not incidents: they are left out and named on a single
line, without status 3.

`) + a.exitStatus(),
		Example: a.tr(`  sexto stats dossiers-2025-2026 -o stats.pdf --csv stats.csv
  sexto stats dossiers-2025-2026 --xlsx stats.xlsx
  sexto stats a.xlsx b.xlsx archives/`, `  sexto stats incidents-2025-2026 -o stats.pdf --csv stats.csv
  sexto stats incidents-2025-2026 --xlsx stats.xlsx
  sexto stats a.xlsx b.xlsx archive/`),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef(i18n.T("« sexto stats » attend au moins un fichier ou un dossier", "“sexto stats” needs at least one file or folder"))
			}
			return nil
		},
		Annotations: needs(needsContext),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			return work(a.runs.stats, a.runStats, o)
		},
	}
	c.Flags().StringVarP(&o.Out, "output", "o", "", a.tr("écrire le PDF dans `FICHIER`.pdf", "write the PDF to `FILE`.pdf"))
	c.Flags().StringVar(&o.CSV, "csv", "", a.tr("écrire aussi les chiffres dans `FICHIER`.csv (pour Excel)", "also write the figures to `FILE`.csv (for Excel)"))
	c.Flags().StringVar(&o.XLSX, "xlsx", "", a.tr("écrire aussi les tableaux dans le classeur `FICHIER`.xlsx", "also write the tables to the workbook `FILE`.xlsx"))
	c.Flags().IntVar(&o.Workers, "workers", 0, a.tr("nombre de fichiers lus en parallèle (`N` ; par défaut, un par processeur)", "number of files read in parallel (`N`; default one per processor)"))
	return c
}

// runStats does the work of `sexto stats`.
func (a *app) runStats(o statsOptions) error {
	if o.Out == "" && o.CSV == "" && o.XLSX == "" {
		o.Out = a.tr("statistiques-sexto.pdf", "sexto-statistics.pdf")
	}
	for _, t := range []struct{ flag, path, ext string }{{"-o", o.Out, ".pdf"}, {"--csv", o.CSV, ".csv"}, {"--xlsx", o.XLSX, ".xlsx"}} {
		if t.path != "" {
			if err := outputName(t.flag, t.path, t.ext); err != nil {
				return err
			}
			if err := a.checkTarget(t.path, t.ext); err != nil {
				return err
			}
		}
	}
	a.specimenNotice()
	// the outputs are never read as inputs, even when they are written into a folder read
	files, bad := stats.Files(o.Paths, o.Out, o.CSV, o.XLSX)
	none := inputError{i18n.Errorf(i18n.T("aucun classeur (.xlsx) ni formulaire PDF (.pdf) d'incident trouvé dans %s ; rien n'a été écrit",
		"no incident workbook (.xlsx) or PDF form (.pdf) found in %s; nothing was written"), strings.Join(o.Paths, ", "))}
	if len(files) == 0 {
		for _, b := range bad {
			a.notice(i18n.T("écarté : %s", "skipped: %s"), oneLine(i18n.Message(b.Reason, a.lang)))
		}
		return none
	}
	progress := a.progressBar()
	res := stats.Read(files, o.Workers, progress)
	res.Skipped = append(bad, res.Skipped...)
	if len(res.Records) == 0 && len(res.Skipped) == 0 && len(res.Duplicates) == 0 {
		a.documentsNotice(res.Documents)
		return none
	}
	f := stats.Compute(res.Records, a.lang)
	f.Read = res.Files
	// every output is made first, then all are written together or none
	var outs []output
	if o.Out != "" {
		b, err := stats.PDF(f, a.ctx)
		if err != nil {
			return err
		}
		outs = append(outs, output{o.Out, b, permPublic})
	}
	if o.CSV != "" {
		outs = append(outs, output{o.CSV, stats.CSV(f, a.lang), permPublic})
	}
	if o.XLSX != "" {
		b, err := stats.XLSX(f, a.lang)
		if err != nil {
			return err
		}
		outs = append(outs, output{o.XLSX, b, permPublic})
	}
	if err := a.writeOutputs(outs); err != nil {
		return err
	}
	for _, d := range res.Duplicates {
		a.notice(i18n.T("%s : même dossier que %s ; compté une fois, d'après %s.", "%s: same incident as %s; counted once, from %s."), d.File, d.KeptFile, d.KeptFile)
	}
	for _, s := range res.Skipped {
		a.notice(i18n.T("écarté : %s", "skipped: %s"), oneLine(i18n.Message(s.Reason, a.lang)))
	}
	a.documentsNotice(res.Documents)
	var names []string
	for _, o := range outs {
		names = append(names, o.path)
	}
	written := strings.Join(names, ", ")
	a.notice(i18n.T("%d fichier(s) lu(s), %d dossier(s) utilisé(s), %d écarté(s), %d en double ; écrit : %s.",
		"%d file(s) read, %d incident(s) used, %d skipped, %d duplicate(s); written: %s."),
		res.Files+len(bad), len(res.Records), len(res.Skipped), len(res.Duplicates), written)
	if len(res.Skipped) > 0 {
		return inputError{i18n.Errorf(i18n.T("%d fichier(s) écarté(s) : les statistiques portent sur les autres",
			"%d file(s) skipped: the statistics cover the others"), len(res.Skipped))}
	}
	return nil
}

// documentsShown is how many of sexto's own documents are named before "and N more".
const documentsShown = 5

// documentsNotice names, on one line, the files that sexto made and that were left out as no
// incidents (reports, letters, statistics…): a folder of letters holds dozens of them, and one
// line per file would bury the files skipped for a reason the user must see.
func (a *app) documentsNotice(docs []string) {
	if len(docs) == 0 {
		return
	}
	names := strings.Join(docs[:min(len(docs), documentsShown)], ", ")
	switch n := len(docs) - documentsShown; {
	case n == 1:
		names += a.tr(" et 1 autre", " and 1 more")
	case n > 1:
		names += fmt.Sprintf(a.tr(" et %d autres", " and %d more"), n)
	}
	if len(docs) == 1 {
		a.notice(i18n.T("laissé de côté : un fichier fait par sexto qui n'est ni un classeur ni un formulaire d'incident (rapport, lettre, statistiques, trousse…) : %s",
			"left out: a file made by sexto that is not an incident workbook or form (report, letter, statistics, kit…): %s"), names)
		return
	}
	a.notice(i18n.T("laissés de côté : %d fichiers faits par sexto qui ne sont ni des classeurs ni des formulaires d'incident (rapports, lettres, statistiques, trousse…) : %s",
		"left out: %d files made by sexto that are not incident workbooks or forms (reports, letters, statistics, kit…): %s"), len(docs), names)
}

// oneLine keeps the first line of a message (a list of problems is summed up by its head).
func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// progressBar draws progress on stderr when it is a terminal; nothing when piped.
func (a *app) progressBar() func(done, total int) {
	if !a.isTerminal(a.stderr) {
		return nil
	}
	return func(done, total int) {
		if total == 0 {
			return
		}
		const width = 30
		n := done * width / total
		fmt.Fprintf(a.stderr, "\r[%s%s] %d/%d", strings.Repeat("=", n), strings.Repeat(" ", width-n), done, total)
		if done == total {
			fmt.Fprintln(a.stderr)
		}
	}
}
