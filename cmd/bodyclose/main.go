// Command bodyclose reports HTTP response bodies that are not closed on
// every path.
//
// Standalone:
//
//	bodyclose ./...            # exit 3 when it reports findings, 1 on errors
//	bodyclose -json ./...
//	bodyclose -fix ./...       # apply suggested fixes (-diff to preview)
//
// Under go vet:
//
//	go vet -vettool=$(which bodyclose) ./...
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/bodyclose/bodyclose/passes/bodyclose"
)

func main() {
	multichecker.Main(bodyclose.Analyzer)
}
