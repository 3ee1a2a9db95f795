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

// -- constructors returning a holder of a holder, or an interface --

func outerPerCall(w http.ResponseWriter, r *http.Request) {
	o := issue8sdk.NewOuter("http://x") // want `\*issue8sdk.Outer from NewOuter \(it owns a new http.Transport\) created in outerPerCall is dropped`
	_ = o
}

func deepPerCall(w http.ResponseWriter, r *http.Request) {
	d := issue8sdk.NewDeep("http://x") // want `\*issue8sdk.Deep from NewDeep \(it owns a new http.Transport\) created in deepPerCall is dropped`
	_ = d
}

func apiPerCall(w http.ResponseWriter, r *http.Request) {
	api := issue8sdk.NewAPI() // want `issue8sdk.API from NewAPI \(it owns a new http.Transport\) created in apiPerCall is dropped`
	_ = api.Ping()
}

func apiPerCallErr(w http.ResponseWriter, r *http.Request) error {
	api, err := issue8sdk.NewAPIE("http://x") // want `issue8sdk.API from NewAPIE \(it owns a new http.Transport\) created in apiPerCallErr is dropped`
	if err != nil {
		return err
	}
	return api.Ping()
}

// Not pools: an outer around the caller's client, an interface on the
// shared transport, an error.
func notPools(w http.ResponseWriter, r *http.Request, c *issue8sdk.Client) error {
	o := issue8sdk.OuterWith(c)
	_ = o
	a := issue8sdk.SharedAPI()
	_ = a.Ping()
	return issue8sdk.Check("http://x")
}

var apiOnce issue8sdk.API

// Kept: an interface stored in a global lives on.
func apiKept() {
	apiOnce = issue8sdk.NewAPI()
}

// An interface handed to a constructor that keeps it is handed on.
func exporterKept() *issue8sdk.Exporter {
	api := issue8sdk.NewAPI()
	return issue8sdk.NewExporter(api)
}

func apiUsedOnce(w http.ResponseWriter, r *http.Request) error {
	api := issue8sdk.NewAPI() // want `issue8sdk.API from NewAPI \(it owns a new http.Transport\) created in apiUsedOnce is dropped`
	return issue8sdk.Use(api)
}

func anonPerCall(w http.ResponseWriter, r *http.Request) {
	p := issue8sdk.NewAnon() // want `interface\{Ping\(\) error\} from NewAnon \(it owns a new http.Transport\) created in anonPerCall is dropped`
	_ = p.Ping()
}

func anyPerCall(w http.ResponseWriter, r *http.Request) {
	_ = issue8sdk.NewAny() // want `any from NewAny \(it owns a new http.Transport\) created in anyPerCall is dropped`
}

func anyPerCallErr(w http.ResponseWriter, r *http.Request) error {
	a, err := issue8sdk.NewAnyE("http://x") // want `any from NewAnyE \(it owns a new http.Transport\) created in anyPerCallErr is dropped`
	if err != nil {
		return err
	}
	_ = a
	return nil
}

var anyOnce any

// Not pools, or kept.
func anyNotPools(w http.ResponseWriter, r *http.Request) {
	_ = issue8sdk.SharedAny()
	_ = issue8sdk.GlobalAny().Ping()
	_ = issue8sdk.NameAny()
	anyOnce = issue8sdk.NewAny()
}

// A handler literal in a package-level variable's initializer is named by
// the variable, not by the package's synthetic init.
var Handlers = map[string]http.HandlerFunc{
	"x": func(w http.ResponseWriter, r *http.Request) {
		s := issue8sdk.NewClient("http://x") // want `created in a function literal in the initializer of Handlers is dropped when a function literal in the initializer of Handlers returns`
		_ = s
	},
}

var first, second = http.HandlerFunc(nil), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	s := issue8sdk.NewClient("http://x") // want `created in a function literal in the initializer of second is dropped`
	_ = s
})
