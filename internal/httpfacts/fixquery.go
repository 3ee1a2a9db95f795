package httpfacts

// Queries that the fixes ask: whether a response has anything to drain,
// and whether a method closes what its receiver holds.

import (
	"go/constant"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/knowledge"
)

// NothingToDrain reports whether the response of s has nothing a drain
// would save: a HEAD request (http.Head, Client.Head, Do or RoundTrip of a
// request made by http.NewRequest(WithContext) with method "HEAD"), or a
// response read from a connection the caller owns (http.ReadResponse).
// drainbody reports neither; fixes do not drain them.
func (s Source) NothingToDrain() bool {
	return s.Call != nil && (IsHead(s.Call) || knowledge.OwnsConnection(s.Callee))
}

// IsHead reports whether call sends a HEAD request: http.Head,
// Client.Head, or Do/RoundTrip of a request made with method "HEAD".
func IsHead(call *ssa.Call) bool {
	common := call.Common()
	var obj *types.Func
	if common.IsInvoke() {
		obj = common.Method
	} else if callee := common.StaticCallee(); callee != nil {
		obj, _ = callee.Object().(*types.Func)
	}
	if knowledge.IsHeadSource(obj) {
		return true
	}
	for _, arg := range common.Args {
		if !knowledge.IsRequestPtr(arg.Type()) {
			continue
		}
		if m, ok := requestMethod(arg); ok && m == "HEAD" {
			return true
		}
	}
	return false
}

// requestMethod returns the constant method of a request made by
// http.NewRequest(WithContext).
func requestMethod(v ssa.Value) (string, bool) {
	ex, ok := v.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return "", false
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok {
		return "", false
	}
	callee := call.Common().StaticCallee()
	if callee == nil {
		return "", false
	}
	obj, _ := callee.Object().(*types.Func)
	i, ok := knowledge.IsNewRequest(obj)
	if !ok || i >= len(call.Common().Args) {
		return "", false
	}
	c, ok := call.Common().Args[i].(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c.Value), true
}

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
			return r.drain.drainsArg(f, fn, i)
		}
	}
	var s Summary
	return r.pass.ImportObjectFact(fn, &s) && slices.Contains(s.Body.Drains, i)
}
