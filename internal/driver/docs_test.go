package driver_test

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bodyclose/bodyclose/internal/driver"
	"github.com/bodyclose/bodyclose/suite"
)

// docFiles are the documents that show flags to users.
func docFiles(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	globs := []string{"README.md", "docs/*.md", "passes/*/doc.go", "cmd/bodyclose/main.go", "gclplugin/plugin.go"}
	for _, g := range globs {
		files, _ := filepath.Glob(filepath.Join(repoRoot, g))
		if len(files) == 0 {
			t.Fatalf("no %s", g)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(repoRoot, f)
			out[filepath.ToSlash(rel)] = string(b)
		}
	}
	return out
}

// TestDocFlags keeps the flags the documents show in step with the flags
// the binary accepts: every -ANALYZER.FLAG they name exists; no document
// names an analyzer's flag without its analyzer (-tests, -always: the
// binary rejects those); every analyzer flag is in its docs page and in the
// README's table; every flag of a "bodyclose ..." command line exists.
func TestDocFlags(t *testing.T) {
	real := map[string]bool{}
	for _, n := range driver.FlagNames() {
		real[n] = true
	}
	var analyzerFlags []string
	bare := map[string]bool{}
	for _, a := range suite.New(suite.Default()) {
		a.Flags.VisitAll(func(f *flag.Flag) {
			analyzerFlags = append(analyzerFlags, a.Name+"."+f.Name)
			bare[f.Name] = true
		})
	}
	// A flag as the documents write it: after a space, a backquote, a
	// quote or a parenthesis.
	flagRE := regexp.MustCompile("(?:^|[\\s`'(\\[])-([a-zA-Z][a-zA-Z0-9]*(?:\\.[a-zA-Z]+)?)")
	for name, text := range docFiles(t) {
		for _, m := range flagRE.FindAllStringSubmatch(text, -1) {
			flag := m[1]
			if _, f, _ := strings.Cut(flag, "."); f != "" && f == strings.ToUpper(f) {
				continue // a placeholder: -bodyclose.NAME
			}
			if strings.Contains(flag, ".") && !real[flag] {
				t.Errorf("%s: -%s is not a flag of the binary", name, flag)
			}
			if bare[flag] && !real[flag] {
				t.Errorf("%s: -%s names an analyzer's flag without its analyzer: write -ANALYZER.%s", name, flag, flag)
			}
		}
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(strings.TrimLeft(line, "/\t "))
			if !strings.HasPrefix(line, "bodyclose -") {
				continue
			}
			cmd, _, _ := strings.Cut(line, "#")
			for _, f := range strings.Fields(cmd)[1:] {
				if f == ">" || f == "|" || f == "||" || f == "&&" || f == ";" {
					break // the shell's, not ours
				}
				if !strings.HasPrefix(f, "-") {
					continue
				}
				n, _, _ := strings.Cut(strings.TrimLeft(f, "-"), "=")
				if !real[n] {
					t.Errorf("%s: %q: -%s is not a flag of the binary", name, line, n)
				}
			}
		}
	}
	docs := docFiles(t)
	for _, f := range analyzerFlags {
		analyzer, _, _ := strings.Cut(f, ".")
		if !strings.Contains(docs["docs/"+analyzer+".md"], "`-"+f+"`") {
			t.Errorf("docs/%s.md does not document -%s", analyzer, f)
		}
		if !strings.Contains(docs["README.md"], "`-"+f+"`") {
			t.Errorf("README.md does not list -%s", f)
		}
	}
}

// TestDocURLs: each analyzer's URL is a page of this repository that
// exists, with a section for each Category its diagnostics carry (drivers
// link a diagnostic to URL#category).
func TestDocURLs(t *testing.T) {
	const prefix = "https://github.com/bodyclose/bodyclose/blob/main/"
	for _, a := range suite.New(suite.Default()) {
		path, ok := strings.CutPrefix(a.URL, prefix)
		if !ok {
			t.Errorf("%s: URL %s is not a page of this repository", a.Name, a.URL)
			continue
		}
		page, err := os.ReadFile(filepath.Join(repoRoot, path))
		if err != nil {
			t.Errorf("%s: URL %s: %v", a.Name, a.URL, err)
			continue
		}
		anchors := headingAnchors(string(page))
		for _, want := range []string{"flags", "suppression", "rules", "deliberately-not-reported"} {
			if !anchors[want] {
				t.Errorf("%s: %s has no #%s section", a.Name, path, want)
			}
		}
		for _, cat := range categories(t, filepath.Join(repoRoot, "passes", a.Name)) {
			if !anchors[cat] {
				t.Errorf("%s: diagnostics of category %q link to %s#%s, which has no such heading", a.Name, cat, path, cat)
			}
		}
	}
}

// headingAnchors returns the anchors GitHub makes of a Markdown page's
// headings: lower case, spaces to hyphens, punctuation dropped.
func headingAnchors(page string) map[string]bool {
	out := map[string]bool{}
	inCode := false
	for _, line := range strings.Split(page, "\n") {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
		}
		if inCode || !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.ToLower(strings.TrimSpace(strings.TrimLeft(line, "#")))
		var b strings.Builder
		for _, r := range h {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
				b.WriteRune(r)
			case r == ' ':
				b.WriteRune('-')
			}
		}
		out[b.String()] = true
	}
	return out
}

// categories returns the Category values the package in dir sets in
// analysis.Diagnostic literals.
func categories(t *testing.T, dir string) []string {
	t.Helper()
	pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range pkgs {
		ast.Inspect(p, func(n ast.Node) bool {
			if kv, ok := n.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Category" {
					if lit, ok := kv.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						out = append(out, s)
					}
				}
			}
			return true
		})
	}
	return out
}
