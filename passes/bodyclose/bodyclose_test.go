package bodyclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/bodyclose/bodyclose/passes/bodyclose"
)

func TestBodyclose(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodyclose.Analyzer, "a")
}
