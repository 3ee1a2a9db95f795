package issue8

import (
	"net/http"
	"sync"

	"issue8sdk"
)

// -- issue 8, item 6: a constructor returning a struct that owns a new
// transport (an SDK client, an agent), called per request --

func handle(w http.ResponseWriter, r *http.Request) {
	c := issue8sdk.NewClient("http://x") // want `\*issue8sdk.Client from NewClient \(it owns a new http.Transport\) created in handle is dropped when handle returns`
	resp, err := c.Get()
	if err != nil {
		return
	}
	resp.Body.Close()
}

func agentPerCall() int {
	a := issue8sdk.NewAgent() // want `\*issue8sdk.Agent from NewAgent \(it owns a new http.Transport\) created in agentPerCall is dropped`
	_ = a
	return 1
}

func handlerLiteral() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := issue8sdk.NewClient("http://x") // want `created in a function literal in handlerLiteral is dropped`
		_, _ = c.Get()
	}
}

// Closed before it is dropped: its pool is emptied.
func closed() {
	c := issue8sdk.NewClient("http://x")
	defer c.Close()
	_, _ = c.Get()
}

// Kept: once per process, or stored.
var (
	once   sync.Once
	global *issue8sdk.Client
)

func cached() *issue8sdk.Client {
	once.Do(func() { global = issue8sdk.NewClient("http://x") })
	return global
}

type server struct{ api *issue8sdk.Client }

func newServer() *server { return &server{api: issue8sdk.NewClient("http://x")} }

// A wrapper around a transport the caller passed in owns nothing new.
func wrap(t *http.Transport) *issue8sdk.Agent { return issue8sdk.NewAgentWith(t) }

// -- issue 8, item 12: a client handed on in options or a settings struct --

func options(opts []issue8sdk.Option) []issue8sdk.Option {
	hc := &http.Client{Transport: &http.Transport{}}
	return append(opts, issue8sdk.WithHTTPClient(hc))
}

func optionsVar() []issue8sdk.Option {
	hc := &http.Client{Transport: &http.Transport{}}
	opts := []issue8sdk.Option{issue8sdk.WithHTTPClient(hc)}
	return opts
}

func bot() *issue8sdk.Bot {
	hc := &http.Client{Transport: &http.Transport{}}
	return issue8sdk.NewBot(issue8sdk.Settings{Client: hc, Name: "b"})
}

func botPtr() *issue8sdk.Bot {
	s := &issue8sdk.Settings{Name: "b"}
	s.Client = &http.Client{Transport: &http.Transport{}}
	return issue8sdk.NewBot(*s)
}

// Appended to a slice that is then dropped: not followed into the slice
// (a loop may accumulate transports there on purpose), so not reported.
func optionsDropped(opts []issue8sdk.Option) int {
	hc := &http.Client{Transport: &http.Transport{}}
	opts = append(opts, issue8sdk.WithHTTPClient(hc))
	return len(opts)
}

// -- issue 8, item 13: factories whose transport has no pool to lose --

func noKeep() {
	c := issue8sdk.NoKeepAlive()
	_, _ = c.Get("http://x")
}

func shared() {
	c := issue8sdk.Shared()
	_, _ = c.Get("http://x")
}

func localNoKeep() {
	t := &http.Transport{DisableKeepAlives: true}
	c := &http.Client{Transport: t}
	_, _ = c.Get("http://x")
}

// A clone with keep-alives turned off, in a factory.
func newNoKeepClone() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DisableKeepAlives = true
	return &http.Client{Transport: t}
}

func noKeepClone() {
	c := newNoKeepClone()
	_, _ = c.Get("http://x")
}

func localNoKeepClone() {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DisableKeepAlives = true
	_, _ = t.RoundTrip(nil)
}

// A factory of this package with keep-alives on is still a pool.
func newKeep() *http.Client { return &http.Client{Transport: &http.Transport{}} }

func keep() {
	c := newKeep() // want `transport from newKeep created in keep is dropped`
	_, _ = c.Get("http://x")
}
