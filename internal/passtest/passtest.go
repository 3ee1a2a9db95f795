// Package passtest runs an analyzer of the suite on one package of source
// held in memory, without go/packages or a driver: the package is
// type-checked against the export data of its imports, each analyzer gets
// a hand-made analysis.Pass, and facts of imported packages are absent (the
// standard library's behaviour comes from the knowledge tables). Tests and
// benchmarks that analyse many generated programs (the path oracle's fuzz
// target, the scaling benchmark) use it: it costs milliseconds per program
// where loading costs seconds.
package passtest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// A Package is one type-checked package.
type Package struct {
	Fset  *token.FileSet
	Files []*ast.File
	Pkg   *types.Package
	Info  *types.Info
}

// TypeCheck parses src as the single file p.go of package path p and
// type-checks it with imp (go/importer.Default() reads the compiler's
// export data). It returns the parse or type error, if any.
func TypeCheck(imp types.Importer, src string) (*Package, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		Instances:    map[*ast.Ident]types.Instance{},
		FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{Importer: imp, GoVersion: "go1.26"}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		return nil, err
	}
	return &Package{fset, []*ast.File{f}, pkg, info}, nil
}

// Run runs a, after its prerequisites, on p and returns a's diagnostics
// (its prerequisites' are dropped), or the first analyzer's error. Object
// facts exported on p's own objects are kept for the run, so that a
// checker sees the summaries its facts analyzer computed.
func Run(p *Package, a *analysis.Analyzer) ([]analysis.Diagnostic, error) {
	var diags []analysis.Diagnostic
	results := map[*analysis.Analyzer]any{}
	type factKey struct {
		obj types.Object
		t   string
	}
	facts := map[factKey]analysis.Fact{}
	passFor := func(an *analysis.Analyzer) *analysis.Pass {
		report := func(analysis.Diagnostic) {}
		if an == a {
			report = func(d analysis.Diagnostic) { diags = append(diags, d) }
		}
		return &analysis.Pass{
			Analyzer:   an,
			Fset:       p.Fset,
			Files:      p.Files,
			Pkg:        p.Pkg,
			TypesInfo:  p.Info,
			TypesSizes: types.SizesFor("gc", "amd64"),
			ResultOf:   results,
			Report:     report,
			ImportObjectFact: func(obj types.Object, f analysis.Fact) bool {
				got, ok := facts[factKey{obj, fmt.Sprintf("%T", f)}]
				if ok {
					copyFact(f, got)
				}
				return ok
			},
			ExportObjectFact: func(obj types.Object, f analysis.Fact) {
				facts[factKey{obj, fmt.Sprintf("%T", f)}] = f
			},
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			ExportPackageFact: func(analysis.Fact) {},
			AllObjectFacts:    func() []analysis.ObjectFact { return nil },
			AllPackageFacts:   func() []analysis.PackageFact { return nil },
		}
	}
	var run func(an *analysis.Analyzer) error
	run = func(an *analysis.Analyzer) error {
		if _, done := results[an]; done {
			return nil
		}
		for _, req := range an.Requires {
			if err := run(req); err != nil {
				return err
			}
		}
		res, err := an.Run(passFor(an))
		if err != nil {
			return fmt.Errorf("%s: %v", an.Name, err)
		}
		results[an] = res
		return nil
	}
	if err := run(a); err != nil {
		return nil, err
	}
	return diags, nil
}

// copyFact copies the fact src into dst, a pointer of the same type (as
// the drivers do when they decode a fact).
func copyFact(dst, src analysis.Fact) {
	reflect.ValueOf(dst).Elem().Set(reflect.ValueOf(src).Elem())
}
