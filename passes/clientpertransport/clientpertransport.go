package clientpertransport

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
	"github.com/bodyclose/bodyclose/internal/percall"
	"github.com/bodyclose/bodyclose/internal/syntax"
)

//go:embed doc.go
var doc string

// Config holds the analyzer's settings.
type Config struct {
	// Debug reports where the analysis gave up at its budget
	// (lifetime.Budget path states): leaks there go unreported.
	Debug bool
	// Tests checks _test.go files.
	Tests bool
	// Clients reports every per-call http.Client construction as a style
	// finding, even one that shares http.DefaultTransport.
	Clients bool
}

// Analyzer reports transports built per call and dropped.
var Analyzer = NewWithFacts(Config{}, httpfacts.Analyzer)

// New returns a clientpertransport analyzer with its own configuration and
// its own facts analyzer. Run it alone: a driver accepts one facts analyzer
// (see package suite for several checkers).
func New(cfg Config) *analysis.Analyzer {
	return NewWithFacts(cfg, httpfacts.New(&httpfacts.Config{}))
}

// NewWithFacts returns a clientpertransport analyzer that uses the given
// facts analyzer, so that several checkers can share one.
func NewWithFacts(cfg Config, facts *analysis.Analyzer) *analysis.Analyzer {
	c := &checker{cfg: cfg, facts: facts}
	a := &analysis.Analyzer{
		Name:     "clientpertransport",
		Doc:      analysisutil.MustExtractDoc(doc, "clientpertransport"),
		URL:      "https://github.com/bodyclose/bodyclose/blob/main/docs/clientpertransport.md",
		Run:      c.run,
		Requires: []*analysis.Analyzer{facts},
	}
	a.Flags.BoolVar(&c.cfg.Tests, "tests", cfg.Tests, "check _test.go files")
	a.Flags.BoolVar(&c.cfg.Debug, "debug", cfg.Debug, "report where the analysis gave up at its budget (leaks there go unreported)")
	a.Flags.BoolVar(&c.cfg.Clients, "clients", cfg.Clients, "also report per-call http.Client construction (style)")
	return a
}

type checker struct {
	cfg   Config
	facts *analysis.Analyzer
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	var once *percall.Once
	return httpfacts.Check(pass, c.facts, httpfacts.Files{Tests: c.cfg.Tests, Debug: c.cfg.Debug}, func(facts *httpfacts.Result, idx *syntax.Index, _ *ast.File, fn *ssa.Function) []analysis.Diagnostic {
		if once == nil {
			once = percall.NewOnce(facts.SrcFuncs)
		}
		return c.checkFunc(facts, idx, once, fn)
	})
}

// checkFunc returns the pools created in fn and dropped.
func (c *checker) checkFunc(facts *httpfacts.Result, idx *syntax.Index, o *percall.Once, fn *ssa.Function) (diags []analysis.Diagnostic) {
	once := o.RunsOnce(fn)
	for _, ps := range facts.PoolSources(fn) {
		if httpfacts.DisablesKeepAlives(ps.Value) {
			continue
		}
		res := facts.Analyze(ps.Resource(fn), facts.PoolSpec())
		dropped, loop := percall.Dropped(res, fn, once, false)
		if !dropped {
			continue
		}
		node := idx.NodeAt(ps.Instr.Pos())
		if node == nil {
			continue
		}
		what := "new http.Transport"
		switch {
		case knowledge.IsTransportClone(ps.Callee):
			what = "cloned http.Transport"
		case ps.Callee != nil && !knowledge.IsPoolValue(ps.Value.Type()):
			// An SDK client or agent that owns a transport it built.
			what = fmt.Sprintf("%s from %s (it owns a new http.Transport)", types.TypeString(ps.Value.Type(), types.RelativeTo(fn.Pkg.Pkg)), ps.Callee.Name())
		case ps.Callee != nil:
			what = "transport from " + ps.Callee.Name()
		}
		name := idx.FuncName(fn)
		var msg string
		switch {
		case loop:
			msg = fmt.Sprintf("%s created in each iteration of a loop in %s is dropped before the next one: its connection pool dies with it (create it once, before the loop)", what, name)
		case heldByClient(ps.Value):
			msg = fmt.Sprintf("http.Client built around a %s in %s is dropped when %s returns: its connection pool dies with the call (hoist the transport to a package-level or struct-owned one)", what, name, name)
		default:
			msg = fmt.Sprintf("%s created in %s is dropped when %s returns: its connection pool dies with the call (hoist it to a package-level or struct-owned transport)", what, name, name)
		}
		diags = append(diags, analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Category: "transport", Message: msg})
	}
	if c.cfg.Clients && !once {
		diags = append(diags, c.clientFindings(facts, idx, fn)...)
	}
	return diags
}

// clientFindings reports http.Client values built in fn and dropped, with
// no transport of their own: a style finding.
func (c *checker) clientFindings(facts *httpfacts.Result, idx *syntax.Index, fn *ssa.Function) []analysis.Diagnostic {
	var out []analysis.Diagnostic
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			al, ok := instr.(*ssa.Alloc)
			if !ok {
				continue
			}
			p, ok := al.Type().Underlying().(*types.Pointer)
			if !ok || !knowledge.IsClient(p.Elem()) || setsTransport(al) {
				continue
			}
			res := facts.Analyze(lifetime.Resource{Fn: fn, Acquire: al, Values: []ssa.Value{al}}, facts.PoolSpec())
			if res.Incomplete || res.Escaped || len(res.Returned) > 0 || len(res.Leaks) == 0 {
				continue
			}
			node := idx.NodeAt(al.Pos())
			if node == nil {
				continue
			}
			out = append(out, analysis.Diagnostic{
				Pos: node.Pos(), End: node.End(), Category: "client",
				Message: fmt.Sprintf("http.Client built per call in %s: it shares http.DefaultTransport, but a package-level or struct-owned client states the intent (style)", idx.FuncName(fn)),
			})
		}
	}
	return out
}

// setsTransport reports whether the client v gets a Transport.
func setsTransport(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if fa, ok := r.(*ssa.FieldAddr); ok && knowledge.IsClientTransportField(knowledge.FieldOf(fa)) {
			return true
		}
	}
	return false
}

// heldByClient reports whether the transport v is stored in a client's
// Transport field (as an http.RoundTripper).
func heldByClient(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if mi, ok := r.(*ssa.MakeInterface); ok && heldByClient(mi) {
			return true
		}
		st, ok := r.(*ssa.Store)
		if !ok || st.Val != v {
			continue
		}
		if fa, ok := st.Addr.(*ssa.FieldAddr); ok && knowledge.IsClientTransportField(knowledge.FieldOf(fa)) {
			return true
		}
	}
	return false
}
