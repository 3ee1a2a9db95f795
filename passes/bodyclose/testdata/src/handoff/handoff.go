package handoff

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"
	"sync"
	"testing"
)

// -- released through the body's aliases --

func methodValue(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	closeFn := resp.Body.Close
	defer closeFn()
	return nil
}

func closerVar(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	var c io.Closer = resp.Body
	defer c.Close()
	return nil
}

func bodyVar(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	body := resp.Body
	defer body.Close()
	return nil
}

func swapped(w http.ResponseWriter, url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	resp.Body = http.MaxBytesReader(w, resp.Body, 1<<20)
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	return err
}

func deferredClosureArg(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer func(b io.ReadCloser) { _ = b.Close() }(resp.Body)
	return nil
}

func calledClosure(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	cleanup := func() { resp.Body.Close() }
	cleanup()
	return nil
}

func storedClosureNeverCalled(url string) error {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	cleanup := func() { resp.Body.Close() }
	_ = cleanup
	return nil
}

func closeHelperCloser(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer closeQuietly(resp.Body)
	return nil
}

func closeQuietly(c io.Closer) {
	if c == nil {
		return
	}
	if err := c.Close(); err != nil {
		log.Printf("close: %v", err)
	}
}

func helperClosesSometimes(r *http.Response, verbose bool) {
	if verbose {
		r.Body.Close()
	}
}

func partialHelper(url string) error {
	// The helper closes on some paths: it takes part of the ownership, so
	// we stay silent rather than guess.
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	helperClosesSometimes(resp, true)
	return nil
}

func borrowHelper(r *http.Response) int { return r.StatusCode }

func borrowOnly(url string) error {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	_ = borrowHelper(resp)
	return nil
}

func decodeOnly(url string, v any) error {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func copyOnly(url string) error {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	_, err = io.Copy(os.Stdout, resp.Body)
	return err
}

func logged(url string) error {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	log.Printf("got %v %d", resp, resp.StatusCode)
	return nil
}

func writeCloses(url string, buf *bytes.Buffer) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Write(buf) // Response.Write closes the body
}

// -- handed on --

func returned(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

func returnedBody(url string) (io.ReadCloser, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

type holder struct {
	resp *http.Response
}

func (h *holder) Close() error { return h.resp.Body.Close() }

func storedInStruct(url string) (*holder, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return &holder{resp: resp}, nil
}

func (h *holder) fetch(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	h.resp = resp
	return nil
}

var last *http.Response

func global(url string) {
	resp, err := http.Get(url)
	if err == nil {
		last = resp
	}
}

func sent(url string, ch chan<- *http.Response) {
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	ch <- resp
}

func inMap(urls []string) map[string]*http.Response {
	m := map[string]*http.Response{}
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		m[u] = resp
	}
	return m
}

func inSlice(urls []string) []*http.Response {
	var out []*http.Response
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		out = append(out, resp)
	}
	return out
}

func goroutineCloses(url string, wg *sync.WaitGroup) {
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
	}()
}

func goroutineReadsOnly(url string) {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return
	}
	go func() {
		_, _ = io.Copy(os.Stdout, resp.Body)
	}()
}

func cleanup(t *testing.T, url string) {
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
}

func fatalTB(tb testing.TB, url string) {
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatalf("get: %v", err)
	}
	defer resp.Body.Close()
}

func logFatal(url string) {
	resp, err := http.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
}

func panics(url string) {
	resp, err := http.Get(url)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
}

// -- checks and shapes --

func nilCheckedClose(url string) {
	resp, err := http.Get(url)
	if resp != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return
	}
}

func errEqNil(url string) {
	if resp, err := http.Get(url); err == nil {
		resp.Body.Close()
	}
}

func namedResultErr(url string) (n int, err error) {
	defer func() {
		if err != nil {
			log.Print(err)
		}
	}()
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func namedResultLaterErr(url string, v any) (err error) {
	defer func() {
		if err != nil {
			log.Print(err)
		}
	}()
	resp, err := http.Get(url) // want `response body of resp is not closed when the function returns early`
	if err != nil {
		return err
	}
	err = json.NewDecoder(resp.Body).Decode(v)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func deferBeforeAcquire(url string) error {
	var resp *http.Response
	defer func() {
		if resp != nil {
			resp.Body.Close()
		}
	}()
	var err error
	resp, err = http.Get(url)
	return err
}

func retryReassign(c *http.Client, req *http.Request) error {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		resp, err = c.Do(req)
		if err == nil && resp.StatusCode < 500 {
			break
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func retryReassignLeak(c *http.Client, req *http.Request) error {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		resp, err = c.Do(req) // want `response body of resp is not closed before the next loop iteration replaces it`
		if err == nil && resp.StatusCode < 500 {
			break
		}
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func headStillCloses(url string) (int64, error) {
	resp, err := http.Head(url) // want `response body of resp is never closed`
	if err != nil {
		return 0, err
	}
	return resp.ContentLength, nil
}

func readResponse(r *http.Request, br interface{ Read([]byte) (int, error) }) {
	_ = r
}

func roundTrip(rt http.RoundTripper, req *http.Request) (int, error) {
	resp, err := rt.RoundTrip(req) // want `response body of resp is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

type doer interface {
	Do(*http.Request) (*http.Response, error)
}

func viaInterface(d doer, req *http.Request) error {
	resp, err := d.Do(req) // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	_ = resp.Header.Get("X")
	return nil
}

func viaInterfaceOK(d doer, req *http.Request) error {
	resp, err := d.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

// The response and its error assigned to fields of a local struct: the
// error check on the field still guards the response.
func localStruct(c *http.Client, url string) error {
	var st struct {
		resp *http.Response
		err  error
	}
	st.resp, st.err = c.Get(url)
	if st.err != nil {
		return st.err
	}
	defer st.resp.Body.Close()
	return nil
}

func localStructLeak(c *http.Client, url string) (int, error) {
	var st struct {
		resp *http.Response
		err  error
	}
	st.resp, st.err = c.Get(url) // want `response body of st.resp is never closed`
	if st.err != nil {
		return 0, st.err
	}
	return st.resp.StatusCode, nil
}
