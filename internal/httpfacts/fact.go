package httpfacts

import (
	"fmt"
	"strings"
)

// Summary is what a function does with the HTTP responses and bodies that
// cross its boundary. It is exported as an object fact on the function's
// *types.Func (the generic origin for instantiations), so that callers in
// other packages can use it. Indices count parameters as ssa.Function.Params
// does: the receiver of a method is parameter 0.
//
// The fields are sorted and exported only when one of them is non-empty, so
// the gob encoding is small and deterministic.
type Summary struct {
	// Closes lists parameters whose body the function releases on every
	// path.
	Closes []int
	// Takes lists parameters whose ownership the function takes on some
	// path (stores them, hands them on, or closes them on some paths only):
	// the caller need not, and must not be told to, close them.
	Takes []int
	// Borrows lists body-holding parameters the function only reads.
	Borrows []int
	// Passes lists parameters returned as a result: Passes[k] = {param, result}.
	Passes [][2]int
	// Returns lists results that carry a live response the caller must close.
	Returns []int
	// NilFalse lists error parameters for which the function (returning a
	// bool) returns false whenever they are nil: where it returns true,
	// the error is non-nil.
	NilFalse []int
}

// AFact marks Summary as an analysis.Fact.
func (*Summary) AFact() {}

func (s *Summary) String() string {
	var parts []string
	add := func(name string, xs []int) {
		for _, x := range xs {
			parts = append(parts, fmt.Sprintf("%s(%d)", name, x))
		}
	}
	add("closes", s.Closes)
	add("takes", s.Takes)
	add("borrows", s.Borrows)
	for _, p := range s.Passes {
		parts = append(parts, fmt.Sprintf("passes(%d->%d)", p[0], p[1]))
	}
	add("returns", s.Returns)
	add("errpred", s.NilFalse)
	return strings.Join(parts, " ")
}

func (s *Summary) empty() bool {
	return len(s.Closes)+len(s.Takes)+len(s.Borrows)+len(s.Passes)+len(s.Returns)+len(s.NilFalse) == 0
}

// effectOf returns what the summary says of parameter i.
func (s *Summary) effectOf(i int) (eff paramEffect, ok bool) {
	for _, x := range s.Closes {
		if x == i {
			return paramEffect{kind: effClose}, true
		}
	}
	for _, x := range s.Takes {
		if x == i {
			return paramEffect{kind: effTake}, true
		}
	}
	for _, p := range s.Passes {
		if p[0] == i {
			return paramEffect{kind: effPass, result: p[1]}, true
		}
	}
	for _, x := range s.Borrows {
		if x == i {
			return paramEffect{kind: effBorrow}, true
		}
	}
	return paramEffect{}, false
}
