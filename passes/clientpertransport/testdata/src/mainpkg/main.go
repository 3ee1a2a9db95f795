package main

import (
	"net/http"
	"os"
)

func main() {
	// Once per process: fine.
	c := &http.Client{Transport: &http.Transport{}}
	for _, u := range os.Args[1:] {
		tr := &http.Transport{} // want `new http.Transport created in each iteration of a loop in main is dropped before the next one`
		resp, err := (&http.Client{Transport: tr}).Get(u)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
	var pools []*http.Transport
	for range os.Args {
		pools = append(pools, &http.Transport{}) // kept: not dropped
	}
	_ = pools
	fetchAll()
	resp, err := c.Get("http://example.invalid")
	if err == nil {
		resp.Body.Close()
	}
}

// fetchAll runs once: only main calls it, outside a loop.
func fetchAll() {
	c := &http.Client{Transport: &http.Transport{MaxIdleConns: 4}}
	resp, err := c.Get("http://example.invalid")
	if err == nil {
		resp.Body.Close()
	}
	for range os.Args {
		poll()
	}
}

// poll is called in a loop: per call.
func poll() {
	tr := &http.Transport{} // want `http.Client built around a new http.Transport in poll is dropped when poll returns`
	resp, err := (&http.Client{Transport: tr}).Get("http://example.invalid")
	if err == nil {
		resp.Body.Close()
	}
}
