package httpfacts

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"sort"

	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
)

// A domain is one kind of resource the summaries speak of: response bodies
// (released by Close) or transports' connection pools (released by
// CloseIdleConnections). The summary machinery is the same for both; the
// hooks say what differs.
type domain struct {
	r    *Result
	spec *lifetime.Spec

	// mayHold reports whether a parameter of this type can give a callee
	// the means to release the resource or keep it.
	mayHold func(types.Type) bool
	// carries reports whether a parameter of this type can bring the
	// resource in, so that it needs a summary even if it cannot release
	// it (an io.Reader); nil means mayHold.
	carries func(types.Type) bool
	// carrier reports whether a result of this type can carry the
	// resource out of a function.
	carrier func(types.Type) bool
	// anyCarrier lets an unnamed interface result (any, interface{ Do() })
	// of a function declared outside the standard library carry the
	// resource too: its dynamic value may be an SDK client that owns a
	// transport. The function's body or facts decide whether it does;
	// std functions are left out, so that their many any results cost
	// nothing.
	anyCarrier bool
	// method classifies a method called on the tracked value itself
	// through an interface (body.Close()).
	method func(m *types.Func) effKind
	// known classifies argument i of a call to obj from tables,
	// configuration and directives; ok is false when they say nothing.
	known func(obj *types.Func, common *ssa.CallCommon, i int, paramType types.Type) (e paramEffect, ok bool)
	// forcedReturns reports whether a directive says obj returns the
	// resource.
	forcedReturns func(obj *types.Func) bool
	// facts selects this domain's part of a Summary.
	facts func(s *Summary) *Effects
	// acquisitions lists the resources acquired in fn.
	acquisitions func(fn *ssa.Function) []lifetime.Resource

	// errGuardedDefers: a deferred closure that releases the resource
	// only when a captured named error result is set is modelled as such
	// (lifetime.Use.OnErrCell), not as taking it.
	errGuardedDefers bool

	// goKeeps: a goroutine started with the resource keeps it (pools:
	// `go func() { for { client.Ping() } }()` does not drop the client).
	goKeeps bool

	// dynamicBorrows: a function value called with the resource (a
	// callback, f(tx)) uses it and leaves its release to the caller.
	dynamicBorrows bool

	params  map[paramKey]paramEffect
	returns map[*ssa.Function]liveInfo
	busy    map[any]bool
}

func newDomain(r *Result) *domain {
	return &domain{r: r, params: map[paramKey]paramEffect{}, returns: map[*ssa.Function]liveInfo{}, busy: map[any]bool{}}
}

// summarize fills e with what fn does with this domain's resources.
func (d *domain) summarize(fn *ssa.Function, e *Effects) {
	for i, p := range fn.Params {
		if !d.mayHold(p.Type()) && (d.carries == nil || !d.carries(p.Type())) {
			continue
		}
		eff := d.paramEffectOf(fn, p, false)
		if obj, ok := fn.Object().(*types.Func); ok {
			if k, ok := d.known(obj, nil, i, p.Type()); ok {
				eff = k
			}
		}
		switch eff.kind {
		case effClose:
			e.Closes = append(e.Closes, i)
		case effTake:
			e.Takes = append(e.Takes, i)
		case effPass:
			e.Passes = append(e.Passes, [2]int{i, eff.result})
		case effCloseOnErr:
			e.ClosesOnError = append(e.ClosesOnError, i)
		case effBorrow:
			e.Borrows = append(e.Borrows, i)
		}
	}
	live := d.live(fn)
	e.Returns, e.ReturnsOnError = live.returns, live.onError
}

// liveResults returns the results of fn that carry a resource it acquired
// (or got from a callee that did) and must be released by the caller.
func (d *domain) liveResults(fn *ssa.Function) []int { return d.live(fn).returns }

// liveOnError returns the results of fn that carry a live resource even
// when its error result is non-nil (return resp, fmt.Errorf(...)).
func (d *domain) liveOnError(fn *ssa.Function) []int { return d.live(fn).onError }

// unnamedInterface reports whether t is an interface type literal (any,
// interface{ Do() }), not a named interface.
func unnamedInterface(t types.Type) bool {
	_, named := types.Unalias(t).(*types.Named)
	return !named && types.IsInterface(t)
}

// inStd reports whether fn is declared in the standard library.
func inStd(fn *ssa.Function) bool {
	if obj := fn.Object(); obj != nil && obj.Pkg() != nil {
		return knowledge.IsStd(obj.Pkg().Path())
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	return fn.Pkg != nil && knowledge.IsStd(fn.Pkg.Pkg.Path())
}

// liveInfo is what a function hands its caller to release.
type liveInfo struct {
	returns, onError []int
}

func (d *domain) live(fn *ssa.Function) liveInfo {
	if res, ok := d.returns[fn]; ok {
		return res
	}
	var carriers []int
	for i := range fn.Signature.Results().Len() {
		t := fn.Signature.Results().At(i).Type()
		if d.carrier(t) || (d.anyCarrier && unnamedInterface(t) && !inStd(fn)) {
			carriers = append(carriers, i)
		}
	}
	if len(carriers) == 0 {
		return liveInfo{}
	}
	obj, _ := fn.Object().(*types.Func)
	if obj != nil && d.forcedReturns(obj.Origin()) {
		return liveInfo{returns: carriers[:1]}
	}
	if len(fn.Blocks) == 0 {
		if o := fn.Origin(); o != nil && len(o.Blocks) > 0 {
			return d.live(o)
		}
		if obj != nil {
			var s Summary
			if d.r.pass.ImportObjectFact(obj.Origin(), &s) {
				e := d.facts(&s)
				return liveInfo{returns: e.Returns, onError: e.ReturnsOnError}
			}
		}
		return liveInfo{}
	}
	if d.busy[fn] {
		return liveInfo{} // recursion: not (yet) known to return the resource
	}
	d.busy[fn] = true
	defer delete(d.busy, fn)
	var out liveInfo
	add := func(xs *[]int, i int) {
		if slices.Contains(carriers, i) && !slices.Contains(*xs, i) {
			*xs = append(*xs, i)
		}
	}
	for _, rs := range d.acquisitions(fn) {
		res := d.r.Analyze(rs, d.spec)
		if res.Incomplete {
			continue
		}
		for _, i := range res.Returned {
			add(&out.returns, i)
		}
		for _, e := range res.ErrReturns {
			for _, i := range e.Results {
				add(&out.onError, i)
			}
		}
	}
	sort.Ints(out.returns)
	sort.Ints(out.onError)
	d.returns[fn] = out
	return out
}

// paramEffectOf computes what fn does with the value of parameter or free
// variable v (an address of the value when cell is set).
func (d *domain) paramEffectOf(fn *ssa.Function, v ssa.Value, cell bool) paramEffect {
	key := paramKey{v, cell}
	if e, ok := d.params[key]; ok {
		return e
	}
	if d.busy[key] {
		return paramEffect{kind: effTake} // recursion: conservative
	}
	d.busy[key] = true
	defer delete(d.busy, key)
	rs := lifetime.Resource{Fn: fn}
	if cell {
		rs.Cells = []ssa.Value{v}
	} else {
		rs.Values = []ssa.Value{v}
	}
	res := d.r.Analyze(rs, d.spec)
	e := classify(res, fn)
	if e.kind == effTake && !res.Released && !res.Incomplete && !d.mayHold(v.Type()) {
		// A value that cannot be released through its type (an
		// io.Reader) was kept or passed on, not released: whoever
		// keeps it can only read it (bufio.NewReader, io.TeeReader).
		e = paramEffect{kind: effBorrow}
	}
	d.params[key] = e
	return e
}

// classify turns a path result for a parameter of fn into its effect.
func classify(res *lifetime.Result, fn *ssa.Function) paramEffect {
	switch {
	case res.Incomplete:
		return paramEffect{kind: effTake}
	case len(res.Returned) == 1 && !res.Escaped:
		return paramEffect{kind: effPass, result: res.Returned[0]}
	case len(res.Returned) > 0 || res.Escaped:
		return paramEffect{kind: effTake}
	case len(res.Leaks) == 0 && res.Released:
		return paramEffect{kind: effClose}
	case res.Released && leaksOnlyOnSuccess(res.Leaks, fn):
		// if bad { resp.Body.Close(); return err }; return nil
		return paramEffect{kind: effCloseOnErr}
	case res.Released && fn.Parent() != nil:
		// A function literal that closes on some paths only: its
		// conditions are the enclosing function's code (a status, a
		// captured flag), so it is read like the same code inline, which
		// would be reported: it does not close (func() { if
		// resp.StatusCode == 200 { resp.Body.Close() } }()).
		return paramEffect{kind: effBorrow, partly: true, onStatus: !slices.ContainsFunc(res.Leaks, func(e lifetime.Exit) bool { return !e.BadStatus })}
	case res.Released:
		return paramEffect{kind: effTake} // released on some paths only
	}
	return paramEffect{kind: effBorrow}
}

// leaksOnlyOnSuccess reports whether every leaking exit of fn returns a
// nil error as its last result: the resource is kept only when the
// function succeeds.
func leaksOnlyOnSuccess(leaks []lifetime.Exit, fn *ssa.Function) bool {
	results := fn.Signature.Results()
	if results.Len() == 0 || !knowledge.IsError(results.At(results.Len()-1).Type()) {
		return false
	}
	for _, e := range leaks {
		ret, ok := e.Instr.(*ssa.Return)
		if !ok || e.Kind != lifetime.ExitReturn || len(ret.Results) == 0 {
			return false
		}
		if c, ok := lifetime.ReturnedValue(ret, len(ret.Results)-1).(*ssa.Const); !ok || !c.IsNil() {
			return false
		}
	}
	return true
}

// callUse is the lifetime Spec's Call: what call c does with tracked v.
func (d *domain) callUse(c ssa.CallInstruction, v ssa.Value, q lifetime.Query) lifetime.Use {
	common := c.Common()
	_, isGo := c.(*ssa.Go)
	_, isDefer := c.(*ssa.Defer)
	adjust := func(e paramEffect) lifetime.Use {
		switch e.kind {
		case effClose:
			if isGo {
				return lifetime.Use{Effect: lifetime.Escape}
			}
			return lifetime.Use{Effect: lifetime.Release}
		case effTake:
			return lifetime.Use{Effect: lifetime.Escape}
		case effPass:
			if isGo || isDefer {
				return lifetime.Use{Effect: lifetime.Escape}
			}
			results := common.Signature().Results()
			idx, errIdx := e.result, -1
			if results.Len() == 1 {
				idx = -1
			} else if n := results.Len(); knowledge.IsError(results.At(n - 1).Type()) {
				errIdx = n - 1
			}
			return lifetime.Use{Effect: lifetime.Alias, Result: idx, Err: errIdx}
		case effCloseOnErr:
			results := common.Signature().Results()
			n := results.Len()
			if isGo || isDefer || n == 0 || !knowledge.IsError(results.At(n-1).Type()) {
				return lifetime.Use{Effect: lifetime.Escape}
			}
			errIdx := n - 1
			if n == 1 {
				errIdx = -1 // the call itself is the error
			}
			return lifetime.Use{Effect: lifetime.Borrow, Err: errIdx, ErrGuard: true}
		case effBorrow:
			if e.partly && (isGo || (isDefer && !e.onStatus)) {
				// Run concurrently: not the same code inline. Or
				// deferred: its conditions are read at the exit (if
				// err != nil { resp.Body.Close() } on a named result),
				// out of this path's sight, unless they are only the
				// response's status, which does not change. As before:
				// it takes the response.
				return lifetime.Use{Effect: lifetime.Escape}
			}
			return lifetime.Use{Effect: lifetime.Borrow, Partly: e.partly}
		}
		return lifetime.Use{Effect: lifetime.Borrow}
	}

	if isGo && d.goKeeps {
		// A goroutine given the pool (as an argument or captured) keeps
		// it alive for as long as it runs: handed on, not dropped.
		return lifetime.Use{Effect: lifetime.Escape}
	}
	if b, ok := common.Value.(*ssa.Builtin); ok && b.Name() == "append" {
		// append(opts, WithHTTPClient(hc)): kept in a slice, which is
		// not followed further (a loop may accumulate it there).
		return lifetime.Use{Effect: lifetime.Escape}
	}

	// The tracked value is the function called.
	if common.Value == v {
		if common.IsInvoke() {
			return adjust(paramEffect{kind: d.method(common.Method)})
		}
		if mc, ok := v.(*ssa.MakeClosure); ok {
			if isDefer && d.errGuardedDefers {
				if cell, ok := d.errGuardedRelease(mc, q); ok {
					return lifetime.Use{Effect: lifetime.Release, OnErrCell: cell}
				}
			}
			return adjust(d.closureEffect(mc, q))
		}
		return lifetime.Use{Effect: lifetime.Escape} // a function value we cannot see
	}

	best := lifetime.Use{Effect: lifetime.Borrow}
	for i, arg := range common.Args {
		if arg != v {
			continue
		}
		u := adjust(d.argEffect(common, i, v, q))
		if better(u, best) {
			best = u
		}
	}
	return best
}

func better(u, than lifetime.Use) bool {
	rank := func(e lifetime.Effect) int {
		switch e {
		case lifetime.Release:
			return 3
		case lifetime.Escape:
			return 2
		case lifetime.Alias:
			return 1
		}
		return 0
	}
	if rank(u.Effect) == rank(than.Effect) {
		return u.ErrGuard && !than.ErrGuard // a guarded borrow says more
	}
	return rank(u.Effect) > rank(than.Effect)
}

// argEffect returns what the callee of common does with argument i, v.
func (d *domain) argEffect(common *ssa.CallCommon, i int, v ssa.Value, q lifetime.Query) paramEffect {
	if mc, ok := v.(*ssa.MakeClosure); ok {
		// A closure that holds the resource, handed to a callee
		// (t.Cleanup, errgroup.Go, sync.Once.Do): if it releases or keeps
		// the resource, the callee runs it and the resource is handed on.
		if e := d.closureEffect(mc, q); e.kind != effBorrow {
			return paramEffect{kind: effTake}
		}
		return paramEffect{kind: effBorrow}
	}
	var paramType types.Type
	var obj *types.Func
	callee := common.StaticCallee()
	if common.IsInvoke() {
		obj = common.Method
		paramType = paramTypeAt(common.Method.Type().(*types.Signature), i)
	} else {
		if callee != nil {
			obj, _ = callee.Object().(*types.Func)
		}
		sig := common.Signature()
		if callee != nil {
			sig = callee.Signature
		}
		if sig.Recv() != nil {
			if i == 0 {
				paramType = sig.Recv().Type()
			} else {
				paramType = paramTypeAt(sig, i-1)
			}
		} else {
			paramType = paramTypeAt(sig, i)
		}
	}
	if obj != nil && !common.IsInvoke() {
		if e, ok := d.known(obj.Origin(), common, i, paramType); ok {
			return e
		}
	}
	if callee != nil && !common.IsInvoke() {
		fn := callee
		if len(fn.Blocks) == 0 {
			if o := fn.Origin(); o != nil && len(o.Blocks) > 0 {
				fn = o
			}
		}
		if len(fn.Blocks) > 0 && i < len(fn.Params) {
			return d.paramEffectOf(fn, fn.Params[i], false)
		}
		if obj != nil {
			var s Summary
			if d.r.pass.ImportObjectFact(obj.Origin(), &s) {
				if e, ok := d.facts(&s).effectOf(i); ok {
					return e
				}
			}
		}
	}
	if paramType != nil && !d.mayHold(paramType) {
		return paramEffect{kind: effBorrow}
	}
	if d.dynamicBorrows && callee == nil && !common.IsInvoke() {
		return paramEffect{kind: effBorrow}
	}
	return paramEffect{kind: effTake}
}

// closureEffect returns what calling closure mc does with the tracked
// values it captured.
func (d *domain) closureEffect(mc *ssa.MakeClosure, q lifetime.Query) paramEffect {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return paramEffect{kind: effTake}
	}
	best := paramEffect{kind: effBorrow}
	for k, b := range mc.Bindings {
		if k >= len(fn.FreeVars) {
			break
		}
		var e paramEffect
		switch {
		case q.Cell(b):
			e = d.paramEffectOf(fn, fn.FreeVars[k], true)
		case q.Tracked(b):
			e = d.paramEffectOf(fn, fn.FreeVars[k], false)
		default:
			continue
		}
		if e.kind > best.kind || (e.kind == effClose && best.kind == effPass) || (e.kind == best.kind && e.partly) {
			best = e
		}
	}
	return best
}

// newBodyDomain describes response bodies.
func newBodyDomain(r *Result) *domain {
	d := newDomain(r)
	d.spec = &lifetime.Spec{
		Call: d.callUse,
		Field: func(f *types.Var) bool {
			return knowledge.IsBodyField(f) || knowledge.IsHolderField(f)
		},
		Store:        bodyHolder,
		Status:       knowledge.IsStatusField,
		GoodStatus:   constant.MakeInt64(200),
		NoReturn:     noReturn,
		ErrPredicate: r.errPredicate,
		NonNilError:  NonNilError,
	}
	// resp, err = c.Get(u); defer func() { if err != nil {
	// resp.Body.Close() } }(): closed where the function returns an
	// error, handed out where it returns the response (a wrapper that
	// validates the status); taking it there hid the callers' leaks.
	d.errGuardedDefers = true
	d.mayHold = knowledge.MayHoldBody
	d.carries = knowledge.CanCarryBody
	d.carrier = knowledge.IsBodyCarrier
	d.method = func(m *types.Func) effKind {
		if knowledge.IsCloseMethod(m) {
			return effClose
		}
		return effBorrow
	}
	d.known = func(obj *types.Func, common *ssa.CallCommon, i int, paramType types.Type) (paramEffect, bool) {
		switch {
		case r.closers[obj.FullName()]:
			// Configured by name: the user says it closes what it is
			// given, whatever its parameter type (an io.Reader it
			// type-asserts to io.Closer).
			return paramEffect{kind: effClose}, true
		case r.marks[obj].closes:
			if paramType == nil || knowledge.MayHoldBody(paramType) {
				return paramEffect{kind: effClose}, true
			}
			return paramEffect{kind: effBorrow}, true
		case common == nil:
			return paramEffect{}, false // summarising obj itself: only directives speak
		case knowledge.Borrower(obj):
			return paramEffect{kind: effBorrow}, true
		case knowledge.Releaser(obj, i):
			return paramEffect{kind: effClose}, true
		case knowledge.IsDumpResponse(obj) && i == 0:
			if c, ok := common.Args[1].(*ssa.Const); ok && c.Value != nil && constant.BoolVal(c.Value) {
				return paramEffect{kind: effClose}, true
			}
			return paramEffect{kind: effBorrow}, true
		case knowledge.Wraps(obj, i):
			return paramEffect{kind: effPass, result: -1}, true
		}
		return paramEffect{}, false
	}
	d.forcedReturns = func(obj *types.Func) bool { return r.marks[obj].returns }
	d.facts = func(s *Summary) *Effects { return &s.Body }
	d.acquisitions = func(fn *ssa.Function) []lifetime.Resource {
		if !r.Relevant {
			return nil // no response can be acquired without net/http
		}
		var out []lifetime.Resource
		for _, src := range r.Sources(fn) {
			if src.Resp != nil {
				out = append(out, src.Resource(fn))
			}
		}
		return out
	}
	return d
}

// newPoolDomain describes transports' connection pools.
func newPoolDomain(r *Result) *domain {
	d := newDomain(r)
	d.spec = &lifetime.Spec{
		Call:         d.callUse,
		Field:        knowledge.IsPoolHolderField,
		Store:        poolHolder,
		NoReturn:     noReturn,
		ErrPredicate: r.errPredicate,
	}
	d.mayHold = knowledge.MayHoldPool
	d.carrier = knowledge.MayCarryPool
	d.anyCarrier = true
	d.method = func(m *types.Func) effKind {
		// An interface that exposes the pool's CloseIdleConnections
		// (interface{ CloseIdleConnections() }, as http.Client's own
		// check does): the interface method has no object to compare
		// with, so its name and shape decide.
		if sig := m.Type().(*types.Signature); m.Name() == "CloseIdleConnections" && sig.Params().Len() == 0 && sig.Results().Len() == 0 {
			return effClose
		}
		return effBorrow
	}
	d.known = func(obj *types.Func, common *ssa.CallCommon, i int, paramType types.Type) (paramEffect, bool) {
		if common == nil {
			return paramEffect{}, false
		}
		if knowledge.IsPoolMethod(obj) && i == 0 {
			// A method of *http.Transport or *http.Client on the pool itself.
			if knowledge.IsCloseIdleConnections(obj) {
				return paramEffect{kind: effClose}, true
			}
			return paramEffect{kind: effBorrow}, true
		}
		if knowledge.ConfiguresTransport(obj) {
			return paramEffect{kind: effBorrow}, true
		}
		return paramEffect{}, false
	}
	d.forcedReturns = func(*types.Func) bool { return false }
	d.facts = func(s *Summary) *Effects { return &s.Pool }
	d.acquisitions = func(fn *ssa.Function) []lifetime.Resource {
		var out []lifetime.Resource
		for _, p := range r.PoolSources(fn) {
			out = append(out, p.Resource(fn))
		}
		return out
	}
	return d
}

// bodyHolder is the body Spec's Store: a response stored in a field of a
// struct of ours allocated in this function makes that struct hold it (to
// be returned as a stream, closed by its Close method). Stored anywhere
// else, or in a net/http struct, it is handed on.
func bodyHolder(st *ssa.Store) ssa.Value {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	if _, local := fa.X.(*ssa.Alloc); !local {
		return nil
	}
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	if n, ok := types.Unalias(p.Elem()).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" {
		return nil
	}
	return fa.X
}

// poolHolder is the pool Spec's Store: a transport stored in a field of a
// struct allocated in this function (a client's Transport field, a
// logging RoundTripper's next) makes that struct hold the pool. Stored
// anywhere else (a parameter's field, a global), it is handed on.
func poolHolder(st *ssa.Store) ssa.Value {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	if _, local := fa.X.(*ssa.Alloc); !local {
		return nil
	}
	return fa.X
}

// errGuardedRelease reports whether closure mc releases the tracked
// resource it captured only under `if err != nil`, err being a captured
// variable of error type, and returns the cell that variable lives in (in
// the enclosing function): defer func() { if err != nil { tx.Rollback() } }().
func (d *domain) errGuardedRelease(mc *ssa.MakeClosure, q lifetime.Query) (ssa.Value, bool) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || len(fn.Blocks) == 0 {
		return nil, false
	}
	var rs lifetime.Resource
	for k, b := range mc.Bindings {
		if k >= len(fn.FreeVars) {
			break
		}
		switch {
		case q.Cell(b):
			rs.Cells = append(rs.Cells, fn.FreeVars[k])
		case q.Tracked(b):
			rs.Values = append(rs.Values, fn.FreeVars[k])
		}
	}
	if len(rs.Cells)+len(rs.Values) == 0 {
		return nil, false
	}
	rs.Fn = fn
	res := d.r.Analyze(rs, d.spec)
	if res.Incomplete || res.Escaped || !res.Released || len(res.Returned) > 0 {
		return nil, false
	}
	var rels []ssa.Instruction
	for instr, u := range res.Uses {
		if u.Effect == lifetime.Release {
			rels = append(rels, instr)
		}
	}
	if len(rels) == 0 {
		return nil, false
	}
	for _, b := range fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		bin, ok := iff.Cond.(*ssa.BinOp)
		if !ok || (bin.Op != token.NEQ && bin.Op != token.EQL) {
			continue
		}
		x, y := bin.X, bin.Y
		if lifetime.IsNil(x) {
			x, y = y, x
		}
		load, ok := x.(*ssa.UnOp)
		if !ok || load.Op != token.MUL || !lifetime.IsNil(y) || !knowledge.IsError(load.Type()) {
			continue
		}
		fv, ok := load.X.(*ssa.FreeVar)
		if !ok {
			continue
		}
		nonNil := b.Succs[0]
		if bin.Op == token.EQL {
			nonNil = b.Succs[1]
		}
		if len(nonNil.Preds) != 1 {
			continue
		}
		all := true
		for _, r := range rels {
			if !nonNil.Dominates(r.Block()) {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		for k, f := range fn.FreeVars {
			if f == fv && k < len(mc.Bindings) {
				return mc.Bindings[k], true
			}
		}
	}
	return nil, false
}
