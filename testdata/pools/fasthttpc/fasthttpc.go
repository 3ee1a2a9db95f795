// Package fasthttpc: fasthttp's Acquire*/Release* pairs and clients built
// per call.
package fasthttpc

import (
	"errors"

	"github.com/valyala/fasthttp"
)

var client = &fasthttp.Client{}

func get(url string) ([]byte, error) {
	req := fasthttp.AcquireRequest() // want `resourceclose: req \(fasthttp.Request from fasthttp.AcquireRequest\) is not released with fasthttp.ReleaseRequest when the function returns early`
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(url)
	if err := client.Do(req, resp); err != nil {
		return nil, err
	}
	fasthttp.ReleaseRequest(req)
	if resp.StatusCode() != fasthttp.StatusOK {
		return nil, errors.New("status")
	}
	return append([]byte(nil), resp.Body()...), nil
}

func getOK(url string) (int, error) {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(url)
	err := client.Do(req, resp)
	return resp.StatusCode(), err
}

func args() string {
	a := fasthttp.AcquireArgs() // want `resourceclose: a \(fasthttp.Args from fasthttp.AcquireArgs\) is never released with fasthttp.ReleaseArgs`
	a.Set("x", "1")
	return a.String()
}

func uri() {
	u := fasthttp.AcquireURI()
	defer fasthttp.ReleaseURI(u)
	_ = u.Parse(nil, []byte("http://x/"))
}

func perCall(url string) error {
	c := &fasthttp.Client{MaxConnsPerHost: 4} // want `poolpercall: fasthttp.Client is built per call in perCall`
	_, _, err := c.Get(nil, url)
	return err
}

func hostClient(addr string) error {
	hc := &fasthttp.HostClient{Addr: addr} // want `poolpercall: fasthttp.Client is built per call in hostClient`
	_, _, err := hc.Get(nil, "http://"+addr+"/")
	return err
}

type api struct{ c *fasthttp.Client }

func newAPI() *api { return &api{c: &fasthttp.Client{}} }
