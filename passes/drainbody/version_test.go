package drainbody_test

import (
	"go/version"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/passes/drainbody"
)

// go127Toolchain is the toolchain the go1.27 tests run under; the go
// command fetches it from the module proxy on first use.
const go127Toolchain = "go1.27.3"

// TestGo126Module: a module at go 1.26 is reported.
func TestGo126Module(t *testing.T) {
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "go126"), drainbody.Analyzer, "./...")
}

// TestGo127 checks the version rule on a module at go 1.27. A linter built
// with Go 1.26 cannot type-check it, so under an older toolchain this test
// re-runs itself (and the end-to-end drain test, to record Go 1.27's
// behaviour) under go1.27.3.
func TestGo127(t *testing.T) {
	if version.Compare(runtime.Version(), "go1.27") < 0 {
		if testing.Short() || os.Getenv("BODYCLOSE_NO_GO127") != "" {
			t.Skip("needs " + go127Toolchain + " (-short or BODYCLOSE_NO_GO127 set)")
		}
		// -vet=off: this run already vets the package; the child's vet
		// would analyse every dependency again under go1.27.3.
		cmd := exec.Command("go", "test", "-count=1", "-vet=off", "-run", "^(TestGo127|TestHarm)$", "-v", ".")
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+go127Toolchain)
		out, err := cmd.CombinedOutput()
		t.Logf("under %s:\n%s", go127Toolchain, out)
		if err != nil {
			t.Fatalf("go test under %s: %v", go127Toolchain, err)
		}
		return
	}
	dir := filepath.Join(analysistest.TestData(), "go127")
	// Default: quiet in files at go1.27, reported in the file that
	// downgrades itself to go1.26.
	analysistest.Run(t, dir, drainbody.Analyzer, "./...")
	// -always: reported everywhere.
	a := drainbody.New(drainbody.Config{Always: true, Tests: true})
	res := analysistest.Run(&quiet{T: t}, dir, a, "./...")
	n := 0
	for _, r := range res {
		n += len(r.Diagnostics)
	}
	if n != 2 {
		t.Errorf("-always at go1.27: %d findings, want 2", n)
	}
}

type quiet struct{ *testing.T }

func (q *quiet) Errorf(string, ...any) {}
