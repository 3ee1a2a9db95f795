package fixes

// Syntactic facts about the response variable that decide whether a shape
// is safe: reassignments, address taken, nil checks, captures, escapes,
// and which closes are redundant.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
)

// inspectFn walks the function body (function literals included).
func (a *acq) inspectFn(f func(n ast.Node) bool) { ast.Inspect(a.body, f) }

// isV reports whether e is the response variable itself.
func (a *acq) isV(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && a.b.info.ObjectOf(id) == a.v
}

// isVBody reports whether e is v.Body.
func (a *acq) isVBody(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || !a.isV(sel.X) {
		return false
	}
	f, ok := a.b.info.ObjectOf(sel.Sel).(*types.Var)
	return ok && knowledge.IsBodyField(f)
}

// reassigned reports whether the function assigns v, or v.Body, anywhere
// but at the acquisition.
func (a *acq) reassigned() bool { return a.reassignedAfter(token.NoPos) }

// reassignedAfter reports whether the function assigns v, or v.Body, in
// a statement that starts after pos, other than the acquisition.
func (a *acq) reassignedAfter(pos token.Pos) bool {
	found := false
	a.inspectFn(func(n ast.Node) bool {
		if n != nil && n.End() <= pos {
			return false // wholly before pos
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n == a.stmt || n.Pos() <= pos {
				return true
			}
			for _, l := range n.Lhs {
				found = found || a.isV(l) || a.isVBody(l)
			}
		case *ast.RangeStmt:
			found = found || (n.Key != nil && a.isV(n.Key)) || (n.Value != nil && a.isV(n.Value))
		case *ast.IncDecStmt:
			found = found || a.isV(n.X)
		}
		return !found
	})
	return found
}

// addressTaken reports whether &v or &v.Body appears.
func (a *acq) addressTaken() bool {
	found := false
	a.inspectFn(func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND && (a.isV(u.X) || a.isVBody(u.X)) {
			found = true
		}
		return !found
	})
	return found
}

// nilCompared reports whether v or v.Body is compared with nil: the
// engine then knows paths where there is nothing to close.
func (a *acq) nilCompared() bool {
	found := false
	a.inspectFn(func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
			return !found
		}
		for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
			if a.b.info.Types[pair[1]].IsNil() && (a.isV(pair[0]) || a.isVBody(pair[0]) || mentionsAlias(a, pair[0])) {
				found = true
			}
		}
		return !found
	})
	return found
}

func mentionsAlias(a *acq, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	x, ok := a.b.info.ObjectOf(id).(*types.Var)
	return ok && a.aliases[x]
}

// capturedOrDeferred reports whether a function literal or a defer
// statement mentions the body: code that may run after a close written at
// an exit.
func (a *acq) capturedOrDeferred() bool {
	found := false
	a.inspectFn(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.DeferStmt:
			found = found || mentions(a.b.info, n, a.v, a.aliases)
		}
		return !found
	})
	return found
}

// otherDefersMention reports whether a defer statement that is not a
// release mentions the body: it would run before a deferred close, and a
// close removed from before a return would then come after it.
func (a *acq) otherDefersMention() bool {
	found := false
	a.inspectFn(func(n ast.Node) bool {
		if ds, ok := n.(*ast.DeferStmt); ok {
			if _, rel := a.release[ds]; !rel && mentions(a.b.info, ds, a.v, a.aliases) {
				found = true
			}
		}
		return !found
	})
	return found
}

// guardedUse reports whether a call disposes of the response on its
// error paths (checkResponse(resp) error, resp, err = check(resp)): the
// walk cannot see those paths.
func (a *acq) guardedUse() bool {
	for _, u := range a.s.Result.Uses {
		if u.ErrGuard || (u.Effect == lifetime.Alias && u.Err >= 0) {
			return true
		}
	}
	return false
}

// scopeNode returns the block (or clause) the acquisition stands in.
func (a *acq) scopeNode() ast.Node { return a.cur.Parent().Node() }

// escapes reports whether the body reaches a place the fix's closes do
// not cover: a variable declared outside scope, a field, an element or a
// global (assigned a value that mentions the body and can hold it), a
// channel, a goroutine; with returns, also a returned value.
func (a *acq) escapes(scope ast.Node, returns bool) bool {
	info := a.b.info
	found := false
	a.inspectFn(func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n == a.stmt {
				return true
			}
			for i, l := range n.Lhs {
				r := n.Rhs[0]
				if len(n.Rhs) == len(n.Lhs) {
					r = n.Rhs[i]
				}
				if !mentions(info, r, a.v, a.aliases) {
					continue
				}
				if id, ok := ast.Unparen(l).(*ast.Ident); ok {
					if id.Name == "_" {
						continue
					}
					if x, ok := info.ObjectOf(id).(*types.Var); ok && !x.IsField() && x.Pos() >= scope.Pos() && x.Pos() < scope.End() {
						continue // a local of the scope: an alias
					}
				}
				if t := info.TypeOf(l); t == nil || holdsReader(t) {
					found = true
				}
			}
		case *ast.SendStmt:
			found = found || mentions(info, n.Value, a.v, a.aliases)
		case *ast.GoStmt:
			found = found || mentions(info, n.Call, a.v, a.aliases)
		case *ast.ReturnStmt:
			if returns {
				for _, r := range n.Results {
					if holdsReader(info.TypeOf(r)) && mentions(info, r, a.v, a.aliases) {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

// closesV reports whether call is X.M() closing this response and no
// other: v.Body or a local alias of it with a Close() error method, or,
// for a holder, v with its close method; the variable is assigned once (a
// close of a variable that another acquisition assigns too may be that
// one's release).
func (a *acq) closesV(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 0 || !a.stable(sel.X) {
		return false
	}
	m, ok := a.b.info.Uses[sel.Sel].(*types.Func)
	if !ok {
		return false
	}
	if a.holder {
		return a.isV(sel.X) && m == a.closeM
	}
	if a.isBody {
		return knowledge.IsCloseMethod(m) && (a.isV(sel.X) || mentionsAlias(a, sel.X))
	}
	return knowledge.IsCloseMethod(m) && (a.isVBody(sel.X) || mentionsAlias(a, sel.X) && !a.isV(sel.X))
}

// redundantClose reports whether the close statement st (of call) can go
// once a deferred close runs at the function's end: the next statement is
// a return that no longer reads the body, or st ends the function.
func (a *acq) redundantClose(st ast.Stmt, call *ast.CallExpr) bool {
	es, ok := st.(*ast.ExprStmt)
	if !ok || ast.Unparen(es.X) != call || !a.b.idx.InList(st) {
		return false
	}
	if next := a.b.idx.Next(st); next != nil {
		ret, ok := next.(*ast.ReturnStmt)
		return ok && !mentions(a.b.info, ret, a.v, a.aliases)
	}
	return len(a.body.List) > 0 && a.body.List[len(a.body.List)-1] == st
}

// removeDefer removes ds, and the if around it when nothing else remains
// there and its condition has no effect. When that if must stay (its
// condition is the only use of a local) ds stays too: an empty branch
// helps nobody.
func (a *acq) removeDefer(e *edits, ds *ast.DeferStmt) {
	root := a.b.roots[a.file]
	if c, ok := root.FindNode(ds); ok {
		if blk, ok := c.Parent().Node().(*ast.BlockStmt); ok && len(blk.List) == 1 {
			if ifs, ok := c.Parent().Parent().Node().(*ast.IfStmt); ok && ifs.Body == blk {
				if ifs.Init == nil && ifs.Else == nil && pure(ifs.Cond) && a.b.idx.InList(ifs) && !a.onlyUse(ifs.Cond) {
					a.remove(e, ifs)
					e.removed[ds] = true
				}
				return
			}
		}
	}
	a.remove(e, ds)
}

// onlyUse reports whether e holds the only use of a local variable: taking
// e away would leave it declared and not used.
func (a *acq) onlyUse(e ast.Expr) bool {
	locals := map[types.Object]bool{}
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := a.b.info.Uses[id].(*types.Var); ok && !v.IsField() && v.Pos() > a.body.Lbrace && v.Pos() < a.body.Rbrace {
				locals[v] = true
			}
		}
		return true
	})
	if len(locals) == 0 {
		return false
	}
	used := map[types.Object]bool{}
	a.inspectFn(func(n ast.Node) bool {
		if n == e {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && locals[a.b.info.Uses[id]] {
			used[a.b.info.Uses[id]] = true
		}
		return true
	})
	return len(used) < len(locals)
}

// pure reports whether evaluating e has no effect: no call, no receive.
func pure(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.FuncLit:
			ok = false
		case *ast.UnaryExpr:
			ok = ok && n.Op != token.ARROW
		}
		return ok
	})
	return ok
}

// stable reports whether x (v.Body, or a local) denotes the same body
// when the function ends as where it stands: its variable is assigned
// once and its address is not taken.
func (a *acq) stable(x ast.Expr) bool {
	if a.v != nil && (a.isVBody(x) || a.isV(x)) {
		return !a.reassigned() && !a.addressTaken()
	}
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return false
	}
	obj, ok := a.b.info.ObjectOf(id).(*types.Var)
	if !ok || obj.Pos() < a.body.Lbrace || obj.Pos() > a.body.Rbrace {
		return false
	}
	n := 0
	a.inspectFn(func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.AssignStmt:
			for _, l := range m.Lhs {
				if lid, ok := ast.Unparen(l).(*ast.Ident); ok && a.b.info.ObjectOf(lid) == obj {
					n++
				}
			}
		case *ast.ValueSpec:
			for _, nm := range m.Names {
				if a.b.info.Defs[nm] == obj && len(m.Values) > 0 {
					n++
				}
			}
		case *ast.UnaryExpr:
			if uid, ok := ast.Unparen(m.X).(*ast.Ident); ok && m.Op == token.AND && a.b.info.ObjectOf(uid) == obj {
				n += 2
			}
		case *ast.RangeStmt, *ast.IncDecStmt:
			n += 2 // conservative
		}
		return true
	})
	return n == 1
}

// loopAround reports whether a for or range statement of the function
// encloses n.
func (a *acq) loopAround(n ast.Node) bool {
	c, ok := a.b.roots[a.file].FindNode(n)
	if !ok {
		return true
	}
	for e := range c.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch e.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
		return false
	}
	return false
}

// closeMethodOf returns a method of type t that closes, on every path, the
// response its receiver holds (see acq.closeMethod).
func closeMethodOf(b *Builder, t types.Type) *types.Func {
	ms := types.NewMethodSet(t)
	var best *types.Func
	for sel := range ms.Methods() {
		m, ok := sel.Obj().(*types.Func)
		if !ok || (!m.Exported() && m.Pkg() != b.pass.Pkg) {
			continue
		}
		sig := m.Type().(*types.Signature)
		if sig.Params().Len() != 0 || sig.Results().Len() > 1 ||
			(sig.Results().Len() == 1 && !knowledge.IsError(sig.Results().At(0).Type())) {
			continue
		}
		if !b.facts.ClosesArg(m, 0) {
			continue
		}
		if best == nil || m.Name() == "Close" {
			best = m
		}
	}
	return best
}
