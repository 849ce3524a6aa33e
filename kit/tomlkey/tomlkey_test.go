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

// The lines that matter, with their numbers: multi-line strings and arrays, comments and blank
// lines are left out; an "=" inside quotes is not the key's.
func TestLines(t *testing.T) {
	src := "# intro\n[school]\nname = \"École = Nord\"\nnotes = \"\"\"\nx = 1\n\"\"\"\n\n[[student]]\nrules = [\n  \"a\",\n]\n\"a=b\".c = 2\r\n"
	got := Lines(src)
	want := []Line{{N: 2, Table: "school"}, {N: 3, Key: "name", Value: `"École = Nord"`}, {N: 4, Key: "notes", Value: `"""`},
		{N: 8, Table: "student", Array: true}, {N: 9, Key: "rules", Value: "["}, {N: 12, Key: `"a=b".c`, Value: "2"}}
	if len(got) != len(want) {
		t.Fatalf("%+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}
