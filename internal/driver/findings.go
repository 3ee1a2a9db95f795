package driver

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
)

// A Finding is one diagnostic of one analyzer, once: the same diagnostic
// reported in a package and in its test variant (which compiles the same
// files) is one finding.
type Finding struct {
	Analyzer *analysis.Analyzer
	Pkg      *packages.Package // the first package that reported it (a non-test variant when there is one)
	Diag     analysis.Diagnostic
	Posn     token.Position
	End      token.Position
	// Func and Var locate the finding in the code independently of line
	// numbers: the enclosing function ("(*T).Method", "F$1" for F's first
	// function literal, a package-level variable's name) and the variable
	// assigned from the reported expression ("resp"), if any.
	Func, Var string
}

// internalErrorCategory is the category of the diagnostics the suite
// reports when its own analysis failed (httpfacts.Check: a panic while
// analysing a function, a summary lost to a panic).
const internalErrorCategory = httpfacts.InternalError

// findings returns the root diagnostics of g (internal errors, of roots
// and dependencies, are errors), deduplicated and sorted by
// position, and the analysis errors of packages that loaded without error
// (a package that failed to load has had its error printed already).
func findings(g *checker.Graph) ([]*Finding, []string) {
	type key struct {
		analyzer  string
		posn, end token.Position
		message   string
	}
	seen := map[key]bool{}
	var out []*Finding
	var errs []string
	errSeen := map[string]bool{}
	addErr := func(msg string) {
		if !errSeen[msg] {
			errSeen[msg] = true
			errs = append(errs, msg)
		}
	}
	roots := slices.Clone(g.Roots)
	// Non-test variants first, so that a finding is attributed to "p"
	// rather than "p [p.test]".
	slices.SortStableFunc(roots, func(a, b *checker.Action) int {
		return cmp.Compare(isTestVariant(a.Package), isTestVariant(b.Package))
	})
	for _, act := range roots {
		if act.Err != nil {
			if len(act.Package.Errors) == 0 && !act.Package.IllTyped && !strings.HasPrefix(act.Err.Error(), "failed prerequisites") {
				msg := act.Analyzer.Name + ": " + act.Package.PkgPath + ": " + act.Err.Error()
				if !errSeen[msg] {
					errSeen[msg] = true
					errs = append(errs, msg)
				}
			}
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			posn := fset.Position(d.Pos)
			if d.Category == internalErrorCategory {
				// A failure of the analysis itself (a panic in one
				// function): an error, not a finding.
				addErr(fmt.Sprintf("%s: %s", posn, d.Message))
				continue
			}
			end := fset.Position(cmp.Or(d.End, d.Pos))
			k := key{act.Analyzer.Name, posn, end, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			f := &Finding{Analyzer: act.Analyzer, Pkg: act.Package, Diag: d, Posn: posn, End: end}
			f.Func, f.Var = locate(act.Package, d.Pos, cmp.Or(d.End, d.Pos))
			out = append(out, f)
		}
	}
	// Dependencies' failures (other than load errors) matter too: their
	// facts are missing.
	for act := range g.All() {
		if !act.IsRoot && act.Err == nil {
			for _, d := range act.Diagnostics {
				if d.Category == internalErrorCategory {
					addErr(fmt.Sprintf("%s: %s", act.Package.Fset.Position(d.Pos), d.Message))
				}
			}
		}
		if act.IsRoot || act.Err == nil || len(act.Package.Errors) > 0 || act.Package.IllTyped || strings.HasPrefix(act.Err.Error(), "failed prerequisites") {
			continue
		}
		msg := act.Analyzer.Name + ": " + act.Package.PkgPath + ": " + act.Err.Error()
		if !errSeen[msg] {
			errSeen[msg] = true
			errs = append(errs, msg)
		}
	}
	slices.SortStableFunc(out, func(a, b *Finding) int {
		return cmp.Or(
			cmp.Compare(a.Posn.Filename, b.Posn.Filename),
			cmp.Compare(a.Posn.Offset, b.Posn.Offset),
			cmp.Compare(a.Analyzer.Name, b.Analyzer.Name),
			cmp.Compare(a.Diag.Message, b.Diag.Message))
	})
	return out, errs
}

// isTestVariant reports whether p is a test variant ("p [p.test]"), an
// external test package or a test main.
func isTestVariant(p *packages.Package) int {
	if p.ForTest != "" || strings.HasSuffix(p.PkgPath, ".test") {
		return 1
	}
	return 0
}

// locate returns the enclosing function and the assigned variable of the
// expression at [pos, end) in pkg's syntax (see Finding).
func locate(pkg *packages.Package, pos, end token.Pos) (fn, v string) {
	var file *ast.File
	for _, f := range pkg.Syntax {
		if f.FileStart <= pos && pos <= f.FileEnd {
			file = f
			break
		}
	}
	if file == nil {
		return "", ""
	}
	cur, ok := inspector.New([]*ast.File{file}).Root().FindByPos(pos, end)
	if !ok {
		return "", ""
	}
	// The variable: the left-hand side that receives the expression.
	for c := range cur.Enclosing((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if v != "" {
			break
		}
		switch n := c.Node().(type) {
		case *ast.AssignStmt:
			v = lhsName(n.Lhs, n.Rhs, pos)
		case *ast.ValueSpec:
			var lhs []ast.Expr
			for _, id := range n.Names {
				lhs = append(lhs, id)
			}
			v = lhsName(lhs, n.Values, pos)
		}
		if _, ok := c.Node().(*ast.FuncLit); ok {
			break // a variable outside the literal is not this one's
		}
	}
	// The function: the outermost declaration, with the index of the
	// innermost function literal within it, in source order.
	var lit *ast.FuncLit
	for c := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil), (*ast.ValueSpec)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			if lit == nil {
				lit = n
			}
		case *ast.FuncDecl:
			fn = funcDeclName(n)
			if lit != nil {
				fn += litSuffix(n, lit)
			}
			return fn, v
		case *ast.ValueSpec:
			if len(n.Names) > 0 && c.Parent().Parent().Node() == file { // GenDecl at file level
				fn = n.Names[0].Name
				if lit != nil {
					fn += litSuffix(n, lit)
				}
				return fn, v
			}
		}
	}
	return fn, v
}

// lhsName returns the name assigned from the right-hand side that contains
// pos: the matching left-hand side, or the first one for a multi-value
// call (resp, err := c.Get(url)).
func lhsName(lhs, rhs []ast.Expr, pos token.Pos) string {
	for i, r := range rhs {
		if r.Pos() <= pos && pos < r.End() {
			j := 0
			if len(lhs) == len(rhs) {
				j = i
			}
			if j < len(lhs) {
				if id, ok := ast.Unparen(lhs[j]).(*ast.Ident); ok {
					return id.Name
				}
				return types.ExprString(lhs[j])
			}
		}
	}
	return ""
}

// funcDeclName returns "F", "(T).M" or "(*T).M" for a declaration.
func funcDeclName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	return "(" + types.ExprString(fd.Recv.List[0].Type) + ")." + fd.Name.Name
}

// litSuffix returns "$N" for the N-th function literal of root (1-based,
// in source order), as go/ssa names them.
func litSuffix(root ast.Node, lit *ast.FuncLit) string {
	n := 0
	found := 0
	ast.Inspect(root, func(x ast.Node) bool {
		if found != 0 {
			return false
		}
		if l, ok := x.(*ast.FuncLit); ok {
			n++
			if l == lit {
				found = n
			}
		}
		return true
	})
	return "$" + strconv.Itoa(found)
}
