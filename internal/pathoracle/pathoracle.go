// Package pathoracle generates small, well-typed functions that use one
// HTTP response, and knows by brute force whether each leaks its body: it
// enumerates every path through the function (each condition both ways,
// each loop run 0, 1 or 2 times, break, continue, early returns, panics)
// and runs the function's defers at each return. The fuzz target in this
// package compares the verdict with bodyclose's.
//
// A program (Generate, from a progen.Chooser such as a fuzz input) is one
// package with fixed helpers and one function f:
//
//	func f(c *http.Client, u string, items []int) error {
//		resp, err := c.Get(u)
//		if err != nil {
//			return err
//		}
//		use(resp)
//		... generated statements ...
//		return nil
//	}
//
// whose statements are ifs (on an opaque condition or on the status),
// range loops, break and continue, early returns, panics, closes (direct,
// by a helper, in a closure called at once, in a goroutine), defers of a
// close (direct, of a helper, of a closure, of a closure variable) in any
// order and in loops, and
// borrows (a helper that reads the status, called, deferred or in a
// goroutine).
//
// The oracle's semantics is the analyzers': conditions and trip counts are
// unknown, so every syntactic path is feasible, except that the tests of
// one response's status agree along a path; a path that panics leaks
// nothing (the process is going down), except a response a loop acquired
// and left open when it came round to acquire the next (the loop may run
// any number of times before the panic; bodyclose reports these at the
// acquisition); a goroutine given the body closes it.
package pathoracle

import (
	"bytes"
	"fmt"
	"go/format"

	"github.com/bodyclose/bodyclose/internal/progen"
)

// Kind is a simple statement's kind.
type Kind uint8

const (
	Close        Kind = iota // resp.Body.Close()
	CloseHelper              // closeBody(resp)
	CloseClosure             // func() { resp.Body.Close() }()
	GoClose                  // go closeBody(resp)
	GoClosure                // go func() { defer resp.Body.Close(); use(resp) }()
	DeferClose               // defer resp.Body.Close()
	DeferHelper              // defer closeBody(resp)
	DeferClosure             // defer func() { _ = resp.Body.Close() }()
	DeferVar                 // { cl := func() { resp.Body.Close() }; defer cl() }
	Use                      // use(resp): reads the status, keeps nothing
	GoUse                    // go use(resp): a goroutine that borrows only
	DeferUse                 // defer use(resp)
	Reacquire                // resp, err = c.Get(u); if err != nil { panic(err) }
	Return                   // return nil
	Panic                    // panic("unreachable")
	Break                    // break (in a loop)
	Continue                 // continue (in a loop)
	numKinds
)

// A Stmt is a *Simple, an *If or a *Loop.
type Stmt interface{ isStmt() }

// Simple is a statement of one Kind.
type Simple struct{ Kind Kind }

// If branches on cond() (or, with Status, on resp.StatusCode).
type If struct {
	Status     bool
	Then, Else []Stmt
}

// Loop is `for range items { Body }`.
type Loop struct{ Body []Stmt }

func (*Simple) isStmt() {}
func (*If) isStmt()     {}
func (*Loop) isStmt()   {}

// A Program is the body of f, after the error check.
type Program struct{ Body []Stmt }

// Generate makes a program from ch's choices: at most depth 3 of nested
// blocks, at most 4 statements a block.
func Generate(ch progen.Chooser) *Program {
	g := &generator{ch: ch}
	return &Program{Body: g.block(0, false)}
}

type generator struct{ ch progen.Chooser }

func (g *generator) block(depth int, inLoop bool) []Stmt {
	var out []Stmt
	n := g.ch.IntN(5)
	for range n {
		s := g.stmt(depth, inLoop)
		out = append(out, s)
		if sim, ok := s.(*Simple); ok && ends(sim.Kind) {
			break // what follows would be unreachable
		}
	}
	return out
}

func ends(k Kind) bool { return k == Return || k == Panic || k == Break || k == Continue }

func (g *generator) stmt(depth int, inLoop bool) Stmt {
	c := g.ch.IntN(int(numKinds) + 4)
	switch {
	case c >= int(numKinds) && depth < 3:
		if c < int(numKinds)+3 {
			return &If{Status: g.ch.IntN(3) == 0, Then: g.block(depth+1, inLoop), Else: g.block(depth+1, inLoop)}
		}
		return &Loop{Body: g.block(depth+1, true)}
	case c >= int(numKinds):
		c = int(Use)
	}
	k := Kind(c)
	if (k == Break || k == Continue) && !inLoop {
		k = Use
	}
	return &Simple{Kind: k}
}

// Source renders the program as a gofmt-ed Go file of package p.
func (p *Program) Source() []byte {
	var b bytes.Buffer
	b.WriteString(`package p

import "net/http"

var cond func() bool

var sink int

func closeBody(r *http.Response) { r.Body.Close() }

func use(r *http.Response) { sink += r.StatusCode }

func f(c *http.Client, u string, items []int) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	use(resp)
`)
	render(&b, p.Body)
	b.WriteString("return nil\n}\n")
	out, err := format.Source(b.Bytes())
	if err != nil {
		panic(fmt.Sprintf("pathoracle: rendered an ill-formed program: %v\n%s", err, b.Bytes()))
	}
	return out
}

var simpleSource = [numKinds]string{
	Close:        "resp.Body.Close()",
	CloseHelper:  "closeBody(resp)",
	CloseClosure: "func() { resp.Body.Close() }()",
	GoClose:      "go closeBody(resp)",
	GoClosure:    "go func() { defer resp.Body.Close(); use(resp) }()",
	DeferClose:   "defer resp.Body.Close()",
	DeferHelper:  "defer closeBody(resp)",
	DeferClosure: "defer func() { _ = resp.Body.Close() }()",
	DeferVar:     "{\ncl := func() { resp.Body.Close() }\ndefer cl()\n}",
	Use:          "use(resp)",
	GoUse:        "go use(resp)",
	DeferUse:     "defer use(resp)",
	Reacquire:    "resp, err = c.Get(u)\nif err != nil {\npanic(err)\n}",
	Return:       "return nil",
	Panic:        `panic("unreachable")`,
	Break:        "break",
	Continue:     "continue",
}

func render(b *bytes.Buffer, ss []Stmt) {
	for _, s := range ss {
		switch s := s.(type) {
		case *Simple:
			b.WriteString(simpleSource[s.Kind] + "\n")
		case *If:
			if s.Status {
				b.WriteString("if resp.StatusCode != http.StatusOK {\n")
			} else {
				b.WriteString("if cond() {\n")
			}
			render(b, s.Then)
			b.WriteString("} else {\n")
			render(b, s.Else)
			b.WriteString("}\n")
		case *Loop:
			b.WriteString("for range items {\n")
			render(b, s.Body)
			b.WriteString("}\n")
		}
	}
}

// state is what a path knows of the responses it acquired (the first, and
// one more at each Reacquire): which are open, which a deferred call will
// close at return (the response resp held when the defer ran: its
// arguments are evaluated then), and whether a deferred closure will close
// the one resp holds at return; and of the current response's status, once
// the path tested it (a response has one status: its tests agree).
type state struct {
	open, deferred [maxResponses]bool
	// by is the Reacquire statement that acquired each response (nil:
	// the first, before the generated statements).
	by           [maxResponses]*Simple
	n, cur       int8
	deferCurrent bool
	status       int8 // 0 not tested yet, 1 OK, -1 not OK
	// replaced: a Reacquire in a loop came round again while this
	// response, which it had acquired, was open and no defer held it.
	replaced [maxResponses]bool
}

// maxResponses bounds the responses of one path; a longer path counts as
// too many paths (Leaks gives up).
const maxResponses = 16

type flow uint8

const (
	fallThrough flow = iota
	returned
	panicked
	broke
	continued
)

// MaxPaths bounds the enumeration; Leaks gives up (ok false) past it.
const MaxPaths = 1 << 16

// Leaks reports whether some path of f returns with the body open and no
// deferred close pending, and the number of paths enumerated. ok is false
// when there are more than MaxPaths paths.
func (p *Program) Leaks() (leaks bool, paths int, ok bool) {
	e := &enumerator{}
	first := state{n: 1}
	first.open[0] = true
	e.block(p.Body, first, func(st state, fl flow) {
		e.paths++
		for i := range st.n {
			if fl == panicked {
				leaks = leaks || st.replaced[i]
				continue
			}
			if st.open[i] && !st.deferred[i] && !(st.deferCurrent && i == st.cur) {
				leaks = true
			}
		}
	})
	return leaks, e.paths, e.paths <= MaxPaths
}

type enumerator struct {
	paths int
}

// block runs ss from st, calling k with the state and the flow at each
// way out of the block, once per path.
func (e *enumerator) block(ss []Stmt, st state, k func(state, flow)) {
	if e.paths > MaxPaths {
		return
	}
	if len(ss) == 0 {
		k(st, fallThrough)
		return
	}
	e.stmt(ss[0], st, func(st state, fl flow) {
		if fl != fallThrough {
			k(st, fl)
			return
		}
		e.block(ss[1:], st, k)
	})
}

func (e *enumerator) stmt(s Stmt, st state, k func(state, flow)) {
	switch s := s.(type) {
	case *If:
		if !s.Status {
			e.block(s.Then, st, k)
			e.block(s.Else, st, k)
			return
		}
		if st.status <= 0 { // not OK, or not tested yet
			bad := st
			bad.status = -1
			e.block(s.Then, bad, k)
		}
		if st.status >= 0 {
			ok := st
			ok.status = 1
			e.block(s.Else, ok, k)
		}
	case *Loop:
		e.loop(s, 0, st, k)
	case *Simple:
		switch s.Kind {
		case Close, CloseHelper, CloseClosure, GoClose, GoClosure:
			st.open[st.cur] = false
		case DeferClose, DeferHelper:
			st.deferred[st.cur] = true
		case DeferClosure, DeferVar:
			st.deferCurrent = true
		case Reacquire:
			if st.n == maxResponses {
				e.paths = MaxPaths + 1
				return
			}
			for i := range st.n {
				if st.by[i] == s && st.open[i] && !st.deferred[i] {
					st.replaced[i] = true
				}
			}
			st.cur, st.n = st.n, st.n+1
			st.open[st.cur] = true
			st.by[st.cur] = s
			st.status = 0
		case Return:
			k(st, returned)
			return
		case Panic:
			k(st, panicked)
			return
		case Break:
			k(st, broke)
			return
		case Continue:
			k(st, continued)
			return
		}
		k(st, fallThrough)
	}
}

// loop runs iterations i, i+1, ... of s: at each iteration's start the
// loop may end (the items run out); two iterations are enough, since a
// statement's effect on the state does not depend on how often it ran.
func (e *enumerator) loop(s *Loop, i int, st state, k func(state, flow)) {
	k(st, fallThrough)
	if i == 2 {
		return
	}
	e.block(s.Body, st, func(st state, fl flow) {
		switch fl {
		case broke:
			k(st, fallThrough)
		case fallThrough, continued:
			e.loop(s, i+1, st, k)
		default:
			k(st, fl)
		}
	})
}
