package clients

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"sync"
	"testing"
)

// -- ownership handed on: none of these leak --

type Result struct {
	URL  string
	Resp *http.Response
	Err  error
}

func FanOut(ctx context.Context, urls []string) <-chan Result { // corpus:ok
	out := make(chan Result, len(urls))
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			if err != nil {
				out <- Result{URL: u, Err: err}
				return
			}
			resp, err := http.DefaultClient.Do(req)
			out <- Result{URL: u, Resp: resp, Err: err}
		}(u)
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

func SendResp(u string, ch chan<- *http.Response) error { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	ch <- resp
	return nil
}

func Process(u string, done func()) { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return
	}
	go func() {
		defer done()
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
	}()
}

func ProcessLeak(u string) { // corpus:leak
	resp, err := http.Get(u)
	if err != nil {
		return
	}
	go func() {
		io.Copy(io.Discard, resp.Body)
	}()
}

type Conn struct {
	mu   sync.Mutex
	last *http.Response
}

func (c *Conn) Refresh(u string) error { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	c.mu.Lock()
	if c.last != nil {
		c.last.Body.Close()
	}
	c.last = resp
	c.mu.Unlock()
	return nil
}

func (c *Conn) Close() error { // corpus:ok
	if c.last != nil {
		return c.last.Body.Close()
	}
	return nil
}

type bodyReader struct {
	io.ReadCloser
	n int
}

func Wrapped(u string) (io.ReadCloser, error) { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return &bodyReader{ReadCloser: resp.Body}, nil
}

func BodyOnly(u string) (io.ReadCloser, error) { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, io.ErrUnexpectedEOF
	}
	return resp.Body, nil
}

func MethodValueDefer(u string) ([]byte, error) { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	closeBody := resp.Body.Close
	defer closeBody()
	return io.ReadAll(resp.Body)
}

func DeferArgClosure(u string) ([]byte, error) { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer func(body io.ReadCloser) {
		if err := body.Close(); err != nil {
			log.Println(err)
		}
	}(resp.Body)
	return io.ReadAll(resp.Body)
}

func CloserVariable(u string) error { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	var c io.Closer = resp.Body
	defer c.Close()
	return nil
}

func closeQuiet(c io.Closer) {
	if c != nil {
		_ = c.Close()
	}
}

func LocalHelper(u string) ([]byte, error) { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer closeQuiet(resp.Body)
	return io.ReadAll(resp.Body)
}

func logStatus(resp *http.Response) {
	log.Printf("%s -> %d", resp.Request.URL, resp.StatusCode)
}

func LocalBorrowOnly(u string) error { // corpus:leak
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	logStatus(resp)
	return nil
}

func Dump(u string) ([]byte, error) { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return httputil.DumpResponse(resp, true)
}

func DumpHeadersOnly(u string) ([]byte, error) { // corpus:leak
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return httputil.DumpResponse(resp, false)
}

func Recorder(h http.Handler) int { // corpus:ok
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	res := rec.Result()
	return res.StatusCode
}

func Controller(w http.ResponseWriter) error { // corpus:ok
	rc := http.NewResponseController(w)
	return rc.Flush()
}

func Modify(p *httputil.ReverseProxy) { // corpus:ok
	p.ModifyResponse = func(r *http.Response) error {
		r.Header.Del("Server")
		return nil
	}
}

func Statuses(rs []*http.Response) int { // corpus:ok
	n := 0
	for _, r := range rs {
		if r.StatusCode == 200 {
			n++
		}
	}
	return n
}

func CleanupInTest(t *testing.T, srv *httptest.Server) *http.Response { // corpus:ok
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestHelperLeak(tb testing.TB, srv *httptest.Server) int { // corpus:leak
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		tb.Fatalf("get: %v", err)
	}
	return resp.StatusCode
}

func TestHelperOK(tb testing.TB, srv *httptest.Server) int { // corpus:ok
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		tb.Fatalf("get: %v", err)
	}
	defer resp.Body.Close()
	return resp.StatusCode
}

type RT struct{ next http.RoundTripper }

func (t RT) RoundTrip(req *http.Request) (*http.Response, error) { // corpus:ok
	req.Header.Set("X-Trace", "1")
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Header.Set("X-Seen", "1")
	return resp, nil
}

type AuthRT struct{ next http.RoundTripper }

func (t AuthRT) RoundTrip(req *http.Request) (*http.Response, error) { // corpus:leak
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusUnauthorized {
		return t.next.RoundTrip(req)
	}
	return resp, nil
}

type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

func Ping(d Doer, req *http.Request) error { // corpus:leak
	resp, err := d.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return io.ErrUnexpectedEOF
	}
	return resp.Body.Close()
}

func PingOK(d Doer, req *http.Request) error { // corpus:ok
	resp, err := d.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return io.ErrUnexpectedEOF
	}
	return nil
}

func CapturedDeferBefore(u string) (err error) { // corpus:ok
	var resp *http.Response
	defer func() {
		if resp != nil {
			resp.Body.Close()
		}
	}()
	resp, err = http.Get(u)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func MaxBytes(w http.ResponseWriter, u string) error { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	resp.Body = http.MaxBytesReader(w, resp.Body, 1<<20)
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}

func WriteThrough(w io.Writer, u string) error { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	return resp.Write(w)
}
