package httpfacts

import (
	"go/ast"
	"go/token"
	"go/types"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/bodyclose/bodyclose/internal/knowledge"
)

// noReturnFact marks a function that never returns: no return statement is
// reachable in its control-flow graph (go/cfg), because every path ends in
// panic, in a call to a function that never returns (os.Exit, log.Fatal,
// t.Fatal, a helper of ours that calls them), or in an endless loop. It is
// the fact of x/tools' ctrlflow analyzer, for the same functions.
//
// We compute it ourselves instead of requiring ctrlflow because, under go
// vet, a facts analyzer and everything it requires run on every dependency:
// ctrlflow (with the inspector it requires) builds the control-flow graph of
// every function of every dependency, which cost about as much as our own
// analysis. Here a cheap walk of each body first finds the few functions
// that could possibly never return (candidates: see noReturns); only those
// get a control-flow graph, built with ctrlflow's rules, so the facts are
// the same.
type noReturnFact struct{}

func (*noReturnFact) AFact() {}

func (*noReturnFact) String() string { return "noReturn" }

// noReturns knows which functions never return, for the SSA builder
// (ssa.Program.SetNoReturn): those of this package, computed by
// computeNoReturns, and those of other packages, by their facts. Its
// methods are safe for concurrent use.
type noReturns struct {
	pass *analysis.Pass
	mu   sync.Mutex
	ours map[*types.Func]bool // this package's functions that never return
	imp  map[*types.Func]bool // memo of other packages' facts
}

// NoReturn reports whether calls to fn never return.
func (n *noReturns) NoReturn(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if fn.Pkg() == n.pass.Pkg {
		return n.ours[fn]
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	no, ok := n.imp[fn]
	if !ok {
		no = n.pass.ImportObjectFact(fn, new(noReturnFact))
		n.imp[fn] = no
	}
	return no
}

// noReturnDecl is what computeNoReturns knows of one function declaration.
type noReturnDecl struct {
	decl *ast.FuncDecl
	// calls are the static callees of the call statements of its body.
	calls []*types.Func
	// direct: the body has a construct that can end a path without a
	// return (a statement call to panic or to another package's function
	// that never returns, a for loop without condition, a goto).
	direct    bool
	candidate bool
	started   bool // ctrlflow's cycle breaker
}

// computeNoReturns finds the functions of the package that never return,
// exports their facts and returns them.
//
// ctrlflow builds each function's control-flow graph, in declaration order,
// asking of each call statement whether the callee may return (building
// the callee's graph first when it is declared in the package; a callee
// whose graph is being built may return: that breaks cycles). A path of
// go/cfg ends without a return only at a statement call that may not
// return, in a for loop without condition, in a goto loop or in an empty
// select (a select with clauses ends where one of its clauses does); so a
// body without these, nor statement calls to a candidate of this package,
// returns, whatever the order. Only candidates, functions that have them
// directly or call a candidate, get a graph, in ctrlflow's order and with
// its cycle breaking, which gives its answers: a non-candidate's graph
// would only have visited non-candidates.
func computeNoReturns(pass *analysis.Pass) *noReturns {
	n := &noReturns{pass: pass, ours: map[*types.Func]bool{}, imp: map[*types.Func]bool{}}
	decls := map[*types.Func]*noReturnDecl{}
	var order []*types.Func
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			di := &noReturnDecl{decl: fd}
			decls[fn] = di
			order = append(order, fn)
			if no, known := knowledge.NoReturnIntrinsic(fn); known {
				di.direct = no
			} else if fd.Body != nil {
				n.scan(fd.Body, di)
			}
		}
	}
	// Candidates: direct ones, then their callers, to a fixpoint.
	callers := map[*types.Func][]*types.Func{}
	var work []*types.Func
	for _, fn := range order {
		di := decls[fn]
		for _, c := range di.calls {
			if _, ok := decls[c]; ok {
				callers[c] = append(callers[c], fn)
			}
		}
		if di.direct {
			di.candidate = true
			work = append(work, fn)
		}
	}
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		for _, caller := range callers[fn] {
			if di := decls[caller]; !di.candidate {
				di.candidate = true
				work = append(work, caller)
			}
		}
	}
	var build func(fn *types.Func, di *noReturnDecl)
	mayReturn := func(call *ast.CallExpr) bool {
		if isPanic(pass.TypesInfo, call) {
			return false
		}
		fn := typeutil.StaticCallee(pass.TypesInfo, call)
		if fn == nil {
			return true
		}
		if di, ok := decls[fn]; ok {
			build(fn, di)
			return !n.ours[fn]
		}
		return !n.NoReturn(fn)
	}
	build = func(fn *types.Func, di *noReturnDecl) {
		if di.started {
			return
		}
		di.started = true
		no, known := knowledge.NoReturnIntrinsic(fn)
		if !known && di.candidate && di.decl.Body != nil {
			no = cfg.New(di.decl.Body, mayReturn).NoReturn()
		}
		if no {
			n.ours[fn] = true
			pass.ExportObjectFact(fn, new(noReturnFact))
		}
	}
	for _, fn := range order {
		build(fn, decls[fn])
	}
	return n
}

// scan records in di what body holds that could end a path without a
// return: the statement calls, for loops without condition, gotos and
// empty selects. It visits statements the way go/cfg does (a function
// literal's body is a graph of its own) and never looks into expressions,
// so it costs a fraction of a walk of the whole syntax tree.
func (n *noReturns) scan(body *ast.BlockStmt, di *noReturnDecl) {
	info := n.pass.TypesInfo
	var stmt func(s ast.Stmt)
	list := func(ss []ast.Stmt) {
		for _, s := range ss {
			stmt(s)
		}
	}
	stmt = func(s ast.Stmt) {
		switch s := s.(type) {
		case *ast.ExprStmt:
			call, ok := s.X.(*ast.CallExpr) // as go/cfg has it: not (f)()
			if !ok {
				return
			}
			if isPanic(info, call) {
				di.direct = true
				return
			}
			fn := typeutil.StaticCallee(info, call)
			if fn == nil {
				return
			}
			if fn.Pkg() == n.pass.Pkg {
				di.calls = append(di.calls, fn)
			} else if n.NoReturn(fn) {
				di.direct = true
			}
		case *ast.LabeledStmt:
			stmt(s.Stmt)
		case *ast.BranchStmt:
			if s.Tok == token.GOTO {
				di.direct = true
			}
		case *ast.BlockStmt:
			list(s.List)
		case *ast.IfStmt:
			if s.Init != nil {
				stmt(s.Init)
			}
			stmt(s.Body)
			if s.Else != nil {
				stmt(s.Else)
			}
		case *ast.SwitchStmt:
			if s.Init != nil {
				stmt(s.Init)
			}
			for _, c := range s.Body.List {
				list(c.(*ast.CaseClause).Body)
			}
		case *ast.TypeSwitchStmt:
			if s.Init != nil {
				stmt(s.Init)
			}
			for _, c := range s.Body.List {
				list(c.(*ast.CaseClause).Body)
			}
		case *ast.SelectStmt:
			if len(s.Body.List) == 0 { // select {} blocks forever
				di.direct = true
			}
			for _, c := range s.Body.List {
				list(c.(*ast.CommClause).Body)
			}
		case *ast.ForStmt:
			if s.Cond == nil {
				di.direct = true
			}
			if s.Init != nil {
				stmt(s.Init)
			}
			if s.Post != nil {
				stmt(s.Post)
			}
			stmt(s.Body)
		case *ast.RangeStmt:
			stmt(s.Body)
		}
	}
	stmt(body)
}

// isPanic reports whether call calls the panic builtin.
func isPanic(info *types.Info, call *ast.CallExpr) bool {
	id, ok := call.Fun.(*ast.Ident)
	return ok && info.Uses[id] == panicBuiltin
}

var panicBuiltin = types.Universe.Lookup("panic").(*types.Builtin)
