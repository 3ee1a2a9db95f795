// Package cpt checks the //bodyclose:ignore directive with
// clientpertransport.
package cpt

import "net/http"

func ignoredPool(url string) error {
	c := &http.Client{Transport: &http.Transport{}} //bodyclose:ignore clientpertransport called once at startup
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func notIgnored(url string) error {
	c := &http.Client{Transport: &http.Transport{}} //bodyclose:ignore bodyclose wrong analyzer // want `new http.Transport`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func stale() int {
	//bodyclose:ignore clientpertransport built once in main now // want `suppresses no clientpertransport finding`
	return 0
}
