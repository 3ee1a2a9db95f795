// Command bodyclose reports HTTP response bodies that are not closed on
// every path (analyzer bodyclose), bodies closed before they are read to
// the end (drainbody), transports built per call whose connection pool
// dies with the call (clientpertransport), resources borrowed from a pool
// (sql.Rows, sql.Tx, Redis connections, ...) not released on every path
// (resourceclose), and pooled clients (sql.DB, Redis, fasthttp, gRPC)
// built per call (poolpercall).
//
// Standalone:
//
//	bodyclose ./...            # exit 3 when it reports findings, 1 on errors, 0 when clean
//	bodyclose -f sarif ./...   # SARIF 2.1.0 for GitHub code scanning (-f json: go vet's JSON)
//	bodyclose -fix ./...       # apply suggested fixes (-diff to preview)
//	bodyclose help bodyclose   # an analyzer's rules and flags
//
// Under go vet:
//
//	go vet -vettool=$(which bodyclose) ./...
package main

import (
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/bodyclose/bodyclose/internal/driver"
)

func main() {
	args := os.Args[1:]
	if isVet(args) {
		// go vet's protocol: -flags, then one *.cfg per package.
		unitchecker.Main(driver.VetAnalyzers(args)...)
	}
	os.Exit(driver.Main(args, os.Stdout, os.Stderr))
}

// isVet reports whether go vet (or go fix -fixtool) runs the command: it
// asks for the flags it may pass (-flags) or hands over a package's
// configuration (a *.cfg file, last). -V=full, go vet's first question, is
// the standalone driver's too.
func isVet(args []string) bool {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	return slices.Contains(args, "-flags") || slices.Contains(args, "--flags")
}
