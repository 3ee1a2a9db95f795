// Command bodyclose reports HTTP response bodies that are not closed on
// every path (analyzer bodyclose) and transports built per call whose
// connection pool dies with the call (analyzer clientpertransport).
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

	"github.com/bodyclose/bodyclose/suite"
)

func main() {
	multichecker.Main(suite.New(suite.Default())...)
}
