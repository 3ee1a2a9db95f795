// Package syntax maps SSA positions back to the syntax the checkers name
// in their messages and edit in their fixes.
package syntax

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Index maps SSA positions back to syntax: the call expression of a
// source, the variable it is assigned to, the loop around it, the defer
// statement at a position, the statement list around a statement.
type Index struct {
	pass   *analysis.Pass
	files  map[*token.File]*ast.File
	calls  map[token.Pos]*ast.CallExpr  // by Lparen, as ssa.Call.Pos reports
	recvs  map[token.Pos]ast.Expr       // receives by the arrow's position; range over a channel by For
	names  map[ast.Expr]ast.Expr        // a right-hand side's left-hand side
	loops  map[ast.Expr]ast.Stmt        // the innermost loop around a call (*ast.ForStmt, *ast.RangeStmt)
	labels map[ast.Stmt]*ast.Ident      // the label of a labeled loop
	defers map[token.Pos]*ast.DeferStmt // by the defer keyword, as ssa.Defer.Pos reports
	stmts  map[ast.Expr]ast.Stmt        // the innermost statement around a call
	lists  map[ast.Stmt][]ast.Stmt      // the statement list a statement stands in
	nodes  map[token.Pos]ast.Node       // what an ssa.Alloc or call position stands for
}

// New indexes the files of pass.
func New(pass *analysis.Pass) *Index {
	idx := &Index{
		pass:   pass,
		files:  map[*token.File]*ast.File{},
		calls:  map[token.Pos]*ast.CallExpr{},
		recvs:  map[token.Pos]ast.Expr{},
		names:  map[ast.Expr]ast.Expr{},
		loops:  map[ast.Expr]ast.Stmt{},
		labels: map[ast.Stmt]*ast.Ident{},
		defers: map[token.Pos]*ast.DeferStmt{},
		stmts:  map[ast.Expr]ast.Stmt{},
		lists:  map[ast.Stmt][]ast.Stmt{},
		nodes:  map[token.Pos]ast.Node{},
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
			case *ast.CompositeLit:
				if _, ok := idx.nodes[n.Lbrace]; !ok { // &T{} was seen first
					idx.nodes[n.Lbrace] = n
				}
			case *ast.Ident:
				if _, ok := idx.nodes[n.Pos()]; !ok {
					idx.nodes[n.Pos()] = n
				}
			case *ast.CallExpr:
				idx.nodes[n.Lparen] = n
				idx.calls[n.Lparen] = n
				idx.noteLoop(n, stack)
				for i := len(stack) - 2; i >= 0; i-- {
					if st, ok := stack[i].(ast.Stmt); ok {
						idx.stmts[n] = st
						break
					}
				}
			case *ast.DeferStmt:
				idx.defers[n.Defer] = n
			case *ast.LabeledStmt:
				idx.labels[n.Stmt] = n.Label
			case *ast.BlockStmt:
				for _, st := range n.List {
					idx.lists[st] = n.List
				}
			case *ast.CaseClause:
				for _, st := range n.Body {
					idx.lists[st] = n.Body
				}
			case *ast.CommClause:
				for _, st := range n.Body {
					idx.lists[st] = n.Body
				}
			case *ast.UnaryExpr:
				if lit, ok := n.X.(*ast.CompositeLit); ok && n.Op == token.AND {
					idx.nodes[lit.Lbrace] = n // &T{...}: the whole expression
				}
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
func (idx *Index) noteLoop(e ast.Expr, stack []ast.Node) {
	for i := len(stack) - 2; i >= 0; i-- {
		switch l := stack[i].(type) {
		case *ast.FuncLit:
			return
		case *ast.ForStmt, *ast.RangeStmt:
			idx.loops[e] = l.(ast.Stmt)
			return
		}
	}
}

// FileOf returns the syntax file holding pos.
func (idx *Index) FileOf(pos token.Pos) *ast.File {
	if !pos.IsValid() {
		return nil
	}
	return idx.files[idx.pass.Fset.File(pos)]
}

// CallAt returns the call expression whose Lparen is at pos.
func (idx *Index) CallAt(pos token.Pos) *ast.CallExpr { return idx.calls[pos] }

// RecvAt returns the receive expression (or ranged channel) at pos.
func (idx *Index) RecvAt(pos token.Pos) ast.Expr { return idx.recvs[pos] }

// RespName returns the expression the response produced by e is assigned
// to, or "" when it has none (blank, or not assigned).
func (idx *Index) RespName(e ast.Expr) string {
	lhs, ok := idx.names[e]
	if !ok {
		return ""
	}
	if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
		return ""
	}
	return types.ExprString(lhs)
}

// LoopOf returns the position of the innermost loop around e.
func (idx *Index) LoopOf(e ast.Expr) token.Pos {
	if l := idx.loops[e]; l != nil {
		return l.Pos()
	}
	return token.NoPos
}

// LoopBack returns where a path goes back to the next iteration of the
// innermost loop around e, given the positions it last ran (most recent
// last): the `continue` it takes (the one whose enclosing if or case holds
// the last of them inside the loop body, before it), or else the closing
// brace of the loop body. viaContinue says which.
func (idx *Index) LoopBack(e ast.Expr, recent []token.Pos) (pos token.Pos, viaContinue bool) {
	loop := idx.loops[e]
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	default:
		return token.NoPos, false
	}
	last := token.NoPos
	for _, p := range recent {
		if p >= body.Lbrace && p < body.Rbrace {
			last = p // skip the post statement and the condition
		}
	}
	label := idx.labels[loop]
	best, span := token.NoPos, token.Pos(0)
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			if label == nil {
				return false // an unlabeled continue in there is its own
			}
		case *ast.BranchStmt:
			if n.Tok != token.CONTINUE || (n.Label != nil && (label == nil || n.Label.Name != label.Name)) {
				break
			}
			if n.Label == nil && idx.innerLoop(stack) {
				break
			}
			for i := len(stack) - 1; i >= 0; i-- {
				switch a := stack[i].(type) {
				case *ast.IfStmt, *ast.CaseClause, *ast.CommClause:
					if last >= a.Pos() && last < n.Pos() && (best == token.NoPos || a.End()-a.Pos() < span) {
						best, span = n.Pos(), a.End()-a.Pos()
					}
					i = 0
				}
			}
		}
		stack = append(stack, n)
		return true
	})
	if best.IsValid() {
		return best, true
	}
	return body.Rbrace, false
}

// innerLoop reports whether stack holds a loop (nested in the one being
// searched, whose body is not on the stack).
func (idx *Index) innerLoop(stack []ast.Node) bool {
	for _, n := range stack {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
	}
	return false
}

// DeferAt returns the defer statement whose keyword is at pos.
func (idx *Index) DeferAt(pos token.Pos) *ast.DeferStmt { return idx.defers[pos] }

// StmtOf returns the innermost statement around call e.
func (idx *Index) StmtOf(e ast.Expr) ast.Stmt { return idx.stmts[e] }

// Next returns the statement after st in its statement list, or nil.
func (idx *Index) Next(st ast.Stmt) ast.Stmt {
	list := idx.lists[st]
	for i, x := range list {
		if x == st && i+1 < len(list) {
			return list[i+1]
		}
	}
	return nil
}

// InList reports whether st stands directly in a statement list (a block
// or a case body), where a statement can be inserted before or after it.
func (idx *Index) InList(st ast.Stmt) bool { return idx.lists[st] != nil }

// Indent returns the indentation (tabs, as gofmt writes) of the line of pos.
func (idx *Index) Indent(pos token.Pos) string {
	col := idx.pass.Fset.Position(pos).Column
	if col < 1 {
		col = 1
	}
	return strings.Repeat("\t", col-1)
}

// NodeAt returns the syntax an SSA position stands for: the &T{...} or
// T{...} of an Alloc (by Lbrace), a call (by Lparen), a variable (by its
// identifier).
func (idx *Index) NodeAt(pos token.Pos) ast.Node {
	if !pos.IsValid() {
		return nil
	}
	return idx.nodes[pos]
}

// ExitPos returns where an exit of fn stands: the instruction's own
// position, or, for the implicit return at the end of a function, its
// closing brace.
func ExitPos(pos token.Pos, fn *ssa.Function) token.Pos {
	if pos.IsValid() {
		return pos
	}
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		if syn.Body != nil {
			return syn.Body.Rbrace
		}
	case *ast.FuncLit:
		return syn.Body.Rbrace
	}
	return token.NoPos
}
