package drainhelp

import (
	"io"
	"net/http"
)

// DrainClose reads what is left of the body and closes it.
func DrainClose(r *http.Response) { // want DrainClose:`closes\(0\).*drains\(0\)`
	if r == nil || r.Body == nil {
		return
	}
	_, _ = io.Copy(io.Discard, r.Body)
	r.Body.Close()
}

// Discard reads a reader to its end.
func Discard(rd io.Reader) error { // want Discard:`drains\(0\)`
	_, err := io.Copy(io.Discard, rd)
	return err
}

// CloseOnly closes without draining: not a drain.
func CloseOnly(c io.Closer) { // want CloseOnly:`closes\(0\)`
	c.Close()
}
