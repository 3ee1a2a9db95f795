package driver

import (
	"bytes"
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/internal/syntax"
	"github.com/bodyclose/bodyclose/suite"
)

// TestInternalErrorExits: a panic while analysing one function is an
// internal error naming the function: the standalone command prints it on
// stderr and exits 1 (not 3: it is no finding), and still prints the
// package's other findings. The panic is injected by an extra analyzer on
// the suite's own run loop (httpfacts.Check), the one every analyzer of
// the suite uses: no global state.
func TestInternalErrorExits(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyses packages")
	}
	dir := t.TempDir()
	for name, src := range map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"m.go": `package m

import "net/http"

func leak(u string) int {
	resp, err := http.Get(u)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func boom() {}
`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	analyzers := suite.New(suite.Default())
	facts := analyzers[0].Requires[0]
	if facts.Name != "httpfacts" {
		t.Fatalf("bodyclose's first prerequisite is %s, want httpfacts", facts.Name)
	}
	panicker := &analysis.Analyzer{
		Name:     "panicker",
		Doc:      "panicker: panics on the function named boom",
		Requires: []*analysis.Analyzer{facts},
		Run: func(pass *analysis.Pass) (any, error) {
			return httpfacts.Check(pass, facts, httpfacts.Files{}, func(_ *httpfacts.Result, _ *syntax.Index, _ *ast.File, fn *ssa.Function) []analysis.Diagnostic {
				if fn.Name() == "boom" {
					panic("injected")
				}
				return nil
			})
		},
	}
	var stdout, stderr bytes.Buffer
	code := run(dir, []string{"./..."}, append(analyzers, panicker), &stdout, &stderr)
	if code != ExitError {
		t.Errorf("exit code %d, want %d (an internal error)", code, ExitError)
	}
	want := "m.go:13:6: internal error: panicker panicked while analysing boom: injected"
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
	}
	if strings.Contains(stdout.String(), "internal error") {
		t.Errorf("the internal error is printed as a finding:\n%s", stdout.String())
	}
	if !strings.Contains(stdout.String(), "m.go:6:15: response body of resp is never closed") {
		t.Errorf("the other function's finding is lost:\n%s", stdout.String())
	}
}
