// Package gateway calls downstream services over fasthttp and gRPC.
package gateway

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/valyala/fasthttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health/grpc_health_v1"
)

var httpc = &fasthttp.Client{ReadTimeout: 5 * time.Second, MaxConnsPerHost: 64}

type Price struct{ Amount int64 }

func FetchPrice(sku string) (*Price, error) { // res:ok
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer func() {
		fasthttp.ReleaseRequest(req)
		fasthttp.ReleaseResponse(resp)
	}()
	req.SetRequestURI("http://prices/" + sku)
	if err := httpc.DoTimeout(req, resp, time.Second); err != nil {
		return nil, err
	}
	var p Price
	return &p, json.Unmarshal(resp.Body(), &p)
}

func FetchStock(sku string) (int, error) { // res:leak
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	resp := fasthttp.AcquireResponse()
	req.SetRequestURI("http://stock/" + sku)
	if err := httpc.Do(req, resp); err != nil {
		return 0, err
	}
	if resp.StatusCode() != fasthttp.StatusOK {
		return 0, fmt.Errorf("stock: status %d", resp.StatusCode())
	}
	var n int
	err := json.Unmarshal(resp.Body(), &n)
	fasthttp.ReleaseResponse(resp)
	return n, err
}

func Notify(url string, body []byte) error { // res:leak
	req := fasthttp.AcquireRequest()
	req.SetRequestURI(url)
	req.Header.SetMethod(fasthttp.MethodPost)
	req.SetBody(body)
	return httpc.Do(req, nil)
}

func Query(args map[string]string) string { // res:ok
	a := fasthttp.AcquireArgs()
	defer fasthttp.ReleaseArgs(a)
	for k, v := range args {
		a.Set(k, v)
	}
	return a.String()
}

func Probe(addr string) error { // percall:leak
	c := &fasthttp.HostClient{Addr: addr, MaxConns: 1}
	code, _, err := c.Get(nil, "http://"+addr+"/healthz")
	if err != nil {
		return err
	}
	if code != fasthttp.StatusOK {
		return fmt.Errorf("probe %s: %d", addr, code)
	}
	return nil
}

type Upstreams struct {
	mu      sync.Mutex
	clients map[string]*fasthttp.HostClient
}

func (u *Upstreams) client(addr string) *fasthttp.HostClient { // percall:ok
	u.mu.Lock()
	defer u.mu.Unlock()
	if c, ok := u.clients[addr]; ok {
		return c
	}
	c := &fasthttp.HostClient{Addr: addr}
	u.clients[addr] = c
	return c
}

func Health(ctx context.Context, target string) error { // percall:leak
	cc, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer cc.Close()
	_, err = grpc_health_v1.NewHealthClient(cc).Check(ctx, &grpc_health_v1.HealthCheckRequest{})
	return err
}

func HealthNoClose(ctx context.Context, target string) error { // res:leak
	cc, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	_, err = grpc_health_v1.NewHealthClient(cc).Check(ctx, &grpc_health_v1.HealthCheckRequest{})
	return err
}

type Backend struct {
	cc     *grpc.ClientConn
	health grpc_health_v1.HealthClient
}

func Dial(target string) (*Backend, error) { // percall:ok
	cc, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	return &Backend{cc: cc, health: grpc_health_v1.NewHealthClient(cc)}, nil
}

func (b *Backend) Close() error { return b.cc.Close() }

func HealthHandler(target string) http.HandlerFunc { // percall:leak
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := Dial(target)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer b.Close()
		if _, err := b.health.Check(r.Context(), &grpc_health_v1.HealthCheckRequest{}); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}
}

var (
	backendOnce sync.Once
	backend     *Backend
	backendErr  error
)

func shared(target string) (*Backend, error) { // percall:ok
	backendOnce.Do(func() { backend, backendErr = Dial(target) })
	return backend, backendErr
}
