package fixalias

import (
	stdio "io"
	"net/http"
)

var _ = stdio.EOF

// Both io and the alias are taken in this file: the new import gets a
// fresh name.
func bothShadowed(u string) int {
	stdio, io := 1, 2
	resp, err := http.Get(u) // want `never closed`
	if err != nil {
		return stdio + io
	}
	return resp.StatusCode
}
