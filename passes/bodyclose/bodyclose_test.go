package bodyclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/passes/bodyclose"
)

func TestBodyclose(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodyclose.Analyzer,
		"a", "handoff", "notsource", "sources", "typeparams", "gen", "testfiles", "user")
}

// TestFacts checks the summaries exported for the helper and wrapper
// packages (// want Name:"fact").
func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), httpfacts.Analyzer, "helper", "wrapper")
}
