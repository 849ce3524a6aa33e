package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"sexto/kit/i18n"
)

// Permissions of the files sexto writes: blank forms are ordinary files; anything that holds
// personal information is readable by its owner only.
const (
	permPublic  fs.FileMode = 0o644
	permPrivate fs.FileMode = 0o600
)

// writeOutput writes data to path atomically: a temporary file in the same folder, synced, then
// moved into place. An existing file is kept unless force is set; on any failure nothing is
// left behind. "-" writes to standard output, never to a terminal.
func (a *app) writeOutput(path string, data []byte, perm fs.FileMode) error {
	if path == "-" {
		if a.isTerminal(a.stdout) {
			return usagef(i18n.T("refus d'écrire un PDF dans le terminal", "refusing to write a PDF to the terminal")).(usageError).withHint(
				i18n.T("Redirigez la sortie (> fichier.pdf) ou donnez un nom avec -o FICHIER.",
					"Redirect the output (> file.pdf) or give a name with -o FILE."))
		}
		_, err := a.stdout.Write(data)
		return err
	}
	return writeFileAtomic(path, data, perm, a.flags.force)
}

func (e usageError) withHint(h i18n.Text) error {
	var ie *i18n.Error
	if errors.As(e.err, &ie) {
		ie.WithHint(h)
	}
	return e
}

func existsError(path string) error {
	return i18n.Errorf(i18n.T("%s existe déjà ; rien n'a été écrit", "%s already exists; nothing was written"), path).
		WithHint(i18n.T("Ajoutez --force pour le remplacer, ou choisissez un autre nom avec -o.",
			"Add --force to replace it, or choose another name with -o."))
}

func writeFileAtomic(path string, data []byte, perm fs.FileMode, force bool) (err error) {
	dir := filepath.Dir(path)
	if st, statErr := os.Stat(dir); statErr != nil || !st.IsDir() {
		return i18n.Errorf(i18n.T("%s : le dossier n'existe pas", "%s: the folder does not exist"), dir)
	}
	if st, statErr := os.Stat(path); statErr == nil {
		if st.IsDir() {
			return i18n.Errorf(i18n.T("%s est un dossier ; donnez un nom de fichier", "%s is a folder; give a file name"), path)
		}
		if !force {
			return existsError(path)
		}
	}
	tmp, err := os.CreateTemp(dir, ".sexto-*.tmp")
	if err != nil {
		return i18n.Wrap(err, i18n.T("%s : écriture impossible", "%s: cannot write"), path)
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if runtime.GOOS != "windows" {
		if err = tmp.Chmod(perm); err != nil {
			return i18n.Wrap(err, i18n.T("%s : écriture impossible", "%s: cannot write"), path)
		}
	}
	if _, err = tmp.Write(data); err != nil {
		return i18n.Wrap(err, i18n.T("%s : écriture impossible", "%s: cannot write"), path)
	}
	if err = tmp.Sync(); err != nil {
		return i18n.Wrap(err, i18n.T("%s : écriture impossible", "%s: cannot write"), path)
	}
	if err = tmp.Close(); err != nil {
		return i18n.Wrap(err, i18n.T("%s : écriture impossible", "%s: cannot write"), path)
	}
	if !force {
		// A hard link fails if the name was taken meanwhile: no race can overwrite a file.
		if linkErr := os.Link(name, path); linkErr == nil {
			os.Remove(name)
			return nil
		} else if errors.Is(linkErr, fs.ErrExist) {
			err = existsError(path)
			return err
		}
		// File systems without hard links (FAT USB keys): check once more, then rename.
		if _, statErr := os.Stat(path); statErr == nil {
			err = existsError(path)
			return err
		}
	}
	if err = os.Rename(name, path); err != nil {
		return i18n.Wrap(err, i18n.T("%s : écriture impossible", "%s: cannot write"), path)
	}
	return nil
}

// isTerminalWriter reports whether w is a terminal.
func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminalFd(f.Fd())
}

// privateNotice tells where a file with personal information went and who can read it. On
// Windows the file takes the folder's access rights, so the advice is about the folder.
func (a *app) privateNotice(path string) {
	if path != "" && path != "-" {
		a.notice(i18n.T("%s écrit.", "%s written."), path)
	}
	if runtime.GOOS == "windows" {
		a.notice(i18n.T("renseignements personnels : gardez ce fichier dans un dossier que vous seul pouvez ouvrir (pas un dossier partagé).",
			"personal information: keep this file in a folder only you can open (not a shared folder)."))
		return
	}
	a.notice(i18n.T("renseignements personnels : fichier lisible par vous seul.", "personal information: file readable by you only."))
}
