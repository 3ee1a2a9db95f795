package tests

import (
	"net/http"
	"testing"
)

// Per-test transports are not reported by default (-tests to include).
func TestPerTest(t *testing.T) {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Get("http://example.invalid")
	if err == nil {
		resp.Body.Close()
	}
}
