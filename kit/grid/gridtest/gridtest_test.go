package gridtest

import (
	"testing"

	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// Every role item of the catalogue is answered, and the named answers win.
func TestGridAnswersEveryRole(t *testing.T) {
	g := Grid("role.sender", "oui", "intent.motive", "fun")
	n := 0
	for _, s := range grid.Student {
		for _, it := range s.Items {
			if s.ID != "role" {
				continue
			}
			n++
			want := "non"
			if it.Key == "role.sender" {
				want = "oui"
			}
			if g[it.Key] != want {
				t.Errorf("%s = %q, want %q", it.Key, g[it.Key], want)
			}
		}
	}
	if n == 0 || len(g) != n+1 || g["intent.motive"] != "fun" {
		t.Errorf("%d roles, grid %v", n, g)
	}
	if got := Labels(i18n.EN, "role.kept", "Yes"); got["role.depicted"] != "No" || got["role.kept"] != "Yes" {
		t.Errorf("labels: %v", got)
	}
	if got := Labels(i18n.FR); got["role.discloser"] != "Non" {
		t.Errorf("labels: %v", got)
	}
}

// With copies: the base grid a test shares is never changed by one case.
func TestWithCopies(t *testing.T) {
	base := Grid()
	_ = With(base, "role.kept", "oui")
	if base["role.kept"] != "non" {
		t.Error("With changed its argument")
	}
}

func TestATypoIsCaught(t *testing.T) {
	for _, kv := range [][]string{{"role.Sender", "oui"}, {"role.sender"}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%q: no panic", kv)
				}
			}()
			Grid(kv...)
		}()
	}
}
