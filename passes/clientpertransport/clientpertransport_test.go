package clientpertransport_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/passes/clientpertransport"
)

func TestClientPerTransport(t *testing.T) {
	// One run (each loads net/http and its dependencies from source);
	// issue8 holds the field-accuracy cases of issue 8.
	analysistest.Run(t, analysistest.TestData(), clientpertransport.Analyzer, "a", "user", "mainpkg", "typeparams", "tests", "issue8")
}

func TestFactoryFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), httpfacts.Analyzer, "factory", "issue8sdk")
}

func TestTestsFlag(t *testing.T) {
	a := clientpertransport.New(clientpertransport.Config{Tests: true})
	res := analysistest.Run(&quiet{T: t}, analysistest.TestData(), a, "tests")
	n := 0
	for _, r := range res {
		n += len(r.Diagnostics)
	}
	if n != 1 {
		t.Errorf("with -tests: %d findings in tests, want 1", n)
	}
}

func TestClientsFlag(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), clientpertransport.New(clientpertransport.Config{Clients: true}), "style")
}

type quiet struct{ *testing.T }

func (q *quiet) Errorf(string, ...any) {}
