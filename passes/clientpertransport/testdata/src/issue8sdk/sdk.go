// Package issue8sdk is a third-party SDK for clientpertransport's issue 8
// cases: its constructors build transports, and it takes clients in
// options and settings structs.
package issue8sdk

import (
	"errors"
	"net/http"
	"time"
)

// Client owns a transport of its own.
type Client struct {
	hc  *http.Client
	url string
}

// NewClient builds a client with its own transport: a pool.
func NewClient(url string) *Client { // want NewClient:`pool.returns\(0\)`
	return &Client{hc: &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}, url: url}
}

func (c *Client) Get() (*http.Response, error) { return c.hc.Get(c.url) } // want Get:`returns\(0\) pool.borrows\(0\)`

// Close empties the client's pool.
func (c *Client) Close() { c.hc.CloseIdleConnections() } // want Close:`pool.closes\(0\)`

// Agent holds a transport directly.
type Agent struct {
	t *http.Transport
}

func NewAgent() *Agent { return &Agent{t: &http.Transport{IdleConnTimeout: time.Second}} } // want NewAgent:`pool.returns\(0\)`

// NewAgentWith wraps a transport the caller made: nothing new.
func NewAgentWith(t *http.Transport) *Agent { return &Agent{t: t} } // want NewAgentWith:`pool.passes\(0->0\)`

type Settings struct {
	Client *http.Client
	Name   string
}

type Option func(*Settings)

// WithHTTPClient keeps the client in the option.
func WithHTTPClient(c *http.Client) Option { return func(s *Settings) { s.Client = c } } // want WithHTTPClient:`pool.passes\(0->0\)`

type Bot struct{ s Settings }

// NewBot stores the settings, and the client in them.
func NewBot(s Settings) *Bot { return &Bot{s: s} } // want NewBot:`pool.passes\(0->0\)`

// NoKeepAlive builds a client whose transport keeps no pool.
func NoKeepAlive() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

// Shared builds a client around the shared default transport.
func Shared() *http.Client {
	return &http.Client{Transport: http.DefaultTransport}
}

// Outer holds another SDK client that owns a transport.
type Outer struct{ inner *Client }

// NewOuter builds the inner client: a pool, one level down.
func NewOuter(url string) *Outer { return &Outer{inner: NewClient(url)} } // want NewOuter:`pool.returns\(0\)`

// Deep holds an Outer by value.
type Deep struct{ o Outer }

func NewDeep(url string) *Deep { // want NewDeep:`pool.returns\(0\)`
	o := NewOuter(url)
	return &Deep{o: *o}
}

// OuterWith wraps a client the caller made: nothing new.
func OuterWith(c *Client) *Outer { return &Outer{inner: c} } // want OuterWith:`pool.passes\(0->0\)`

// API is an interface whose dynamic value owns a transport.
type API interface{ Ping() error }

func (c *Client) Ping() error { return nil } // want Ping:`pool.borrows\(0\)`

// NewAPI returns a client with its own transport as an interface.
func NewAPI() API { return &Client{hc: &http.Client{Transport: &http.Transport{}}} } // want NewAPI:`pool.returns\(0\)`

// NewAPIE: the same, with an error.
func NewAPIE(url string) (API, error) { // want NewAPIE:`pool.returns\(0\)`
	return NewClient(url), nil
}

// SharedAPI returns an interface around a client on the shared transport:
// no pool of its own.
func SharedAPI() API { return &Client{hc: http.DefaultClient} }

// Check returns only an error: never a pool, whatever it builds.
func Check(url string) error {
	t := &http.Transport{}
	defer t.CloseIdleConnections()
	_, err := (&http.Client{Transport: t}).Get(url)
	return err
}

// Exporter keeps the API it is given (otlptrace.New keeps its Client).
type Exporter struct{ api API }

func NewExporter(a API) *Exporter { return &Exporter{api: a} } // want NewExporter:`pool.passes\(0->0\)`

// Use only calls the API.
func Use(a API) error { return a.Ping() } // want Use:`pool.borrows\(0\)`

// -- unnamed interface and any results (issue 8 re-trial, item 4) --

type pinger struct{ c *http.Client }

func (p *pinger) Ping() error { return nil } // want Ping:`pool.borrows\(0\)`

// NewAnon returns a client with its own transport as interface{ Ping() error }.
func NewAnon() interface{ Ping() error } { // want NewAnon:`pool.returns\(0\)`
	return &pinger{c: &http.Client{Transport: &http.Transport{}}}
}

// NewAny returns one as any.
func NewAny() any { return &pinger{c: &http.Client{Transport: &http.Transport{}}} } // want NewAny:`pool.returns\(0\)`

// NewAnyE returns one as any, with an error.
func NewAnyE(u string) (any, error) { // want NewAnyE:`pool.returns\(0\)`
	if u == "" {
		return nil, errors.New("no url")
	}
	return &pinger{c: &http.Client{Transport: &http.Transport{}}}, nil
}

var sharedPinger = &pinger{c: &http.Client{Transport: &http.Transport{}}}

// Not pools: any around the shared client, a package-level one, a string.
func SharedAny() any                       { return &pinger{c: http.DefaultClient} }
func GlobalAny() interface{ Ping() error } { return sharedPinger }
func NameAny() any                         { return "name" }
