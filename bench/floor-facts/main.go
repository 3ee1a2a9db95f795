// Command floor-facts is a benchmark floor: a vettool whose only analyzer
// declares a fact type and builds no SSA. Under go vet it runs on every
// dependency (facts), paying only for type-checking from source.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

type noFact struct{}

func (*noFact) AFact() {}

var floor = &analysis.Analyzer{
	Name:      "floorfacts",
	Doc:       "floorfacts: has a fact type, reports nothing",
	FactTypes: []analysis.Fact{new(noFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { unitchecker.Main(floor) }
