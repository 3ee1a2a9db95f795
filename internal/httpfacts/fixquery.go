package httpfacts

// Queries that the fixes ask: whether a method closes, or drains, what
// its receiver holds.

import (
	"go/types"
	"slices"
)

// ClosesArg reports whether a call of fn closes, on every path, the
// response or body held by its parameter i (for a method, the receiver is
// parameter 0): by a directive or -closers, by the summary of a function
// of this package, or by the Summary fact of another package's.
func (r *Result) ClosesArg(fn *types.Func, i int) bool {
	if fn == nil || i < 0 {
		return false
	}
	fn = fn.Origin()
	if e, ok := r.body.known(fn, nil, i, nil); ok {
		return e.kind == effClose
	}
	if len(r.SrcFuncs) > 0 {
		if f := r.SrcFuncs[0].Prog.FuncValue(fn); f != nil && len(f.Blocks) > 0 {
			return i < len(f.Params) && r.body.paramEffectOf(f, f.Params[i], false).kind == effClose
		}
	}
	var s Summary
	if r.pass.ImportObjectFact(fn, &s) {
		e, ok := s.Body.effectOf(i)
		return ok && e.kind == effClose
	}
	return false
}

// DrainsArg reports whether a call of fn reads what its parameter i holds
// to the end on every path, before any close (its summary's Drains).
func (r *Result) DrainsArg(fn *types.Func, i int) bool {
	if fn == nil || i < 0 {
		return false
	}
	fn = fn.Origin()
	if len(r.SrcFuncs) > 0 {
		if f := r.SrcFuncs[0].Prog.FuncValue(fn); f != nil {
			return r.drain.argInfo(f, fn, i).all
		}
	}
	var s Summary
	return r.pass.ImportObjectFact(fn, &s) && slices.Contains(s.Body.Drains, i)
}
