// Package go126 is built for go1.26: its transport drops the connection of
// an undrained body, so the check reports.
package go126

import (
	"errors"
	"io"
	"net/http"
)

func get(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // want `response body of resp is closed without being read when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	return io.ReadAll(resp.Body)
}
