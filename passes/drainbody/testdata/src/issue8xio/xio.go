// Package issue8xio holds reader helpers in a package that never imports
// net/http (issue 8, item 3): their drain summaries travel all the same.
package issue8xio

import (
	"bufio"
	"io"
)

// Discard drains r.
func Discard(r io.Reader) error { // want Discard:`borrows\(0\) drains\(0\)`
	_, err := io.Copy(io.Discard, r)
	return err
}

// DiscardLines reads lines until the end.
func DiscardLines(r io.Reader) int { // want DiscardLines:`borrows\(0\) drains\(0\)`
	n := 0
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		n++
	}
	return n
}

// Peek reads the first bytes only.
func Peek(r io.Reader) ([]byte, error) { // want Peek:`borrows\(0\) reads\(0\)`
	return bufio.NewReader(r).Peek(16)
}
