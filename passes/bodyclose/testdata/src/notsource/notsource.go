package notsource

import (
	"bufio"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
)

// Recorder results hold no connection.
func recorder(h http.Handler, r *http.Request) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	resp := rec.Result()
	return resp.StatusCode
}

// A response controller is not a response.
func controller(w http.ResponseWriter) error {
	rc := http.NewResponseController(w)
	return rc.Flush()
}

// Hooks receive a response owned by the proxy.
func proxy(target *url.URL) *httputil.ReverseProxy {
	p := httputil.NewSingleHostReverseProxy(target)
	p.ModifyResponse = func(resp *http.Response) error {
		resp.Header.Set("X-Proxy", "1")
		return nil
	}
	return p
}

// A slice of responses handed in is the caller's.
func statuses(rs []*http.Response) []int {
	var out []int
	for _, r := range rs {
		out = append(out, r.StatusCode)
	}
	return out
}

// A type with a Do method that is not an interface and has no summary
// saying it returns a live response: not a source.
type fake struct{}

func (fake) Do(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200}, nil
}

func useFake(req *http.Request) int {
	resp, _ := fake{}.Do(req)
	return resp.StatusCode
}

// -- test fakes (found in net/http's own tests) --

// recordingTransport never hands out a response.
type recordingTransport struct{ req *http.Request }

func (t *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.req = req
	return nil, errors.New("dummy impl")
}

func requestFormat() string {
	tr := &recordingTransport{}
	client := &http.Client{Transport: tr}
	client.Get("http://dummy.tld/") // the fake never returns a response
	return tr.req.Method
}

func viaFakeRoundTrip(req *http.Request) error {
	_, err := (&recordingTransport{}).RoundTrip(req)
	return err
}

// A response parsed from memory holds no connection.
func parse(raw string) (int, error) {
	resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(raw)), nil)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// authTransport wraps a real transport: its RoundTrip hands out live
// responses, so a direct call to it is a source.
type authTransport struct{ base http.RoundTripper }

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req.Header.Set("Authorization", "Bearer x")
	return t.base.RoundTrip(req)
}

func viaRealRoundTrip(t *authTransport, req *http.Request) (int, error) {
	resp, err := t.RoundTrip(req) // want `response body of resp is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// A func-typed fake transport (net/http's client_test.go testRoundTripper).
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

func timeoutPropagates() {
	c := &http.Client{
		Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
			return nil, errors.New("not actually making a request")
		}),
	}
	c.Get("https://example.tld/")
}

func realFuncTransport(base http.RoundTripper) error {
	c := &http.Client{
		Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
			return base.RoundTrip(req)
		}),
	}
	resp, err := c.Get("https://example.tld/") // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	_ = resp.StatusCode
	return nil
}
