package drainbody_test

import (
	"go/version"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// connCounter counts the connections a test server accepts.
type connCounter struct {
	mu     sync.Mutex
	opened int
}

func (c *connCounter) state(_ net.Conn, s http.ConnState) {
	if s == http.StateNew {
		c.mu.Lock()
		c.opened++
		c.mu.Unlock()
	}
}

func (c *connCounter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.opened
}

// requests makes n sequential requests to a server whose body has size
// bytes, finishing each as finish does, and returns how many connections
// the server saw.
func requests(t *testing.T, n, size int, finish func(*http.Response)) int {
	t.Helper()
	cc := new(connCounter)
	body := strings.Repeat("x", size)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, body)
	}))
	srv.Config.ConnState = cc.state
	srv.Start()
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	for i := 0; i < n; i++ {
		resp, err := c.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		finish(resp)
		// Go 1.27 drains an early-closed body in the background for up
		// to 50 ms before it returns the connection to the pool.
		time.Sleep(60 * time.Millisecond)
	}
	return cc.count()
}

func closeOnly(resp *http.Response) { resp.Body.Close() }

func drainClose(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// TestHarm shows what drainbody reports, on the toolchain running it.
// Closing an unread body makes the transport drop the connection: N
// requests open N connections. Draining first keeps one. Go 1.27 drains
// small bodies (up to 256 KiB) itself, which is why the check is quiet at
// go1.27 by default; bodies larger than that still lose their connection.
func TestHarm(t *testing.T) {
	const n = 5
	const small, large = 4 << 10, 1 << 20
	go127 := version.Compare(runtime.Version(), "go1.27") >= 0

	if got := requests(t, n, small, drainClose); got != 1 {
		t.Errorf("drained small bodies: %d connections, want 1", got)
	}
	wantSmall := n
	if go127 {
		wantSmall = 1
	}
	if got := requests(t, n, small, closeOnly); got != wantSmall {
		t.Errorf("%s, undrained %d-byte bodies: %d connections, want %d", runtime.Version(), small, got, wantSmall)
	}
	if got := requests(t, n, large, closeOnly); got != n {
		t.Errorf("%s, undrained %d-byte bodies: %d connections, want %d", runtime.Version(), large, got, n)
	}
	if got := requests(t, n, large, drainClose); got != 1 {
		t.Errorf("drained large bodies: %d connections, want 1", got)
	}
	t.Logf("%s: undrained small bodies cost %d connections for %d requests", runtime.Version(), wantSmall, n)
}
