package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/inconshreveable/mousetrap"
	"github.com/spf13/cobra"

	"sexto/kit/i18n"
)

func init() {
	// cobra's own page is English and closes after five seconds; explorerPage replaces it.
	cobra.MousetrapHelpText = ""
}

// startedByExplorer reports whether sexto.exe was double-clicked in the Windows file
// Explorer (always false elsewhere).
func startedByExplorer() bool { return mousetrap.StartedByExplorer() }

// explorerPage is what a double-click on sexto.exe shows: what the program is, how it is
// used, and an offer to open a console in its folder. It waits for Enter, so that the window
// does not vanish before it is read.
func (a *app) explorerPage() int {
	dir := "."
	if a.executable != nil {
		if exe, err := a.executable(); err == nil {
			dir = filepath.Dir(exe)
		}
	}
	fmt.Fprint(a.stdout, a.tr(`sexto — la trousse SEXTO pour les écoles secondaires du Québec
==============================================================

sexto imprime la trousse SEXTO (étapes, grilles d'évaluation, étiquettes, lettres aux
parents…) et prépare le dossier pour la police et le DPCP.

sexto ne s'ouvre pas d'un double-clic : c'est un programme qui se commande en tapant, dans
une fenêtre de commandes (l'Invite de commandes) ouverte dans son dossier :
  %s

Dans cette fenêtre, tapez chacune de ces commandes, puis Entrée :
  sexto init    écrit sexto.toml, le profil de l'école, à remplir dans le Bloc-notes
  sexto kit     imprime la trousse complète (trousse-sexto.pdf)
  sexto help    la liste de toutes les commandes

Les guides (secrétariat, intervenant(e), direction, questions fréquentes) sont dans le
dossier « guides » ; LISEZMOI.txt explique tout cela.

Appuyez sur Entrée pour ouvrir l'Invite de commandes dans ce dossier (ou fermez cette
fenêtre).
`, `sexto — the SEXTO kit for Quebec high schools
=============================================

sexto prints the SEXTO kit (steps, evaluation grids, labels, parent letters…) and prepares
the package for the police and the DPCP.

sexto does not open with a double-click: it is a program you give commands to by typing, in
a command window (the Command Prompt) opened in its folder:
  %s

In that window, type each of these commands, then Enter:
  sexto init    writes sexto.toml, the school profile, to fill in with Notepad
  sexto kit     prints the whole kit (sexto-kit.pdf)
  sexto help    the list of every command

The guides (secretary, intervener, principal, frequent questions) are in the “guides”
folder; README.txt explains all this.

Press Enter to open the Command Prompt in this folder (or close this window).
`), dir)
	if _, err := bufio.NewReader(a.stdin).ReadString('\n'); err != nil {
		return exitOK // the window was closed, or there is no input: nothing more to do
	}
	if a.openConsole == nil {
		return exitOK
	}
	if err := a.openConsole(dir); err != nil {
		return report(a.stderr, a.lang, i18n.Wrap(err, i18n.T("impossible d'ouvrir l'Invite de commandes dans %s",
			"cannot open the Command Prompt in %s"), dir).WithHint(i18n.T(
			"Ouvrez le dossier dans l'Explorateur, tapez cmd dans la barre d'adresse, puis Entrée.",
			"Open the folder in Explorer, type cmd in the address bar, then press Enter.")))
	}
	return exitOK
}

// osExecutable is the path of the running program.
func osExecutable() (string, error) { return os.Executable() }
