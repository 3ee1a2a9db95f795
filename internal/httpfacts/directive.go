package httpfacts

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// The //bodyclose: directive family. Function-level directives stand in a
// function's doc comment and are exported with its Summary fact, so they
// hold in every package that calls it:
//
//	//bodyclose:closes    the function closes every response or body it is given
//	//bodyclose:returns   its *http.Response result is live: callers must close it
//
// The line-level directive //bodyclose:ignore (read by the checkers)
// belongs to the same family.
const directivePrefix = "//bodyclose:"

type directive struct {
	closes, returns bool
}

// readDirectives collects the function-level directives of the package,
// from pass.Files only (never from disk, so editors' overlays hold).
func readDirectives(pass *analysis.Pass) map[*types.Func]directive {
	marks := map[*types.Func]directive{}
	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Doc == nil {
				continue
			}
			var d directive
			for _, c := range fd.Doc.List {
				name, ok := strings.CutPrefix(c.Text, directivePrefix)
				if !ok {
					continue
				}
				name, _, _ = strings.Cut(name, " ")
				switch name {
				case "closes":
					d.closes = true
				case "returns":
					d.returns = true
				}
			}
			if d == (directive{}) {
				continue
			}
			if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				marks[obj] = d
			}
		}
	}
	return marks
}
