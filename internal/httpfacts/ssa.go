package httpfacts

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ssa"
)

// buildSSA builds the SSA form of the package, as buildssa does, with
// ctrlflow's knowledge of calls that never return.
//
// We build it ourselves instead of requiring buildssa because, under go vet,
// any analyzer with facts runs on every dependency of the packages checked,
// and so would buildssa with it: SSA for all of std for every package that
// imports fmt. Building here lets run skip SSA for the packages that cannot
// reach net/http, which are most of them.
func buildSSA(pass *analysis.Pass) []*ssa.Function {
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	// InstantiateGenerics: a call to a generic helper of this package
	// (retry[*http.Response]) is summarised with its type arguments, so
	// that a func() (T, error) parameter is seen as a response source.
	prog := ssa.NewProgram(pass.Fset, ssa.InstantiateGenerics)
	prog.SetNoReturn(cfgs.NoReturn)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

	// Source functions, with their literals, in source order.
	var funcs []*ssa.Function
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if f := prog.FuncValue(obj); f != nil {
				addAnons(f)
			}
		}
	}
	return funcs
}
