package bodyclose

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// syntaxIndex maps SSA positions back to the syntax that names things in
// messages: the call expression of a source, the variable it is assigned to,
// the loop around it.
type syntaxIndex struct {
	pass  *analysis.Pass
	files map[*token.File]*ast.File
	calls map[token.Pos]*ast.CallExpr // by Lparen, as ssa.Call.Pos reports
	names map[*ast.CallExpr]ast.Expr  // the response's left-hand side
	loops map[*ast.CallExpr]token.Pos // the innermost loop around a call
}

func newSyntaxIndex(pass *analysis.Pass) *syntaxIndex {
	idx := &syntaxIndex{
		pass:  pass,
		files: map[*token.File]*ast.File{},
		calls: map[token.Pos]*ast.CallExpr{},
		names: map[*ast.CallExpr]ast.Expr{},
		loops: map[*ast.CallExpr]token.Pos{},
	}
	for _, f := range pass.Files {
		idx.files[pass.Fset.File(f.FileStart)] = f
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			switch n := n.(type) {
			case *ast.CallExpr:
				idx.calls[n.Lparen] = n
				for i := len(stack) - 2; i >= 0; i-- {
					if _, ok := stack[i].(*ast.FuncLit); ok {
						break
					}
					if l, ok := stack[i].(*ast.ForStmt); ok {
						idx.loops[n] = l.For
						break
					}
					if l, ok := stack[i].(*ast.RangeStmt); ok {
						idx.loops[n] = l.For
						break
					}
				}
			case *ast.AssignStmt:
				if len(n.Rhs) == 1 {
					if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok && len(n.Lhs) > 0 {
						idx.names[call] = n.Lhs[0]
					}
				}
			case *ast.ValueSpec:
				if len(n.Values) == 1 {
					if call, ok := ast.Unparen(n.Values[0]).(*ast.CallExpr); ok && len(n.Names) > 0 {
						idx.names[call] = n.Names[0]
					}
				}
			}
			return true
		})
	}
	return idx
}

// fileOf returns the syntax file holding pos.
func (idx *syntaxIndex) fileOf(pos token.Pos) *ast.File {
	if !pos.IsValid() {
		return nil
	}
	return idx.files[idx.pass.Fset.File(pos)]
}

// callAt returns the call expression whose Lparen is at pos.
func (idx *syntaxIndex) callAt(pos token.Pos) *ast.CallExpr { return idx.calls[pos] }

// respName returns the expression the response of call is assigned to, or
// "" when it has none (blank, or not assigned).
func (idx *syntaxIndex) respName(call *ast.CallExpr) string {
	lhs, ok := idx.names[call]
	if !ok {
		return ""
	}
	if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
		return ""
	}
	return types.ExprString(lhs)
}

// loopOf returns the position of the innermost loop around call.
func (idx *syntaxIndex) loopOf(call *ast.CallExpr) token.Pos { return idx.loops[call] }
