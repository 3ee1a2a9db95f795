package lookless

import (
	"net/http"

	"lookholder"
)

// A response given to a function that only closes it is never looked at,
// like one closed directly (strict reports these: strict/argclose.go).

func closeResp(r *http.Response) { r.Body.Close() }

func deferredClosureArg(c *http.Client, u string) {
	resp, err := c.Get(u)
	if err != nil {
		return
	}
	defer func(r *http.Response) { r.Body.Close() }(resp)
}

func helperGivenResponse(c *http.Client, u string) {
	resp, err := c.Get(u)
	if err != nil {
		return
	}
	defer closeResp(resp)
}

func otherPackageGivenResponse(c *http.Client, u string) {
	resp, err := c.Get(u)
	if err != nil {
		return
	}
	lookholder.CloseResp(resp)
}

// A function given the response that reads its status looks at it.

func closeIfBad(r *http.Response) {
	if r.StatusCode != http.StatusOK {
		r.Body.Close()
		return
	}
	r.Body.Close()
}

func helperLooks(c *http.Client, u string) {
	resp, err := c.Get(u) // want `closed before anything is read`
	if err != nil {
		return
	}
	closeIfBad(resp)
}

func closureArgLooks(c *http.Client, u string) int {
	resp, err := c.Get(u) // want `closed before anything is read`
	if err != nil {
		return 0
	}
	return func(r *http.Response) int {
		defer r.Body.Close()
		return r.StatusCode
	}(resp)
}
