// Package fixhead: a HEAD response has nothing to drain; its fix only
// closes it.
package fixhead

import (
	"context"
	"net/http"
)

func Ping(u string) bool {
	resp, err := http.Head(u) // want `response body of resp`
	if err != nil {
		return false
	}
	return resp.StatusCode < 400
}

func Exists(c *http.Client, u string) bool {
	resp, err := c.Head(u) // want `response body of resp`
	if err != nil {
		return false
	}
	return resp.StatusCode == http.StatusOK
}

func ExistsReq(ctx context.Context, c *http.Client, u string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, u, nil)
	if err != nil {
		return false, err
	}
	resp, err := c.Do(req) // want `response body of resp`
	if err != nil {
		return false, err
	}
	return resp.StatusCode == http.StatusOK, nil
}

// Get is no HEAD: its close drains.
func Get(u string) bool {
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return false
	}
	return resp.StatusCode < 400
}
