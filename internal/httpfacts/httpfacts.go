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
	"go/token"
	"go/types"
	"reflect"
	"sync"

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

// DefaultConfig is the configuration of Analyzer; the default checkers'
// -sources and -closers flags write to it.
var DefaultConfig = &Config{}

// Analyzer computes Summary facts with DefaultConfig. A driver run may hold
// only one analyzer with the Summary fact type (analysis.Validate), so the
// package-level checkers all require this one; New makes another for a
// checker run on its own (tests) or for a suite (package suite).
var Analyzer = New(DefaultConfig)

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
		if s := r.safeSummarize(fn); s != nil && !s.empty() {
			pass.ExportObjectFact(obj, s)
		}
	}
	return r, nil
}

// Result answers questions about calls in one package.
//
// Its answers are memoised lazily, and drivers run the checkers of one
// package concurrently: a checker must hold the Result's lock (Lock,
// Unlock) for as long as it asks questions or runs the engine with its
// specs.
type Result struct {
	sync.Mutex

	// Relevant reports whether the package can see net/http at all
	// (imports it, directly or not); when false there is nothing to check
	// and no SSA was built.
	Relevant bool
	// SrcFuncs are the package's functions and function literals in SSA
	// form, in source order (as buildssa's), when Relevant.
	SrcFuncs []*ssa.Function

	pass    *analysis.Pass
	sources map[string]bool           // Config.Sources
	closers map[string]bool           // Config.Closers
	marks   map[*types.Func]directive // //bodyclose: directives on this package's functions
	preds   map[paramKey]bool
	busy    map[any]bool

	body  *domain  // response bodies: closed by Close
	drain *drainer // response bodies: read to the end before Close
	pool  *domain  // transports' connection pools: closed by CloseIdleConnections
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
	effCloseOnErr // released exactly on the paths that return an error
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
		preds:   map[paramKey]bool{},
		busy:    map[any]bool{},
	}
	r.Relevant = analysisutil.ReachesPackage(pass.Pkg, "net/http", map[*types.Package]bool{})
	r.body = newBodyDomain(r)
	r.drain = newDrainer(r)
	r.pool = newPoolDomain(r)
	return r
}

// Spec is the lifetime spec of a response body: released by Close, handed
// on as the summaries say.
func (r *Result) Spec() *lifetime.Spec { return r.body.spec }

// PoolSpec is the lifetime spec of a transport's connection pool:
// released by CloseIdleConnections, carried by a Client that holds it.
func (r *Result) PoolSpec() *lifetime.Spec { return r.pool.spec }

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
		switch {
		case obj != nil && r.sources[obj.Origin().FullName()]:
			respIdx = firstResponse(common.Signature())
		case r.ownRoundTrip(callee):
			// A RoundTrip of this package: its body says whether it
			// hands out a live response (a test fake does not).
			respIdx = r.body.liveResults(callee)
		case obj != nil && knowledge.IsSource(obj):
			if r.inMemory(call, obj) || r.fakeClient(call, obj) {
				return Source{}, false
			}
			respIdx = firstResponse(common.Signature())
		default:
			respIdx = r.body.liveResults(callee)
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

// ownRoundTrip reports whether fn is a RoundTrip method declared in this
// package (with a body to summarise).
func (r *Result) ownRoundTrip(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Name() != "RoundTrip" || obj.Pkg() != r.pass.Pkg {
		return false
	}
	sig := fn.Signature
	return sig.Recv() != nil && len(fn.Blocks) > 0
}

// inMemory reports whether call is http.ReadResponse over an in-memory
// reader (bufio.NewReader(strings.NewReader(...))): its body holds no
// connection.
func (r *Result) inMemory(call *ssa.Call, obj *types.Func) bool {
	if obj.FullName() != "net/http.ReadResponse" || len(call.Common().Args) == 0 {
		return false
	}
	v := call.Common().Args[0]
	for i := 0; i < 3; i++ {
		c, ok := v.(*ssa.Call)
		if !ok || c.Common().StaticCallee() == nil || len(c.Common().Args) == 0 {
			return false
		}
		callee, _ := c.Common().StaticCallee().Object().(*types.Func)
		switch {
		case callee == nil:
			return false
		case knowledge.IsInMemoryReader(callee):
			return true
		case callee.FullName() == "bufio.NewReader" || callee.FullName() == "bufio.NewReaderSize":
			v = c.Common().Args[0]
			if mi, ok := v.(*ssa.MakeInterface); ok {
				v = mi.X
			}
		default:
			return false
		}
	}
	return false
}

// fakeClient reports whether call is a Client method on a client built in
// this function around a transport of this package whose RoundTrip never
// hands out a live response (a test fake returning errors or canned
// responses).
func (r *Result) fakeClient(call *ssa.Call, obj *types.Func) bool {
	if !knowledge.IsPoolMethod(obj) || len(call.Common().Args) == 0 {
		return false
	}
	client, ok := call.Common().Args[0].(*ssa.Alloc)
	if !ok || client.Referrers() == nil {
		return false
	}
	p, ok := client.Type().Underlying().(*types.Pointer)
	if !ok || !knowledge.IsClient(p.Elem()) {
		return false
	}
	for _, ref := range *client.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.Referrers() == nil {
			continue
		}
		if !knowledge.IsClientTransportField(knowledge.FieldOf(fa)) {
			continue
		}
		for _, ref2 := range *fa.Referrers() {
			store, ok := ref2.(*ssa.Store)
			if !ok {
				continue
			}
			mi, ok := store.Val.(*ssa.MakeInterface)
			if !ok {
				return false
			}
			if fn := funcLiteral(mi.X); fn != nil {
				// A func type with a RoundTrip method that calls it
				// (type roundTripFunc func(*Request) (*Response, error)):
				// the literal decides.
				return len(fn.Blocks) > 0 && len(r.body.liveResults(fn)) == 0
			}
			rt := roundTripOf(call.Parent().Prog, mi.X.Type())
			if rt == nil || !r.ownRoundTrip(rt) || len(r.body.liveResults(rt)) > 0 {
				return false
			}
			return true
		}
	}
	return false
}

// funcLiteral returns the function v converts to a func type, if v is one.
func funcLiteral(v ssa.Value) *ssa.Function {
	if ct, ok := v.(*ssa.ChangeType); ok {
		v = ct.X
	}
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		return fn
	}
	return nil
}

// roundTripOf returns the RoundTrip method of type t, if it has one.
func roundTripOf(prog *ssa.Program, t types.Type) *ssa.Function {
	sel := prog.MethodSets.MethodSet(t).Lookup(nil, "RoundTrip")
	if sel == nil {
		return nil
	}
	return prog.MethodValue(sel)
}

// Resource returns the lifetime resource of s in fn.
func (s Source) Resource(fn *ssa.Function) lifetime.Resource {
	rs := lifetime.Resource{Fn: fn, Acquire: s.Instr, Err: s.Err, Ok: s.Ok}
	if s.Resp != nil {
		rs.Values = []ssa.Value{s.Resp}
	}
	return rs
}

// PoolSource is an instruction that creates a connection pool: a
// Transport literal or new(http.Transport), a Clone of a transport, or a
// call whose summary says it returns a fresh transport or a client that
// owns one.
type PoolSource struct {
	Instr ssa.Instruction
	// Value holds the pool (the Alloc, the call, or its Extract).
	Value ssa.Value
	// Err is the error result of a factory call, or nil.
	Err ssa.Value
	// Callee is the factory called, or nil.
	Callee *types.Func
}

// Resource returns the lifetime resource of p in fn.
func (p PoolSource) Resource(fn *ssa.Function) lifetime.Resource {
	return lifetime.Resource{Fn: fn, Acquire: p.Instr, Values: []ssa.Value{p.Value}, Err: p.Err}
}

// PoolSources lists the instructions in fn that create a connection pool.
func (r *Result) PoolSources(fn *ssa.Function) []PoolSource {
	var out []PoolSource
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Alloc:
				if p, ok := instr.Type().Underlying().(*types.Pointer); ok && knowledge.IsTransport(p.Elem()) {
					out = append(out, PoolSource{Instr: instr, Value: instr})
				}
			case *ssa.Call:
				if ps, ok := r.poolCall(instr); ok {
					out = append(out, ps)
				}
			}
		}
	}
	return out
}

// poolCall reports whether call returns a fresh pool.
func (r *Result) poolCall(call *ssa.Call) (PoolSource, bool) {
	common := call.Common()
	callee := common.StaticCallee()
	if callee == nil || common.IsInvoke() {
		return PoolSource{}, false
	}
	obj, _ := callee.Object().(*types.Func)
	var idx []int
	if knowledge.IsTransportClone(obj) {
		idx = []int{0}
	} else {
		idx = r.pool.liveResults(callee)
	}
	if len(idx) == 0 {
		return PoolSource{}, false
	}
	ps := PoolSource{Instr: call, Callee: obj}
	results := common.Signature().Results()
	if results.Len() == 1 {
		ps.Value = call
		return ps, true
	}
	if refs := call.Referrers(); refs != nil {
		for _, instr := range *refs {
			if ex, ok := instr.(*ssa.Extract); ok {
				switch {
				case ex.Index == idx[0]:
					ps.Value = ex
				case ex.Index == results.Len()-1 && knowledge.IsError(results.At(ex.Index).Type()):
					ps.Err = ex
				}
			}
		}
	}
	return ps, ps.Value != nil
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

// safeSummarize is summarize, except that a panic on an SSA shape we did
// not foresee costs fn its fact (callers then treat it as unknown), not
// the package its analysis.
func (r *Result) safeSummarize(fn *ssa.Function) (s *Summary) {
	defer func() {
		if recover() != nil {
			s = nil
		}
	}()
	return r.summarize(fn)
}

// summarize computes the exported summary of fn.
func (r *Result) summarize(fn *ssa.Function) *Summary {
	s := new(Summary)
	r.body.summarize(fn, &s.Body)
	for i, p := range fn.Params {
		if knowledge.MayHoldBody(p.Type()) || knowledge.IsReader(p.Type()) {
			if r.drain.drainsParam(fn, p, false) {
				s.Body.Drains = append(s.Body.Drains, i)
			}
		}
	}
	r.pool.summarize(fn, &s.Pool)
	if sig := fn.Signature; sig.Results().Len() == 1 && isBool(sig.Results().At(0).Type()) {
		for i, p := range fn.Params {
			if knowledge.IsError(p.Type()) && r.nilFalse(fn, p) {
				s.NilFalse = append(s.NilFalse, i)
			}
		}
	}
	return s
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
