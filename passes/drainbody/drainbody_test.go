package drainbody_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/passes/drainbody"
)

// In GOPATH mode the package's Go version is empty: the check assumes a
// toolchain older than go1.27 and reports.
func TestDrainbody(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), drainbody.Analyzer, "a", "typeparams")
}

func TestDrainFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), httpfacts.Analyzer, "drainhelp")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), drainbody.Analyzer, "fix", "fiximport", "fixmore")
}
