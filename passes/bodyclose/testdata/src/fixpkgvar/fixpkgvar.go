// Package fixpkgvar: function literals of package-level var initialisers
// get the same fixes as any function.
package fixpkgvar

import (
	"errors"
	"net/http"
)

var Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://x") // want `never closed`
	if err != nil {
		return
	}
	w.WriteHeader(resp.StatusCode)
})

var Table = map[string]func() int{
	"a": func() int {
		resp, err := http.Get("http://x") // want `never closed`
		if err != nil {
			return 0
		}
		return resp.StatusCode
	},
}

var Value = func() int {
	resp, err := http.Get("http://x") // want `never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}()

var Wrapper = func(c *http.Client, url string) (*http.Response, error) {
	resp, err := c.Get(url) // want `returns early on a bad status`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		return nil, errors.New("bad")
	}
	return resp, nil
}
