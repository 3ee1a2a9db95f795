package style

import (
	"net/http"
	"time"
)

// With -clients, a per-call client is a style finding.
func perCallClient(url string) error {
	c := &http.Client{Timeout: time.Second} // want `http.Client built per call in perCallClient`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func returned() *http.Client { return &http.Client{Timeout: time.Second} }
