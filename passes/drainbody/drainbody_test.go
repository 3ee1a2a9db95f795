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

// TestIssue8 holds drainbody's field-accuracy cases of issue 8.
func TestIssue8(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), drainbody.Analyzer, "issue8")
}

func TestIssue8Facts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), httpfacts.Analyzer, "issue8help", "issue8xio")
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
