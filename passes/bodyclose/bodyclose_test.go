package bodyclose_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/passes/bodyclose"
)

// TestBodyclose runs the analyzer once over the packages that need only
// their // want comments checked, and the related positions of package
// related (each run loads net/http and its dependencies from source and
// analyses them: one run for all is most of this package's test time).
func TestBodyclose(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), bodyclose.Analyzer,
		"a", "handoff", "notsource", "sources", "typeparams", "gen", "testfiles", "user", "knownfp",
		"directive",
		"issue8",      // the field-accuracy cases of issue 8 (bodyclose side)
		"otherstatus", // another response's status tests decide
		"errguard",    // a wrapper that closes only when it fails hands out the rest
		"replaced",    // a variable given another response on some paths, or captured and reassigned
		"related")
	related := 0
	for _, r := range results {
		if r.Pass.Pkg.Path() == "related" {
			related++
			checkRelated(t, r)
		}
	}
	if related != 1 {
		t.Errorf("checked the related positions of %d packages named related, want 1", related)
	}
}

// TestFacts checks the summaries exported for the helper and wrapper
// packages (// want Name:"fact"), for the functions marked by directives
// (marked), and for helpers in a package that never imports net/http
// (issue8xio).
func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), httpfacts.Analyzer, "helper", "wrapper", "marked", "issue8xio")
}

// TestConfig checks the third-party sources and closers named by flags, on
// an analyzer of its own (no shared flag state).
func TestConfig(t *testing.T) {
	a := bodyclose.New(bodyclose.DefaultConfig)
	if err := a.Flags.Set("sources", "(*example.com/sdk.Client).Fetch"); err != nil {
		t.Fatal(err)
	}
	if err := a.Flags.Set("closers", "example.com/sdk.Finish,example.com/sdk.DrainClose"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "configured")
}

// TestConfigMalformed: a name that is not a function's full name is an
// error, not a name that silently matches nothing. (A method written as
// example.com/sdk.Client.Fetch has the shape of a function in package
// example.com/sdk.Client: the standalone driver reports that it matches
// nothing.)
func TestConfigMalformed(t *testing.T) {
	a := bodyclose.New(bodyclose.DefaultConfig)
	for _, bad := range []string{"DrainClose", "*example.com/sdk.Client.Fetch", "(example.com/sdk.Client.Fetch", "example.com/sdk.", "example.com/sdk.Finish()"} {
		for _, flag := range []string{"sources", "closers"} {
			if err := a.Flags.Set(flag, bad); err == nil {
				t.Errorf("-%s=%s: no error", flag, bad)
			}
		}
	}
	for _, good := range []string{"example.com/sdk.Finish", "(*example.com/sdk.Client).Fetch", "(example.com/sdk.Client).Fetch", "(*example.com/sdk.Pool[K,V]).Get,example.com/x/v2.F", "gopkg.in/yaml.v3.Unmarshal"} {
		if err := a.Flags.Set("closers", good); err != nil {
			t.Errorf("-closers=%s: %v", good, err)
		}
	}
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

// TestFixShapes: one package per shape of fix, each with its .golden
// (fixnone has none: any fix there fails the test). The first six are the
// issue's list of wrong or missing fixes. Package fix: the suggested close
// drains first where drainbody's rule applies (GOPATH mode: version
// unknown, so pre-go1.27 semantics). One run for all: each run loads
// net/http from source.
//
// In the shape packages (not fixnoimport, fixtest, fixnone, fix) every
// finding must get a fix except those on a line after a "// no fix"
// comment (a golden file cannot tell a missing fix from a right one).
func TestFixShapes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), bodyclose.Analyzer,
		"fix",
		"fixloop",      // a loop gets closes at its exits, never a defer in the loop body
		"fixholder",    // a holder struct is closed by its own close method, not d.Body
		"fixshadow",    // io shadowed: a fresh import name; resp shadowed: a fresh variable
		"fixhead",      // a HEAD response is closed, not drained
		"fixstatus",    // the README's early return on a bad status gets a fix
		"fixbranch",    // bodies closed on one branch only get a fix
		"fixpkgvar",    // literals of package-level var initialisers
		"fiximportone", // one import of io per file, shadowed or not
		"fixalias",     // io under another name: reused where visible, one new import where shadowed
		"fixdiscard",   // discarded responses are bound and closed at once
		"fixreturn",    // a function that returns the response closes it on the other paths
		"fixnoimport",
		"fixtest", // no drain in tests
		"fixnone", // no fix where none can be shown right
		"fixtypeparams",
	)
	offered := map[string]bool{"fixpkgvar": true, "fiximportone": true, "fixalias": true, "fixloop": true, "fixholder": true, "fixshadow": true, "fixhead": true, "fixstatus": true, "fixbranch": true, "fixdiscard": true, "fixreturn": true, "fixtypeparams": true}
	n := 0
	for _, r := range results {
		if offered[r.Pass.Pkg.Path()] {
			n++
			checkFixOffered(t, r)
		}
	}
	if n != len(offered) {
		t.Errorf("checked the fixes offered in %d packages, want %d", n, len(offered))
	}
}

// checkFixOffered checks that every finding of r has a fix except those
// on a line after a "// no fix" comment.
func checkFixOffered(t *testing.T, r *analysistest.Result) {
	noFix := map[string]bool{} // file:line of the finding
	for _, f := range r.Pass.Files {
		for _, cg := range f.Comments {
			if strings.HasPrefix(cg.Text(), "no fix") {
				p := r.Pass.Fset.Position(cg.Pos())
				noFix[fmt.Sprintf("%s:%d", p.Filename, p.Line+1)] = true
			}
		}
	}
	for _, d := range r.Diagnostics {
		p := r.Pass.Fset.Position(d.Pos)
		want := !noFix[fmt.Sprintf("%s:%d", p.Filename, p.Line)]
		if got := len(d.SuggestedFixes) > 0; got != want {
			t.Errorf("%s: %s: fix offered: %v, want %v", p, d.Message, got, want)
		}
	}
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

// checkRelated checks the related positions of r's findings against
// `// related "rx"` comments (analysistest checks only a diagnostic's own
// position).
func checkRelated(t *testing.T, r *analysistest.Result) {
	{
		want := map[string]*regexp.Regexp{} // file:line -> rx
		for _, f := range r.Pass.Files {
			for _, cg := range f.Comments {
				for _, c := range cg.List {
					rest, ok := strings.CutPrefix(c.Text, "// related ")
					if !ok {
						continue
					}
					rx, err := strconv.Unquote(rest)
					if err != nil {
						t.Fatalf("bad related comment %q", c.Text)
					}
					p := r.Pass.Fset.Position(c.Pos())
					want[fmt.Sprintf("%s:%d", p.Filename, p.Line)] = regexp.MustCompile(rx)
				}
			}
		}
		seen := map[string]bool{}
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				p := r.Pass.Fset.Position(rel.Pos)
				key := fmt.Sprintf("%s:%d", p.Filename, p.Line)
				rx, ok := want[key]
				switch {
				case !ok:
					t.Errorf("%s: unexpected related position %q (for %q)", key, rel.Message, d.Message)
				case !rx.MatchString(rel.Message):
					t.Errorf("%s: related %q does not match %q", key, rel.Message, rx)
				}
				seen[key] = true
			}
		}
		for key, rx := range want {
			if !seen[key] {
				t.Errorf("%s: no related position matching %q", key, rx)
			}
		}
	}
}

// TestDebug: a give-up at the budget is silent by default and reported
// under -debug, at the response it concerns.
func TestDebug(t *testing.T) {
	cfg := bodyclose.DefaultConfig
	cfg.Budget, cfg.Debug = 3, true
	analysistest.Run(t, analysistest.TestData(), bodyclose.New(cfg), "budget")
	quiet := bodyclose.DefaultConfig
	quiet.Budget = 3
	for _, r := range analysistest.Run(&quietT{T: t}, analysistest.TestData(), bodyclose.New(quiet), "budget") {
		if len(r.Diagnostics) != 0 {
			t.Errorf("without -debug: %d diagnostics, want 0 (the leak is given up silently)", len(r.Diagnostics))
		}
	}
}
