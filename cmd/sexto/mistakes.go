package main

import (
	"os"
	"path/filepath"
	"strings"

	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/printkit"
	"sexto/kit/profile"
	"sexto/kit/workbook"
)

// The mistakes people make on a command line, each answered with what to do.

// workbookArgs checks the arguments of a command that reads one filled workbook. Several
// arguments are most often one path with spaces, typed without quotes.
func workbookArgs(name string, args []string) error {
	switch {
	case len(args) == 1:
		return nil
	case len(args) == 0:
		return usageError{i18n.Errorf(i18n.T("« sexto %s » attend un FICHIER.xlsx : le classeur de l'incident",
			"“sexto %s” needs a FILE.xlsx: the incident workbook"), name).WithHint(i18n.T(
			"Par exemple : sexto "+name+" dossier-2026-014.xlsx", "For example: sexto "+name+" incident-2026-014.xlsx"))}
	}
	quoted := make([]string, len(args))
	for i, s := range args {
		quoted[i] = "« " + s + " »"
	}
	got := strings.Join(quoted, " ")
	quotedEN := "“" + strings.Join(args, "” “") + "”"
	joined := strings.Join(args, " ")
	workbooks := 0
	st := func(p string) bool { fi, err := os.Stat(p); return err == nil && !fi.IsDir() }
	for _, s := range args {
		if ext := strings.ToLower(filepath.Ext(s)); st(s) && (ext == ".xlsx" || ext == ".pdf") { // a workbook or a form
			workbooks++
		}
	}
	e := i18n.Errorf(i18n.T("« sexto %s » attend un seul FICHIER.xlsx ; reçu %d arguments : %s",
		"“sexto %s” needs one FILE.xlsx; got %d arguments: %s"), name, len(args), i18n.T(got, quotedEN))
	if workbooks == len(args) {
		return usageError{e.WithHint(i18n.T("Un classeur à la fois : lancez la commande une fois pour chaque classeur.",
			"One workbook at a time: run the command once for each workbook."))}
	}
	return usageError{e.WithHint(i18n.T(
		"Un chemin qui contient des espaces s'écrit entre guillemets droits : sexto "+name+" \""+joined+"\"",
		"A path with spaces goes between straight quotes: sexto "+name+" \""+joined+"\""))}
}

// outputName checks the name given to -o before any work: a folder, or a name without the
// file type's extension, is refused with the name to type instead. Extensions are never
// added silently: the file would not be where the user looks for it.
func outputName(flag, out, ext string) error {
	if out == "-" || out == "" {
		return nil
	}
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		example := filepath.Join(out, exampleName(ext))
		return usageError{i18n.Errorf(i18n.T("%s %s : c'est un dossier ; %s attend un nom de fichier",
			"%s %s: that is a folder; %s needs a file name"), flag, out, flag).WithHint(i18n.T(
			"Donnez un nom de fichier dans ce dossier, par exemple : "+flag+" \""+example+"\"",
			"Give a file name in that folder, for example: "+flag+" \""+example+"\""))}
	}
	if strings.HasSuffix(out, "/") || strings.HasSuffix(out, `\`) {
		return usageError{i18n.Errorf(i18n.T("%s %s : le nom du fichier manque après le dossier",
			"%s %s: the file name is missing after the folder"), flag, out).WithHint(i18n.T(
			"Par exemple : "+flag+" \""+out+exampleName(ext)+"\"", "For example: "+flag+" \""+out+exampleName(ext)+"\""))}
	}
	have := filepath.Ext(out)
	if strings.EqualFold(have, ext) {
		return nil
	}
	fixed := out + ext
	if isExtension(have) {
		fixed = strings.TrimSuffix(out, have) + ext
	}
	if have == "" {
		return usagef(i18n.T("%s %s : il manque l'extension %s ; écrivez %s %s",
			"%s %s: the %s extension is missing; write %s %s"), flag, out, ext, flag, fixed)
	}
	return usagef(i18n.T("%s %s : ce fichier sera un %s, son nom doit finir par %s ; écrivez %s %s",
		"%s %s: this file will be a %s, its name must end in %s; write %s %s"), flag, out, kindOf(ext), ext, flag, fixed)
}

// isExtension reports whether e looks like a file type (".docx"), not part of a name
// ("trousse.2026").
func isExtension(e string) bool {
	if len(e) < 2 || len(e) > 5 {
		return false
	}
	for _, r := range e[1:] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func exampleName(ext string) string {
	switch ext {
	case ".xlsx":
		return "dossier-2026-014.xlsx"
	case ".toml":
		return "sexto.toml"
	case ".csv":
		return "stats.csv"
	}
	return "rapport.pdf"
}

func kindOf(ext string) i18n.Text {
	switch ext {
	case ".xlsx":
		return i18n.T("classeur Excel", "Excel workbook")
	case ".toml":
		return i18n.T("profil TOML", "TOML profile")
	case ".csv":
		return i18n.T("CSV", "CSV")
	}
	return i18n.T("PDF", "PDF")
}

// initTarget checks where « sexto init » would write: a name ending in .toml, and not a
// profile that exists already. A filled profile is named as such, with the way to write a
// fresh one elsewhere: --force would erase what the school typed.
func (a *app) initTarget(out string) error {
	if err := outputName("-o", out, ".toml"); err != nil || out == "-" || a.flags.force {
		return err
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil // absent: written below; unreadable: writeOutput says why
	}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		if string(b) == string(profile.InitFile(l)) {
			return i18n.Errorf(i18n.T("%s existe déjà et n'est pas encore rempli ; rien n'a été écrit",
				"%s already exists and is not filled in yet; nothing was written"), out).WithHint(i18n.T(
				"Ouvrez-le pour le remplir : notepad "+out+" (sous macOS : open -e "+out+").",
				"Open it to fill it in: notepad "+out+" (on macOS: open -e "+out+")."))
		}
	}
	school := ""
	if p, err := profile.Parse(b, out, filepath.Dir(out)); err == nil {
		school = p.School.Name
	}
	e := i18n.Errorf(i18n.T("%s existe déjà et il est rempli ; rien n'a été écrit", "%s already exists and is filled in; nothing was written"), out)
	if school != "" {
		e = i18n.Errorf(i18n.T("%s existe déjà et il est rempli (école : « %s ») ; rien n'a été écrit",
			"%s already exists and is filled in (school: “%s”); nothing was written"), out, school)
	}
	return e.WithHint(i18n.T(
		"Pour modifier ce profil, ouvrez-le : notepad "+out+". Pour écrire un profil neuf à côté : sexto init -o autre.toml (--force effacerait ce qui est inscrit dans "+out+").",
		"To change this profile, open it: notepad "+out+". To write a fresh profile beside it: sexto init -o other.toml (--force would erase what is written in "+out+")."))
}

// notIncident reports a workbook read without an incident sheet: a CSV re-saved as .xlsx,
// or any other spreadsheet (SPEC §6). Its cells are not worth listing: it is refused whole.
func notIncident(in *workbook.Incident) bool {
	return in != nil && in.Dossier.Name == ""
}

func notIncidentError(path string, in *workbook.Incident) error {
	l := in.Lang
	msg := i18n.T("%s n'est pas un classeur d'incident : il n'a pas de feuille « Dossier » (les rubriques incident.*) ; rien n'a été lu",
		"%s is not an incident workbook: it has no “Incident” sheet (the incident.* items); nothing was read")
	args := []any{path}
	if len(in.Students) == 0 {
		msg = i18n.T("%s n'est pas un classeur d'incident : il n'a ni feuille « Dossier » (les rubriques incident.*) ni grille d'élève (feuilles « %s », « %s »…) ; rien n'a été lu",
			"%s is not an incident workbook: it has neither an “Incident” sheet (the incident.* items) nor a student grid (sheets “%s”, “%s”…); nothing was read")
		args = append(args, workbook.StudentSheetName(l, 1), workbook.StudentSheetName(l, 2))
	}
	return i18n.Errorf(msg, args...).WithHint(i18n.T(
		"« sexto template » écrit le bon classeur (-o dossier-2026-014.xlsx) ; recopiez-y les réponses, puis relancez la commande. Un fichier CSV réenregistré en .xlsx ne suffit pas.",
		"“sexto template” writes the right workbook (-o incident-2026-014.xlsx); copy the answers into it, then run the command again. A CSV file saved again as .xlsx is not enough."))
}

// lockFile refuses Excel's lock file (~$dossier.xlsx, made while dossier.xlsx is open), with
// the name of the workbook meant.
func lockFile(path string) error {
	base := filepath.Base(path)
	if !strings.HasPrefix(base, "~$") {
		return nil
	}
	real := filepath.Join(filepath.Dir(path), strings.TrimPrefix(base, "~$"))
	if filepath.Dir(path) == "." {
		real = strings.TrimPrefix(base, "~$")
	}
	return i18n.Errorf(i18n.T("%s n'est pas un classeur : c'est le fichier de verrou qu'Excel crée pendant qu'un classeur est ouvert",
		"%s is not a workbook: it is the lock file Excel makes while a workbook is open"), path).WithHint(i18n.T(
		"Enregistrez le classeur dans Excel, puis donnez son vrai nom : sexto check \""+real+"\" (le fichier ~$ disparaît quand Excel se ferme).",
		"Save the workbook in Excel, then give its real name: sexto check \""+real+"\" (the ~$ file goes away when Excel closes)."))
}

// closestDoc is the document name, English or French, a mistyped one most likely meant.
func closestDoc(typed string) string {
	in := grid.Normalize(typed)
	best, bestD := "", 3
	for _, id := range printkit.IDs() {
		for _, n := range []string{id, docNames[id]} {
			if d := i18n.Distance(in, grid.Normalize(n)); d < bestD {
				best, bestD = n, d
			}
		}
	}
	return best
}
