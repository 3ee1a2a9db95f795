package suite_test

// Tests that keep the analyzers gopls-ready, although gopls cannot load
// third-party analyzers today (golang/go#59869): no global mutable state,
// files only through the pass (editors' unsaved buffers are overlays),
// analysis.Validate, small facts.

import (
	"bytes"
	"encoding/gob"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/suite"
)

// loadModule loads the module's own packages (not testdata) with types.
func loadModule(t *testing.T) []*packages.Package {
	t.Helper()
	if testing.Short() {
		t.Skip("loads the module")
	}
	cfg := &packages.Config{Mode: packages.LoadSyntax, Dir: ".."}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("load: %v", err)
	}
	return pkgs
}

// analysisPackages returns the module's packages that run inside an
// analysis pass: those package suite imports, directly or not (the
// analyzers and what they use), as opposed to the drivers and test helpers.
func analysisPackages(pkgs []*packages.Package) []*packages.Package {
	const module = "github.com/bodyclose/bodyclose/"
	var out []*packages.Package
	seen := map[*packages.Package]bool{}
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if seen[p] || !strings.HasPrefix(p.PkgPath, module) {
			return
		}
		seen[p] = true
		out = append(out, p)
		for _, imp := range p.Imports {
			visit(imp)
		}
	}
	for _, p := range pkgs {
		if p.PkgPath == module+"suite" {
			for _, imp := range p.Imports {
				visit(imp)
			}
		}
	}
	return out
}

// TestNoGlobalWrites: no function of the analysis packages writes a
// package-level variable (assigns it, one of its elements or fields, or
// takes its address): state lives in the pass, the Result or a Config
// built by New.
func TestNoGlobalWrites(t *testing.T) {
	pkgs := analysisPackages(loadModule(t))
	if len(pkgs) < 8 {
		t.Fatalf("%d analysis packages: the test checks too little", len(pkgs))
	}
	for _, pkg := range pkgs {
		info := pkg.TypesInfo
		global := func(e ast.Expr) *types.Var {
			for {
				switch x := e.(type) {
				case *ast.ParenExpr:
					e = x.X
				case *ast.IndexExpr:
					e = x.X
				case *ast.SelectorExpr:
					if _, isPkg := info.Uses[identOf(x.X)].(*types.PkgName); isPkg {
						e = x.Sel
					} else {
						e = x.X
					}
				case *ast.StarExpr:
					e = x.X
				case *ast.Ident:
					if v, ok := info.Uses[x].(*types.Var); ok && v.Parent() == v.Pkg().Scope() {
						return v
					}
					return nil
				default:
					return nil
				}
			}
		}
		for _, f := range pkg.Syntax {
			for _, decl := range f.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					var targets []ast.Expr
					switch s := n.(type) {
					case *ast.AssignStmt:
						targets = s.Lhs
					case *ast.IncDecStmt:
						targets = []ast.Expr{s.X}
					case *ast.UnaryExpr:
						if s.Op.String() == "&" {
							targets = []ast.Expr{s.X}
						}
					}
					for _, e := range targets {
						if v := global(e); v != nil {
							t.Errorf("%s: %s writes package-level %s.%s", pkg.Fset.Position(e.Pos()), fd.Name.Name, v.Pkg().Name(), v.Name())
						}
					}
					return true
				})
			}
		}
	}
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := e.(*ast.Ident)
	return id
}

// TestFilesThroughPass: the analysis packages never read files or
// directories themselves (os, io/ioutil, go/parser, go/build): what they
// see comes from the pass, so an editor's unsaved buffer is what they
// check.
func TestFilesThroughPass(t *testing.T) {
	banned := map[string]bool{"os": true, "io/ioutil": true, "go/parser": true, "go/build": true, "golang.org/x/tools/go/packages": true}
	allowed := map[string]bool{"os.Getenv": false} // none needed
	for _, pkg := range analysisPackages(loadModule(t)) {
		for id, obj := range pkg.TypesInfo.Uses {
			fn, ok := obj.(*types.Func)
			if !ok || fn.Pkg() == nil || !banned[fn.Pkg().Path()] {
				continue
			}
			name := fn.Pkg().Path() + "." + fn.Name()
			if allowed[name] {
				continue
			}
			file := pkg.Fset.Position(id.Pos()).Filename
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			// analysisutil parses an analyzer's own doc.go text (embedded
			// in the binary), not a user's file.
			if name == "go/parser.ParseFile" && strings.HasSuffix(file, "analysisutil.go") {
				continue
			}
			t.Errorf("%s: %s called in an analysis package", pkg.Fset.Position(id.Pos()), name)
		}
	}
}

// TestOverlay runs the suite as an editor would, on unsaved buffers
// (go/packages overlays): the findings and the directives are those of
// the buffer, not of the file on disk.
func TestOverlay(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyses packages")
	}
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/overlay\n\ngo 1.26\n")
	const leaky = `package overlay

import "net/http"

func Status(url string) int {
	resp, err := http.Get(url)%s
	if err != nil {
		return 0
	}%s
	return resp.StatusCode
}
`
	onDisk := sprintf(leaky, "", "")
	write("overlay.go", onDisk)
	// findings returns bodyclose's findings with the file's buffer.
	findings := func(buffer string) int {
		cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}
		if buffer != "" {
			cfg.Overlay = map[string][]byte{filepath.Join(dir, "overlay.go"): []byte(buffer)}
		}
		pkgs, err := packages.Load(cfg, "./...")
		if err != nil || packages.PrintErrors(pkgs) > 0 {
			t.Fatal("load failed")
		}
		g, err := checker.Analyze(suite.New(suite.Default()), pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, act := range g.Roots {
			if act.Analyzer.Name == "bodyclose" {
				n += len(act.Diagnostics)
			}
		}
		return n
	}
	if n := findings(""); n != 1 {
		t.Fatalf("on disk: %d findings, want 1", n)
	}
	if n := findings(sprintf(leaky, "", "\n\tdefer resp.Body.Close()")); n != 0 {
		t.Errorf("buffer that closes the body: %d findings, want 0", n)
	}
	if n := findings(sprintf(leaky, " //bodyclose:ignore bodyclose only in the buffer", "")); n != 0 {
		t.Errorf("buffer with a directive: %d findings, want 0 (the directive is read from the buffer)", n)
	}
}

func sprintf(format string, args ...any) string {
	for _, a := range args {
		format = strings.Replace(format, "%s", a.(string), 1)
	}
	return format
}

// TestSuitesIndependent: two suites, configured differently and run at
// once, do not see each other's configuration (no shared flag state), and
// none shares its facts analyzer with the package-level Analyzer values.
func TestSuitesIndependent(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyses packages")
	}
	noTests := suite.Default()
	noTests.Bodyclose.Tests = false
	a, b := suite.New(suite.Default()), suite.New(noTests)
	if a[0].Requires[0] == b[0].Requires[0] || a[0].Requires[0] == httpfacts.Analyzer {
		t.Fatal("suites share a facts analyzer")
	}
	if err := b[0].Flags.Set("closers", "example.com/x.Close"); err != nil {
		t.Fatal(err)
	}
	if a[0].Flags.Lookup("closers").Value.String() != "" {
		t.Fatal("a flag set on one suite shows in another")
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: "../gclplugin/testdata/settings", Tests: true}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatal("load failed")
	}
	var wg sync.WaitGroup
	counts := make([]int, 2)
	for i, as := range [][]*analysis.Analyzer{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g, err := checker.Analyze(as, pkgs, nil)
			if err != nil {
				t.Error(err)
				return
			}
			for _, act := range g.Roots {
				counts[i] += len(act.Diagnostics)
			}
		}()
	}
	wg.Wait()
	if counts[0] == 0 || counts[1] != 0 {
		t.Errorf("findings in a test file: %d with tests, %d without; want some and none", counts[0], counts[1])
	}
}

// TestFactsSmall: the Summary facts the suite exports, gob-encoded as go
// vet and gopls store them, stay small: measured on net/http and its
// dependencies plus the corpus.
func TestFactsSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyses packages")
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: "../testdata/corpus"}
	pkgs, err := packages.Load(cfg, "./...", "net/http", "net/http/httputil")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatal("load failed")
	}
	as := suite.New(suite.Default())
	g, err := checker.Analyze(as, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	facts := as[0].Requires[0]
	var n, total, largest int
	var largestOf string
	for act := range g.All() {
		if act.Analyzer != facts {
			continue
		}
		for _, f := range act.AllObjectFacts() {
			if f.Object.Pkg() != act.Package.Types {
				continue
			}
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(f.Fact); err != nil {
				t.Fatalf("%v: %v", f.Object, err)
			}
			n++
			total += buf.Len()
			if buf.Len() > largest {
				largest, largestOf = buf.Len(), f.Object.String()+": "+f.Fact.(interface{ String() string }).String()
			}
		}
	}
	t.Logf("%d facts, %d bytes in all, %.0f bytes on average, largest %d bytes (%s)", n, total, float64(total)/float64(max(n, 1)), largest, largestOf)
	if n == 0 {
		t.Fatal("no facts: the test measures nothing")
	}
	const limit = 512
	if largest > limit {
		t.Errorf("largest fact %d bytes > %d: %s", largest, limit, largestOf)
	}
}
