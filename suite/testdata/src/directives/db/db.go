// Package db checks the //bodyclose:ignore directive with drainbody.
package db

import (
	"encoding/json"
	"net/http"
)

func ignored(url string, v any) error {
	resp, err := http.Get(url) //bodyclose:ignore drainbody small bodies only, measured
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

// A directive for bodyclose does not silence drainbody.
func otherAnalyzer(url string, v any) error {
	resp, err := http.Get(url) //bodyclose:ignore bodyclose wrong analyzer // want `closed without being read to EOF`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

func stale(url string) int {
	//bodyclose:ignore drainbody nothing is decoded here any more // want `this //bodyclose:ignore directive suppresses no drainbody finding`
	return len(url)
}

func noReason(url string) int {
	// want +1 `malformed //bodyclose:ignore: it gives no reason`
	//bodyclose:ignore drainbody
	return len(url)
}
