// Package gridtest builds the fictional grids that tests fill in, from the catalogue: a test
// names only the answers it is about, and every other item of section A (the roles, all
// required) is answered "non". Adding a role item to the catalogue then leaves every such grid
// complete, with no fixture to edit.
package gridtest

import (
	"fmt"
	"maps"

	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// RoleKeys are the keys of section A, in printed order.
func RoleKeys() []string {
	for _, s := range grid.Student {
		if s.ID == "role" {
			keys := make([]string, len(s.Items))
			for i, it := range s.Items {
				keys[i] = it.Key
			}
			return keys
		}
	}
	panic("gridtest: the catalogue has no section A")
}

// Grid returns the codes of a student who played no role (every role item "non"), with the
// key/value pairs kv set over them: Grid("role.sender", "oui", "intent.motive", "fun").
func Grid(kv ...string) map[string]string {
	m := map[string]string{}
	for _, k := range RoleKeys() {
		m[k] = "non"
	}
	return With(m, kv...)
}

// Labels is Grid as a person types it in language l: every role item not named in kv is
// answered with the label of "non" ("Non", "No"); kv is set as given.
func Labels(l i18n.Lang, kv ...string) map[string]string {
	m := map[string]string{}
	for _, k := range RoleKeys() {
		for _, o := range grid.MustLookup(k).Options {
			if o.Code == "non" {
				m[k] = o.Label.In(l)
			}
		}
	}
	return With(m, kv...)
}

// With returns a copy of m with the key/value pairs kv set over it.
func With(m map[string]string, kv ...string) map[string]string {
	if len(kv)%2 != 0 {
		panic(fmt.Sprintf("gridtest: odd number of key/value arguments: %q", kv))
	}
	out := maps.Clone(m)
	if out == nil {
		out = map[string]string{}
	}
	for i := 0; i < len(kv); i += 2 {
		if _, ok := grid.Lookup(kv[i]); !ok {
			panic("gridtest: no item " + kv[i]) // a typo in a test, not a hostile answer
		}
		out[kv[i]] = kv[i+1]
	}
	return out
}
