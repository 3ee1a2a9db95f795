package lifetime

// Status sets: which values the resource's status (HTTP: 100 to 599) may
// still have on a path, narrowed by every comparison of it the path takes,
// so that a side no status can reach is not followed, and a side where
// every remaining status leaves nothing to release (Resource.NoBody: a 1xx
// interim response) ends the path.

import (
	"go/constant"
	"go/token"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

const (
	minStatus = 100
	maxStatus = 599
	nStatus   = maxStatus - minStatus + 1
)

// statusSet is a set of statuses; the zero value is empty.
type statusSet [(nStatus + 63) / 64]uint64

func fullStatusSet() *statusSet {
	var s statusSet
	for c := minStatus; c <= maxStatus; c++ {
		s.add(c)
	}
	return &s
}

func (s *statusSet) add(c int)      { i := c - minStatus; s[i/64] |= 1 << (i % 64) }
func (s *statusSet) has(c int) bool { i := c - minStatus; return s[i/64]&(1<<(i%64)) != 0 }
func (s *statusSet) empty() bool    { return *s == statusSet{} }
func (s *statusSet) intersect(t *statusSet) *statusSet {
	var r statusSet
	for i := range s {
		r[i] = s[i] & t[i]
	}
	return &r
}

// all reports whether pred holds for every status in s.
func (s *statusSet) all(pred func(int64) bool) bool {
	for c := minStatus; c <= maxStatus; c++ {
		if s.has(c) && !pred(int64(c)) {
			return false
		}
	}
	return true
}

func (s *statusSet) key() string {
	var sb strings.Builder
	for _, w := range s {
		sb.WriteString(strconv.FormatUint(w, 36))
		sb.WriteByte('.')
	}
	return sb.String()
}

// statusSides returns the statuses for which cond, a comparison that reads
// the resource's status (and constants only), is true and false; ok is
// false when cond is not such a comparison.
func (a *analysis) statusSides(cond ssa.Value) (t, f *statusSet, ok bool) {
	if sides, seen := a.sides[cond]; seen {
		return sides[0], sides[1], sides[0] != nil
	}
	a.sides[cond] = [2]*statusSet{}
	if a.spec.Status == nil {
		return nil, nil, false
	}
	b, isBin := cond.(*ssa.BinOp)
	if !isBin {
		return nil, nil, false
	}
	switch b.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return nil, nil, false
	}
	t, f = new(statusSet), new(statusSet)
	for c := minStatus; c <= maxStatus; c++ {
		code := constant.MakeInt64(int64(c))
		saw := false
		x, okx := a.evalAt(b.X, code, &saw, 0)
		y, oky := a.evalAt(b.Y, code, &saw, 0)
		if !okx || !oky || !saw || x.Kind() != y.Kind() {
			return nil, nil, false
		}
		if constant.Compare(x, b.Op, y) {
			t.add(c)
		} else {
			f.add(c)
		}
	}
	a.sides[cond] = [2]*statusSet{t, f}
	return t, f, true
}

// boolAt evaluates v, a bool, on the path of s: a constant, a comparison
// of the status that every status left in s decides the same way, or a
// phi whose value on the way in was known.
func (a *analysis) boolAt(s *state, v ssa.Value) (val, known bool) {
	v, neg := unNot(v)
	switch x := v.(type) {
	case *ssa.Const:
		if x.Value != nil && x.Value.Kind() == constant.Bool {
			return constant.BoolVal(x.Value) != neg, true
		}
	case *ssa.Phi:
		if e := s.phiEdge(x); e != nil {
			val, known := a.boolAt(s, e)
			return val != neg, known
		}
	case *ssa.BinOp:
		t, f, ok := a.statusSides(x)
		if !ok {
			return false, false
		}
		cur := s.codes
		if cur == nil {
			cur = fullStatusSet()
		}
		switch {
		case cur.intersect(f).empty():
			return !neg, true
		case cur.intersect(t).empty():
			return neg, true
		}
	}
	return false, false
}

// knownBool is the value a bool phi of the current block took on the way
// in: the incoming edge's value (a constant or a comparison).
type knownBool struct {
	v    *ssa.Phi
	edge ssa.Value
}

// phiEdge returns the value phi took on the way into its block on the
// path of s, if known.
func (s *state) phiEdge(phi *ssa.Phi) ssa.Value {
	for _, kb := range s.bools {
		if kb.v == phi {
			return kb.edge
		}
	}
	return nil
}

// resolve looks through a bool phi of the current block to the value it
// took on the way in.
func (s *state) resolve(v ssa.Value) ssa.Value {
	for i := 0; i < 4; i++ {
		phi, ok := v.(*ssa.Phi)
		if !ok {
			return v
		}
		e := s.phiEdge(phi)
		if e == nil {
			return v
		}
		v = e
	}
	return v
}

// statusBool reports whether v, on the path of s, is a bool constant or a
// comparison of the status (through phis already resolved): a value worth
// remembering for a phi it flows into.
func (a *analysis) statusBool(s *state, v ssa.Value) bool {
	v, _ = unNot(s.resolve(v))
	switch x := v.(type) {
	case *ssa.Const:
		return x.Value != nil && x.Value.Kind() == constant.Bool
	case *ssa.BinOp:
		_, _, ok := a.statusSides(x)
		return ok
	}
	return false
}
