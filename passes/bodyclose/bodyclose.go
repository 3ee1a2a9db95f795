package bodyclose

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
	"github.com/bodyclose/bodyclose/internal/exits"
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
	a.Flags.Var(&analysisutil.ListFlag{Dst: &kc.Sources, Parse: analysisutil.ParseFuncNames}, "sources", "comma-separated full names of third-party functions that return a live response, e.g. (*example.com/sdk.Client).Fetch; repeat the flag to add more")
	a.Flags.Var(&analysisutil.ListFlag{Dst: &kc.Closers, Parse: analysisutil.ParseFuncNames}, "closers", "comma-separated full names of third-party functions that close the response or body they are given, e.g. example.com/httputil.DrainClose; repeat the flag to add more")
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
		holder := src.Resp != nil && !knowledge.IsResponsePtr(src.Resp.Type())
		switch {
		case name != "" && holder:
			// o, err := wrapper(); `_ = o`: bound, never used.
			msg = fmt.Sprintf("response held by %s is never closed: %s is never used (possible connection leak)", name, name)
		case name != "":
			msg = fmt.Sprintf("response body of %s is never closed: %s is never used (possible connection leak)", name, name)
		case holder:
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
	exit := exits.Pick(res.Leaks, fn)
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
	way := exits.ExitWay(exit, fn, idx, expr)
	var msg string
	switch {
	case never:
		msg = subject + " is never closed (possible connection leak)"
	case way.Leave.IsValid() && exit.BadStatus:
		msg = subject + " is not closed when the function leaves the loop on a bad status (possible connection leak)"
	case way.Leave.IsValid():
		msg = subject + " is not closed when the function leaves the loop (possible connection leak)"
	case (exit.Kind == lifetime.ExitLoop || way.Next) && exit.BadStatus:
		msg = subject + " is not closed before the next loop iteration replaces it, after a bad status (possible connection leak)"
	case exit.Kind == lifetime.ExitLoop || way.Next:
		msg = subject + " is not closed before the next loop iteration replaces it (possible connection leak)"
	case exit.BadStatus && inBad:
		msg = subject + " is not closed when the function returns early on a bad status (possible connection leak)"
	case exit.BadStatus:
		msg = subject + " is not closed on the path where the status is bad (possible connection leak)"
	case exits.IsEarlyReturn(exit, fn):
		msg = subject + " is not closed when the function returns early (possible connection leak)"
	default:
		msg = subject + " is not closed on every path (possible connection leak)"
	}
	d := analysis.Diagnostic{Pos: expr.Pos(), End: expr.End(), Message: msg, Related: exits.Related(exit, way, inBad, fn, "closing the body")}
	if fix, ok := fb.Close(site, drain); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	return d, true
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
