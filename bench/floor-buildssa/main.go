// Command floor-buildssa is a benchmark floor: a vettool whose only analyzer
// requires buildssa and does nothing. Under go vet it pays for SSA on every
// package and every dependency, which is what any buildssa-based checker
// with facts pays.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/unitchecker"
)

var floor = &analysis.Analyzer{
	Name:     "floorssa",
	Doc:      "floorssa: requires buildssa, reports nothing",
	Requires: []*analysis.Analyzer{buildssa.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { unitchecker.Main(floor) }
