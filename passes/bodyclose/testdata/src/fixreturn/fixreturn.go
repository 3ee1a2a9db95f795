// Package fixreturn: a function that returns the response on its good
// path closes it on the others.
package fixreturn

import (
	"fmt"
	"net/http"
)

func Fetch(c *http.Client, u string) (*http.Response, error) {
	resp, err := c.Get(u) // want `response body of resp`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", u, resp.Status)
	}
	return resp, nil
}

// Retry returns the first good response; the others leak.
func Retry(c *http.Client, req *http.Request) (*http.Response, error) {
	var last error
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `response body of resp`
		if err != nil {
			last = err
			continue
		}
		if resp.StatusCode >= 500 {
			last = fmt.Errorf("server: %s", resp.Status)
			continue
		}
		return resp, nil
	}
	return nil, last
}
