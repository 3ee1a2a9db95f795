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
	drains map[paramKey]drainInfo
}

// drainInfo is what a function does with the body of one parameter, as
// far as reading it goes.
type drainInfo struct {
	// all: read to its end on every path, before any close.
	all bool
	// onError: read to its end on exactly the paths that return a
	// non-nil error (a status check that reads the error body).
	onError bool
	// reads: read from on some path (a decode helper).
	reads bool
}

func newDrainer(r *Result) *drainer {
	dr := &drainer{d: r.body, drains: map[paramKey]drainInfo{}}
	base := *r.body.spec
	base.Call = dr.callUse
	base.DrainCond = dr.drainCond
	base.Bodiless = func(v constant.Value) bool {
		code, ok := constant.Int64Val(constant.ToInt(v))
		return ok && knowledge.Bodiless(code)
	}
	base.Empty = knowledge.IsContentLengthField
	base.Field = func(f *types.Var) bool {
		// What reads the body counts too: a scanner or decoder kept in
		// a struct (an event stream's sc *bufio.Scanner).
		return r.body.spec.Field(f) || knowledge.IsReaderField(f)
	}
	before, only := base, base
	before.Mode = lifetime.ModeDrainBeforeRelease
	only.Mode = lifetime.ModeDrain
	dr.before, dr.only = &before, &only
	return dr
}

// callUse classifies a call in the drain modes: drains first, then what the
// body domain says (close, hand on, pass on), marked Read when the call
// reads from the body.
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
				}
				info := dr.argInfo(callee, obj, i)
				switch {
				case info.all:
					u := dr.d.callUse(c, v, q)
					if u.Effect == lifetime.Release {
						return lifetime.Use{Effect: lifetime.DrainRelease}
					}
					return lifetime.Use{Effect: lifetime.Drain}
				case info.onError:
					// if err := checkStatus(resp); err != nil: on that
					// side the helper read the error body to its end.
					if u, ok := errGuard(c, lifetime.Use{Effect: lifetime.Borrow, Drains: true, Read: true}); ok {
						return u
					}
				}
				u := dr.d.callUse(c, v, q)
				u.Read = u.Read || info.reads || readsThrough(obj, i, arg)
				// A decoding helper given the response itself (vault's
				// resp.DecodeJSON) reads it as a whole document; a method
				// of a reader over the body (Scanner.Scan) does not.
				u.Whole = info.reads && knowledge.HoldsResponse(arg.Type())
				// An error helper of another package that reads the body
				// (return HandleHTTPError(resp)): on a bad-status path it
				// decodes a whole, small error document.
				u.DrainsOnBad = info.reads && obj != nil && obj.Pkg() != dr.d.r.pass.Pkg && u.Effect == lifetime.Borrow
				return u
			}
		}
	}
	u := dr.d.callUse(c, v, q)
	if common.IsInvoke() && common.Value == v && !knowledge.IsCloseMethod(common.Method) {
		u.Read = true // body.Read(p), dec.Decode(&v) through an interface
	}
	return u
}

// readsThrough reports whether passing arg as argument i of obj reads from
// it by its type alone: the body given as a reader (io.ReadFull,
// io.ReadAtLeast). Methods of a reader or decoder over the body
// (dec.Decode, br.ReadString) read by their summaries (argInfo); a
// *http.Response, or a struct holding one, given to a helper is not read
// unless the helper's summary says so.
func readsThrough(obj *types.Func, i int, arg ssa.Value) bool {
	return knowledge.IsReader(arg.Type())
}

// errGuard turns u into a use guarded by the error result of call c: on
// the paths where that error is non-nil, u's promise holds (Drains).
func errGuard(c ssa.CallInstruction, u lifetime.Use) (lifetime.Use, bool) {
	if _, ok := c.(*ssa.Call); !ok {
		return u, false
	}
	results := c.Common().Signature().Results()
	n := results.Len()
	if n == 0 || !knowledge.IsError(results.At(n-1).Type()) {
		return u, false
	}
	u.ErrGuard, u.Err = true, n-1
	if n == 1 {
		u.Err = -1 // the call itself is the error
	}
	return u, true
}

// argInfo returns what the callee does with the body of its argument i:
// from its body in this package, or from its facts.
//
// The standard library is not read for drains: its readers loop to io.EOF
// internally in ways that say nothing of what one call consumes
// (xml.Decoder.Decode reads one element, yet its token loop compares
// with io.EOF). Its drains are the knowledge tables'; any other function
// given a reader reads from it.
func (dr *drainer) argInfo(callee *ssa.Function, obj *types.Func, i int) drainInfo {
	if obj != nil && obj.Pkg() != nil && knowledge.IsStd(obj.Pkg().Path()) {
		sig := obj.Type().(*types.Signature)
		var pt types.Type
		switch {
		case sig.Recv() != nil && i == 0:
			pt = sig.Recv().Type()
		case sig.Recv() != nil:
			pt = paramTypeAt(sig, i-1)
		default:
			pt = paramTypeAt(sig, i)
		}
		return drainInfo{all: knowledge.Drainer(obj, i), reads: pt != nil && (knowledge.CanCarryBody(pt) || knowledge.IsReaderType(pt))}
	}
	fn := callee
	if len(fn.Blocks) == 0 {
		if o := fn.Origin(); o != nil && len(o.Blocks) > 0 {
			fn = o
		}
	}
	if len(fn.Blocks) > 0 {
		if i < len(fn.Params) {
			return dr.paramInfo(fn, fn.Params[i], false)
		}
		return drainInfo{}
	}
	if obj != nil {
		var s Summary
		if dr.d.r.pass.ImportObjectFact(obj.Origin(), &s) {
			return drainInfo{
				all:     slices.Contains(s.Body.Drains, i),
				onError: slices.Contains(s.Body.DrainsOnError, i),
				reads:   slices.Contains(s.Body.Reads, i),
			}
		}
	}
	return drainInfo{}
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
	return dr.paramInfo(fn, p, cell).all
}

// paramInfo computes what fn does with the body of parameter or free
// variable p (an address of the body when cell is set), as far as reading
// it goes.
func (dr *drainer) paramInfo(fn *ssa.Function, p ssa.Value, cell bool) drainInfo {
	key := paramKey{v: p, cell: cell}
	if v, ok := dr.drains[key]; ok {
		return v
	}
	if dr.d.busy[key] {
		return drainInfo{}
	}
	dr.d.busy[key] = true
	defer delete(dr.d.busy, key)
	rs := lifetime.Resource{Fn: fn}
	if cell {
		rs.Cells = []ssa.Value{p}
	} else {
		rs.Values = []ssa.Value{p}
	}
	res := dr.d.r.Analyze(rs, dr.only)
	var info drainInfo
	if !res.Incomplete && len(res.Returned) == 0 {
		info.all = len(res.Leaks) == 0 && res.Drained
		info.onError = !info.all && res.Drained && leaksOnlyOnSuccess(res.Leaks, fn)
		info.reads = res.Drained || res.Reads
	}
	dr.drains[key] = info
	return info
}

// drainCond recognises the loops that read a body to its end: the false
// side of sc.Scan() on a scanner of the body, the io.EOF (or any non-nil)
// side of an error returned by a read from it, and the false side of
// dec.More() on a JSON decoder of the body that never entered an array or
// object (at top level, More is false only at the end of the input).
func (dr *drainer) drainCond(cond ssa.Value, q lifetime.Query) lifetime.DrainCond {
	switch c := cond.(type) {
	case *ssa.Call:
		if callee := c.Call.StaticCallee(); callee != nil && len(c.Call.Args) == 1 && q.Tracked(c.Call.Args[0]) {
			obj, _ := callee.Object().(*types.Func)
			if knowledge.IsScan(obj) {
				return lifetime.DrainCond{OK: true}
			}
			if knowledge.IsJSONMore(obj) {
				if entersValue(c.Call.Args[0]) {
					return lifetime.DrainCond{} // false at ']', not at the end
				}
				// More at top level: false at the end of the input;
				// true means trailing data after the values decoded,
				// a malformed answer.
				return lifetime.DrainCond{OK: true, OtherEnds: true}
			}
			if sig := c.Call.Signature(); isBool(sig.Results().At(0).Type()) && sig.Recv() != nil && dr.argInfo(callee, obj, 0).reads {
				// for stream.Next() { ... }: an iterator over the body
				// (a method whose summary reads its receiver, like
				// bufio.Scanner.Scan) is done at the end of the input.
				return lifetime.DrainCond{OK: true}
			}
		}
		if callee := c.Call.StaticCallee(); callee != nil && len(c.Call.Args) == 2 {
			if obj, _ := callee.Object().(*types.Func); obj != nil && obj.FullName() == "errors.Is" && dr.readErr(c.Call.Args[0], q) && isEOF(c.Call.Args[1]) {
				return lifetime.DrainCond{OK: true, DrainedWhen: true}
			}
		}
	case *ssa.BinOp:
		if large, ok := largeBody(c, q); ok {
			// if resp.ContentLength <= maxSlurp { io.CopyN(...) }: a
			// body known to be large is deliberately not drained (the
			// transport would not keep its connection for long anyway).
			return lifetime.DrainCond{OK: true, DrainedWhen: large}
		}
		if c.Op != token.EQL && c.Op != token.NEQ {
			return lifetime.DrainCond{}
		}
		if (dr.readErr(c.X, q) && isEOF(c.Y)) || (dr.readErr(c.Y, q) && isEOF(c.X)) {
			return lifetime.DrainCond{OK: true, DrainedWhen: c.Op == token.EQL}
		}
		// After any other read error the body is done with: a broken
		// stream cannot be reused and a malformed one is an exceptional
		// path; neither is reported.
		if (dr.readErr(c.X, q) && lifetime.IsNil(c.Y)) || (dr.readErr(c.Y, q) && lifetime.IsNil(c.X)) {
			return lifetime.DrainCond{OK: true, DrainedWhen: c.Op == token.NEQ}
		}
	}
	return lifetime.DrainCond{}
}

// largeBody matches a comparison of the body's ContentLength with a
// positive constant (resp.ContentLength > 2048, <= maxSlurp): large is the
// side on which the body is known to be longer than the constant.
func largeBody(c *ssa.BinOp, q lifetime.Query) (large, ok bool) {
	x, y, op := c.X, c.Y, c.Op
	if _, isConst := x.(*ssa.Const); isConst {
		x, y = y, x
		switch op { // mirror the comparison
		case token.LSS:
			op = token.GTR
		case token.LEQ:
			op = token.GEQ
		case token.GTR:
			op = token.LSS
		case token.GEQ:
			op = token.LEQ
		}
	}
	k, isConst := y.(*ssa.Const)
	if !isConst || k.Value == nil || k.Value.Kind() != constant.Int || constant.Sign(k.Value) <= 0 || !contentLength(x, q) {
		return false, false
	}
	switch op {
	case token.GTR, token.GEQ:
		return true, true
	case token.LSS, token.LEQ:
		return false, true
	}
	return false, false
}

// contentLength reports whether v loads the ContentLength field of a
// tracked response.
func contentLength(v ssa.Value, q lifetime.Query) bool {
	switch v := v.(type) {
	case *ssa.UnOp:
		fa, ok := v.X.(*ssa.FieldAddr)
		return ok && v.Op == token.MUL && q.Tracked(fa.X) && knowledge.IsContentLengthField(knowledge.FieldOf(fa))
	case *ssa.Field:
		st, ok := v.X.Type().Underlying().(*types.Struct)
		return ok && q.Tracked(v.X) && v.Field < st.NumFields() && knowledge.IsContentLengthField(st.Field(v.Field))
	}
	return false
}

// entersValue reports whether the JSON decoder dec has Token called on it
// anywhere in its function: then More may be false at a closing bracket,
// not at the end of the input.
func entersValue(dec ssa.Value) bool {
	refs := dec.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		if call, ok := r.(ssa.CallInstruction); ok {
			if callee := call.Common().StaticCallee(); callee != nil {
				if obj, _ := callee.Object().(*types.Func); knowledge.IsJSONToken(obj) {
					return true
				}
			}
		}
	}
	return false
}

// readErr reports whether v is the error result of a call that reads from
// the tracked body (or a reader or decoder over it): a Read or Decode
// method on it, a function taking it as a reader, or a helper whose
// summary says it reads it. A status check given the *http.Response is
// not a read.
func (dr *drainer) readErr(v ssa.Value, q lifetime.Query) bool {
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
		return q.Tracked(common.Value) && !knowledge.IsCloseMethod(common.Method)
	}
	callee := common.StaticCallee()
	var obj *types.Func
	if callee != nil {
		obj, _ = callee.Object().(*types.Func)
	}
	for i, a := range common.Args {
		if !q.Tracked(a) {
			continue
		}
		if readsThrough(obj, i, a) || knowledge.Drainer(obj, i) {
			return true
		}
		if callee != nil {
			if info := dr.argInfo(callee, obj, i); info.reads || info.all {
				return true
			}
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
