package suite_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
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
	if len(as) != 5 {
		t.Fatalf("suite.New: %d analyzers, want 5", len(as))
	}
	for _, a := range as[1:] {
		if a.Requires[0] != as[0].Requires[0] {
			t.Fatalf("%s does not share the facts analyzer of %s", a.Name, as[0].Name)
		}
	}
}

// TestDoc checks each analyzer's Doc as drivers show it: plain text (no
// comment markers left from doc.go), a one-line summary, then the body.
func TestDoc(t *testing.T) {
	for _, a := range suite.New(suite.Default()) {
		summary, body, ok := strings.Cut(a.Doc, "\n\n")
		if !ok || strings.Contains(summary, "\n") || !strings.HasPrefix(summary, "check") && !strings.HasPrefix(summary, "report") {
			t.Errorf("%s: summary %q is not one line of its own", a.Name, summary)
		}
		if s := analysisutil.Summary(a.Doc); !strings.HasSuffix(s, ".") || s[0] < 'A' || s[0] > 'Z' {
			t.Errorf("%s: Summary %q is not a sentence", a.Name, s)
		}
		for _, line := range strings.Split(a.Doc, "\n") {
			if strings.HasPrefix(line, "//") && !strings.HasPrefix(line, "//bodyclose:") {
				t.Errorf("%s: Doc line %q keeps a comment marker", a.Name, line)
			}
		}
		if len(body) < 200 {
			t.Errorf("%s: Doc body too short: %q", a.Name, body)
		}
	}
}
