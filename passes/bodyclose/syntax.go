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
	recvs map[token.Pos]ast.Expr      // receives by the arrow's position; range over a channel by For
	names map[ast.Expr]ast.Expr       // a right-hand side's left-hand side
	loops map[ast.Expr]token.Pos      // the innermost loop around a call
}

func newSyntaxIndex(pass *analysis.Pass) *syntaxIndex {
	idx := &syntaxIndex{
		pass:  pass,
		files: map[*token.File]*ast.File{},
		calls: map[token.Pos]*ast.CallExpr{},
		recvs: map[token.Pos]ast.Expr{},
		names: map[ast.Expr]ast.Expr{},
		loops: map[ast.Expr]token.Pos{},
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
				idx.noteLoop(n, stack)
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					idx.recvs[n.OpPos] = n
					idx.noteLoop(n, stack)
				}
			case *ast.RangeStmt:
				if n.Key != nil {
					idx.recvs[n.For] = n.X
					idx.names[n.X] = n.Key
				}
			case *ast.AssignStmt:
				if len(n.Rhs) == 1 && len(n.Lhs) > 0 {
					idx.names[ast.Unparen(n.Rhs[0])] = n.Lhs[0]
				}
			case *ast.ValueSpec:
				if len(n.Values) == 1 && len(n.Names) > 0 {
					idx.names[ast.Unparen(n.Values[0])] = n.Names[0]
				}
			}
			return true
		})
	}
	return idx
}

// noteLoop records the innermost loop around e within its function.
func (idx *syntaxIndex) noteLoop(e ast.Expr, stack []ast.Node) {
	for i := len(stack) - 2; i >= 0; i-- {
		switch l := stack[i].(type) {
		case *ast.FuncLit:
			return
		case *ast.ForStmt:
			idx.loops[e] = l.For
			return
		case *ast.RangeStmt:
			idx.loops[e] = l.For
			return
		}
	}
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

// recvAt returns the receive expression (or ranged channel) at pos.
func (idx *syntaxIndex) recvAt(pos token.Pos) ast.Expr { return idx.recvs[pos] }

// respName returns the expression the response produced by e is assigned
// to, or "" when it has none (blank, or not assigned).
func (idx *syntaxIndex) respName(e ast.Expr) string {
	lhs, ok := idx.names[e]
	if !ok {
		return ""
	}
	if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
		return ""
	}
	return types.ExprString(lhs)
}

// loopOf returns the position of the innermost loop around e.
func (idx *syntaxIndex) loopOf(e ast.Expr) token.Pos { return idx.loops[e] }
