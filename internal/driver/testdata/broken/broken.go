// Package broken does not type-check.
package broken

import "net/http"

func Status() int {
	resp, _ := http.Get(1)
	return resp.StatusCode
}
