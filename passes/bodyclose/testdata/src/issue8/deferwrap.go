package issue8

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// -- issue 8, item 1: a defer in a function that returns the response --
// With a defer present, SSA keeps the results in memory; only the return
// that stores the response returns it.

var mu sync.Mutex

func FetchLocked(c *http.Client, url string) (*http.Response, error) {
	mu.Lock()
	defer mu.Unlock()
	resp, err := c.Get(url) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New("bad status")
	}
	return resp, nil
}

func FetchCancel(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 400 {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, nil
}

type span struct{}

func (span) End() {}

func startSpan() span { return span{} }

// A named result assigned by the call, returned bare.
func FetchNamed(c *http.Client, url string) (resp *http.Response, err error) {
	sp := startSpan()
	defer sp.End()
	resp, err = c.Get(url) // want `response body of resp is not closed when the function returns early`
	if err != nil {
		return
	}
	if resp.Header.Get("Content-Type") != "application/json" {
		return nil, errors.New("not json")
	}
	return
}

// Another value in the result slot on one path, the response on the other.
func FetchOther(c *http.Client, url string, fallback *http.Response) (*http.Response, error) {
	defer mu.Unlock()
	resp, err := c.Get(url) // want `response body of resp is not closed when the function returns early`
	if err != nil {
		return nil, err
	}
	if resp.ContentLength == 0 {
		return fallback, nil
	}
	return resp, nil
}

// Fixed variants: the defer no longer matters.

func FetchLockedOK(c *http.Client, url string) (*http.Response, error) {
	mu.Lock()
	defer mu.Unlock()
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, errors.New("bad status")
	}
	return resp, nil
}

func FetchNamedOK(c *http.Client, url string) (resp *http.Response, err error) {
	defer mu.Unlock()
	resp, err = c.Get(url)
	if err != nil {
		return
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		err = errors.New("bad status")
		resp = nil
	}
	return
}

// A deferred closure that closes on error: the named result is captured.
func FetchDeferClose(c *http.Client, url string) (resp *http.Response, err error) {
	defer func() {
		if err != nil && resp != nil {
			resp.Body.Close()
		}
	}()
	resp, err = c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		err = errors.New("bad status")
		return
	}
	return resp, nil
}
