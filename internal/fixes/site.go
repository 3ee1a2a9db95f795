package fixes

// The syntax around an acquisition: the statement that binds the response,
// its error check, the function and the loops around it.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
)

// acq is a site with its syntax resolved.
type acq struct {
	b *Builder
	s Site

	file *ast.File
	call *ast.CallExpr
	// stmt is the statement that holds the call (an assignment whose only
	// right-hand side it is, or an expression statement); nil otherwise.
	stmt ast.Stmt
	cur  inspector.Cursor // of stmt
	list []ast.Stmt       // the statement list stmt stands in
	at   int              // stmt's index in list
	fn   inspector.Cursor // the enclosing FuncDecl or FuncLit
	body *ast.BlockStmt   // its body

	// v is the variable bound to the response (or to the struct that
	// holds it); nil when the response is discarded.
	v       *types.Var
	ident   *ast.Ident // v's identifier in stmt
	defines bool       // stmt declares v (:=)
	// errv is the variable bound to the call's error; nil when there is
	// none or it is blank (blankErr).
	errv     *types.Var
	blankErr bool
	nresults int
	check    *ast.IfStmt // `if err != nil { <leaves> }` right after stmt
	inLoop   bool        // a for or range statement encloses stmt within fn
	holder   bool        // v holds a struct that holds the response
	isBody   bool        // v is the body itself (an io.ReadCloser from a wrapper)
	closeM   *types.Func // for a holder, the method that closes it

	drain     bool                  // drain before closing
	drainFile bool                  // drainbody's rules apply to the file
	aliases   map[*types.Var]bool   // locals that may hold the body (v included)
	release   map[ast.Node]ast.Stmt // syntax of each release: call or defer → statement
}

// locate resolves the syntax of s. It fails only when the call cannot be
// found in a function body; the other fields are set where the shape is
// recognised.
func (b *Builder) locate(s Site) (*acq, bool) {
	call, ok := s.Expr.(*ast.CallExpr)
	if !ok {
		return nil, false
	}
	file := b.idx.FileOf(call.Pos())
	if file == nil {
		return nil, false
	}
	root, ok := b.roots[file]
	if !ok {
		root = inspector.New([]*ast.File{file}).Root()
		b.roots[file] = root
	}
	cur, ok := root.FindNode(call)
	if !ok {
		return nil, false
	}
	a := &acq{b: b, s: s, file: file, call: call, at: -1}
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		a.fn = fc
		break
	}
	switch n := a.fn.Node().(type) {
	case *ast.FuncDecl:
		a.body = n.Body
	case *ast.FuncLit:
		a.body = n.Body
	}
	if a.body == nil || s.Fn == nil || s.Fn.Syntax() != a.fn.Node() {
		return nil, false
	}
	// The statement: up through parentheses.
	p := cur.Parent()
	for {
		if _, ok := p.Node().(*ast.ParenExpr); !ok {
			break
		}
		p = p.Parent()
	}
	switch st := p.Node().(type) {
	case *ast.AssignStmt:
		if len(st.Rhs) == 1 && ast.Unparen(st.Rhs[0]) == call {
			a.stmt = st
		}
	case *ast.ExprStmt:
		a.stmt = st
	}
	if a.stmt == nil {
		return a, true
	}
	a.cur = p
	switch parent := p.Parent().Node().(type) {
	case *ast.BlockStmt:
		a.list = parent.List
	case *ast.CaseClause:
		a.list = parent.Body
	case *ast.CommClause:
		a.list = parent.Body
	}
	for i, st := range a.list {
		if st == a.stmt {
			a.at = i
		}
	}
	if a.at < 0 {
		a.stmt = nil
		return a, true
	}
	for c := range p.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			a.inLoop = true
		}
		break // the innermost: a loop, or the function itself
	}
	a.bind()
	return a, true
}

// bind finds the variables of the assignment: the response (or holder)
// and the error.
func (a *acq) bind() {
	info := a.b.info
	tuple, ok := info.TypeOf(a.call).(*types.Tuple)
	switch {
	case ok:
		a.nresults = tuple.Len()
	case info.TypeOf(a.call) != nil:
		a.nresults = 1
	}
	as, ok := a.stmt.(*ast.AssignStmt)
	if !ok {
		return // the call as a statement: discarded
	}
	if len(as.Lhs) != a.nresults || a.nresults == 0 || a.nresults > 2 {
		a.nresults = -1
		return
	}
	if a.nresults == 2 {
		if !knowledge.IsError(tuple.At(1).Type()) {
			a.nresults = -1 // (resp, ok): not a shape we fix
			return
		}
		id, ok := as.Lhs[1].(*ast.Ident)
		if !ok {
			a.nresults = -1
			return
		}
		if id.Name == "_" {
			a.blankErr = true
		} else if v, ok := info.ObjectOf(id).(*types.Var); ok && a.local(v) {
			a.errv = v
		} else {
			a.nresults = -1 // an error stored in a field or a global
			return
		}
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		a.nresults = -1 // stored in a field, an element: not ours to close
		return
	}
	if id.Name == "_" {
		return
	}
	v, ok := info.ObjectOf(id).(*types.Var)
	if !ok || !a.local(v) {
		a.nresults = -1 // a captured variable, a named result, a global
		return
	}
	a.v, a.ident = v, id
	a.defines = info.Defs[id] != nil
	a.isBody = isBodyType(v.Type())
	a.holder = !knowledge.IsResponsePtr(v.Type()) && !a.isBody
}

// local reports whether v is a variable of a's function: declared in its
// body, or a parameter or named result (not a variable it captures, not a
// global).
func (a *acq) local(v *types.Var) bool {
	if v == nil || v.IsField() {
		return false
	}
	fn := a.fn.Node()
	return v.Pos() >= fn.Pos() && v.Pos() < fn.End()
}

// prepare checks what every shape of Close needs: a bound response with a
// usable error check, names that resolve, no goto; and it gathers the
// releases and the aliases of the body.
func (a *acq) prepare() bool {
	if a.stmt == nil || a.v == nil || a.nresults < 1 || a.hasGoto() {
		return false
	}
	if a.errv != nil {
		next := a.at + 1
		if next >= len(a.list) {
			return false
		}
		check, ok := a.list[next].(*ast.IfStmt)
		if !ok || !isErrCheck(a.b.info, check, a.errv) || a.falls(check.Body) {
			return false // a close right after the call could run on a nil response
		}
		a.check = check
	}
	if a.holder {
		a.closeM = a.closeMethod()
		if a.closeM == nil {
			return false // no method that closes what it holds
		}
		a.drain = a.drain || a.drainFile // calling its method looks at it
		if a.drain && a.b.facts.DrainsArg(a.closeM, 0) {
			a.drain = false // the method drains itself
		}
		if a.drain && !implementsReader(a.v.Type()) {
			return false // nothing drains it before the close
		}
	}
	a.aliases = aliasesOf(a.b.info, a.body, a.v)
	a.release = map[ast.Node]ast.Stmt{}
	for instr, u := range a.s.Result.Uses {
		if u.Effect != lifetime.Release && u.Effect != lifetime.DrainRelease {
			continue
		}
		n, st := a.releaseSyntax(instr.Pos())
		if n == nil {
			return false // a release we cannot see in the syntax
		}
		a.release[n] = st
	}
	return true
}

// releaseSyntax returns the call or defer statement an instruction at pos
// stands for, and the statement that holds it.
func (a *acq) releaseSyntax(pos token.Pos) (ast.Node, ast.Stmt) {
	if ds := a.b.idx.DeferAt(pos); ds != nil {
		return ds, ds
	}
	if c := a.b.idx.CallAt(pos); c != nil {
		return c, a.stmtOf(a.b.idx.StmtOf(c))
	}
	return nil, nil
}

// stmtOf returns st, or the if or switch statement whose init st is.
func (a *acq) stmtOf(st ast.Stmt) ast.Stmt {
	if st == nil {
		return nil
	}
	c, ok := a.b.roots[a.file].FindNode(st)
	if !ok {
		return st
	}
	switch p := c.Parent().Node().(type) {
	case *ast.IfStmt:
		if p.Init == st {
			return p
		}
	case *ast.SwitchStmt:
		if p.Init == st {
			return p
		}
	case *ast.TypeSwitchStmt:
		if p.Init == st {
			return p
		}
	}
	return st
}

// hasGoto reports whether the function has a goto (it can loop, or skip
// the error check, where the syntax does not show it).
func (a *acq) hasGoto() bool {
	found := false
	ast.Inspect(a.body, func(n ast.Node) bool {
		if br, ok := n.(*ast.BranchStmt); ok && br.Tok == token.GOTO {
			found = true
		}
		return !found
	})
	return found
}

// falls reports whether control can leave block by its end.
func (a *acq) falls(block *ast.BlockStmt) bool {
	w := newWalker(a, nil)
	_, falls := w.list(block.List, live)
	return falls
}

// isBodyType reports whether a value of type t is a body to drain and
// close itself: an interface with Read and Close() error (io.ReadCloser).
func isBodyType(t types.Type) bool {
	return types.IsInterface(t) && knowledge.IsReader(t) && knowledge.HasClose(t)
}

// body returns the text of the body of v: v.Body, or v for a body.
func (a *acq) bodyText() string {
	if a.isBody {
		return a.v.Name()
	}
	return a.v.Name() + ".Body"
}

// closeMethod returns the holder's method that closes the response it
// holds (see closeMethodOf).
func (a *acq) closeMethod() *types.Func { return closeMethodOf(a.b, a.v.Type()) }

// isErrCheck reports whether st is `if err != nil { ... }` (or `nil !=
// err`) on the variable errv, with no init and no else.
func isErrCheck(info *types.Info, st *ast.IfStmt, errv *types.Var) bool {
	if st.Init != nil || st.Else != nil {
		return false
	}
	b, ok := ast.Unparen(st.Cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return false
	}
	x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
	if info.Types[x].IsNil() {
		x, y = y, x
	}
	id, ok := x.(*ast.Ident)
	return ok && info.ObjectOf(id) == errv && info.Types[y].IsNil()
}

// edits accumulates the edits of one fix.
type edits struct {
	edits   []analysis.TextEdit
	removed map[ast.Stmt]bool
	drained map[ast.Node]bool // releases that got their drain
	ioAt    []place           // where the io package is named
	ioUses  []*ioUse
}

// ioUse is a piece of text that names package io, filled in by finish.
type ioUse struct {
	edit int    // index of the edit
	text string // with ioPlaceholder for the package name
}

func (a *acq) newEdits() *edits {
	return &edits{removed: map[ast.Stmt]bool{}, drained: map[ast.Node]bool{}}
}

// finish resolves the io name, adds the import and returns the fix.
func (a *acq) finish(e *edits, msg string) (analysis.SuggestedFix, bool) {
	if len(e.ioUses) > 0 {
		name, imp, ok := a.b.ioImport(a.file, e.ioAt)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		for _, u := range e.ioUses {
			e.edits[u.edit].NewText = []byte(fillIO(u.text, name))
		}
		e.edits = append(e.edits, imp...)
	}
	return analysis.SuggestedFix{Message: msg, TextEdits: e.edits}, true
}
