// Package issue8sdk is a third-party SDK for clientpertransport's issue 8
// cases: its constructors build transports, and it takes clients in
// options and settings structs.
package issue8sdk

import (
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
