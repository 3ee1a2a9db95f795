// Package configured is checked with
// -sources=(*example.com/sdk.Client).Fetch
// -closers=example.com/sdk.Finish,example.com/sdk.DrainClose.
package configured

import "example.com/sdk"

func leak(c *sdk.Client) int {
	resp, err := c.Fetch("/x") // want `response body of resp is never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func finished(c *sdk.Client) int {
	resp, err := c.Fetch("/x")
	if err != nil {
		return 0
	}
	defer sdk.Finish(resp)
	return resp.StatusCode
}

// A configured closer is honoured whatever its parameter type: DrainClose
// takes an io.Reader.
func drained(c *sdk.Client) int {
	resp, err := c.Fetch("/x")
	if err != nil {
		return 0
	}
	defer sdk.DrainClose(resp.Body)
	return resp.StatusCode
}
