// Package replaced: a response variable given another response on some
// paths only (a retry on one branch, a loop), or captured by a closure and
// then reassigned. Along each path the engine knows which response the
// variable holds (internal/lifetime/gone.go).
package replaced

import (
	"errors"
	"io"
	"net/http"
)

func closeBody(r *http.Response) { r.Body.Close() }

// -- leaks --

// The 503 branch retries without closing the first response.
func retryOnBranch(c *http.Client, u string) error {
	resp, err := c.Get(u) // want `response body of resp is not closed`
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusServiceUnavailable {
		resp, err = c.Get(u)
		if err != nil {
			return err
		}
	}
	defer resp.Body.Close()
	return nil
}

// The same, with the retry decided by something other than the status.
func retryOnFlag(c *http.Client, u string, again bool) ([]byte, error) {
	resp, err := c.Get(u) // want `response body of resp is not closed`
	if err != nil {
		return nil, err
	}
	if again {
		if resp, err = c.Get(u); err != nil {
			return nil, err
		}
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// The newer response replaces the first when it came: no early return
// on the way, the first is lost only where the paths merge.
func keepNewer(c *http.Client, u string) ([]byte, error) {
	resp, err := c.Get(u) // want `response body of resp is not closed`
	if err != nil {
		return nil, err
	}
	if r2, err := c.Get(u); err == nil {
		resp = r2
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// A deferred closure closes what resp holds when the function returns:
// the second response, not the first.
func closureThenReassign(c *http.Client, u, v string) error {
	resp, err := c.Get(u) // want `response body of resp is not closed`
	if err != nil {
		return err
	}
	defer func() { resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	resp, err = c.Get(v)
	if err != nil {
		return err
	}
	return nil
}

// A deferred closure registered before a loop closes only the last
// response the loop acquired.
func closureBeforeLoop(c *http.Client, urls []string) error {
	var resp *http.Response
	defer func() {
		if resp != nil {
			resp.Body.Close()
		}
	}()
	for _, u := range urls {
		var err error
		resp, err = c.Get(u) // want `response body of resp is not closed before the next loop iteration`
		if err != nil {
			return err
		}
	}
	return nil
}

// defer closeBody(resp) took the response resp held then.
func deferredHelperThenReassign(c *http.Client, u string) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	defer closeBody(resp)
	go func() { _ = resp.StatusCode }()
	resp, err = c.Get(u) // want `response body of resp is not closed`
	if err != nil {
		return err
	}
	return nil
}

// Each iteration defers a close of the response it is about to replace:
// the last one is left open (FuzzOracle found the shape), and the first
// too when the loop does not run.
func deferPreviousInLoop(c *http.Client, urls []string) error {
	resp, err := c.Get(urls[0]) // want `response body of resp is not closed when the function returns early`
	if err != nil {
		return err
	}
	for _, u := range urls[1:] {
		defer resp.Body.Close()
		resp, err = c.Get(u) // want `response body of resp is not closed`
		if err != nil {
			return err
		}
	}
	return nil
}

// -- no leaks --

// The same, with the last one closed after the loop.
func deferPreviousInLoopThenLast(c *http.Client, urls []string) error {
	resp, err := c.Get(urls[0])
	if err != nil {
		return err
	}
	for _, u := range urls[1:] {
		defer resp.Body.Close()
		resp, err = c.Get(u)
		if err != nil {
			return err
		}
	}
	defer resp.Body.Close()
	return nil
}

// Closed before the retry.
func closedBeforeRetry(c *http.Client, u string) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusServiceUnavailable {
		resp.Body.Close()
		resp, err = c.Get(u)
		if err != nil {
			return err
		}
	}
	defer resp.Body.Close()
	return nil
}

// The classic retry loop: close every response but the one kept.
func retryLoop(c *http.Client, req *http.Request) error {
	var resp *http.Response
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		resp, err = c.Do(req)
		if err == nil && resp.StatusCode < 500 {
			break
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

// A deferred closure over the variable, the loop closing the previous
// response before it acquires the next.
func closureAndLoopClose(c *http.Client, u string) error {
	var resp *http.Response
	defer func() {
		if resp != nil {
			resp.Body.Close()
		}
	}()
	for i := 0; i < 3; i++ {
		if resp != nil {
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

// One deferred closure on each branch, none dominating the acquisition.
func closureOnEachBranch(c *http.Client, u string, verbose bool) error {
	var resp *http.Response
	if verbose {
		defer func() {
			println(resp.Status)
			resp.Body.Close()
		}()
	} else {
		defer func() { resp.Body.Close() }()
	}
	var err error
	resp, err = c.Get(u)
	if err != nil {
		panic(err)
	}
	return nil
}

// The old body, kept in a variable, is closed after the replacement.
func keptBody(c *http.Client, u, v string) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	body := resp.Body
	go func() { _ = resp.StatusCode }()
	resp, err = c.Get(v)
	body.Close()
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// A closure per iteration: each captures its own response.
func closurePerIteration(c *http.Client, urls []string) error {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return err
		}
		defer func() { resp.Body.Close() }()
	}
	return nil
}

// Response wraps a response (godo's Do returns one).
type Response struct{ *http.Response }

// The deferred closure closes the body before the caller gets the
// wrapper: nothing is handed out open.
func doClosed(c *http.Client, req *http.Request) (*Response, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusOK {
		return &Response{resp}, errors.New(resp.Status)
	}
	return &Response{resp}, nil
}

func callsDoClosed(c *http.Client, req *http.Request) error {
	_, err := doClosed(c, req)
	return err
}
