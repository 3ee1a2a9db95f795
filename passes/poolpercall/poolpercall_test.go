package poolpercall_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/passes/poolpercall"
)

func TestPoolPerCall(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), poolpercall.Analyzer, "pcall", "mainpkg", "tests", "typeparams")
}
