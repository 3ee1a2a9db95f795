// Package lifetime decides whether a value that must be released (an HTTP
// response body) is released or handed on along every path of an SSA
// function, and names the exits where it is not.
//
// It knows nothing about net/http: a Spec says which fields derive the
// resource from its holder, which calls release it, take it over or return
// it again, and which calls never return. The same engine serves the
// bodyclose checker (a response produced by a call, guarded by its error
// result) and the function summaries of httpfacts (a parameter followed from
// the function's entry).
//
// The search is path-sensitive where it matters for responses: on the branch
// where the producing call's error is non-nil, or where the resource itself
// is nil, there is nothing to release; a deferred release covers every exit
// after it; blocks that end in a panic (including calls ctrlflow knows never
// return) do not leak. Work is bounded: past Budget path states the result is
// marked Incomplete and callers report nothing.
package lifetime

import (
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Effect is what one instruction does to the tracked resource.
type Effect uint8

const (
	// Borrow: the instruction only reads the resource.
	Borrow Effect = iota
	// Release: the resource is released (closed) here, or by a defer
	// registered here, on every path through any callee.
	Release
	// Escape: ownership is handed on (stored, sent, returned, taken by a
	// callee or goroutine); the path is no longer this function's concern.
	Escape
	// Alias: the call's result Use.Result holds the same resource; tracking
	// continues through it.
	Alias
	// Drain: the resource is read to its end here (io.ReadAll(body)); it
	// still needs its release. Only the drain modes care.
	Drain
	// DrainRelease: drained, then released (a drain-and-close helper).
	DrainRelease
)

// Mode is the property a search checks.
type Mode uint8

const (
	// ModeRelease: every path releases the resource or hands it on
	// (bodyclose).
	ModeRelease Mode = iota
	// ModeDrainBeforeRelease: every path that releases the resource has
	// drained it first (drainbody). A direct release before a drain is an
	// ExitEarlyRelease; a return while a deferred release is pending and
	// no drain happened is an ExitReturn. Paths that never release are not
	// this mode's concern.
	ModeDrainBeforeRelease
	// ModeDrain: every path drains the resource (summaries of drain
	// helpers). Any other exit is a leak; handing it on sets Escaped.
	ModeDrain
)

// Use is the classification of a call that receives the tracked resource.
type Use struct {
	Effect Effect
	// Result is the index of the call's result that aliases the resource
	// when Effect is Alias; -1 for a call with a single result.
	Result int
	// Err is, for Alias, the index of the call's error result, or -1: where
	// that error is non-nil the callee has disposed of the resource
	// (resp, err = check(resp)).
	Err int
}

// Spec describes the resource to the engine.
type Spec struct {
	// Call classifies a call, defer or go instruction that receives the
	// tracked value v as its receiver, an argument, a bound variable of the
	// called closure, or as the called function value itself. tracked
	// reports whether another value holds the resource too.
	Call func(c ssa.CallInstruction, v ssa.Value, q Query) Use
	// Field reports whether loading field f of a tracked value yields the
	// resource as well (net/http.Response.Body).
	Field func(f *types.Var) bool
	// Store, given a store of the tracked value into a field, returns the
	// value that now holds the resource (the *http.Client whose Transport
	// field it is), or nil when the store hands it on.
	Store func(st *ssa.Store) ssa.Value
	// Status reports whether field f of a tracked value is a status whose
	// comparison with a constant decides a good or bad outcome.
	Status func(f *types.Var) bool
	// GoodStatus is the value Status fields are assumed to have on the good
	// path (200 for HTTP).
	GoodStatus constant.Value
	// NoReturn reports calls that never return beyond those ctrlflow
	// already ended with a panic (methods called through an interface).
	NoReturn func(c ssa.CallInstruction) bool
	// Mode is the property checked; the zero value is ModeRelease.
	Mode Mode
	// DrainCond reports whether one side of an If on cond means the
	// resource was read to its end (for sc.Scan() the false side, for
	// err == io.EOF the true side). Drain modes only.
	DrainCond func(cond ssa.Value, q Query) (drainedWhen, ok bool)
	// Bodiless reports status values whose response has nothing to drain
	// (204, 304, 101). Drain modes only.
	Bodiless func(status constant.Value) bool
	// ErrPredicate reports whether call c, which returns a bool, returns
	// false whenever its argument i (an error) is nil: errors.Is,
	// errors.As, isTemporary(err). Where such a call is true, the error is
	// non-nil.
	ErrPredicate func(c *ssa.Call, i int) bool
}

// Query answers what else holds the resource, for Spec.Call.
type Query interface {
	// Tracked reports whether v holds the resource.
	Tracked(v ssa.Value) bool
	// Cell reports whether v is an address whose loads hold it.
	Cell(v ssa.Value) bool
}

// Resource is the value to follow.
type Resource struct {
	Fn *ssa.Function
	// Acquire is the instruction that produced the resource; the search
	// starts right after it, and reaching it again (a loop) overwrites the
	// resource. Nil for a parameter: the search starts at the entry.
	Acquire ssa.Instruction
	// Values hold the resource at the start.
	Values []ssa.Value
	// Cells are addresses whose loads yield the resource (a captured
	// variable seen from inside a closure).
	Cells []ssa.Value
	// Err is the error result of Acquire: where it is non-nil there is no
	// resource to release. May be nil.
	Err ssa.Value
	// Ok is the comma-ok result of Acquire (a receive): where it is
	// false there is no resource. May be nil.
	Ok ssa.Value
}

// ExitKind says how a leaking path leaves.
type ExitKind uint8

const (
	// ExitReturn: the function returns without releasing the resource.
	ExitReturn ExitKind = iota
	// ExitLoop: the path comes back to Acquire, which overwrites it.
	ExitLoop
	// ExitEarlyRelease: (drain modes) the resource is released before it
	// was drained; Instr is the release.
	ExitEarlyRelease
)

// Exit is one leaking exit.
type Exit struct {
	Kind ExitKind
	// Instr is the *ssa.Return, Acquire for ExitLoop, or the release for
	// ExitEarlyRelease.
	Instr ssa.Instruction
	// Deferred is, in ModeDrainBeforeRelease, the deferred release that
	// runs at this return without a drain.
	Deferred ssa.Instruction
	// BadStatus is set when the path took the bad side of a status check.
	BadStatus bool
}

// Result is what Analyze found.
type Result struct {
	// Leaks lists the distinct leaking exits in the order found.
	Leaks []Exit
	// Released and Escaped report whether some path released the
	// resource or handed it on other than by returning it. Drained
	// reports whether some path drained it (drain modes).
	Released, Escaped, Drained bool
	// Returned lists the result indices through which some path returns
	// the resource itself (sorted, no duplicates).
	Returned []int
	// HasRelease reports whether any instruction of the function releases
	// the resource, reachable or not.
	HasRelease bool
	// Incomplete is set when the work budget ran out; nothing else in the
	// result may then be trusted.
	Incomplete bool
}

// Budget bounds the path states explored for one resource.
const Budget = 20000

// Analyze follows r through its function.
func Analyze(r Resource, spec *Spec) *Result {
	a := &analysis{r: r, spec: spec, res: new(Result),
		tracked: map[ssa.Value]bool{}, cells: map[ssa.Value]bool{},
		errCells: map[ssa.Value]bool{}, uses: map[ssa.Instruction]Use{},
		aliasErr: map[ssa.Instruction]ssa.Value{},
		returns:  map[*ssa.Return][]int{}}
	a.aliases()
	if a.res.Incomplete {
		return a.res
	}
	for _, u := range a.uses {
		if u.Effect == Release || u.Effect == DrainRelease {
			a.res.HasRelease = true
		}
	}
	if spec.Mode == ModeRelease && a.releasedBeforeAcquire() {
		a.res.Released = true
		return a.res
	}
	a.search()
	return a.res
}

type analysis struct {
	r    Resource
	spec *Spec
	res  *Result

	tracked  map[ssa.Value]bool // values that hold the resource
	cells    map[ssa.Value]bool // addresses whose loads hold it
	errCells map[ssa.Value]bool // addresses the error result is stored to
	uses     map[ssa.Instruction]Use
	aliasErr map[ssa.Instruction]ssa.Value // error results of aliasing calls
	returns  map[*ssa.Return][]int         // result indices of returns that return it
	work     []ssa.Value
}

// Tracked implements Query.
func (a *analysis) Tracked(v ssa.Value) bool { return a.tracked[v] }

// Cell implements Query.
func (a *analysis) Cell(v ssa.Value) bool { return a.cells[v] }

func (a *analysis) addValue(v ssa.Value) {
	if v == nil || a.tracked[v] {
		return
	}
	a.tracked[v] = true
	a.work = append(a.work, v)
}

func (a *analysis) addCell(v ssa.Value) {
	if v == nil || a.cells[v] {
		return
	}
	a.cells[v] = true
	a.work = append(a.work, v)
}

// addUse records the strongest effect seen for instr.
func (a *analysis) addUse(instr ssa.Instruction, u Use) {
	old, ok := a.uses[instr]
	if !ok || rank(u.Effect) > rank(old.Effect) {
		a.uses[instr] = u
	}
}

func rank(e Effect) int {
	switch e {
	case DrainRelease:
		return 5
	case Drain:
		return 4
	case Release:
		return 3
	case Escape:
		return 2
	case Alias:
		return 1
	}
	return 0
}

// aliases computes, flow-insensitively, every value and address that may
// hold the resource, and classifies the instructions that use them.
func (a *analysis) aliases() {
	for _, v := range a.r.Values {
		a.addValue(v)
	}
	for _, c := range a.r.Cells {
		a.addCell(c)
	}
	if a.r.Err != nil {
		a.findErrCells(a.r.Err, map[ssa.Value]bool{})
	}
	steps := 0
	for len(a.work) > 0 {
		v := a.work[len(a.work)-1]
		a.work = a.work[:len(a.work)-1]
		if steps++; steps > Budget {
			a.res.Incomplete = true
			return
		}
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		isCell := a.cells[v]
		for _, instr := range *refs {
			if isCell {
				a.cellUse(v, instr)
			}
			if a.tracked[v] {
				a.valueUse(v, instr)
			}
		}
	}
}

// cellUse handles an instruction that uses the address cell.
func (a *analysis) cellUse(cell ssa.Value, instr ssa.Instruction) {
	switch instr := instr.(type) {
	case *ssa.UnOp:
		if instr.Op == token.MUL && instr.X == cell {
			a.addValue(instr)
		}
	case *ssa.MakeClosure:
		// A closure capturing the variable: its calls are classified
		// through the closure value.
		a.addValue(instr)
	case ssa.CallInstruction:
		// The address itself passed on (&resp): whoever receives it
		// may release the resource.
		a.callUse(instr, cell)
	}
}

// valueUse handles an instruction that uses the tracked value v.
func (a *analysis) valueUse(v ssa.Value, instr ssa.Instruction) {
	switch instr := instr.(type) {
	case *ssa.FieldAddr:
		if instr.X == v {
			if f := fieldOf(instr.X.Type(), instr.Field, true); f != nil && a.spec.Field != nil && a.spec.Field(f) {
				a.addCell(instr)
			}
		}
	case *ssa.Field:
		if instr.X == v {
			if f := fieldOf(instr.X.Type(), instr.Field, false); f != nil && a.spec.Field != nil && a.spec.Field(f) {
				a.addValue(instr)
			}
		}
	case *ssa.Phi:
		a.addValue(instr)
	case *ssa.ChangeInterface:
		a.addValue(instr)
	case *ssa.MakeInterface:
		a.addValue(instr)
	case *ssa.ChangeType:
		a.addValue(instr)
	case *ssa.Convert:
		a.addValue(instr)
	case *ssa.TypeAssert:
		a.addValue(instr)
	case *ssa.Extract:
		// Only tuples we track (comma-ok type assertions, aliasing
		// calls) reach here; element 0 holds the value.
		if instr.Index == 0 {
			if _, ok := instr.Tuple.(*ssa.TypeAssert); ok {
				a.addValue(instr)
			}
		}
	case *ssa.MakeClosure:
		a.addValue(instr)
	case *ssa.Store:
		if instr.Val != v {
			return // storing into a tracked cell: not a use of the resource
		}
		switch addr := instr.Addr.(type) {
		case *ssa.Alloc:
			a.addCell(addr)
			return
		case *ssa.IndexAddr:
			// Arguments of a variadic call: the slice stands for the value.
			if al, ok := addr.X.(*ssa.Alloc); ok && al.Comment == "varargs" {
				if refs := al.Referrers(); refs != nil {
					for _, r := range *refs {
						if s, ok := r.(*ssa.Slice); ok {
							a.addValue(s)
						}
					}
				}
				return
			}
		case *ssa.FieldAddr:
			// resp.Body = resp.Body (or a wrapper that is itself
			// tracked): stays in the resource.
			if a.cells[addr] {
				return
			}
			if a.spec.Store != nil {
				if holder := a.spec.Store(instr); holder != nil {
					// The holder itself, and copies loaded from it (a
					// struct value sent or returned), hold the resource.
					a.addValue(holder)
					a.addCell(holder)
					return
				}
			}
		}
		a.addUse(instr, Use{Effect: Escape}) // field, global, element: handed on
	case *ssa.Send:
		if instr.X == v {
			a.addUse(instr, Use{Effect: Escape})
		}
	case *ssa.MapUpdate:
		a.addUse(instr, Use{Effect: Escape})
	case *ssa.Return:
		for i, r := range instr.Results {
			if r == v {
				a.returns[instr] = append(a.returns[instr], i)
			}
		}
		a.addUse(instr, Use{Effect: Escape})
	case *ssa.Slice:
		if a.tracked[v] {
			a.addValue(instr)
		}
	case *ssa.IndexAddr:
		// An element of a tracked slice (the packed arguments of a
		// variadic closer, ranged over by the callee).
		if instr.X == v {
			a.addCell(instr)
		}
	case *ssa.Index:
		if instr.X == v {
			a.addValue(instr)
		}
	case ssa.CallInstruction:
		a.callUse(instr, v)
	}
}

// callUse asks the spec what a call does with v and records it.
func (a *analysis) callUse(c ssa.CallInstruction, v ssa.Value) {
	if a.spec.Call == nil {
		a.addUse(c, Use{Effect: Escape})
		return
	}
	u := a.spec.Call(c, v, a)
	a.addUse(c, u)
	if u.Effect != Alias {
		return
	}
	call, ok := c.(*ssa.Call)
	if !ok {
		return
	}
	if u.Result < 0 {
		a.addValue(call)
		return
	}
	if refs := call.Referrers(); refs != nil {
		for _, r := range *refs {
			if ex, ok := r.(*ssa.Extract); ok {
				switch {
				case ex.Index == u.Result:
					a.addValue(ex)
				case ex.Index == u.Err:
					a.aliasErr[call] = ex
					a.findErrCells(ex, map[ssa.Value]bool{})
				}
			}
		}
	}
}

// findErrCells records the addresses the error result is stored to
// (a named result, a variable captured by a closure).
func (a *analysis) findErrCells(v ssa.Value, seen map[ssa.Value]bool) {
	if seen[v] {
		return
	}
	seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return
	}
	for _, instr := range *refs {
		if st, ok := instr.(*ssa.Store); ok && st.Val == v {
			if al, ok := st.Addr.(*ssa.Alloc); ok {
				a.errCells[al] = true
			}
		}
	}
}

// releasedBeforeAcquire reports whether a deferred release registered
// before the acquisition (defer func() { if resp != nil { resp.Body.Close() } }())
// covers every path.
func (a *analysis) releasedBeforeAcquire() bool {
	if a.r.Acquire == nil {
		return false
	}
	ab := a.r.Acquire.Block()
	for instr, u := range a.uses {
		d, ok := instr.(*ssa.Defer)
		if !ok || (u.Effect != Release && u.Effect != DrainRelease) {
			continue
		}
		db := d.Block()
		if db == ab {
			if index(d) < index(a.r.Acquire) {
				return true
			}
		} else if db.Dominates(ab) {
			return true
		}
	}
	return false
}

func index(instr ssa.Instruction) int {
	for i, x := range instr.Block().Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// state is one point of the path search.
type state struct {
	b     *ssa.BasicBlock
	start int
	bad   bool        // took the bad side of a status check
	fresh bool        // the error cells hold Acquire's error
	errs  []ssa.Value // values equal to Acquire's error on this path
	// deferred is the pending deferred release (drain modes).
	deferred ssa.Instruction
}

func (s *state) key(ids map[ssa.Value]int) string {
	var sb strings.Builder
	sb.WriteString(strconv.Itoa(s.b.Index))
	sb.WriteByte(':')
	sb.WriteString(strconv.Itoa(s.start))
	if s.bad {
		sb.WriteString("b")
	}
	if s.fresh {
		sb.WriteString("f")
	}
	if s.deferred != nil {
		sb.WriteString("d")
	}
	var ns []int
	for _, e := range s.errs {
		id, ok := ids[e]
		if !ok {
			id = len(ids)
			ids[e] = id
		}
		ns = append(ns, id)
	}
	sort.Ints(ns)
	for _, n := range ns {
		sb.WriteByte(',')
		sb.WriteString(strconv.Itoa(n))
	}
	return sb.String()
}

// search walks every path from the acquisition (or the entry) and records
// leaking exits.
func (a *analysis) search() {
	fn := a.r.Fn
	if len(fn.Blocks) == 0 {
		return
	}
	first := state{b: fn.Blocks[0]}
	if a.r.Acquire != nil {
		first = state{b: a.r.Acquire.Block(), start: index(a.r.Acquire) + 1}
	}
	if a.r.Err != nil {
		first.errs = []ssa.Value{a.r.Err}
	}
	ids := map[ssa.Value]int{}
	seen := map[string]bool{}
	seenExit := map[ssa.Instruction]bool{}
	stack := []state{first}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		k := s.key(ids)
		if seen[k] {
			continue
		}
		seen[k] = true
		if len(seen) > Budget {
			a.res.Incomplete = true
			return
		}
		leak := func(kind ExitKind, at ssa.Instruction) {
			if !seenExit[at] {
				seenExit[at] = true
				a.res.Leaks = append(a.res.Leaks, Exit{Kind: kind, Instr: at, BadStatus: s.bad, Deferred: s.deferred})
			} else if s.bad {
				for i := range a.res.Leaks {
					if a.res.Leaks[i].Instr == at {
						a.res.Leaks[i].BadStatus = true
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
	for i := s.start; i < len(instrs); i++ {
		instr := instrs[i]
		if instr == a.r.Acquire {
			if a.spec.Mode == ModeRelease {
				leak(ExitLoop, instr)
			}
			return nil, true
		}
		if u, ok := a.uses[instr]; ok {
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
					if _, deferred := instr.(*ssa.Defer); deferred {
						if s.deferred == nil {
							s.deferred = instr
						}
						continue
					}
					leak(ExitEarlyRelease, instr)
					return nil, true
				}
				a.res.Released = true
				return nil, true
			case Escape:
				if ret, ok := instr.(*ssa.Return); ok && len(a.returns[ret]) > 0 {
					a.addReturned(a.returns[ret])
				} else {
					a.res.Escaped = true
				}
				return nil, true
			}
		}
		if e, ok := a.aliasErr[instr]; ok && !contains(s.errs, e) {
			s.errs = append(append([]ssa.Value(nil), s.errs...), e)
		}
		switch instr := instr.(type) {
		case *ssa.Store:
			if a.errCells[instr.Addr] {
				s.fresh = a.isErr(s, instr.Val)
			}
		case *ssa.Panic:
			return nil, true
		case *ssa.Return:
			if a.spec.Mode != ModeDrainBeforeRelease || s.deferred != nil {
				leak(ExitReturn, instr)
			}
			return nil, true
		case ssa.CallInstruction:
			if _, isCall := instr.(*ssa.Call); isCall && a.spec.NoReturn != nil && a.spec.NoReturn(instr) {
				return nil, true
			}
			if c := instr.Common(); c.IsInvoke() && c.Method.Name() == "Error" && a.isErr(s, c.Value) {
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

// branch evaluates the condition of an If on this path.
func (a *analysis) branch(s *state, instr *ssa.If) []state {
	t, f := s.b.Succs[0], s.b.Succs[1]
	cond, neg := unNot(instr.Cond)
	if neg {
		t, f = f, t
	}
	if a.r.Ok != nil && cond == a.r.Ok {
		// !ok: the channel is closed and nothing was received.
		return []state{a.enter(s, s.b, t, s.bad)}
	}
	if x, eq, ok := nilCompare(cond); ok {
		nilSucc, nonNilSucc := f, t
		if eq {
			nilSucc, nonNilSucc = t, f
		}
		switch {
		case a.isErr(s, x):
			// A non-nil error leaves no resource to release.
			return []state{a.enter(s, s.b, nilSucc, s.bad)}
		case a.tracked[x] || a.cellLoad(x):
			// A nil resource needs no release.
			return []state{a.enter(s, s.b, nonNilSucc, s.bad)}
		}
	}
	if a.spec.Mode != ModeRelease {
		if a.spec.DrainCond != nil {
			if when, ok := a.spec.DrainCond(cond, a); ok {
				// One side means the body was read to its end.
				a.res.Drained = true
				if when {
					return []state{a.enter(s, s.b, f, s.bad)}
				}
				return []state{a.enter(s, s.b, t, s.bad)}
			}
		}
		if eq, ok := a.bodilessCompare(cond); ok {
			// On the side where the status has no body, nothing to drain.
			if eq {
				return []state{a.enter(s, s.b, f, s.bad)}
			}
			return []state{a.enter(s, s.b, t, s.bad)}
		}
	}
	if a.impliesErr(s, cond) {
		// The condition can only hold with a non-nil error.
		return []state{a.enter(s, s.b, f, s.bad)}
	}
	if good, ok := a.statusOutcome(cond); ok {
		if good {
			return []state{a.enter(s, s.b, t, s.bad), a.enter(s, s.b, f, true)}
		}
		return []state{a.enter(s, s.b, t, true), a.enter(s, s.b, f, s.bad)}
	}
	return []state{a.enter(s, s.b, t, s.bad), a.enter(s, s.b, f, s.bad)}
}

// impliesErr reports whether cond can only be true when Acquire's error is
// non-nil on the path of s: err == io.EOF (a package-level error), the ok
// of err.(*T), and predicates such as errors.Is(err, target) (Spec.ErrPredicate).
func (a *analysis) impliesErr(s *state, cond ssa.Value) bool {
	switch c := cond.(type) {
	case *ssa.BinOp:
		if c.Op != token.EQL {
			return false
		}
		return (a.isErr(s, c.X) && isGlobalLoad(c.Y)) || (a.isErr(s, c.Y) && isGlobalLoad(c.X))
	case *ssa.Extract:
		ta, ok := c.Tuple.(*ssa.TypeAssert)
		return ok && c.Index == 1 && a.isErr(s, ta.X)
	case *ssa.Call:
		if a.spec.ErrPredicate == nil || c.Call.IsInvoke() {
			return false
		}
		for i, arg := range c.Call.Args {
			if a.isErr(s, arg) && a.spec.ErrPredicate(c, i) {
				return true
			}
		}
	}
	return false
}

// isGlobalLoad reports whether v is the value of a package-level variable.
func isGlobalLoad(v ssa.Value) bool {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return false
	}
	_, ok = u.X.(*ssa.Global)
	return ok
}

// bodilessCompare matches status == c or status != c with c a status
// without a body; eq reports which (the equal side has no body).
func (a *analysis) bodilessCompare(cond ssa.Value) (eq, ok bool) {
	if a.spec.Bodiless == nil || a.spec.Status == nil {
		return false, false
	}
	b, isBin := cond.(*ssa.BinOp)
	if !isBin || (b.Op != token.EQL && b.Op != token.NEQ) {
		return false, false
	}
	for _, pair := range [][2]ssa.Value{{b.X, b.Y}, {b.Y, b.X}} {
		c, isConst := pair[1].(*ssa.Const)
		if !isConst || c.Value == nil || !a.isStatusLoad(pair[0]) {
			continue
		}
		if a.spec.Bodiless(c.Value) {
			return b.Op == token.EQL, true
		}
	}
	return false, false
}

// isStatusLoad reports whether v loads a status field of the resource.
func (a *analysis) isStatusLoad(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.UnOp:
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL && a.tracked[fa.X] {
			f := fieldOf(fa.X.Type(), fa.Field, true)
			return f != nil && a.spec.Status(f)
		}
	case *ssa.Field:
		if a.tracked[v.X] {
			f := fieldOf(v.X.Type(), v.Field, false)
			return f != nil && a.spec.Status(f)
		}
	}
	return false
}

// cellLoad reports whether x is a load of a tracked cell.
func (a *analysis) cellLoad(x ssa.Value) bool {
	u, ok := x.(*ssa.UnOp)
	return ok && u.Op == token.MUL && a.cells[u.X]
}

// isErr reports whether x holds Acquire's error on the path of s, or an
// error derived from it by a call that takes it (err = wrap(err)): such
// helpers return nil exactly when they are given nil.
func (a *analysis) isErr(s *state, x ssa.Value) bool {
	return a.isErrDepth(s, x, 0)
}

func (a *analysis) isErrDepth(s *state, x ssa.Value, depth int) bool {
	if contains(s.errs, x) {
		return true
	}
	switch x := x.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL && a.errCells[x.X] {
			return s.fresh
		}
	case *ssa.Call:
		if depth > 2 || x.Call.IsInvoke() || x.Call.StaticCallee() == nil || !isErrorType(x.Type()) {
			return false
		}
		for _, arg := range x.Call.Args {
			if a.isErrDepth(s, arg, depth+1) {
				return true
			}
		}
	}
	return false
}

func isErrorType(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// enter moves from block from to block to, carrying the error through phis.
func (a *analysis) enter(s *state, from, to *ssa.BasicBlock, bad bool) state {
	n := state{b: to, bad: bad, fresh: s.fresh, errs: s.errs, deferred: s.deferred}
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
	var errs []ssa.Value
	for _, instr := range to.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if e := phi.Edges[pred]; a.isErr(s, e) && !contains(s.errs, phi) {
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

// statusOutcome evaluates a comparison of a status field of the resource
// with constants, assuming the good status; ok is false when cond is not
// such a comparison.
func (a *analysis) statusOutcome(cond ssa.Value) (good, ok bool) {
	if a.spec.Status == nil || a.spec.GoodStatus == nil {
		return false, false
	}
	b, isBin := cond.(*ssa.BinOp)
	if !isBin {
		return false, false
	}
	switch b.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return false, false
	}
	sawStatus := false
	x, okx := a.eval(b.X, &sawStatus, 0)
	y, oky := a.eval(b.Y, &sawStatus, 0)
	if !okx || !oky || !sawStatus || x.Kind() != y.Kind() {
		return false, false
	}
	return constant.Compare(x, b.Op, y), true
}

// eval computes v with status fields set to the good status.
func (a *analysis) eval(v ssa.Value, sawStatus *bool, depth int) (constant.Value, bool) {
	if depth > 4 {
		return nil, false
	}
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil {
			return nil, false
		}
		return v.Value, true
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if fa, ok := v.X.(*ssa.FieldAddr); ok && a.tracked[fa.X] {
				if f := fieldOf(fa.X.Type(), fa.Field, true); f != nil && a.spec.Status(f) {
					*sawStatus = true
					return a.spec.GoodStatus, true
				}
			}
		}
	case *ssa.Field:
		if a.tracked[v.X] {
			if f := fieldOf(v.X.Type(), v.Field, false); f != nil && a.spec.Status(f) {
				*sawStatus = true
				return a.spec.GoodStatus, true
			}
		}
	case *ssa.BinOp:
		x, okx := a.eval(v.X, sawStatus, depth+1)
		y, oky := a.eval(v.Y, sawStatus, depth+1)
		if !okx || !oky || x.Kind() != y.Kind() {
			return nil, false
		}
		switch v.Op {
		case token.ADD, token.SUB, token.MUL, token.REM:
			return constant.BinaryOp(x, v.Op, y), true
		case token.QUO:
			if constant.Sign(y) == 0 {
				return nil, false
			}
			if x.Kind() == constant.Int {
				return constant.BinaryOp(x, token.QUO_ASSIGN, y), true
			}
			return constant.BinaryOp(x, token.QUO, y), true
		}
	}
	return nil, false
}

func (a *analysis) addReturned(idx []int) {
	for _, i := range idx {
		if !containsInt(a.res.Returned, i) {
			a.res.Returned = append(a.res.Returned, i)
		}
	}
	sort.Ints(a.res.Returned)
}

// unNot strips logical negations from cond.
func unNot(cond ssa.Value) (ssa.Value, bool) {
	neg := false
	for {
		u, ok := cond.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			return cond, neg
		}
		cond, neg = u.X, !neg
	}
}

// nilCompare matches x == nil and x != nil (either operand order).
func nilCompare(cond ssa.Value) (x ssa.Value, eq, ok bool) {
	b, isBin := cond.(*ssa.BinOp)
	if !isBin || (b.Op != token.EQL && b.Op != token.NEQ) {
		return nil, false, false
	}
	switch {
	case isNil(b.Y):
		x = b.X
	case isNil(b.X):
		x = b.Y
	default:
		return nil, false, false
	}
	return x, b.Op == token.EQL, true
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// fieldOf returns field i of the struct that t (or, when ptr, *t) denotes.
func fieldOf(t types.Type, i int, ptr bool) *types.Var {
	if ptr {
		p, ok := t.Underlying().(*types.Pointer)
		if !ok {
			return nil
		}
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i < 0 || i >= st.NumFields() {
		return nil
	}
	return st.Field(i)
}

func contains(vs []ssa.Value, v ssa.Value) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
