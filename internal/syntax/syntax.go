// Package syntax maps SSA positions back to the syntax the checkers name
// in their messages and edit in their fixes.
package syntax

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
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
			case *ast.BranchStmt:
				idx.nodes[n.Pos()] = n
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
// last): the `continue` it takes (to this loop or, labeled, to an outer
// one), the `goto` of a retry loop built by hand (e in no for loop), or
// else the closing brace of the loop body. branch is the branch
// statement's token (CONTINUE or GOTO), or ILLEGAL for the closing brace.
func (idx *Index) LoopBack(e ast.Expr, recent []token.Pos, turns []Turn, fn *ssa.Function) (pos token.Pos, branch token.Token) {
	recent = beforeRetry(e, recent)
	turn := lastTurn(e, turns)
	body := loopBody(idx.loops[e])
	if body == nil {
		// No for loop: a goto that jumps back to the acquisition.
		fb := funcBody(fn)
		if fb == nil {
			return token.NoPos, token.ILLEGAL
		}
		// The positions the path ran between the label and e (a phi
		// at the label) are the new attempt's, not the old one's.
		var labels []*ast.LabeledStmt
		ast.Inspect(fb, func(n ast.Node) bool {
			if l, ok := n.(*ast.LabeledStmt); ok && l.Pos() <= e.Pos() {
				labels = append(labels, l)
			}
			_, lit := n.(*ast.FuncLit)
			return !lit
		})
		var back []token.Pos
		for _, p := range recent {
			if !slices.ContainsFunc(labels, func(l *ast.LabeledStmt) bool { return p >= l.Pos() && p < e.Pos() }) {
				back = append(back, p)
			}
		}
		p := branchTaken(fb, back, turn, func(br *ast.BranchStmt, _ []ast.Node) bool {
			return br.Tok == token.GOTO && br.Label != nil && slices.ContainsFunc(labels, func(l *ast.LabeledStmt) bool { return l.Label.Name == br.Label.Name })
		})
		return p, token.GOTO
	}
	p := branchTaken(body, recent, turn, func(br *ast.BranchStmt, stack []ast.Node) bool {
		if br.Tok != token.CONTINUE {
			return false
		}
		if br.Label != nil {
			return !labeledOn(stack, br.Label.Name) // this loop or an outer one
		}
		return !innerStmt(stack, false)
	})
	if p.IsValid() {
		return p, token.CONTINUE
	}
	return body.Rbrace, token.ILLEGAL
}

// BranchAt returns the token of the branch statement (break, continue,
// goto) at pos, or ILLEGAL.
func (idx *Index) BranchAt(pos token.Pos) token.Token {
	if br, ok := idx.nodes[pos].(*ast.BranchStmt); ok {
		return br.Tok
	}
	return token.ILLEGAL
}

// LoopLeave returns the `break` (or labeled break) by which a path left
// the innermost loop around e, given the positions it last ran, or NoPos.
func (idx *Index) LoopLeave(e ast.Expr, recent []token.Pos, turns []Turn) token.Pos {
	var turn Turn
	if len(turns) > 0 {
		turn = turns[len(turns)-1]
	}
	loop := idx.loops[e]
	body := loopBody(loop)
	if body == nil {
		return token.NoPos
	}
	// A path that ran the loop's header (its condition, post statement
	// or range) after its last position in the body went round: it left
	// by the condition, not by a break.
	inBody := false
	for _, p := range slices.Backward(recent) {
		if p >= body.Lbrace && p < body.Rbrace {
			inBody = true
			break
		}
		if p >= loop.Pos() && p < body.Lbrace && !inBody {
			return token.NoPos
		}
	}
	return branchTaken(body, recent, turn, func(br *ast.BranchStmt, stack []ast.Node) bool {
		if br.Tok != token.BREAK {
			return false
		}
		if br.Label != nil {
			return !labeledOn(stack, br.Label.Name)
		}
		return !innerStmt(stack, true)
	})
}

// InLoopBody reports whether pos stands in the body of the innermost loop
// around e.
func (idx *Index) InLoopBody(e ast.Expr, pos token.Pos) bool {
	body := loopBody(idx.loops[e])
	return body != nil && pos >= body.Lbrace && pos < body.Rbrace
}

func loopBody(loop ast.Stmt) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return nil
}

// funcBody returns the body of fn's syntax (a range-over-func loop's body
// for its yield function).
func funcBody(fn *ssa.Function) *ast.BlockStmt {
	if fn == nil {
		return nil
	}
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		return syn.Body
	case *ast.FuncLit:
		return syn.Body
	case *ast.RangeStmt:
		return syn.Body
	}
	return nil
}

// branchTaken returns the branch statement in root that accept admits and
// that a path with the given recent positions took: the one whose
// innermost enclosing if or case holds the last of them inside root,
// before it (the smallest such if or case).
func branchTaken(root *ast.BlockStmt, recent []token.Pos, turn Turn, accept func(br *ast.BranchStmt, stack []ast.Node) bool) token.Pos {
	last := token.NoPos
	for _, p := range recent {
		if p >= root.Lbrace && p < root.Rbrace {
			last = p // skip the post statement and the condition
		}
	}
	if !last.IsValid() {
		return token.NoPos
	}
	best, span := token.NoPos, token.Pos(0)
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			if !accept(n, stack) {
				break
			}
			for i := len(stack) - 1; i >= 0; i-- {
				switch a := stack[i].(type) {
				case *ast.IfStmt, *ast.CaseClause, *ast.CommClause:
					if ifStmt, ok := a.(*ast.IfStmt); ok && turn.skips(ifStmt, n) {
						i = 0
						break
					}
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
	return best
}

// Turn is a two-way branch a path took: the position of the condition's
// value (ssa.If.Cond) and the successor taken (0: the true side, 1: the
// false side). The zero Turn says nothing.
type Turn struct {
	Cond token.Pos
	Succ int
}

// lastTurn returns the last of turns (oldest first) that the path took
// before it went back towards the acquisition e (a loop header's own
// branch, before e, comes after), or the zero Turn.
func lastTurn(e ast.Expr, turns []Turn) Turn {
	for _, t := range slices.Backward(turns) {
		if t.Cond.IsValid() && t.Cond >= e.End() {
			return t
		}
	}
	return Turn{}
}

// skips reports whether the path's last turn was the condition of s and
// went the other way than br: br stands in s's body and the path took the
// false side, or in its else branch and the path took the true side. Two
// paths that took the same condition run the same positions when the
// branch they took holds nothing but the branch statement, so only the
// turn tells `if bad { continue }` from falling through to the loop's end.
func (t Turn) skips(s *ast.IfStmt, br *ast.BranchStmt) bool {
	if !t.Cond.IsValid() || t.Cond < s.Cond.Pos() || t.Cond >= s.Cond.End() {
		return false
	}
	inBody := br.Pos() >= s.Body.Pos() && br.End() <= s.Body.End()
	return inBody == (t.Succ == 1)
}

// beforeRetry drops the trailing positions a path ran once it had gone
// back towards the acquisition e: those before e's end (the new
// iteration's statements above e, the loop header, and e's own operands
// such as the field load in p.c.Get(u)). The path's last positions of
// the old attempt all stand after e, since it started at e.
func beforeRetry(e ast.Expr, recent []token.Pos) []token.Pos {
	n := len(recent)
	for n > 0 && recent[n-1].IsValid() && recent[n-1] < e.End() {
		n--
	}
	return recent[:n]
}

// labeledOn reports whether a statement on stack carries the label name:
// a branch to it stays inside the loop body being searched.
func labeledOn(stack []ast.Node, name string) bool {
	for _, n := range stack {
		if l, ok := n.(*ast.LabeledStmt); ok && l.Label.Name == name {
			return true
		}
	}
	return false
}

// innerStmt reports whether stack holds a loop (or, for breaks, a switch
// or select) nested in the loop being searched: an unlabeled branch there
// is its own.
func innerStmt(stack []ast.Node, breaks bool) bool {
	for _, n := range stack {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if breaks {
				return true
			}
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
	case *ast.RangeStmt: // a range-over-func loop's yield function
		return syn.Body.Rbrace
	}
	return token.NoPos
}

// FuncName names fn for messages: its name, or for a function literal
// "a function literal in F", F the function it stands in, or "a function
// literal in the initializer of V" for one in the initializer of the
// package-level variable V (a handler in var Handlers = map[...]...{...}),
// which SSA places in the package's synthetic init.
func (idx *Index) FuncName(fn *ssa.Function) string {
	if fn.Parent() == nil {
		return fn.Name()
	}
	top := fn
	for top.Parent() != nil {
		top = top.Parent()
	}
	if top.Synthetic != "" && top.Name() == "init" {
		if v := idx.pkgVarAt(fn.Pos()); v != "" {
			return "a function literal in the initializer of " + v
		}
	}
	return "a function literal in " + top.Name()
}

// pkgVarAt returns the name of the package-level variable whose
// initializer holds pos, or "".
func (idx *Index) pkgVarAt(pos token.Pos) string {
	f := idx.FileOf(pos)
	if f == nil {
		return ""
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR || pos < gd.Pos() || pos >= gd.End() {
			continue
		}
		for _, s := range gd.Specs {
			vs, ok := s.(*ast.ValueSpec)
			if !ok || pos < vs.Pos() || pos >= vs.End() {
				continue
			}
			for i, v := range vs.Values {
				if pos >= v.Pos() && pos < v.End() && i < len(vs.Names) && len(vs.Values) == len(vs.Names) {
					return vs.Names[i].Name
				}
			}
			names := make([]string, len(vs.Names))
			for i, n := range vs.Names {
				names[i] = n.Name
			}
			return strings.Join(names, ", ")
		}
	}
	return ""
}
