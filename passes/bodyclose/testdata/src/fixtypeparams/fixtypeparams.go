// Package fixtypeparams: fixes in generic functions.
package fixtypeparams

import (
	"encoding/json"
	"net/http"
)

func Get[T any](c *http.Client, u string) (T, error) {
	var v T
	resp, err := c.Get(u) // want `response body of resp`
	if err != nil {
		return v, err
	}
	if resp.StatusCode != http.StatusOK {
		return v, nil
	}
	defer resp.Body.Close()
	err = json.NewDecoder(resp.Body).Decode(&v)
	return v, err
}

func Each[T any](c *http.Client, urls []string, f func(T)) {
	for _, u := range urls {
		resp, err := c.Get(u) // want `response body of resp`
		if err != nil {
			continue
		}
		var v T
		if json.NewDecoder(resp.Body).Decode(&v) != nil {
			continue
		}
		f(v)
		resp.Body.Close()
	}
}
