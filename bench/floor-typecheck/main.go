// Command floor-typecheck is a benchmark floor: a vettool whose only
// analyzer has no facts and does nothing. Under go vet it runs only on the
// packages named, type-checking them from source against the compiled
// export data of their dependencies: the least any vet tool pays.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

var floor = &analysis.Analyzer{
	Name: "floortypecheck",
	Doc:  "floortypecheck: no facts, reports nothing",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { unitchecker.Main(floor) }
