package lifetime

// Per-path aliases. The aliases of alias.go are flow-insensitive: a phi
// that merges the resource with another value (resp, err = c.Get(u) on one
// branch only), or a captured variable that is later given another value,
// may hold the resource. Along one path the search knows which: state.gone
// lists the values that, on the path so far, hold something else.
//
// Three kinds of value are decided on the path (the roots):
//   - a phi, when the path enters its block: it holds the resource if the
//     value on the edge taken does;
//   - a load (*p), when the path runs it: it holds the resource if what it
//     loads from does at that moment (b := resp.Body keeps the old body
//     after resp is given a new response);
//   - a variable (an Alloc cell: a captured resp), when the path stores to
//     it: it holds the resource after a store of a value that does.
//
// Every other tracked value (a field, a conversion, a closure over the
// variable) holds the resource when what it is computed from does. A value
// not in gone holds the resource, so a path on which nothing was replaced
// costs nothing.

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// gonePath reports whether the tracked value v holds something other than
// the resource on the path of s.
func (a *analysis) gonePath(s *state, v ssa.Value) bool {
	if len(s.gone) == 0 {
		return false
	}
	for range 32 {
		if slices.Contains(s.gone, v) {
			return true
		}
		switch x := v.(type) {
		case *ssa.MakeClosure:
			// A closure holds the resource through the variables it
			// captures: gone when every one that may hold it is.
			some := false
			for _, b := range x.Bindings {
				if a.tracked[b] || a.cells[b] {
					if !a.gonePath(s, b) {
						return false
					}
					some = true
				}
			}
			return some
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		case *ssa.TypeAssert:
			v = x.X
		case *ssa.Extract:
			ta, ok := x.Tuple.(*ssa.TypeAssert)
			if !ok {
				return false
			}
			v = ta.X
		case *ssa.Slice:
			v = x.X
		case *ssa.Index:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		default:
			// A root not in gone (a phi, a load, a variable), or a value
			// the path does not decide (an aliasing call's result).
			return false
		}
	}
	return false
}

// setGone records on s whether root v holds something other than the
// resource (copying s.gone, which states share).
func (s *state) setGone(v ssa.Value, gone bool) {
	if gone == slices.Contains(s.gone, v) {
		return
	}
	if gone {
		s.gone = append(slices.Clip(s.gone), v)
		return
	}
	s.gone = slices.DeleteFunc(slices.Clone(s.gone), func(x ssa.Value) bool { return x == v })
}

// allGone reports whether every value in via holds something other than
// the resource on the path of s: the use does not touch the resource.
func (a *analysis) allGone(s *state, via []ssa.Value) bool {
	if len(s.gone) == 0 || len(via) == 0 {
		return false
	}
	for _, v := range via {
		if !a.gonePath(s, v) {
			return false
		}
	}
	return true
}

// isVar reports whether v is a variable (not a result slot) whose loads may
// hold the resource: a response captured by a closure lives in one.
func (a *analysis) isVar(v ssa.Value) bool { return a.vars[v] }

// decide updates s.gone for instr, which the path runs: a store to a
// variable that may hold the resource, or a load of something tracked.
func (a *analysis) decide(s *state, instr ssa.Instruction) {
	switch instr := instr.(type) {
	case *ssa.Store:
		if a.isVar(instr.Addr) {
			s.setGone(instr.Addr, !a.tracked[instr.Val] || a.gonePath(s, instr.Val))
		}
	case *ssa.UnOp:
		if instr.Op == token.MUL && a.tracked[instr] && (len(s.gone) > 0) {
			s.setGone(instr, a.gonePath(s, instr.X))
		}
	}
}

// enterPhis decides the tracked phis of block to, entered from its
// predecessor pred on the path of s, into n.
func (a *analysis) enterPhis(s, n *state, to *ssa.BasicBlock, pred int) {
	for _, instr := range to.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			return
		}
		if !a.tracked[phi] {
			continue
		}
		e := phi.Edges[pred]
		n.setGone(phi, !a.tracked[e] || a.gonePath(s, e))
	}
}

// readsGone reports whether cond is computed from a tracked value that
// holds something other than the resource on the path of s (the status of
// the response that replaced it): such a condition says nothing about the
// resource.
func (a *analysis) readsGone(s *state, v ssa.Value, depth int) bool {
	if len(s.gone) == 0 || v == nil || depth > 4 {
		return false
	}
	if a.tracked[v] || a.cells[v] {
		return a.gonePath(s, v)
	}
	if fa, ok := v.(*ssa.FieldAddr); ok && a.tracked[fa.X] {
		return a.gonePath(s, fa.X)
	}
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return false
	}
	for _, op := range instr.Operands(nil) {
		if op != nil && *op != nil && a.readsGone(s, *op, depth+1) {
			return true
		}
	}
	return false
}

// deferredVars returns, for a deferred release d whose every use of the
// resource is a closure over variables (defer func() { resp.Body.Close() }()),
// those variables: the closure releases what they hold when it runs, at the
// exit, not what they held when it was deferred. Nil otherwise.
func (a *analysis) deferredVars(d *ssa.Defer) []ssa.Value {
	var vars []ssa.Value
	for _, v := range a.via[d] {
		mc, ok := v.(*ssa.MakeClosure)
		if !ok || d.Call.Value != v {
			return nil
		}
		for _, b := range mc.Bindings {
			switch {
			case a.isVar(b):
				if !slices.Contains(vars, b) {
					vars = append(vars, b)
				}
			case a.tracked[b] || a.cells[b]:
				return nil
			}
		}
	}
	return vars
}

// defersVars reports whether instr is a deferred release by a closure over
// variables (deferredVars), which reads them only at the exit (ModeRelease).
func (a *analysis) defersVars(instr ssa.Instruction) bool {
	d, ok := instr.(*ssa.Defer)
	return ok && a.spec.Mode == ModeRelease && a.uses[d].Effect == Release && a.deferredVars(d) != nil
}

// heldAny reports whether one of vars holds the resource on the path of s.
func heldAny(s *state, vars []ssa.Value) bool {
	for _, v := range vars {
		if !slices.Contains(s.gone, v) {
			return true
		}
	}
	return false
}
