// Package fixnone: findings where no fix can be shown right. The file has
// no .golden: any fix fails the test.
package fixnone

import (
	"io"
	"net/http"
)

type holder struct{ r io.Reader }

// Field stores a reader over the body in a struct the caller keeps: a
// close would break it.
func Field(u string, h *holder) error {
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return err
	}
	h.r = io.MultiReader(resp.Body)
	return nil
}

var keep io.Reader

// Kept stores one in a global.
func Kept(u string) error {
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return err
	}
	keep = io.MultiReader(resp.Body)
	return nil
}

// Unchecked checks the error late: a close right after the call could run
// on a nil response.
func Unchecked(u string, log func(error)) (int, error) {
	resp, err := http.Get(u) // want `response body of resp`
	log(err)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Goto loops by goto: a defer could be a defer in a loop.
func Goto(u string, n int) int {
	i := 0
again:
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return i
	}
	i++
	if i < n && resp.StatusCode != http.StatusOK {
		goto again
	}
	return i
}

// InLoopNilChecked checks the response for nil in a loop: the walk cannot
// see those paths.
func InLoopNilChecked(c *http.Client, urls []string) {
	for _, u := range urls {
		resp, err := c.Get(u) // want `response body of resp`
		if err != nil {
			continue
		}
		if resp == nil {
			continue
		}
		_ = resp.StatusCode
	}
}
