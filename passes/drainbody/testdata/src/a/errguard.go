package a

import (
	"errors"
	"net/http"
)

// The deferred closure closes only when the function fails: the return
// of the response with a nil error runs no close, so nothing is closed
// undrained there (the caller gets it open).
func errGuardedWrapper(c *http.Client, u string) (resp *http.Response, err error) {
	resp, err = c.Get(u)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			resp.Body.Close()
		}
	}()
	if resp.Header.Get("Content-Type") == "" {
		return nil, errors.New("no content type")
	}
	return resp, nil
}
