package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// verbRE finds fmt verbs: %s, %d, %q, %v, %.1f, %-14s, %%.
var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

func verbs(s string) []string {
	var out []string
	for _, v := range verbRE.FindAllString(s, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

// Every user-facing message exists in both languages with the same format verbs, in the same
// order: a French message that takes its arguments differently from the English one would
// print the wrong value in one language. Checked over every pair written in the code
// (i18n.T, a.tr, t and tr calls with two string literals).
func TestEveryMessageHasBothLanguagesAndTheSameVerbs(t *testing.T) {
	if got := verbs("« %s » : %d %% de %-14s, %.1f"); !slices.Equal(got, []string{"%s", "%d", "%-14s", "%.1f"}) {
		t.Fatalf("verbs = %v", got)
	}
	pairs := 0
	for _, root := range []string{"../../cmd", "../../kit"} {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 2 {
					return true
				}
				name := ""
				switch fn := call.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				if !slices.Contains([]string{"T", "tr", "t"}, name) {
					return true
				}
				var s [2]string
				for i, a := range call.Args {
					lit, ok := a.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						return true
					}
					s[i], _ = strconv.Unquote(lit.Value)
				}
				pairs++
				where := fset.Position(call.Pos()).String()
				if strings.TrimSpace(s[0]) == "" && strings.TrimSpace(s[1]) != "" || strings.TrimSpace(s[1]) == "" && strings.TrimSpace(s[0]) != "" {
					t.Errorf("%s: one language is empty: %q / %q", where, s[0], s[1])
				}
				if fv, ev := verbs(s[0]), verbs(s[1]); !slices.Equal(fv, ev) {
					t.Errorf("%s: French verbs %v, English %v:\n  %q\n  %q", where, fv, ev, s[0], s[1])
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if pairs < 500 {
		t.Fatalf("only %d message pairs found: the scan is broken", pairs)
	}
}
