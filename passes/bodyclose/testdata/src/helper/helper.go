package helper

import (
	"fmt"
	"io"
	"net/http"
)

// CloseBody closes r's body on every path.
func CloseBody(r *http.Response) { // want CloseBody:`closes\(0\)`
	if r == nil || r.Body == nil {
		return
	}
	_ = r.Body.Close()
}

// DrainAndClose reads c to EOF and closes it.
func DrainAndClose(c io.ReadCloser) error { // want DrainAndClose:`closes\(0\)`
	_, _ = io.Copy(io.Discard, c)
	return c.Close()
}

// Status only reads the response.
func Status(r *http.Response) int { // want Status:`borrows\(0\)`
	return r.StatusCode
}

// Keep stores the response: ownership moves to the registry.
func Keep(r *http.Response) { // want Keep:`takes\(0\)`
	kept = append(kept, r)
}

var kept []*http.Response

// Check returns the response on success and closes it on failure.
func Check(r *http.Response) (*http.Response, error) { // want Check:`passes\(0->0\)`
	if r.StatusCode >= 400 {
		r.Body.Close()
		return nil, io.ErrUnexpectedEOF
	}
	return r, nil
}

// Recursive closes through itself: recursion gives the conservative answer.
func Recursive(r *http.Response, n int) { // want Recursive:`takes\(0\)`
	if n == 0 {
		r.Body.Close()
		return
	}
	Recursive(r, n-1)
}

type temporary interface{ Temporary() bool }

// IsTemporary is false for a nil error.
func IsTemporary(err error) bool { // want IsTemporary:`errpred\(0\)`
	t, ok := err.(temporary)
	return ok && t.Temporary()
}

// Must is a generic helper in another package: it passes its argument on.
func Must[T any](v T, err error) T { // want Must:`passes\(0->0\)`
	if err != nil {
		panic(err)
	}
	return v
}

// CloseAll closes every closer it is given.
func CloseAll[T io.Closer](cs ...T) { // want CloseAll:`takes\(0\)`
	for _, c := range cs {
		c.Close()
	}
}

// CheckStatus closes the body exactly when it returns an error.
func CheckStatus(resp *http.Response) error { // want CheckStatus:`closesOnError\(0\)`
	if resp.StatusCode < 300 {
		return nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	return fmt.Errorf("status %d: %s", resp.StatusCode, b)
}
