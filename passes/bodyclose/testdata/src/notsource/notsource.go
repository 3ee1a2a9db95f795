package notsource

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
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
