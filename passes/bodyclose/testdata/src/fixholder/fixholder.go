// Package fixholder: a struct that holds the response is closed by its own
// close method, or not at all.
package fixholder

import (
	"net/http"
	"os"
)

// Doc holds a response; its Close closes it.
type Doc struct {
	resp *http.Response
}

func (d *Doc) Close() error { return d.resp.Body.Close() }

func (d *Doc) Status() int { return d.resp.StatusCode }

func fetchDoc(c *http.Client, u string) (*Doc, error) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	return &Doc{resp: resp}, nil
}

// Status never closes the document: the fix calls its Close, not a Body
// field it does not have.
func Status(c *http.Client, u string) (int, error) {
	d, err := fetchDoc(c, u) // want `response held by d`
	if err != nil {
		return 0, err
	}
	return d.Status(), nil
}

// Stream holds a response, but its Close closes something else: no fix.
type Stream struct {
	resp *http.Response
	f    *os.File
}

func (s *Stream) Close() error { return s.f.Close() }

func openStream(c *http.Client, u string, f *os.File) (*Stream, error) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	return &Stream{resp: resp, f: f}, nil
}

func Copy(c *http.Client, u string, f *os.File) error {
	s, err := openStream(c, u, f) // want `response held by s`
	if err != nil {
		return err
	}
	_ = s.resp.StatusCode
	return nil
}
