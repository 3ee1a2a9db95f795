// Package issue8xio holds body helpers in a package that never imports
// net/http (issue 8, item 3): they get summaries all the same.
package issue8xio

import (
	"bufio"
	"io"
)

// Peek reads the first bytes and never closes.
func Peek(rc io.ReadCloser) ([]byte, error) { // want Peek:`borrows\(0\)`
	br := bufio.NewReader(rc)
	return br.Peek(16)
}

// Discard drains r.
func Discard(r io.Reader) error { // want Discard:`borrows\(0\) drains\(0\)`
	_, err := io.Copy(io.Discard, r)
	return err
}

// CloseQuietly closes c.
func CloseQuietly(c io.Closer) { // want CloseQuietly:`closes\(0\)`
	_ = c.Close()
}

// DrainClose drains and closes.
func DrainClose(rc io.ReadCloser) { // want DrainClose:`closes\(0\) drains\(0\)`
	io.Copy(io.Discard, rc)
	rc.Close()
}

var kept []io.Closer

// Keep stores it: the caller need not close.
func Keep(c io.Closer) { kept = append(kept, c) } // want Keep:`takes\(0\)`

// CloseAny closes anything closable: it takes an any.
func CloseAny(x any) { // want CloseAny:`takes\(0\)`
	if c, ok := x.(io.Closer); ok {
		c.Close()
	}
}

// Describe only formats what it is given.
func Describe(x any) string { // want Describe:`borrows\(0\)`
	_ = x
	return "x"
}

// CloseAll closes every closer it is given (none, for an empty list: it
// takes them, so callers are not told to close).
func CloseAll(cs ...io.Closer) { // want CloseAll:`takes\(0\)`
	for _, c := range cs {
		c.Close()
	}
}

// Count reads r without closing it, even if it could.
func Count(r io.Reader) int { // want Count:`borrows\(0\)`
	n, _ := io.Copy(io.Discard, io.LimitReader(r, 10))
	return int(n)
}

// MaybeClose closes rc only when b is set: "takes" (deliberately; see the
// doc's "Deliberately not reported").
func MaybeClose(rc io.ReadCloser, b bool) { // want MaybeClose:`takes\(0\)`
	if b {
		rc.Close()
	}
}
