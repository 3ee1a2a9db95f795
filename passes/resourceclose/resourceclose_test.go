package resourceclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/passes/resourceclose"
)

func TestSQL(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), resourceclose.Analyzer, "sqlrows")
}

func TestTypeParams(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), resourceclose.Analyzer, "typeparams")
}
