// Package fixalias: io imported under another name (issue 8 re-trial,
// item 6). The fix writes the existing import's name where it is visible,
// and where it is shadowed adds one import of io per file, under a name
// free in the file, shared by every fix there.
package fixalias

import (
	stdio "io"
	"net/http"
)

var _ = stdio.EOF

func visible(u string) int {
	resp, err := http.Get(u) // want `never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func aliasShadowed(u string) int {
	stdio := 1
	resp, err := http.Get(u) // want `never closed`
	if err != nil {
		return stdio
	}
	return resp.StatusCode
}

func aliasShadowedAgain(u string) int {
	stdio := "x"
	resp, err := http.Get(u + stdio) // want `never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
