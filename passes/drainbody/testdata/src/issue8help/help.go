// Package issue8help holds helpers of another package for drainbody's
// issue 8 cases: their summaries arrive as facts.
package issue8help

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// Save copies the body to dst through a pointer to it.
func Save(dst io.Writer, body *io.ReadCloser) error { // want Save:`drains\(1\)`
	_, err := io.Copy(dst, *body)
	return err
}

// StatusError keeps the response and the start of its body.
type StatusError struct {
	Resp *http.Response
	Body []byte
}

func (e *StatusError) Error() string { return fmt.Sprintf("status %d", e.Resp.StatusCode) } // want Error:`borrows\(0\)`

// CheckStatus reads the error body into the error (go-github's
// CheckResponse shape): on its error paths the body is drained.
func CheckStatus(r *http.Response) error { // want CheckStatus:`drainsOnError\(0\)`
	if c := r.StatusCode; 200 <= c && c <= 299 {
		return nil
	}
	e := &StatusError{Resp: r}
	e.Body, _ = io.ReadAll(io.LimitReader(r.Body, 1<<20))
	return e
}

// StatusOK only looks at the status.
func StatusOK(r *http.Response) error { // want StatusOK:`borrows\(0\)`
	if r.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", r.StatusCode)
	}
	return nil
}

// DecodeJSON reads one value of the body: a read, not a drain.
func DecodeJSON(r *http.Response, v any) error { // want DecodeJSON:`borrows\(0\) borrows\(1\) reads\(0\)`
	return json.NewDecoder(r.Body).Decode(v)
}
