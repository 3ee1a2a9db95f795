package lifetime

// Other resources' statuses: a path that tests the status of a response
// other than the tracked one (one acquired before it, or the one that
// replaced it) can contradict itself just as well. Status sets are kept
// per SSA value whose status field a test read (the root), carried
// through loads, stores and phis, and dropped when the value is defined
// anew (a loop's next iteration). Absent means any status. The same
// sets decide, before the acquisition, whether any path reaches it
// (prefix): an acquisition that only a contradictory path reaches has no
// resource to release.

import (
	"go/constant"
	"go/token"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// otherCodes is the status set of the response that root holds on a path.
type otherCodes struct {
	root  ssa.Value
	codes *statusSet
}

// otherSide is a comparison of the status of one root with constants:
// the statuses for which it is true and false (otherStatusSides).
type otherSide struct {
	root ssa.Value
	t, f *statusSet
}

func (s *state) other(v ssa.Value) *statusSet {
	for _, o := range s.others {
		if o.root == v {
			return o.codes
		}
	}
	return nil
}

// setOther records codes for v (nil: any status), copying the slice.
func (s *state) setOther(v ssa.Value, codes *statusSet) {
	i := slices.IndexFunc(s.others, func(o otherCodes) bool { return o.root == v })
	switch {
	case i < 0 && codes == nil:
	case i < 0:
		s.others = append(slices.Clip(s.others), otherCodes{v, codes})
	case codes == nil:
		s.others = slices.Delete(slices.Clone(s.others), i, i+1)
	default:
		s.others = slices.Clone(s.others)
		s.others[i].codes = codes
	}
}

// othersKey writes the status sets of s to sb in a canonical order.
func (s *state) othersKey(sb *strings.Builder, ids map[ssa.Value]int) {
	if len(s.others) == 0 {
		return
	}
	type kv struct {
		id  int
		key string
	}
	kvs := make([]kv, len(s.others))
	for i, o := range s.others {
		kvs[i] = kv{valueID(ids, o.root), o.codes.key()}
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].id < kvs[j].id })
	for _, x := range kvs {
		sb.WriteString("o")
		sb.WriteString(strconv.Itoa(x.id))
		sb.WriteString("=")
		sb.WriteString(x.key)
	}
}

// flowOthers carries the status sets of s across instr: a load takes what
// its address held, a store gives its address what the stored value held,
// a value defined anew holds a new response, a call may store through
// any address it can reach, and a store to a status field changes a
// status.
func (a *analysis) flowOthers(s *state, instr ssa.Instruction) {
	if len(s.others) == 0 {
		return
	}
	switch instr := instr.(type) {
	case *ssa.Phi:
		return // set on the way in (enterOthers)
	case *ssa.Store:
		if fa, ok := instr.Addr.(*ssa.FieldAddr); ok && a.spec.Status != nil {
			if f := fieldOf(fa.X.Type(), fa.Field, true); f != nil && a.spec.Status(f) {
				s.others = nil
				return
			}
		}
		s.setOther(instr.Addr, s.other(instr.Val))
		return
	case *ssa.UnOp:
		if instr.Op == token.MUL {
			s.setOther(instr, s.other(instr.X))
			return
		}
	case ssa.CallInstruction:
		for _, o := range s.others {
			if !isRegister(o.root) {
				s.others = slices.DeleteFunc(slices.Clone(s.others), func(o otherCodes) bool { return !isRegister(o.root) })
				break
			}
		}
	}
	if v, ok := instr.(ssa.Value); ok && s.other(v) != nil {
		s.setOther(v, nil)
	}
}

// isRegister reports whether v is a value no call can change: not an
// address (a global, a field or element), or a local variable whose
// address goes nowhere but to loads, its own stores and closures that
// only read it.
func isRegister(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Global, *ssa.FieldAddr, *ssa.IndexAddr:
		return false
	case *ssa.Alloc:
		return onlyRead(v, true, 0)
	}
	return true
}

// onlyRead reports whether the referrers of v, an address, only load from
// it, store to it (stores: in the function that owns it) or bind it to a
// closure that only reads it.
func onlyRead(v ssa.Value, stores bool, depth int) bool {
	if depth > 3 {
		return false
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.MUL {
				continue
			}
		case *ssa.Store:
			if stores && r.Addr == v && r.Val != v {
				continue
			}
		case *ssa.DebugRef:
			continue
		case *ssa.MakeClosure:
			fn, ok := r.Fn.(*ssa.Function)
			if i := slices.Index(r.Bindings, v); ok && i >= 0 && i < len(fn.FreeVars) && slices.Index(r.Bindings[i+1:], v) < 0 && onlyRead(fn.FreeVars[i], false, depth+1) {
				continue
			}
		}
		return false
	}
	return true
}

// enterOthers carries the status sets of s into the phis of block to,
// entered from its predecessor pred.
func enterOthers(s, n *state, to *ssa.BasicBlock, pred int) {
	if len(s.others) == 0 {
		return
	}
	for _, instr := range to.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		n.setOther(phi, s.other(phi.Edges[pred]))
	}
}

// otherStatusSides returns, for cond, a comparison of the status of one
// value (any value whose status field the spec names) with constants,
// the value and the statuses for which cond is true and false.
func (a *analysis) otherStatusSides(cond ssa.Value) (otherSide, bool) {
	// Only comparisons are looked at, and cached: a function of many
	// bool conditions keeps no entry for each.
	b, isBin := cond.(*ssa.BinOp)
	if !isBin || a.spec.Status == nil {
		return otherSide{}, false
	}
	switch b.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return otherSide{}, false
	}
	if side, seen := a.otherSides[cond]; seen {
		return side, side.root != nil
	}
	a.otherSides[cond] = otherSide{}
	side := otherSide{t: new(statusSet), f: new(statusSet)}
	for c := minStatus; c <= maxStatus; c++ {
		code := constant.MakeInt64(int64(c))
		x, okx := a.evalRoot(b.X, code, &side.root, 0)
		y, oky := a.evalRoot(b.Y, code, &side.root, 0)
		if !okx || !oky || side.root == nil || x.Kind() != y.Kind() {
			return otherSide{}, false
		}
		if constant.Compare(x, b.Op, y) {
			side.t.add(c)
		} else {
			side.f.add(c)
		}
	}
	a.otherSides[cond] = side
	return side, true
}

// evalRoot computes v with the status field of one value, *root (set by
// the first status load met), set to code; a second root fails.
func (a *analysis) evalRoot(v ssa.Value, code constant.Value, root *ssa.Value, depth int) (constant.Value, bool) {
	if depth > 4 {
		return nil, false
	}
	status := func(x ssa.Value) (constant.Value, bool) {
		if *root != nil && *root != x {
			return nil, false
		}
		*root = x
		return code, true
	}
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil {
			return nil, false
		}
		return v.Value, true
	case *ssa.UnOp:
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL {
			if f := fieldOf(fa.X.Type(), fa.Field, true); f != nil && a.spec.Status(f) {
				return status(fa.X)
			}
		}
	case *ssa.Field:
		if f := fieldOf(v.X.Type(), v.Field, false); f != nil && a.spec.Status(f) {
			return status(v.X)
		}
	case *ssa.BinOp:
		x, okx := a.evalRoot(v.X, code, root, depth+1)
		y, oky := a.evalRoot(v.Y, code, root, depth+1)
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

// narrowOthers drops from next, the successors of s at instr, a side
// that no status left for another response reaches, and narrows the
// status set on the sides kept.
func (a *analysis) narrowOthers(s *state, instr *ssa.If, next []state) []state {
	if a.spec.Status == nil || a.noOthers || len(next) == 0 {
		return next
	}
	t, f := s.b.Succs[0], s.b.Succs[1]
	if t == f {
		return next
	}
	cond, neg := unNot(instr.Cond)
	side, ok := a.otherStatusSides(cond)
	if !ok {
		return next
	}
	ts, fs := side.t, side.f
	if neg {
		ts, fs = fs, ts
	}
	if cur := s.other(side.root); cur != nil {
		ts, fs = cur.intersect(ts), cur.intersect(fs)
	}
	// The address the root was loaded from holds the same response if
	// nothing between the load and the test could store to it.
	var from ssa.Value
	if u, ok := side.root.(*ssa.UnOp); ok && u.Op == token.MUL && u.Block() == s.b && pureBetween(u, instr) {
		from = u.X
	}
	out := next[:0:0]
	for _, n := range next {
		codes := ts
		if n.b == f {
			codes = fs
		}
		if codes.empty() {
			continue
		}
		n.setOther(side.root, codes)
		if from != nil {
			n.setOther(from, codes)
		}
		out = append(out, n)
	}
	return out
}

// pureBetween reports whether no instruction strictly between from and
// to, in one block, stores or calls.
func pureBetween(from, to ssa.Instruction) bool {
	instrs := from.Block().Instrs
	i, j := index(from), index(to)
	if i < 0 || j < i {
		return false
	}
	for _, x := range instrs[i+1 : j] {
		switch x.(type) {
		case *ssa.Store, ssa.CallInstruction, *ssa.MapUpdate, *ssa.Send:
			return false
		}
	}
	return true
}

// start is a state in which a path reaches the acquisition: the status
// sets of other responses, the variables deferred closures registered on
// the way release at the exit.
type start struct {
	others    []otherCodes
	varDefers []ssa.Value
	// defers (drain modes) is the deferred drain or release registered
	// last on the way.
	defers []deferredUse
}

// prefix walks every path from the entry to the acquisition and returns
// the distinct states in which paths reach it. A deferred release in
// covering ends the path (released: one did); a deferred closure over
// variables in it is carried to the acquisition (varDefers). No start and
// not released: no path the statuses allow reaches the acquisition.
// incomplete: the budget ran out.
func (a *analysis) prefix(covering map[ssa.Instruction]bool) (starts []start, released, incomplete bool) {
	ids := map[ssa.Value]int{}
	seen := map[string]bool{}
	seenStart := map[string]bool{}
	key := func(s *state) string {
		var sb strings.Builder
		sb.WriteString(strconv.Itoa(s.b.Index))
		s.othersKey(&sb, ids)
		for _, v := range s.varDefers {
			sb.WriteString("c")
			sb.WriteString(strconv.Itoa(valueID(ids, v)))
		}
		for _, d := range s.defers {
			sb.WriteString("d")
			sb.WriteString(strconv.Itoa(index(d.instr)))
			sb.WriteString("@")
			sb.WriteString(strconv.Itoa(d.instr.Block().Index))
		}
		return sb.String()
	}
	stack := []state{{b: a.r.Fn.Blocks[0]}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		k := key(&s)
		if seen[k] {
			continue
		}
		seen[k] = true
		if len(seen) > a.spec.budget() {
			return nil, false, true
		}
	instrs:
		for _, instr := range s.b.Instrs {
			if instr == a.r.Acquire {
				if k := key(&s); !seenStart[k] {
					seenStart[k] = true
					starts = append(starts, start{s.others, s.varDefers, s.defers})
				}
				break
			}
			if covering[instr] && a.spec.Mode != ModeRelease {
				// A deferred drain or release runs at the exit (walk).
				s.defers = a.registerDefer(s.defers, instr.(*ssa.Defer))
				continue
			}
			if covering[instr] {
				d := instr.(*ssa.Defer)
				vars := a.deferredVars(d)
				if vars == nil || a.uses[d].Effect != Release {
					released = true
					break
				}
				for _, v := range vars {
					if !slices.Contains(s.varDefers, v) {
						s.varDefers = append(slices.Clip(s.varDefers), v)
					}
				}
				slices.SortFunc(s.varDefers, func(x, y ssa.Value) int { return valueID(ids, x) - valueID(ids, y) })
				continue
			}
			a.flowOthers(&s, instr)
			switch instr := instr.(type) {
			case *ssa.Panic, *ssa.Return:
				break instrs
			case *ssa.Call:
				if a.spec.NoReturn != nil && a.spec.NoReturn(instr) {
					break instrs
				}
			case *ssa.If:
				var next []state
				for _, succ := range s.b.Succs {
					next = append(next, a.enterPrefix(&s, succ))
				}
				stack = append(stack, a.narrowOthers(&s, instr, next)...)
			case *ssa.Jump:
				stack = append(stack, a.enterPrefix(&s, s.b.Succs[0]))
			}
		}
	}
	return starts, released, false
}

// enterPrefix moves the prefix walk from s's block to block to.
func (a *analysis) enterPrefix(s *state, to *ssa.BasicBlock) state {
	n := state{b: to, others: s.others, varDefers: s.varDefers, defers: s.defers}
	if pred := slices.Index(to.Preds, s.b); pred >= 0 {
		enterOthers(s, &n, to, pred)
	}
	a.dropDead(&n, to)
	return n
}

// othersLive computes, for every value a status test of another response
// may read (its root, and what flows into that root: the edges of a phi,
// the values stored to the address it was loaded from), the blocks from
// which such a test can be reached: elsewhere a status set of that value
// can decide nothing and is dropped, so that sets of responses nobody
// tests again do not multiply the paths.
func (a *analysis) othersLive() {
	a.live = map[ssa.Value][]bool{}
	if a.spec.Status == nil {
		return
	}
	fn := a.r.Fn
	var tests int
	for _, b := range fn.Blocks {
		ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cond, _ := unNot(ifi.Cond)
		side, ok := a.otherStatusSides(cond)
		if !ok {
			continue
		}
		if tests++; tests*len(fn.Blocks) > maxLiveWork {
			a.live = map[ssa.Value][]bool{} // too large to be worth it: no narrowing
			a.noOthers = true
			return
		}
		// Blocks that reach b.
		reach := make([]bool, len(fn.Blocks))
		work := []*ssa.BasicBlock{b}
		for len(work) > 0 {
			x := work[len(work)-1]
			work = work[:len(work)-1]
			if reach[x.Index] {
				continue
			}
			reach[x.Index] = true
			work = append(work, x.Preds...)
		}
		// Values that flow into the root.
		seen := map[ssa.Value]bool{}
		var flow func(v ssa.Value, depth int)
		flow = func(v ssa.Value, depth int) {
			if v == nil || seen[v] || depth > 8 {
				return
			}
			seen[v] = true
			live := a.live[v]
			if live == nil {
				live = make([]bool, len(fn.Blocks))
				a.live[v] = live
			}
			for i, r := range reach {
				live[i] = live[i] || r
			}
			switch v := v.(type) {
			case *ssa.Phi:
				for _, e := range v.Edges {
					flow(e, depth+1)
				}
			case *ssa.UnOp:
				if v.Op == token.MUL {
					flow(v.X, depth+1)
				}
			case *ssa.Alloc, *ssa.Global, *ssa.FieldAddr, *ssa.IndexAddr:
				for _, r := range *v.Referrers() {
					if st, ok := r.(*ssa.Store); ok && st.Addr == v {
						flow(st.Val, depth+1)
					}
				}
			}
		}
		flow(side.root, 0)
	}
}

// maxLiveWork bounds othersLive: status tests × blocks.
const maxLiveWork = 1 << 22

// dropDead drops the status sets of s whose value no test reachable from
// block b can read.
func (a *analysis) dropDead(s *state, b *ssa.BasicBlock) {
	for _, o := range s.others {
		if l := a.live[o.root]; l == nil || !l[b.Index] {
			s.others = slices.DeleteFunc(slices.Clone(s.others), func(o otherCodes) bool {
				l := a.live[o.root]
				return l == nil || !l[b.Index]
			})
			return
		}
	}
}
