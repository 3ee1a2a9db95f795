package drainbody

import (
	_ "embed"
	"fmt"
	"go/ast"
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
		URL:      "https://github.com/bodyclose/bodyclose/blob/main/passes/drainbody/doc.go",
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
	var fb *fixes.Builder
	return httpfacts.Check(pass, c.facts, httpfacts.Files{Tests: c.cfg.Tests}, func(facts *httpfacts.Result, idx *syntax.Index, f *ast.File, fn *ssa.Function) []analysis.Diagnostic {
		if !c.cfg.Always && analysisutil.DrainsOnClose(analysisutil.FileGoVersion(pass, f)) {
			return nil
		}
		if fb == nil {
			fb = fixes.NewBuilder(pass, idx, facts)
		}
		return checkFunc(facts, idx, fb, fn)
	})
}

// checkFunc returns the diagnostics for the responses acquired in fn.
func checkFunc(facts *httpfacts.Result, idx *syntax.Index, fb *fixes.Builder, fn *ssa.Function) (diags []analysis.Diagnostic) {
	for _, src := range facts.Sources(fn) {
		if src.Resp == nil || src.Call == nil || src.NothingToDrain() {
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
		proof := *res // every exit: the fix must drain them all
		res.Leaks = relevant(res.Leaks, fn)
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
	v := lifetime.ReturnedValue(ret, n-1)
	switch x := v.(type) {
	case *ssa.Call:
		if callee := x.Call.StaticCallee(); callee != nil {
			if obj, ok := callee.Object().(*types.Func); ok {
				switch obj.FullName() {
				case "errors.New", "fmt.Errorf":
					return true
				}
			}
		}
	case *ssa.UnOp:
		if _, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
			return true
		}
	case *ssa.MakeInterface:
		if _, ok := x.X.(*ssa.Alloc); ok {
			return true // &MyError{...}
		}
	}
	// Dominated by the non-nil side of a check of the same value.
	for b := ret.Block(); b != nil; b = b.Idom() {
		idom := b.Idom()
		if idom == nil {
			break
		}
		iff, ok := idom.Instrs[len(idom.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := iff.Cond.(*ssa.BinOp)
		if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) {
			continue
		}
		x, y := cmp.X, cmp.Y
		if c, ok := x.(*ssa.Const); ok && c.IsNil() {
			x, y = y, x
		}
		if c, ok := y.(*ssa.Const); !ok || !c.IsNil() || !sameValue(x, v) {
			continue
		}
		nonNil := idom.Succs[0]
		if cmp.Op == token.EQL {
			nonNil = idom.Succs[1]
		}
		if nonNil == b && len(b.Preds) == 1 {
			return true
		}
	}
	return false
}

// sameValue reports whether x and y are the same value, or loads of the
// same variable (a named result captured by a deferred closure).
func sameValue(x, y ssa.Value) bool {
	if x == y {
		return true
	}
	lx, ok1 := x.(*ssa.UnOp)
	ly, ok2 := y.(*ssa.UnOp)
	return ok1 && ok2 && lx.Op == token.MUL && ly.Op == token.MUL && lx.X == ly.X
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
