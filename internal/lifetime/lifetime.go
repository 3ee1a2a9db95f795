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
// return) do not leak; a phi, load or captured variable that holds another
// value on the path (a response replaced on one branch) does not hold the
// resource there (gone.go); the tests of other responses' statuses narrow
// the paths too, from the function's entry, so that an acquisition only a
// contradictory path reaches has nothing to release (others.go). Work is
// bounded: past Budget path states the result is marked Incomplete and
// callers report nothing.
package lifetime

import (
	"go/constant"
	"go/token"
	"go/types"

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
	// ErrGuard makes Err meaningful for other effects too: a Borrow by a
	// callee that releases the resource exactly when it returns an error
	// (err := checkResponse(resp)). Err is then the index of the error
	// result, or -1 when it is the call's only result.
	ErrGuard bool
	// Drains (with ErrGuard) says that the callee reads the resource to
	// its end, rather than releasing it, where its error is non-nil:
	// for the drain modes, nothing is left to check on that side.
	Drains bool
	// Read says that the call reads from the resource (Result.Reads).
	// Whole says that it reads it as a whole document, out of sight (a
	// decoding helper): Exit.WholeRead.
	Read, Whole bool
	// OnErrCell, for a deferred Release (ModeRelease), says that the
	// deferred call releases the resource only when the error held in
	// this cell (a named error result the deferred closure captured) is
	// non-nil when the function returns: defer func() { if err != nil {
	// tx.Rollback() } }(). A return whose value for that result is the
	// nil constant then leaks; any other return counts as released. In
	// the drain modes the deferred release does not run at such a return.
	OnErrCell ssa.Value
	// DrainsOnBad says that on a path that took the bad side of a status
	// check the call counts as a drain (an error helper that decodes the
	// whole error body: error bodies are small documents). Drain modes.
	DrainsOnBad bool
	// Partly (with Borrow) says that the callee, a function literal of
	// the function, releases the resource on some of its paths only: its
	// conditions are this function's code, so the path goes on as if it
	// had not released it (the same code inline would be reported), but
	// the function counts as releasing it somewhere (Released,
	// HasRelease), so that the finding says "not closed on every path".
	Partly bool
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
	// Budget overrides the package's Budget when positive (tests).
	Budget int
	// DrainCond reports whether one side of an If on cond means the
	// resource was read to its end (for sc.Scan() the false side, for
	// err == io.EOF the true side). Drain modes only.
	DrainCond func(cond ssa.Value, q Query) DrainCond
	// Bodiless reports status values whose response has nothing to drain
	// (204, 304, 101). Drain modes only.
	Bodiless func(status constant.Value) bool
	// Empty reports fields of the resource whose zero value means there is
	// nothing to drain (ContentLength). Drain modes only.
	Empty func(f *types.Var) bool
	// ReleaseCond reports whether one side of an If on cond means the
	// resource was released (ModeRelease): for rows.Next() the false side
	// (database/sql closes the rows when Next returns false). ok is false
	// when cond says nothing. May be nil.
	ReleaseCond func(cond ssa.Value, q Query) (releasedWhen, ok bool)
	// NonNilError reports whether v, an error value, is never nil: a call
	// of errors.New or fmt.Errorf, a pointer to a new struct. Values the
	// path checked with `v != nil` need no hook. May be nil.
	NonNilError func(v ssa.Value) bool
	// ErrPredicate reports whether call c, which returns a bool, returns
	// false whenever its argument i (an error) is nil: errors.Is,
	// errors.As, isTemporary(err). Where such a call is true, the error is
	// non-nil.
	ErrPredicate func(c *ssa.Call, i int) bool
}

// DrainCond is what Spec.DrainCond says of a condition.
type DrainCond struct {
	// OK: one side of the condition means the resource was read to its
	// end: the true side when DrainedWhen, else the false side.
	OK, DrainedWhen bool
	// OtherEnds: the other side is an exceptional path (a malformed
	// response) that is not followed either.
	OtherEnds bool
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
	// SwapReleases says that overwriting a field that holds the resource
	// with something else disposes of it (a response read from a
	// connection the function owns, whose body is replaced by a copy).
	SwapReleases bool
	// NoBody reports statuses (see Spec.Status) at which the acquisition
	// holds nothing to release: a path on which the status can only be
	// one of them ends there (an HTTP 1xx interim response read with
	// http.ReadResponse has http.NoBody). May be nil.
	NoBody func(status int64) bool
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
	// ResourceCond is set (drain modes) when the path took a branch whose
	// condition reads the resource: a header, a length, a status.
	ResourceCond bool
	// Read is set (drain modes) when the path read from the resource
	// (a call with Use.Read) without reading it to its end; WholeRead
	// when a call with Use.Whole did.
	Read, WholeRead bool
	// Validated is set when the path took the good side of a status
	// check, or the nil side of the error of a call that judges the
	// resource (Use.ErrGuard: a status-check helper).
	Validated bool
	// Results lists, for an exit in Result.ErrReturns, the result
	// indices that hold the resource.
	Results []int
	// Recent are the positions of the last instructions with one that
	// the path ran before the exit, most recent last (for an ExitLoop:
	// which `continue` or which end of the loop body it took).
	Recent [8]token.Pos
	// Turns are the last two-way branches the path took before the exit,
	// most recent last: with Recent, which of two branches that run the
	// same positions the path took (for an ExitLoop, the loop header's
	// own branch comes after the one that decided the iteration's end).
	Turns [4]Turn
	// BadIf is, when BadStatus, the status check whose bad side the
	// path took, and BadSucc that side's first block.
	BadIf   *ssa.If
	BadSucc *ssa.BasicBlock
}

// Turn is a two-way branch a path took: the position of its condition
// (ssa.If.Cond) and the side taken (0: true, 1: false).
type Turn struct {
	Cond token.Pos
	Succ int
}

// Result is what Analyze found.
type Result struct {
	// Leaks lists the distinct leaking exits in the order found.
	Leaks []Exit
	// Released and Escaped report whether some path released the
	// resource or handed it on other than by returning it. Drained
	// reports whether some path drained it (drain modes). Reads reports
	// whether some call reads from it (Use.Read) or drains it, on any
	// path (classified uses, flow-insensitive).
	Released, Escaped, Drained, Reads bool
	// Returned lists the result indices through which some path returns
	// the resource itself (sorted, no duplicates).
	Returned []int
	// ErrReturns lists the returns (ExitReturn exits, in the order found)
	// that hand the resource out together with a non-nil error other than
	// the acquisition's own: a caller that follows the convention "err !=
	// nil means nothing to release" leaks it.
	ErrReturns []Exit
	// HasRelease reports whether any instruction of the function releases
	// the resource, reachable or not.
	HasRelease bool
	// Incomplete is set when the work budget ran out; nothing else in the
	// result may then be trusted.
	Incomplete bool
	// Tracked holds every value that may hold the resource (read only).
	Tracked map[ssa.Value]bool
	// Uses classifies every instruction that uses the resource (its
	// releases, hand-offs, borrows, aliasing calls), reachable or not.
	// Read only: fixes map the releases back to syntax.
	Uses map[ssa.Instruction]Use
}

// Budget bounds the path states explored for one resource (and the values
// visited while computing its aliases), unless Spec.Budget says otherwise.
// States are keyed by block, so a function of N sequential branches needs
// about 3N of them per response: 200 000 admits N = 10 000 and more in
// full (passes/bodyclose BenchmarkScale: the search grows linearly, and
// x/tools' SSA builder, not the search, dominates at that size).
const Budget = 200000

// budget returns the bound in force for spec.
func (spec *Spec) budget() int {
	if spec.Budget > 0 {
		return spec.Budget
	}
	return Budget
}

// Analyze follows r through its function.
func Analyze(r Resource, spec *Spec) *Result {
	a := &analysis{r: r, spec: spec, res: new(Result),
		tracked: map[ssa.Value]bool{}, cells: map[ssa.Value]bool{},
		errCells: map[ssa.Value]bool{}, errFields: map[fieldKey]bool{}, uses: map[ssa.Instruction]Use{},
		aliasErr: map[ssa.Instruction]ssa.Value{}, guards: map[ssa.Instruction]bool{},
		returns: map[*ssa.Return][]int{}, slots: map[*ssa.Alloc]bool{}, sides: map[ssa.Value][2]*statusSet{}, otherSides: map[ssa.Value]otherSide{},
		slotsHolding: map[ssa.Value]bool{}, vars: map[ssa.Value]bool{}, via: map[ssa.Instruction][]ssa.Value{},
		callSeen: map[pendingCall]bool{}}
	a.aliases()
	a.res.Tracked = a.tracked
	a.res.Uses = a.uses
	if a.res.Incomplete {
		return a.res
	}
	for _, u := range a.uses {
		if u.Effect == Release || u.Effect == DrainRelease || u.Partly {
			a.res.HasRelease = true
		}
	}
	starts, released := a.beforeAcquire()
	if released {
		a.res.Released = true
	}
	if !a.res.Incomplete {
		a.search(starts)
	}
	return a.res
}

type analysis struct {
	r    Resource
	spec *Spec
	res  *Result

	tracked   map[ssa.Value]bool // values that hold the resource
	cells     map[ssa.Value]bool // addresses whose loads hold it
	errCells  map[ssa.Value]bool // addresses the error result is stored to
	errFields map[fieldKey]bool  // fields of local structs it is stored to
	uses      map[ssa.Instruction]Use
	aliasErr  map[ssa.Instruction]ssa.Value // error results of aliasing calls
	guards    map[ssa.Instruction]bool      // calls whose error guards the resource (ErrGuard)
	returns   map[*ssa.Return][]int         // result indices of returns that return it
	slots     map[*ssa.Alloc]bool           // memo of isLocalSlot
	// slotsHolding are the local slots some store puts the resource in.
	slotsHolding map[ssa.Value]bool
	// vars are the variables (not result slots, not holders) some store
	// puts the resource in as a whole: gone.go follows what they hold.
	vars map[ssa.Value]bool
	// swapped: a field that holds the resource is overwritten with
	// something else somewhere in the function.
	swapped bool
	// sides memoises statusSides.
	sides map[ssa.Value][2]*statusSet
	// otherSides memoises otherStatusSides; live and noOthers are
	// othersLive's.
	otherSides map[ssa.Value]otherSide
	live       map[ssa.Value][]bool
	noOthers   bool
	// calls are the calls that receive the resource, classified once
	// the aliases are known.
	calls    []pendingCall
	callSeen map[pendingCall]bool
	// via lists, for each use, the tracked values it uses.
	via  map[ssa.Instruction][]ssa.Value
	work []ssa.Value
}

// ReturnedValue returns result i of ret, looking through the local that a
// function with defers stores its results to before it runs them
// (*t0 = v; rundefers; t = *t0; return t): the value stored last in ret's
// block.
func ReturnedValue(ret *ssa.Return, i int) ssa.Value {
	v := ret.Results[i]
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return v
	}
	cell, ok := load.X.(*ssa.Alloc)
	if !ok {
		return v
	}
	instrs := ret.Block().Instrs
	for j := len(instrs) - 1; j >= 0; j-- {
		if st, ok := instrs[j].(*ssa.Store); ok && st.Addr == cell {
			return st.Val
		}
	}
	return v
}

// ReturnsNonNil reports whether result i of ret is an error that is never
// nil there: nonNil says so of the value itself (nil hook: no value is
// known), or the return stands on the non-nil side of a check `v != nil`
// of the same value (or of the same variable) that dominates it.
func ReturnsNonNil(ret *ssa.Return, i int, nonNil func(ssa.Value) bool) bool {
	v := ReturnedValue(ret, i)
	if IsNil(v) {
		return false
	}
	if nonNil != nil && nonNil(v) {
		return true
	}
	for b := ret.Block(); b != nil; b = b.Idom() {
		idom := b.Idom()
		if idom == nil {
			break
		}
		iff, ok := idom.Instrs[len(idom.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		x, eq, ok := nilCompare(iff.Cond)
		if !ok || !sameValue(x, v) {
			continue
		}
		nonNilSucc := idom.Succs[0]
		if eq {
			nonNilSucc = idom.Succs[1]
		}
		if nonNilSucc == b && len(b.Preds) == 1 {
			return true
		}
	}
	return false
}

// sameValue reports whether x and y are the same value, or loads of the
// same variable (a named result captured by a deferred closure).
func sameValue(x, y ssa.Value) bool {
	if x == y {
		return true
	}
	lx, ok1 := x.(*ssa.UnOp)
	ly, ok2 := y.(*ssa.UnOp)
	return ok1 && ok2 && lx.Op == token.MUL && ly.Op == token.MUL && lx.X == ly.X
}
