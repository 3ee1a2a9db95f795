package issue8

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// -- issue 8, item 2: a live response returned with a non-nil error --

func FetchStatusErr(c *http.Client, url string) (*http.Response, error) {
	resp, err := c.Get(url) // want `response body of resp is returned together with a non-nil error`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return resp, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, nil
}

func useStatusErr(c *http.Client) error {
	resp, err := FetchStatusErr(c, "u")
	if err != nil {
		return err // leaks: reported once, at FetchStatusErr
	}
	defer resp.Body.Close()
	return nil
}

var errRateLimited = errors.New("rate limited")

// A sentinel error, a deferred closure: still reported.
func FetchSentinel(c *http.Client, req *http.Request) (*http.Response, error) {
	defer func() { _ = recover() }()
	resp, err := c.Do(req) // want `response body of resp is returned together with a non-nil error`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		return resp, errRateLimited
	}
	return resp, nil
}

func useSentinel(c *http.Client, req *http.Request) {
	resp, err := FetchSentinel(c, req)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// A read error checked on the path: the body stays live with it.
func FetchPeek(c *http.Client, url string) (*http.Response, []byte, error) {
	resp, err := c.Get(url) // want `response body of resp is returned together with a non-nil error`
	if err != nil {
		return nil, nil, err
	}
	buf := make([]byte, 8)
	n, err := io.ReadFull(resp.Body, buf)
	if err != nil {
		return resp, nil, err
	}
	return resp, buf[:n], nil
}

// Every caller in the package closes on its error paths too: no report.
func fetchHandled(c *http.Client, url string) (*http.Response, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return resp, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, nil
}

func useHandled(c *http.Client) error {
	resp, err := fetchHandled(c, "u")
	if resp != nil {
		defer resp.Body.Close()
	}
	return err
}

func useHandled2(c *http.Client) error {
	resp, err := fetchHandled(c, "u")
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return err
	}
	return resp.Body.Close()
}

// Returning resp, err straight from Do keeps the convention.
func FetchPlain(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	return resp, err
}

func FetchPlain2(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	if err != nil {
		return resp, err
	}
	return resp, nil
}

// A wrapped acquisition error: still the call's own.
func FetchWrapped(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	if err != nil {
		return resp, fmt.Errorf("fetch: %w", err)
	}
	return resp, nil
}
