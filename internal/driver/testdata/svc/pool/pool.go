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
