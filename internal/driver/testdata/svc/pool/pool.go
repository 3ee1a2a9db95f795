package pool

import (
	"net/http"
	"time"
)

// Fetch builds a transport per call.
func Fetch(url string) (int, error) {
	c := &http.Client{Transport: &http.Transport{}, Timeout: time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

var shared = &http.Client{Timeout: time.Second}

// Status closes the answer unread after looking at its status.
func Status(url string) (int, error) {
	resp, err := shared.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
