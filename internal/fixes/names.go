package fixes

// Names: what a name means where a fix writes it, fresh names, the import
// of package io, and the local variables that may hold the body.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/bodyclose/bodyclose/internal/knowledge"
)

// place is where a fix writes text: the scope the text is in and the
// position (names declared after it in that scope are not visible).
type place struct {
	scope *types.Scope
	pos   token.Pos
}

// before returns the place right before statement (or node) n.
func (b *Builder) before(n ast.Node) place { return place{b.scopeOutside(n), n.Pos()} }

// after returns the place right after statement n: what n declares is
// visible there.
func (b *Builder) after(n ast.Node) place { return place{b.scopeOutside(n), n.End()} }

// scopeOutside returns the innermost scope that holds n but is not n's
// own (an if's, a function literal's that starts where n starts).
func (b *Builder) scopeOutside(n ast.Node) *types.Scope {
	s := b.pass.Pkg.Scope().Innermost(n.Pos())
	for s != nil && s.Pos().IsValid() && s.Pos() >= n.Pos() && s.End() <= n.End() {
		s = s.Parent()
	}
	return s
}

// lookup returns the object name denotes at p (nil when none).
func (b *Builder) lookup(name string, p place) types.Object {
	if p.scope == nil {
		return nil
	}
	_, obj := p.scope.LookupParent(name, p.pos)
	return obj
}

// fresh reports whether name can be declared at p: nothing of that name
// is visible there or declared anywhere in p's scope, and no other fix of
// this pass declares it there (fixes are applied together).
func (b *Builder) fresh(name string, p place) bool {
	if p.scope == nil || p.scope.Lookup(name) != nil || b.taken[p.scope][name] {
		return false
	}
	return b.lookup(name, p) == nil
}

// freshName returns base, or base2, base3, ... : the first name that is
// fresh at every place and not in avoid. It is reserved in the scope of
// the first place for the fixes built after.
func (b *Builder) freshName(base string, avoid []string, at ...place) string {
	name := b.pickName(base, avoid, at)
	if len(at) > 0 && at[0].scope != nil {
		if b.taken[at[0].scope] == nil {
			b.taken[at[0].scope] = map[string]bool{}
		}
		b.taken[at[0].scope][name] = true
	}
	return name
}

func (b *Builder) pickName(base string, avoid []string, at []place) string {
	for i := 1; ; i++ {
		name := base
		if i > 1 {
			name = base + strconv.Itoa(i)
		}
		ok := true
		for _, x := range avoid {
			ok = ok && x != name
		}
		for _, p := range at {
			ok = ok && b.fresh(name, p)
		}
		if ok {
			return name
		}
	}
}

// ioImport returns the name under which the fix can write package io at
// every position in at, and the edits that import it under that name
// when the file does not already. A name is usable if it denotes the
// file's import of io there; a new import gets "io" if nothing of that
// name is visible, else io2, io3, ...
func (b *Builder) ioImport(f *ast.File, at []place) (string, []analysis.TextEdit, bool) {
	for _, spec := range f.Imports {
		if p, err := strconv.Unquote(spec.Path.Value); err != nil || p != "io" {
			continue
		}
		var pn types.Object
		if spec.Name != nil {
			pn = b.info.Defs[spec.Name]
		} else {
			pn = b.info.Implicits[spec]
		}
		if pn == nil {
			continue // blank or dot import
		}
		ok := true
		for _, p := range at {
			ok = ok && b.lookup(pn.Name(), p) == pn
		}
		if ok {
			return pn.Name(), nil, true
		}
	}
	fileScope := b.info.Scopes[f]
	for i := 1; i < 100; i++ {
		name := "io"
		if i > 1 {
			name = "io" + strconv.Itoa(i)
		}
		if fileScope != nil && fileScope.Lookup(name) != nil {
			continue
		}
		ok := true
		for _, p := range at {
			ok = ok && b.lookup(name, p) == nil
		}
		if !ok {
			continue
		}
		spec := `"io"`
		if name != "io" {
			spec = name + ` "io"`
		}
		return name, addImport(f, "io", spec), true
	}
	return "", nil, false
}

// addImport returns the edits that add spec (`"io"` or `name "io"`) for
// path to f: into the group of standard-library imports of the first
// parenthesised import declaration, in order; a lone import becomes a
// group; a file without imports gets one after its package clause.
func addImport(f *ast.File, path, spec string) []analysis.TextEdit {
	var decl *ast.GenDecl
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT || importsC(gd) {
			continue // cgo's import "C" stays as it is, under its preamble
		}
		if decl == nil || (!decl.Lparen.IsValid() && gd.Lparen.IsValid()) {
			decl = gd
		}
	}
	switch {
	case decl == nil:
		// After the package clause, or after the last import (import "C").
		end := f.Name.End()
		for _, d := range f.Decls {
			if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
				end = gd.End()
			}
		}
		return []analysis.TextEdit{{Pos: end, End: end, NewText: []byte("\n\nimport " + spec)}}
	case !decl.Lparen.IsValid():
		// import "net/http" → import ( "io"; "net/http" ), in order.
		first := decl.Specs[0]
		if importPath(first) < path {
			return []analysis.TextEdit{
				{Pos: first.Pos(), End: first.Pos(), NewText: []byte("(\n\t")},
				{Pos: decl.End(), End: decl.End(), NewText: []byte("\n\t" + spec + "\n)")},
			}
		}
		return []analysis.TextEdit{
			{Pos: first.Pos(), End: first.Pos(), NewText: []byte("(\n\t" + spec + "\n\t")},
			{Pos: decl.End(), End: decl.End(), NewText: []byte("\n)")},
		}
	}
	// Within the first run of standard-library imports, before the first
	// that sorts after path; else after the run's last.
	var last ast.Spec
	for _, s := range decl.Specs {
		p := importPath(s)
		if !isStd(p) {
			if last != nil {
				break
			}
			continue
		}
		if p > path {
			return []analysis.TextEdit{{Pos: s.Pos(), End: s.Pos(), NewText: []byte(spec + "\n\t")}}
		}
		last = s
	}
	if last != nil {
		return []analysis.TextEdit{{Pos: last.End(), End: last.End(), NewText: []byte("\n\t" + spec)}}
	}
	return []analysis.TextEdit{{Pos: decl.Lparen + 1, End: decl.Lparen + 1, NewText: []byte("\n\t" + spec + "\n")}}
}

// importsC reports whether gd imports cgo's "C".
func importsC(gd *ast.GenDecl) bool {
	for _, s := range gd.Specs {
		if importPath(s) == "C" {
			return true
		}
	}
	return false
}

func importPath(s ast.Spec) string {
	is, ok := s.(*ast.ImportSpec)
	if !ok {
		return ""
	}
	p, _ := strconv.Unquote(is.Path.Value)
	return p
}

// isStd reports whether an import path looks like the standard library's
// (no dot in its first element), as goimports groups them.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// visible reports whether every identifier of e that names a variable or
// package denotes the same object at p as where e stands.
func (b *Builder) visible(e ast.Expr, pos place) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(n.X, func(m ast.Node) bool {
				if id, isID := m.(*ast.Ident); isID {
					ok = ok && b.sameAt(id, pos)
				}
				return ok
			})
			return false
		case *ast.Ident:
			ok = ok && b.sameAt(n, pos)
		case *ast.FuncLit:
			ok = false
		}
		return ok
	})
	return ok
}

func (b *Builder) sameAt(id *ast.Ident, pos place) bool {
	obj := b.info.Uses[id]
	if obj == nil {
		obj = b.info.Defs[id]
	}
	return obj != nil && b.lookup(id.Name, pos) == obj
}

// holdsReader reports whether a value of type t may hold (or reach) a
// response body: a *http.Response, an interface other than error, a func,
// a channel, or a composite with such a part.
func holdsReader(t types.Type) bool { return holds(t, 0) }

func holds(t types.Type, depth int) bool {
	if t == nil || depth > 4 {
		return t != nil
	}
	if knowledge.IsResponsePtr(t) {
		return true
	}
	if knowledge.IsError(t) {
		return false
	}
	if tu, ok := t.(*types.Tuple); ok {
		for v := range tu.Variables() {
			if holds(v.Type(), depth+1) {
				return true
			}
		}
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return false
	case *types.Interface, *types.Signature, *types.Chan, *types.TypeParam:
		return true
	case *types.Pointer:
		return holds(u.Elem(), depth+1)
	case *types.Slice:
		return holds(u.Elem(), depth+1)
	case *types.Array:
		return holds(u.Elem(), depth+1)
	case *types.Map:
		return holds(u.Key(), depth+1) || holds(u.Elem(), depth+1)
	case *types.Struct:
		for f := range u.Fields() {
			if holds(f.Type(), depth+1) {
				return true
			}
		}
		return false
	}
	return true
}

// aliasesOf returns v and the local variables of body that may hold what
// v holds: assigned (or declared) from an expression that mentions one of
// them, and of a type that can hold a body.
func aliasesOf(info *types.Info, body *ast.BlockStmt, v *types.Var) map[*types.Var]bool {
	set := map[*types.Var]bool{v: true}
	local := func(e ast.Expr) *types.Var {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		x, ok := info.ObjectOf(id).(*types.Var)
		if !ok || x.IsField() || x.Pos() < body.Lbrace || x.Pos() > body.Rbrace || !holdsReader(x.Type()) {
			return nil
		}
		return x
	}
	for changed := true; changed; {
		changed = false
		add := func(lhs []ast.Expr, rhs []ast.Expr) {
			for i, l := range lhs {
				x := local(l)
				if x == nil || set[x] {
					continue
				}
				r := rhs[0]
				if len(rhs) == len(lhs) {
					r = rhs[i]
				}
				if mentions(info, r, v, set) {
					set[x] = true
					changed = true
				}
			}
		}
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				add(n.Lhs, n.Rhs)
			case *ast.ValueSpec:
				if len(n.Values) > 0 {
					lhs := make([]ast.Expr, len(n.Names))
					for i, id := range n.Names {
						lhs[i] = id
					}
					add(lhs, n.Values)
				}
			case *ast.RangeStmt:
				var lhs []ast.Expr
				if n.Key != nil {
					lhs = append(lhs, n.Key)
				}
				if n.Value != nil {
					lhs = append(lhs, n.Value)
				}
				if len(lhs) > 0 {
					add(lhs, []ast.Expr{n.X})
				}
			}
			return true
		})
	}
	return set
}

// mentions reports whether e refers to what v or the aliases in set hold.
// Reading a field of a response other than its Body (resp.StatusCode,
// resp.Header.Get) does not count.
func mentions(info *types.Info, e ast.Node, v *types.Var, set map[*types.Var]bool) bool {
	if e == nil {
		return false
	}
	harmless := map[*ast.Ident]bool{}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.ObjectOf(id) == v && knowledge.IsResponsePtr(v.Type()) {
				if sel := info.Selections[n]; sel != nil && sel.Kind() == types.FieldVal {
					if f, ok := sel.Obj().(*types.Var); ok && !knowledge.IsBodyField(f) {
						harmless[id] = true
					}
				}
			}
		case *ast.Ident:
			if x, ok := info.ObjectOf(n).(*types.Var); ok && set[x] && !harmless[n] {
				found = true
			}
		}
		return true
	})
	return found
}

// readerIface returns interface{ Read([]byte) (int, error) }.
func readerIface() *types.Interface {
	p := types.NewVar(token.NoPos, nil, "p", types.NewSlice(types.Typ[types.Byte]))
	n := types.NewVar(token.NoPos, nil, "n", types.Typ[types.Int])
	err := types.NewVar(token.NoPos, nil, "err", types.Universe.Lookup("error").Type())
	sig := types.NewSignatureType(nil, nil, nil, types.NewTuple(p), types.NewTuple(n, err), false)
	return types.NewInterfaceType([]*types.Func{types.NewFunc(token.NoPos, nil, "Read", sig)}, nil).Complete()
}

// implementsReader reports whether values of type t are readers (an
// io.Copy from them drains what they read).
func implementsReader(t types.Type) bool { return types.Implements(t, readerIface()) }
