package poolpercall

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/internal/percall"
	"github.com/bodyclose/bodyclose/internal/syntax"
)

//go:embed doc.go
var doc string

// Config holds the analyzer's settings.
type Config struct {
	// Debug reports where the analysis gave up at its budget.
	Debug bool
	// Tests checks _test.go files (only pools built per loop iteration
	// are reported there); Generated checks generated files.
	Tests, Generated bool
}

// DefaultConfig is the configuration of Analyzer.
var DefaultConfig = Config{Tests: true}

// Analyzer reports pooled clients built per call, with the shared facts
// analyzer.
var Analyzer = NewWithFacts(DefaultConfig, httpfacts.Analyzer)

// New returns a poolpercall analyzer with its own configuration and facts
// analyzer. Run it alone: a driver accepts one facts analyzer.
func New(cfg Config) *analysis.Analyzer {
	return NewWithFacts(cfg, httpfacts.New(&httpfacts.Config{}))
}

// NewWithFacts returns a poolpercall analyzer that uses the given facts
// analyzer.
func NewWithFacts(cfg Config, facts *analysis.Analyzer) *analysis.Analyzer {
	c := &checker{cfg: cfg, facts: facts}
	a := &analysis.Analyzer{
		Name:     "poolpercall",
		Doc:      analysisutil.MustExtractDoc(doc, "poolpercall"),
		URL:      "https://github.com/bodyclose/bodyclose/blob/main/docs/poolpercall.md",
		Run:      c.run,
		Requires: []*analysis.Analyzer{facts},
	}
	a.Flags.BoolVar(&c.cfg.Tests, "tests", cfg.Tests, "check _test.go files (only pools built per loop iteration are reported there)")
	a.Flags.BoolVar(&c.cfg.Generated, "generated", cfg.Generated, "check generated files")
	a.Flags.BoolVar(&c.cfg.Debug, "debug", cfg.Debug, "report where the analysis gave up at its budget (leaks there go unreported)")
	return a
}

type checker struct {
	cfg   Config
	facts *analysis.Analyzer
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	files := httpfacts.Files{Tests: c.cfg.Tests, Generated: c.cfg.Generated, Debug: c.cfg.Debug, Resources: true}
	var once *percall.Once
	return httpfacts.Check(pass, c.facts, files, func(facts *httpfacts.Result, idx *syntax.Index, _ *ast.File, fn *ssa.Function) []analysis.Diagnostic {
		if once == nil {
			once = percall.NewOnce(facts.SrcFuncs)
		}
		var diags []analysis.Diagnostic
		for _, src := range facts.ClientPoolSources(fn) {
			if d, ok := check(facts, idx, once, fn, src); ok {
				diags = append(diags, d)
			}
		}
		sort.Slice(diags, func(i, j int) bool { return diags[i].Pos < diags[j].Pos })
		return diags
	})
}

func check(facts *httpfacts.Result, idx *syntax.Index, once *percall.Once, fn *ssa.Function, src httpfacts.ClientPoolSource) (analysis.Diagnostic, bool) {
	res := facts.Analyze(src.Resource(fn), facts.ClientPoolSpec())
	dropped, loop := percall.Dropped(res, fn, once.RunsOnce(fn), percall.InTest(fn))
	if !dropped {
		return analysis.Diagnostic{}, false
	}
	node := idx.NodeAt(src.Instr.Pos())
	if node == nil {
		return analysis.Diagnostic{}, false
	}
	var what string
	switch {
	case src.Kind != nil && src.Callee != nil:
		what = fmt.Sprintf("%s from %s", src.Kind.Name, qualified(src.Callee))
	case src.Kind != nil:
		what = src.Kind.Name
	default:
		t := src.Value.Type()
		what = fmt.Sprintf("%s from %s (it builds a new connection pool)", types.TypeString(t, byName(fn.Pkg.Pkg)), src.Callee.Name())
	}
	name := idx.FuncName(fn)
	var msg string
	if loop {
		msg = fmt.Sprintf("%s is built in each iteration of a loop in %s and dropped before the next one: its connection pool dies with it (build it once, before the loop, and share it)", what, name)
	} else {
		msg = fmt.Sprintf("%s is built per call in %s and dropped when %s returns: its connection pool dies with the call, closed or not (build it once, at package level, in main or in a struct that outlives the call, and share it)", what, name, name)
	}
	return analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Category: "pool", Message: msg}, true
}

// qualified names fn as a caller would write it: sql.Open, redis.NewClient.
func qualified(fn *types.Func) string {
	if fn.Pkg() == nil || fn.Type().(*types.Signature).Recv() != nil {
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// byName qualifies types by package name, except this package's.
func byName(here *types.Package) types.Qualifier {
	return func(p *types.Package) string {
		if p == here {
			return ""
		}
		return p.Name()
	}
}
