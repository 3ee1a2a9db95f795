package analysistest

import (
	"reflect"

	"golang.org/x/tools/go/analysis"
)

var reflectTypeOfDiags = reflect.TypeFor[*[]analysis.Diagnostic]()
