package suite_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/bodyclose/bodyclose/passes/bodyclose"
	"github.com/bodyclose/bodyclose/passes/clientpertransport"
	"github.com/bodyclose/bodyclose/passes/drainbody"
	"github.com/bodyclose/bodyclose/suite"
)

func TestValidate(t *testing.T) {
	if err := analysis.Validate(suite.New(suite.Default())); err != nil {
		t.Errorf("suite: %v", err)
	}
	if err := analysis.Validate([]*analysis.Analyzer{bodyclose.Analyzer, drainbody.Analyzer, clientpertransport.Analyzer}); err != nil {
		t.Errorf("package-level analyzers together: %v", err)
	}
}

// TestSharedFacts checks that the suite's checkers share one facts
// analyzer, so summaries are computed once per package.
func TestSharedFacts(t *testing.T) {
	as := suite.New(suite.Default())
	if len(as) != 3 || as[0].Requires[0] != as[1].Requires[0] || as[1].Requires[0] != as[2].Requires[0] {
		t.Fatal("checkers do not share their facts analyzer")
	}
}
