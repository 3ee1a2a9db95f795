package analysisutil

import (
	"fmt"
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Reporter reports a pass's diagnostics, skipping the lines a
// //bodyclose:ignore directive covers (its own line and the next) and any
// second diagnostic on one line. Every checker of the suite reports through
// one, so the directive works the same for all of them and in every driver.
type Reporter struct {
	pass     *analysis.Pass
	ignored  map[string]bool
	reported map[string]bool
}

// IgnoreDirective is the line-level suppression directive.
const IgnoreDirective = "//bodyclose:ignore"

// NewReporter reads the ignore directives of pass's files.
func NewReporter(pass *analysis.Pass) *Reporter {
	r := &Reporter{pass: pass, ignored: map[string]bool{}, reported: map[string]bool{}}
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if rest, ok := strings.CutPrefix(c.Text, IgnoreDirective); ok && (rest == "" || rest[0] == ' ') {
					p := pass.Fset.Position(c.Pos())
					r.ignored[fmt.Sprintf("%s:%d", p.Filename, p.Line)] = true
					r.ignored[fmt.Sprintf("%s:%d", p.Filename, p.Line+1)] = true
				}
			}
		}
	}
	return r
}

// Report reports d unless its line is ignored or already reported.
func (r *Reporter) Report(d analysis.Diagnostic) {
	p := r.pass.Fset.Position(d.Pos)
	key := fmt.Sprintf("%s:%d", p.Filename, p.Line)
	if r.ignored[key] || r.reported[key] {
		return
	}
	r.reported[key] = true
	r.pass.Report(d)
}

// WantFile reports whether a checker looks at file f: _test.go files only
// when tests is set, generated files only when generated is set.
func WantFile(pass *analysis.Pass, f *ast.File, tests, generated bool) bool {
	if !tests && strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go") {
		return false
	}
	return generated || !ast.IsGenerated(f)
}
