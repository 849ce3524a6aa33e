package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"

	"sexto/kit/i18n"
)

// Permissions of the files sexto writes: blank forms are ordinary files; anything that holds
// personal information is readable by its owner only.
const (
	permPublic  fs.FileMode = 0o644
	permPrivate fs.FileMode = 0o600
)

// writeOutput writes data to path atomically: a temporary file in the same folder, synced, then
// moved into place. An existing file is kept unless force is set; on any failure, and on
// Ctrl+C, nothing is left behind. "-" writes to standard output, never to a terminal.
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
	a.armInterrupts()
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

func writeFileAtomic(path string, data []byte, perm fs.FileMode, force bool) error {
	s, err := stage(path, data, perm, force)
	if err != nil {
		return err
	}
	return commit([]*staged{s})
}

// output is one file of a run.
type output struct {
	path string
	data []byte
	perm fs.FileMode
}

// writeOutputs writes the outputs of one run together or not at all: each to a temporary
// file first, then all moved into place at once; when one cannot be written, none is left
// (those already moved are removed again). "-" goes to standard output, after the files.
func (a *app) writeOutputs(outs []output) error {
	a.armInterrupts()
	var files []*staged
	var stdout []output
	fail := func(err error) error {
		for _, s := range files {
			s.discard()
		}
		return err
	}
	for _, o := range outs {
		if o.path == "-" {
			stdout = append(stdout, o)
			continue
		}
		s, err := stage(o.path, o.data, o.perm, a.flags.force)
		if err != nil {
			return fail(err)
		}
		files = append(files, s)
	}
	if err := commit(files); err != nil {
		return err
	}
	for _, o := range stdout {
		if err := a.writeOutput(o.path, o.data, o.perm); err != nil {
			return err
		}
	}
	return nil
}

// staged is an output written to its temporary file, waiting to be moved into place.
type staged struct {
	tmp, path string
	force     bool
}

func cannotWrite(err error, path string) error {
	return i18n.Wrap(err, i18n.T("%s : écriture impossible", "%s: cannot write"), path)
}

// stage writes data to a temporary file beside path: same folder, so that moving it into
// place is a rename, never a copy. An existing file is refused unless force is set.
func stage(path string, data []byte, perm fs.FileMode, force bool) (s *staged, err error) {
	dir := filepath.Dir(path)
	if st, statErr := os.Stat(dir); statErr != nil || !st.IsDir() {
		return nil, i18n.Errorf(i18n.T("%s : le dossier n'existe pas", "%s: the folder does not exist"), dir)
	}
	if st, statErr := os.Stat(path); statErr == nil {
		if st.IsDir() {
			return nil, i18n.Errorf(i18n.T("%s est un dossier ; donnez un nom de fichier", "%s is a folder; give a file name"), path)
		}
		if !force {
			return nil, existsError(path)
		}
	}
	tmp, err := createTemp(dir)
	if err != nil {
		return nil, cannotWrite(err, path)
	}
	s = &staged{tmp: tmp.Name(), path: path, force: force}
	defer func() {
		if err != nil {
			tmp.Close()
			s.discard()
		}
	}()
	if runtime.GOOS != "windows" {
		if err = tmp.Chmod(perm); err != nil {
			return nil, cannotWrite(err, path)
		}
	}
	if _, err = tmp.Write(data); err != nil {
		return nil, cannotWrite(err, path)
	}
	if err = tmp.Sync(); err != nil {
		return nil, cannotWrite(err, path)
	}
	if err = tmp.Close(); err != nil {
		return nil, cannotWrite(err, path)
	}
	return s, nil
}

// discard removes the temporary file.
func (s *staged) discard() {
	temps.Lock()
	defer temps.Unlock()
	temps.drop(s.tmp)
}

// place moves the temporary file to its name; the registry is locked.
func (s *staged) place() error {
	if !s.force {
		// A hard link fails if the name was taken meanwhile: no race can overwrite a file.
		if linkErr := os.Link(s.tmp, s.path); linkErr == nil {
			temps.drop(s.tmp)
			return nil
		} else if errors.Is(linkErr, fs.ErrExist) {
			return existsError(s.path)
		}
		// File systems without hard links (FAT USB keys): check once more, then rename.
		if _, statErr := os.Stat(s.path); statErr == nil {
			return existsError(s.path)
		}
	}
	if err := os.Rename(s.tmp, s.path); err != nil {
		return cannotWrite(err, s.path)
	}
	delete(temps.live, s.tmp)
	return nil
}

// commitHook, when set (by tests), runs once the temporary files are written ("staged"), and
// again once the registry is held to move them into place ("locked").
var commitHook func(step string)

// commit moves staged outputs into place, all or none. It holds the registry while it does,
// so that an interruption comes before (the temporary files are removed, nothing is moved)
// or after (every output is in place), never in between.
func commit(outs []*staged) error {
	if commitHook != nil {
		commitHook("staged")
	}
	temps.Lock()
	defer temps.Unlock()
	if commitHook != nil {
		commitHook("locked")
	}
	if temps.interrupted {
		for _, s := range outs {
			temps.drop(s.tmp)
		}
		return errInterrupted
	}
	for i, s := range outs {
		if err := s.place(); err != nil {
			for _, done := range outs[:i] {
				os.Remove(done.path)
			}
			for _, rest := range outs[i:] {
				temps.drop(rest.tmp)
			}
			return err
		}
	}
	return nil
}

// tempRegistry is every temporary file this process has not yet moved into place or
// removed, so that an interruption (Ctrl+C, SIGTERM) can remove them: a temporary file holds a
// full copy of its output, a referral or a letter, under a hidden name.
type tempRegistry struct {
	sync.Mutex
	live        map[string]bool
	interrupted bool
	watch       sync.Once
	// where and in which language the handler says what it did (set by the app)
	stderr io.Writer
	lang   i18n.Lang
}

var temps = &tempRegistry{live: map[string]bool{}}

var errInterrupted = i18n.Errorf(i18n.T("interrompu ; rien n'a été écrit", "interrupted; nothing was written"))

// drop removes a temporary file and forgets it; the registry is locked.
func (t *tempRegistry) drop(name string) {
	os.Remove(name)
	delete(t.live, name)
}

// createTemp creates a temporary file in dir and registers it in one step, so that an
// interruption at any moment finds it. The first one installs the interruption handler.
func createTemp(dir string) (*os.File, error) {
	temps.watch.Do(watchInterrupts)
	temps.Lock()
	defer temps.Unlock()
	if temps.interrupted {
		return nil, errInterrupted
	}
	f, err := os.CreateTemp(dir, ".sexto-*.tmp")
	if err != nil {
		return nil, err
	}
	temps.live[f.Name()] = true
	return f, nil
}

// interrupt removes every temporary file and stops any further write. It waits for a commit
// in progress to end.
func (t *tempRegistry) interrupt() {
	t.Lock()
	defer t.Unlock()
	t.interrupted = true
	for name := range t.live {
		t.drop(name)
	}
}

// exitProcess ends the process after an interruption (tests replace it).
var exitProcess = os.Exit

// watchInterrupts removes the temporary files on Ctrl+C or SIGTERM, then exits with 128 plus
// the signal's number, as a shell reports a command stopped by it (130 for Ctrl+C).
func watchInterrupts() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-ch
		temps.interrupt()
		temps.Lock()
		w, l := temps.stderr, temps.lang
		temps.Unlock()
		if w != nil {
			p := map[i18n.Lang]string{i18n.FR: "sexto : ", i18n.EN: "sexto: "}[l]
			fmt.Fprintln(w, p+i18n.T("interrompu ; les fichiers en cours d'écriture ont été supprimés.",
				"interrupted; the files being written were removed.").In(l))
		}
		code := 130
		if sig == syscall.SIGTERM {
			code = 143
		}
		exitProcess(code)
	}()
}

// armInterrupts tells the handler where to say what it did.
func (a *app) armInterrupts() {
	temps.Lock()
	defer temps.Unlock()
	temps.stderr, temps.lang = a.stderr, a.lang
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
