// Package go127 is built for go1.27: its transport drains small bodies on
// Close, so the check is quiet by default (-always reports).
package go127

import (
	"errors"
	"io"
	"net/http"
)

func get(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // quiet at go1.27 unless -always
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	return io.ReadAll(resp.Body)
}
