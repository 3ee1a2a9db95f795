package generic

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

func Must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func MustGetLeak(u string) int { // corpus:leak
	resp := Must(http.Get(u))
	return resp.StatusCode
}

func MustGetOK(u string) []byte { // corpus:ok
	resp := Must(http.Get(u))
	defer resp.Body.Close()
	return Must(io.ReadAll(resp.Body))
}

func GetJSON[T any](c *http.Client, u string) (T, error) { // corpus:ok
	var v T
	resp, err := c.Get(u)
	if err != nil {
		return v, err
	}
	defer resp.Body.Close()
	err = json.NewDecoder(resp.Body).Decode(&v)
	return v, err
}

func GetJSONLeak[T any](c *http.Client, u string) (T, error) { // corpus:leak
	var v T
	resp, err := c.Get(u)
	if err != nil {
		return v, err
	}
	if resp.StatusCode != http.StatusOK {
		return v, errors.New(resp.Status)
	}
	defer resp.Body.Close()
	err = json.NewDecoder(resp.Body).Decode(&v)
	return v, err
}

type HTTPDoer interface {
	Do(*http.Request) (*http.Response, error)
}

func Call[C HTTPDoer](c C, req *http.Request) (int, error) { // corpus:leak
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func CallOK[C HTTPDoer](c C, req *http.Request) (int, error) { // corpus:ok
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func Retry[T any](n int, f func() (T, error)) (T, error) {
	var zero T
	var err error
	for i := 0; i < n; i++ {
		var v T
		if v, err = f(); err == nil {
			return v, nil
		}
	}
	return zero, err
}

func Retried(u string) error { // corpus:ok
	resp, err := Retry(3, func() (*http.Response, error) { return http.Get(u) })
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type Closer[T io.Closer] struct{ v T }

func (c Closer[T]) Close() error { return c.v.Close() }

func CloseVia[T io.Closer](v T) { _ = v.Close() }

func GenericCloseHelper(u string) error { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer CloseVia(resp.Body)
	return nil
}

type Page[T any] struct {
	Items []T
	Next  string
}

func Fetch[T any](c *http.Client, u string) (*Page[T], error) { // corpus:leak
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	var p Page[T]
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		resp.Body.Close()
		return nil, err
	}
	return &p, nil
}
