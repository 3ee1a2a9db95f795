// Package client is a module of our own for the SARIF test: several
// findings in one function, a function literal, a method.
package client

import (
	"fmt"
	"io"
	"net/http"
)

type API struct{ c *http.Client }

// Get leaks on a bad status.
func (a *API) Get(url string) ([]byte, error) {
	resp, err := a.c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %s", resp.Status)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Twice leaks two responses held by the same variable.
func Twice(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	n := resp.StatusCode
	resp, err = http.Get(url)
	if err != nil {
		return n
	}
	return n + resp.StatusCode
}

// Hooks leaks in a function literal.
func Hooks(url string) func() int {
	return func() int {
		r, err := http.Get(url)
		if err != nil {
			return 0
		}
		return r.StatusCode
	}
}
