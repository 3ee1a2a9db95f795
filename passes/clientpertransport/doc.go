// Package clientpertransport defines an Analyzer that reports HTTP
// transports built per call and dropped with their connection pools.
//
// # Analyzer clientpertransport
//
// clientpertransport: report http.Transports built per call whose connection pool dies with the call
//
// An http.Transport is the connection pool. A function that runs per request
// and builds its own &http.Transport{...} (or a Client around one) gets a new
// pool on every call; the idle keep-alive connections of the old pool stay
// open until the server closes them, and a busy service runs out of file
// descriptors or ports ("connect: cannot assign requested address").
//
// Bad:
//
//	func fetch(url string) (*http.Response, error) {
//		c := &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
//		return c.Get(url) // the pool dies with fetch; its connection stays open
//	}
//
// Good:
//
//	var client = &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
//
//	func fetch(url string) (*http.Response, error) {
//		return client.Get(url)
//	}
//
// A pool is created by a Transport composite literal, new(http.Transport),
// (*http.Transport).Clone (including http.DefaultTransport.(*http.Transport).Clone()),
// or a function whose summary says it returns a fresh transport, a client
// that owns one, or a struct that owns one (a newTransport() factory, an
// SDK's NewClient or NewAgent, a NewOuter whose struct holds such a
// client, a NewAPI() API whose interface result is such a client, also
// as an unnamed interface or any (functions outside the standard library
// only), in this package or, through facts, in another; a factory whose transport sets DisableKeepAlives: true, or that
// wraps the shared http.DefaultTransport, returns no pool). It is reported
// when no path hands it on (returns it, stores it in a field, global, map,
// slice or a variable captured by a closure such as a sync.Once's, passes
// it in a functional option or a settings struct to a function that keeps
// it) and some path drops it. A client built around such a transport
// is reported once, at the transport. A transport created in a loop body and
// dropped each iteration is reported even in main.
//
// Not reported:
//
//   - package-level variables, init functions, and main outside its loops:
//     they run once;
//   - constructors that return or store the transport or its client;
//   - transports with DisableKeepAlives: true (no pool to leak), and those
//     whose CloseIdleConnections (on the transport or its client) runs on
//     every path before they are dropped;
//   - &http.Client{Timeout: ...} with a nil Transport: it shares
//     http.DefaultTransport. Set -clientpertransport.clients to report
//     per-call clients as a style finding anyway;
//   - a transport handed to a function in another package that has no
//     summary: that function may keep it;
//   - _test.go files: a test's transport dies with a short-lived process.
//     Set -clientpertransport.tests to check them.
//
// //bodyclose:ignore clientpertransport <reason>, trailing a line or alone
// on the line above, silences it there.
//
// No fix is suggested: where the pool should live (a package variable, a
// field of a long-lived struct) is a design decision.
//
// The full documentation, with a section per rule, is
// docs/clientpertransport.md.
package clientpertransport
