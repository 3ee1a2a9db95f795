package fix

import (
	"errors"
	"io"
	"net/http"
)

func deferred(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // want `closed without being read when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func direct(url string) error {
	resp, err := http.Get(url) // want `closed before (it is|anything is) read`
	if err != nil {
		return err
	}
	if resp.StatusCode >= 400 {
		resp.Body.Close()
		return errors.New(resp.Status)
	}
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	return err
}
