// Package fixholder: a struct that holds the response is closed by its own
// close method, or not at all.
package fixholder

import (
	"io"
	"net/http"
	"os"
)

// Doc holds a response; its Close drains and closes it.
type Doc struct {
	resp *http.Response
}

func (d *Doc) Close() error {
	_, _ = io.Copy(io.Discard, d.resp.Body)
	return d.resp.Body.Close()
}

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

// Page is a reader over the response; its Close does not drain: the fix
// drains the page, then closes it.
type Page struct {
	resp *http.Response
}

func (p *Page) Read(b []byte) (int, error) { return p.resp.Body.Read(b) }
func (p *Page) Close() error               { return p.resp.Body.Close() }

func openPage(c *http.Client, u string) (*Page, error) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	return &Page{resp: resp}, nil
}

func First(c *http.Client, u string) (byte, error) {
	p, err := openPage(c, u) // want `response held by p`
	if err != nil {
		return 0, err
	}
	var b [1]byte
	_, err = p.Read(b[:])
	return b[0], err
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
	// no fix
	s, err := openStream(c, u, f) // want `response held by s`
	if err != nil {
		return err
	}
	_ = s.resp.StatusCode
	return nil
}
