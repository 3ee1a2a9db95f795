//go:build go1.26

// This file downgrades itself to go1.26 with a build constraint: its own
// version wins over the module's, so the check reports here.
package go127

import (
	"errors"
	"io"
	"net/http"
)

func getOld(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // want `closed without being read when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	return io.ReadAll(resp.Body)
}
