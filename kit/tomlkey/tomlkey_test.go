package tomlkey

import "testing"

func TestPathAndBrackets(t *testing.T) {
	for in, want := range map[string]string{`role.kept`: "role.kept", ` "school" . name `: "school.name", `'a'.b.`: "a.b"} {
		if got := Path(in); got != want {
			t.Errorf("Path(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]int{`rules = ["U-RISK",`: 1, `x = "[" # [`: 0, `[[student]]`: 0, `a = [[1, 2], [3`: 2} {
		if got := Brackets(in); got != want {
			t.Errorf("Brackets(%q) = %d, want %d", in, got, want)
		}
	}
}
