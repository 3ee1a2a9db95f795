package lifetime

// Aliases: every value and address that may hold the resource, and what
// each instruction that uses them does to it.

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

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

// addUse records the strongest effect seen for instr, which uses the
// resource through v.
func (a *analysis) addUse(instr ssa.Instruction, u Use, v ssa.Value) {
	if !slices.Contains(a.via[instr], v) {
		a.via[instr] = append(a.via[instr], v)
	}
	old, ok := a.uses[instr]
	if !ok || rank(u.Effect) > rank(old.Effect) || (rank(u.Effect) == rank(old.Effect) && u.ErrGuard && !old.ErrGuard) {
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
	for {
		for len(a.work) > 0 {
			v := a.work[len(a.work)-1]
			a.work = a.work[:len(a.work)-1]
			if steps++; steps > a.spec.budget() {
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
		// Calls are classified once the values they could see are
		// known: a closure capturing the resource in two variables is
		// asked about both (defer func() { io.Copy(io.Discard, r);
		// resp.Body.Close() }()). A call that aliases the resource
		// adds values, and then every call is asked again.
		if len(a.calls) == 0 {
			return
		}
		a.classifyCalls()
		if len(a.work) == 0 {
			return
		}
	}
}

// classifyCalls asks the spec what each call that receives the resource
// does with it, replacing earlier answers.
func (a *analysis) classifyCalls() {
	for _, pc := range a.calls {
		delete(a.uses, pc.c)
		delete(a.via, pc.c)
	}
	for _, pc := range a.calls {
		a.classifyCall(pc.c, pc.v)
	}
}

// pendingCall is a call that receives the resource as v.
type pendingCall struct {
	c ssa.CallInstruction
	v ssa.Value
}

// cellUse handles an instruction that uses the address cell.
func (a *analysis) cellUse(cell ssa.Value, instr ssa.Instruction) {
	switch instr := instr.(type) {
	case *ssa.Store:
		if _, field := cell.(*ssa.FieldAddr); field && instr.Addr == cell && !a.tracked[instr.Val] {
			// resp.Body = io.NopCloser(buf): the field is given
			// something else somewhere in the function.
			a.swapped = true
			if a.r.SwapReleases {
				a.addUse(instr, Use{Effect: Release}, cell)
			}
		}
	case *ssa.UnOp:
		if instr.Op == token.MUL && instr.X == cell {
			a.addValue(instr)
		}
	case *ssa.MakeClosure:
		// A closure capturing the variable: its calls are classified
		// through the closure value.
		a.addValue(instr)
	case *ssa.FieldAddr:
		// A field of a struct variable that holds the resource
		// (r.Resp of a result struct kept in memory).
		if instr.X == cell {
			if f := fieldOf(instr.X.Type(), instr.Field, true); f != nil && a.spec.Field != nil && a.spec.Field(f) {
				a.addCell(instr)
			}
		}
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
	case *ssa.UnOp:
		// *p of a tracked pointer: the struct it points to (a holder
		// copied for a value-receiver method).
		if instr.Op == token.MUL && instr.X == v {
			a.addValue(instr)
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
			if a.isLocalSlot(addr) {
				// A local slot (the result variables of a function
				// with defers): only the loads this store reaches
				// may hold the resource, and the search follows on
				// each path whether the slot holds it, so that
				// `return nil, err` on another path does not return
				// it.
				a.slotsHolding[addr] = true
				for _, load := range reachedLoads(instr, addr) {
					a.addValue(load)
				}
				return
			}
			// A variable that holds the resource: its loads hold it,
			// and its address is a handle to it (return &response,
			// pass &resp).
			a.vars[addr] = true
			a.addCell(addr)
			a.addValue(addr)
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
		a.addUse(instr, Use{Effect: Escape}, v) // field, global, element: handed on
	case *ssa.Send:
		if instr.X == v {
			a.addUse(instr, Use{Effect: Escape}, v)
		}
	case *ssa.MapUpdate:
		a.addUse(instr, Use{Effect: Escape}, v)
	case *ssa.Return:
		// Returned inside an error value (&StatusError{Resp: resp}), the
		// resource is not handed on: whoever handles an error reads
		// it, and nobody releases what it holds.
		returned := false
		for i, r := range instr.Results {
			if r == v && !isErrorType(r.Type()) {
				a.returns[instr] = append(a.returns[instr], i)
				returned = true
			}
		}
		if returned {
			a.addUse(instr, Use{Effect: Escape}, v)
		}
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

// callUse records that call c receives the resource as v; it is
// classified when the aliases are known (classifyCalls).
func (a *analysis) callUse(c ssa.CallInstruction, v ssa.Value) {
	pc := pendingCall{c, v}
	if !a.callSeen[pc] {
		a.callSeen[pc] = true
		a.calls = append(a.calls, pc)
	}
}

// classifyCall asks the spec what call c does with v and records it.
func (a *analysis) classifyCall(c ssa.CallInstruction, v ssa.Value) {
	if a.spec.Call == nil {
		a.addUse(c, Use{Effect: Escape}, v)
		return
	}
	u := a.spec.Call(c, v, a)
	a.addUse(c, u, v)
	if u.Read || u.Effect == Drain || u.Effect == DrainRelease {
		a.res.Reads = true // a drain reads too (even one after a close)
	}
	call, ok := c.(*ssa.Call)
	if !ok {
		return
	}
	if u.ErrGuard {
		a.guardErr(call, u.Err)
	}
	if u.Effect != Alias {
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

// guardErr records result i of call (the call itself when i < 0) as an
// error under which the resource no longer exists.
func (a *analysis) guardErr(call *ssa.Call, i int) {
	a.guards[call] = true
	if i < 0 {
		a.aliasErr[call] = call
		a.findErrCells(call, map[ssa.Value]bool{})
		return
	}
	if refs := call.Referrers(); refs != nil {
		for _, r := range *refs {
			if ex, ok := r.(*ssa.Extract); ok && ex.Index == i {
				a.aliasErr[call] = ex
				a.findErrCells(ex, map[ssa.Value]bool{})
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
			switch addr := st.Addr.(type) {
			case *ssa.Alloc:
				a.errCells[addr] = true
			case *ssa.FieldAddr:
				// st.resp, st.err = c.Get(u): a field of a local struct.
				if _, local := addr.X.(*ssa.Alloc); local {
					a.errFields[fieldKey{addr.X, addr.Field}] = true
				}
			}
		}
	}
}

// fieldKey names a field of a local struct (each st.err expression is a
// FieldAddr of its own).
type fieldKey struct {
	x     ssa.Value
	field int
}

// isErrCell reports whether addr is an address the error result is
// stored to.
func (a *analysis) isErrCell(addr ssa.Value) bool {
	if a.errCells[addr] {
		return true
	}
	fa, ok := addr.(*ssa.FieldAddr)
	return ok && a.errFields[fieldKey{fa.X, fa.Field}]
}

// beforeAcquire walks the paths from the entry to the acquisition
// (prefix) and returns the states in which they reach it. Deferred
// releases registered before it cover the paths they are on (defer
// func() { if resp != nil { resp.Body.Close() } }(), one such defer on
// each branch of an if); a deferred closure over variables releases what
// they hold at the exit instead (a loop that acquires into the variable
// again, or a later assignment to it, leaks the resource), and the search
// starts with those variables. released: some path was covered. No
// start: no path the statuses of other responses allow reaches the
// acquisition uncovered, and there is nothing to release there. (In the
// drain modes a deferred drain or release registered on the way is
// carried to the search, which runs it at the exits.)
func (a *analysis) beforeAcquire() (starts []start, released bool) {
	if len(a.r.Fn.Blocks) == 0 {
		return nil, false
	}
	a.othersLive()
	if a.r.Acquire == nil {
		return []start{{}}, false
	}
	covering := map[ssa.Instruction]bool{}
	for instr, u := range a.uses {
		d, ok := instr.(*ssa.Defer)
		if !ok || !a.readsAtExit(d) {
			continue
		}
		switch {
		case a.spec.Mode == ModeRelease && (u.Effect == Release || u.Effect == DrainRelease):
			covering[d] = true
		case a.spec.Mode != ModeRelease && (u.Effect == Release || u.Effect == DrainRelease || u.Effect == Drain):
			// The drain modes carry it to the exits.
			covering[d] = true
		}
	}
	if len(covering) == 0 && len(a.live) == 0 {
		// Nothing registered before it can cover it and no status test
		// of another response can rule a path out: every path that
		// reaches it does so in the same state, and the prefix walk's
		// states would only cost (in a long function, one walk per
		// acquisition).
		if !a.reachesAcquire() {
			return nil, false
		}
		return []start{{}}, false
	}
	starts, released, incomplete := a.prefix(covering)
	if incomplete {
		a.res.Incomplete = true
		return nil, false
	}
	for _, st := range starts {
		if st.varDefers != nil {
			released = true
		}
	}
	return starts, released
}

// readsAtExit reports whether deferred call d, registered before the
// acquisition, may find the resource acquired after it: through a closure
// (over the variable the resource is later stored in), an address (&resp,
// a holder whose field receives it) or an owner of the resource given at
// the start (the connection a response is read from). A value computed
// when the defer was registered (defer closeBody(resp) in a loop, a load
// of resp) holds an earlier resource, not this one.
func (a *analysis) readsAtExit(d *ssa.Defer) bool {
	for _, v := range a.via[d] {
		if _, ok := v.(*ssa.MakeClosure); ok || a.cells[v] || slices.Contains(a.r.Values, v) {
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

// isLocalSlot reports whether alloc is a variable that lives on the stack
// and is only ever stored to and loaded from as a whole: the result
// variables SSA keeps in memory in a function with defers, and locals it
// did not lift. For such a slot the loads a store reaches can be computed
// exactly; any other address (captured by a closure, passed on, indexed)
// is a cell whose every load may hold the resource.
func (a *analysis) isLocalSlot(alloc *ssa.Alloc) bool {
	if v, ok := a.slots[alloc]; ok {
		return v
	}
	ok := !alloc.Heap && alloc.Referrers() != nil
	if ok {
		for _, r := range *alloc.Referrers() {
			switch r := r.(type) {
			case *ssa.Store:
				ok = r.Addr == alloc && r.Val != ssa.Value(alloc)
			case *ssa.UnOp:
				ok = r.Op == token.MUL
			case *ssa.DebugRef:
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
	}
	a.slots[alloc] = ok
	return ok
}

// reachedLoads returns the loads of slot that store st reaches: those on a
// path from st that no other store to slot interrupts.
func reachedLoads(st *ssa.Store, slot *ssa.Alloc) []ssa.Value {
	var out []ssa.Value
	// scan walks b from instruction i; it reports whether the walk goes
	// on to b's successors.
	scan := func(b *ssa.BasicBlock, i int) bool {
		for _, instr := range b.Instrs[i:] {
			switch instr := instr.(type) {
			case *ssa.Store:
				if instr.Addr == slot {
					return false
				}
			case *ssa.UnOp:
				if instr.Op == token.MUL && instr.X == slot {
					out = append(out, instr)
				}
			}
		}
		return true
	}
	seen := map[*ssa.BasicBlock]bool{}
	var work []*ssa.BasicBlock
	if scan(st.Block(), index(st)+1) {
		work = append(work, st.Block().Succs...)
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if scan(b, 0) {
			work = append(work, b.Succs...)
		}
	}
	return out
}

// reachesAcquire reports whether a path from the entry reaches the
// acquisition without a panic or a call that does not return (log.Fatal)
// on the way: prefix without its states.
func (a *analysis) reachesAcquire() bool {
	acq := a.r.Acquire.Block()
	seen := make([]bool, len(a.r.Fn.Blocks))
	work := []*ssa.BasicBlock{a.r.Fn.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b.Index] {
			continue
		}
		seen[b.Index] = true
		ends := false
		for _, instr := range b.Instrs {
			if instr == a.r.Acquire {
				return true
			}
			if call, ok := instr.(*ssa.Call); ok && a.spec.NoReturn != nil && a.spec.NoReturn(call) {
				ends = true
				break
			}
		}
		if b == acq || ends {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Panic); ok {
			continue
		}
		work = append(work, b.Succs...)
	}
	return false
}
