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

// errPredicate reports whether call c returns false whenever its argument
// i, an error, is nil (errors.Is, os.IsTimeout, a local isRetryable(err)).
func (r *Result) errPredicate(c *ssa.Call, i int) bool {
	sig := c.Call.Signature()
	if sig.Results().Len() != 1 || !isBool(sig.Results().At(0).Type()) {
		return false
	}
	callee := c.Call.StaticCallee()
	if callee == nil {
		return false
	}
	if obj, ok := callee.Object().(*types.Func); ok {
		if knowledge.IsErrPredicate(obj, i) {
			// errors.Is(nil, nil) is true: the target must not be nil.
			return len(c.Call.Args) < 2 || !lifetime.IsNil(c.Call.Args[1])
		}
		if len(callee.Blocks) == 0 {
			var s Summary
			return r.pass.ImportObjectFact(obj.Origin(), &s) && slices.Contains(s.NilFalse, i)
		}
	}
	if i >= len(callee.Params) {
		return false
	}
	return r.nilFalse(callee, callee.Params[i])
}

// nilFalse reports whether fn, a func returning bool, returns false on
// every path when its error parameter p is nil.
func (r *Result) nilFalse(fn *ssa.Function, p *ssa.Parameter) bool {
	key := paramKey{v: p}
	if v, ok := r.preds[key]; ok {
		return v
	}
	if r.busy[key] || len(fn.Blocks) == 0 || !knowledge.IsError(p.Type()) {
		return false
	}
	r.busy[key] = true
	defer delete(r.busy, key)
	ok := (&predWalk{r: r, p: p}).run(fn)
	r.preds[key] = ok
	return ok
}

// predWalk explores fn with p == nil, following edges as pairs (from, to)
// so that phis can be resolved.
type predWalk struct {
	r *Result
	p *ssa.Parameter
}

type edge struct{ from, to *ssa.BasicBlock }

func (w *predWalk) run(fn *ssa.Function) bool {
	seen := map[edge]bool{}
	stack := []edge{{nil, fn.Blocks[0]}}
	for len(stack) > 0 {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[e] {
			continue
		}
		seen[e] = true
		if len(seen) > 1000 {
			return false
		}
		switch last := e.to.Instrs[len(e.to.Instrs)-1].(type) {
		case *ssa.Return:
			if len(last.Results) != 1 || !w.isFalse(last.Results[0], e) {
				return false
			}
		case *ssa.Panic:
		case *ssa.If:
			t, f := e.to.Succs[0], e.to.Succs[1]
			switch v, known := w.eval(last.Cond, e); {
			case !known:
				stack = append(stack, edge{e.to, t}, edge{e.to, f})
			case v:
				stack = append(stack, edge{e.to, t})
			default:
				stack = append(stack, edge{e.to, f})
			}
		case *ssa.Jump:
			stack = append(stack, edge{e.to, e.to.Succs[0]})
		default:
			return false
		}
	}
	return true
}

func (w *predWalk) isFalse(v ssa.Value, e edge) bool {
	b, known := w.eval(v, e)
	return known && !b
}

// eval computes a bool value under p == nil, when it can.
func (w *predWalk) eval(v ssa.Value, e edge) (val, known bool) {
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.Bool {
			return constant.BoolVal(v.Value), true
		}
	case *ssa.Phi:
		if v.Block() == e.to && e.from != nil {
			for k, pred := range v.Block().Preds {
				if pred == e.from {
					return w.eval(v.Edges[k], edge{})
				}
			}
		}
	case *ssa.UnOp:
		if v.Op == token.NOT {
			b, ok := w.eval(v.X, e)
			return !b, ok
		}
	case *ssa.BinOp:
		if v.Op == token.EQL || v.Op == token.NEQ {
			if (v.X == w.p && lifetime.IsNil(v.Y)) || (v.Y == w.p && lifetime.IsNil(v.X)) {
				return v.Op == token.EQL, true
			}
		}
	case *ssa.Extract:
		if ta, ok := v.Tuple.(*ssa.TypeAssert); ok && v.Index == 1 && ta.X == w.p {
			return false, true // a nil interface asserts to nothing
		}
	case *ssa.Call:
		if v.Call.IsInvoke() {
			return false, false
		}
		for i, arg := range v.Call.Args {
			if arg == w.p && w.r.errPredicate(v, i) {
				return false, true
			}
		}
	}
	return false, false
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// NonNilError reports whether v, an error value, is never nil: the result
// of a constructor that always returns an error (errors.New, fmt.Errorf),
// a package-level error variable (a sentinel such as io.EOF), or a new
// value converted to error (&StatusError{...}).
func NonNilError(v ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.Call:
		if callee := x.Call.StaticCallee(); callee != nil {
			obj, _ := callee.Object().(*types.Func)
			return knowledge.AlwaysError(obj)
		}
	case *ssa.UnOp:
		_, global := x.X.(*ssa.Global)
		return global && x.Op == token.MUL
	case *ssa.MakeInterface:
		switch x.X.(type) {
		case *ssa.Alloc:
			return true // &MyError{...}
		case *ssa.Const:
			return true // a constant of an error type (type errString string)
		}
	}
	return false
}
