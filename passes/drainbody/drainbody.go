package drainbody

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
	"github.com/bodyclose/bodyclose/internal/fixes"
	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
	"github.com/bodyclose/bodyclose/internal/syntax"
)

//go:embed doc.go
var doc string

// Config holds the analyzer's settings.
type Config struct {
	// Debug reports where the analysis gave up at its budget
	// (lifetime.Budget path states): leaks there go unreported.
	Debug bool
	// Always reports files built for go1.27 and later too, whose
	// transport drains small bodies itself.
	Always bool
	// Tests checks _test.go files.
	Tests bool
	// Alone says that bodyclose does not run alongside (a user turned it
	// off): drainbody then also reports responses that bodyclose would
	// report on another path, instead of leaving them to it.
	Alone bool
	// Strict also reports the paths where the harm is likely but not
	// certain: a body partly read (one JSON value decoded, an error
	// helper that reads it), responses to DELETE requests and 202
	// Accepted answers (usually empty), and responses from a transport
	// built for the call (its connection dies with it anyway).
	Strict bool
}

// DefaultConfig is the configuration of Analyzer. Test files are not
// checked: a test's connection churn costs nothing, and an undrained body,
// unlike an unclosed one, never hangs httptest.Server.Close.
var DefaultConfig = Config{Tests: false}

// Analyzer reports bodies closed before they are read to EOF. It shares
// httpfacts.Analyzer with the other package-level checkers.
var Analyzer = NewWithFacts(DefaultConfig, httpfacts.Analyzer)

// New returns a drainbody analyzer with its own configuration and its own
// facts analyzer. Run it alone: a driver accepts one facts analyzer (see
// package suite for several checkers).
func New(cfg Config) *analysis.Analyzer {
	return NewWithFacts(cfg, httpfacts.New(&httpfacts.Config{}))
}

// NewWithFacts returns a drainbody analyzer that uses the given facts
// analyzer, so that several checkers can share one.
func NewWithFacts(cfg Config, facts *analysis.Analyzer) *analysis.Analyzer {
	c := &checker{cfg: cfg, facts: facts}
	a := &analysis.Analyzer{
		Name:     "drainbody",
		Doc:      analysisutil.MustExtractDoc(doc, "drainbody"),
		URL:      "https://github.com/bodyclose/bodyclose/blob/main/docs/drainbody.md",
		Run:      c.run,
		Requires: []*analysis.Analyzer{facts},
	}
	a.Flags.BoolVar(&c.cfg.Always, "always", cfg.Always, "report files built for go1.27 and later too (their transport drains bodies up to 256 KiB itself)")
	a.Flags.BoolVar(&c.cfg.Tests, "tests", cfg.Tests, "check _test.go files")
	a.Flags.BoolVar(&c.cfg.Debug, "debug", cfg.Debug, "report where the analysis gave up at its budget (leaks there go unreported)")
	a.Flags.BoolVar(&c.cfg.Strict, "strict", cfg.Strict, "also report bodies partly read by a helper or never looked at, 202 answers, and per-call transports")
	a.Flags.BoolVar(&c.cfg.Alone, "alone", cfg.Alone, "also report responses that bodyclose reports on another path (set by the drivers when bodyclose is off)")
	return a
}

type checker struct {
	cfg   Config
	facts *analysis.Analyzer
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	var fb *fixes.Builder
	return httpfacts.Check(pass, c.facts, httpfacts.Files{Tests: c.cfg.Tests, Debug: c.cfg.Debug}, func(facts *httpfacts.Result, idx *syntax.Index, f *ast.File, fn *ssa.Function) []analysis.Diagnostic {
		if !c.cfg.Always && analysisutil.DrainsOnClose(analysisutil.FileGoVersion(pass, f)) {
			return nil
		}
		if fb == nil {
			fb = fixes.NewBuilder(pass, idx, facts)
		}
		return c.checkFunc(facts, idx, fb, fn)
	})
}

// checkFunc returns the diagnostics for the responses acquired in fn.
func (c *checker) checkFunc(facts *httpfacts.Result, idx *syntax.Index, fb *fixes.Builder, fn *ssa.Function) (diags []analysis.Diagnostic) {
	var pools []httpfacts.PoolSource
	if !c.cfg.Strict {
		pools = facts.PoolSources(fn)
	}
	for _, src := range facts.Sources(fn) {
		if !needsDrain(src, pools, c.cfg.Strict) {
			continue
		}
		rs := src.Resource(fn)
		rs.NoBody = func(code int64) bool {
			// 202 Accepted is usually empty: only strict mode drains it.
			return knowledge.Bodiless(code) || (!c.cfg.Strict && code == 202)
		}
		// An unclosed body is bodyclose's finding: never two reports
		// for one response while bodyclose runs. When it does not
		// (Alone), the drain spec, which follows only the paths that
		// close the body, reports on its own.
		if !c.cfg.Alone {
			if bc := facts.Analyze(src.Resource(fn), facts.Spec()); bc.Incomplete || len(bc.Leaks) > 0 {
				continue
			}
		}
		res := facts.Analyze(rs, facts.DrainSpec())
		if res.Incomplete {
			continue
		}
		if !c.cfg.Strict && !res.Reads && !res.Drained && !lookedAt(facts, src.Resp) {
			// Never looked at, however the close is written (a
			// closure, a method value, an interface, a helper): a
			// write whose answer carries nothing. Strict only.
			continue
		}
		proof := *res // every exit: the fix must drain them all
		res.Leaks = relevant(res.Leaks, res.Tracked, c.cfg.Strict)
		if len(res.Leaks) == 0 {
			continue
		}
		if d, ok := report(idx, fb, fn, src, res, &proof); ok {
			diags = append(diags, d)
		}
	}
	return diags
}

// report describes an undrained close; the fix comes from internal/fixes,
// built from the drain analysis (all its exits, not only the one named).
func report(idx *syntax.Index, fb *fixes.Builder, fn *ssa.Function, src httpfacts.Source, res, proof *lifetime.Result) (analysis.Diagnostic, bool) {
	call := idx.CallAt(src.Call.Pos())
	if call == nil {
		return analysis.Diagnostic{}, false
	}
	name := idx.RespName(call)
	subject := "response body of " + name
	if name == "" {
		subject = "response body from " + types.ExprString(call.Fun)
	}
	exit := pickExit(res.Leaks)
	const harm = "the connection cannot be reused (drain it with io.Copy(io.Discard, body) before closing)"
	unread := "without being read" // nothing read on the path: certain harm
	before := "before anything is read from it"
	if exit.Read {
		unread, before = "without being read to EOF", "before it is read to EOF"
	}
	var msg string
	var related []analysis.RelatedInformation
	switch {
	case exit.Kind == lifetime.ExitEarlyRelease:
		msg = fmt.Sprintf("%s is closed %s: %s", subject, before, harm)
		related = append(related, analysis.RelatedInformation{Pos: exit.Instr.Pos(), Message: "closed here before the body is drained"})
	case exit.BadStatus:
		msg = fmt.Sprintf("%s is closed %s when the function returns early on a bad status: %s", subject, unread, harm)
	default:
		msg = fmt.Sprintf("%s is closed %s on some path: %s", subject, unread, harm)
	}
	if exit.Kind == lifetime.ExitReturn {
		if p := syntax.ExitPos(exit.Instr.Pos(), fn); p.IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: p, Message: "this return skips the drain"})
		}
		if exit.Deferred != nil {
			related = append(related, analysis.RelatedInformation{Pos: exit.Deferred.Pos(), Message: "the deferred Close runs without a drain"})
		}
	}
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg, Related: related}
	if fix, ok := fb.Drain(fixes.Site{Fn: fn, Source: src, Expr: call, Result: proof}); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	return d, true
}

// relevant keeps the exits worth a report: a close before the drain; a
// return after a check of the response (a bad status, an unexpected
// header); a return that may succeed. A return of an error that has
// nothing to do with the response (os.Create failed) is an exceptional
// path: draining there buys little, and reporting it would bury the
// common case.
func relevant(leaks []lifetime.Exit, tracked map[ssa.Value]bool, strict bool) []lifetime.Exit {
	var out []lifetime.Exit
	for _, e := range leaks {
		ret, isRet := e.Instr.(*ssa.Return)
		if e.Kind == lifetime.ExitReturn && isRet && !e.BadStatus && returnsError(ret) && (!e.ResourceCond || operationError(ret, tracked)) {
			continue
		}
		if e.WholeRead && !strict {
			continue // a decoding helper read its whole document
		}
		if e.Read && e.Validated && !strict {
			// Read after the status (or a status-check helper) said
			// the answer is good: decoding that document reads it
			// whole in practice.
			continue
		}

		out = append(out, e)
	}
	return out
}

// returnsError reports whether ret surely returns a non-nil error: one
// made by errors.New or fmt.Errorf, a package-level error variable, or a
// value the path checked with `if v != nil`.
func returnsError(ret *ssa.Return) bool {
	n := len(ret.Results)
	if n == 0 || !knowledge.IsError(ret.Results[n-1].Type()) {
		return false
	}
	return lifetime.ReturnsNonNil(ret, n-1, httpfacts.NonNilError)
}

// operationError reports whether ret returns, as its error, the failure
// of an operation on something else than the response (os.Create's error,
// or that error wrapped by fmt.Errorf): after the response passed its
// checks, such a return is an exceptional path, unlike an error about the
// response itself (errors.New("not json") after a header check, or the
// error of a status check given the response).
func operationError(ret *ssa.Return, tracked map[ssa.Value]bool) bool {
	n := len(ret.Results)
	return isOperationError(lifetime.ReturnedValue(ret, n-1), tracked, 0)
}

func isOperationError(v ssa.Value, tracked map[ssa.Value]bool, depth int) bool {
	if depth > 3 {
		return false
	}
	var call *ssa.Call
	switch v := v.(type) {
	case *ssa.Extract:
		call, _ = v.Tuple.(*ssa.Call)
	case *ssa.MakeInterface:
		return isOperationError(v.X, tracked, depth+1)
	case *ssa.Call:
		call = v
	}
	if call == nil {
		return false
	}
	for _, a := range call.Call.Args {
		if tracked[a] {
			return false // a check of the response
		}
	}
	if call.Call.IsInvoke() && tracked[call.Call.Value] {
		return false
	}
	obj := calleeOf(call)
	if !knowledge.AlwaysError(obj) {
		return true
	}
	// fmt.Errorf("create: %w", err): wraps an operation's error.
	for _, a := range call.Call.Args {
		sl, ok := a.(*ssa.Slice)
		if !ok {
			continue
		}
		al, ok := sl.X.(*ssa.Alloc)
		if !ok || al.Referrers() == nil {
			continue
		}
		for _, r := range *al.Referrers() {
			ia, ok := r.(*ssa.IndexAddr)
			if !ok || ia.Referrers() == nil {
				continue
			}
			for _, r2 := range *ia.Referrers() {
				st, ok := r2.(*ssa.Store)
				if !ok {
					continue
				}
				val := st.Val
				if ci, ok := val.(*ssa.ChangeInterface); ok {
					val = ci.X // error → any
				}
				if knowledge.IsError(val.Type()) && isOperationError(val, tracked, depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// pickExit prefers a bad-status return, then an early close, then the first.
func pickExit(leaks []lifetime.Exit) lifetime.Exit {
	for _, e := range leaks {
		if e.BadStatus && e.Kind == lifetime.ExitReturn {
			return e
		}
	}
	for _, e := range leaks {
		if e.Kind == lifetime.ExitEarlyRelease {
			return e
		}
	}
	return leaks[0]
}

// NeedsDrain reports whether drainbody's rules, other than the Go version
// rule, ask that the response of src be read to EOF before it is closed:
// not for a HEAD request, a response read with http.ReadResponse (the
// caller owns the connection), and, unless strict, not for a request sent
// through a transport built for the call (no connection to keep) nor a
// response the code never looks at (its answer carries nothing). The
// fixes of bodyclose drain exactly where this holds.
func NeedsDrain(facts *httpfacts.Result, fn *ssa.Function, src httpfacts.Source, strict bool) bool {
	var pools []httpfacts.PoolSource
	if !strict {
		pools = facts.PoolSources(fn)
	}
	return needsDrain(src, pools, strict)
}

// needsDrain is NeedsDrain with the function's pool sources.
func needsDrain(src httpfacts.Source, pools []httpfacts.PoolSource, strict bool) bool {
	if src.Resp == nil || src.Call == nil || isHead(src.Call) || knowledge.OwnsConnection(src.Callee) {
		return false
	}
	// No connection to keep; or the code never looks at the response (a
	// write whose answer, typically 204, it ignores): no body is expected.
	return strict || (!perCallTransport(src.Call, pools) && examined(src.Resp, 0))
}

// isHead reports whether call sends a HEAD request: http.Head,
// Client.Head, Do/RoundTrip of a request made with method "HEAD", or a
// wrapper of the package given the method "HEAD".
func isHead(call *ssa.Call) bool {
	common := call.Common()
	var obj *types.Func
	if common.IsInvoke() {
		obj = common.Method
	} else if callee := common.StaticCallee(); callee != nil {
		obj, _ = callee.Object().(*types.Func)
	}
	return knowledge.IsHeadSource(obj) || requestMethodIs(call, "HEAD")
}

// requestMethodIs reports whether call sends a request with the given
// method: a request argument made with it (http.NewRequest, a literal),
// or, for a wrapper, a constant argument naming it
// (c.do(ctx, http.MethodHead, url)).
func requestMethodIs(call *ssa.Call, method string) bool {
	for _, arg := range call.Common().Args {
		if knowledge.IsRequestPtr(arg.Type()) {
			if m, ok := httpfacts.RequestMethod(arg); ok && m == method {
				return true
			}
			continue
		}
		if c, ok := arg.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.String && constant.StringVal(c.Value) == method {
			return !knowledge.IsSource(calleeOf(call)) // a wrapper's method argument
		}
	}
	return false
}

func calleeOf(call *ssa.Call) *types.Func {
	if callee := call.Common().StaticCallee(); callee != nil {
		obj, _ := callee.Object().(*types.Func)
		return obj
	}
	return nil
}

// examined reports whether the code looks at the response v at all: a
// field other than its body (the status, a header), a method, a helper it
// is given, or its body used otherwise than by a direct Close. A response
// only ever closed (resp.Body.Close()) is one whose answer the code does
// not expect to carry anything. It is the cheap first test: false means
// never looked at; true may still be a body only ever closed by other
// means (a closure, a helper, a method value), which lookedAt and the
// drain analysis's Reads settle.
func examined(v ssa.Value, depth int) bool {
	return looker{body: true, seen: map[ssa.Value]bool{}}.looks(v, depth)
}

// lookedAt reports whether the code looks at the response v itself: a
// field other than its body, a method, a helper it is given, also inside
// the closures it is captured by. What is done with the body is left to
// the drain analysis (Result.Reads, Result.Drained), which follows it
// through aliases, closures, interfaces, structs and helpers' summaries:
// whatever the shape of the close, a body never read is never looked at.
//
// A holder of the response (a struct built in the function or returned by
// a helper, d := &doc{resp: r}) is followed too: its other fields are not
// the response's, and a method or function it is given looks only if its
// code does (same program) or, without code, unless its summary says it
// closes what the holder holds (d.Close(), another package's d.Content()).
func lookedAt(facts *httpfacts.Result, v ssa.Value) bool {
	return looker{facts: facts, seen: map[ssa.Value]bool{}}.looks(v, 0)
}

// looker is examined (body set: any use of the body but a direct Close is
// a look) and lookedAt (body clear: uses of the body do not count; facts
// answer calls to code out of sight).
type looker struct {
	facts *httpfacts.Result
	body  bool
	// seen are the values whose uses are being followed: a value met
	// again (a method that hands the holder back to itself) adds nothing.
	seen map[ssa.Value]bool
}

// isHolder reports whether v holds the response rather than being it (or
// a cell of it).
func isHolder(v ssa.Value) bool {
	t := v.Type()
	for range 2 {
		if knowledge.IsResponsePtr(t) || knowledge.IsResponse(t) {
			return false
		}
		p, ok := types.Unalias(t).Underlying().(*types.Pointer)
		if !ok {
			break
		}
		t = p.Elem()
	}
	return knowledge.HoldsResponse(v.Type()) || knowledge.MayHoldBody(v.Type())
}

// looksInCall reports whether call, given the holder v as its argument
// k, looks at the response: what its code does with the parameter, else
// whether its summary says it closes it (a close is no look).
func (l looker) looksInCall(call ssa.CallInstruction, k int, depth int) bool {
	callee := call.Common().StaticCallee()
	if callee == nil {
		return true
	}
	if len(callee.Blocks) == 0 && callee.Origin() != nil {
		callee = callee.Origin() // a method of a generic holder's instance
	}
	if len(callee.Blocks) > 0 && k < len(callee.Params) {
		return l.looks(callee.Params[k], depth+1)
	}
	fn, _ := callee.Object().(*types.Func)
	return l.facts == nil || !l.facts.ClosesArg(fn, k)
}

// maxLook bounds how far looks follows a response through holders,
// methods and helpers; past it the response counts as looked at. Each
// holder level costs about three steps (the store into it, its method's
// parameter, the load of its field): 24 admits holders nested seven deep.
const maxLook = 24

func (l looker) looks(v ssa.Value, depth int) bool {
	body := l.body
	refs := v.Referrers()
	if refs == nil || depth > maxLook {
		return true
	}
	if l.seen[v] {
		return false
	}
	l.seen[v] = true
	holder := isHolder(v)
	for _, r := range *refs {
		var f *types.Var
		var loads []ssa.Value // the values the field yields
		switch r := r.(type) {
		case *ssa.DebugRef:
			continue
		case *ssa.Store:
			if r.Addr == v {
				continue // a write into the cell v: not a look
			}
			if fa, ok := r.Addr.(*ssa.FieldAddr); ok && r.Val == v {
				// Put in a holder built here (d := &doc{resp: r}): what
				// is done with the holder.
				if _, local := fa.X.(*ssa.Alloc); local && knowledge.IsHolderField(knowledge.FieldOf(fa)) {
					if l.looks(fa.X, depth+1) {
						return true
					}
					continue
				}
				return true
			}
			if cell, ok := r.Addr.(*ssa.Alloc); ok && r.Val == v && l.looks(cell, depth+1) {
				return true // the response lives in a captured variable's cell
			} else if !ok {
				return true // stored elsewhere: handed on
			}
			continue
		case ssa.CallInstruction:
			// A function given the response or its holder (a helper, a
			// closure called with it): what its code does with it.
			c := r.Common()
			if c.IsInvoke() {
				return true
			}
			for k, a := range c.Args {
				if a == v && l.looksInCall(r, k, depth) {
					return true
				}
			}
			if c.Value == v {
				return true
			}
			continue
		case *ssa.MakeClosure:
			// Captured by a closure: what the closure does with it.
			fn, ok := r.Fn.(*ssa.Function)
			if !ok {
				return true
			}
			for k, b := range r.Bindings {
				if b == v && (k >= len(fn.FreeVars) || l.looks(fn.FreeVars[k], depth+1)) {
					return true
				}
			}
			continue
		case *ssa.FieldAddr:
			f = knowledge.FieldOf(r)
			if r.Referrers() != nil {
				for _, l := range *r.Referrers() {
					if l, ok := l.(*ssa.UnOp); ok && l.Op == token.MUL {
						loads = append(loads, l)
					}
				}
			}
		case *ssa.Field:
			st, ok := r.X.Type().Underlying().(*types.Struct)
			if !ok || r.Field >= st.NumFields() {
				return true
			}
			f, loads = st.Field(r.Field), []ssa.Value{r}
		case *ssa.UnOp:
			if r.Op == token.MUL && l.looks(r, depth+1) { // *p of a holder
				return true
			}
			continue
		case *ssa.BinOp:
			if isNilCompare(r) {
				continue // if resp != nil: not a look at the answer
			}
			return true
		default:
			return true
		}
		switch {
		case knowledge.IsBodyField(f):
			for _, l := range loads {
				if body && !onlyClosed(l) {
					return true // the body is read or handed to someone
				}
			}
		case knowledge.IsHolderField(f) && (f.Embedded() || holder):
			// The *http.Response a wrapper type embeds, or the field
			// of a holder that keeps it: look at what is done with it.
			for _, ld := range loads {
				if l.looks(ld, depth+1) {
					return true
				}
			}
		case holder:
			// Another field of a holder: not the response.
		default:
			return true
		}
	}
	return false
}

// isNilCompare reports whether b compares a value with nil.
func isNilCompare(b *ssa.BinOp) bool {
	return (b.Op == token.EQL || b.Op == token.NEQ) && (lifetime.IsNil(b.X) || lifetime.IsNil(b.Y))
}

// onlyClosed reports whether the body b is only ever closed (or compared
// with nil).
func onlyClosed(b ssa.Value) bool {
	refs := b.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.BinOp:
			if !isNilCompare(r) {
				return false
			}
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			c := r.Common()
			if !c.IsInvoke() || c.Value != b || !knowledge.IsCloseMethod(c.Method) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// perCallTransport reports whether call sends its request through a
// client or transport created in the function (one of pools): its
// connection dies with the call, so draining buys nothing
// (clientpertransport reports the transport itself).
func perCallTransport(call *ssa.Call, pools []httpfacts.PoolSource) bool {
	args := call.Common().Args
	if call.Common().IsInvoke() || len(args) == 0 {
		return false
	}
	recv := args[0]
	for _, p := range pools {
		if p.Value == recv {
			return true // t.RoundTrip(req) on a new transport
		}
	}
	alloc, ok := recv.(*ssa.Alloc)
	if !ok || alloc.Referrers() == nil {
		return false
	}
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.Referrers() == nil || !knowledge.IsClientTransportField(knowledge.FieldOf(fa)) {
			continue
		}
		for _, ref2 := range *fa.Referrers() {
			st, ok := ref2.(*ssa.Store)
			if !ok {
				continue
			}
			v := st.Val
			if mi, ok := v.(*ssa.MakeInterface); ok {
				v = mi.X
			}
			for _, p := range pools {
				if p.Value == v {
					return true
				}
			}
		}
	}
	return false
}
