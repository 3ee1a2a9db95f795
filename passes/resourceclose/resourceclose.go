package resourceclose

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
	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
	"github.com/bodyclose/bodyclose/internal/syntax"
)

//go:embed doc.go
var doc string

// Config holds the analyzer's settings.
type Config struct {
	// Debug reports where the analysis gave up at its budget.
	Debug bool
	// Tests checks _test.go files; Generated checks generated files.
	Tests, Generated bool
	// Pairs are the user's acquire/release pairs, "ACQUIRE=RELEASE" with
	// functions by full name (httpfacts.ParsePair).
	Pairs []string
}

// DefaultConfig is the configuration of Analyzer.
var DefaultConfig = Config{Tests: true}

// Analyzer reports resources not released on every path, with the shared
// facts analyzer.
var Analyzer = NewWithFacts(DefaultConfig, httpfacts.Analyzer, httpfacts.DefaultConfig)

// New returns a resourceclose analyzer with its own configuration and
// facts analyzer. Run it alone: a driver accepts one facts analyzer.
func New(cfg Config) *analysis.Analyzer {
	kc := &httpfacts.Config{Pairs: cfg.Pairs}
	return NewWithFacts(cfg, httpfacts.New(kc), kc)
}

// NewWithFacts returns a resourceclose analyzer that uses the given facts
// analyzer; its -pairs flag writes to kc, the facts analyzer's
// configuration.
func NewWithFacts(cfg Config, facts *analysis.Analyzer, kc *httpfacts.Config) *analysis.Analyzer {
	c := &checker{cfg: cfg, facts: facts}
	a := &analysis.Analyzer{
		Name:     "resourceclose",
		Doc:      analysisutil.MustExtractDoc(doc, "resourceclose"),
		URL:      "https://github.com/bodyclose/bodyclose/blob/main/docs/resourceclose.md",
		Run:      c.run,
		Requires: []*analysis.Analyzer{facts},
	}
	a.Flags.BoolVar(&c.cfg.Tests, "tests", cfg.Tests, "check _test.go files")
	a.Flags.BoolVar(&c.cfg.Generated, "generated", cfg.Generated, "check generated files")
	a.Flags.BoolVar(&c.cfg.Debug, "debug", cfg.Debug, "report where the analysis gave up at its budget (leaks there go unreported)")
	a.Flags.Var(&analysisutil.ListFlag{Dst: &kc.Pairs, Parse: ParsePairs}, "pairs", "comma-separated ACQUIRE=RELEASE pairs of functions by full name, e.g. (*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put; repeat the flag to add more")
	return a
}

// Pairs parses a comma-separated list of ACQUIRE=RELEASE (the -pairs
// flag's values).
type Pairs []string

func (p *Pairs) String() string {
	if p == nil {
		return ""
	}
	return strings.Join(*p, ",")
}

// Set replaces the list (ParsePairs).
func (p *Pairs) Set(s string) error {
	out, err := ParsePairs(s)
	if err != nil {
		return err
	}
	*p = out
	return nil
}

// ParsePairs splits s, a comma-separated list of ACQUIRE=RELEASE, and
// checks each pair, which must name two functions by full name. An empty
// s gives no pairs; an empty pair inside a list ("a=b,,c=d", a trailing
// comma) is an error, as an empty pair given in code is.
func ParsePairs(s string) ([]string, error) {
	var out []string
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	for i, pair := range strings.Split(s, ",") {
		if pair = strings.TrimSpace(pair); pair == "" {
			return nil, fmt.Errorf("empty pair at position %d of %q: want ACQUIRE=RELEASE,...", i+1, s)
		}
		if _, err := httpfacts.ParsePair(pair); err != nil {
			return nil, err
		}
		acq, rel, _ := strings.Cut(pair, "=")
		for _, n := range []string{acq, rel} {
			if err := analysisutil.CheckFuncName(strings.TrimSpace(n)); err != nil {
				return nil, err
			}
		}
		out = append(out, pair)
	}
	return out, nil
}

type checker struct {
	cfg   Config
	facts *analysis.Analyzer
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	files := httpfacts.Files{Tests: c.cfg.Tests, Generated: c.cfg.Generated, Debug: c.cfg.Debug, Resources: true}
	return httpfacts.Check(pass, c.facts, files, func(facts *httpfacts.Result, idx *syntax.Index, _ *ast.File, fn *ssa.Function) []analysis.Diagnostic {
		var diags []analysis.Diagnostic
		for _, src := range facts.ResSources(fn) {
			if d, ok := check(facts, idx, fn, src); ok {
				diags = append(diags, d)
			}
		}
		sort.Slice(diags, func(i, j int) bool { return diags[i].Pos < diags[j].Pos })
		return diags
	})
}

// check follows one resource and describes its leak, if any.
func check(facts *httpfacts.Result, idx *syntax.Index, fn *ssa.Function, src httpfacts.ResSource) (analysis.Diagnostic, bool) {
	call := idx.CallAt(src.Instr.Pos())
	if call == nil {
		return analysis.Diagnostic{}, false
	}
	k := src.Kind
	verb, gerund := verbs(k)
	what := fmt.Sprintf("%s from %s", k.Name, types.ExprString(call.Fun))
	name := idx.RespName(call)
	subject := name + " (" + what + ")"
	if name == "" {
		subject = what
	}
	if src.Value == nil || !used(src.Value) {
		// Discarded, or assigned and never used: every path that goes
		// on with a nil error leaks it.
		if src.Value != nil {
			if res := facts.Analyze(src.Resource(fn), facts.ResSpec()); res.Incomplete || len(res.Leaks) == 0 {
				return analysis.Diagnostic{}, false
			}
		}
		return analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: "resource",
			Message: fmt.Sprintf("%s is never %s: the result is never used, and %s", subject, verb, k.Cost)}, true
	}
	res := facts.Analyze(src.Resource(fn), facts.ResSpec())
	if res.Incomplete || len(res.Leaks) == 0 {
		return analysis.Diagnostic{}, false
	}
	exit := exits.Pick(res.Leaks, fn)
	never := !res.HasRelease && !res.Released && !res.Escaped && len(res.Returned) == 0
	exit.BadStatus = false // resources have no status
	way := exits.ExitWay(exit, fn, idx, call)
	var msg string
	switch {
	case way.Leave.IsValid():
		msg = fmt.Sprintf("%s is not %s when the function leaves the loop: %s", subject, verb, k.Cost)
	case never && exit.Kind == lifetime.ExitLoop:
		msg = fmt.Sprintf("%s is never %s, and the next loop iteration replaces it: %s", subject, verb, k.Cost)
	case never:
		msg = fmt.Sprintf("%s is never %s: %s", subject, verb, k.Cost)
	case exit.Kind == lifetime.ExitLoop:
		msg = fmt.Sprintf("%s is not %s before the next loop iteration replaces it: %s", subject, verb, k.Cost)
	case exits.IsEarlyReturn(exit, fn):
		msg = fmt.Sprintf("%s is not %s when the function returns early: %s", subject, verb, k.Cost)
	default:
		msg = fmt.Sprintf("%s is not %s on every path: %s", subject, verb, k.Cost)
	}
	ref := name
	if ref == "" {
		ref = "it"
	}
	return analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: "resource", Message: msg,
		Related: exits.Related(exit, way, false, fn, gerund+" "+ref)}, true
}

// verbs says how kind k is released, for messages: "closed" and
// "closing", "committed or rolled back" and "ending", "released with
// fasthttp.ReleaseRequest" and "releasing".
func verbs(k *knowledge.ResourceKind) (verb, gerund string) {
	switch {
	case len(k.Release) > 0:
		// Several pairs merged onto one resource: name every release
		// ("released with its Put or Close method").
		var methods, funcs []string
		for _, full := range k.Release {
			if i := strings.LastIndex(full, ")."); i >= 0 {
				methods = append(methods, full[i+2:]) // (*example.com/pool.Conn).Put
				continue
			}
			short := full
			if i := strings.LastIndex(short, "/"); i >= 0 {
				short = short[i+1:]
			}
			funcs = append(funcs, short)
		}
		var parts []string
		switch len(methods) {
		case 0:
		case 1:
			parts = append(parts, "its "+methods[0]+" method")
		default:
			parts = append(parts, "its "+strings.Join(methods, " or ")+" method")
		}
		parts = append(parts, funcs...)
		return "released with " + strings.Join(parts, " or "), "releasing"
	case len(k.ReleaseMethods) == 2 && k.ReleaseMethods[0] == "Commit":
		return "committed or rolled back", "ending"
	case len(k.ReleaseMethods) > 0 && k.ReleaseMethods[0] != "Close":
		return "released with " + k.ReleaseMethods[0], "releasing"
	}
	return "closed", "closing"
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
