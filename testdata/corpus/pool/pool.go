// Package pool: functions labelled for clientpertransport ("// pool:leak"
// when a connection pool is built per call and dropped).
package pool

import (
	"crypto/tls"
	"net"
	"net/http"
	"sync"
	"time"
)

func Fetch(u string) (*http.Response, error) { // pool:leak
	c := &http.Client{
		Transport: &http.Transport{
			MaxIdleConns:    10,
			IdleConnTimeout: 30 * time.Second,
		},
	}
	return c.Get(u)
}

func Insecure(u string) (*http.Response, error) { // pool:leak
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	return client.Get(u)
}

func Cloned(u string) (*http.Response, error) { // pool:leak
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxConnsPerHost = 2
	return (&http.Client{Transport: tr}).Get(u)
}

func NewDialer(u string) (*http.Response, error) { // pool:leak
	tr := new(http.Transport)
	tr.DialContext = (&net.Dialer{Timeout: time.Second}).DialContext
	c := http.Client{Transport: tr}
	return c.Get(u)
}

func NoKeepAlive(u string) (*http.Response, error) { // pool:ok
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	return c.Get(u)
}

func ClosedAfter(u string) error { // pool:ok
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func TimeoutOnly(u string) (*http.Response, error) { // pool:ok
	c := &http.Client{Timeout: 3 * time.Second}
	return c.Get(u)
}

func NewClient(timeout time.Duration) *http.Client { // pool:ok
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}, Timeout: timeout}
}

func newTransport() *http.Transport { // pool:ok
	return &http.Transport{MaxIdleConns: 100}
}

func ViaFactory(u string) (*http.Response, error) { // pool:leak
	c := &http.Client{Transport: newTransport()}
	return c.Get(u)
}

func ViaClientFactory(u string) (*http.Response, error) { // pool:leak
	return NewClient(time.Second).Get(u)
}

type Service struct {
	client *http.Client
	mu     sync.Mutex
}

func (s *Service) Init() { // pool:ok
	s.client = &http.Client{Transport: &http.Transport{}}
}

func (s *Service) Lazy() *http.Client { // pool:ok
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.client == nil {
		s.client = &http.Client{Transport: &http.Transport{}}
	}
	return s.client
}

var (
	sharedOnce sync.Once
	shared     *http.Client
)

func Shared() *http.Client { // pool:ok
	sharedOnce.Do(func() {
		shared = &http.Client{Transport: &http.Transport{}}
	})
	return shared
}

func Handler() http.Handler { // pool:leak
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &http.Client{Transport: &http.Transport{}}
		resp, err := c.Get("http://upstream/" + r.URL.Path)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
	})
}

func HandlerShared() http.Handler { // pool:ok
	c := &http.Client{Transport: &http.Transport{}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp, err := c.Get("http://upstream/" + r.URL.Path)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
	})
}

func PerHost(hosts []string) map[string]*http.Client { // pool:ok
	m := map[string]*http.Client{}
	for _, h := range hosts {
		m[h] = &http.Client{Transport: &http.Transport{}}
	}
	return m
}

func Sweep(hosts []string) int { // pool:leak
	ok := 0
	for _, h := range hosts {
		c := &http.Client{Transport: &http.Transport{}}
		resp, err := c.Get("https://" + h)
		if err != nil {
			continue
		}
		resp.Body.Close()
		ok++
	}
	return ok
}

func RoundTripOnce(req *http.Request) (*http.Response, error) { // pool:leak
	return (&http.Transport{}).RoundTrip(req)
}

type wrapper struct{ rt http.RoundTripper }

func (w wrapper) RoundTrip(r *http.Request) (*http.Response, error) { return w.rt.RoundTrip(r) }

func Wrapped() http.RoundTripper { // pool:ok
	return wrapper{rt: &http.Transport{}}
}
