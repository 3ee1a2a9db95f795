// Package analysisutil holds small helpers shared by the analyzers.
package analysisutil

import (
	"go/ast"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// MustExtractDoc returns the doc text of analyzer name from the content of a
// doc.go file: the part after the "# Analyzer name" heading, up to the next
// heading of that form.
func MustExtractDoc(content, name string) string {
	head := "# Analyzer " + name
	i := strings.Index(content, head)
	if i < 0 {
		panic("no " + head + " in doc")
	}
	body := content[i+len(head):]
	if j := strings.Index(body, "\n# Analyzer "); j >= 0 {
		body = body[:j]
	}
	// Strip the Go comment markers of a doc.go file.
	var out []string
	for _, line := range strings.Split(body, "\n") {
		if line == "*/" || strings.HasPrefix(line, "package ") {
			continue
		}
		out = append(out, line)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// ReachesPackage reports whether pkg is path or imports it, directly or not.
// memo caches answers for one analysis pass.
func ReachesPackage(pkg *types.Package, path string, memo map[*types.Package]bool) bool {
	if pkg == nil {
		return false
	}
	if v, ok := memo[pkg]; ok {
		return v
	}
	memo[pkg] = false // cycles (not possible in Go) and self
	if pkg.Path() == path {
		memo[pkg] = true
		return true
	}
	for _, imp := range pkg.Imports() {
		if ReachesPackage(imp, path, memo) {
			memo[pkg] = true
			return true
		}
	}
	return false
}

// ListFlag is a flag.Value holding a comma-separated list of names.
type ListFlag []string

func (l *ListFlag) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, ",")
}

// Set replaces the list with the comma-separated names in s.
func (l *ListFlag) Set(s string) error {
	*l = nil
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			*l = append(*l, n)
		}
	}
	return nil
}

// FileGoVersion returns the Go version file f is built for: its own
// (from a //go:build constraint, as types.Info.FileVersions records it),
// else the package's (from go.mod), else "" when neither is known (some
// drivers leave std's empty; GOPATH-mode tests always do).
func FileGoVersion(pass *analysis.Pass, f *ast.File) string {
	if pass.TypesInfo != nil && pass.TypesInfo.FileVersions != nil {
		if v := pass.TypesInfo.FileVersions[f]; v != "" {
			return v
		}
	}
	return pass.Pkg.GoVersion()
}

// DrainsOnClose reports whether code built for Go version v gets the
// transport's own drain on an early Close (Go 1.27: bodies up to 256 KiB,
// for up to 50 ms). An unknown version ("") is taken to be older: it may be
// built by a toolchain that does not drain.
func DrainsOnClose(v string) bool {
	return v != "" && version.IsValid(v) && version.Compare(v, "go1.27") >= 0
}
