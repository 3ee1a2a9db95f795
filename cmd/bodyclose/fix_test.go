package main_test

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestFixCorpus runs `bodyclose -fix ./...` on a copy of our corpus (a
// module of its own), as a user would: the module must still build, no
// defer may appear inside a loop, no new finding may appear, and at least
// 3 in 4 of the bodyclose and drainbody findings must be gone. (That they
// are gone because the code now closes and drains them, not because the
// analysis lost track, is TestFixOracle's check, site by site.)
func TestFixCorpus(t *testing.T) {
	bin := tool(t)
	dir := t.TempDir()
	copyDir(t, "../../testdata/corpus", dir)
	env := append(os.Environ(), "GOFLAGS=", "GOTOOLCHAIN=local", "GOWORK=off")
	run := func(name string, args ...string) (string, int) {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), exitCode(err)
	}
	before := sites(t, bin, dir, run)
	defersBefore := defersInLoops(t, dir)
	if out, code := run(bin, "-fix", "./..."); code != 0 && code != 3 {
		t.Fatalf("-fix: exit %d\n%s", code, out)
	}
	if out, code := run("go", "build", "./..."); code != 0 {
		t.Fatalf("the fixed corpus does not build:\n%s", out)
	}
	if out, code := run("go", "vet", "./..."); code != 0 {
		t.Errorf("go vet complains about the fixed corpus:\n%s", out)
	}
	for fn, n := range defersInLoops(t, dir) {
		if n > defersBefore[fn] {
			t.Errorf("%s: %d defers inside loops after -fix, %d before", fn, n, defersBefore[fn])
		}
	}
	after := sites(t, bin, dir, run)
	var counted, gone int
	for k := range before {
		if k.analyzer != "bodyclose" && k.analyzer != "drainbody" {
			continue
		}
		counted++
		if !after[k] {
			gone++
		}
	}
	others := map[bool]int{}
	for k := range before {
		if k.analyzer != "bodyclose" && k.analyzer != "drainbody" {
			others[false]++
		}
	}
	for k := range after {
		switch {
		case k.analyzer != "bodyclose" && k.analyzer != "drainbody":
			others[true]++ // not at calls: keyed by position, which moved
		case !before[k]:
			t.Errorf("new finding after -fix: %v", k)
		}
	}
	if others[true] != others[false] {
		t.Errorf("clientpertransport: %d findings after -fix, %d before", others[true], others[false])
	}
	t.Logf("bodyclose -fix on the corpus: %d of %d bodyclose and drainbody findings gone (%.2f)", gone, counted, float64(gone)/float64(counted))
	if gone*4 < counted*3 {
		t.Errorf("only %d of %d findings gone, want at least 3 in 4", gone, counted)
	}
}

// site names a finding by what survives edits: analyzer, file, function,
// the call's text and its rank among calls of that text there.
type site struct {
	analyzer, file, fn, call string
	ordinal                  int
}

// sites runs the binary bin with -json in dir and returns its findings.
func sites(t *testing.T, bin, dir string, run func(string, ...string) (string, int)) map[site]bool {
	t.Helper()
	out, _ := run(bin, "-json", "./...")
	var tree map[string]map[string][]struct {
		Posn string `json:"posn"`
	}
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &tree); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	got := map[site]bool{}
	for _, byAnalyzer := range tree {
		for an, ds := range byAnalyzer {
			for _, d := range ds {
				got[siteOf(t, dir, an, d.Posn)] = true
			}
		}
	}
	return got
}

func siteOf(t *testing.T, dir, analyzer, posn string) site {
	i := strings.LastIndex(posn, ":")
	j := strings.LastIndex(posn[:i], ":")
	file := posn[:j]
	line, _ := strconv.Atoi(posn[j+1 : i])
	col, _ := strconv.Atoi(posn[i+1:])
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, file)
	s := site{analyzer: analyzer, file: filepath.ToSlash(rel), call: fmt.Sprintf("%d:%d", line, col)}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		var calls []*ast.CallExpr
		var at *ast.CallExpr
		ast.Inspect(fd, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				calls = append(calls, c)
				if p := fset.Position(c.Pos()); p.Line == line && p.Column == col && at == nil {
					at = c
				}
			}
			return true
		})
		if at == nil {
			continue
		}
		s.fn, s.call = fd.Name.Name, types.ExprString(at)
		for _, c := range calls {
			if c == at {
				break
			}
			if types.ExprString(c) == s.call {
				s.ordinal++
			}
		}
	}
	return s
}

// defersInLoops counts, per file and function, the defer statements
// inside a loop of the same function literal.
func defersInLoops(t *testing.T, dir string) map[string]int {
	out := map[string]int{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			key := path + ":" + fd.Name.Name
			var walk func(n ast.Node, inLoop bool)
			walk = func(n ast.Node, inLoop bool) {
				ast.Inspect(n, func(m ast.Node) bool {
					switch m := m.(type) {
					case *ast.FuncLit:
						walk(m.Body, false)
						return false
					case *ast.ForStmt:
						if m != n {
							walk(m.Body, true)
							return false
						}
					case *ast.RangeStmt:
						if m != n {
							walk(m.Body, true)
							return false
						}
					case *ast.DeferStmt:
						if inLoop {
							out[key]++
						}
					}
					return true
				})
			}
			walk(fd.Body, false)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	var files []string
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	for _, path := range files {
		rel, _ := filepath.Rel(from, path)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(to, filepath.Dir(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, rel), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
