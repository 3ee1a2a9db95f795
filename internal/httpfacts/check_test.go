package httpfacts_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/internal/syntax"
)

// TestCheckRecovers: a panic while checking one function costs that
// function's findings only, and says so as an internal error naming the
// function; the others are still reported.
func TestCheckRecovers(t *testing.T) {
	a := &analysis.Analyzer{
		Name:     "recovery",
		Doc:      "recovery: reports every function, panics on boom",
		Requires: []*analysis.Analyzer{httpfacts.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			return httpfacts.Check(pass, httpfacts.Analyzer, httpfacts.Files{}, func(_ *httpfacts.Result, _ *syntax.Index, _ *ast.File, fn *ssa.Function) []analysis.Diagnostic {
				d := analysis.Diagnostic{Pos: fn.Pos(), Message: "checked " + fn.Name()}
				if fn.Name() == "boom" {
					panic("unforeseen SSA shape")
				}
				return []analysis.Diagnostic{d}
			})
		},
	}
	analysistest.Run(t, analysistest.TestData(), a, "recovery")
}

// TestNoReturn: httpfacts computes the facts of functions that never
// return itself (instead of requiring ctrlflow, which would build the
// control-flow graph of every function of every dependency under go vet);
// they are ctrlflow's, checked against the same // want comments.
func TestNoReturn(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), httpfacts.Analyzer, "noreturn")
	analysistest.Run(t, analysistest.TestData(), ctrlflow.Analyzer, "noreturn")
}
