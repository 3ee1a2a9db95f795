// Package variant has a test file, so its package and its test variant
// both compile variant.go: its finding must appear once.
package variant

import "net/http"

func Ping(url string) bool {
	resp, err := http.Head(url)
	if err != nil {
		return false
	}
	return resp.StatusCode < 400
}
