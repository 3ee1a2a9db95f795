package pathoracle_test

import (
	"flag"
	"go/importer"
	"go/types"
	"strings"
	"testing"

	"github.com/bodyclose/bodyclose/internal/passtest"
	"github.com/bodyclose/bodyclose/internal/pathoracle"
	"github.com/bodyclose/bodyclose/internal/progen"
	"github.com/bodyclose/bodyclose/passes/bodyclose"
)

// verdict compares bodyclose's verdict on p with the oracle's; it returns
// "" when they agree.
func verdict(t *testing.T, imp types.Importer, p *pathoracle.Program) string {
	t.Helper()
	leaks, paths, ok := p.Leaks()
	if !ok {
		return "" // too many paths to enumerate: no ground truth
	}
	src := p.Source()
	pkg, err := passtest.TypeCheck(imp, string(src))
	if err != nil {
		t.Fatalf("generated program does not type-check: %v\n%s", err, src)
	}
	diags, err := passtest.Run(pkg, bodyclose.New(bodyclose.Config{Debug: true}))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	var reported []string
	for _, d := range diags {
		switch d.Category {
		case "internal-error", "debug":
			t.Fatalf("%s\n%s", d.Message, src)
		}
		reported = append(reported, pkg.Fset.Position(d.Pos).String()+": "+d.Message)
	}
	switch {
	case leaks && len(reported) == 0:
		return "missed leak: some path of " + itoa(paths) + " returns with the body open; bodyclose reports nothing"
	case !leaks && len(reported) > 0:
		return "false report: no path of " + itoa(paths) + " leaks; bodyclose says\n\t" + strings.Join(reported, "\n\t")
	}
	return ""
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		if n /= 10; n == 0 {
			return string(b)
		}
	}
}

// seeds is how many seeded programs TestOracle compares: 400 in the test
// suite; more by hand (go test -run TestOracle -oracle.seeds=20000 -v).
var seeds = flag.Int("oracle.seeds", 400, "programs TestOracle compares")

// TestOracle compares bodyclose with the path oracle on programs of fixed
// seeds; the fuzz target explores further (FuzzOracle).
func TestOracle(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 400 programs")
	}
	imp := importer.Default()
	n := uint64(*seeds)
	leaky := 0
	for seed := range n {
		p := pathoracle.Generate(progen.NewSeeded(seed))
		if l, _, _ := p.Leaks(); l {
			leaky++
		}
		if msg := verdict(t, imp, p); msg != "" {
			t.Errorf("seed %d: %s\n%s", seed, msg, p.Source())
		}
	}
	t.Logf("%d of %d programs leak", leaky, n)
	// The generator must give both verdicts, or the comparison is vacuous.
	if leaky*10 < int(n) || leaky*10 > 9*int(n) {
		t.Errorf("%d of %d programs leak: the generator is lopsided", leaky, n)
	}
}

// FuzzOracle: each input drives the generator (one byte per choice); the
// oracle's verdict must be bodyclose's. CI runs it for a fixed time
// (.ci/run); every disagreement it found is a case of TestRegressions.
func FuzzOracle(f *testing.F) {
	for _, seed := range [][]byte{
		{},
		{3, 0, 9, 1, 0, 2},
		{4, 14, 2, 1, 5, 1, 9, 0, 16, 3, 0, 7},
		{2, 16, 1, 6, 11, 2, 13, 0},
		{4, 15, 0, 3, 4, 10, 1, 2, 0, 1, 5},
	} {
		f.Add(seed)
	}
	imp := importer.Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := pathoracle.Generate(progen.NewBytes(data))
		if msg := verdict(t, imp, p); msg != "" {
			t.Errorf("%s\n%s", msg, p.Source())
		}
	})
}

// TestRegressions: programs on which bodyclose and the oracle disagreed,
// or nearly did.
func TestRegressions(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses programs")
	}
	type (
		S = pathoracle.Simple
		I = pathoracle.If
		L = pathoracle.Loop
		B = []pathoracle.Stmt
	)
	cases := []struct {
		name string
		body B
	}{
		// Status tests of one response agree along a path: the oracle
		// first took every syntactic path (seed 21 of TestOracle).
		{"status tests agree", B{
			&I{Status: true, Then: B{&S{Kind: pathoracle.Close}}},
			&I{Status: true, Then: B{&S{Kind: pathoracle.Return}}, Else: B{&S{Kind: pathoracle.DeferClose}}},
		}},
		// A defer in a loop runs at return, if the loop ran.
		{"defer in a loop", B{&L{Body: B{&S{Kind: pathoracle.DeferClose}}}}},
		{"defer in a loop, closed after", B{&L{Body: B{&S{Kind: pathoracle.DeferClose}}}, &S{Kind: pathoracle.Close}}},
		// A replacement leaks the first body unless a defer took it.
		{"replaced", B{&S{Kind: pathoracle.Reacquire}, &S{Kind: pathoracle.Close}}},
		{"replaced after a defer of it", B{&S{Kind: pathoracle.DeferClose}, &S{Kind: pathoracle.Reacquire}, &S{Kind: pathoracle.Close}}},
		{"replaced in a loop after a close", B{&L{Body: B{&S{Kind: pathoracle.Close}, &S{Kind: pathoracle.Reacquire}}}, &S{Kind: pathoracle.Close}}},
		{"replaced in a loop, closed in it and after", B{
			&S{Kind: pathoracle.Use},
			&L{Body: B{&S{Kind: pathoracle.Reacquire}, &S{Kind: pathoracle.Close}}},
			&S{Kind: pathoracle.Close},
		}},
		// The fuzzer's second class (FuzzOracle's first input after
		// responses could be replaced; a plain false negative).
		{"replaced on a branch, closed after", B{
			&I{Then: B{&S{Kind: pathoracle.Reacquire}}},
			&S{Kind: pathoracle.Close},
		}},
		{"replaced on the bad-status branch, closed in it and after", B{
			&S{Kind: pathoracle.Use},
			&I{Status: true, Then: B{&S{Kind: pathoracle.Reacquire}, &S{Kind: pathoracle.Close}, &S{Kind: pathoracle.Close}}},
			&S{Kind: pathoracle.Close}, &S{Kind: pathoracle.Close}, &S{Kind: pathoracle.Close},
		}},
		// The fuzzer's first class (70 of 2 000 seeds of TestOracle).
		{"replaced, captured by a deferred closure", B{&S{Kind: pathoracle.DeferClosure}, &S{Kind: pathoracle.Reacquire}}},
		{"replaced in a loop, captured, then panics", B{
			&S{Kind: pathoracle.Close},
			&L{Body: B{&S{Kind: pathoracle.Reacquire}}},
			&S{Kind: pathoracle.DeferVar},
			&S{Kind: pathoracle.Panic},
		}},
		// Found once the two classes above were fixed (20 000 seeds):
		// a deferred closure on each branch covers the response
		// acquired after the branches merge (no single defer dominates
		// the acquisition)...
		{"deferred closures on both branches cover a later response", B{
			&I{Then: B{&S{Kind: pathoracle.Close}, &S{Kind: pathoracle.DeferVar}}, Else: B{&S{Kind: pathoracle.Close}, &S{Kind: pathoracle.DeferClosure}}},
			&S{Kind: pathoracle.Reacquire},
		}},
		// ...a defer of a helper took the value resp had then, not the
		// response acquired into the variable since...
		{"a deferred helper does not cover a later response", B{
			&S{Kind: pathoracle.CloseClosure},
			&S{Kind: pathoracle.DeferHelper},
			&S{Kind: pathoracle.Reacquire},
		}},
		// ...and a loop that comes round to an acquisition whose last
		// response is still open has leaked it, even if the function
		// then panics (the oracle counted only the current response).
		{"a loop's earlier response replaced by another acquisition, then panics", B{
			&L{Body: B{&S{Kind: pathoracle.Reacquire}, &S{Kind: pathoracle.Reacquire}, &S{Kind: pathoracle.DeferHelper}}},
			&S{Kind: pathoracle.Panic},
		}},
		// FuzzOracle, 95 s into its first run after those fixes: a
		// defer of a helper in a loop, before the loop acquires again,
		// closes the previous response, not the next.
		{"deferred helper in a loop before the next acquisition", B{
			&S{Kind: pathoracle.DeferHelper},
			&L{Body: B{&S{Kind: pathoracle.DeferHelper}, &S{Kind: pathoracle.Reacquire}}},
		}},
		// The last class (21 of 20 000 seeds, 13 disagreeing, while
		// bodyclose followed each response from its own acquisition
		// knowing only its own status): the second response is
		// acquired only on a path that the first one's status tests
		// rule out...
		{"acquired where another response's status rules it out", B{
			&I{Status: true, Then: B{&S{Kind: pathoracle.Close}}, Else: B{
				&S{Kind: pathoracle.Close},
				&I{Status: true, Then: B{&L{Body: B{&S{Kind: pathoracle.Reacquire}}}}},
			}},
		}},
		// ...the same inside a loop, past a deferred closure over the
		// variable (the walk before the acquisition goes on past it
		// with the variable: seed 7158 of TestOracle, a longer program,
		// was reported while it stopped there)...
		{"acquired where another response's status rules it out, past a deferred closure", B{
			&S{Kind: pathoracle.DeferClosure},
			&L{Body: B{&I{Status: true, Then: B{
				&S{Kind: pathoracle.DeferUse},
				&I{Status: true, Else: B{&S{Kind: pathoracle.Reacquire}}},
			}}}},
		}},
		// ...the tests of a captured variable, with a call between them
		// (seed 3410)...
		{"tests of a captured variable agree across a call", B{
			&S{Kind: pathoracle.GoClosure},
			&I{Status: true, Then: B{
				&S{Kind: pathoracle.Use},
				&I{Status: true, Else: B{&S{Kind: pathoracle.Reacquire}, &S{Kind: pathoracle.Return}}},
			}},
		}},
		// ...and a deferred closure over the variable registered on
		// every path the first status allows to go on to the second
		// acquisition, but not on every path.
		{"deferred closure on every path the status allows", B{
			&I{Status: true, Then: B{&S{Kind: pathoracle.Close}}, Else: B{&S{Kind: pathoracle.DeferClose}, &S{Kind: pathoracle.DeferVar}}},
			&I{Status: true, Then: B{&S{Kind: pathoracle.Return}}, Else: B{&S{Kind: pathoracle.Reacquire}}},
		}},
	}
	imp := importer.Default()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := &pathoracle.Program{Body: tc.body}
			if msg := verdict(t, imp, p); msg != "" {
				t.Errorf("%s\n%s", msg, p.Source())
			}
		})
	}
}
