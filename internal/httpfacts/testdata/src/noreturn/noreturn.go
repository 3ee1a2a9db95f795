// Package noreturn holds the shapes of functions that never return, and of
// some that look as if they might: TestNoReturn checks that httpfacts and
// ctrlflow give them the same facts.
package noreturn

import (
	"errors"
	"log"
	"os"
)

func exits() { // want exits:"noReturn"
	os.Exit(1)
}

func fatal(msg string) { // want fatal:"noReturn"
	log.Fatal(msg)
}

func panics() { // want panics:"noReturn"
	panic("boom")
}

func loops() { // want loops:"noReturn"
	for {
	}
}

func blocks() { // want blocks:"noReturn"
	select {}
}

func gotoLoop() { // want gotoLoop:"noReturn"
again:
	goto again
}

// Through a helper of this package declared later.
func viaLater() { // want viaLater:"noReturn"
	later()
}

func later() { // want later:"noReturn"
	exits()
}

// Both branches end in a call that never returns.
func bothBranches(ok bool) { // want bothBranches:"noReturn"
	if ok {
		fatal("yes")
	} else {
		panics()
	}
}

// Negatives.

// A deferred call may recover: it returns.
func deferred() {
	defer func() { _ = recover() }()
	panic("recovered")
}

// Only one branch exits.
func oneBranch(ok bool) {
	if ok {
		os.Exit(1)
	}
}

// A loop with a break, a loop with a condition.
func breaks(n int) {
	for {
		if n > 3 {
			break
		}
		n++
	}
	for n > 0 {
		n--
	}
}

// A select with clauses returns from one of them.
func selects(c chan int) {
	select {
	case <-c:
	}
}

// The call to panic is in a function literal, not in this body.
func literal() func() {
	return func() { panic("later") }
}

// A call that never returns, in an expression: go/cfg looks only at call
// statements.
func expression() error {
	return errors.Join(error(nil), func() error { os.Exit(1); return nil }())
}

// Recursion: each may return while the other is being built.
func ping(n int) {
	if n > 0 {
		pong(n - 1)
	}
}

func pong(n int) {
	ping(n)
}

type logger struct{}

func (logger) Fatalf(string) { // want Fatalf:"noReturn"
	os.Exit(2)
}

func method(l logger) { // want method:"noReturn"
	l.Fatalf("x")
}
