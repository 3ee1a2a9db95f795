// Package analysisutil holds small helpers shared by the analyzers.
package analysisutil

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"go/version"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
)

// MustExtractDoc returns the doc text of analyzer name from the content of
// its doc.go file, in the form analysis.Analyzer.Doc expects: a one-line
// summary, a blank line, then the full description. It parses content as
// Go and reads the package doc comment's text (ast.CommentGroup.Text, so no
// comment markers remain), takes the section from the heading
// "# Analyzer NAME" to the next "# Analyzer" heading (other headings stay
// in), and drops the "NAME: " before the summary, as x/tools' passes do. It
// panics if content has no such section: a doc.go is part of the program.
func MustExtractDoc(content, name string) string {
	doc, err := ExtractDoc(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// ExtractDoc is MustExtractDoc that returns an error.
func ExtractDoc(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("doc of %s: %v", name, err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc of %s: no package doc comment", name)
	}
	text := f.Doc.Text()
	head := "# Analyzer " + name + "\n"
	i := strings.Index(text, head)
	if i < 0 {
		return "", fmt.Errorf("doc of %s: no %q heading", name, strings.TrimSpace(head))
	}
	body := text[i+len(head):]
	if j := strings.Index(body, "\n# Analyzer "); j >= 0 {
		body = body[:j]
	}
	body = strings.TrimSpace(body)
	rest, ok := strings.CutPrefix(body, name+": ")
	if !ok {
		return "", fmt.Errorf("doc of %s: heading not followed by a %q line", name, name+": summary")
	}
	return rest, nil
}

// Summary returns the one-line summary of an analyzer's Doc as a sentence:
// capitalised, with a full stop ("check that ..." becomes "Check that ...").
func Summary(doc string) string {
	s, _, _ := strings.Cut(doc, "\n")
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
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

// ParseFuncNames splits s, comma-separated function full names as
// (*types.Func).FullName prints them: "example.com/pkg.Func",
// "(example.com/pkg.Type).Method", "(*example.com/pkg.Type).Method" (a
// generic type's parameters in brackets may follow its name; commas inside
// brackets belong to them). It rejects anything else with an error that
// shows the forms (CheckFuncName), so a typo never passes for a name that
// merely matches nothing; empty names are skipped.
func ParseFuncNames(s string) ([]string, error) {
	var names []string
	for _, n := range splitTopLevel(s) {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		if err := CheckFuncName(n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, nil
}

// ListFlag is a flag.Value for a list that the flag may be given several
// times: its first value replaces the list configured in code (*Dst), each
// further one adds to it, and an empty value clears it. Parse checks and
// splits one value (ParseFuncNames).
type ListFlag struct {
	Dst   *[]string
	Parse func(string) ([]string, error)
	set   bool
}

func (f *ListFlag) String() string {
	if f == nil || f.Dst == nil {
		return ""
	}
	return strings.Join(*f.Dst, ",")
}

func (f *ListFlag) Set(s string) error {
	got, err := f.Parse(s)
	if err != nil {
		return err
	}
	if !f.set || len(got) == 0 {
		*f.Dst = got
	} else {
		*f.Dst = append(slices.Clip(*f.Dst), got...)
	}
	f.set = true
	return nil
}

// funcNameRE matches a function's full name: an import path, a dot and an
// identifier, or a method: (PATH.Type).Name or (*PATH.Type).Name.
var funcNameRE = regexp.MustCompile(`^(?:[^\s()\[\]*,]+\.[\p{L}_][\p{L}\p{N}_]*|\(\*?[^\s()\[\]*,]+\.[\p{L}_][\p{L}\p{N}_]*(?:\[[^\]]*\])?\)\.[\p{L}_][\p{L}\p{N}_]*)$`)

// CheckFuncName returns an error unless name has the form of a function's
// full name (see ParseFuncNames).
func CheckFuncName(name string) error {
	if !funcNameRE.MatchString(name) {
		return fmt.Errorf("%q is not a function's full name: write example.com/pkg.Func, (example.com/pkg.Type).Method or (*example.com/pkg.Type).Method, as go/types prints it", name)
	}
	return nil
}

// splitTopLevel splits s at commas outside square brackets.
func splitTopLevel(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
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
