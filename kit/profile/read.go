package profile

import (
	"errors"
	"io"
	"io/fs"
	"sync"
	"syscall"

	"sexto/kit/i18n"
)

// readFile reads the profile at path once: opened without waiting (a named pipe does not
// hang), refused unless it is a regular file (a directory, a device such as /dev/zero, a
// pipe), and read through a bound, whatever its size said (a file can grow while it is read,
// a sparse file claims gigabytes). The bytes are kept for PeekLanguage, which then does not
// read the file again.
func readFile(path string) ([]byte, error) {
	b, err := readBounded(path)
	lastRead.Lock()
	lastRead.path, lastRead.b, lastRead.err = path, b, err
	lastRead.Unlock()
	return b, err
}

// lastRead is the profile read last: the language peek done after a failed load shares it.
var lastRead struct {
	sync.Mutex
	path string
	b    []byte
	err  error
}

// readAgain returns the bytes of the profile at path read last, if it was the last read.
func readAgain(path string) ([]byte, error, bool) {
	lastRead.Lock()
	defer lastRead.Unlock()
	if lastRead.path != path || (lastRead.b == nil && lastRead.err == nil) {
		return nil, nil, false
	}
	return lastRead.b, lastRead.err, true
}

func readBounded(path string) ([]byte, error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, openError(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(path, st.Mode())
	}
	if st.Size() > MaxBytes {
		return nil, tooLarge(path)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, openError(path, err)
	}
	if len(b) > MaxBytes {
		return nil, tooLarge(path)
	}
	return b, nil
}

func tooLarge(path string) error {
	return i18n.Errorf(i18n.T("%s : ce profil est trop gros (plus de 1 Mo) ; est-ce bien un sexto.toml ?",
		"%s: this profile is too large (over 1 MB); is it really a sexto.toml?"), path)
}

// notRegular refuses what is not a file: the profile is a text file written with an editor.
func notRegular(path string, m fs.FileMode) error {
	if m.IsDir() {
		return i18n.Errorf(i18n.T("%s est un dossier, pas un profil : indiquez le fichier sexto.toml qu'il contient",
			"%s is a folder, not a profile: give the sexto.toml file inside it"), path)
	}
	return i18n.Errorf(i18n.T("%s n'est pas un fichier ordinaire (périphérique, tube nommé ou autre) : le profil doit être un fichier texte sexto.toml",
		"%s is not a regular file (a device, a named pipe or another special file): the profile must be a sexto.toml text file"), path).
		WithHint(i18n.T("« sexto init » écrit un profil à remplir.", "“sexto init” writes a profile to fill in."))
}

// openError says why the profile cannot be read, in both languages (never the system's
// English text alone).
func openError(path string, err error) error {
	hint := i18n.T("« sexto init » écrit un profil à remplir.", "“sexto init” writes a profile to fill in.")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return i18n.Errorf(i18n.T("%s : profil introuvable", "%s: profile not found"), path).WithHint(hint)
	case errors.Is(err, fs.ErrPermission):
		return i18n.Errorf(i18n.T("%s : lecture du profil refusée (permissions du fichier)",
			"%s: reading the profile is not permitted (file permissions)"), path)
	case errors.Is(err, syscall.ELOOP):
		return i18n.Errorf(i18n.T("%s : le profil est un lien symbolique qui tourne en boucle (trop de niveaux de liens)",
			"%s: the profile is a symbolic link that loops (too many levels of links)"), path)
	case errors.Is(err, syscall.EISDIR):
		return notRegular(path, fs.ModeDir)
	case errors.Is(err, syscall.ENAMETOOLONG):
		return i18n.Errorf(i18n.T("%s : le chemin du profil est trop long", "%s: the profile's path is too long"), clip(path))
	}
	return i18n.Errorf(i18n.T("%s : lecture du profil impossible (erreur du système : %s)",
		"%s: cannot read the profile (system error: %s)"), path, systemText(err))
}

// systemText is the system's own words for err, without the path Go repeats in front.
func systemText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// maxShownName bounds a name quoted in a message: a key of 20,000 characters is not echoed.
const maxShownName = 60

// clip shortens s for a message: its first maxShownName characters and "…".
func clip(s string) string {
	n := 0
	for i := range s {
		if n == maxShownName {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
