package issue8

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// -- issue 8, item 14: stub RoundTrippers reached through a wrapper or a global --

type stubRT struct{ body string }

func (s stubRT) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(s.body))}, nil
}

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func get(c *http.Client, url string) (*http.Response, error) { return c.Get(url) }

func TestStubThroughWrapper(t *testing.T) {
	resp, err := get(&http.Client{Transport: stubRT{"x"}}, "http://x")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.StatusCode
}

var stubClient = &http.Client{Transport: stubRT{"y"}}

func TestStubGlobalClient(t *testing.T) {
	resp, err := stubClient.Get("http://x")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.StatusCode
}

var stubTransport http.RoundTripper = &stubRT{"z"}

func TestStubGlobalTransport(t *testing.T) {
	c := &http.Client{Transport: stubTransport}
	resp, err := c.Get("http://x")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.StatusCode
	resp, err = stubTransport.RoundTrip(nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.StatusCode
}

func TestStubFuncThroughWrapper(t *testing.T) {
	c := &http.Client{Transport: rtFunc(func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
	})}
	resp, err := get(c, "http://x")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.StatusCode
}

func newStubClient() *http.Client { return &http.Client{Transport: stubRT{}} }

func TestStubFactory(t *testing.T) {
	resp, err := newStubClient().Get("http://x")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.StatusCode
}

// A real client through the same wrapper still leaks.
func TestRealThroughWrapper(t *testing.T) {
	resp, err := get(http.DefaultClient, "http://x") // want `response body of resp is never closed`
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.StatusCode
}

var realClient = &http.Client{}

func TestRealGlobalClient(t *testing.T) {
	resp, err := realClient.Get("http://x") // want `response body of resp is never closed`
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.StatusCode
}

// A stub that forwards to a real transport hands out live responses.
type forward struct{ next http.RoundTripper }

func (f forward) RoundTrip(r *http.Request) (*http.Response, error) { return f.next.RoundTrip(r) }

func TestForwardingStub(t *testing.T) {
	c := &http.Client{Transport: forward{http.DefaultTransport}}
	resp, err := get(c, "http://x") // want `response body of resp is never closed`
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.StatusCode
}
