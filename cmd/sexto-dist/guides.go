package main

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/russross/blackfriday/v2"
)

// sources are the Markdown pages made into the archive's guides, by pattern from the
// repository's root, with the language of each.
var sources = []struct{ glob, lang string }{
	{"docs/README.md", "fr"},
	{"docs/fr/*.md", "fr"},
	{"docs/en/*.md", "en"},
	{"docs/reference/fr/*.md", "fr"},
	{"docs/reference/en/*.md", "en"},
	{"templates/README.md", "fr"},
}

// archivePath is where a repository file goes in the archive: the guides under guides/,
// each page as .html; "" for a file the archive does not hold.
func archivePath(repo string) string {
	switch {
	case repo == "docs/README.md":
		return "guides/index.html"
	case repo == "templates/README.md":
		return "guides/templates/README.html"
	case strings.HasPrefix(repo, "docs/previews/") && strings.HasSuffix(repo, ".png"):
		return "guides/" + strings.TrimPrefix(repo, "docs/")
	case strings.HasPrefix(repo, "docs/") && strings.HasSuffix(repo, ".md"):
		return "guides/" + strings.TrimSuffix(strings.TrimPrefix(repo, "docs/"), ".md") + ".html"
	}
	return ""
}

// Guides converts the guides to HTML pages, with the pictures they show, keyed by their path
// in the archive. Links between pages follow them; a link to a file the archive does not
// hold is an error, so that no page points nowhere.
func Guides(root, version string) (map[string][]byte, error) {
	out := map[string][]byte{}
	var pages []string
	lang := map[string]string{}
	for _, s := range sources {
		m, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(s.glob)))
		if err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("no file matches %s", s.glob)
		}
		for _, p := range m {
			rel := filepath.ToSlash(strings.TrimPrefix(p, filepath.Clean(root)+string(filepath.Separator)))
			pages = append(pages, rel)
			lang[rel] = s.lang
		}
	}
	sort.Strings(pages)
	var images []string
	for _, repo := range pages {
		md, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(repo)))
		if err != nil {
			return nil, err
		}
		page, used, err := toHTML(repo, md, lang[repo], version)
		if err != nil {
			return nil, err
		}
		out[archivePath(repo)] = page
		images = append(images, used...)
	}
	for _, img := range images {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(img)))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", img, err)
		}
		out[archivePath(img)] = b
	}
	return out, nil
}

var (
	reLink  = regexp.MustCompile(`(href|src)="([^"]*)"`)
	reTitle = regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
	reTags  = regexp.MustCompile(`<[^>]+>`)
)

// toHTML renders one page and lists the pictures it shows (repository paths).
func toHTML(repo string, md []byte, lang, version string) ([]byte, []string, error) {
	body := blackfriday.Run(md, blackfriday.WithExtensions(blackfriday.CommonExtensions|blackfriday.AutoHeadingIDs))
	from := archivePath(repo)
	var images []string
	var bad error
	body = reLink.ReplaceAllFunc(body, func(m []byte) []byte {
		sub := reLink.FindSubmatch(m)
		attr, target := string(sub[1]), html.UnescapeString(string(sub[2]))
		if strings.Contains(target, "://") || strings.HasPrefix(target, "#") || strings.HasPrefix(target, "mailto:") {
			return m
		}
		file, frag, _ := strings.Cut(target, "#")
		dest := path.Clean(path.Join(path.Dir(repo), file))
		if strings.HasSuffix(file, "/") || path.Ext(file) == "" {
			dest = path.Join(dest, "README.md") // a folder: its README
		}
		in := archivePath(dest)
		if in == "" {
			bad = fmt.Errorf("%s: the link %q points outside the guides", repo, target)
			return m
		}
		if attr == "src" {
			images = append(images, dest)
		}
		rel := relPath(path.Dir(from), in)
		if frag != "" {
			rel += "#" + frag
		}
		return []byte(attr + `="` + html.EscapeString(rel) + `"`)
	})
	if bad != nil {
		return nil, nil, bad
	}
	// a pipe inside a table cell is written \| in Markdown; the renderer keeps the backslash
	body = bytes.ReplaceAll(body, []byte(`\|`), []byte("|"))
	title := "sexto"
	if m := reTitle.FindSubmatch(body); m != nil {
		title = html.UnescapeString(reTags.ReplaceAllString(string(m[1]), "")) + " — sexto"
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sexto %s">
<title>%s</title>
<style>
body { font-family: system-ui, "Segoe UI", Helvetica, Arial, sans-serif; line-height: 1.5; max-width: 52em; margin: 2em auto; padding: 0 1em; color: #1b1b1b; }
pre, code { font-family: Consolas, Menlo, monospace; font-size: 0.95em; }
pre { background: #f3f3f3; padding: 0.8em; overflow-x: auto; border-radius: 4px; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
blockquote { border-left: 4px solid #b00020; margin: 1em 0; padding: 0.2em 1em; background: #fff4f4; }
img { max-width: 100%%; border: 1px solid #ddd; }
</style>
</head>
<body>
`, lang, html.EscapeString(version), html.EscapeString(title))
	b.Write(body)
	b.WriteString("</body>\n</html>\n")
	return b.Bytes(), images, nil
}

// relPath is the link from folder dir to file, both archive paths.
func relPath(dir, file string) string {
	d := strings.Split(dir, "/")
	f := strings.Split(file, "/")
	i := 0
	for i < len(d) && i < len(f)-1 && d[i] == f[i] {
		i++
	}
	return strings.Repeat("../", len(d)-i) + strings.Join(f[i:], "/")
}
