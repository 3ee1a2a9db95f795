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
