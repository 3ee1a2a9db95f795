// Package fixdiscard: responses that are never bound are closed at once
// (not drained: drainbody expects no body where the code never looks at
// the response).
package fixdiscard

import (
	"net/http"
	"strings"
)

func Fire(u string) {
	http.Post(u, "text/plain", strings.NewReader("ping")) // want `response body from http.Post`
}

func FireChecked(u string) error {
	_, err := http.Post(u, "text/plain", strings.NewReader("ping")) // want `response body from http.Post`
	return err
}

func FireBlank(u string) {
	_, _ = http.Get(u) // want `response body from http.Get`
}

// Assigned has no variable to bind a response to with `=`: no fix.
func Assigned(u string) (err error) {
	// no fix
	_, err = http.Get(u) // want `response body from http.Get`
	return err
}
