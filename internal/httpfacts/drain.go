package httpfacts

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
)

// The drain side of the body domain: which calls read a body to its end,
// and the specs that check "drained before closed" (drainbody) and "drained
// on every path" (summaries of drain helpers).

// DrainSpec is the lifetime spec that checks that a body is read to its end
// before it is closed.
func (r *Result) DrainSpec() *lifetime.Spec { return r.drain.before }

// drainer holds the drain specs and their memo.
type drainer struct {
	d      *domain // the body domain
	before *lifetime.Spec
	only   *lifetime.Spec
	drains map[paramKey]bool
}

func newDrainer(r *Result) *drainer {
	dr := &drainer{d: r.body, drains: map[paramKey]bool{}}
	base := *r.body.spec
	base.Call = dr.callUse
	base.DrainCond = drainCond
	base.Bodiless = func(v constant.Value) bool {
		code, ok := constant.Int64Val(constant.ToInt(v))
		return ok && knowledge.Bodiless(code)
	}
	base.Empty = knowledge.IsContentLengthField
	before, only := base, base
	before.Mode = lifetime.ModeDrainBeforeRelease
	only.Mode = lifetime.ModeDrain
	dr.before, dr.only = &before, &only
	return dr
}

// callUse classifies a call in the drain modes: drains first, then what the
// body domain says (close, hand on, pass on).
func (dr *drainer) callUse(c ssa.CallInstruction, v ssa.Value, q lifetime.Query) lifetime.Use {
	common := c.Common()
	if mc, ok := v.(*ssa.MakeClosure); ok && common.Value == v && dr.closureDrains(mc, q) {
		// A called or deferred closure that drains what it captured.
		u := dr.d.callUse(c, v, q)
		if u.Effect == lifetime.Release {
			return lifetime.Use{Effect: lifetime.DrainRelease}
		}
		return lifetime.Use{Effect: lifetime.Drain}
	}
	if _, isGo := c.(*ssa.Go); !isGo && !common.IsInvoke() {
		if callee := common.StaticCallee(); callee != nil {
			obj, _ := callee.Object().(*types.Func)
			for i, arg := range common.Args {
				if arg != v {
					continue
				}
				switch {
				case knowledge.Drainer(obj, i):
					return lifetime.Use{Effect: lifetime.Drain}
				case knowledge.Releaser(obj, i):
					// (*Response).Write sends the whole body, then closes it.
					return lifetime.Use{Effect: lifetime.DrainRelease}
				case knowledge.IsDumpResponse(obj) && i == 0:
					if c, ok := common.Args[1].(*ssa.Const); ok && c.Value != nil && constant.BoolVal(c.Value) {
						return lifetime.Use{Effect: lifetime.DrainRelease}
					}
				case knowledge.ReaderWrapper(obj, i):
					return lifetime.Use{Effect: lifetime.Alias, Result: -1, Err: -1}
				case dr.drainsArg(callee, obj, i):
					u := dr.d.callUse(c, v, q)
					if u.Effect == lifetime.Release {
						return lifetime.Use{Effect: lifetime.DrainRelease}
					}
					return lifetime.Use{Effect: lifetime.Drain}
				}
			}
		}
	}
	return dr.d.callUse(c, v, q)
}

// drainsArg reports whether the callee reads its argument i to the end on
// every path: from its body in this package, or from its Drains fact.
func (dr *drainer) drainsArg(callee *ssa.Function, obj *types.Func, i int) bool {
	fn := callee
	if len(fn.Blocks) == 0 {
		if o := fn.Origin(); o != nil && len(o.Blocks) > 0 {
			fn = o
		}
	}
	if len(fn.Blocks) > 0 {
		return i < len(fn.Params) && dr.drainsParam(fn, fn.Params[i], false)
	}
	if obj != nil {
		var s Summary
		if dr.d.r.pass.ImportObjectFact(obj.Origin(), &s) {
			return slices.Contains(s.Body.Drains, i)
		}
	}
	return false
}

// closureDrains reports whether calling mc drains a body it captured.
func (dr *drainer) closureDrains(mc *ssa.MakeClosure, q lifetime.Query) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	for k, b := range mc.Bindings {
		if k >= len(fn.FreeVars) {
			break
		}
		if (q.Cell(b) && dr.drainsParam(fn, fn.FreeVars[k], true)) || (q.Tracked(b) && dr.drainsParam(fn, fn.FreeVars[k], false)) {
			return true
		}
	}
	return false
}

// drainsParam reports whether fn reads parameter or free variable p (an
// address of the body when cell is set) to its end on every path, before
// any close.
func (dr *drainer) drainsParam(fn *ssa.Function, p ssa.Value, cell bool) bool {
	key := paramKey{v: p, cell: cell}
	if v, ok := dr.drains[key]; ok {
		return v
	}
	if dr.d.busy[key] {
		return false
	}
	dr.d.busy[key] = true
	defer delete(dr.d.busy, key)
	rs := lifetime.Resource{Fn: fn}
	if cell {
		rs.Cells = []ssa.Value{p}
	} else {
		rs.Values = []ssa.Value{p}
	}
	res := lifetime.Analyze(rs, dr.only)
	ok := !res.Incomplete && len(res.Leaks) == 0 && res.Drained && !res.Escaped && len(res.Returned) == 0
	dr.drains[key] = ok
	return ok
}

// drainCond recognises the loops that read a body to its end: the false
// side of sc.Scan() on a scanner of the body, and the io.EOF (or any
// non-nil) side of an error returned by a read from it.
func drainCond(cond ssa.Value, q lifetime.Query) (drainedWhen, ok bool) {
	switch c := cond.(type) {
	case *ssa.Call:
		if callee := c.Call.StaticCallee(); callee != nil && len(c.Call.Args) == 1 {
			obj, _ := callee.Object().(*types.Func)
			if knowledge.IsScan(obj) && q.Tracked(c.Call.Args[0]) {
				return false, true
			}
		}
		if callee := c.Call.StaticCallee(); callee != nil && len(c.Call.Args) == 2 {
			if obj, _ := callee.Object().(*types.Func); obj != nil && obj.FullName() == "errors.Is" && readErr(c.Call.Args[0], q) && isEOF(c.Call.Args[1]) {
				return true, true
			}
		}
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			return false, false
		}
		if (readErr(c.X, q) && isEOF(c.Y)) || (readErr(c.Y, q) && isEOF(c.X)) {
			return c.Op == token.EQL, true
		}
		// After any other read error the body is done with: a broken
		// stream cannot be reused and a malformed one is an exceptional
		// path; neither is reported.
		if (readErr(c.X, q) && lifetime.IsNil(c.Y)) || (readErr(c.Y, q) && lifetime.IsNil(c.X)) {
			return c.Op == token.NEQ, true
		}
	}
	return false, false
}

// readErr reports whether v is the error result of a call that reads from
// the tracked body (or a reader or decoder over it).
func readErr(v ssa.Value, q lifetime.Query) bool {
	var call *ssa.Call
	switch v := v.(type) {
	case *ssa.Call: // dec.Decode(&v) returns only an error
		call = v
	case *ssa.Extract:
		c, ok := v.Tuple.(*ssa.Call)
		if !ok {
			return false
		}
		call = c
	default:
		return false
	}
	common := call.Common()
	if common.IsInvoke() {
		return q.Tracked(common.Value)
	}
	for _, a := range common.Args {
		if q.Tracked(a) {
			return true
		}
	}
	return false
}

// isEOF reports whether v is the value of io.EOF.
func isEOF(v ssa.Value) bool {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return false
	}
	g, ok := u.X.(*ssa.Global)
	if !ok {
		return false
	}
	obj, _ := g.Object().(*types.Var)
	return knowledge.IsEOF(obj)
}
