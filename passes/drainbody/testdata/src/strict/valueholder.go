package strict

import "net/http"

// Under -drainbody.strict the value and generic holders of
// lookless/valueholder.go are reported.

type vdoc struct{ resp *http.Response }

func (d vdoc) Close() { d.resp.Body.Close() }

func valueHolder(c *http.Client) error {
	r, err := c.Get("http://example.com/") // want `closed without being read|closed before anything is read`
	if err != nil {
		return err
	}
	d := vdoc{resp: r}
	defer d.Close()
	return nil
}

type gv[T any] struct {
	resp *http.Response
	v    T
}

func (d gv[T]) Close() error { return d.resp.Body.Close() }

func genericValueHolder(c *http.Client) error {
	r, err := c.Get("http://example.com/") // want `closed without being read|closed before anything is read`
	if err != nil {
		return err
	}
	d := gv[string]{resp: r}
	defer d.Close()
	return nil
}
