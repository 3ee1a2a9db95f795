package fixes

// The shapes of Close, and the drain edits they share with Drain.

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
)

var noFix analysis.SuggestedFix

// closer returns what closes a's response.
func (a *acq) closer() closer {
	c := closer{v: a.v.Name()}
	if a.holder {
		c.close = a.v.Name() + "." + a.closeM.Name() + "()"
		if a.drain {
			c.drain = a.v.Name() // a holder that is a reader (prepare checked)
		}
		return c
	}
	c.close, c.body = a.bodyText()+".Close()", true
	if a.drain {
		c.drain = a.bodyText()
	}
	return c
}

// deferable reports whether a deferred close right after the error check
// is right: the call is in no loop, every leak is a return, the function
// returns the response on no path and hands it on nowhere, and nothing
// that outlives the function holds the body.
func (a *acq) deferable() bool {
	res := a.s.Result
	if a.inLoop || res.Escaped || len(res.Returned) > 0 {
		return false
	}
	for _, l := range res.Leaks {
		if l.Kind != lifetime.ExitReturn {
			return false
		}
	}
	return !a.escapes(a.body, true)
}

// deferClose writes the deferred close after the error check, and removes
// the closes it makes redundant where that changes nothing else.
func (a *acq) deferClose() (analysis.SuggestedFix, bool) {
	after := ast.Stmt(a.stmt)
	if a.check != nil {
		after = a.check
	}
	if a.b.lookup(a.v.Name(), a.b.after(after)) != a.v {
		return noFix, false
	}
	c := a.closer()
	c.guard = a.errv == nil || a.nilCompared()
	ls := c.deferLines(a.reassigned() || a.addressTaken())
	if ls == nil {
		return noFix, false
	}
	e := a.newEdits()
	a.insertAfter(e, after, ls)
	keep := a.otherDefersMention()
	var rels []ast.Node
	for n := range a.release {
		rels = append(rels, n)
	}
	sort.Slice(rels, func(i, j int) bool { return rels[i].Pos() < rels[j].Pos() })
	for _, n := range rels {
		st := a.release[n]
		switch n := n.(type) {
		case *ast.DeferStmt:
			if a.closesV(n.Call) {
				a.removeDefer(e, n)
			}
		case *ast.CallExpr:
			if !keep && a.closesV(n) && a.redundantClose(st, n) {
				a.remove(e, st)
			}
		}
	}
	msg := "close the body (deferred, after the error check)"
	if a.drain {
		msg = "drain and close the body (deferred, after the error check)"
		// Every deferred close that stays runs before the new one (last
		// in, first out): each drains first too.
		for _, n := range rels {
			ds, ok := n.(*ast.DeferStmt)
			if !ok || e.removed[ds] || e.drained[ds] || a.s.Result.Uses[a.deferInstr(ds)].Effect != lifetime.Release {
				continue
			}
			e.drained[ds] = true
			if !a.b.idx.InList(ds) || !a.drainDefer(e, ds) {
				return noFix, false
			}
		}
		if !a.drainOthers(e) {
			return noFix, false
		}
	}
	if a.holder {
		msg = "close the response with " + a.closeM.Name() + " (deferred, after the error check)"
	}
	return a.finish(e, msg)
}

// exitCloses writes a close before each exit of the response's scope
// where the walk and the engine agree it is still open.
func (a *acq) exitCloses() (analysis.SuggestedFix, bool) {
	res := a.s.Result
	if !a.defines || a.errv == nil || res.Escaped || a.guardedUse() ||
		a.reassigned() || a.addressTaken() || a.nilCompared() || a.capturedOrDeferred() ||
		a.escapes(a.scopeNode(), false) {
		return noFix, false
	}
	w := newWalker(a, a.release)
	w.handsOn = a.handsOn
	first := a.at + 1
	if a.check != nil {
		first++
	}
	out, falls := w.list(a.list[first:], live)
	if w.fail {
		return noFix, false
	}
	if falls {
		w.exits = append(w.exits, exitPoint{stmt: a.list[len(a.list)-1], end: true, state: out})
	}
	if !a.agrees(w.exits) {
		return noFix, false
	}
	c := a.closer()
	e := a.newEdits()
	for _, x := range w.exits {
		switch x.state {
		case closed:
			continue
		case live:
		default:
			return noFix, false // open on some paths only: a close here could run twice
		}
		pos := a.b.before(x.stmt)
		if x.end {
			pos = a.b.after(x.stmt)
		}
		if a.b.lookup(a.v.Name(), pos) != a.v {
			return noFix, false // shadowed there
		}
		if x.ret != nil && mentions(a.b.info, x.ret, a.v, a.aliases) {
			return noFix, false // the return still reads the body
		}
		if x.end {
			a.insertAfter(e, x.stmt, c.closeLines())
		} else {
			a.insertBefore(e, x.stmt, c.closeLines())
		}
	}
	if len(e.edits) == 0 {
		return noFix, false
	}
	if a.drain && !a.drainOthers(e) {
		return noFix, false
	}
	msg := "close the body where it leaves the scope"
	if a.inLoop {
		msg = "close the body before the loop goes on or leaves (no defer in a loop)"
	}
	return a.finish(e, msg)
}

// agrees reports whether the exits the walk found open are the leaks the
// engine found: the same returns inside the scope, and some other exit
// (a branch, the end of the scope) exactly when the engine saw the
// response reach the next iteration or a return outside the scope.
func (a *acq) agrees(exits []exitPoint) bool {
	start, end := a.stmt.Pos(), a.list[len(a.list)-1].End()
	engine, walked := map[token.Pos]bool{}, map[token.Pos]bool{}
	engineOther, walkedOther := false, false
	for _, l := range a.s.Result.Leaks {
		switch l.Kind {
		case lifetime.ExitLoop:
			engineOther = true
		case lifetime.ExitReturn:
			if p := l.Instr.Pos(); p.IsValid() && p >= start && p < end {
				engine[p] = true
			} else {
				engineOther = true
			}
		default:
			return false
		}
	}
	for _, x := range exits {
		switch {
		case x.state == closed:
		case x.ret != nil:
			walked[x.ret.Return] = true
		default:
			walkedOther = true
		}
	}
	return maps.Equal(engine, walked) && engineOther == walkedOther
}

// handsOn reports whether ret returns the response (or its body) itself:
// the caller then owns it, and this is no exit where it leaks.
func (a *acq) handsOn(ret *ast.ReturnStmt) bool {
	for _, r := range ret.Results {
		switch r := ast.Unparen(r).(type) {
		case *ast.Ident:
			if x, ok := a.b.info.ObjectOf(r).(*types.Var); ok && a.aliases[x] {
				return true
			}
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(r.X).(*ast.Ident); ok && a.b.info.ObjectOf(id) == a.v {
				if f, ok := a.b.info.ObjectOf(r.Sel).(*types.Var); ok && knowledge.IsBodyField(f) {
					return true
				}
			}
		}
	}
	return false
}

// discarded fixes a response that is never bound: the call as a
// statement, or `_, err := call`. It is closed at once where the error is
// nil (or the response is not nil): nothing reads it.
func (a *acq) discarded() (analysis.SuggestedFix, bool) {
	if a.stmt == nil || a.nresults < 1 {
		return noFix, false
	}
	rt := a.b.info.TypeOf(a.call)
	if t, ok := rt.(*types.Tuple); ok {
		rt = t.At(0).Type()
	}
	// What closes a response bound to name, and drains it first when asked.
	var closerFor func(name string) closer
	switch {
	case knowledge.IsResponsePtr(rt), isBodyType(rt):
		body := ".Body"
		if isBodyType(rt) {
			body = ""
		}
		closerFor = func(name string) closer {
			c := closer{v: name, close: name + body + ".Close()", body: true}
			if a.drain {
				c.drain = name + body
			}
			return c
		}
	default:
		m := closeMethodOf(a.b, rt)
		if m == nil {
			return noFix, false
		}
		drainSelf := false
		if a.drainFile && !a.b.facts.DrainsArg(m, 0) { // calling m looks at it
			if !implementsReader(rt) {
				return noFix, false
			}
			drainSelf = true
		}
		closerFor = func(name string) closer {
			c := closer{v: name, close: name + "." + m.Name() + "()"}
			if drainSelf {
				c.drain = name
			}
			return c
		}
	}
	e := a.newEdits()
	switch st := a.stmt.(type) {
	case *ast.AssignStmt:
		if st.Tok == token.DEFINE && a.nresults == 2 && a.errv != nil {
			// _, err := call  →  resp, err := call; if err == nil { close }
			name := a.b.freshName("resp", nil, a.b.before(st), a.b.after(st))
			c := closerFor(name)
			if a.b.lookup(a.errv.Name(), a.b.after(st)) != a.errv {
				return noFix, false
			}
			a.addText(e, st.Lhs[0].Pos(), st.Lhs[0].End(), name, a.b.before(st))
			ls := append([]string{"if " + a.errv.Name() + " == nil {"}, indentAll(c.closeLines())...)
			a.insertAfter(e, st, append(ls, "}"))
			return a.finish(e, "close the discarded response")
		}
		for _, l := range st.Lhs {
			if id, ok := l.(*ast.Ident); !ok || id.Name != "_" || st.Tok != token.ASSIGN {
				return noFix, false
			}
		}
	case *ast.ExprStmt:
	default:
		return noFix, false
	}
	// call  →  if resp, err := call; err == nil { close }
	callText, ok := a.text(a.call)
	if !ok {
		return noFix, false
	}
	c := closerFor("resp")
	head := "if resp := " + callText + "; resp != nil {"
	if a.nresults == 2 {
		head = "if resp, err := " + callText + "; err == nil {"
	}
	ls := append([]string{head}, indentAll(c.closeLines())...)
	ind := a.b.indent(a.stmt.Pos())
	a.addText(e, a.stmt.Pos(), a.stmt.End(), lines(ind, append(ls, "}")), a.b.before(a.stmt))
	return a.finish(e, "close the discarded response")
}

func indentAll(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = "\t" + l
	}
	return out
}

// drainOthers adds, for a close that drains, the drains the rest of the
// function needs so that no close still comes before a drain: the drain
// analysis of the function as it stands, minus what the fix removed.
func (a *acq) drainOthers(e *edits) bool {
	res := a.b.facts.Analyze(a.s.Source.Resource(a.s.Fn), a.b.facts.DrainSpec())
	if res.Incomplete {
		return false
	}
	return a.drainExits(e, res)
}

// drainExits adds a drain for every exit of a drain analysis: before a
// direct close that comes before the drain; for a pending deferred
// `X.Close()`, a deferred drain and close in its place; for another
// deferred release, a deferred drain registered right after it (deferred
// calls run last in, first out).
func (a *acq) drainExits(e *edits, res *lifetime.Result) bool {
	done := e.drained
	leaks := res.Leaks
	// The engine names one pending deferred release per return; another
	// registered on another path to the same return is as undrained. So
	// once one is, every deferred release that does not drain gets its
	// drain.
	for _, l := range res.Leaks {
		if l.Kind == lifetime.ExitReturn && l.Deferred != nil {
			for instr, u := range res.Uses {
				if d, ok := instr.(*ssa.Defer); ok && u.Effect == lifetime.Release {
					leaks = append(leaks, lifetime.Exit{Kind: lifetime.ExitReturn, Instr: l.Instr, Deferred: d})
				}
			}
			break
		}
	}
	sort.SliceStable(leaks, func(i, j int) bool { return exitPos(leaks[i]) < exitPos(leaks[j]) })
	for _, l := range leaks {
		switch l.Kind {
		case lifetime.ExitEarlyRelease:
			n, st := a.releaseSyntax(l.Instr.Pos())
			if st == nil {
				return false
			}
			if e.removed[st] || done[st] {
				continue
			}
			done[st] = true
			call, ok := n.(*ast.CallExpr)
			if !ok || !a.b.idx.InList(st) || !drainable(st) {
				return false
			}
			text, ok := a.drainTarget(call, a.b.before(st))
			if !ok {
				return false
			}
			a.insertBefore(e, st, []string{drainText(text)})
		case lifetime.ExitReturn:
			if l.Deferred == nil {
				return false
			}
			n, _ := a.releaseSyntax(l.Deferred.Pos())
			ds, ok := n.(*ast.DeferStmt)
			if !ok || !a.b.idx.InList(ds) {
				return false
			}
			if e.removed[ds] || done[ds] {
				continue
			}
			done[ds] = true
			if !a.drainDefer(e, ds) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// exitPos orders exits by the syntax they fix (maps give no order).
func exitPos(l lifetime.Exit) token.Pos {
	if l.Deferred != nil {
		return l.Deferred.Pos()
	}
	return l.Instr.Pos()
}

// deferInstr returns the SSA defer instruction of ds among the uses.
func (a *acq) deferInstr(ds *ast.DeferStmt) ssa.Instruction {
	for instr := range a.s.Result.Uses {
		if d, ok := instr.(*ssa.Defer); ok && d.Pos() == ds.Defer {
			return d
		}
	}
	return nil
}

// drainDefer makes the deferred release ds drain first.
func (a *acq) drainDefer(e *edits, ds *ast.DeferStmt) bool {
	info := a.b.info
	if x := closeRecv(info, ds.Call); x != nil && knowledge.IsReader(info.TypeOf(x)) {
		text, ok := a.text(x)
		if !ok || !a.b.visible(x, a.b.before(ds)) {
			return false
		}
		var ls []string
		switch {
		case a.stable(x):
			ls = closer{close: text + ".Close()", drain: text, body: true}.deferLines(false)
		case isReadCloser(info.TypeOf(x)):
			ls = deferDrainClose("body", ioMark+".ReadCloser", text)
		default:
			return false
		}
		ind := a.b.indent(ds.Pos())
		a.addText(e, ds.Pos(), ds.End(), lines(ind, ls), a.b.before(ds))
		e.removed[ds] = true
		return true
	}
	// A helper or a closure releases it: drain first, by a defer
	// registered after it, evaluating the body now, as the helper's
	// argument was.
	if a.loopAround(ds) {
		return false // never a new defer in a loop
	}
	var arg string
	if len(ds.Call.Args) == 1 && knowledge.IsReader(info.TypeOf(ds.Call.Args[0])) {
		if !a.b.visible(ds.Call.Args[0], a.b.after(ds)) {
			return false
		}
		arg, _ = a.text(ds.Call.Args[0])
	} else if a.v != nil && !a.holder && ds.Pos() > a.call.End() && !a.reassignedAfter(a.call.End()) && a.b.lookup(a.v.Name(), a.b.after(ds)) == a.v {
		// The variable holds this response where ds is registered, and
		// at the exit, only when ds follows the acquisition and nothing
		// else is stored in it after that: a closure deferred before `resp, err = c.Get(u)` closes the
		// new response at the exit, while a drain evaluating resp.Body
		// at ds would read the one before.
		arg = a.bodyText()
	}
	if arg == "" {
		return false
	}
	a.insertAfter(e, ds, deferDrain("body", ioMark+".Reader", arg))
	return true
}

// drainable reports whether a drain can be written right before st and
// run before the close in it: a simple statement, or an if whose init or
// condition closes.
func drainable(st ast.Stmt) bool {
	switch st.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.ReturnStmt, *ast.IfStmt, *ast.DeclStmt, *ast.SendStmt, *ast.IncDecStmt:
		return true
	}
	return false
}

// drainTarget returns the text of the body to drain before the release
// call, written at pos: the body the call closes when the syntax shows it
// (X.Close(), a helper's argument), else the body of the acquisition's
// variable when that always holds this response (a closure that closes
// what it captured).
func (a *acq) drainTarget(call *ast.CallExpr, pos place) (string, bool) {
	if body, suffix := a.closedBody(call); body != nil {
		text, ok := a.text(body)
		return text + suffix, ok && a.b.visible(body, pos)
	}
	if a.v == nil || (a.holder && !implementsReader(a.v.Type())) || a.reassigned() || a.addressTaken() ||
		a.b.lookup(a.v.Name(), pos) != a.v {
		return "", false
	}
	if a.holder {
		return a.v.Name(), true
	}
	return a.bodyText(), true
}

// closedBody returns the body a release call closes: X in X.Close(), or
// the single argument of a helper; suffix is ".Body" when that argument
// is the response.
func (a *acq) closedBody(call *ast.CallExpr) (x ast.Expr, suffix string) {
	info := a.b.info
	if x := closeRecv(info, call); x != nil && knowledge.IsReader(info.TypeOf(x)) {
		return x, ""
	}
	if len(call.Args) != 1 {
		return nil, ""
	}
	arg := call.Args[0]
	switch t := info.TypeOf(arg); {
	case knowledge.IsReader(t):
		return arg, ""
	case knowledge.IsResponsePtr(t):
		if _, ok := ast.Unparen(arg).(*ast.Ident); ok {
			return arg, ".Body"
		}
	}
	return nil, ""
}

// closeRecv returns X of a call X.Close() of a Close() error method.
func closeRecv(info *types.Info, call *ast.CallExpr) ast.Expr {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	if m, ok := info.Uses[sel.Sel].(*types.Func); !ok || !knowledge.IsCloseMethod(m) {
		return nil
	}
	return sel.X
}

func isReadCloser(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "io" && n.Obj().Name() == "ReadCloser"
}
