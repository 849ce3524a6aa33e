package grid

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	keyLike  = regexp.MustCompile(`^(incident|student|parent|interview|role|trigger|nature|intent|scope|safety|device)\.[a-z_]+$`)
	fileName = regexp.MustCompile(`\.(json|xlsx|pdf|toml|csv|txt|md|tmpl|png|zip)$`) // incident.json is a file
)

// Every item key written in the code exists in the catalogue: a typo in a key would otherwise
// read as an unanswered item, or make a lookup return nothing.
func TestEveryKeyInTheCodeIsInTheCatalogue(t *testing.T) {
	n := 0
	for _, root := range []string{"../../cmd", "../../kit"} {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") {
				return err
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(node ast.Node) bool {
				lit, ok := node.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil || !keyLike.MatchString(s) || fileName.MatchString(s) {
					return true
				}
				n++
				if _, ok := Lookup(s); !ok {
					t.Errorf("%s: %q is not an item of the catalogue", fset.Position(lit.Pos()), s)
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 100 {
		t.Fatalf("only %d keys found in the code: the scan is broken", n)
	}
}

// The acting roles are the catalogue's data, in the order SPEC §8 names them.
func TestActingRolesComeFromTheCatalogue(t *testing.T) {
	want := []string{"role.producer", "role.requester", "role.sender", "role.shower", "role.kept"}
	if strings.Join(ActingRoles, " ") != strings.Join(want, " ") {
		t.Errorf("acting roles %v, want %v", ActingRoles, want)
	}
}

// No test grid spells out every role again: gridtest.Grid (Go) and fill -roles (scripts) answer
// the roles not named, so that adding a role item to the catalogue leaves the fixtures complete.
func TestNoFixtureListsEveryRole(t *testing.T) {
	var roles []string
	for _, s := range Student {
		if s.ID == "role" {
			for _, it := range s.Items {
				roles = append(roles, it.Key)
			}
		}
	}
	all := func(text string) bool {
		for _, k := range roles {
			if !strings.Contains(text, `"`+k+`"`) && !strings.Contains(text, k+"=") {
				return false
			}
		}
		return true
	}
	files := 0
	for _, root := range []string{"../../cmd", "../../kit"} {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			switch {
			case strings.HasSuffix(path, "_test.go"):
				files++
				fset := token.NewFileSet()
				f, err := parser.ParseFile(fset, path, nil, 0)
				if err != nil {
					return err
				}
				ast.Inspect(f, func(node ast.Node) bool {
					lit, ok := node.(*ast.CompositeLit)
					if !ok {
						return true
					}
					// the literal's own elements and keys, not those of literals nested in it
					var own strings.Builder
					for _, e := range lit.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							e = kv.Key
						}
						if b, ok := e.(*ast.BasicLit); ok {
							own.WriteString(b.Value + " ")
						}
					}
					if all(own.String()) {
						t.Errorf("%s: a grid lists every role; use gridtest.Grid and name only the roles played", fset.Position(lit.Pos()))
					}
					return true
				})
			case strings.HasSuffix(path, ".txtar"):
				files++
				b, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				for i, line := range strings.Split(string(b), "\n") {
					if strings.HasPrefix(line, "fill ") && !strings.HasPrefix(line, "fill -roles ") && all(line) {
						t.Errorf("%s:%d: fill names every role; use fill -roles and name only the roles played", path, i+1)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 50 {
		t.Fatalf("only %d test files read: the scan is broken", files)
	}
}
