package a

import (
	"crypto/tls"
	"io"
	"net/http"
	"sync"
	"time"
)

func perCall(url string) error {
	tr := &http.Transport{MaxIdleConns: 10} // want `http.Client built around a new http.Transport in perCall is dropped when perCall returns: its connection pool dies with the call`
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func inlineClient(url string) error {
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{}}} // want `http.Client built around a new http.Transport in inlineClient is dropped when inlineClient returns`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func withNew(url string) (int, error) {
	tr := new(http.Transport) // want `new http.Transport created in withNew is dropped when withNew returns`
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func cloned(url string) error {
	tr := http.DefaultTransport.(*http.Transport).Clone() // want `http.Client built around a cloned http.Transport in cloned is dropped`
	tr.ResponseHeaderTimeout = time.Second
	resp, err := (&http.Client{Transport: tr}).Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// -- quiet --

var shared = &http.Client{Transport: &http.Transport{MaxIdleConns: 100}}

func useShared(url string) error {
	resp, err := shared.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func init() {
	http.DefaultClient = &http.Client{Transport: &http.Transport{}}
}

func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}, Timeout: 10 * time.Second}
}

func NewTransport(insecure bool) *http.Transport {
	tr := &http.Transport{}
	if insecure {
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	}
	return tr
}

type API struct {
	client *http.Client
}

func (a *API) setup() {
	a.client = &http.Client{Transport: &http.Transport{}}
}

var (
	once     sync.Once
	onceConn *http.Client
)

func lazy() *http.Client {
	once.Do(func() {
		onceConn = &http.Client{Transport: &http.Transport{}}
	})
	return onceConn
}

func noKeepAlive(url string) error {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func closedIdle(url string) error {
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func closedIdleViaClient(url string) error {
	c := &http.Client{Transport: &http.Transport{}}
	defer c.CloseIdleConnections()
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func closedIdleSometimes(url string, done bool) error {
	tr := &http.Transport{} // want `http.Client built around a new http.Transport in closedIdleSometimes is dropped`
	if done {
		tr.CloseIdleConnections()
	}
	resp, err := (&http.Client{Transport: tr}).Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func timeoutOnly(url string) error {
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func handler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := &http.Client{Transport: &http.Transport{}} // want `http.Client built around a new http.Transport in a function literal in handler is dropped`
		resp, err := c.Get("http://backend")
		if err != nil {
			return
		}
		resp.Body.Close()
	}
}

// -- factories in the same package --

func newPool() *http.Transport { return &http.Transport{MaxIdleConns: 1} }

func viaFactory(url string) error {
	c := &http.Client{Transport: newPool()} // want `http.Client built around a transport from newPool in viaFactory is dropped`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// -- holders --

type loggingRT struct{ next http.RoundTripper }

func (l *loggingRT) RoundTrip(r *http.Request) (*http.Response, error) { return l.next.RoundTrip(r) }

func wrapped(url string) error {
	c := &http.Client{Transport: &loggingRT{next: &http.Transport{}}} // want `new http.Transport created in wrapped is dropped when wrapped returns`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func wrappedKept() http.RoundTripper {
	return &loggingRT{next: &http.Transport{}}
}

// configure sets the caller's client: the caller owns the pool.
func configure(c *http.Client) {
	c.Transport = &http.Transport{MaxIdleConns: 4}
}

// The suite's one suppression directive works for clientpertransport too.
func ignoredPool(url string) error {
	//bodyclose:ignore clientpertransport called once at startup
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var byHost = map[string]*http.Transport{}

func perHost(host string) *http.Client {
	tr, ok := byHost[host]
	if !ok {
		tr = &http.Transport{}
		byHost[host] = tr
	}
	return &http.Client{Transport: tr}
}
