package wrapper

import (
	"context"
	"fmt"
	"net/http"
)

type Client struct{ hc *http.Client }

// Fetch returns a live response the caller must close.
func (c *Client) Fetch(ctx context.Context, url string) (*http.Response, error) { // want Fetch:`returns\(0\)`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.hc.Do(req)
}

// Get wraps http.Get and checks the status, leaking on a bad one.
func Get(url string) (*http.Response, error) { // want Get:`returns\(0\)`
	resp, err := http.Get(url) // leaks on a bad status: reported by TestBodyclose in package a
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, nil
}

// GetChecked closes on a bad status before returning the error.
func GetChecked(url string) (*http.Response, error) { // want GetChecked:`returns\(0\)`
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, nil
}

// Stream holds a live response; Close closes it.
type Stream struct {
	resp *http.Response
}

func (s *Stream) Read(p []byte) (int, error) { return s.resp.Body.Read(p) } // want Read:`borrows\(0\)`

// Close closes the response the stream holds.
func (s *Stream) Close() error { return s.resp.Body.Close() } // want Close:`closes\(0\)`

// Open returns the response inside a Stream the caller must close.
func Open(url string) (*Stream, error) { // want Open:`returns\(0\)`
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return &Stream{resp: resp}, nil
}

// GetWithError hands out the live response together with an error on a
// bad status: its summary says so (returnsOnError), for callers that want
// to know.
func GetWithError(url string) (*http.Response, error) { // want GetWithError:`returns\(0\) returnsOnError\(0\)`
	resp, err := http.Get(url) // bodyclose reports it here (TestIssue8 has the diagnostic cases)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return resp, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, nil
}
