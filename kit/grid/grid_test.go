package grid

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// specItem is an item as SPEC §7 states it.
type specItem struct {
	key, fr, en string
	kind        Kind
	required    bool
	options     []specOption
	min, max    int
	hasRange    bool
}

type specOption struct{ code, fr, en string }

var codeRE = regexp.MustCompile("^`([^`]+)`\\s*(.*)$")

// parseSpec reads the tables of SPEC §7 (a verbatim copy lives in testdata/spec-7.md).
func parseSpec(t *testing.T) (items []specItem, acting []string) {
	t.Helper()
	b, err := os.ReadFile("testdata/spec-7.md")
	if err != nil {
		t.Fatal(err)
	}
	roles := false
	text := string(b)
	if i := strings.Index(text, "student with an acting role"); i >= 0 {
		for _, m := range regexp.MustCompile("`([a-z_.]+)`").FindAllStringSubmatch(text[i:], -1) {
			acting = append(acting, m[1])
		}
	}
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "**A. Type of involvement**"):
			roles = true
		case strings.HasPrefix(line, "**B."):
			roles = false
		case strings.HasPrefix(line, "`notes`"):
			parts := strings.Split(line, " — ")
			fr, en, _ := strings.Cut(parts[1], " / ")
			items = append(items, specItem{key: "notes", fr: fr, en: en, kind: Text})
		case strings.HasPrefix(line, "| `"):
			cells := strings.Split(strings.Trim(line, "| "), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			if strings.Contains(cells[0], " / ") { // `student.last_name` / `student.first_name`
				keys := strings.Split(cells[0], " / ")
				frs := strings.Split(cells[1], " / ")
				ens := strings.Split(cells[2], " / ")
				items = append(items,
					specItem{key: strings.Trim(keys[0], "`"), fr: frs[0], en: ens[0] + " name", kind: Text, required: true},
					specItem{key: strings.Trim(keys[1], "`"), fr: frs[1], en: ens[1], kind: Text, required: true})
				continue
			}
			it := specItem{key: strings.Trim(cells[0], "`"), fr: cells[1], en: cells[2]}
			if roles {
				it.kind, it.required = Choice, true
				it.options = []specOption{{"oui", "Oui", "Yes"}, {"non", "Non", "No"}}
			} else {
				parseType(t, &it, cells[3])
			}
			items = append(items, it)
		}
	}
	return items, acting
}

func parseType(t *testing.T, it *specItem, s string) {
	it.required = strings.Contains(s, "required") && !strings.Contains(s, "required when")
	switch {
	case s == "yn":
		it.kind, it.options = Choice, []specOption{{"oui", "Oui", "Yes"}, {"non", "Non", "No"}}
	case s == "ynu":
		it.kind, it.options = Choice, []specOption{{"oui", "Oui", "Yes"}, {"non", "Non", "No"}, {"inconnu", "Inconnu", "Unknown"}}
	case strings.HasPrefix(s, "datetime"):
		it.kind = DateTime
	case strings.HasPrefix(s, "date"):
		it.kind = Date
	case strings.HasPrefix(s, "integer"):
		it.kind = Int
		if m := regexp.MustCompile(`(\d+)-(\d+)`).FindStringSubmatch(s); m != nil {
			it.hasRange, it.min, it.max = true, atoi(m[1]), atoi(m[2])
		} else if strings.Contains(s, "≥ 0") {
			it.hasRange, it.min, it.max = true, 0, -1
		}
	case strings.HasPrefix(s, "text"):
		it.kind = Text
	default:
		it.kind = Choice
		// "`sec1`…`sec5` Secondaire 1…5/Secondary 1…5" stands for five options
		if m := regexp.MustCompile("^`([a-z]+)(\\d)`…`[a-z]+(\\d)` ([^·]*?)(\\d)…\\d/([^·]*?)(\\d)…\\d").FindStringSubmatch(s); m != nil {
			for n := atoi(m[2]); n <= atoi(m[3]); n++ {
				d := string(rune('0' + n))
				it.options = append(it.options, specOption{m[1] + d, m[4] + d, m[6] + d})
			}
			s = s[strings.Index(s, " · ")+len(" · "):]
		}
		for _, v := range strings.Split(s, " · ") {
			m := codeRE.FindStringSubmatch(strings.TrimSpace(v))
			if m == nil {
				t.Fatalf("%s: cannot read value %q", it.key, v)
			}
			o := specOption{code: m[1]}
			if fr, en, ok := strings.Cut(m[2], "/"); ok {
				o.fr, o.en = fr, en
			} else {
				o.fr = m[2]
			}
			it.options = append(it.options, o)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestCatalogueMatchesSpec(t *testing.T) {
	items, acting := parseSpec(t)
	if len(items) < 50 {
		t.Fatalf("read only %d items from the spec copy; the parser is broken", len(items))
	}
	seen := map[string]bool{}
	for _, want := range items {
		seen[want.key] = true
		t.Run(want.key, func(t *testing.T) {
			got, ok := Lookup(want.key)
			if !ok {
				t.Fatalf("missing from the catalogue")
			}
			if got.Label.FR != want.fr || got.Label.EN != want.en {
				t.Errorf("labels = %q / %q, spec says %q / %q", got.Label.FR, got.Label.EN, want.fr, want.en)
			}
			if got.Kind != want.kind {
				t.Errorf("kind = %v, spec says %v", got.Kind, want.kind)
			}
			if got.Required != want.required {
				t.Errorf("required = %v, spec says %v", got.Required, want.required)
			}
			if want.hasRange {
				if got.Min != want.min || (want.max >= 0 && got.Max != want.max) {
					t.Errorf("range = %d..%d, spec says %d..%d", got.Min, got.Max, want.min, want.max)
				}
			}
			if len(got.Options) != len(want.options) {
				t.Fatalf("%d options, spec lists %d", len(got.Options), len(want.options))
			}
			for i, wo := range want.options {
				checkOption(t, got.Options[i], wo)
			}
		})
	}
	for _, k := range Keys() {
		if !seen[k] {
			t.Errorf("catalogue has %s, which SPEC §7 does not list", k)
		}
	}
	if len(acting) != 4 {
		t.Fatalf("read %d acting-required keys from the spec, want 4", len(acting))
	}
	for _, k := range Keys() {
		it, _ := Lookup(k)
		want := false
		for _, a := range acting {
			want = want || a == k
		}
		if it.RequiredActing != want {
			t.Errorf("%s: RequiredActing = %v, spec says %v", k, it.RequiredActing, want)
		}
	}
}

// checkOption applies the spec's shorthand: "`code` FR/EN"; "`code` Label" (French label, the
// English one equal when the label is not French-specific); a bare "`code`" is the code
// itself as label, except the shared unknown/other.
func checkOption(t *testing.T, got Option, want specOption) {
	t.Helper()
	if got.Code != want.code {
		t.Errorf("option code %q, spec says %q", got.Code, want.code)
		return
	}
	switch {
	case want.en != "":
		if got.Label.FR != want.fr || got.Label.EN != want.en {
			t.Errorf("%s: %q/%q, spec says %q/%q", want.code, got.Label.FR, got.Label.EN, want.fr, want.en)
		}
	case want.fr != "":
		if got.Label.FR != want.fr {
			t.Errorf("%s: French %q, spec says %q", want.code, got.Label.FR, want.fr)
		}
		frenchOnly := strings.ContainsAny(want.fr, "àâçéèêëîïôûù")
		if got.Label.EN == "" || (!frenchOnly && got.Label.EN != want.fr) {
			t.Errorf("%s: English %q, expected %q", want.code, got.Label.EN, want.fr)
		}
	default:
		shared := map[string][2]string{"unknown": {"Inconnu", "Unknown"}, "other": {"Autre", "Other"}}
		if l, ok := shared[want.code]; ok {
			if got.Label.FR != l[0] || got.Label.EN != l[1] {
				t.Errorf("%s: %q/%q, want %q/%q", want.code, got.Label.FR, got.Label.EN, l[0], l[1])
			}
		} else if !strings.EqualFold(got.Label.FR, want.code) || !strings.EqualFold(got.Label.EN, want.code) {
			t.Errorf("%s: %q/%q, want the code itself", want.code, got.Label.FR, got.Label.EN)
		}
	}
}

// The copy under testdata must stay the spec's own text.
func TestSpecCopyIsCurrent(t *testing.T) {
	b, err := os.ReadFile("../../../shared/SPEC.md")
	if err != nil {
		// Outside the team's workspace (a plain clone) the shared spec is not beside the
		// repository; the committed copy is then the reference.
		t.Logf("shared spec not found (%v); checking against the committed copy only", err)
		return
	}
	s := string(b)
	i := strings.Index(s, "## 7. The grid catalogue")
	j := strings.Index(s, "## 8.")
	copyB, err := os.ReadFile("testdata/spec-7.md")
	if err != nil {
		t.Fatal(err)
	}
	if i < 0 || j < i || s[i:j] != string(copyB) {
		t.Error("testdata/spec-7.md differs from SPEC.md §7: copy the section again and update the catalogue")
	}
}

func TestEverySectionA_ItemIsRequired(t *testing.T) {
	items, _ := parseSpec(t)
	var want []string
	for _, it := range items {
		if strings.HasPrefix(it.key, "role.") {
			want = append(want, it.key)
		}
	}
	for _, s := range Student {
		if s.ID != "role" {
			continue
		}
		var got []string
		for _, it := range s.Items {
			got = append(got, it.Key)
		}
		if len(want) < 8 || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("section A has %v, SPEC §7 lists %v", got, want)
		}
		for _, it := range s.Items {
			if !it.Required || it.Kind != Choice || len(it.Options) != 2 {
				t.Errorf("%s: want a required oui/non item", it.Key)
			}
		}
	}
}

func TestMatchAcceptsCodesAndLabelsInBothLanguages(t *testing.T) {
	it, _ := Lookup("scope.recipients")
	cases := []struct{ in, want string }{
		{"over_20", "over_20"},
		{"  Plus de 20 ", "over_20"},
		{"over 20", "over_20"},
		{"OVER 20", "over_20"},
		{"2 à 5", "2_5"},
		{"2 to 5", "2_5"},
	}
	for _, c := range cases {
		got, ok := it.Match(c.in)
		if !ok || got != c.want {
			t.Errorf("Match(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	if got, ok := it.Match("beaucoup"); ok {
		t.Errorf("Match(beaucoup) = %q, want no match", got)
	}
}

func TestActingRolesAreSectionAKeys(t *testing.T) {
	for _, k := range ActingRoles {
		it, ok := Lookup(k)
		if !ok || !strings.HasPrefix(k, "role.") || !it.Required {
			t.Errorf("%s is not a required role item", k)
		}
	}
}
