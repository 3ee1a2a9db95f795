package typeparams

import (
	"encoding/json"
	"errors"
	"net/http"
)

type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

func fetch[T any, C Doer](c C, req *http.Request) (T, error) {
	var v T
	resp, err := c.Do(req) // want `response body of resp is closed without being read when the function returns early on a bad status`
	if err != nil {
		return v, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return v, errors.New(resp.Status)
	}
	err = json.NewDecoder(resp.Body).Decode(&v)
	return v, err
}
