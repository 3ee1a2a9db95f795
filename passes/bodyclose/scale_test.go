package bodyclose_test

import (
	"fmt"
	"go/importer"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/passtest"
	"github.com/bodyclose/bodyclose/passes/bodyclose"
)

// scaleSource is a package with one function of n sequential branches and
// m responses, acquired at even intervals among the branches, all open
// across the rest of them and closed at the end: every response's analysis
// walks the rest of the function. When leak is set, the last response is
// not closed on the path through the last branch's else arm.
func scaleSource(n, m int, leak bool) string {
	var b strings.Builder
	b.WriteString("package p\n\nimport \"net/http\"\n\nfunc f(c *http.Client, u string, flags []bool) (k int, err error) {\n")
	every := max(n/m, 1)
	acquired := 0
	for i := range n {
		if i%every == 0 && acquired < m {
			fmt.Fprintf(&b, "\tr%d, err := c.Get(u)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n", acquired)
			acquired++
		}
		if leak && i == n-1 {
			fmt.Fprintf(&b, "\tif flags[%d] {\n\t\tk++\n\t} else {\n\t\treturn k, nil\n\t}\n", i)
			continue
		}
		fmt.Fprintf(&b, "\tif flags[%d] {\n\t\tk++\n\t} else {\n\t\tk--\n\t}\n", i)
	}
	for j := range acquired {
		fmt.Fprintf(&b, "\tr%d.Body.Close()\n", j)
	}
	b.WriteString("\treturn k, nil\n}\n")
	return b.String()
}

func typeCheck(tb testing.TB, imp types.Importer, src string) *passtest.Package {
	tb.Helper()
	p, err := passtest.TypeCheck(imp, src)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func analyse(tb testing.TB, p *passtest.Package, a *analysis.Analyzer) []analysis.Diagnostic {
	tb.Helper()
	diags, err := passtest.Run(p, a)
	if err != nil {
		tb.Fatal(err)
	}
	return diags
}

// BenchmarkScale analyses one function of N sequential branches and M
// responses (bodyclose with its facts: SSA, summaries, the path search).
// The figures are in bench/RESULTS.md.
//
//	go test -run XXX -bench Scale -benchmem ./passes/bodyclose/
func BenchmarkScale(b *testing.B) {
	imp := importer.Default()
	for _, n := range []int{100, 1000, 10000} {
		for _, m := range []int{1, 10} {
			src := scaleSource(n, m, false)
			b.Run(fmt.Sprintf("N=%d/M=%d", n, m), func(b *testing.B) {
				p := typeCheck(b, imp, src)
				a := bodyclose.New(bodyclose.Config{Debug: true})
				for b.Loop() {
					if diags := analyse(b, p, a); len(diags) != 0 {
						b.Fatalf("%d diagnostics, want none (a give-up at the budget?): %s", len(diags), diags[0].Message)
					}
				}
			})
		}
	}
}

// BenchmarkScaleSSA builds the SSA of the same functions as BenchmarkScale
// and nothing else (x/tools' builder, as httpfacts calls it): the part of
// BenchmarkScale that is not ours.
func BenchmarkScaleSSA(b *testing.B) {
	imp := importer.Default()
	for _, n := range []int{100, 1000, 10000} {
		p := typeCheck(b, imp, scaleSource(n, 1, false))
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			for b.Loop() {
				prog := ssa.NewProgram(p.Fset, ssa.InstantiateGenerics|ssa.BareInits)
				for _, imp := range p.Pkg.Imports() {
					prog.CreatePackage(imp, nil, nil, true)
				}
				prog.CreatePackage(p.Pkg, p.Files, p.Info, false).Build()
			}
		})
	}
}

// TestScale: a function of 10 000 branches and 10 responses is analysed in
// full (no give-up at the budget, the leak found); past the budget the
// function is given up and says so under -bodyclose.debug, and reports no
// leak it could not prove.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses a 10 000-branch function")
	}
	imp := importer.Default()
	p := typeCheck(t, imp, scaleSource(10000, 10, true))
	diags := analyse(t, p, bodyclose.New(bodyclose.Config{Debug: true}))
	if len(diags) != 10 {
		t.Errorf("N=10000 M=10 returning early at the end: want 10 leaks, got %d diagnostics: %v", len(diags), messages(diags))
	}
	for i, d := range diags {
		if want := fmt.Sprintf("response body of r%d is not closed when the function returns early", i); !strings.Contains(d.Message, want) {
			t.Errorf("diagnostic %d: %q, want %q", i, d.Message, want)
		}
	}

	p = typeCheck(t, imp, scaleSource(200, 1, true))
	diags = analyse(t, p, bodyclose.New(bodyclose.Config{Debug: true, Budget: 100}))
	if len(diags) == 0 {
		t.Fatal("N=200 past a budget of 100 path states: no give-up reported")
	}
	for _, d := range diags {
		if d.Category != "debug" || !strings.Contains(d.Message, "gave up") || !strings.Contains(d.Message, "(the budget)") {
			t.Errorf("past the budget: want only give-up reports, got %q (%s)", d.Message, d.Category)
		}
	}
	if diags := analyse(t, p, bodyclose.New(bodyclose.Config{Budget: 100})); len(diags) != 0 {
		t.Errorf("past the budget without -debug: want silence, got %v", messages(diags))
	}
}

func messages(ds []analysis.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Message)
	}
	return out
}
