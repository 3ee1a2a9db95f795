// Package fixmore: drainbody's fixes drain before every close the engine
// found early, not only the one the message names.
package fixmore

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// closeBody closes without draining.
func closeBody(c io.Closer) { c.Close() }

// Helper defers a helper's close: a deferred drain registered after it
// runs first.
func Helper(u string) error {
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return err
	}
	defer closeBody(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return nil
}

// Retry closes a bad response in a loop: a drain before that close, no
// defer in the loop.
func Retry(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req) // want `response body of resp`
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// Checked closes in an if's init.
func Checked(u string) error {
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return err
	}
	if err := resp.Body.Close(); err != nil {
		return err
	}
	return fmt.Errorf("status %s", resp.Status)
}

// Shadowed has a local io.
func Shadowed(u string) (int, error) {
	io := 0
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return io, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return io, errors.New(resp.Status)
	}
	return resp.StatusCode, nil
}

// Swapped reassigns the response after its deferred close: the drain
// must close the body the defer closed, so it takes it as an argument.
func Swapped(c *http.Client, u, v string) (int, error) {
	resp, err := c.Get(u) // want `response body of resp`
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		return 200, nil
	}
	resp, err = c.Get(v) // want `response body of resp`
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Head needs no drain: no finding, no fix.
func Head(u string) error {
	resp, err := http.Head(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return nil
}
