// Package leaky is the example the README lints: each function is a leak
// the bodyclose analyzer reports, next to its fixed form.
package leaky

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

type Item struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// FetchItem closes the body only after the status check: a 404 or 500
// leaks the connection.
func FetchItem(c *http.Client, url string) (*Item, error) {
	resp, err := c.Get(url)
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

// FetchItemFixed closes the body before anything can return, and drains
// it first so that the connection goes back to the pool.
func FetchItemFixed(c *http.Client, url string) (*Item, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", url, resp.Status)
	}
	var it Item
	return &it, json.NewDecoder(resp.Body).Decode(&it)
}

// Ping never closes the body: every call keeps a connection busy.
func Ping(url string) bool {
	resp, err := http.Head(url)
	if err != nil {
		return false
	}
	return resp.StatusCode < 400
}

// WaitReady retries until the server answers 200, dropping every
// non-200 response without closing it.
func WaitReady(c *http.Client, req *http.Request) error {
	for i := 0; i < 10; i++ {
		resp, err := c.Do(req)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			time.Sleep(time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return fmt.Errorf("not ready")
}
