package issue8

import (
	"errors"
	"net/http"
	"sync"
)

// -- function literals in package-level var initialisers are analysed --

var pkgMu sync.Mutex

// A handler literal handed to a conversion.
var pkgHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://x") // want `response body of resp is never closed`
	if err != nil {
		return
	}
	w.WriteHeader(resp.StatusCode)
})

// A map of literals.
var pkgTable = map[string]func() int{
	"a": func() int {
		resp, err := http.Get("http://x") // want `response body of resp is never closed`
		if err != nil {
			return 0
		}
		return resp.StatusCode
	},
	"b": func() int { // closes: quiet
		resp, err := http.Get("http://x")
		if err != nil {
			return 0
		}
		defer resp.Body.Close()
		return resp.StatusCode
	},
}

// A literal called at once.
var pkgValue = func() int {
	resp, err := http.Get("http://x") // want `response body of resp is never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}()

// A wrapper literal with a defer that returns the response: the early
// return on a bad status leaks, the good return hands it out.
var pkgWrapper = func(c *http.Client, url string) (*http.Response, error) {
	pkgMu.Lock()
	defer pkgMu.Unlock()
	resp, err := c.Get(url) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		return nil, errors.New("bad")
	}
	return resp, nil
}

// Several specs in one declaration, and a literal nested in a literal.
var (
	pkgA, pkgB = func() int { return 1 }, func(u string) func() {
		return func() {
			resp, err := http.Get(u) // want `response body of resp is never closed`
			if err != nil {
				return
			}
			_ = resp.Status
		}
	}
	pkgClosed = func(u string) error { // closes on every path: quiet
		resp, err := http.Get(u)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
)

// The wrapper in a package var is a source for its callers.
func usePkgWrapper(c *http.Client) {
	resp, err := pkgWrapper(c, "u")
	if err != nil {
		return
	}
	defer resp.Body.Close()
}
