package exercise

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"sexto/kit/i18n"
	"sexto/templates"
)

// MaxFileBytes bounds a case file.
const MaxFileBytes = 1 << 20

// Set is every case available, by language: the built-in ones, replaced or added to by a
// school board's folder.
type Set struct {
	cases map[i18n.Lang][]*Case
}

// Load reads the built-in cases and, when dir is not "", the case files of dir/fr and dir/en:
// a file whose case number is that of a built-in case replaces it in its language; another
// number adds a case. Every file of dir is checked, both languages; all the mistakes are
// returned together, each naming its file and line.
func Load(dir string) (*Set, error) {
	s := &Set{cases: map[i18n.Lang][]*Case{}}
	var errs i18n.List
	builtin, err := readAll(templates.Cases, "cases", "templates/")
	if err != nil {
		return nil, err
	}
	_, list := s.add(builtin, false)
	errs = append(errs, list...)
	if dir != "" {
		if err := checkDir(dir); err != nil {
			return nil, err
		}
		own, err := readAll(os.DirFS(dir), ".", dir+string(filepath.Separator))
		if err != nil {
			return nil, err
		}
		cases, list := s.add(own, true)
		errs = append(errs, list...)
		errs = append(errs, bothLanguages(cases)...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		sort.Slice(s.cases[l], func(i, j int) bool { return s.cases[l][i].Number < s.cases[l][j].Number })
	}
	return s, nil
}

type file struct {
	name string // as shown in messages
	lang i18n.Lang
	data []byte
}

// readAll reads root/fr/*.toml and root/en/*.toml of fsys, in name order.
func readAll(fsys fs.FS, root, shown string) ([]file, error) {
	var out []file
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		names, err := fs.Glob(fsys, path.Join(root, string(l), "*.toml"))
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		for _, n := range names {
			display := shown + filepath.FromSlash(n)
			st, err := fs.Stat(fsys, n)
			if err != nil || st.Size() > MaxFileBytes {
				return nil, i18n.Errorf(i18n.T("%s : fichier illisible ou trop gros (plus de 1 Mo)", "%s: unreadable file, or too large (over 1 MB)"), display)
			}
			b, err := fs.ReadFile(fsys, n)
			if err != nil {
				return nil, i18n.Wrap(err, i18n.T("%s : lecture impossible", "%s: cannot read"), display)
			}
			out = append(out, file{display, l, b})
		}
	}
	return out, nil
}

// add parses files and puts their cases in s; a folder's case replaces the built-in case of
// the same number and language. It returns the cases read.
func (s *Set) add(files []file, override bool) ([]*Case, i18n.List) {
	var errs i18n.List
	var read []*Case
	seen := map[i18n.Lang]map[int]string{i18n.FR: {}, i18n.EN: {}}
	for _, f := range files {
		c, err := Parse(f.name, f.lang, f.data)
		if err != nil {
			var list i18n.List
			if errors.As(err, &list) {
				errs = append(errs, list...)
			} else {
				errs = append(errs, err)
			}
			continue
		}
		if other, dup := seen[f.lang][c.Number]; dup {
			errs = append(errs, i18n.Errorf(i18n.T("%s : le cas %d est déjà défini par %s ; donnez-lui un autre numéro (case = …)",
				"%s: case %d is already defined by %s; give it another number (case = …)"), f.name, c.Number, other))
			continue
		}
		seen[f.lang][c.Number] = f.name
		read = append(read, c)
		list := s.cases[f.lang]
		replaced := false
		for i, old := range list {
			if override && old.Number == c.Number {
				list[i], replaced = c, true
			}
		}
		if !replaced {
			list = append(list, c)
		}
		s.cases[f.lang] = list
	}
	return read, errs
}

// bothLanguages refuses a case whose French and English files, both in the folder, do not
// hold the same key: a trainee in one language would be marked against other facts than a
// trainee in the other, and nothing would show it.
func bothLanguages(cases []*Case) i18n.List {
	var errs i18n.List
	en := map[int]*Case{}
	for _, c := range cases {
		if c.Lang == i18n.EN {
			en[c.Number] = c
		}
	}
	for _, fr := range cases {
		if other, ok := en[fr.Number]; ok && fr.Lang == i18n.FR {
			if p := SameKey(fr, other); p != nil {
				errs = append(errs, p)
			}
		}
	}
	return errs
}

// checkDir verifies that a cases folder exists and holds at least one case file.
func checkDir(dir string) error {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return i18n.Errorf(i18n.T("%s : dossier de cas introuvable", "%s: cases folder not found"), dir).
			WithHint(i18n.T("« sexto exercise export DOSSIER » écrit les cas intégrés dans un dossier, à modifier ou à compléter.",
				"“sexto exercise export FOLDER” writes the built-in cases to a folder, to edit or add to."))
	}
	for _, l := range []string{"fr", "en"} {
		if m, _ := filepath.Glob(filepath.Join(dir, l, "*.toml")); len(m) > 0 {
			return nil
		}
	}
	return i18n.Errorf(i18n.T("%s : aucun cas trouvé (attendu : %s/fr/*.toml ou %s/en/*.toml)",
		"%s: no case found (expected %s/fr/*.toml or %s/en/*.toml)"), dir, dir, dir)
}

// List returns the cases in l, by number.
func (s *Set) List(l i18n.Lang) []*Case { return s.cases[l] }

// Get returns case n in l. When it exists only in the other language, other is that language.
func (s *Set) Get(n int, l i18n.Lang) (c *Case, other i18n.Lang, ok bool) {
	for _, c := range s.cases[l] {
		if c.Number == n {
			return c, "", true
		}
	}
	o := i18n.EN
	if l == i18n.EN {
		o = i18n.FR
	}
	for _, c := range s.cases[o] {
		if c.Number == n {
			return nil, o, false
		}
	}
	return nil, "", false
}

// Builtin returns the built-in case files and their README, by path under the export folder
// (fr/01-….toml, README.md).
func Builtin() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := fs.WalkDir(templates.Cases, "cases", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templates.Cases.ReadFile(p)
		if err != nil {
			return err
		}
		out[strings.TrimPrefix(p, "cases/")] = b
		return nil
	})
	return out, err
}
