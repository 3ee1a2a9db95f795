// Package fixshadow: the names a fix writes are looked up where it writes
// them.
package fixshadow

import (
	"io"
	"net/http"
)

// Shadowed has a local io: the drain names the package under another
// import name.
func Shadowed(u string) (int, error) {
	io := 3
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return io, err
	}
	return resp.StatusCode + io, nil
}

// Unshadowed uses the file's import of io.
func Unshadowed(u string, w io.Writer) (int, error) {
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Discarded has a local resp: the response gets a fresh name.
func Discarded(u string) (int, error) {
	resp := 1
	_, err := http.Get(u) // want `response body from http.Get`
	return resp, err
}
