package lookless

import "net/http"

// A holder nested in another, closed by the outer one's method: the
// response is never looked at either, quiet by default.

type inner struct{ resp *http.Response }

func (d *inner) Close() error { return d.resp.Body.Close() }

type outer struct {
	name string
	in   *inner
}

func (o *outer) Close() error { return o.in.Close() }

func nestedPointers(c *http.Client) error {
	r, err := c.Get("http://example.com/")
	if err != nil {
		return err
	}
	o := &outer{name: "x", in: &inner{resp: r}}
	defer o.Close()
	return nil
}

type outerByValue struct{ in inner }

func (o *outerByValue) Close() error { return o.in.resp.Body.Close() }

func nestedValue(c *http.Client) error {
	r, err := c.Get("http://example.com/")
	if err != nil {
		return err
	}
	o := &outerByValue{in: inner{resp: r}}
	defer o.Close()
	return nil
}

type outer3 struct{ mid *outer }

func (o *outer3) Close() error { return o.mid.Close() }

func nestedThree(c *http.Client) error {
	r, err := c.Get("http://example.com/")
	if err != nil {
		return err
	}
	o := &outer3{mid: &outer{in: &inner{resp: r}}}
	defer o.Close()
	return nil
}
