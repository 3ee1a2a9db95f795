package strict

import (
	"net/http"

	"lookholder"
)

// lookless/argclose.go's never-looked-at responses, closed by a function
// they are given: strict reports them.

func closeResp(r *http.Response) { r.Body.Close() }

func deferredClosureArg(c *http.Client, u string) {
	resp, err := c.Get(u) // want `closed without being read|closed before anything is read`
	if err != nil {
		return
	}
	defer func(r *http.Response) { r.Body.Close() }(resp)
}

func helperGivenResponse(c *http.Client, u string) {
	resp, err := c.Get(u) // want `closed without being read|closed before anything is read`
	if err != nil {
		return
	}
	defer closeResp(resp)
}

func otherPackageGivenResponse(c *http.Client, u string) {
	resp, err := c.Get(u) // want `closed without being read|closed before anything is read`
	if err != nil {
		return
	}
	lookholder.CloseResp(resp)
}
