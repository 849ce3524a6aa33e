package pdf

import (
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/sfnt"
)

// covered holds, for every rune of the Basic Multilingual Plane, whether both the regular and
// the bold font have a glyph for it.
var (
	coveredOnce sync.Once
	covered     []bool
)

func loadCoverage() {
	covered = make([]bool, 0x10000)
	var fonts []*sfnt.Font
	for _, b := range [][]byte{liberationsansregular.TTF, liberationsansbold.TTF} {
		f, err := sfnt.Parse(b)
		if err != nil {
			return // leaves every rune uncovered: Missing then reports everything
		}
		fonts = append(fonts, f)
	}
	var buf sfnt.Buffer
	for r := 0x20; r < 0x10000; r++ {
		ok := true
		for _, f := range fonts {
			if gi, err := f.GlyphIndex(&buf, rune(r)); err != nil || gi == 0 {
				ok = false
				break
			}
		}
		covered[r] = ok
	}
}

// HasGlyph reports whether the embedded fonts can print r.
func HasGlyph(r rune) bool {
	coveredOnce.Do(loadCoverage)
	return r >= 0 && r < 0x10000 && covered[r]
}

// Missing returns the runes of s, after the substitutions every printed text goes through,
// that the fonts cannot print (they would show as empty boxes).
func Missing(s string) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, r := range replacements.Replace(s) {
		if r < 0x20 || HasGlyph(r) || seen[r] {
			continue
		}
		seen[r] = true
		out = append(out, r)
	}
	return out
}
