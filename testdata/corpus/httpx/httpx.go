// Package httpx is a small in-house HTTP helper package of the kind most
// services grow.
package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// DrainAndClose reads what is left of body and closes it.
func DrainAndClose(body io.ReadCloser) { // corpus:ok
	if body == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 64<<10))
	_ = body.Close()
}

// CloseResponse closes resp's body if there is one.
func CloseResponse(resp *http.Response) { // corpus:ok
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
}

// Close is a generic quiet closer.
func Close(c io.Closer) { // corpus:ok
	_ = c.Close()
}

// Client wraps an *http.Client with a base URL.
type Client struct {
	Base string
	HC   *http.Client
}

// Do sends req and returns the live response: callers close it.
func (c *Client) Do(ctx context.Context, req *http.Request) (*http.Response, error) { // corpus:ok
	return c.HC.Do(req.WithContext(ctx))
}

// Get returns the response for path; non-2xx statuses are errors, and the
// body is closed before returning one.
func (c *Client) Get(ctx context.Context, path string) (*http.Response, error) { // corpus:ok
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HC.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		DrainAndClose(resp.Body)
		return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return resp, nil
}

// GetLeaky forgets the body on a bad status.
func (c *Client) GetLeaky(ctx context.Context, path string) (*http.Response, error) { // corpus:leak
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HC.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 400 {
		return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return resp, nil
}

// GetJSON decodes a JSON response into v.
func (c *Client) GetJSON(ctx context.Context, path string, v any) error { // corpus:ok
	resp, err := c.Get(ctx, path)
	if err != nil {
		return err
	}
	defer DrainAndClose(resp.Body)
	return json.NewDecoder(resp.Body).Decode(v)
}

// Stream is a response body with its response, closed together.
type Stream struct {
	resp *http.Response
}

func (s *Stream) Read(p []byte) (int, error) { return s.resp.Body.Read(p) }
func (s *Stream) Close() error               { return s.resp.Body.Close() }

// Open returns the body as a stream the caller closes.
func (c *Client) Open(ctx context.Context, path string) (*Stream, error) { // corpus:ok
	resp, err := c.Get(ctx, path)
	if err != nil {
		return nil, err
	}
	return &Stream{resp: resp}, nil
}

// Check turns a bad status into an error, closing the body then.
func Check(resp *http.Response) error { // corpus:ok
	if resp.StatusCode < 300 {
		return nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	return fmt.Errorf("status %d: %s", resp.StatusCode, b)
}

// Wait polls url until it answers 200.
func Wait(ctx context.Context, url string) error { // corpus:leak
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		resp, err := http.Get(url)
		if err != nil {
			continue
		}
		if resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			return nil
		}
	}
}

var ErrNotFound = errors.New("not found")
