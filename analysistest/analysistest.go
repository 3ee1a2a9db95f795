// Package analysistest runs the whole bodyclose suite (bodyclose,
// drainbody, clientpertransport, resourceclose, poolpercall and their
// shared facts analyzer) on test packages and checks their `// want`
// comments, the way golang.org/x/tools/go/analysis/analysistest runs one
// analyzer. Users test their own configuration (third-party sources and
// closers, acquire/release pairs) against their own code with it:
//
//	func TestLeaks(t *testing.T) {
//		cfg := suite.Default()
//		cfg.ResourceClose.Pairs = []string{"(*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put"}
//		analysistest.Run(t, analysistest.TestData(), cfg, "./...")
//	}
//
// Each finding's message starts with its analyzer's name, as the
// standalone driver prints it: `// want "resourceclose: rows .* is not closed"`.
//
// dir is a GOPATH-style tree (packages under dir/src) or, when it holds a
// go.mod, the root of a module: patterns are then package patterns of
// that module, which may require third-party modules. x/tools'
// analysistest loads a module with GOPROXY=off, so Run first downloads its
// requirements (go mod download, through the environment's GOPROXY).
package analysistest

import (
	"os"
	"os/exec"
	"path/filepath"

	"golang.org/x/tools/go/analysis"
	xtest "golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/suite"
)

// Testing is the part of *testing.T that Run uses.
type Testing = xtest.Testing

// Result is the result of the suite's run on one package.
type Result = xtest.Result

// TestData returns the absolute path of the testdata directory of the
// package under test (as x/tools' TestData does).
func TestData() string { return xtest.TestData() }

// Run runs the suite configured by cfg on the packages matching patterns
// in dir and checks that the diagnostics of every analyzer, prefixed by
// "NAME: ", match the `// want` comments of their lines, and that every
// such comment is matched. It reports failures through t and returns the
// root analyzer's results.
func Run(t Testing, dir string, cfg suite.Config, patterns ...string) []*Result {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	for _, p := range cfg.ResourceClose.Pairs {
		if _, err := httpfacts.ParsePair(p); err != nil {
			t.Errorf("analysistest: resourceclose pairs: %v", err)
			return nil
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		if err := download(dir); err != nil {
			t.Errorf("analysistest: %v", err)
			return nil
		}
	}
	return xtest.Run(t, dir, Analyzer(suite.Selected(suite.New(cfg))), patterns...)
}

// Analyzer returns one analyzer that runs the given analyzers (which must
// share one facts analyzer, as suite.New's do) and reports each of their
// diagnostics as its own, the message prefixed by the analyzer's name.
func Analyzer(analyzers []*analysis.Analyzer) *analysis.Analyzer {
	root := &analysis.Analyzer{
		Name: "bodyclosesuite",
		Doc:  "the bodyclose suite's analyzers, reported as one (tests)",
	}
	var wrapped []*analysis.Analyzer
	for _, a := range analyzers {
		w := collect(a)
		wrapped = append(wrapped, w)
		root.Requires = append(root.Requires, w)
	}
	root.Run = func(pass *analysis.Pass) (any, error) {
		for _, w := range wrapped {
			for _, d := range *pass.ResultOf[w].(*[]analysis.Diagnostic) {
				pass.Report(d)
			}
		}
		return nil, nil
	}
	return root
}

// collect returns an analyzer that runs a and returns its diagnostics,
// each message prefixed by a's name, as its result.
func collect(a *analysis.Analyzer) *analysis.Analyzer {
	w := &analysis.Analyzer{
		Name:             a.Name,
		Doc:              a.Doc,
		URL:              a.URL,
		Flags:            a.Flags,
		Requires:         a.Requires,
		FactTypes:        a.FactTypes,
		RunDespiteErrors: a.RunDespiteErrors,
	}
	w.ResultType = reflectTypeOfDiags
	w.Run = func(pass *analysis.Pass) (any, error) {
		var diags []analysis.Diagnostic
		p := *pass
		p.Analyzer = a
		p.Report = func(d analysis.Diagnostic) {
			d.Message = a.Name + ": " + d.Message
			diags = append(diags, d)
		}
		if _, err := a.Run(&p); err != nil {
			return nil, err
		}
		return &diags, nil
	}
	return w
}

// download fetches the requirements of the module at dir into the module
// cache.
func download(dir string) error {
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		return &downloadError{dir: dir, err: err, out: string(out)}
	}
	return nil
}

type downloadError struct {
	dir, out string
	err      error
}

func (e *downloadError) Error() string {
	return "go mod download in " + e.dir + ": " + e.err.Error() + "\n" + e.out
}
