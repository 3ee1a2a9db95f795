package typeparams

import (
	"encoding/json"
	"net/http"
)

func getJSON[T any](url string) (T, error) {
	var v T
	c := &http.Client{Transport: &http.Transport{}} // want `http.Client built around a new http.Transport in getJSON is dropped`
	resp, err := c.Get(url)
	if err != nil {
		return v, err
	}
	defer resp.Body.Close()
	return v, json.NewDecoder(resp.Body).Decode(&v)
}

type Pool[K comparable] struct {
	byKey map[K]*http.Transport
}

func (p *Pool[K]) get(k K) *http.Transport {
	if t, ok := p.byKey[k]; ok {
		return t
	}
	t := &http.Transport{}
	p.byKey[k] = t
	return t
}

func newRT[T http.RoundTripper](mk func() T) http.RoundTripper { return mk() }
