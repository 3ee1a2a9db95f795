package strict

import (
	"net/http"

	"lookholder"
)

// -- a holder closed by a method that does not look at the response
// (issue 8 re-trial, item 3): never looked at, strict only --

type doc struct {
	resp *http.Response
	name string
}

func (d *doc) Close() error { return d.resp.Body.Close() }

func (d *doc) Status() int { return d.resp.StatusCode }

func getDoc(c *http.Client, u string) (*doc, error) {
	r, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	return &doc{resp: r, name: u}, nil
}

func holderBuiltHere(c *http.Client, u string) error {
	r, err := c.Get(u) // want `closed without being read|closed before anything is read`
	if err != nil {
		return err
	}
	d := &doc{resp: r, name: u}
	defer d.Close()
	return nil
}

func holderFromHelper(c *http.Client, u string) error {
	d, err := getDoc(c, u) // want `closed without being read|closed before anything is read`
	if err != nil {
		return err
	}
	defer d.Close()
	println(d.name) // the holder's own field: not the response
	return nil
}

func holderOtherPackageDeferred(c *http.Client, u string) error {
	d, err := lookholder.Get(c, u) // want `closed without being read|closed before anything is read`
	if err != nil {
		return err
	}
	defer d.Content()
	return nil
}

func holderOtherPackageReturned(c *http.Client, u string) error {
	d, err := lookholder.Get(c, u) // want `closed without being read|closed before anything is read`
	if err != nil {
		return err
	}
	println(d.Name)
	return d.Content()
}

// -- the holder looks at the response: reported by default --

func holderLooksHere(c *http.Client, u string) error {
	r, err := c.Get(u) // want `closed without being read|closed before anything is read`
	if err != nil {
		return err
	}
	d := &doc{resp: r, name: u}
	defer d.Close()
	if d.Status() != 200 {
		return nil
	}
	return nil
}

func holderLooksOtherPackage(c *http.Client, u string) error {
	d, err := lookholder.Get(c, u) // want `closed without being read|closed before anything is read`
	if err != nil {
		return err
	}
	defer d.Content()
	if !d.OK() {
		return nil
	}
	return nil
}

func holderLooksField(c *http.Client, u string) error {
	r, err := c.Get(u) // want `closed without being read|closed before anything is read`
	if err != nil {
		return err
	}
	d := &doc{resp: r, name: u}
	defer d.Close()
	println(d.resp.Header.Get("X"))
	return nil
}
