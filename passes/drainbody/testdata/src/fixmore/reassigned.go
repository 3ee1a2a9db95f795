package fixmore

import (
	"errors"
	"io"
	"net/http"
)

var errBad = errors.New("bad status")

// DeferredFirst defers the closure while resp is still nil: a drain
// evaluating resp.Body there would panic, so no fix.
func DeferredFirst(c *http.Client, u string) error {
	var resp *http.Response
	defer func() {
		if resp != nil {
			resp.Body.Close()
		}
	}()
	resp, err := c.Get(u) // want `response body of resp is closed without being read when the function returns early on a bad status`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errBad
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// Retried stores a new response in resp after the closure is deferred:
// the closure closes the last one, a drain of resp.Body registered at the
// defer would read the first, so neither gets a fix.
func Retried(c *http.Client, u string) error {
	resp, err := c.Get(u) // want `response body of resp is closed without being read when the function returns early on a bad status`
	if err != nil {
		return err
	}
	defer func() { resp.Body.Close() }()
	if resp.StatusCode == http.StatusServiceUnavailable {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		resp, err = c.Get(u) // want `response body of resp is closed without being read when the function returns early on a bad status`
		if err != nil {
			return err
		}
	}
	if resp.StatusCode != http.StatusOK {
		return errBad
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// Plain keeps its fix: nothing else is ever stored in resp.
func Plain(c *http.Client, u string) error {
	resp, err := c.Get(u) // want `response body of resp is closed without being read when the function returns early on a bad status`
	if err != nil {
		return err
	}
	defer func() { resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return errBad
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
