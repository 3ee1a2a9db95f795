// Package errguard: a wrapper that closes the response in a deferred
// closure only when it returns an error hands the response out when it
// returns none; its callers must close it.
package errguard

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// Get returns the response open where it succeeds. Where it fails it
// returns nil for resp first, so the deferred closure finds nil (a leak,
// and a nil dereference at run time: see NamedNil).
func Get(c *http.Client, u string) (resp *http.Response, err error) {
	resp, err = c.Get(u) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			resp.Body.Close()
		}
	}()
	if resp.StatusCode >= 400 {
		return nil, errors.New("bad status")
	}
	return resp, nil
}

// GetEq tests the error the other way round.
func GetEq(c *http.Client, u string) (resp *http.Response, err error) {
	resp, err = c.Get(u) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	defer func() {
		if err == nil {
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("status %d", resp.StatusCode)
		return nil, err
	}
	return resp, nil
}

func LeakGet(c *http.Client) int {
	r, err := Get(c, "x") // want `response body of r is never closed`
	if err != nil {
		return 0
	}
	return r.StatusCode
}

func LeakGetEq(c *http.Client) (int, error) {
	r, err := GetEq(c, "x") // want `response body of r is never closed`
	if err != nil {
		return 0, err
	}
	return r.StatusCode, nil
}

func ClosesGet(c *http.Client) ([]byte, error) {
	r, err := Get(c, "x")
	if err != nil {
		return nil, err
	}
	defer r.Body.Close()
	return io.ReadAll(r.Body)
}

// Always closes in the deferred closure, error or not: the caller gets a
// closed response and owes nothing.
func getClosed(c *http.Client, u string) (resp *http.Response, err error) {
	resp, err = c.Get(u)
	if err != nil {
		return nil, err
	}
	defer func() { resp.Body.Close() }()
	return resp, nil
}

func UsesClosed(c *http.Client) int {
	r, err := getClosed(c, "x")
	if err != nil {
		return 0
	}
	return r.StatusCode
}

// NamedNil returns nil for the named result resp with its error: the
// deferred closure then finds nil in resp (and would panic on it), so the
// response is closed nowhere on that path.
func NamedNil(c *http.Client, u string) (resp *http.Response, err error) {
	resp, err = c.Get(u) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			resp.Body.Close()
		}
	}()
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New("bad status")
	}
	return resp, nil
}

// NilGuarded does not panic, and closes nothing either.
func NilGuarded(c *http.Client, u string) (resp *http.Response, err error) {
	resp, err = c.Get(u) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil && resp != nil {
			resp.Body.Close()
		}
	}()
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New("bad status")
	}
	return resp, nil
}

// KeepsResp returns the response with the error: the closure closes it.
func KeepsResp(c *http.Client, u string) (resp *http.Response, err error) {
	resp, err = c.Get(u)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			resp.Body.Close()
		}
	}()
	if resp.StatusCode != http.StatusOK {
		return resp, errors.New("bad status")
	}
	return resp, nil
}
