package issue8

import (
	"net/http"

	"issue8xio"
)

// -- issue 8, item 3: helpers in a package that never imports net/http --

func peek(c *http.Client) ([]byte, error) {
	resp, err := c.Get("u") // want `response body of resp is never closed`
	if err != nil {
		return nil, err
	}
	return issue8xio.Peek(resp.Body)
}

func count(c *http.Client) int {
	resp, err := c.Get("u") // want `response body of resp is never closed`
	if err != nil {
		return 0
	}
	return issue8xio.Count(resp.Body)
}

func describe(c *http.Client) string {
	resp, err := c.Get("u") // want `response body of resp is never closed`
	if err != nil {
		return ""
	}
	return issue8xio.Describe(resp)
}

func closeQuietly(c *http.Client) {
	resp, err := c.Get("u")
	if err != nil {
		return
	}
	defer issue8xio.CloseQuietly(resp.Body)
}

func drainClose(c *http.Client) {
	resp, err := c.Get("u")
	if err != nil {
		return
	}
	issue8xio.DrainClose(resp.Body)
}

func keep(c *http.Client) {
	resp, err := c.Get("u")
	if err != nil {
		return
	}
	issue8xio.Keep(resp.Body)
}

func closeAny(c *http.Client) {
	resp, err := c.Get("u")
	if err != nil {
		return
	}
	issue8xio.CloseAny(resp.Body)
}

func closeAll(c *http.Client) {
	a, err := c.Get("a")
	if err != nil {
		return
	}
	b, err := c.Get("b")
	if err != nil {
		a.Body.Close()
		return
	}
	issue8xio.CloseAll(a.Body, b.Body)
}
