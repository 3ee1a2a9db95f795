package a

import (
	"errors"
	"io"
	"net/http"
)

// Deferred closes registered before the acquisition, over the variable the
// response is put in: they run at the exits just as one registered after
// it (a newcomer's trial: the bad-status return was not reported).

var errStatus = errors.New("status")

func deferBeforeBad(c *http.Client, req *http.Request) error {
	var resp *http.Response
	defer func() {
		if resp != nil {
			resp.Body.Close()
		}
	}()
	var err error
	resp, err = c.Do(req) // want `response body of resp is closed without being read when the function returns early on a bad status`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errStatus
	}
	_, err = io.ReadAll(resp.Body)
	return err
}

// One deferred close on each branch before the request.
func deferBeforeOnBranches(c *http.Client, req *http.Request, verbose bool) error {
	var resp *http.Response
	if verbose {
		defer func() {
			if resp != nil {
				resp.Body.Close()
			}
		}()
	} else {
		defer func() { resp.Body.Close() }()
	}
	var err error
	resp, err = c.Do(req) // want `response body of resp is closed without being read when the function returns early on a bad status`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errStatus
	}
	_, err = io.ReadAll(resp.Body)
	return err
}

// The deferred closure drains before it closes: quiet.
func deferBeforeDrains(c *http.Client, req *http.Request) error {
	var resp *http.Response
	defer func() {
		if resp != nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}()
	var err error
	resp, err = c.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errStatus
	}
	_, err = io.ReadAll(resp.Body)
	return err
}

// A drain deferred before the request and a close after it: the close
// runs first, before the drain (deferred calls run last in, first out).
func drainBeforeCloseAfter(c *http.Client, req *http.Request) error {
	var resp *http.Response
	defer func() {
		if resp != nil {
			io.Copy(io.Discard, resp.Body)
		}
	}()
	var err error
	resp, err = c.Do(req) // want `response body of resp is closed without being read when the function returns early on a bad status`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errStatus
	}
	_, err = io.ReadAll(resp.Body)
	return err
}
