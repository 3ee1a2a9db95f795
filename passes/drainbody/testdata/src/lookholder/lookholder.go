// Package lookholder: a holder of a response from another package, closed
// by a method that does not look at it (drainbody's "never looked at").
package lookholder

import "net/http"

// Doc keeps a response; Name is its own.
type Doc struct {
	resp *http.Response
	Name string
}

// Content closes the body it holds; it reads nothing.
func (d *Doc) Content() error { return d.resp.Body.Close() }

// OK looks at the status.
func (d *Doc) OK() bool { return d.resp.StatusCode == http.StatusOK }

// Get wraps c.Get in a Doc.
func Get(c *http.Client, u string) (*Doc, error) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	return &Doc{resp: resp, Name: u}, nil
}

// CloseResp closes the response it is given; it reads nothing.
func CloseResp(r *http.Response) { r.Body.Close() }
