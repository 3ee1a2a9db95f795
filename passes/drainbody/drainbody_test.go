package drainbody_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/passes/drainbody"
)

// In GOPATH mode the package's Go version is empty: the check assumes a
// toolchain older than go1.27 and reports.
// One run for the packages that need only their // want comments checked
// (each run loads net/http and its dependencies from source), with
// issue8: drainbody's field-accuracy cases of issue 8.
func TestDrainbody(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), drainbody.Analyzer, "a", "typeparams", "issue8", "lookless")
}

// TestDrainFacts checks the summaries of drain helpers, also of issue 8's
// and of a package that never imports net/http (issue8xio).
func TestDrainFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), httpfacts.Analyzer, "drainhelp", "issue8help", "issue8xio")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), drainbody.Analyzer, "fix", "fiximport", "fixmore")
}

// TestStrict: -strict also reports partly read bodies, DELETE and 202
// responses and per-call transports; TestDrainbody's package a holds the
// same partly read cases as negatives of the default.
func TestStrict(t *testing.T) {
	cfg := drainbody.DefaultConfig
	cfg.Strict = true
	analysistest.Run(t, analysistest.TestData(), drainbody.New(cfg), "strict")
}

// TestAlone: with bodyclose off, drainbody keeps the findings it would
// otherwise leave to bodyclose.
func TestAlone(t *testing.T) {
	cfg := drainbody.DefaultConfig
	cfg.Alone = true
	analysistest.Run(t, analysistest.TestData(), drainbody.New(cfg), "alone")
}
