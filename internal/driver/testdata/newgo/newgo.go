// Package newgo says go 1.27: a linter built with Go 1.26 cannot
// type-check it.
package newgo

import "net/http"

func Status(url string) int {
	resp, _ := http.Get(url)
	return resp.StatusCode
}
