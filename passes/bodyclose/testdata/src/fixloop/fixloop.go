// Package fixloop: responses acquired in loops are closed at the exits of
// the iteration that leak, never by a defer inside the loop.
package fixloop

import (
	"context"
	"net/http"
	"time"
)

// Poll is an infinite poller: before the fix, a deferred close inside the
// loop would never run while the loop lives.
func Poll(c *http.Client, u string, out chan<- int) {
	for {
		resp, err := c.Get(u) // want `response body of resp`
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		out <- resp.StatusCode
		time.Sleep(time.Second)
	}
}

// WaitReady is the README's retry loop: a bad status continues without a
// close; the good path closes and returns.
func WaitReady(c *http.Client, req *http.Request) bool {
	for i := 0; i < 10; i++ {
		resp, err := c.Do(req) // want `response body of resp`
		if err != nil {
			continue
		}
		if resp.StatusCode != http.StatusOK {
			time.Sleep(time.Second)
			continue
		}
		resp.Body.Close()
		return true
	}
	return false
}

// Count leaves through a switch arm's return; a break in a switch arm
// leaves only the switch.
func Count(c *http.Client, urls []string) int {
	n := 0
	for _, u := range urls {
		resp, err := c.Get(u) // want `response body of resp`
		if err != nil {
			continue
		}
		switch resp.StatusCode {
		case http.StatusOK:
			n++
		case http.StatusNotFound:
			break
		default:
			return n
		}
	}
	return n
}

// Groups continues an outer loop by its label.
func Groups(c *http.Client, groups [][]string) int {
	n := 0
outer:
	for _, g := range groups {
		for _, u := range g {
			resp, err := c.Get(u) // want `response body of resp`
			if err != nil {
				continue outer
			}
			if resp.StatusCode != http.StatusOK {
				continue outer
			}
			n++
		}
	}
	return n
}

// Watch waits in a select between requests.
func Watch(ctx context.Context, c *http.Client, u string) error {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		resp, err := c.Do(req) // want `response body of resp`
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// Skip closes on the good path, in the middle of the iteration.
func Skip(c *http.Client, urls []string) int {
	ok := 0
	for _, u := range urls {
		resp, err := c.Get(u) // want `response body of resp`
		if err != nil {
			continue
		}
		if resp.StatusCode != http.StatusOK {
			continue
		}
		resp.Body.Close()
		ok++
	}
	return ok
}

// Mixed closes on some paths before a shared continue: a close written
// there could run twice, so there is no fix.
func Mixed(c *http.Client, urls []string, flag bool) {
	for _, u := range urls {
		// no fix
		resp, err := c.Get(u) // want `response body of resp`
		if err != nil {
			continue
		}
		if flag {
			resp.Body.Close()
		}
		if resp.StatusCode != http.StatusOK {
			continue
		}
		resp.Body.Close()
	}
}

// InClosure is the other idiom: the defer stands in a function literal
// called per iteration, so it runs at the end of each one.
func InClosure(c *http.Client, urls []string) {
	for _, u := range urls {
		func() {
			resp, err := c.Get(u) // want `response body of resp`
			if err != nil {
				return
			}
			_ = resp.StatusCode
		}()
	}
}
