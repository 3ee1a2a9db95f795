package drainbody

import (
	_ "embed"
	"fmt"
	"go/ast"
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
	// Always reports files built for go1.27 and later too, whose
	// transport drains small bodies itself.
	Always bool
	// Tests checks _test.go files.
	Tests bool
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
	return a
}

type checker struct {
	cfg   Config
	facts *analysis.Analyzer
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	return httpfacts.Check(pass, c.facts, httpfacts.Files{Tests: c.cfg.Tests}, func(facts *httpfacts.Result, idx *syntax.Index, f *ast.File, fn *ssa.Function) []analysis.Diagnostic {
		if !c.cfg.Always && analysisutil.DrainsOnClose(analysisutil.FileGoVersion(pass, f)) {
			return nil
		}
		return checkFunc(pass, facts, idx, f, fn)
	})
}

// checkFunc returns the diagnostics for the responses acquired in fn.
func checkFunc(pass *analysis.Pass, facts *httpfacts.Result, idx *syntax.Index, f *ast.File, fn *ssa.Function) (diags []analysis.Diagnostic) {
	for _, src := range facts.Sources(fn) {
		if src.Resp == nil || src.Call == nil || isHead(src.Call) || knowledge.OwnsConnection(src.Callee) {
			continue
		}
		rs := src.Resource(fn)
		// An unclosed body is bodyclose's finding: never two reports.
		if bc := lifetime.Analyze(rs, facts.Spec()); bc.Incomplete || len(bc.Leaks) > 0 {
			continue
		}
		res := lifetime.Analyze(rs, facts.DrainSpec())
		if res.Incomplete {
			continue
		}
		res.Leaks = relevant(res.Leaks, fn)
		if len(res.Leaks) == 0 {
			continue
		}
		if d, ok := report(pass, idx, f, fn, src, res); ok {
			diags = append(diags, d)
		}
	}
	return diags
}

func report(pass *analysis.Pass, idx *syntax.Index, f *ast.File, fn *ssa.Function, src httpfacts.Source, res *lifetime.Result) (analysis.Diagnostic, bool) {
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
	var msg string
	var related []analysis.RelatedInformation
	switch {
	case exit.Kind == lifetime.ExitEarlyRelease:
		msg = fmt.Sprintf("%s is closed before it is read to EOF: %s", subject, harm)
		related = append(related, analysis.RelatedInformation{Pos: exit.Instr.Pos(), Message: "closed here before the body is drained"})
	case exit.BadStatus:
		msg = fmt.Sprintf("%s is closed without being read to EOF when the function returns early on a bad status: %s", subject, harm)
	default:
		msg = fmt.Sprintf("%s is closed without being read to EOF on some path: %s", subject, harm)
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
	if fix, ok := suggest(pass, idx, f, exit); ok {
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
func relevant(leaks []lifetime.Exit, fn *ssa.Function) []lifetime.Exit {
	var out []lifetime.Exit
	for _, e := range leaks {
		ret, isRet := e.Instr.(*ssa.Return)
		if e.Kind == lifetime.ExitReturn && isRet && !e.BadStatus && !e.ResourceCond && returnsError(ret) {
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

// suggest builds the fix: a deferred Close becomes a deferred drain and
// close; a direct Close gets a drain before it.
func suggest(pass *analysis.Pass, idx *syntax.Index, f *ast.File, exit lifetime.Exit) (analysis.SuggestedFix, bool) {
	ioName, importEdits := fixes.Import(pass.Fset, f, "io")
	if exit.Deferred != nil {
		ds := idx.DeferAt(exit.Deferred.Pos())
		if ds == nil {
			return analysis.SuggestedFix{}, false
		}
		body, ok := closedBody(pass.TypesInfo, ds.Call)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		text := fixes.DeferClose(body, idx.Indent(ds.Pos()), ioName, true)
		return analysis.SuggestedFix{
			Message:   "drain the body before the deferred Close",
			TextEdits: append([]analysis.TextEdit{{Pos: ds.Pos(), End: ds.End(), NewText: []byte(text)}}, importEdits...),
		}, true
	}
	if exit.Kind == lifetime.ExitEarlyRelease {
		call := idx.CallAt(exit.Instr.Pos())
		if call == nil {
			return analysis.SuggestedFix{}, false
		}
		body, ok := closedBody(pass.TypesInfo, call)
		st := idx.StmtOf(call)
		if !ok || st == nil || !idx.InList(st) {
			return analysis.SuggestedFix{}, false
		}
		text := fixes.Drain(body, ioName) + "\n" + idx.Indent(st.Pos())
		return analysis.SuggestedFix{
			Message:   "drain the body before closing it",
			TextEdits: append([]analysis.TextEdit{{Pos: st.Pos(), End: st.Pos(), NewText: []byte(text)}}, importEdits...),
		}, true
	}
	return analysis.SuggestedFix{}, false
}

// closedBody returns the text of X in a call X.Close() of a Close() error
// method.
func closedBody(info *types.Info, call *ast.CallExpr) (string, bool) {
	if call == nil {
		return "", false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	if m, ok := info.Uses[sel.Sel].(*types.Func); !ok || !knowledge.IsCloseMethod(m) {
		return "", false
	}
	return types.ExprString(sel.X), true
}

// isHead reports whether call sends a HEAD request: http.Head,
// Client.Head, or Do/RoundTrip of a request made with method "HEAD".
func isHead(call *ssa.Call) bool {
	common := call.Common()
	var obj *types.Func
	if common.IsInvoke() {
		obj = common.Method
	} else if callee := common.StaticCallee(); callee != nil {
		obj, _ = callee.Object().(*types.Func)
	}
	if knowledge.IsHeadSource(obj) {
		return true
	}
	for _, arg := range common.Args {
		if !knowledge.IsRequestPtr(arg.Type()) {
			continue
		}
		if m, ok := httpfacts.RequestMethod(arg); ok && m == "HEAD" {
			return true
		}
	}
	return false
}
