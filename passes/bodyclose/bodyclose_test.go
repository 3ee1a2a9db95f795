package bodyclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/passes/bodyclose"
)

func TestBodyclose(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodyclose.Analyzer,
		"a", "handoff", "notsource", "sources", "typeparams", "gen", "testfiles", "user", "knownfp")
}

// TestFacts checks the summaries exported for the helper and wrapper
// packages (// want Name:"fact").
func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), httpfacts.Analyzer, "helper", "wrapper")
}

func TestDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodyclose.Analyzer, "directive")
}

func TestDirectiveFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), httpfacts.Analyzer, "marked")
}

// TestConfig checks the third-party sources and closers named by flags, on
// an analyzer of its own (no shared flag state).
func TestConfig(t *testing.T) {
	a := bodyclose.New(bodyclose.DefaultConfig)
	if err := a.Flags.Set("sources", "(*example.com/sdk.Client).Fetch"); err != nil {
		t.Fatal(err)
	}
	if err := a.Flags.Set("closers", "example.com/sdk.Finish"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "configured")
}

// TestConfigIsolated checks that TestConfig's flags did not leak into the
// default analyzer: without them, nothing in package configured is a leak.
func TestConfigIsolated(t *testing.T) {
	a := bodyclose.New(bodyclose.DefaultConfig)
	results := analysistest.Run(&quietT{T: t}, analysistest.TestData(), a, "configured")
	for _, r := range results {
		if len(r.Diagnostics) != 0 {
			t.Errorf("without flags: %d diagnostics, want 0", len(r.Diagnostics))
		}
	}
}

// quietT lets analysistest report unmatched // want comments without
// failing: TestConfigIsolated expects them to stay unmatched.
type quietT struct{ *testing.T }

func (q *quietT) Errorf(format string, args ...any) {}

// TestFixes: the suggested close drains first where drainbody's rule
// applies (GOPATH mode: version unknown, so pre-go1.27 semantics).
func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), bodyclose.Analyzer, "fix")
}

// TestFixShapes: one package per shape of fix, each with its .golden
// (fixnone has none: a fix there fails the test).
func TestFixShapes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), bodyclose.Analyzer,
		"fixloop", "fixholder", "fixshadow", "fixhead", "fixstatus", "fixbranch",
		"fixdiscard", "fixreturn", "fixnoimport", "fixnone", "fixtypeparams")
}

// TestFixesPlain: with DrainFix off, a plain deferred Close.
func TestFixesPlain(t *testing.T) {
	cfg := bodyclose.DefaultConfig
	cfg.DrainFix = false
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), bodyclose.New(cfg), "fixplain")
}

// TestFileFlags: -tests=false skips _test.go files; -generated checks
// generated files (skipped by default, see package gen).
func TestFileFlags(t *testing.T) {
	count := func(a *analysis.Analyzer, pkg string) int {
		n := 0
		for _, r := range analysistest.Run(&quietT{T: t}, analysistest.TestData(), a, pkg) {
			n += len(r.Diagnostics)
		}
		return n
	}
	noTests := bodyclose.DefaultConfig
	noTests.Tests = false
	if n := count(bodyclose.New(noTests), "testfiles"); n != 0 {
		t.Errorf("-tests=false: %d findings in _test.go files, want 0", n)
	}
	if n := count(bodyclose.New(bodyclose.DefaultConfig), "testfiles"); n != 1 {
		t.Errorf("default: %d findings in _test.go files, want 1", n)
	}
	gen := bodyclose.DefaultConfig
	gen.Generated = true
	if n := count(bodyclose.New(gen), "gen"); n != 1 {
		t.Errorf("-generated: %d findings in generated files, want 1", n)
	}
}
