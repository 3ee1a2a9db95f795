package issue8

import (
	"fmt"
	"io"
	"net/http"
)

// -- issue 8, item 8 (bodyclose side): closed through a captured alias --

func closeCapturedAlias(c *http.Client) {
	resp, err := c.Get("u")
	if err != nil {
		return
	}
	rc := resp.Body
	defer func() {
		fmt.Println(resp.Status)
		rc.Close()
	}()
}

func closeCapturedCloser(c *http.Client) {
	resp, err := c.Get("u")
	if err != nil {
		return
	}
	var closer io.Closer = resp.Body
	status := resp.StatusCode
	defer func() {
		fmt.Println(status, resp.Header)
		closer.Close()
	}()
}

func capturedNotClosed(c *http.Client) {
	resp, err := c.Get("u") // want `response body of resp is never closed`
	if err != nil {
		return
	}
	rc := resp.Body
	defer func() {
		fmt.Println(resp.Status, rc)
	}()
}
