package suite_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/suite"
)

// TestDirectives checks //bodyclose:ignore under each analyzer of the
// suite: it covers its own line when trailing code, else the next line
// only; it silences only the analyzers it names; a malformed or stale one
// is reported (malformed ones that name no analyzer by bodyclose).
func TestDirectives(t *testing.T) {
	dir := filepath.Join(analysistest.TestData())
	byName := map[string]*analysis.Analyzer{}
	for _, a := range suite.New(suite.Default()) {
		byName[a.Name] = a
	}
	analysistest.Run(t, dir, byName["bodyclose"], "directives/bc", "directives/nohttp")
	analysistest.Run(t, dir, byName["drainbody"], "directives/db")
	analysistest.Run(t, dir, byName["clientpertransport"], "directives/cpt")
}
