package issue8

import (
	"encoding/json"
	"io"
	"net/http"
)

// -- issue 8, item 4: a returned struct that holds a response, without Close --

type Doc struct {
	resp   *http.Response
	Status int
}

// Content reads and closes the response the document holds.
func (d *Doc) Content() ([]byte, error) {
	defer d.resp.Body.Close()
	return io.ReadAll(d.resp.Body)
}

func getDoc(c *http.Client) (*Doc, error) {
	resp, err := c.Get("u")
	if err != nil {
		return nil, err
	}
	return &Doc{resp: resp, Status: resp.StatusCode}, nil
}

func docStatus(c *http.Client) int {
	d, err := getDoc(c) // want `response held by d is never closed`
	if err != nil {
		return 0
	}
	return d.Status
}

func docContent(c *http.Client) ([]byte, error) {
	d, err := getDoc(c)
	if err != nil {
		return nil, err
	}
	return d.Content()
}

// A holder with no method at all, returned by value.
type result struct {
	Resp *http.Response
	Took int
}

func fetchResult(c *http.Client) (result, error) {
	resp, err := c.Get("u")
	if err != nil {
		return result{}, err
	}
	return result{Resp: resp, Took: 1}, nil
}

func took(c *http.Client) int {
	r, err := fetchResult(c) // want `response held by r is never closed`
	if err != nil {
		return 0
	}
	return r.Took
}

func tookClosed(c *http.Client) int {
	r, err := fetchResult(c)
	if err != nil {
		return 0
	}
	defer r.Resp.Body.Close()
	return r.Took
}

// A holder whose method decodes and closes.
type page struct {
	body io.ReadCloser
}

func (p page) Decode(v any) error {
	defer p.body.Close()
	return json.NewDecoder(p.body).Decode(v)
}

func getPage(c *http.Client) (*page, error) {
	resp, err := c.Get("u")
	if err != nil {
		return nil, err
	}
	return &page{body: resp.Body}, nil
}

func pageLeak(c *http.Client) error {
	p, err := getPage(c) // want `response held by p is never closed: p is never used`
	if err != nil {
		return err
	}
	_ = p
	return nil
}

func pageOK(c *http.Client, v any) error {
	p, err := getPage(c)
	if err != nil {
		return err
	}
	return p.Decode(v)
}

// The response was closed before the holder was built: nothing to close.
type summary struct {
	resp *http.Response
	data []byte
}

func getSummary(c *http.Client) (*summary, error) {
	resp, err := c.Get("u")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return &summary{resp: resp, data: data}, nil
}

func useSummary(c *http.Client) int {
	s, err := getSummary(c)
	if err != nil {
		return 0
	}
	return len(s.data)
}

// The body stored in a struct variable whose address is returned (the
// elasticsearch esapi shape): handed to the caller, not leaked here.
type apiResponse struct {
	StatusCode int
	Body       io.ReadCloser
}

func perform(c *http.Client, req *http.Request) (*apiResponse, error) {
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	response := apiResponse{
		StatusCode: res.StatusCode,
		Body:       res.Body,
	}
	return &response, nil
}

func useAPI(c *http.Client, req *http.Request) int {
	r, err := perform(c, req) // want `response held by r is never closed`
	if err != nil {
		return 0
	}
	return r.StatusCode
}

func useAPIClosed(c *http.Client, req *http.Request) int {
	r, err := perform(c, req)
	if err != nil {
		return 0
	}
	defer r.Body.Close()
	return r.StatusCode
}
