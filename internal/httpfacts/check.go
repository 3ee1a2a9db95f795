package httpfacts

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
	"github.com/bodyclose/bodyclose/internal/syntax"
)

// Files says which files a checker looks at, and whether it reports its
// give-ups (Debug).
type Files struct {
	Tests, Generated bool
	// Resources: the checker is about the resource and pool table
	// (resourceclose, poolpercall), so a package that cannot see one of
	// its libraries is skipped, not one that cannot see net/http.
	Resources bool
	// Debug reports, at each response (or pool) whose analysis ran out of
	// lifetime.Budget, that its leaks go unreported, and the same for
	// the summaries of the package's functions.
	Debug bool
}

// CheckFunc returns a checker's diagnostics for one function.
type CheckFunc func(r *Result, idx *syntax.Index, f *ast.File, fn *ssa.Function) []analysis.Diagnostic

// Check is the run loop every checker of the suite shares: it takes the
// Result of the facts analyzer, skips a package that cannot see net/http,
// holds the Result's lock (drivers run a package's checkers concurrently
// and they share its memo), calls check on each function of the wanted
// files, and reports through one Reporter (//bodyclose:ignore, one report
// per line; malformed and stale directives are reported at the end, also
// in packages that cannot see net/http). A panic in check on an SSA shape
// nobody foresaw drops that function's findings only, never the package's.
func Check(pass *analysis.Pass, facts *analysis.Analyzer, files Files, check CheckFunc) (any, error) {
	want := func(f *ast.File) bool { return analysisutil.WantFile(pass, f, files.Tests, files.Generated) }
	rep := analysisutil.NewReporter(pass, want)
	defer rep.Finish()
	r := pass.ResultOf[facts].(*Result)
	if (files.Resources && !r.ResRelevant) || (!files.Resources && !r.Relevant) {
		return nil, nil
	}
	r.Lock()
	defer r.Unlock()
	idx := r.Index()
	for _, fn := range r.SrcFuncs {
		f := idx.FileOf(fn.Pos())
		if f == nil || !want(f) {
			continue
		}
		diags, panicked := safeCheck(check, r, idx, f, fn)
		for _, d := range diags {
			rep.Report(d)
		}
		// Nothing lost silently: a panic (here or while summarising
		// fn) always says so; a give-up at the budget under Debug.
		name := pass.Analyzer.Name
		if panicked != "" {
			pass.Report(internalError(fn, fmt.Sprintf("%s panicked while analysing %s: %s (its findings in this function are lost)", name, funcName(fn), panicked)))
		}
		if p, ok := r.panics[fn]; ok && name == "bodyclose" {
			pass.Report(summaryLost(fn, p))
		}
		if files.Debug {
			for _, pos := range r.gaveUp[fn] {
				msg := fmt.Sprintf("%s gave up here in %s after %d path states (the budget): leaks of this value are not reported", name, funcName(fn), r.budget)
				if pos == fn.Pos() {
					msg = fmt.Sprintf("the summary of %s gave up after %d path states (the budget): callers take it to keep what they pass", funcName(fn), r.budget)
				}
				pass.Report(analysis.Diagnostic{Pos: pos, Category: "debug", Message: msg})
			}
		}
	}
	return nil, nil
}

// InternalError is the category of the diagnostics of a failure of the
// analysis itself (a panic while analysing or summarising one function);
// drivers treat them as errors, not findings.
const InternalError = "internal-error"

// internalError is the diagnostic of a failure of the analysis itself.
func internalError(fn *ssa.Function, msg string) analysis.Diagnostic {
	return analysis.Diagnostic{Pos: fn.Pos(), Category: InternalError, Message: "internal error: " + msg}
}

// summaryLost is the internal error of a summary lost to a panic p. The
// facts analyzer reports it (drivers that print the diagnostics of every
// package's facts run see it, for dependencies too), and bodyclose again
// (go vet prints only the named analyzers' diagnostics); drivers print it
// once.
func summaryLost(fn *ssa.Function, p string) analysis.Diagnostic {
	return internalError(fn, fmt.Sprintf("the summary of %s was lost to a panic: %s (callers treat it as unknown)", funcName(fn), p))
}

// funcName names fn for messages: F, (*T).M, or F$1 for a literal.
func funcName(fn *ssa.Function) string {
	return fn.RelString(fn.Pkg.Pkg)
}

// safeCheck runs check on fn; panicked holds the recovered value, if any.
func safeCheck(check CheckFunc, r *Result, idx *syntax.Index, f *ast.File, fn *ssa.Function) (diags []analysis.Diagnostic, panicked string) {
	defer func() {
		if p := recover(); p != nil {
			diags, panicked = nil, fmt.Sprint(p)
		}
	}()
	return check(r, idx, f, fn), ""
}
