// Package lookhelp: helpers of another package, known by their facts, that
// never import net/http.
package lookhelp

import "io"

// Src carries a body in a struct.
type Src struct{ RC io.ReadCloser }

// Done closes the body it carries; it reads nothing.
func Done(s Src) { s.RC.Close() }

// CloseIt closes rc; it reads nothing.
func CloseIt(rc io.ReadCloser) error { return rc.Close() }

// Peek reads one byte of r.
func Peek(r io.Reader) {
	var b [1]byte
	r.Read(b[:])
}

// PeekClose reads one byte of rc, then closes it.
func PeekClose(rc io.ReadCloser) {
	var b [1]byte
	rc.Read(b[:])
	rc.Close()
}
