package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"sexto/kit/i18n"
)

// guideCommand is one `sexto …` line shown in a guide, with the exit status the guide gives it.
type guideCommand struct {
	where string // file:line
	lang  i18n.Lang
	args  []string
	exit  int
}

// reExit is the annotation a guide puts before a code block whose commands fail on purpose:
// <!-- exit 3 --> (invisible once rendered).
var reExit = regexp.MustCompile(`<!--\s*exit\s+(\d+)\s*-->`)

// guideCommands extracts the commands of the code blocks of a Markdown text, and those alone
// in a table cell.
func guideCommands(t *testing.T, name, text string, lang i18n.Lang) []guideCommand {
	t.Helper()
	var out []guideCommand
	inBlock, exit, pending := false, 0, 0
	cell := regexp.MustCompile("\\|\\s*`((?:\\./|\\.\\\\)?sexto [^`]*)`\\s*(?:\\(|\\|)")
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trim := strings.TrimSpace(line)
		if m := reExit.FindStringSubmatch(trim); m != nil {
			pending, _ = strconv.Atoi(m[1])
			continue
		}
		if strings.HasPrefix(trim, "```") {
			inBlock = !inBlock
			if inBlock {
				exit, pending = pending, 0
			}
			continue
		}
		var cmds []string
		status := exit
		if inBlock {
			cmds = []string{trim}
		} else {
			// a table's cells take the annotation just before the table
			for _, m := range cell.FindAllStringSubmatch(line, -1) {
				cmds = append(cmds, strings.ReplaceAll(m[1], `\|`, "|"))
			}
			status = pending
			if trim == "" {
				pending = 0
			}
		}
		for _, c := range cmds {
			args, ok := commandArgs(c)
			if ok {
				out = append(out, guideCommand{where: fmt.Sprintf("%s:%d", name, n), lang: lang, args: args, exit: status})
			}
		}
	}
	return out
}

// rePlaceholder is a word that stands for what the reader types (DOCUMENT, FICHIER.xlsx):
// a line holding one shows the syntax, not a command to run.
var rePlaceholder = regexp.MustCompile(`^[A-ZÉ][A-ZÉ-]{2,}(\.[a-z]+)?$`)

// commandArgs splits a shown command line as a shell would (quotes group words; a backslash
// is a Windows path's, not an escape), up to a comment, a pipe or a redirection. Lines that
// are output ("sexto : erreur : …") or another program are not commands.
func commandArgs(line string) ([]string, bool) {
	var args []string
	var cur strings.Builder
	quote := rune(0)
	in := false
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				args = append(args, cur.String())
				cur.Reset()
				in = false
			}
		case (r == '#' || r == '|' || r == '>' || r == '<') && !in:
			goto done
		default:
			cur.WriteRune(r)
			in = true
		}
	}
done:
	if in {
		args = append(args, cur.String())
	}
	if len(args) < 2 {
		return nil, false
	}
	switch args[0] {
	case "sexto", "./sexto", `.\sexto`, "sexto.exe", `.\sexto.exe`:
	default:
		return nil, false
	}
	if strings.HasSuffix(args[1], ":") || args[1] == ":" {
		return nil, false // output, not a command
	}
	for _, a := range args {
		if rePlaceholder.MatchString(a) {
			return nil, false
		}
	}
	return args[1:], true
}

// guideFiles are the pages people follow: the guides, the README and the release's texts.
func guideFiles(t *testing.T) map[string]i18n.Lang {
	t.Helper()
	files := map[string]i18n.Lang{"../../README.md": i18n.FR}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		m, _ := filepath.Glob(filepath.Join(docsDir, string(l), "*.md"))
		if len(m) < 3 {
			t.Fatalf("docs/%s: %d guides", l, len(m))
		}
		for _, p := range m {
			files[p] = l
		}
	}
	return files
}

// releaseTexts renders LISEZMOI.txt and README.txt for every system, as cmd/sexto-dist does.
func releaseTexts(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range []string{"LISEZMOI.txt", "README.txt"} {
		src, err := os.ReadFile(filepath.Join("..", "sexto-dist", "texts", name+".tmpl"))
		if err != nil {
			t.Fatal(err)
		}
		for _, goos := range []string{"windows", "darwin", "linux"} {
			cmd := "./sexto"
			if goos == "windows" {
				cmd = "sexto"
			}
			tm := template.Must(template.New(name).Option("missingkey=error").Parse(string(src)))
			var b bytes.Buffer
			if err := tm.Execute(&b, map[string]string{"OS": goos, "Version": "1.1.0", "Cmd": cmd}); err != nil {
				t.Fatal(err)
			}
			out[name+" ("+goos+")"] = b.String()
		}
	}
	return out
}

// Every command the guides, the README and the release's texts show runs, with the exit
// status they give it (0 unless a <!-- exit N --> says otherwise): a guide cannot drift from
// the tool. Each runs in a folder holding what it names: the school's profile, a filled
// workbook, a folder of workbooks, a password file, exported templates.
func TestGuideCommandsRun(t *testing.T) {
	var cmds []guideCommand
	for path, l := range guideFiles(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, guideCommands(t, strings.TrimPrefix(path, "../../"), string(b), l)...)
	}
	for name, text := range releaseTexts(t) {
		l := i18n.FR
		if strings.HasPrefix(name, "README") {
			l = i18n.EN
		}
		var lines []string
		for _, line := range strings.Split(text, "\n") {
			// the commands are indented; prose lines start at the margin
			if strings.HasPrefix(line, "  sexto ") || strings.HasPrefix(line, "  ./sexto ") {
				lines = append(lines, strings.TrimSpace(line))
			}
		}
		if len(lines) < 3 {
			t.Errorf("%s shows %d commands, want the first three", name, len(lines))
		}
		cmds = append(cmds, guideCommands(t, name, "```\n"+strings.Join(lines, "\n")+"\n```\n", l)...)
	}
	if len(cmds) < 40 {
		t.Fatalf("only %d commands found in the guides", len(cmds))
	}
	workbooks := map[i18n.Lang][]byte{}
	for _, c := range cmds {
		t.Run(c.where, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			prepare(t, c, workbooks)
			var out, errb bytes.Buffer
			env := map[string]string{"SOURCE_DATE_EPOCH": previewEpoch, "SEXTO_PASSWORD": "érable-canot-hiver-42"}
			a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return env[k] },
				isTerminal: func(io.Writer) bool { return false }, stdinTerminal: func() bool { return false },
				readPassword: func() ([]byte, error) { return nil, io.EOF }}
			if got := runWith(a, c.args); got != c.exit {
				t.Errorf("sexto %s: exit %d, the guide says %d\n%s", strings.Join(c.args, " "), got, c.exit, errb.String())
			}
		})
	}
}

// prepare puts in the current folder what the command names and a school would have.
func prepare(t *testing.T, c guideCommand, workbooks map[i18n.Lang][]byte) {
	t.Helper()
	profileText := fmt.Sprintf("language = %q\n[school]\nname = \"École secondaire des Trois-Érables\"\n[agreement]\npolice_service = \"Service de police de Saint-Fictif\"\nin_force = \"2024-09-01\"\n", c.lang)
	write := func(path string, b []byte) {
		if d := filepath.Dir(path); d != "." {
			os.MkdirAll(d, 0o755)
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	workbook := func(path string, n int) {
		b, ok := workbooks[c.lang]
		if !ok {
			var errb bytes.Buffer
			tmp := filepath.Join(t.TempDir(), "wb.xlsx")
			if code := run([]string{"template", "--lang", string(c.lang), "--students", "3", "-o", tmp}, strings.NewReader(""), io.Discard, &errb,
				func(k string) string { return map[string]string{"SOURCE_DATE_EPOCH": previewEpoch}[k] }); code != 0 {
				t.Fatalf("template: %s", errb.String())
			}
			b, _ = os.ReadFile(tmp)
			workbooks[c.lang] = b
		}
		write(path, b)
		// a workbook the guide calls blank (vierge) is left as sexto template makes it
		if base := strings.ToLower(filepath.Base(path)); !strings.Contains(base, "vierge") && !strings.Contains(base, "blank") {
			fillDemo(t, path, c.lang, n)
		}
	}
	if c.args[0] != "init" && c.args[0] != "profil" {
		write("sexto.toml", []byte(profileText))
	}
	positional := true
	for i := 1; i < len(c.args); i++ {
		a := c.args[i]
		next := ""
		if i+1 < len(c.args) {
			next = c.args[i+1]
		}
		switch a {
		case "--profile":
			write(next, []byte(profileText))
			i++
			continue
		case "--password-file":
			write(next, []byte("érable-canot-hiver-42\n"))
			i++
			continue
		case "--templates":
			var errb bytes.Buffer
			if code := run([]string{"templates", "export", next}, strings.NewReader(""), io.Discard, &errb, func(string) string { return "" }); code != 0 {
				t.Fatalf("templates export: %s", errb.String())
			}
			i++
			continue
		case "-o", "--output", "--csv", "--lang", "--paper", "--students", "--workers":
			i++
			continue
		}
		if strings.HasPrefix(a, "-") || !positional {
			continue
		}
		if _, err := os.Stat(a); err == nil {
			continue
		}
		switch {
		case strings.HasSuffix(strings.ToLower(a), ".xlsx"):
			workbook(a, 0)
		case strings.HasSuffix(strings.ToLower(a), ".pdf"):
			formDemo(t, a, c.lang) // the fillable form, filled in (form_test.go)
		case c.args[0] == "stats" || c.args[0] == "statistiques":
			for n := 1; n <= 3; n++ {
				workbook(filepath.Join(a, fmt.Sprintf("dossier-%d.xlsx", n)), n)
			}
		}
	}
}

// The extraction itself: commands, not their output, quotes and Windows paths kept whole.
func TestGuideCommandExtraction(t *testing.T) {
	text := "```\nsexto kit --students 6   # six grids\nsexto : erreur : x\n```\n\n<!-- exit 3 -->\n```\n" +
		`sexto check "C:\Users\Élise\Mes documents\dossier 2026.xlsx"` + "\nsexto completion powershell | Out-String\nnotepad sexto.toml\n```\n" +
		"| Six | `sexto kit --students 6` |\n| PS | `sexto completion powershell \\| Out-String` (once) |\n" +
		"```\nsexto print DOCUMENT\n```\n"
	got := guideCommands(t, "g.md", text, i18n.FR)
	want := []string{"kit --students 6 /0", `check C:\Users\Élise\Mes documents\dossier 2026.xlsx /3`, "completion powershell /3",
		"kit --students 6 /0", "completion powershell /0"}
	if len(got) != len(want) {
		t.Fatalf("%d commands: %+v", len(got), got)
	}
	for i, c := range got {
		if s := strings.Join(c.args, " ") + " /" + fmt.Sprint(c.exit); s != want[i] {
			t.Errorf("command %d: %q, want %q", i, s, want[i])
		}
	}
}
