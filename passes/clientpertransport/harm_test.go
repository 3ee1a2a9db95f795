package clientpertransport_test

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// connCounter counts the connections a test server accepts and closes.
type connCounter struct {
	mu           sync.Mutex
	opened, shut int
}

func (c *connCounter) state(_ net.Conn, s http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch s {
	case http.StateNew:
		c.opened++
	case http.StateClosed, http.StateHijacked:
		c.shut++
	}
}

func (c *connCounter) open() (opened, open int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.opened, c.opened - c.shut
}

func newServer(t *testing.T) (*httptest.Server, *connCounter) {
	cc := new(connCounter)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	srv.Config.ConnState = cc.state
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, cc
}

func get(t *testing.T, c *http.Client, url string) {
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// settle waits until the server's count of open connections stops moving.
func settle(cc *connCounter) (opened, open int) {
	opened, open = cc.open()
	for i := 0; i < 20; i++ {
		time.Sleep(10 * time.Millisecond)
		o2, n2 := cc.open()
		if o2 == opened && n2 == open {
			return
		}
		opened, open = o2, n2
	}
	return
}

// TestHarm shows what the analyzer reports: N calls to a function that
// builds its own Transport leave N connections open on the server (each in
// a pool nobody will use again); a shared Transport leaves one.
func TestHarm(t *testing.T) {
	const n = 8
	t.Run("per-call transport", func(t *testing.T) {
		srv, cc := newServer(t)
		var pools []*http.Transport // kept only to clean up after the count
		for i := 0; i < n; i++ {
			tr := &http.Transport{} // what clientpertransport reports
			pools = append(pools, tr)
			get(t, &http.Client{Transport: tr}, srv.URL)
		}
		opened, open := settle(cc)
		if opened != n || open != n {
			t.Errorf("per-call transports: %d connections opened, %d still open; want %d and %d", opened, open, n, n)
		}
		for _, tr := range pools {
			tr.CloseIdleConnections()
		}
	})
	t.Run("shared transport", func(t *testing.T) {
		srv, cc := newServer(t)
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		c := &http.Client{Transport: tr}
		for i := 0; i < n; i++ {
			get(t, c, srv.URL)
		}
		opened, open := settle(cc)
		if opened != 1 || open != 1 {
			t.Errorf("shared transport: %d connections opened, %d still open; want 1 and 1", opened, open)
		}
	})
}
