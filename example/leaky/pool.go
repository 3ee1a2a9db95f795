package leaky

import (
	"io"
	"net/http"
	"time"
)

// Lookup builds a client with its own transport on every call: each call
// leaves an idle keep-alive connection behind in a pool nobody will use
// again.
func Lookup(url string) ([]byte, error) {
	c := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: 4},
		Timeout:   5 * time.Second,
	}
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// lookupClient is built once and shared: one pool for the process.
var lookupClient = &http.Client{
	Transport: &http.Transport{MaxIdleConnsPerHost: 4},
	Timeout:   5 * time.Second,
}

// LookupFixed reuses the shared client.
func LookupFixed(url string) ([]byte, error) {
	resp, err := lookupClient.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
