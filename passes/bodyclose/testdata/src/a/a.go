package a

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

func neverClosed(url string) error {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	fmt.Println(resp.StatusCode)
	return nil
}

func deferClose(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	return err
}

func badStatus(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	defer resp.Body.Close()
	return nil
}

func oneBranch(url string, verbose bool) {
	resp, err := http.Get(url) // want `response body of resp is not closed on every path`
	if err != nil {
		return
	}
	if verbose {
		resp.Body.Close()
	}
}

func retry(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req) // want `response body of resp is not closed before the next loop iteration replaces it`
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			continue
		}
		return resp, nil
	}
	return nil, errors.New("retries exhausted")
}

func retryOK(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errors.New("retries exhausted")
}

func discarded(url string) error {
	_, err := http.Get(url) // want `response body from http.Get is never closed: the response is discarded`
	return err
}

func closureDefer(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer func() {
		_ = resp.Body.Close()
	}()
	return nil
}

func closeHelper(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer closeBody(resp)
	return nil
}

func closeBody(r *http.Response) {
	if r != nil && r.Body != nil {
		r.Body.Close()
	}
}

func switchArms(url string) (string, error) {
	resp, err := http.Get(url) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return "", err
	}
	switch resp.StatusCode {
	case http.StatusOK:
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	case http.StatusNotFound:
		resp.Body.Close()
		return "", nil
	default:
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
}

// -- wrappers in the same package --

func get(url string) (*http.Response, error) {
	resp, err := http.Get(url) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, nil
}

func useGet(url string) int {
	resp, err := get(url) // want `response body of resp is never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func useGetClosed(url string) ([]byte, error) {
	resp, err := get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// A retry on 429 that forgets the body: the loop explains the leak better
// than the next iteration's early return does.
func retryAfter(c *http.Client, url string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequest(http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req) // want `response body of resp is not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			continue
		}
		defer resp.Body.Close()
		return nil
	}
	return errors.New("rate limited")
}
