package httpfacts

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
	"github.com/bodyclose/bodyclose/internal/syntax"
)

// Files says which files a checker looks at.
type Files struct {
	Tests, Generated bool
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
	if !r.Relevant {
		return nil, nil
	}
	r.Lock()
	defer r.Unlock()
	idx := syntax.New(pass)
	for _, fn := range r.SrcFuncs {
		f := idx.FileOf(fn.Pos())
		if f == nil || !want(f) {
			continue
		}
		for _, d := range safeCheck(check, r, idx, f, fn) {
			rep.Report(d)
		}
	}
	return nil, nil
}

func safeCheck(check CheckFunc, r *Result, idx *syntax.Index, f *ast.File, fn *ssa.Function) (diags []analysis.Diagnostic) {
	defer func() {
		if recover() != nil {
			diags = nil
		}
	}()
	return check(r, idx, f, fn)
}
