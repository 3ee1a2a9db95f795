package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
)

// -- interface methods returning (*http.Response, error) --

type API interface {
	Fetch(ctx context.Context, path string) (*http.Response, error)
}

func viaAPI(ctx context.Context, api API) (int, error) {
	resp, err := api.Fetch(ctx, "/x") // want `response body of resp is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func viaAPIClosed(ctx context.Context, api API) (int, error) {
	resp, err := api.Fetch(ctx, "/x")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// An interface getter without an error result is not a source.
type Holder interface {
	Last() *http.Response
}

func lastStatus(h Holder) int {
	return h.Last().StatusCode
}

// -- function values of the client's shape --

type Client struct {
	do func(*http.Request) (*http.Response, error)
}

func (c *Client) ping(req *http.Request) error {
	resp, err := c.do(req) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("ping: %s", resp.Status)
	}
	return resp.Body.Close()
}

func (c *Client) pingOK(req *http.Request) error {
	resp, err := c.do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("ping: %s", resp.Status)
	}
	return nil
}

// -- channels of responses --

func drain(ch <-chan *http.Response) {
	for resp := range ch {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func firstOnly(ch <-chan *http.Response) int {
	resp := <-ch // want `response body of resp is never closed`
	return resp.StatusCode
}

func firstClosed(ch <-chan *http.Response) int {
	resp := <-ch
	if resp == nil {
		return 0
	}
	defer resp.Body.Close()
	return resp.StatusCode
}

func statuses(ch <-chan *http.Response) []int {
	var out []int
	for resp := range ch { // want `response body of resp is never closed`
		out = append(out, resp.StatusCode)
	}
	return out
}

// -- errors wrapped by a helper keep their meaning --

func wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("api: %w", err)
}

func wrapped(url string) error {
	resp, err := http.Get(url)
	if err := wrap(err); err != nil {
		return err
	}
	return resp.Body.Close()
}

// -- variadic closers --

func closeAll(cs ...io.Closer) {
	for _, c := range cs {
		c.Close()
	}
}

func variadic(url string, f io.Closer) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer closeAll(f, resp.Body)
	return nil
}

// -- error predicates (found in x/net/http2: noDialH2RoundTripper) --

type noCachedConn interface{ IsNoCachedConnError() }

func isNoCachedConnError(err error) bool {
	_, ok := err.(noCachedConn)
	return ok
}

func isRetryable(err error) bool {
	return err != nil && !errors.Is(err, context.Canceled)
}

func okOrMissing(err error) bool {
	return err == nil || os.IsNotExist(err)
}

func predicate(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
	res, err := rt.RoundTrip(req)
	if isNoCachedConnError(err) {
		return nil, http.ErrSkipAltProtocol
	}
	return res, err
}

func predicate2(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
	res, err := rt.RoundTrip(req)
	if isRetryable(err) {
		return nil, err
	}
	return res, err
}

func notAPredicate(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
	res, err := rt.RoundTrip(req) // want `response body of res is not closed when the function returns early`
	if okOrMissing(err) {
		return nil, nil
	}
	return res, err
}
