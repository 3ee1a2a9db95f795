package lookless

import "net/http"

// Holders held by value (and generic ones) closed by their own method:
// never looked at, quiet by default like the pointer holders.

type vdoc struct{ resp *http.Response }

func (d vdoc) Close() { d.resp.Body.Close() }

func valueHolder(c *http.Client) error {
	r, err := c.Get("http://example.com/")
	if err != nil {
		return err
	}
	d := vdoc{resp: r}
	defer d.Close()
	return nil
}

func valueHolderNow(c *http.Client) error {
	r, err := c.Get("http://example.com/")
	if err != nil {
		return err
	}
	vdoc{resp: r}.Close()
	return nil
}

type gv[T any] struct {
	resp *http.Response
	v    T
}

func (d gv[T]) Close() error { return d.resp.Body.Close() }

func genericValueHolder(c *http.Client) error {
	r, err := c.Get("http://example.com/")
	if err != nil {
		return err
	}
	d := gv[string]{resp: r}
	defer d.Close()
	return nil
}

type gp[T any] struct{ resp *http.Response }

func (d *gp[T]) Close() error { return d.resp.Body.Close() }

func genericPointerHolder(c *http.Client) error {
	r, err := c.Get("http://example.com/")
	if err != nil {
		return err
	}
	d := &gp[int]{resp: r}
	defer d.Close()
	return nil
}

func closeV(d vdoc) { d.Close() }

func valueHolderToHelper(c *http.Client) error {
	r, err := c.Get("http://example.com/")
	if err != nil {
		return err
	}
	closeV(vdoc{resp: r})
	return nil
}
