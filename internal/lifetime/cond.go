package lifetime

// Conditions: which side of an If a path may take, given what it knows
// of the error, the resource, its status and its drain.

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// branch evaluates the condition of an If on this path.
func (a *analysis) branch(s *state, instr *ssa.If) []state {
	t, f := s.b.Succs[0], s.b.Succs[1]
	if a.readsGone(s, instr.Cond, 0) {
		// A test of what replaced the resource on this path (the
		// status of the new response) says nothing about it.
		if t == f {
			return []state{a.enter(s, s.b, t, s.bad)}
		}
		return a.narrowOthers(s, instr, []state{a.enter(s, s.b, t, s.bad), a.enter(s, s.b, f, s.bad)})
	}
	next := a.branchSides(s, instr)
	if t == f {
		return next
	}
	if val, known := a.boolAt(s, instr.Cond); known {
		// A comparison every status left on this path decides, or a
		// phi whose value on the way in was known.
		keep := f
		if val {
			keep = t
		}
		return slices.DeleteFunc(next, func(n state) bool { return n.b != keep })
	}
	cond, neg := unNot(s.resolve(instr.Cond))
	if c, n2 := unNot(cond); n2 {
		cond, neg = c, !neg
	}
	ts, fs, ok := a.statusSides(cond)
	if !ok {
		// Perhaps the status of another response.
		return a.narrowOthers(s, instr, next)
	}
	if neg {
		ts, fs = fs, ts
	}
	cur := s.codes
	if cur == nil {
		cur = fullStatusSet()
	}
	ts, fs = cur.intersect(ts), cur.intersect(fs)
	out := next[:0:0]
	for _, n := range next {
		side := ts
		if n.b == f {
			side = fs
		}
		if side.empty() || (a.r.NoBody != nil && side.all(a.r.NoBody)) {
			// No status reaches this side, or every one that does
			// leaves nothing to release (a 1xx interim response).
			continue
		}
		n.codes = side
		out = append(out, n)
	}
	return out
}

// branchSides evaluates the condition of an If on this path, before the
// status set narrows it.
func (a *analysis) branchSides(s *state, instr *ssa.If) []state {
	if a.spec.Mode != ModeRelease && !s.touched && a.readsResource(instr.Cond, 0) {
		s.touched = true
	}
	t, f := s.b.Succs[0], s.b.Succs[1]
	cond, neg := unNot(instr.Cond)
	if neg {
		t, f = f, t
	}
	if a.r.Ok != nil && cond == a.r.Ok {
		// !ok: the channel is closed and nothing was received.
		return []state{a.enter(s, s.b, t, s.bad)}
	}
	if x, eq, ok := nilCompare(cond); ok {
		nilSucc, nonNilSucc := f, t
		if eq {
			nilSucc, nonNilSucc = t, f
		}
		switch {
		case a.isErr(s, x):
			// A non-nil error leaves no resource to release.
			n := a.enter(s, s.b, nilSucc, s.bad)
			if a.judged(x) {
				n.valid = true // a status-check helper passed it
			}
			return []state{n}
		case (a.tracked[x] || a.cellLoad(x)) && !a.gonePath(s, x):
			// A nil resource needs no release.
			return []state{a.enter(s, s.b, nonNilSucc, s.bad)}
		}
	}
	if a.spec.Mode == ModeRelease && a.spec.ReleaseCond != nil {
		if when, ok := a.spec.ReleaseCond(cond, a); ok {
			// One side releases the resource: follow the other.
			a.res.Released = true
			if when {
				return []state{a.enter(s, s.b, f, s.bad)}
			}
			return []state{a.enter(s, s.b, t, s.bad)}
		}
	}
	if a.spec.Mode != ModeRelease {
		if a.spec.DrainCond != nil {
			if dc := a.spec.DrainCond(cond, a); dc.OK {
				// One side means the body was read to its end.
				a.res.Drained = true
				if dc.OtherEnds {
					return nil // and the other is an exceptional path
				}
				if dc.DrainedWhen {
					return []state{a.enter(s, s.b, f, s.bad)}
				}
				return []state{a.enter(s, s.b, t, s.bad)}
			}
		}
		if eq, ok := a.bodilessCompare(cond); ok {
			// On the side where the status has no body, nothing to drain.
			if eq {
				return []state{a.enter(s, s.b, f, s.bad)}
			}
			return []state{a.enter(s, s.b, t, s.bad)}
		}
	}
	if a.impliesErr(s, cond) {
		// The condition can only hold with a non-nil error.
		return []state{a.enter(s, s.b, f, s.bad)}
	}
	if b, ok := cond.(*ssa.BinOp); ok && b.Op == token.NEQ && a.comparesErrWithGlobal(s, b) {
		// err != ErrSkip: where it is false, err is a sentinel, non-nil.
		return []state{a.enter(s, s.b, t, s.bad)}
	}
	if good, ok := a.statusOutcome(cond); ok {
		goodSucc, badSucc := t, f
		if !good {
			goodSucc, badSucc = f, t
		}
		g := a.enter(s, s.b, goodSucc, s.bad)
		g.valid = true
		b := a.enter(s, s.b, badSucc, true)
		if goodSucc == t {
			return []state{g, b}
		}
		return []state{b, g}
	}
	return []state{a.enter(s, s.b, t, s.bad), a.enter(s, s.b, f, s.bad)}
}

// judged reports whether the error x is the result of a call that judges
// the resource (a status-check helper, Use.ErrGuard), looking through a
// variable it is stored in.
func (a *analysis) judged(x ssa.Value) bool {
	switch x := x.(type) {
	case *ssa.Call:
		return a.guards[x]
	case *ssa.Extract:
		c, ok := x.Tuple.(*ssa.Call)
		return ok && a.guards[c]
	}
	return false
}

// impliesErr reports whether cond can only be true when Acquire's error is
// non-nil on the path of s: err == io.EOF (a package-level error), the ok
// of err.(*T), and predicates such as errors.Is(err, target) (Spec.ErrPredicate).
func (a *analysis) impliesErr(s *state, cond ssa.Value) bool {
	switch c := cond.(type) {
	case *ssa.BinOp:
		return c.Op == token.EQL && a.comparesErrWithGlobal(s, c)
	case *ssa.Extract:
		ta, ok := c.Tuple.(*ssa.TypeAssert)
		return ok && c.Index == 1 && a.isErr(s, ta.X)
	case *ssa.Call:
		if a.spec.ErrPredicate == nil || c.Call.IsInvoke() {
			return false
		}
		for i, arg := range c.Call.Args {
			if a.isErr(s, arg) && a.spec.ErrPredicate(c, i) {
				return true
			}
		}
	}
	return false
}

// comparesErrWithGlobal reports whether b compares Acquire's error with a
// package-level variable (a sentinel error such as io.EOF).
func (a *analysis) comparesErrWithGlobal(s *state, b *ssa.BinOp) bool {
	return (a.isErr(s, b.X) && isGlobalLoad(b.Y)) || (a.isErr(s, b.Y) && isGlobalLoad(b.X))
}

// isGlobalLoad reports whether v is the value of a package-level variable.
func isGlobalLoad(v ssa.Value) bool {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return false
	}
	_, ok = u.X.(*ssa.Global)
	return ok
}

// bodilessCompare matches status == c or status != c with c a status
// without a body; eq reports which (the equal side has no body).
func (a *analysis) bodilessCompare(cond ssa.Value) (eq, ok bool) {
	if a.spec.Bodiless == nil || a.spec.Status == nil {
		return false, false
	}
	b, isBin := cond.(*ssa.BinOp)
	if !isBin || (b.Op != token.EQL && b.Op != token.NEQ) {
		return false, false
	}
	for _, pair := range [][2]ssa.Value{{b.X, b.Y}, {b.Y, b.X}} {
		c, isConst := pair[1].(*ssa.Const)
		if !isConst || c.Value == nil {
			continue
		}
		if a.isStatusLoad(pair[0]) && a.spec.Bodiless(c.Value) {
			return b.Op == token.EQL, true
		}
		// resp.ContentLength == 0: nothing to drain either.
		if a.spec.Empty != nil && a.isFieldLoad(pair[0], a.spec.Empty) && constant.Sign(c.Value) == 0 {
			return b.Op == token.EQL, true
		}
	}
	return false, false
}

// isFieldLoad reports whether v loads a field of the resource that pred
// accepts.
func (a *analysis) isFieldLoad(v ssa.Value, pred func(*types.Var) bool) bool {
	switch v := v.(type) {
	case *ssa.UnOp:
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL && a.tracked[fa.X] {
			f := fieldOf(fa.X.Type(), fa.Field, true)
			return f != nil && pred(f)
		}
	case *ssa.Field:
		if a.tracked[v.X] {
			f := fieldOf(v.X.Type(), v.Field, false)
			return f != nil && pred(f)
		}
	}
	return false
}

// isStatusLoad reports whether v loads a status field of the resource.
func (a *analysis) isStatusLoad(v ssa.Value) bool { return a.isFieldLoad(v, a.spec.Status) }

// cellLoad reports whether x is a load of a tracked cell.
func (a *analysis) cellLoad(x ssa.Value) bool {
	u, ok := x.(*ssa.UnOp)
	return ok && u.Op == token.MUL && a.cells[u.X]
}

// isErr reports whether x holds Acquire's error on the path of s, or an
// error derived from it by a call that takes it (err = wrap(err)): such
// helpers return nil exactly when they are given nil.
func (a *analysis) isErr(s *state, x ssa.Value) bool {
	return a.isErrDepth(s, x, 0)
}

func (a *analysis) isErrDepth(s *state, x ssa.Value, depth int) bool {
	if slices.Contains(s.errs, x) {
		return true
	}
	switch x := x.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL && a.isErrCell(x.X) {
			return s.fresh
		}
	case *ssa.Call:
		if depth > 2 || x.Call.IsInvoke() || x.Call.StaticCallee() == nil || !isErrorType(x.Type()) {
			return false
		}
		for _, arg := range x.Call.Args {
			if a.isErrDepth(s, arg, depth+1) {
				return true
			}
		}
	}
	return false
}

func isErrorType(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// statusOutcome evaluates a comparison of a status field of the resource
// with constants, assuming the good status; ok is false when cond is not
// such a comparison.
func (a *analysis) statusOutcome(cond ssa.Value) (good, ok bool) {
	if a.spec.Status == nil || a.spec.GoodStatus == nil {
		return false, false
	}
	b, isBin := cond.(*ssa.BinOp)
	if !isBin {
		return false, false
	}
	switch b.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return false, false
	}
	sawStatus := false
	x, okx := a.evalAt(b.X, a.spec.GoodStatus, &sawStatus, 0)
	y, oky := a.evalAt(b.Y, a.spec.GoodStatus, &sawStatus, 0)
	if !okx || !oky || !sawStatus || x.Kind() != y.Kind() {
		return false, false
	}
	return constant.Compare(x, b.Op, y), true
}

// evalAt computes v with the resource's status fields set to code.
func (a *analysis) evalAt(v ssa.Value, code constant.Value, sawStatus *bool, depth int) (constant.Value, bool) {
	if depth > 4 {
		return nil, false
	}
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil {
			return nil, false
		}
		return v.Value, true
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if fa, ok := v.X.(*ssa.FieldAddr); ok && a.tracked[fa.X] {
				if f := fieldOf(fa.X.Type(), fa.Field, true); f != nil && a.spec.Status(f) {
					*sawStatus = true
					return code, true
				}
			}
		}
	case *ssa.Field:
		if a.tracked[v.X] {
			if f := fieldOf(v.X.Type(), v.Field, false); f != nil && a.spec.Status(f) {
				*sawStatus = true
				return code, true
			}
		}
	case *ssa.BinOp:
		x, okx := a.evalAt(v.X, code, sawStatus, depth+1)
		y, oky := a.evalAt(v.Y, code, sawStatus, depth+1)
		if !okx || !oky || x.Kind() != y.Kind() {
			return nil, false
		}
		switch v.Op {
		case token.ADD, token.SUB, token.MUL, token.REM:
			return constant.BinaryOp(x, v.Op, y), true
		case token.QUO:
			if constant.Sign(y) == 0 {
				return nil, false
			}
			if x.Kind() == constant.Int {
				return constant.BinaryOp(x, token.QUO_ASSIGN, y), true
			}
			return constant.BinaryOp(x, token.QUO, y), true
		}
	}
	return nil, false
}

// unNot strips logical negations from cond.
func unNot(cond ssa.Value) (ssa.Value, bool) {
	neg := false
	for {
		u, ok := cond.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			return cond, neg
		}
		cond, neg = u.X, !neg
	}
}

// nilCompare matches x == nil and x != nil (either operand order).
func nilCompare(cond ssa.Value) (x ssa.Value, eq, ok bool) {
	b, isBin := cond.(*ssa.BinOp)
	if !isBin || (b.Op != token.EQL && b.Op != token.NEQ) {
		return nil, false, false
	}
	switch {
	case IsNil(b.Y):
		x = b.X
	case IsNil(b.X):
		x = b.Y
	default:
		return nil, false, false
	}
	return x, b.Op == token.EQL, true
}

// IsNil reports whether v is the constant nil.
func IsNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// fieldOf returns field i of the struct that t (or, when ptr, *t) denotes.
func fieldOf(t types.Type, i int, ptr bool) *types.Var {
	if ptr {
		p, ok := t.Underlying().(*types.Pointer)
		if !ok {
			return nil
		}
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i < 0 || i >= st.NumFields() {
		return nil
	}
	return st.Field(i)
}

// readsResource reports whether v is computed from the resource: a field
// loaded from it, a call on it, within a few operations.
func (a *analysis) readsResource(v ssa.Value, depth int) bool {
	if v == nil || depth > 4 {
		return false
	}
	if a.tracked[v] {
		return true
	}
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return false
	}
	if fa, ok := v.(*ssa.FieldAddr); ok && a.tracked[fa.X] {
		return true
	}
	for _, op := range instr.Operands(nil) {
		if op != nil && *op != nil && a.readsResource(*op, depth+1) {
			return true
		}
	}
	return false
}
