package fixes

// A walk over the statements after an acquisition, in the order control
// runs through them, that knows at each exit of the response's scope
// whether the response is still open there on every path, closed on every
// path, or either (then no fix). The exits are where a close is written:
// returns, branches that leave the scope, the end of the scope.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/bodyclose/bodyclose/internal/knowledge"
)

// flow is what every path to a point knows of the response.
type flow uint8

const (
	none   flow = iota // no path gets here
	live               // open on every path
	closed             // released on every path
	mixed              // open on some paths, released on others
)

func join(x, y flow) flow {
	switch {
	case x == none:
		return y
	case y == none, x == y:
		return x
	}
	return mixed
}

// exitPoint is a place where control leaves the response's scope.
type exitPoint struct {
	stmt  ast.Stmt        // the return or branch; or, with end, the last statement
	end   bool            // control falls off the end of the scope after stmt
	ret   *ast.ReturnStmt // stmt, when it is a return
	state flow
}

// target is a statement a break or continue inside the scope may name.
type target struct {
	stmt     ast.Stmt
	label    string
	loop     bool
	isSwitch bool // a switch: the target of a fallthrough
}

// walker walks statements. With releases nil it only computes whether
// control falls through.
type walker struct {
	info     *types.Info
	releases map[ast.Node]ast.Stmt
	// handsOn reports whether a return hands the response to the caller
	// (not an exit where it leaks).
	handsOn func(*ast.ReturnStmt) bool
	targets []target
	breaks  map[ast.Stmt]flow
	conts   map[ast.Stmt]flow
	fall    flow // the state a fallthrough carries to the next clause
	exits   []exitPoint
	fail    bool // a statement the walk cannot reason about
}

func newWalker(a *acq, releases map[ast.Node]ast.Stmt) *walker {
	return &walker{info: a.b.info, releases: releases, breaks: map[ast.Stmt]flow{}, conts: map[ast.Stmt]flow{}}
}

// list walks stmts from state st; it returns the state where control
// falls off the end, and whether it can.
func (w *walker) list(stmts []ast.Stmt, st flow) (flow, bool) {
	for _, s := range stmts {
		var falls bool
		st, falls = w.stmt(s, "", st)
		if !falls {
			return none, false
		}
	}
	return st, true
}

func (w *walker) exit(x exitPoint) {
	if w.releases != nil {
		w.exits = append(w.exits, x)
	}
}

func (w *walker) stmt(s ast.Stmt, label string, st flow) (flow, bool) {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		if w.releasesIn(s) || (w.handsOn != nil && w.handsOn(s)) {
			return none, false
		}
		w.exit(exitPoint{stmt: s, ret: s, state: st})
		return none, false
	case *ast.BranchStmt:
		return w.branch(s, st)
	case *ast.BlockStmt:
		return w.list(s.List, st)
	case *ast.LabeledStmt:
		return w.stmt(s.Stmt, s.Label.Name, st)
	case *ast.IfStmt:
		st = w.simple(s.Init, st)
		st = w.simple(s.Cond, st)
		t, tf := w.stmt(s.Body, "", st)
		e, ef := st, true
		if s.Else != nil {
			e, ef = w.stmt(s.Else, "", st)
		}
		var out flow
		if tf {
			out = join(out, t)
		}
		if ef {
			out = join(out, e)
		}
		return out, tf || ef
	case *ast.ForStmt:
		st = w.simple(s.Init, st)
		if w.releasesIn(s.Cond) || w.releasesIn(s.Post) {
			w.fail = true
		}
		w.loop(s, label, s.Body, st)
		if s.Cond == nil {
			b := w.breaks[s]
			return b, b != none
		}
		return join(st, w.breaks[s]), true
	case *ast.RangeStmt:
		st = w.simple(s.X, st)
		w.loop(s, label, s.Body, st)
		return join(st, w.breaks[s]), true
	case *ast.SwitchStmt:
		st = w.simple(s.Init, st)
		st = w.simple(s.Tag, st)
		return w.clauses(s, label, s.Body, st, false)
	case *ast.TypeSwitchStmt:
		st = w.simple(s.Init, st)
		st = w.simple(s.Assign, st)
		return w.clauses(s, label, s.Body, st, false)
	case *ast.SelectStmt:
		return w.clauses(s, label, s.Body, st, true)
	case *ast.ExprStmt:
		if w.neverReturns(s.X) {
			return none, false
		}
		return w.simple(s, st), true
	case *ast.DeferStmt:
		if w.releasesIn(s) {
			w.fail = true // a deferred release: closes at the function's end, not here
		}
		return st, true
	case *ast.AssignStmt, *ast.IncDecStmt, *ast.SendStmt, *ast.DeclStmt, *ast.GoStmt, *ast.EmptyStmt:
		return w.simple(s, st), true
	}
	w.fail = true
	return st, true
}

// branch handles break, continue, fallthrough and goto.
func (w *walker) branch(s *ast.BranchStmt, st flow) (flow, bool) {
	switch s.Tok {
	case token.BREAK:
		if t := w.find(s.Label, false); t != nil {
			w.breaks[t.stmt] = join(w.breaks[t.stmt], st)
			return none, false
		}
	case token.CONTINUE:
		if t := w.find(s.Label, true); t != nil {
			w.conts[t.stmt] = join(w.conts[t.stmt], st)
			return none, false
		}
	case token.FALLTHROUGH:
		if n := len(w.targets); n > 0 && w.targets[n-1].isSwitch {
			w.fall = st
			return none, false
		}
	default: // goto
		w.fail = true
		return none, false
	}
	w.exit(exitPoint{stmt: s, state: st}) // leaves the scope
	return none, false
}

// find returns the statement a break (or, with loop, a continue) inside
// the scope targets, or nil when it targets one outside.
func (w *walker) find(label *ast.Ident, loop bool) *target {
	for i := len(w.targets) - 1; i >= 0; i-- {
		t := &w.targets[i]
		if loop && !t.loop {
			continue
		}
		if label == nil || t.label == label.Name {
			return t
		}
	}
	return nil
}

// loop walks a loop body from st; the state must come back to the head
// unchanged.
func (w *walker) loop(s ast.Stmt, label string, body *ast.BlockStmt, st flow) {
	w.targets = append(w.targets, target{stmt: s, label: label, loop: true})
	out, falls := w.list(body.List, st)
	w.targets = w.targets[:len(w.targets)-1]
	back := w.conts[s]
	if falls {
		back = join(back, out)
	}
	if back != none && join(back, st) != st {
		w.fail = true // a release inside a loop inside the scope
	}
}

// clauses walks the clauses of a switch or select.
func (w *walker) clauses(s ast.Stmt, label string, body *ast.BlockStmt, st flow, isSelect bool) (flow, bool) {
	w.targets = append(w.targets, target{stmt: s, label: label, isSwitch: !isSelect})
	var out flow
	falls, hasDefault := false, isSelect // a select runs one of its clauses
	carry := none
	for _, c := range body.List {
		entry := st
		var stmts []ast.Stmt
		switch c := c.(type) {
		case *ast.CaseClause:
			if c.List == nil {
				hasDefault = true
			}
			for _, e := range c.List {
				if w.releasesIn(e) {
					w.fail = true
				}
			}
			stmts = c.Body
		case *ast.CommClause:
			if w.releasesIn(c.Comm) {
				w.fail = true
			}
			stmts = c.Body
		}
		if carry != none {
			entry = join(entry, carry)
		}
		w.fall = none
		o, f := w.list(stmts, entry)
		carry, w.fall = w.fall, none
		if f {
			out = join(out, o)
			falls = true
		}
	}
	w.targets = w.targets[:len(w.targets)-1]
	if !hasDefault {
		out = join(out, st)
		falls = true
	}
	if b := w.breaks[s]; b != none {
		out = join(out, b)
		falls = true
	}
	return out, falls
}

// simple returns the state after n runs from st: closed if n releases.
func (w *walker) simple(n ast.Node, st flow) flow {
	if st != none && w.releasesIn(n) {
		return closed
	}
	return st
}

// releasesIn reports whether n holds a release of the response (not
// counting the bodies of function literals, which run when called).
func (w *walker) releasesIn(n ast.Node) bool {
	if w.releases == nil || n == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if found || x == nil {
			return false
		}
		if _, ok := w.releases[x]; ok {
			found = true
			return false
		}
		_, lit := x.(*ast.FuncLit)
		return !lit
	})
	return found
}

// neverReturns reports whether e is a call that never returns: panic,
// os.Exit, log.Fatal and the like.
func (w *walker) neverReturns(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fun := ast.Unparen(call.Fun)
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return false
	}
	switch obj := w.info.Uses[id].(type) {
	case *types.Builtin:
		return obj.Name() == "panic"
	case *types.Func:
		return knowledge.NeverReturns(obj)
	}
	return false
}
