package a

import (
	"errors"
	"io"
	"net/http"
)

var errBadStatus = errors.New("bad status")

// A deferred closure over resp closes what resp holds at the exit. The
// first response here is drained and closed by the defer given its body;
// the closure closes the second, drained on the way.
func varClosureSecondDrained(c *http.Client, u string) {
	resp, err := c.Get(u)
	if err != nil {
		return
	}
	defer func(body io.ReadCloser) {
		io.Copy(io.Discard, body)
		body.Close()
	}(resp.Body)
	defer func() { resp.Body.Close() }()
	resp, err = c.Get(u)
	if err != nil {
		return
	}
	io.Copy(io.Discard, resp.Body)
}

// The same, but the second response is closed by the closure unread.
func varClosureSecondUnread(c *http.Client, u string) {
	resp, err := c.Get(u)
	if err != nil {
		return
	}
	defer func(body io.ReadCloser) {
		io.Copy(io.Discard, body)
		body.Close()
	}(resp.Body)
	defer func() { resp.Body.Close() }()
	resp, err = c.Get(u) // want `response body of resp is closed without being read on some path`
	if err != nil {
		return
	}
}

// The closure registered while resp is nil drains and closes what resp
// holds at the exit.
func varClosureDrainsAtExit(c *http.Client, u string) error {
	var resp *http.Response
	defer func() {
		if resp != nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}()
	var err error
	resp, err = c.Get(u)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errBadStatus
	}
	return nil
}

// A plain deferred Close registered after the closure runs first and
// closes unread.
func varClosureThenPlainClose(c *http.Client, u string) error {
	var resp *http.Response
	defer func() {
		if resp != nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}()
	var err error
	resp, err = c.Get(u) // want `response body of resp is closed without being read when the function returns early on a bad status`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errBadStatus
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// A retry loop: each response but the last is drained and closed in the
// loop; the closure drains and closes the last at the exit.
func varClosureRetry(c *http.Client, urls []string) error {
	var resp *http.Response
	defer func() {
		if resp != nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}()
	for _, u := range urls {
		if resp != nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		var err error
		resp, err = c.Get(u)
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusOK {
			return nil
		}
	}
	return nil
}
