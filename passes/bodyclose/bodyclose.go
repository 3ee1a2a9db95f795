package bodyclose

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
	"github.com/bodyclose/bodyclose/internal/fixes"
	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
	"github.com/bodyclose/bodyclose/internal/syntax"
	"github.com/bodyclose/bodyclose/passes/drainbody"
)

//go:embed doc.go
var doc string

// Config holds the analyzer's settings.
type Config struct {
	// Budget, when positive, overrides lifetime.Budget (tests).
	Budget int
	// Debug reports where the analysis gave up at its budget
	// (lifetime.Budget path states): leaks there go unreported.
	Debug bool
	// Tests checks _test.go files.
	Tests bool
	// Generated checks files marked "Code generated ... DO NOT EDIT.".
	Generated bool
	// Sources and Closers name third-party functions by full name (see
	// httpfacts.Config).
	Sources, Closers []string
	// DrainFix makes the suggested close drain the body first where
	// drainbody's rule applies: files built for Go below 1.27, other than
	// tests.
	DrainFix bool
}

// DefaultConfig is the configuration of Analyzer.
var DefaultConfig = Config{Tests: true, Generated: false, DrainFix: true}

// Analyzer reports response bodies that are not closed on every path. It
// shares httpfacts.Analyzer with the other package-level checkers.
var Analyzer = NewWithFacts(DefaultConfig, httpfacts.Analyzer, httpfacts.DefaultConfig)

// New returns a bodyclose analyzer with its own configuration and its own
// facts analyzer; its flags change only that configuration. Run it alone:
// a driver accepts one facts analyzer (see package suite for several
// checkers).
func New(cfg Config) *analysis.Analyzer {
	kc := &httpfacts.Config{Sources: cfg.Sources, Closers: cfg.Closers, Budget: cfg.Budget}
	return NewWithFacts(cfg, httpfacts.New(kc), kc)
}

// NewWithFacts returns a bodyclose analyzer that uses the given facts
// analyzer, so that several checkers can share one; its -sources and
// -closers flags write to kc, the facts analyzer's configuration.
func NewWithFacts(cfg Config, facts *analysis.Analyzer, kc *httpfacts.Config) *analysis.Analyzer {
	c := &checker{cfg: cfg, facts: facts}
	a := &analysis.Analyzer{
		Name:     "bodyclose",
		Doc:      analysisutil.MustExtractDoc(doc, "bodyclose"),
		URL:      "https://github.com/bodyclose/bodyclose/blob/main/docs/bodyclose.md",
		Run:      c.run,
		Requires: []*analysis.Analyzer{facts},
	}
	a.Flags.BoolVar(&c.cfg.Tests, "tests", cfg.Tests, "check _test.go files")
	a.Flags.BoolVar(&c.cfg.Debug, "debug", cfg.Debug, "report where the analysis gave up at its budget (leaks there go unreported)")
	a.Flags.BoolVar(&c.cfg.Generated, "generated", cfg.Generated, "check generated files")
	a.Flags.Var((*analysisutil.FuncNames)(&kc.Sources), "sources", "comma-separated full names of third-party functions that return a live response, e.g. (*example.com/sdk.Client).Fetch")
	a.Flags.Var((*analysisutil.FuncNames)(&kc.Closers), "closers", "comma-separated full names of third-party functions that close the response or body they are given, e.g. example.com/httputil.DrainClose")
	return a
}

type checker struct {
	cfg   Config
	facts *analysis.Analyzer
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	files := httpfacts.Files{Tests: c.cfg.Tests, Generated: c.cfg.Generated, Debug: c.cfg.Debug}
	var fb *fixes.Builder
	return httpfacts.Check(pass, c.facts, files, func(facts *httpfacts.Result, idx *syntax.Index, f *ast.File, fn *ssa.Function) []analysis.Diagnostic {
		if fb == nil {
			fb = fixes.NewBuilder(pass, idx, facts)
		}
		// drainbody's rule for the file: built for Go below 1.27, not a
		// test (a test's connection churn costs nothing); per response,
		// drainbody.NeedsDrain.
		drainRule := c.cfg.DrainFix && !analysisutil.DrainsOnClose(analysisutil.FileGoVersion(pass, f)) &&
			!strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go")
		return c.checkFunc(facts, idx, fb, drainRule, fn)
	})
}

// checkFunc returns the diagnostics for the responses acquired in fn.
// drainRule says whether drainbody's rule applies to fn's file (the fix
// then drains before it closes).
func (c *checker) checkFunc(facts *httpfacts.Result, idx *syntax.Index, fb *fixes.Builder, drainRule bool, fn *ssa.Function) (diags []analysis.Diagnostic) {
	for _, src := range facts.Sources(fn) {
		if d, ok := c.checkSource(facts, idx, fb, drainRule, fn, src); ok {
			diags = append(diags, d)
		}
	}
	sort.Slice(diags, func(i, j int) bool { return diags[i].Pos < diags[j].Pos })
	return diags
}

// checkSource follows one response and describes its leak, if any; the
// fix comes from internal/fixes, built from the same proof.
func (c *checker) checkSource(facts *httpfacts.Result, idx *syntax.Index, fb *fixes.Builder, drainRule bool, fn *ssa.Function, src httpfacts.Source) (analysis.Diagnostic, bool) {
	// The syntax of the source: a call, or a channel receive.
	var expr ast.Expr
	var what string // "from http.Get", "received from ch"
	if src.Call != nil {
		call := idx.CallAt(src.Call.Pos())
		if call == nil {
			return analysis.Diagnostic{}, false // no syntax: nothing to point at
		}
		expr, what = call, "from "+types.ExprString(call.Fun)
	} else {
		expr = idx.RecvAt(src.Instr.Pos())
		if expr == nil {
			return analysis.Diagnostic{}, false
		}
		ch := expr
		if u, ok := expr.(*ast.UnaryExpr); ok {
			ch = u.X
		}
		what = "received from " + types.ExprString(ch)
	}
	name := idx.RespName(expr)
	res := facts.Analyze(src.Resource(fn), facts.Spec())
	if res.Incomplete {
		return analysis.Diagnostic{}, false
	}
	if len(res.Leaks) == 0 {
		if len(res.ErrReturns) > 0 && !callersCloseOnError(facts, fn) {
			return errReturnDiagnostic(expr, name, what, res.ErrReturns[0]), true
		}
		return analysis.Diagnostic{}, false
	}
	site := fixes.Site{Fn: fn, Source: src, Expr: expr, Result: res}
	drain := fixes.Drain{File: drainRule, Needed: drainRule && drainbody.NeedsDrain(facts, fn, src, false)}
	if src.Resp == nil || !used(src.Resp) {
		// Every path that goes on with a nil error leaks it.
		msg := fmt.Sprintf("response body %s is never closed: the response is discarded (possible connection leak)", what)
		if src.Resp != nil && !knowledge.IsResponsePtr(src.Resp.Type()) {
			msg = fmt.Sprintf("response held by the result %s is never closed: the result is discarded (possible connection leak)", what)
		}
		d := analysis.Diagnostic{Pos: expr.Pos(), End: expr.End(), Message: msg}
		if fix, ok := fb.Close(site, drain); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		return d, true
	}
	subject := "response body of " + name
	if name == "" {
		subject = "response body " + what
	}
	if src.Resp != nil && !knowledge.IsResponsePtr(src.Resp.Type()) {
		// A struct that holds the response (a stream closed by its Close).
		subject = "response held by " + name
		if name == "" {
			subject = "response held by the result " + what
		}
	}
	exit := pickExit(res.Leaks, fn)
	never := !res.HasRelease && !res.Escaped && len(res.Returned) == 0
	if never && exit.Kind != lifetime.ExitLoop {
		// Never closed: no path is special, and a note about a bad
		// status would contradict the headline. Name a return that
		// does not follow a bad status if there is one, neutrally.
		for _, e := range res.Leaks {
			if e.Kind == lifetime.ExitReturn && !e.BadStatus {
				exit = e
			}
		}
		exit.BadStatus = false
	}
	inBad := exit.BadStatus && exit.BadSucc != nil && exit.Instr.Block() != nil && exit.BadSucc.Dominates(exit.Instr.Block())
	way := exitWay(exit, fn, idx, expr)
	var msg string
	switch {
	case never:
		msg = subject + " is never closed (possible connection leak)"
	case way.leave.IsValid() && exit.BadStatus:
		msg = subject + " is not closed when the function leaves the loop on a bad status (possible connection leak)"
	case way.leave.IsValid():
		msg = subject + " is not closed when the function leaves the loop (possible connection leak)"
	case (exit.Kind == lifetime.ExitLoop || way.next) && exit.BadStatus:
		msg = subject + " is not closed before the next loop iteration replaces it, after a bad status (possible connection leak)"
	case exit.Kind == lifetime.ExitLoop || way.next:
		msg = subject + " is not closed before the next loop iteration replaces it (possible connection leak)"
	case exit.BadStatus && inBad:
		msg = subject + " is not closed when the function returns early on a bad status (possible connection leak)"
	case exit.BadStatus:
		msg = subject + " is not closed on the path where the status is bad (possible connection leak)"
	case isEarlyReturn(exit, fn):
		msg = subject + " is not closed when the function returns early (possible connection leak)"
	default:
		msg = subject + " is not closed on every path (possible connection leak)"
	}
	d := analysis.Diagnostic{Pos: expr.Pos(), End: expr.End(), Message: msg, Related: related(exit, way, inBad, fn)}
	if fix, ok := fb.Close(site, drain); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	return d, true
}

// pickExit chooses the exit that best explains the leak: a loop that
// replaces the response (often after a bad status: a retry), then a return
// on a bad status, then an early return, then the first found.
func pickExit(leaks []lifetime.Exit, fn *ssa.Function) lifetime.Exit {
	best, score := leaks[0], -1
	for _, e := range leaks {
		s := 0
		switch {
		case e.Kind == lifetime.ExitLoop:
			s = 3
		case e.BadStatus:
			s = 2
		case isEarlyReturn(e, fn):
			s = 1
		}
		if s > score || (s == score && e.Instr.Pos() < best.Instr.Pos() && e.Instr.Pos().IsValid()) {
			best, score = e, s
		}
	}
	return best
}

// isEarlyReturn reports whether exit is an explicit return before the last
// return of the function.
func isEarlyReturn(exit lifetime.Exit, fn *ssa.Function) bool {
	ret, ok := exit.Instr.(*ssa.Return)
	if !ok || !ret.Pos().IsValid() {
		return false
	}
	var last token.Pos
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if r, ok := instr.(*ssa.Return); ok && r.Pos() > last {
				last = r.Pos()
			}
		}
	}
	end := token.NoPos
	if syn := fn.Syntax(); syn != nil {
		end = syn.End()
	}
	return ret.Pos() < last || (end.IsValid() && hasImplicitReturn(fn))
}

// hasImplicitReturn reports whether fn falls off its end somewhere.
func hasImplicitReturn(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if r, ok := instr.(*ssa.Return); ok && !r.Pos().IsValid() {
				return true
			}
		}
	}
	return false
}

// way says how a path leaves through an exit, as the syntax shows it:
// by a break out of the loop around the acquisition (leave), or, in the
// yield function of a range-over-func loop, on to the next iteration
// (next, at pos: a continue or the end of the loop body).
type way struct {
	leave, pos token.Pos
	next       bool
	branch     token.Token // at pos: CONTINUE, GOTO, or ILLEGAL (the loop body's end)
}

// exitWay finds the branch statement exit leaves by. A loop exit goes
// back by a continue (labeled ones to outer loops too), a goto, or the
// end of the loop body. A return outside the loop around the acquisition
// (or, in a range-over-func body, the return a break becomes) left the
// loop by a break: that break is the exit that leaks, not the function's
// final return.
func exitWay(exit lifetime.Exit, fn *ssa.Function, idx *syntax.Index, expr ast.Expr) way {
	turns := make([]syntax.Turn, len(exit.Turns))
	for i, t := range exit.Turns {
		turns[i] = syntax.Turn(t)
	}
	if exit.Kind == lifetime.ExitLoop {
		pos, branch := idx.LoopBack(expr, exit.Recent[:], turns, fn)
		return way{pos: pos, branch: branch}
	}
	if _, ok := exit.Instr.(*ssa.Return); !ok {
		return way{}
	}
	at := exit.Instr.Pos()
	recent := exit.Recent[:]
	if at.IsValid() {
		recent = append(slices.Clone(recent), at) // a break's own return
	}
	_, yield := fn.Syntax().(*ast.RangeStmt)
	if yield && idx.BranchAt(at) == token.BREAK {
		return way{leave: at} // the return a range-over-func break becomes
	}
	if !at.IsValid() || !idx.InLoopBody(expr, at) || yield {
		if p := idx.LoopLeave(expr, recent, turns); p.IsValid() {
			return way{leave: p}
		}
	}
	if yield && (!at.IsValid() || idx.BranchAt(at) == token.CONTINUE) {
		// The body of a range-over-func loop returns to the iterator:
		// the next iteration.
		pos, branch := idx.LoopBack(expr, recent, turns, fn)
		return way{next: true, pos: pos, branch: branch}
	}
	return way{}
}

// related explains exit: where the path goes back to the next iteration
// of the loop or leaves it, or where it returns, and where it took the bad
// side of a status check when the return stands outside that branch.
func related(exit lifetime.Exit, w way, inBad bool, fn *ssa.Function) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	add := func(pos token.Pos, msg string) {
		if pos.IsValid() {
			out = append(out, analysis.RelatedInformation{Pos: pos, Message: msg})
		}
	}
	switch {
	case w.leave.IsValid() && exit.BadStatus:
		add(w.leave, "leaves the loop here on a bad status without closing the body")
		return out
	case w.leave.IsValid():
		add(w.leave, "leaves the loop here without closing the body")
		return out
	case exit.Kind == lifetime.ExitLoop || w.next:
		switch w.branch {
		case token.CONTINUE:
			add(w.pos, "continues to the next iteration here without closing the body")
		case token.GOTO:
			add(w.pos, "goes back here to acquire it again without closing the body")
		default:
			add(w.pos, "the next iteration starts here without closing the body")
		}
		return out
	}
	pos := syntax.ExitPos(exit.Instr.Pos(), fn)
	switch {
	case exit.BadStatus && inBad:
		add(pos, "returns here on a bad status without closing the body")
	case exit.BadStatus:
		if exit.BadIf != nil {
			add(badCheckPos(exit.BadIf), "the status check fails here")
		}
		add(pos, "then the function returns here without closing the body")
	case isEarlyReturn(exit, fn):
		add(pos, "returns here without closing the body")
	case exit.Instr.Pos().IsValid():
		add(pos, "the function returns here without closing the body")
	default:
		add(pos, "the function ends here without closing the body")
	}
	return out
}

// badCheckPos returns the position of the condition of a status check.
func badCheckPos(iff *ssa.If) token.Pos {
	if p := iff.Cond.Pos(); p.IsValid() {
		return p
	}
	return iff.Pos()
}

// used reports whether v has a use other than a debug reference.
func used(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
}

// errReturnDiagnostic reports a response handed out together with a
// non-nil error at exit: the net/http convention says that a non-nil
// error leaves nothing to close, so callers that follow it leak the body.
func errReturnDiagnostic(expr ast.Expr, name, what string, exit lifetime.Exit) analysis.Diagnostic {
	subject := "response body of " + name
	if name == "" {
		subject = "response body " + what
	}
	d := analysis.Diagnostic{
		Pos: expr.Pos(), End: expr.End(), Category: "error-return",
		Message: subject + " is returned together with a non-nil error: callers that skip the body when err != nil leak it (close it before returning the error, or return a nil response)",
	}
	if pos := exit.Instr.Pos(); pos.IsValid() {
		d.Related = []analysis.RelatedInformation{{Pos: pos, Message: "returns the live response with an error here"}}
	}
	return d
}

// callersCloseOnError reports whether fn, which returns a live response
// together with an error, has callers in this package and every one of
// them closes the body on its error paths too.
func callersCloseOnError(facts *httpfacts.Result, fn *ssa.Function) bool {
	callers := 0
	for _, caller := range facts.SrcFuncs {
		for _, b := range caller.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				callee := call.Call.StaticCallee()
				if callee == nil || (callee != fn && callee.Origin() != fn) {
					continue
				}
				src, ok := facts.SourceOf(call)
				if !ok {
					continue
				}
				callers++
				rs := src.Resource(caller)
				rs.Err = nil // follow the error paths too
				if res := facts.Analyze(rs, facts.Spec()); res.Incomplete || len(res.Leaks) > 0 {
					return false
				}
			}
		}
	}
	return callers > 0
}
