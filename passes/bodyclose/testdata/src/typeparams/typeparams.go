package typeparams

import (
	"io"
	"net/http"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func mustLeak(url string) int {
	resp := must(http.Get(url)) // want `response body from http.Get is never closed`
	return resp.StatusCode
}

func mustClosed(url string) int {
	resp := must(http.Get(url))
	defer resp.Body.Close()
	return resp.StatusCode
}

type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

func fetch[C Doer](c C, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func fetchLeak[C Doer](c C, req *http.Request) (int, error) {
	resp, err := c.Do(req) // want `response body of resp is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

type Holder[T io.Closer] struct{ v T }

func (h *Holder[T]) Close() error { return h.v.Close() }

func closeGeneric[T io.Closer](c T) { _ = c.Close() }

func genericCloser(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer closeGeneric(resp.Body)
	return nil
}

func retry[T any](n int, f func() (T, error)) (T, error) {
	var zero T
	for i := 0; i < n; i++ {
		v, err := f()
		if err == nil {
			return v, nil
		}
	}
	return zero, io.EOF
}

func retried(url string) error {
	resp, err := retry(3, func() (*http.Response, error) { return http.Get(url) })
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func retriedLeak(url string) (int, error) {
	resp, err := retry(3, func() (*http.Response, error) { return http.Get(url) }) // want `response body of resp is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
