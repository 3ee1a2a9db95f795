// Package httpfacts summarises what each function does with HTTP responses
// and bodies, and answers the checkers' questions about calls: is this call
// a source of a live response, and what does it do with a response it is
// given?
//
// Summaries of functions in the package under analysis are computed on
// demand and memoised; recursion gives the conservative answer (the callee
// takes ownership, so nothing is reported). Summaries of functions in other
// packages arrive as Summary facts, exported by this same analyzer when it ran
// on those packages. Functions with neither are judged by the types of their
// parameters: a callee that receives only an io.Reader can borrow the body
// but never close it; one that receives something it could close is assumed
// to take ownership.
package httpfacts

import (
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
)

// Config is what users tell the analysis about code it cannot annotate
// (third-party packages): functions by full name, as (*types.Func).FullName
// prints them, e.g. "(*example.com/sdk.Client).Fetch" or
// "example.com/httputil.DrainClose".
type Config struct {
	// Sources return a live response (their first *http.Response result)
	// that the caller must close.
	Sources []string
	// Closers close every response or body they are given.
	Closers []string
}

// Analyzer computes Summary facts with the default (empty) Config.
var Analyzer = New(&Config{})

// New returns a facts analyzer that reads cfg when it runs, so flags
// parsed after New still apply. Checkers that share one New'd analyzer
// share its facts and its work.
func New(cfg *Config) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       "httpfacts",
		Doc:        "summarise what functions do with HTTP responses and bodies (internal facts for bodyclose)",
		URL:        "https://github.com/bodyclose/bodyclose",
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, cfg) },
		Requires:   []*analysis.Analyzer{ctrlflow.Analyzer},
		ResultType: reflect.TypeFor[*Result](),
		FactTypes:  []analysis.Fact{new(Summary)},
	}
}

func run(pass *analysis.Pass, cfg *Config) (any, error) {
	r := newResult(pass, cfg)
	if !r.Relevant {
		return r, nil
	}
	r.SrcFuncs = buildSSA(pass)
	for _, fn := range r.SrcFuncs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || obj.Pkg() != pass.Pkg {
			continue
		}
		if s := r.summarize(fn); !s.empty() {
			pass.ExportObjectFact(obj, s)
		}
	}
	return r, nil
}

// Result answers questions about calls in one package.
type Result struct {
	// Relevant reports whether the package can see net/http at all
	// (imports it, directly or not); when false there is nothing to check
	// and no SSA was built.
	Relevant bool
	// SrcFuncs are the package's functions and function literals in SSA
	// form, in source order (as buildssa's), when Relevant.
	SrcFuncs []*ssa.Function

	pass    *analysis.Pass
	spec    *lifetime.Spec
	sources map[string]bool           // Config.Sources
	closers map[string]bool           // Config.Closers
	marks   map[*types.Func]directive // //bodyclose: directives on this package's functions

	params  map[paramKey]paramEffect
	preds   map[paramKey]bool
	busy    map[any]bool
	returns map[*ssa.Function][]int
}

type paramKey struct {
	v    ssa.Value // *ssa.Parameter or *ssa.FreeVar
	cell bool
}

type effKind uint8

const (
	effBorrow effKind = iota
	effClose
	effTake
	effPass
)

type paramEffect struct {
	kind   effKind
	result int // for effPass
}

func newResult(pass *analysis.Pass, cfg *Config) *Result {
	r := &Result{
		pass:    pass,
		sources: set(cfg.Sources),
		closers: set(cfg.Closers),
		marks:   readDirectives(pass),
		params:  map[paramKey]paramEffect{},
		preds:   map[paramKey]bool{},
		busy:    map[any]bool{},
		returns: map[*ssa.Function][]int{},
	}
	r.Relevant = analysisutil.ReachesPackage(pass.Pkg, "net/http", map[*types.Package]bool{})
	r.spec = &lifetime.Spec{
		Call:         r.callUse,
		Field:        knowledge.IsBodyField,
		Status:       knowledge.IsStatusField,
		GoodStatus:   constant.MakeInt64(200),
		NoReturn:     noReturn,
		ErrPredicate: r.errPredicate,
	}
	return r
}

// Spec is the lifetime spec of a response body: released by Close, handed
// on as the summaries say.
func (r *Result) Spec() *lifetime.Spec { return r.spec }

// Source describes an instruction that produces a live response.
type Source struct {
	// Instr is the call or channel receive.
	Instr ssa.Instruction
	// Call is Instr when it is a call.
	Call *ssa.Call
	// Resp holds the response (an Extract of the call, or the call).
	Resp ssa.Value
	// Err is the call's error result, or nil.
	Err ssa.Value
	// Ok is the comma-ok result of a receive, or nil.
	Ok ssa.Value
	// Callee is the function called, for messages; nil for a dynamic call.
	Callee *types.Func
}

// SourceOf reports whether call hands its caller a live response to close.
func (r *Result) SourceOf(call *ssa.Call) (Source, bool) {
	common := call.Common()
	var obj *types.Func
	var respIdx []int
	if common.IsInvoke() {
		obj = common.Method
		if knowledge.IsSource(obj) || r.sources[obj.Origin().FullName()] {
			respIdx = firstResponse(common.Signature())
		}
	} else if callee := common.StaticCallee(); callee != nil {
		obj, _ = callee.Object().(*types.Func)
		if obj != nil && (knowledge.IsSource(obj) || r.sources[obj.Origin().FullName()]) {
			respIdx = firstResponse(common.Signature())
		} else {
			respIdx = r.liveResults(callee)
		}
	} else if knowledge.IsSourceSignature(common.Signature()) {
		// A function value of the client's shape.
		respIdx = []int{0}
	}
	if len(respIdx) == 0 {
		return Source{}, false
	}
	s := Source{Instr: call, Call: call, Callee: obj}
	results := common.Signature().Results()
	errIdx, okIdx := -1, -1
	if n := results.Len(); n > 1 && knowledge.IsError(results.At(n-1).Type()) {
		errIdx = n - 1
	} else if n > 1 && isBool(results.At(n-1).Type()) {
		okIdx = n - 1 // (resp, ok): no response when !ok
	}
	if results.Len() == 1 {
		s.Resp = call
		return s, true
	}
	if refs := call.Referrers(); refs != nil {
		for _, instr := range *refs {
			if ex, ok := instr.(*ssa.Extract); ok {
				switch ex.Index {
				case respIdx[0]:
					s.Resp = ex
				case errIdx:
					s.Err = ex
				case okIdx:
					s.Ok = ex
				}
			}
		}
	}
	return s, true
}

// liveResults returns the results of fn that carry a live response.
func (r *Result) liveResults(fn *ssa.Function) []int {
	if res, ok := r.returns[fn]; ok {
		return res
	}
	if !returnsResponse(fn.Signature) {
		return nil
	}
	if obj, ok := fn.Object().(*types.Func); ok && r.marks[obj.Origin()].returns {
		return firstResponse(fn.Signature)
	}
	if len(fn.Blocks) == 0 {
		if o := fn.Origin(); o != nil && len(o.Blocks) > 0 {
			return r.liveResults(o)
		}
		if obj, ok := fn.Object().(*types.Func); ok {
			var s Summary
			if r.pass.ImportObjectFact(obj.Origin(), &s) {
				return s.Returns
			}
		}
		return nil
	}
	if r.busy[fn] {
		return nil // recursion: not (yet) known to return a live response
	}
	r.busy[fn] = true
	defer delete(r.busy, fn)
	var out []int
	for _, src := range r.Sources(fn) {
		if src.Resp == nil {
			continue
		}
		res := lifetime.Analyze(lifetime.Resource{Fn: fn, Acquire: src.Instr, Values: []ssa.Value{src.Resp}, Err: src.Err, Ok: src.Ok}, r.spec)
		if res.Incomplete {
			continue
		}
		for _, i := range res.Returned {
			if knowledge.IsResponsePtr(fn.Signature.Results().At(i).Type()) && !containsInt(out, i) {
				out = append(out, i)
			}
		}
	}
	sort.Ints(out)
	r.returns[fn] = out
	return out
}

// Sources lists the instructions in fn that produce a live response:
// calls, and receives from a channel of responses (the sender handed the
// body on).
func (r *Result) Sources(fn *ssa.Function) []Source {
	var out []Source
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Call:
				if s, ok := r.SourceOf(instr); ok {
					out = append(out, s)
				}
			case *ssa.UnOp:
				if s, ok := recvSource(instr); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// recvSource reports whether u receives a *http.Response from a channel.
// With comma-ok (for range over the channel), the response is element 0.
func recvSource(u *ssa.UnOp) (Source, bool) {
	if u.Op != token.ARROW {
		return Source{}, false
	}
	if !u.CommaOk {
		if knowledge.IsResponsePtr(u.Type()) {
			return Source{Instr: u, Resp: u}, true
		}
		return Source{}, false
	}
	tup, ok := u.Type().(*types.Tuple)
	if !ok || tup.Len() != 2 || !knowledge.IsResponsePtr(tup.At(0).Type()) {
		return Source{}, false
	}
	s := Source{Instr: u}
	if refs := u.Referrers(); refs != nil {
		for _, ref := range *refs {
			if ex, ok := ref.(*ssa.Extract); ok {
				switch ex.Index {
				case 0:
					s.Resp = ex
				case 1:
					s.Ok = ex
				}
			}
		}
	}
	return s, s.Resp != nil
}

// summarize computes the exported summary of fn.
func (r *Result) summarize(fn *ssa.Function) *Summary {
	s := new(Summary)
	obj, _ := fn.Object().(*types.Func)
	for i, p := range fn.Params {
		if !knowledge.MayHoldBody(p.Type()) {
			continue
		}
		e := r.paramEffectOf(fn, p, false)
		if obj != nil && r.marks[obj].closes {
			e = paramEffect{kind: effClose}
		}
		switch e.kind {
		case effClose:
			s.Closes = append(s.Closes, i)
		case effTake:
			s.Takes = append(s.Takes, i)
		case effPass:
			s.Passes = append(s.Passes, [2]int{i, e.result})
		case effBorrow:
			s.Borrows = append(s.Borrows, i)
		}
	}
	s.Returns = r.liveResults(fn)
	if sig := fn.Signature; sig.Results().Len() == 1 && isBool(sig.Results().At(0).Type()) {
		for i, p := range fn.Params {
			if knowledge.IsError(p.Type()) && r.nilFalse(fn, p) {
				s.NilFalse = append(s.NilFalse, i)
			}
		}
	}
	return s
}

// paramEffectOf computes what fn does with the value of parameter or free
// variable v (an address of the value when cell is set).
func (r *Result) paramEffectOf(fn *ssa.Function, v ssa.Value, cell bool) paramEffect {
	key := paramKey{v, cell}
	if e, ok := r.params[key]; ok {
		return e
	}
	if r.busy[key] {
		return paramEffect{kind: effTake} // recursion: conservative
	}
	r.busy[key] = true
	defer delete(r.busy, key)
	res := r.analyzeParam(fn, v, cell)
	e := classify(res)
	r.params[key] = e
	return e
}

func (r *Result) analyzeParam(fn *ssa.Function, v ssa.Value, cell bool) *lifetime.Result {
	rs := lifetime.Resource{Fn: fn}
	if cell {
		rs.Cells = []ssa.Value{v}
	} else {
		rs.Values = []ssa.Value{v}
	}
	return lifetime.Analyze(rs, r.spec)
}

// classify turns a path result for a parameter into its effect.
func classify(res *lifetime.Result) paramEffect {
	switch {
	case res.Incomplete:
		return paramEffect{kind: effTake}
	case len(res.Returned) == 1 && !res.Escaped:
		return paramEffect{kind: effPass, result: res.Returned[0]}
	case len(res.Returned) > 0 || res.Escaped:
		return paramEffect{kind: effTake}
	case len(res.Leaks) == 0 && res.Released:
		return paramEffect{kind: effClose}
	case res.Released:
		return paramEffect{kind: effTake} // closed on some paths only
	}
	return paramEffect{kind: effBorrow}
}

// callUse is the lifetime Spec's Call: what call c does with tracked v.
func (r *Result) callUse(c ssa.CallInstruction, v ssa.Value, q lifetime.Query) lifetime.Use {
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
		}
		return lifetime.Use{Effect: lifetime.Borrow}
	}

	// The tracked value is the function called.
	if common.Value == v {
		if common.IsInvoke() {
			// A method of the body itself: Close releases it.
			if isCloseMethod(common.Method) {
				if isGo {
					return lifetime.Use{Effect: lifetime.Escape}
				}
				return lifetime.Use{Effect: lifetime.Release}
			}
			return lifetime.Use{Effect: lifetime.Borrow}
		}
		if mc, ok := v.(*ssa.MakeClosure); ok {
			return adjust(r.closureEffect(mc, q))
		}
		return lifetime.Use{Effect: lifetime.Escape} // a function value we cannot see
	}

	best := lifetime.Use{Effect: lifetime.Borrow}
	for i, arg := range common.Args {
		if arg != v {
			continue
		}
		u := adjust(r.argEffect(common, i, v, q))
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
	return rank(u.Effect) > rank(than.Effect)
}

// argEffect returns what the callee of common does with argument i, v.
func (r *Result) argEffect(common *ssa.CallCommon, i int, v ssa.Value, q lifetime.Query) paramEffect {
	if mc, ok := v.(*ssa.MakeClosure); ok {
		// A closure that holds the body, handed to a callee (t.Cleanup,
		// errgroup.Go, sync.Once.Do): if it releases or takes the body, the
		// callee runs it and the body is handed on.
		if e := r.closureEffect(mc, q); e.kind != effBorrow {
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
		switch {
		case r.closers[obj.Origin().FullName()] || r.marks[obj.Origin()].closes:
			if paramType == nil || knowledge.MayHoldBody(paramType) {
				return paramEffect{kind: effClose}
			}
			return paramEffect{kind: effBorrow}
		case knowledge.Releaser(obj, i):
			return paramEffect{kind: effClose}
		case knowledge.IsDumpResponse(obj) && i == 0:
			if c, ok := common.Args[1].(*ssa.Const); ok && c.Value != nil && constant.BoolVal(c.Value) {
				return paramEffect{kind: effClose}
			}
			return paramEffect{kind: effBorrow}
		case knowledge.Wraps(obj, i):
			return paramEffect{kind: effPass, result: -1}
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
			return r.paramEffectOf(fn, fn.Params[i], false)
		}
		if obj != nil {
			var s Summary
			if r.pass.ImportObjectFact(obj.Origin(), &s) {
				if e, ok := s.effectOf(i); ok {
					return e
				}
			}
		}
	}
	if paramType != nil && !knowledge.MayHoldBody(paramType) {
		return paramEffect{kind: effBorrow}
	}
	return paramEffect{kind: effTake}
}

// closureEffect returns what calling closure mc does with the tracked
// values it captured.
func (r *Result) closureEffect(mc *ssa.MakeClosure, q lifetime.Query) paramEffect {
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
			e = r.paramEffectOf(fn, fn.FreeVars[k], true)
		case q.Tracked(b):
			e = r.paramEffectOf(fn, fn.FreeVars[k], false)
		default:
			continue
		}
		if e.kind > best.kind || (e.kind == effClose && best.kind == effPass) {
			best = e
		}
	}
	return best
}

// paramTypeAt returns the type of parameter i of sig, looking through a
// variadic parameter to its element type.
func paramTypeAt(sig *types.Signature, i int) types.Type {
	n := sig.Params().Len()
	if n == 0 {
		return nil
	}
	if i >= n-1 && sig.Variadic() {
		t := sig.Params().At(n - 1).Type()
		if s, ok := t.Underlying().(*types.Slice); ok {
			// The packed slice itself is passed in SSA; its elements are
			// what matters.
			return s.Elem()
		}
		return t
	}
	if i < n {
		return sig.Params().At(i).Type()
	}
	return nil
}

// isCloseMethod reports whether m is a method Close() error.
func isCloseMethod(m *types.Func) bool {
	if m == nil || m.Name() != "Close" {
		return false
	}
	sig := m.Type().(*types.Signature)
	return sig.Params().Len() == 0 && sig.Results().Len() == 1 && knowledge.IsError(sig.Results().At(0).Type())
}

// noReturn reports calls through interfaces that never return:
// testing.TB's Fatal family. ctrlflow already ends static calls to
// log.Fatal, os.Exit, (*testing.T).Fatal and the like with a panic.
func noReturn(c ssa.CallInstruction) bool {
	common := c.Common()
	if common.IsInvoke() {
		return knowledge.IsTestingFatal(common.Method)
	}
	if callee := common.StaticCallee(); callee != nil {
		obj, _ := callee.Object().(*types.Func)
		return knowledge.IsTestingFatal(obj)
	}
	return false
}

// firstResponse returns the index of sig's first *http.Response result.
func firstResponse(sig *types.Signature) []int {
	for i := range sig.Results().Len() {
		if knowledge.IsResponsePtr(sig.Results().At(i).Type()) {
			return []int{i}
		}
	}
	return nil
}

func set(names []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// returnsResponse reports whether some result of sig is *http.Response.
func returnsResponse(sig *types.Signature) bool {
	for v := range sig.Results().Variables() {
		if knowledge.IsResponsePtr(v.Type()) {
			return true
		}
	}
	return false
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
