package httpfacts

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// buildSSA builds the SSA form of the package, as buildssa does, with
// the knowledge of calls that never return (noReturns: ctrlflow's).
//
// We build it ourselves instead of requiring buildssa because, under go vet,
// any analyzer with facts runs on every dependency of the packages checked,
// and so would buildssa with it: SSA for all of std for every package that
// imports fmt. Building here lets run skip SSA for the packages that cannot
// reach net/http, which are most of them.
func buildSSA(pass *analysis.Pass, noRet *noReturns) []*ssa.Function {
	return buildSSAFor(pass, noRet, nil)
}

// buildSSAFor is buildSSA restricted to the functions (and their literals)
// that want accepts, when want is not nil: the others are created without
// a body, as if declared in assembly, and cost nothing to build. Package
// initialisation (variable initialisers) is built only for the whole
// package.
func buildSSAFor(pass *analysis.Pass, noRet *noReturns, want func(*ast.FuncDecl) bool) []*ssa.Function {
	// InstantiateGenerics: a call to a generic helper of this package
	// (retry[*http.Response]) is summarised with its type arguments, so
	// that a func() (T, error) parameter is seen as a response source.
	//
	// BareInits: the package initialiser calls no imported initialiser,
	// so only the imports whose functions and variables the built code
	// names need SSA packages; creating one costs a member for every
	// object of its scope, and creating all imports cost more than
	// building the functions themselves.
	prog := ssa.NewProgram(pass.Fset, ssa.InstantiateGenerics|ssa.BareInits)
	prog.SetNoReturn(noRet.NoReturn)
	for _, p := range usedImports(pass, want) {
		prog.CreatePackage(p, nil, nil, true)
	}
	files, info := pass.Files, pass.TypesInfo
	if want != nil {
		files, info = withoutBodies(pass.Files, pass.TypesInfo, want)
	}
	pkg := prog.CreatePackage(pass.Pkg, files, info, false)
	pkg.Build()

	// Source functions, with their literals, in source order. The
	// literals of package-level variable initialisers (var H =
	// http.HandlerFunc(func(...){...}), a map of funcs, var V = func()
	// T {...}()) belong to the synthetic package initialiser, which
	// x/tools' buildssa leaves out: they are user code, listed here at
	// their var declaration. (Under want, withoutBodies drops package
	// initialisation, and with it these literals.)
	var funcs []*ssa.Function
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	var initAnons []*ssa.Function // the package initialiser's literals
	if want == nil {
		if init := pkg.Func("init"); init != nil {
			// In initialisation order: sort them into source order.
			initAnons = slices.SortedFunc(slices.Values(init.AnonFuncs), func(a, b *ssa.Function) int {
				return cmp.Compare(a.Pos(), b.Pos())
			})
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
				for _, anon := range initAnons {
					if gd.Pos() <= anon.Pos() && anon.Pos() < gd.End() {
						addAnons(anon)
					}
				}
				continue
			}
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || (want != nil && !want(fd)) {
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

// withoutBodies returns copies of files in which the functions want
// rejects have no body, and a copy of info that knows the copies' Go
// versions and has no package initialisation to build. The syntax nodes
// themselves are shared, so every other entry of info still applies.
func withoutBodies(files []*ast.File, info *types.Info, want func(*ast.FuncDecl) bool) ([]*ast.File, *types.Info) {
	ci := *info
	ci.InitOrder = nil
	ci.FileVersions = map[*ast.File]string{}
	out := make([]*ast.File, len(files))
	for i, f := range files {
		cf := *f
		cf.Decls = make([]ast.Decl, len(f.Decls))
		for j, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && !want(fd) {
				c := *fd
				c.Body = nil
				d = &c
			}
			cf.Decls[j] = d
		}
		out[i] = &cf
		if info.FileVersions != nil {
			ci.FileVersions[&cf] = info.FileVersions[f]
		}
	}
	return out, &ci
}

// usedImports returns, sorted by path, the imported packages whose
// package-level functions or variables the code built for want names (all
// of the package's code when want is nil): the SSA builder looks those up
// in their packages; methods, types and constants of a package it does not
// have it makes from type information.
func usedImports(pass *analysis.Pass, want func(*ast.FuncDecl) bool) []*types.Package {
	used := map[*types.Package]bool{}
	note := func(obj types.Object) {
		switch obj.(type) {
		case *types.Func, *types.Var:
		default:
			return
		}
		p := obj.Pkg()
		if p == nil || p == pass.Pkg || used[p] || p.Scope().Lookup(obj.Name()) != obj {
			return
		}
		used[p] = true
	}
	if want == nil {
		for _, obj := range pass.TypesInfo.Uses {
			note(obj)
		}
	} else {
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && want(fd) {
					ast.Inspect(fd.Body, func(n ast.Node) bool {
						if id, ok := n.(*ast.Ident); ok {
							if obj := pass.TypesInfo.Uses[id]; obj != nil {
								note(obj)
							}
						}
						return true
					})
				}
			}
		}
	}
	out := make([]*types.Package, 0, len(used))
	for p := range used {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *types.Package) int { return strings.Compare(a.Path(), b.Path()) })
	return out
}
