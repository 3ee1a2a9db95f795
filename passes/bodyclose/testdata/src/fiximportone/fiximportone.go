// Package fiximportone: fixes applied together add one import of io to a
// file, even when one function shadows io and another does not.
package fiximportone

import (
	"net/http"
)

func Plain(u string) int {
	resp, err := http.Get(u) // want `never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func Shadowed(u string) int {
	io := 3
	resp, err := http.Get(u) // want `never closed`
	if err != nil {
		return io
	}
	return resp.StatusCode + io
}

func AlsoPlain(u string) string {
	resp, err := http.Get(u) // want `never closed`
	if err != nil {
		return ""
	}
	return resp.Status
}
