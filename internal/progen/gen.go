package progen

import "fmt"

// gen holds the state of one program's generation.
type gen struct {
	ch  Chooser
	cfg Config
	io  bool

	// per function
	vars     int  // names handed out
	labels   int  // labels handed out
	nvar     int  // acquisitions so far
	shadowed byte // names already shadowed: 1 io, 2 resp
	returns  bool // the function returns (*http.Response, error)
}

// scope is what a block may refer to.
type scope struct {
	vars       []local // responses and holders declared in enclosing blocks
	loops      []*Loop // enclosing loops of this function (or closure), innermost last
	inLoop     bool    // the innermost breakable statement is a loop
	closure    bool    // in a function literal: returns are bare
	ioShadowed bool    // a local io hides the package
}

type local struct {
	name   string
	holder bool
}

func (s scope) nested() scope {
	s.vars = append([]local(nil), s.vars...)
	s.loops = append([]*Loop(nil), s.loops...)
	return s
}

// block generates up to max statements; it stops after one that leaves.
func (g *gen) block(depth int, sc scope, max int) []Stmt {
	sc = sc.nested()
	n := 1 + g.ch.IntN(max)
	var out []Stmt
	for i := 0; i < n; i++ {
		sts, leaves := g.stmt(depth, &sc)
		out = append(out, sts...)
		if leaves {
			break
		}
	}
	return out
}

type choice uint8

const (
	chAcquire choice = iota
	chIf
	chLoop
	chSwitch
	chSelect
	chClose
	chDrain
	chUse
	chRead
	chReturn
	chBranch
	chClosure
	chShadow
	chWait
	chReturnResp
	chReassign
)

// stmt generates one statement (an acquisition comes with its error
// check and a use); leaves reports whether control never goes on after it.
func (g *gen) stmt(depth int, sc *scope) (sts []Stmt, leaves bool) {
	var menu []choice
	add := func(c choice, w int) {
		for ; w > 0; w-- {
			menu = append(menu, c)
		}
	}
	deep := depth < g.cfg.MaxDepth
	if g.nvar < 3 {
		add(chAcquire, 5)
	}
	if deep {
		add(chIf, 3)
		add(chLoop, 2)
		add(chSwitch, 1)
		add(chSelect, 1)
		add(chClosure, 1)
	}
	if len(sc.vars) > 0 {
		add(chClose, 4)
		add(chUse, 1)
		add(chRead, 1)
		if g.io && !sc.ioShadowed {
			add(chDrain, 2)
		}
	}
	add(chReturn, 1)
	if g.returns && !sc.closure && hasResponse(sc) {
		add(chReturnResp, 2)
	}
	if g.nvar < 3 && hasResponse(sc) {
		add(chReassign, 1)
	}
	if len(sc.loops) > 0 {
		add(chBranch, 2)
	}
	if g.shadowed != 3 {
		add(chShadow, 1)
	}
	add(chWait, 1)

	switch menu[g.ch.IntN(len(menu))] {
	case chAcquire:
		return g.acquire(sc), false
	case chIf:
		st := &If{Cond: g.cond(sc)}
		st.Then = g.block(depth+1, *sc, g.cfg.MaxStmts)
		if g.ch.IntN(2) == 0 {
			st.Else = g.block(depth+1, *sc, g.cfg.MaxStmts)
		}
		return []Stmt{st}, false
	case chLoop:
		g.labels++
		l := &Loop{Kind: LoopKind(g.ch.IntN(3)), Label: fmt.Sprintf("L%d", g.labels)}
		inner := sc.nested()
		inner.loops = append(inner.loops, l)
		inner.inLoop = true
		l.Body = g.block(depth+1, inner, g.cfg.MaxStmts)
		return []Stmt{l}, false
	case chSwitch:
		st := &Switch{}
		if v, ok := g.pick(sc); ok && g.ch.IntN(2) == 0 {
			st.Var, st.Holder = v.name, v.holder
		}
		inner := sc.nested()
		inner.inLoop = false
		st.Cases = [][]Stmt{g.block(depth+1, inner, g.cfg.MaxStmts), g.block(depth+1, inner, g.cfg.MaxStmts)}
		if g.ch.IntN(2) == 0 {
			st.Default = g.block(depth+1, inner, g.cfg.MaxStmts)
		}
		return []Stmt{st}, false
	case chSelect:
		inner := sc.nested()
		inner.inLoop = false
		return []Stmt{&Select{Done: g.block(depth+1, inner, g.cfg.MaxStmts), After: g.block(depth+1, inner, 2)}}, false
	case chClosure:
		inner := sc.nested()
		inner.loops, inner.inLoop, inner.closure = nil, false, true
		return []Stmt{&Closure{Defer: g.ch.IntN(3) == 0, Body: g.block(depth+1, inner, g.cfg.MaxStmts)}}, false
	case chClose:
		v, _ := g.pick(sc)
		how := CloseHow(g.ch.IntN(int(numCloses)))
		if v.holder && how != CloseDefer {
			how = CloseDirect // a holder closes by its method, directly or deferred
		}
		if how == CloseDrainHelper && !g.io {
			how = CloseHelper
		}
		return []Stmt{&Close{Var: v.name, Holder: v.holder, How: how}}, false
	case chDrain:
		v, _ := g.pick(sc)
		if v.holder {
			return []Stmt{&Use{Var: v.name, Holder: true}}, false
		}
		return []Stmt{&Drain{Var: v.name, ReadAll: g.ch.IntN(2) == 0}}, false
	case chUse, chRead:
		v, _ := g.pick(sc)
		return []Stmt{&Use{Var: v.name, Holder: v.holder, Read: !v.holder && g.ch.IntN(2) == 0}}, false
	case chReturn:
		return []Stmt{&Return{Err: !sc.closure && g.ch.IntN(2) == 0}}, true
	case chReturnResp:
		return []Stmt{&Return{Var: g.pickResponse(sc)}}, true
	case chReassign:
		return g.reassign(sc), false
	case chBranch:
		b := &Branch{Continue: g.ch.IntN(2) == 0}
		if !sc.inLoop && !b.Continue || g.ch.IntN(3) == 0 {
			// Name a loop: an outer one, or the innermost when a switch
			// or select stands between.
			l := sc.loops[g.ch.IntN(len(sc.loops))]
			if !sc.inLoop && !b.Continue {
				l = sc.loops[len(sc.loops)-1]
			}
			l.used = true
			b.Label = l.Label
		}
		return []Stmt{b}, true
	case chShadow:
		name := "io"
		if g.shadowed&1 != 0 || (g.shadowed&2 == 0 && g.ch.IntN(2) == 0) {
			name = "resp"
		}
		if name == "io" {
			g.shadowed |= 1
			sc.ioShadowed = true
		} else {
			g.shadowed |= 2
		}
		return []Stmt{&Shadow{Name: name}}, false
	}
	return []Stmt{&Wait{}}, false
}

// acquire generates an acquisition, its check and a first use.
func (g *gen) acquire(sc *scope) []Stmt {
	g.nvar++
	g.vars++
	a := &Acquire{Source: Source(g.ch.IntN(int(numSources)))}
	switch r := g.ch.IntN(10); {
	case r < 7:
		a.Bind = BindVar
	case r < 8:
		a.Bind = BindBlankErr
	case r < 9:
		a.Bind = BindDiscard
	default:
		a.Bind = BindStmt
	}
	holder := a.Source == SrcHolder
	if a.Bind == BindVar || a.Bind == BindBlankErr {
		if holder {
			a.Var = fmt.Sprintf("doc%d", g.vars)
		} else {
			a.Var = fmt.Sprintf("resp%d", g.vars)
		}
	}
	if a.Source == SrcDo || a.Source == SrcDoHead {
		a.Req = fmt.Sprintf("req%d", g.vars)
	}
	a.Check = CheckNone
	if a.Bind == BindVar || a.Bind == BindDiscard {
		a.Err = fmt.Sprintf("err%d", g.vars)
		checks := []Check{CheckReturn, CheckReturn, CheckPanic, CheckFatal}
		if sc.inLoop {
			checks = append(checks, CheckContinue, CheckContinue, CheckBreak)
		} else if len(sc.loops) > 0 {
			checks = append(checks, CheckContinue)
		}
		a.Check = checks[g.ch.IntN(len(checks))]
	}
	sts := []Stmt{a}
	if a.Var != "" {
		sc.vars = append(sc.vars, local{name: a.Var, holder: holder})
		sts = append(sts, &Use{Var: a.Var, Holder: holder})
	}
	return sts
}

// reassign generates an acquisition into a response variable in scope.
func (g *gen) reassign(sc *scope) []Stmt {
	g.nvar++
	g.vars++
	a := &Acquire{Var: g.pickResponse(sc), Err: fmt.Sprintf("err%d", g.vars), Reassign: true, Bind: BindVar}
	switch g.ch.IntN(3) {
	case 0:
		a.Source = SrcGet
	case 1:
		a.Source = SrcFetch
	default:
		a.Source = SrcDo
		a.Req = fmt.Sprintf("req%d", g.vars)
	}
	a.Check = CheckReturn
	if sc.inLoop && g.ch.IntN(2) == 0 {
		a.Check = CheckContinue
	}
	return []Stmt{a, &Use{Var: a.Var}}
}

func hasResponse(sc *scope) bool {
	for _, v := range sc.vars {
		if !v.holder {
			return true
		}
	}
	return false
}

// pickResponse returns a response (not a holder) in scope; there is one.
func (g *gen) pickResponse(sc *scope) string {
	var rs []string
	for _, v := range sc.vars {
		if !v.holder {
			rs = append(rs, v.name)
		}
	}
	return rs[g.ch.IntN(len(rs))]
}

// pick returns a response or holder in scope.
func (g *gen) pick(sc *scope) (local, bool) {
	if len(sc.vars) == 0 {
		return local{}, false
	}
	return sc.vars[g.ch.IntN(len(sc.vars))], true
}

// cond generates a condition: on the parameters, or on the status of a
// response in scope.
func (g *gen) cond(sc *scope) Cond {
	if v, ok := g.pick(sc); ok && g.ch.IntN(2) == 0 {
		return Cond{Kind: CondKind(int(CondStatusOK) + g.ch.IntN(3)), Var: v.name, Holder: v.holder}
	}
	return Cond{Kind: CondKind(g.ch.IntN(3)), N: 1 + g.ch.IntN(3)}
}
