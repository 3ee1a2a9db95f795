package analysisutil

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// The line-level suppression directive of the suite:
//
//	//bodyclose:ignore <analyzer>[,<analyzer>...] <reason>
//
// It names the analyzers it silences (bodyclose, drainbody,
// clientpertransport) and says why, in at least one word. Trailing code, it
// covers its own line; alone on its line, it covers the next line, and
// nothing else. A directive that is malformed suppresses nothing and is
// reported; so is one that suppresses nothing (a stale one) in a file its
// analyzer checks. These reports come from the analyzers themselves, so
// they appear under every driver (standalone, go vet, golangci-lint).
const IgnoreDirective = "//bodyclose:ignore"

// directivePrefix starts every directive of the family; the function-level
// ones (//bodyclose:closes, //bodyclose:returns) are read by httpfacts.
const directivePrefix = "//bodyclose:"

// Suite names the analyzers a directive may name, in the order they report
// directive problems that belong to none of them in particular.
// Every checker that reports through a Reporter is named here (a name
// left out made its documented directive malformed and silenced nothing).
func Suite() []string {
	return []string{"bodyclose", "drainbody", "clientpertransport", "resourceclose", "poolpercall"}
}

// isSuiteAnalyzer reports whether name is one of Suite().
func isSuiteAnalyzer(name string) bool { return slices.Contains(Suite(), name) }

// directiveOwner is the analyzer that reports problems with directives that
// name no analyzer of the suite.
const directiveOwner = "bodyclose"

// An ignore is one well-formed //bodyclose:ignore directive.
type ignore struct {
	pos   token.Pos // of the comment
	file  string    // the line it covers: file name (after //line directives)
	line  int
	names []string
	used  bool
}

// A directiveProblem is a malformed or unknown directive and the analyzer
// that reports it.
type directiveProblem struct {
	pos   token.Pos
	owner string
	msg   string
}

// Reporter reports one analyzer's diagnostics for a pass: it skips lines
// that a //bodyclose:ignore directive naming the analyzer covers, and any
// second diagnostic on one line. Finish reports the directives that are
// malformed, and those naming the analyzer that suppressed nothing. Every
// checker of the suite reports through one, so directives work the same
// for all of them and in every driver.
type Reporter struct {
	pass     *analysis.Pass
	want     func(*ast.File) bool
	ignores  map[lineKey]*ignore
	all      []*ignore // in source order, for Finish
	problems []directiveProblem
	reported map[lineKey]bool
}

type lineKey struct {
	file string
	line int
}

// NewReporter reads the directives in pass's files. want says which files
// the analyzer checks: a stale directive is reported only there (a
// directive in a _test.go file that -tests=false skips may be needed in
// another configuration).
func NewReporter(pass *analysis.Pass, want func(*ast.File) bool) *Reporter {
	r := &Reporter{pass: pass, want: want, ignores: map[lineKey]*ignore{}, reported: map[lineKey]bool{}}
	name := pass.Analyzer.Name
	for _, f := range pass.Files {
		var trailing func(c *ast.Comment) bool // built on the first directive of f
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				verb, ok := directiveVerb(c.Text)
				if !ok {
					continue
				}
				if verb != "ignore" {
					if msg := checkFuncDirective(verb, c, f); msg != "" {
						r.problems = append(r.problems, directiveProblem{c.Pos(), directiveOwner, msg})
					}
					continue
				}
				names, msg := parseIgnore(c.Text)
				if msg != "" {
					owner := directiveOwner
					if len(names) > 0 {
						owner = names[0]
					}
					r.problems = append(r.problems, directiveProblem{c.Pos(), owner, msg})
					continue
				}
				if !contains(names, name) {
					continue
				}
				if trailing == nil {
					trailing = trailingFunc(pass.Fset, f)
				}
				p := pass.Fset.Position(c.Pos())
				line := p.Line
				if !trailing(c) {
					line++ // alone on its line: covers the next one
				}
				ig := &ignore{pos: c.Pos(), file: p.Filename, line: line, names: names}
				r.ignores[lineKey{p.Filename, line}] = ig
				r.all = append(r.all, ig)
			}
		}
	}
	return r
}

// Report reports d unless a directive covers its line or the line already
// has a report of this analyzer.
func (r *Reporter) Report(d analysis.Diagnostic) {
	p := r.pass.Fset.Position(d.Pos)
	key := lineKey{p.Filename, p.Line}
	if ig := r.ignores[key]; ig != nil {
		ig.used = true
		return
	}
	if r.reported[key] {
		return
	}
	r.reported[key] = true
	if len(d.SuggestedFixes) > 0 && !fixable(r.pass.Fset, d) {
		d.SuggestedFixes = nil
	}
	r.pass.Report(d)
}

// fixable reports whether every edit of d's fixes stands in the file the
// user edits: in a file a tool rewrote before analysis (cgo's output,
// mapped back to the user's x.go by //line directives) an edit's offsets
// are the derived file's, and applied to the user's file they land past
// its end or inside an identifier. Such a fix is dropped, under every
// driver (go vet -json, -f json, golangci-lint, editors): a fix must be
// right or absent.
func fixable(fset *token.FileSet, d analysis.Diagnostic) bool {
	for _, f := range d.SuggestedFixes {
		for _, e := range f.TextEdits {
			if !e.Pos.IsValid() || fset.PositionFor(e.Pos, false).Filename != fset.Position(e.Pos).Filename {
				return false
			}
			if e.End.IsValid() && fset.PositionFor(e.End, false).Filename != fset.Position(e.End).Filename {
				return false
			}
		}
	}
	return true
}

// Finish reports the malformed directives this analyzer owns and its
// directives that suppressed nothing in the files it checks. Call it once,
// after the last Report.
func (r *Reporter) Finish() {
	name := r.pass.Analyzer.Name
	for _, p := range r.problems {
		if p.owner == name {
			r.pass.Report(analysis.Diagnostic{Pos: p.pos, Message: p.msg})
		}
	}
	for _, ig := range r.all {
		if ig.used {
			continue
		}
		if f := fileOf(r.pass, ig.pos); f == nil || (r.want != nil && !r.want(f)) {
			continue
		}
		r.pass.Report(analysis.Diagnostic{
			Pos:     ig.pos,
			Message: fmt.Sprintf("this %s directive suppresses no %s finding: remove it", IgnoreDirective, name),
		})
	}
}

// directiveVerb returns the verb of a //bodyclose:VERB comment.
func directiveVerb(text string) (string, bool) {
	rest, ok := strings.CutPrefix(text, directivePrefix)
	if !ok {
		return "", false
	}
	verb, _, _ := strings.Cut(rest, " ")
	verb, _, _ = strings.Cut(verb, "\t")
	return verb, true
}

// parseIgnore parses a //bodyclose:ignore comment. It returns the analyzer
// names it could read and, if the directive is malformed, why.
func parseIgnore(text string) (names []string, problem string) {
	const want = "want " + IgnoreDirective + " <analyzer>[,<analyzer>] <reason>, e.g. " + IgnoreDirective + " bodyclose the process exits right after"
	rest := strings.TrimPrefix(text, IgnoreDirective)
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return nil, "malformed " + IgnoreDirective + ": it names no analyzer and gives no reason; " + want
	}
	var unknown []string
	for _, n := range strings.Split(fields[0], ",") {
		switch {
		case isSuiteAnalyzer(n):
			names = append(names, n)
		case n == "":
			unknown = append(unknown, "an empty name (a comma too many?)")
		default:
			unknown = append(unknown, fmt.Sprintf("%q", n))
		}
	}
	if len(unknown) > 0 {
		return names, fmt.Sprintf("malformed %s: %s is not an analyzer of the suite (%s); %s",
			IgnoreDirective, strings.Join(unknown, ", "), strings.Join(Suite(), ", "), want)
	}
	if len(fields) < 2 {
		return names, "malformed " + IgnoreDirective + ": it gives no reason; " + want
	}
	return names, ""
}

// checkFuncDirective returns what is wrong with a //bodyclose:VERB
// directive other than ignore, or "".
func checkFuncDirective(verb string, c *ast.Comment, f *ast.File) string {
	switch verb {
	case "closes", "returns":
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Doc != nil && fd.Doc.Pos() <= c.Pos() && c.End() <= fd.Doc.End() {
				return ""
			}
		}
		return fmt.Sprintf("%s%s belongs in a function's doc comment (the comment right above func); here it has no effect", directivePrefix, verb)
	case "handled":
		return directivePrefix + "handled (timakin/bodyclose) is not read by this suite: it follows the response into the function and its callers, so no annotation is needed where the body is closed; where it is not closed on purpose, write " + IgnoreDirective + " bodyclose <reason> at the call"
	}
	return fmt.Sprintf("unknown directive %s%s: the family has %s <analyzer> <reason>, %sreturns and %scloses",
		directivePrefix, verb, IgnoreDirective, directivePrefix, directivePrefix)
}

// trailingFunc returns a function that reports whether code precedes a
// comment of f on its line.
func trailingFunc(fset *token.FileSet, f *ast.File) func(*ast.Comment) bool {
	// firstEnd[line] is the earliest end of a syntax node on that line.
	firstEnd := map[int]token.Pos{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n.(type) {
		case nil, *ast.Comment, *ast.CommentGroup, *ast.File:
			return n != nil
		}
		end := n.End()
		line := fset.Position(end).Line
		if p, ok := firstEnd[line]; !ok || end < p {
			firstEnd[line] = end
		}
		return true
	})
	return func(c *ast.Comment) bool {
		p, ok := firstEnd[fset.Position(c.Pos()).Line]
		return ok && p <= c.Pos()
	}
}

func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// WantFile reports whether a checker looks at file f: _test.go files only
// when tests is set, generated files only when generated is set. A file
// that cgo wrote from the user's file (it carries cgo's "Code generated by
// cmd/cgo" header, and //line directives that point back at the original)
// is the user's code: it counts as generated only if the original is.
func WantFile(pass *analysis.Pass, f *ast.File, tests, generated bool) bool {
	if !tests && strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go") {
		return false
	}
	return generated || !IsGenerated(pass.Fset, f)
}
