package harm

import (
	"context"
	"errors"
	"net"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	"google.golang.org/grpc/health/grpc_health_v1"
)

// TestLeakedRowsExhaustThePool: with SetMaxOpenConns(1), rows left open
// on an early return keep the only connection, and the next query waits
// until its deadline.
func TestLeakedRowsExhaustThePool(t *testing.T) {
	for _, leak := range []bool{false, true} {
		db, _ := OpenFake(1)
		ctx := context.Background()
		rows, err := db.QueryContext(ctx, "SELECT n")
		if err != nil {
			t.Fatal(err)
		}
		rows.Next() // read the first row, then "return early"
		if !leak {
			rows.Close()
		}
		ctx2, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		var n int
		err = db.QueryRowContext(ctx2, "SELECT n").Scan(&n)
		cancel()
		if leak && !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("leaked rows: the next query returned %v, want a deadline: the pool should be dry", err)
		}
		if !leak && err != nil {
			t.Errorf("closed rows: the next query failed: %v", err)
		}
		db.Close()
	}
}

// TestRowsLoopToEndReleases: a `for rows.Next()` loop run to the end gives
// the connection back without Close (resourceclose's IterEnd rule).
func TestRowsLoopToEndReleases(t *testing.T) {
	db, _ := OpenFake(1)
	defer db.Close()
	rows, err := db.Query("SELECT n")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT n").Scan(&n); err != nil {
		t.Errorf("after a loop run to its end, the next query failed: %v", err)
	}
}

// TestLeakedTxExhaustsThePool: a transaction neither committed nor rolled
// back on an error path holds its connection.
func TestLeakedTxExhaustsThePool(t *testing.T) {
	db, _ := OpenFake(1)
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	_ = tx // the error path returns here without Rollback
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := db.ExecContext(ctx, "UPDATE t"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("leaked tx: the next statement returned %v, want a deadline", err)
	}
	tx.Rollback()
}

// TestSQLOpenPerCall: sql.Open per request opens a connection per request;
// one shared *sql.DB reuses one.
func TestSQLOpenPerCall(t *testing.T) {
	const calls = 20
	var perCall atomic.Int64
	for range calls {
		db, d := OpenFake(10)
		if err := db.Ping(); err != nil {
			t.Fatal(err)
		}
		db.Close() // closed, and still a connection per call
		perCall.Add(d.Opened.Load())
	}
	shared, d := OpenFake(10)
	defer shared.Close()
	for range calls {
		if err := shared.Ping(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("connections opened for %d calls: per call %d, shared %d", calls, perCall.Load(), d.Opened.Load())
	if perCall.Load() != calls || d.Opened.Load() != 1 {
		t.Errorf("per call %d (want %d), shared %d (want 1)", perCall.Load(), calls, d.Opened.Load())
	}
}

// countingListener counts the connections accepted.
type countingListener struct {
	net.Listener
	n atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}

func listen(t *testing.T) *countingListener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no loopback: %v", err)
	}
	return &countingListener{Listener: ln}
}

// TestFasthttpClientPerCall: a fasthttp.Client built per call dials a new
// connection per call; a shared one keeps one alive.
func TestFasthttpClientPerCall(t *testing.T) {
	ln := listen(t)
	srv := &fasthttp.Server{Handler: func(ctx *fasthttp.RequestCtx) { ctx.WriteString("ok") }}
	go srv.Serve(ln)
	defer srv.Shutdown()
	url := "http://" + ln.Addr().String() + "/"
	const calls = 20
	for range calls {
		c := &fasthttp.Client{}
		if _, _, err := c.Get(nil, url); err != nil {
			t.Fatal(err)
		}
	}
	perCall := ln.n.Load()
	shared := &fasthttp.Client{}
	for range calls {
		if _, _, err := shared.Get(nil, url); err != nil {
			t.Fatal(err)
		}
	}
	sharedConns := ln.n.Load() - perCall
	t.Logf("connections for %d calls: per call %d, shared %d", calls, perCall, sharedConns)
	if perCall != calls || sharedConns != 1 {
		t.Errorf("per call %d (want %d), shared %d (want 1)", perCall, calls, sharedConns)
	}
}

// TestFasthttpUnreleasedRequestAllocates: a Request acquired and never
// released is never recycled: every call allocates a new one.
func TestFasthttpUnreleasedRequestAllocates(t *testing.T) {
	leak := testing.AllocsPerRun(200, func() {
		req := fasthttp.AcquireRequest()
		req.SetRequestURI("http://example.com/")
	})
	released := testing.AllocsPerRun(200, func() {
		req := fasthttp.AcquireRequest()
		req.SetRequestURI("http://example.com/")
		fasthttp.ReleaseRequest(req)
	})
	t.Logf("allocations per call: never released %.1f, released %.1f", leak, released)
	if leak <= released {
		t.Errorf("never released %.1f allocs/call, released %.1f: want more without the release", leak, released)
	}
}

// TestGRPCClientPerCall: a ClientConn built per call, closed or not, costs
// a connection per call; one shared costs one. Unclosed, it also leaves
// its goroutines behind.
func TestGRPCClientPerCall(t *testing.T) {
	ln := listen(t)
	srv := grpc.NewServer()
	grpc_health_v1.RegisterHealthServer(srv, health.NewServer())
	go srv.Serve(ln)
	defer srv.Stop()
	target := ln.Addr().String()
	ctx := context.Background()
	check := func(cc *grpc.ClientConn) {
		if _, err := grpc_health_v1.NewHealthClient(cc).Check(ctx, &grpc_health_v1.HealthCheckRequest{}); err != nil {
			t.Fatal(err)
		}
	}
	dial := func() *grpc.ClientConn {
		cc, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			t.Fatal(err)
		}
		return cc
	}
	const calls = 10
	for range calls {
		cc := dial()
		check(cc)
		cc.Close()
	}
	perCall := ln.n.Load()
	shared := dial()
	for range calls {
		check(shared)
	}
	sharedConns := ln.n.Load() - perCall
	shared.Close()

	before := runtime.NumGoroutine()
	var leaked []*grpc.ClientConn
	for range calls {
		cc := dial()
		check(cc)
		leaked = append(leaked, cc) // never closed
	}
	time.Sleep(100 * time.Millisecond)
	grown := runtime.NumGoroutine() - before
	for _, cc := range leaked {
		cc.Close()
	}
	t.Logf("connections for %d calls: per call %d, shared %d; goroutines left by %d unclosed conns: %d", calls, perCall, sharedConns, calls, grown)
	if perCall != calls || sharedConns != 1 {
		t.Errorf("per call %d (want %d), shared %d (want 1)", perCall, calls, sharedConns)
	}
	if grown < calls {
		t.Errorf("unclosed ClientConns left %d goroutines, want at least %d", grown, calls)
	}
}
