package issue8

import (
	"fmt"
	"net/http"
)

// -- issue 8 re-trial, item 5: a function literal of the function that
// closes on some paths only is read like the same code inline --

func closurePartDeferred(c *http.Client) {
	resp, err := c.Get("u") // want `response body of resp is not closed on every path`
	if err != nil {
		return
	}
	defer func() {
		if resp.StatusCode == 200 {
			resp.Body.Close()
		}
	}()
}

func closurePartCalled(c *http.Client) {
	resp, err := c.Get("u") // want `response body of resp is not closed on every path`
	if err != nil {
		return
	}
	func() {
		if resp.StatusCode == 200 {
			resp.Body.Close()
		}
	}()
}

func closurePartFlag(c *http.Client, keep bool) {
	resp, err := c.Get("u") // want `response body of resp is not closed on every path`
	if err != nil {
		return
	}
	func() {
		if !keep {
			resp.Body.Close()
		}
	}()
}

// Deferred, a condition other than the status is read at the exit, out
// of the path's sight (if err != nil on a named result: deferwrap.go's
// FetchDeferClose): taken, deliberately not reported (docs/bodyclose.md).
func closurePartFlagDeferred(c *http.Client, keep bool) {
	resp, err := c.Get("u")
	if err != nil {
		return
	}
	defer func() {
		if !keep {
			resp.Body.Close()
		}
	}()
}

func closurePartBody(c *http.Client) {
	resp, err := c.Get("u") // want `response body of resp is not closed on every path`
	if err != nil {
		return
	}
	body := resp.Body
	func() {
		if resp.StatusCode < 300 {
			body.Close()
		}
	}()
}

// Negatives: literals that close on every path, or close on the paths
// where the response exists, or close and hand on.

func closureNilCheck(c *http.Client) error {
	resp, err := c.Get("u")
	defer func() {
		if resp != nil {
			resp.Body.Close()
		}
	}()
	if err != nil {
		return err
	}
	return nil
}

func closureAlways(c *http.Client) {
	resp, err := c.Get("u")
	if err != nil {
		return
	}
	defer func() {
		if resp.StatusCode != 200 {
			fmt.Println("bad", resp.Status)
		}
		resp.Body.Close()
	}()
}

func closureCloseOrKeep(c *http.Client, keep bool) {
	resp, err := c.Get("u")
	if err != nil {
		return
	}
	func() {
		if keep {
			stash = append(stash, resp)
			return
		}
		resp.Body.Close()
	}()
}

var stash []*http.Response

// A goroutine that closes on some paths only runs concurrently: not the
// same code inline, so it still takes the response (as before).
func closurePartGo(c *http.Client) {
	resp, err := c.Get("u")
	if err != nil {
		return
	}
	go func() {
		if resp.StatusCode == 200 {
			resp.Body.Close()
		}
	}()
}
