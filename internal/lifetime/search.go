package lifetime

// The path search: states, successors, exits.

import (
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// state is one point of the path search.
type state struct {
	b     *ssa.BasicBlock
	start int
	bad   bool // took the bad side of a status check
	// touched: (drain modes) took a branch whose condition reads the
	// resource (a header, a length, a status).
	touched bool
	// read: (drain modes) some call on this path read from the resource;
	// whole: one that reads it as a whole document (Use.Whole).
	read, whole bool
	// valid: the path took the good side of a status check, or the nil
	// side of a status-check helper's error (Exit.Validated).
	valid bool
	fresh bool        // the error cells hold Acquire's error
	errs  []ssa.Value // values equal to Acquire's error on this path
	// defers are the deferred drains and releases registered on this
	// path, in order (drain modes): they run last in, first out.
	defers []deferredUse
	// deferred is, at an exit, the deferred release that runs there
	// before any drain (drain modes).
	deferred ssa.Instruction
	// slots are the local slots that hold the resource on this path.
	slots []ssa.Value
	// errDefers are the cells of the error-guarded deferred releases
	// registered on this path (Use.OnErrCell; ModeRelease).
	errDefers []ssa.Value
	// gone are the roots (phis, loads, variables) that hold something
	// other than the resource on this path (gone.go).
	gone []ssa.Value
	// varDefers are the variables whose content a deferred closure
	// registered on this path releases at the exit (ModeRelease).
	varDefers []ssa.Value
	// codes are the statuses the resource may still have (nil: any).
	codes *statusSet
	// others are the statuses other responses may still have (others.go).
	others []otherCodes
	// bools are bool phis of this block whose value on the way in was
	// known (is1xx := 100 <= code && code <= 199).
	bools []knownBool

	// Descriptive only (not part of the key): the first path found to
	// an exit explains it.
	recent [8]token.Pos // the last positions the path ran, most recent last
	turns  [4]Turn      // the last two-way branches the path took, most recent last
	// backRecent and backTurns are recent and turns as they were when the
	// path last went back along a loop's back edge from code the
	// acquisition dominates: what an ExitLoop explains (the statements
	// of the next iteration above the acquisition come after).
	backRecent [8]token.Pos
	backTurns  [4]Turn
	badIf      *ssa.If         // where the path took the bad side of a status check
	badSucc    *ssa.BasicBlock // that bad side
}

func (s *state) key(ids map[ssa.Value]int) string {
	var sb strings.Builder
	sb.WriteString(strconv.Itoa(s.b.Index))
	sb.WriteByte(':')
	sb.WriteString(strconv.Itoa(s.start))
	if s.bad {
		sb.WriteString("b")
	}
	if s.touched {
		sb.WriteString("t")
	}
	if s.read {
		sb.WriteString("r")
	}
	if s.whole {
		sb.WriteString("w")
	}
	if s.valid {
		sb.WriteString("v")
	}
	if s.fresh {
		sb.WriteString("f")
	}
	for _, d := range s.defers {
		sb.WriteString("d")
		sb.WriteString(strconv.Itoa(index(d.instr)))
		sb.WriteString("@")
		sb.WriteString(strconv.Itoa(d.instr.Block().Index))
	}
	if s.codes != nil {
		sb.WriteString("s")
		sb.WriteString(s.codes.key())
	}
	s.othersKey(&sb, ids)
	for _, kb := range s.bools {
		sb.WriteString("p")
		sb.WriteString(strconv.Itoa(valueID(ids, kb.v)))
		sb.WriteString("=")
		sb.WriteString(strconv.Itoa(valueID(ids, kb.edge)))
	}
	for _, c := range s.errDefers {
		sb.WriteString("e")
		sb.WriteString(strconv.Itoa(valueID(ids, c)))
	}
	for _, c := range s.varDefers {
		sb.WriteString("c")
		sb.WriteString(strconv.Itoa(valueID(ids, c)))
	}
	if len(s.gone) > 0 {
		gs := make([]int, len(s.gone))
		for i, v := range s.gone {
			gs[i] = valueID(ids, v)
		}
		sort.Ints(gs)
		for _, g := range gs {
			sb.WriteString("g")
			sb.WriteString(strconv.Itoa(g))
		}
	}
	var ns []int
	for _, v := range s.slots {
		ns = append(ns, -1-valueID(ids, v))
	}
	for _, e := range s.errs {
		ns = append(ns, valueID(ids, e))
	}
	sort.Ints(ns)
	for _, n := range ns {
		sb.WriteByte(',')
		sb.WriteString(strconv.Itoa(n))
	}
	return sb.String()
}

// valueID numbers v for state keys.
func valueID(ids map[ssa.Value]int, v ssa.Value) int {
	id, ok := ids[v]
	if !ok {
		id = len(ids)
		ids[v] = id
	}
	return id
}

// search walks every path from the acquisition (or the entry) and records
// leaking exits.
//
// starts are the states in which paths reach the acquisition (prefix);
// one search starts from each.
func (a *analysis) search(starts []start) {
	fn := a.r.Fn
	if len(fn.Blocks) == 0 {
		return
	}
	var stack []state
	for _, st := range starts {
		first := state{b: fn.Blocks[0]}
		if a.r.Acquire != nil {
			first = state{b: a.r.Acquire.Block(), start: index(a.r.Acquire) + 1}
		}
		if a.r.Err != nil {
			first.errs = []ssa.Value{a.r.Err}
		}
		first.varDefers = st.varDefers
		first.others = st.others
		first.defers = st.defers
		stack = append(stack, first)
	}
	ids := map[ssa.Value]int{}
	seen := map[string]bool{}
	seenExit := map[ssa.Instruction]bool{}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		k := s.key(ids)
		if seen[k] {
			continue
		}
		seen[k] = true
		if len(seen) > a.spec.budget() {
			a.res.Incomplete = true
			return
		}
		leak := func(kind ExitKind, at ssa.Instruction) {
			if !seenExit[at] {
				seenExit[at] = true
				e := Exit{Kind: kind, Instr: at, BadStatus: s.bad, ResourceCond: s.touched, Read: s.read, WholeRead: s.whole, Validated: s.valid, Deferred: s.deferred,
					Recent: s.recent, Turns: s.turns, BadIf: s.badIf, BadSucc: s.badSucc}
				if kind == ExitLoop && s.backRecent != ([8]token.Pos{}) {
					e.Recent, e.Turns = s.backRecent, s.backTurns
				}
				a.res.Leaks = append(a.res.Leaks, e)
			} else if s.bad {
				for i := range a.res.Leaks {
					if e := &a.res.Leaks[i]; e.Instr == at && !e.BadStatus {
						e.BadStatus, e.BadIf, e.BadSucc = true, s.badIf, s.badSucc
					}
				}
			}
		}
		next, done := a.walk(&s, leak)
		if done {
			continue
		}
		stack = append(stack, next...)
	}
}

// walk runs the instructions of s.b from s.start. It returns the successor
// states, or done when the path ended.
func (a *analysis) walk(s *state, leak func(ExitKind, ssa.Instruction)) (next []state, done bool) {
	instrs := s.b.Instrs
	// dead holds the loads of local slots made, in this block, while the
	// slot did not hold the resource.
	var dead map[ssa.Value]bool
	for i := s.start; i < len(instrs); i++ {
		instr := instrs[i]
		if instr == a.r.Acquire {
			if a.spec.Mode == ModeRelease {
				leak(ExitLoop, instr)
			}
			return nil, true
		}
		a.flowOthers(s, instr)
		// A phi's position is its variable's declaration, not code the
		// path ran.
		if _, phi := instr.(*ssa.Phi); !phi {
			if p := instr.Pos(); p.IsValid() && p != s.recent[len(s.recent)-1] {
				copy(s.recent[:], s.recent[1:])
				s.recent[len(s.recent)-1] = p
			}
		}
		switch instr := instr.(type) {
		case *ssa.Store:
			if a.slotsHolding[instr.Addr] {
				holds := a.tracked[instr.Val]
				if holds != slices.Contains(s.slots, instr.Addr) {
					if holds {
						s.slots = append(slices.Clip(s.slots), instr.Addr)
					} else {
						s.slots = slices.DeleteFunc(slices.Clone(s.slots), func(v ssa.Value) bool { return v == instr.Addr })
					}
				}
			}
		case *ssa.UnOp:
			if a.slotsHolding[instr.X] && !slices.Contains(s.slots, instr.X) {
				if dead == nil {
					dead = map[ssa.Value]bool{}
				}
				dead[instr] = true
			}
		case *ssa.Alloc:
			if a.isVar(instr) {
				// The variable is made anew (a loop's next iteration):
				// a deferred closure over the old one releases what
				// the old one holds.
				if slices.Contains(s.varDefers, ssa.Value(instr)) {
					if !slices.Contains(s.gone, ssa.Value(instr)) {
						return nil, true
					}
					s.varDefers = slices.DeleteFunc(slices.Clone(s.varDefers), func(v ssa.Value) bool { return v == instr })
				}
				s.setGone(instr, true)
			}
		}
		a.decide(s, instr)
		u, ok := a.uses[instr]
		if ok && (allDead(a.via[instr], dead) || (a.allGone(s, a.via[instr]) && !a.defersVars(instr))) {
			ok = false // the values it uses hold something else here
		}
		if ok {
			if u.ErrGuard && u.Drains && a.spec.Mode != ModeRelease {
				a.res.Drained = true // on the side where its error is set
			}
			if u.Read && a.spec.Mode != ModeRelease {
				s.read = true
				s.whole = s.whole || u.Whole
			}
			if u.DrainsOnBad && s.bad && a.spec.Mode != ModeRelease {
				u.Effect = Drain
			}
			if _, isDefer := instr.(*ssa.Defer); isDefer && a.spec.Mode == ModeRelease && u.Effect == Release && u.OnErrCell != nil {
				// Released at the exit only if the error is set then.
				if !slices.Contains(s.errDefers, u.OnErrCell) {
					s.errDefers = append(slices.Clip(s.errDefers), u.OnErrCell)
				}
				a.res.Released = true
				continue
			}
			if d, isDefer := instr.(*ssa.Defer); isDefer && a.spec.Mode == ModeRelease && u.Effect == Release {
				if vars := a.deferredVars(d); vars != nil {
					// Released at the exit if one of the variables
					// still holds the resource then.
					for _, v := range vars {
						if !slices.Contains(s.varDefers, v) {
							s.varDefers = append(slices.Clip(s.varDefers), v)
						}
					}
					a.res.Released = true
					continue
				}
			}
			if _, isDefer := instr.(*ssa.Defer); isDefer && a.spec.Mode != ModeRelease && u.Effect != Escape && u.Effect != Borrow && u.Effect != Alias {
				// A deferred drain or release runs at the exit, in
				// reverse order of registration. Only the last one
				// registered decides, with the closures over variables
				// registered after it (registerDefer; unwind stops at the
				// first drain or release it meets): keeping the others
				// would let a loop that registers defers grow the state
				// without bound (27 s and 4.9 GB for
				// `for { defer resp.Body.Close(); defer closeBody(resp) }`).
				s.defers = a.registerDefer(s.defers, instr.(*ssa.Defer))
				continue
			}
			if u.Partly && a.spec.Mode == ModeRelease {
				a.res.Released = true
			}
			switch u.Effect {
			case Drain, DrainRelease:
				if a.spec.Mode != ModeRelease {
					a.res.Drained = true
					return nil, true
				}
				if u.Effect == DrainRelease {
					a.res.Released = true
					return nil, true
				}
			case Release:
				if a.spec.Mode != ModeRelease {
					leak(ExitEarlyRelease, instr)
					return nil, true
				}
				a.res.Released = true
				return nil, true
			case Escape:
				ret, isRet := instr.(*ssa.Return)
				if isRet && a.spec.Mode == ModeRelease && heldAny(s, s.varDefers) {
					// A deferred closure releases it before the
					// caller gets it.
					return nil, true
				}
				if isRet && a.spec.Mode != ModeRelease {
					drained, rel := a.unwind(s, ret)
					if rel != nil && a.spec.Mode == ModeDrainBeforeRelease {
						// Returned, but a pending deferred release
						// runs first: the caller gets a closed,
						// undrained body.
						s.deferred = rel
						leak(ExitReturn, ret)
						return nil, true
					}
					if drained {
						return nil, true
					}
				}
				if !isRet && a.spec.Mode == ModeDrain {
					// Handed on, but this function may still read it
					// to the end (a status error that keeps the
					// response and reads its body).
					a.res.Escaped = true
					continue
				}
				if isRet && len(a.returns[ret]) > 0 {
					a.addReturned(a.returns[ret])
					if a.returnsWithError(s, ret) && !slices.ContainsFunc(a.res.ErrReturns, func(e Exit) bool { return e.Instr == ret }) {
						a.res.ErrReturns = append(a.res.ErrReturns, Exit{Kind: ExitReturn, Instr: ret, BadStatus: s.bad, Results: a.returns[ret]})
					}
				} else {
					a.res.Escaped = true
				}
				return nil, true
			}
		}
		if e, ok := a.aliasErr[instr]; ok && !slices.Contains(s.errs, e) {
			s.errs = append(append([]ssa.Value(nil), s.errs...), e)
		}
		switch instr := instr.(type) {
		case *ssa.Store:
			if a.isErrCell(instr.Addr) {
				s.fresh = a.isErr(s, instr.Val)
			}
		case *ssa.Panic:
			return nil, true
		case *ssa.Return:
			switch a.spec.Mode {
			case ModeRelease:
				if len(s.errDefers) > 0 && !returnsNilFrom(instr, s.errDefers) && a.errDeferHolds(s) {
					return nil, true // the guarded deferred release runs
				}
				if heldAny(s, s.varDefers) {
					return nil, true // a deferred closure releases it
				}
				leak(ExitReturn, instr)
			case ModeDrainBeforeRelease:
				if _, rel := a.unwind(s, instr); rel != nil {
					s.deferred = rel
					leak(ExitReturn, instr)
				}
			case ModeDrain:
				if drained, rel := a.unwind(s, instr); !drained {
					s.deferred = rel
					leak(ExitReturn, instr)
				}
			}
			return nil, true
		case ssa.CallInstruction:
			if _, isCall := instr.(*ssa.Call); isCall && a.spec.NoReturn != nil && a.spec.NoReturn(instr) {
				return nil, true
			}
			if c := instr.Common(); c.IsInvoke() && c.Method == errorMethod && a.isErr(s, c.Value) {
				// err.Error() would panic on a nil error: past it, the
				// error is non-nil and there is nothing to release.
				return nil, true
			}
		case *ssa.If:
			return a.branch(s, instr), false
		case *ssa.Jump:
			return []state{a.enter(s, s.b, s.b.Succs[0], s.bad)}, false
		}
	}
	return nil, true
}

// deferredUse is a deferred drain or release registered on a path.
type deferredUse struct {
	instr  ssa.Instruction
	effect Effect
}

// registerDefer returns defers after d is registered (drain modes). A
// deferred drain or release that reads the resource when it is registered
// decides at the exit: it replaces the list. A closure over variables
// reads them at the exit, and finds another resource there if the path
// stored one: the one registered before it decides then (unwind), so both
// are kept (each closure once: a loop registering it adds nothing).
func (a *analysis) registerDefer(defers []deferredUse, d *ssa.Defer) []deferredUse {
	e := deferredUse{d, a.uses[d].Effect}
	if a.deferredVars(d) == nil {
		return []deferredUse{e}
	}
	if slices.Contains(defers, e) {
		return defers
	}
	return append(slices.Clip(defers), e)
}

// unwind runs the deferred drains and releases of s at an exit, last in,
// first out: drained reports whether a drain runs before any release;
// rel is the deferred release that runs first otherwise (nil if none). A
// release guarded by the error result (Use.OnErrCell) does not run where
// ret returns a nil error.
func (a *analysis) unwind(s *state, ret *ssa.Return) (drained bool, rel ssa.Instruction) {
	for i := len(s.defers) - 1; i >= 0; i-- {
		d := s.defers[i]
		if vars := a.deferredVars(d.instr.(*ssa.Defer)); vars != nil && !heldAny(s, vars) {
			continue // the closure finds another response in them
		}
		if cell := a.uses[d.instr].OnErrCell; cell != nil && returnsNilFrom(ret, []ssa.Value{cell}) {
			continue
		}
		switch d.effect {
		case Drain, DrainRelease:
			a.res.Drained = true
			return true, nil
		case Release:
			return false, d.instr
		}
	}
	return false, nil
}

// allDead reports whether every value in via is a dead load.
func allDead(via []ssa.Value, dead map[ssa.Value]bool) bool {
	if len(via) == 0 || dead == nil {
		return false
	}
	for _, v := range via {
		if !dead[v] {
			return false
		}
	}
	return true
}

// enter moves from block from to block to, carrying the error through phis.
func (a *analysis) enter(s *state, from, to *ssa.BasicBlock, bad bool) state {
	n := state{b: to, bad: bad, touched: s.touched, read: s.read, whole: s.whole, valid: s.valid, fresh: s.fresh, errs: s.errs, defers: s.defers, slots: s.slots, codes: s.codes, others: s.others, errDefers: s.errDefers, gone: s.gone, varDefers: s.varDefers,
		recent: s.recent, badIf: s.badIf, badSucc: s.badSucc, turns: s.turns, backRecent: s.backRecent, backTurns: s.backTurns}
	if br, ok := from.Instrs[len(from.Instrs)-1].(*ssa.If); ok {
		copy(n.turns[:], n.turns[1:])
		n.turns[len(n.turns)-1] = Turn{Cond: br.Cond.Pos(), Succ: slices.Index(from.Succs, to)}
	}
	if a.r.Acquire != nil && to.Dominates(from) && a.r.Acquire.Block().Dominates(from) {
		n.backRecent, n.backTurns = s.recent, n.turns
	}
	if bad && !s.bad {
		// The bad side of a status check, taken here.
		n.badIf, n.badSucc = from.Instrs[len(from.Instrs)-1].(*ssa.If), to
	}
	pred := -1
	for i, p := range to.Preds {
		if p == from {
			pred = i
			break
		}
	}
	if pred < 0 {
		return n
	}
	a.enterPhis(s, &n, to, pred)
	enterOthers(s, &n, to, pred)
	a.dropDead(&n, to)
	var errs []ssa.Value
	for _, instr := range to.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if a.spec.Status != nil && isBoolType(phi.Type()) {
			if e := phi.Edges[pred]; a.statusBool(s, e) {
				n.bools = append(n.bools, knownBool{phi, s.resolve(e)})
			}
		}
		if e := phi.Edges[pred]; a.isErr(s, e) && !slices.Contains(s.errs, ssa.Value(phi)) {
			if errs == nil {
				errs = append([]ssa.Value(nil), s.errs...)
			}
			errs = append(errs, phi)
		}
	}
	if errs != nil {
		n.errs = errs
	}
	return n
}

// returnsNilFrom reports whether ret returns the nil constant through one
// of cells, the named error results that guard deferred releases (*cell =
// nil; rundefers; return *cell): the guarded release then does not run.
// errDeferHolds reports whether an error-guarded deferred release
// registered on the path of s finds the resource when it runs: one that
// reads it through a variable (a named result: `return nil, err` stores
// nil in resp before the deferred closure runs) finds it only if the
// variable still holds it.
func (a *analysis) errDeferHolds(s *state) bool {
	for instr, u := range a.uses {
		d, ok := instr.(*ssa.Defer)
		if !ok || u.OnErrCell == nil || !slices.Contains(s.errDefers, u.OnErrCell) {
			continue
		}
		if vars := a.deferredVars(d); vars == nil || heldAny(s, vars) {
			return true
		}
	}
	return false
}

func returnsNilFrom(ret *ssa.Return, cells []ssa.Value) bool {
	for i, r := range ret.Results {
		load, ok := r.(*ssa.UnOp)
		if !ok || load.Op != token.MUL || !slices.Contains(cells, load.X) {
			continue
		}
		if IsNil(ReturnedValue(ret, i)) {
			return true
		}
	}
	return false
}

func (a *analysis) addReturned(idx []int) {
	for _, i := range idx {
		if !slices.Contains(a.res.Returned, i) {
			a.res.Returned = append(a.res.Returned, i)
		}
	}
	sort.Ints(a.res.Returned)
}

func isBoolType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// errorMethod is the Error method of the predeclared error interface.
var errorMethod = types.Universe.Lookup("error").Type().Underlying().(*types.Interface).Method(0)

// returnsWithError reports whether ret, which returns the resource, also
// returns a non-nil error on the path of s that is not the acquisition's
// own (where that one is non-nil there is no resource).
func (a *analysis) returnsWithError(s *state, ret *ssa.Return) bool {
	n := len(ret.Results)
	if n < 2 || !isErrorType(ret.Results[n-1].Type()) || slices.Contains(a.returns[ret], n-1) || a.swapped {
		// (With its body swapped for a copy, the response handed out
		// with an error may hold nothing live: gorilla/websocket's
		// ErrBadHandshake answer.)
		return false
	}
	ev := ReturnedValue(ret, n-1)
	if a.isErr(s, ev) {
		return false
	}
	for instr, u := range a.uses {
		if _, ok := instr.(*ssa.Defer); ok && u.Effect != Borrow {
			// A deferred handler may release it on the error path
			// (defer func() { if err != nil { resp.Body.Close() } }()).
			return false
		}
	}
	return ReturnsNonNil(ret, n-1, a.spec.NonNilError)
}
