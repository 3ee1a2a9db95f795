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
	// Body is what the function does with response bodies.
	Body Effects
	// Pool is what it does with transports' connection pools
	// (*http.Transport, or an *http.Client that owns one).
	Pool Effects
	// Res is what it does with resources borrowed from a pool
	// (knowledge.ResourceKind: sql.Rows, sql.Tx, redis.Conn, ...).
	Res Effects
	// ClientPool is what it does with clients that own a pool
	// (knowledge.PoolKind: sql.DB, redis.Client, grpc.ClientConn, ...).
	ClientPool Effects
	// NilFalse lists error parameters for which the function (returning a
	// bool) returns false whenever they are nil: where it returns true,
	// the error is non-nil.
	NilFalse []int
}

// Effects is what a function does with one kind of resource.
type Effects struct {
	// Closes lists parameters whose resource the function releases on
	// every path.
	Closes []int
	// Takes lists parameters whose ownership the function takes on some
	// path (stores them, hands them on, or releases them on some paths
	// only): the caller need not, and must not be told to, release them.
	Takes []int
	// Borrows lists resource-holding parameters the function only reads.
	Borrows []int
	// Passes lists parameters returned as a result: Passes[k] = {param, result}.
	Passes [][2]int
	// ClosesOnError lists parameters released on exactly the paths that
	// return a non-nil error (checkResponse(resp) error): the caller keeps
	// them when the error is nil.
	ClosesOnError []int
	// Returns lists results that carry a resource the caller must release.
	Returns []int
	// ReturnsOnError lists the results of Returns that stay live on some
	// path where the function's error result is non-nil (return resp,
	// fmt.Errorf(...)): callers that skip the resource on error leak it.
	ReturnsOnError []int
	// Drains lists parameters (bodies) the function reads to their end
	// on every path, before any close.
	Drains []int
	// DrainsOnError lists parameters read to their end on exactly the
	// paths that return a non-nil error (a status check that reads the
	// error body into the error).
	DrainsOnError []int
	// Reads lists parameters whose body the function reads from on some
	// path (a decode helper): an error it returns may be a read error.
	Reads []int
}

// AFact marks Summary as an analysis.Fact.
func (*Summary) AFact() {}

// String lists the summary for tests: body effects as closes(0), pool
// effects as pool.closes(0), error predicates as errpred(0).
func (s *Summary) String() string {
	parts := s.Body.strings("")
	parts = append(parts, s.Pool.strings("pool.")...)
	parts = append(parts, s.Res.strings("res.")...)
	parts = append(parts, s.ClientPool.strings("clientpool.")...)
	for _, x := range s.NilFalse {
		parts = append(parts, fmt.Sprintf("errpred(%d)", x))
	}
	return strings.Join(parts, " ")
}

func (e *Effects) strings(prefix string) []string {
	var parts []string
	add := func(name string, xs []int) {
		for _, x := range xs {
			parts = append(parts, fmt.Sprintf("%s%s(%d)", prefix, name, x))
		}
	}
	add("closes", e.Closes)
	add("takes", e.Takes)
	add("borrows", e.Borrows)
	for _, p := range e.Passes {
		parts = append(parts, fmt.Sprintf("%spasses(%d->%d)", prefix, p[0], p[1]))
	}
	add("closesOnError", e.ClosesOnError)
	add("returns", e.Returns)
	add("returnsOnError", e.ReturnsOnError)
	add("drains", e.Drains)
	add("drainsOnError", e.DrainsOnError)
	add("reads", e.Reads)
	return parts
}

func (e *Effects) empty() bool {
	return len(e.Closes)+len(e.Takes)+len(e.Borrows)+len(e.Passes)+len(e.ClosesOnError)+len(e.Returns)+len(e.ReturnsOnError)+len(e.Drains)+len(e.DrainsOnError)+len(e.Reads) == 0
}

func (s *Summary) empty() bool {
	return s.Body.empty() && s.Pool.empty() && s.Res.empty() && s.ClientPool.empty() && len(s.NilFalse) == 0
}

// effectOf returns what the effects say of parameter i.
func (s *Effects) effectOf(i int) (eff paramEffect, ok bool) {
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
	for _, x := range s.ClosesOnError {
		if x == i {
			return paramEffect{kind: effCloseOnErr}, true
		}
	}
	for _, x := range s.Borrows {
		if x == i {
			return paramEffect{kind: effBorrow}, true
		}
	}
	return paramEffect{}, false
}
