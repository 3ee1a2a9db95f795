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
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
	"github.com/bodyclose/bodyclose/internal/syntax"
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
	// Pairs are the user's acquire/release pairs ("ACQUIRE=RELEASE",
	// see ParsePair), resources beyond the table's for resourceclose.
	Pairs []string
	// Budget, when positive, bounds the path states of each analysis
	// instead of lifetime.Budget (tests of the give-up reports).
	Budget int
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
		ResultType: reflect.TypeFor[*Result](),
		FactTypes:  []analysis.Fact{new(Summary), new(noReturnFact)},
	}
}

func run(pass *analysis.Pass, cfg *Config) (any, error) {
	for _, p := range cfg.Pairs {
		// The flag rejects these; a Config built in code (suite.Config,
		// analysistest) must not lose a pair silently either.
		if _, err := ParsePair(p); err != nil {
			return nil, fmt.Errorf("resourceclose pairs: %v", err)
		}
	}
	r := newResult(pass, cfg)
	noRet := computeNoReturns(pass)
	funcs := r.SrcFuncs
	if r.Relevant || r.ResRelevant {
		r.SrcFuncs = buildSSA(pass, noRet)
		funcs = r.SrcFuncs
	} else {
		// No response can arise here, but a function may be handed one
		// (a body as an io.Reader): summarise just those functions, so
		// that callers elsewhere know what they do with it.
		want := func(fd *ast.FuncDecl) bool { return needsSummary(pass, fd) }
		if !anyDecl(pass, want) {
			return r, nil
		}
		funcs = buildSSAFor(pass, noRet, want)
	}
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || obj.Pkg() != pass.Pkg {
			continue
		}
		if s := r.safeSummarize(fn); s != nil && !s.empty() {
			pass.ExportObjectFact(obj, s)
		}
		if p, ok := r.panics[fn]; ok {
			pass.Report(summaryLost(fn, p))
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
	// ResRelevant reports whether the package can see one of the
	// packages of the resource and pool table (database/sql, redigo, ...,
	// the user's pairs); when neither it nor Relevant holds, no SSA was
	// built.
	ResRelevant bool
	// SrcFuncs are the package's functions and function literals in SSA
	// form, in source order (as buildssa's), when Relevant.
	SrcFuncs []*ssa.Function

	pass    *analysis.Pass
	sources map[string]bool           // Config.Sources
	closers map[string]bool           // Config.Closers
	marks   map[*types.Func]directive // //bodyclose: directives on this package's functions
	preds   map[paramKey]bool
	busy    map[any]bool
	globals map[*ssa.Global][]ssa.Value   // stores to package-level variables
	gaveUp  map[*ssa.Function][]token.Pos // acquisitions (or fn.Pos(), for its summary) given up at the budget
	budget  int                           // the budget in force
	panics  map[*ssa.Function]string      // summaries lost to a panic
	idx     *syntax.Index                 // built by the first checker that asks (Index)

	body  *domain  // response bodies: closed by Close
	drain *drainer // response bodies: read to the end before Close
	pool  *domain  // transports' connection pools: closed by CloseIdleConnections
	res   *domain  // resources borrowed from a pool (knowledge.Resources)
	pools *domain  // clients that own a pool (sql.DB, redis.Client, ...)

	resources *knowledge.Resources
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
	// partly (with effBorrow): a function literal that releases on some
	// paths only (lifetime.Use.Partly).
	partly bool
	// onStatus (with partly): every path on which it does not release
	// took the bad side of a status check.
	onStatus bool
}

func newResult(pass *analysis.Pass, cfg *Config) *Result {
	r := &Result{
		pass:    pass,
		sources: set(cfg.Sources),
		closers: set(cfg.Closers),
		marks:   readDirectives(pass),
		preds:   map[paramKey]bool{},
		busy:    map[any]bool{},
		gaveUp:  map[*ssa.Function][]token.Pos{},
		panics:  map[*ssa.Function]string{},
	}
	r.Relevant = analysisutil.ReachesPackage(pass.Pkg, "net/http", map[*types.Package]bool{})
	var user []*knowledge.ResourceKind
	for _, p := range cfg.Pairs {
		if k, err := ParsePair(p); err == nil {
			user = append(user, k) // (run rejects the others)
		}
	}
	r.resources = knowledge.NewResources(mergeKinds(resolveKinds(pass.Pkg, user)))
	memo := map[*types.Package]bool{}
	for _, p := range r.resources.Packages() {
		clear(memo)
		if analysisutil.ReachesPackage(pass.Pkg, p, memo) {
			r.ResRelevant = true
			break
		}
	}
	r.body = newBodyDomain(r)
	r.drain = newDrainer(r)
	r.pool = newPoolDomain(r)
	r.res = newResDomain(r)
	r.pools = newClientPoolDomain(r)
	for _, spec := range []*lifetime.Spec{r.body.spec, r.drain.before, r.drain.only, r.pool.spec, r.res.spec, r.pools.spec} {
		spec.Budget = cfg.Budget
	}
	r.budget = lifetime.Budget
	if cfg.Budget > 0 {
		r.budget = cfg.Budget
	}
	return r
}

// Index returns the syntax index of the package, built on first use and
// shared by the checkers (it reads only the package's files; building it
// walks every syntax tree, a quarter of the suite's time on a large
// package when each checker built its own). Hold the lock.
func (r *Result) Index() *syntax.Index {
	if r.idx == nil {
		r.idx = syntax.New(r.pass)
	}
	return r.idx
}

// Spec is the lifetime spec of a response body: released by Close, handed
// on as the summaries say.
func (r *Result) Spec() *lifetime.Spec { return r.body.spec }

// PoolSpec is the lifetime spec of a transport's connection pool:
// released by CloseIdleConnections, carried by a Client that holds it.
func (r *Result) PoolSpec() *lifetime.Spec { return r.pool.spec }

// safeSummarize is summarize, except that a panic on an SSA shape we did
// not foresee costs fn its fact (callers then treat it as unknown), not
// the package its analysis.
func (r *Result) safeSummarize(fn *ssa.Function) (s *Summary) {
	defer func() {
		if p := recover(); p != nil {
			r.panics[fn] = fmt.Sprint(p)
			s = nil
		}
	}()
	return r.summarize(fn)
}

// Analyze runs the engine on rs with spec, and remembers a give-up at the
// budget (Result.Incomplete) for the checkers' debug reports.
func (r *Result) Analyze(rs lifetime.Resource, spec *lifetime.Spec) *lifetime.Result {
	res := lifetime.Analyze(rs, spec)
	if res.Incomplete && rs.Fn != nil {
		pos := rs.Fn.Pos()
		if rs.Acquire != nil && rs.Acquire.Pos().IsValid() {
			pos = rs.Acquire.Pos()
		}
		if !slices.Contains(r.gaveUp[rs.Fn], pos) {
			r.gaveUp[rs.Fn] = append(r.gaveUp[rs.Fn], pos)
		}
	}
	return res
}

// summarize computes the exported summary of fn.
func (r *Result) summarize(fn *ssa.Function) *Summary {
	s := new(Summary)
	r.body.summarize(fn, &s.Body)
	for i, p := range fn.Params {
		if (knowledge.MayHoldBody(p.Type()) || knowledge.CanCarryBody(p.Type())) && !knowledge.IsStd(r.pass.Pkg.Path()) {
			// The standard library's drains come from the knowledge
			// tables (see drainer.argInfo).
			info := r.drain.paramInfo(fn, p, false)
			if info.all {
				s.Body.Drains = append(s.Body.Drains, i)
			}
			if info.onError {
				s.Body.DrainsOnError = append(s.Body.DrainsOnError, i)
			}
			if info.reads && !info.all {
				s.Body.Reads = append(s.Body.Reads, i)
			}
		}
	}
	r.pool.summarize(fn, &s.Pool)
	if r.ResRelevant {
		r.res.summarize(fn, &s.Res)
		r.pools.summarize(fn, &s.ClientPool)
	}
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

func set(names []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// needsSummary reports whether the function fd declares takes a parameter
// (or receiver) that can carry a response or body in (an io.Reader, an
// io.Closer, any, ...), or is an error predicate (a bool result, an error
// parameter).
func needsSummary(pass *analysis.Pass, fd *ast.FuncDecl) bool {
	obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok || fd.Body == nil {
		return false
	}
	sig := obj.Type().(*types.Signature)
	if sig.Recv() != nil && knowledge.CanCarryBody(sig.Recv().Type()) {
		return true
	}
	params := sig.Params()
	for i := range params.Len() {
		if knowledge.CanCarryBody(params.At(i).Type()) {
			return true
		}
	}
	if res := sig.Results(); res.Len() == 1 && isBool(res.At(0).Type()) {
		for i := range params.Len() {
			if knowledge.IsError(params.At(i).Type()) {
				return true
			}
		}
	}
	return false
}

// anyDecl reports whether some function declared in the package satisfies
// want.
func anyDecl(pass *analysis.Pass, want func(*ast.FuncDecl) bool) bool {
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && want(fd) {
				return true
			}
		}
	}
	return false
}
