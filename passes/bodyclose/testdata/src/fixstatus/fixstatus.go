// Package fixstatus: the README's headline bug, an early return on a bad
// status before the close.
package fixstatus

import (
	"encoding/json"
	"fmt"
	"net/http"
)

type Item struct{ ID string }

// FetchItem defers the close after the status check: the fix moves it up,
// right after the error check.
func FetchItem(c *http.Client, url string) (*Item, error) {
	resp, err := c.Get(url) // want `response body of resp`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", url, resp.Status)
	}
	defer resp.Body.Close()
	var it Item
	return &it, json.NewDecoder(resp.Body).Decode(&it)
}

// Create closes only on the good path, just before returning.
func Create(c *http.Client, url string) error {
	resp, err := c.Post(url, "application/json", nil) // want `response body of resp`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("create: %s", resp.Status)
	}
	resp.Body.Close()
	return nil
}

// Delete returns the close's error: that close stays.
func Delete(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req) // want `response body of resp`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("delete: %s", resp.Status)
	}
	return resp.Body.Close()
}

// Named checks an error that is a named result.
func Named(c *http.Client, url string) (code int, err error) {
	resp, err := c.Get(url) // want `response body of resp`
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %s", resp.Status)
	}
	code = resp.StatusCode
	return
}
