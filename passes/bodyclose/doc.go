// Package bodyclose defines an Analyzer that checks that the body of every
// HTTP response is closed on every path.
//
// # Analyzer bodyclose
//
// bodyclose: check that HTTP response bodies are closed on every path
//
// A *http.Response whose Body is never closed keeps its connection and two
// goroutines of the transport alive; under load the process runs out of
// connections or file descriptors. The client contract says: when the error
// is nil, the caller must close resp.Body.
//
// Bad:
//
//	resp, err := http.Get(url)
//	if err != nil {
//		return err
//	}
//	if resp.StatusCode != http.StatusOK {
//		return fmt.Errorf("status %s", resp.Status) // leaks resp.Body
//	}
//	defer resp.Body.Close()
//
// Good:
//
//	resp, err := http.Get(url)
//	if err != nil {
//		return err
//	}
//	defer resp.Body.Close()
//	if resp.StatusCode != http.StatusOK {
//		return fmt.Errorf("status %s", resp.Status)
//	}
//
// Sources are calls that hand the caller a live response: http.Get, Head,
// Post, PostForm; the same methods and Do on *http.Client; RoundTrip on
// *http.Transport and on any http.RoundTripper; http.ReadResponse;
// httputil.ClientConn's Do and Read; golang.org/x/net/context/ctxhttp; methods
// of interfaces that mirror a Client method (an HTTPDoer interface); and any
// function whose summary says it returns such a response (a wrapper of
// Client.Do, in this package or, through facts, in another).
//
// The body counts as released when, on every path after the error check,
// resp.Body.Close is called directly, deferred, in a called or deferred
// closure, as a method value, through an io.Closer variable or a body that
// was swapped or wrapped (http.MaxBytesReader), by a function whose summary
// says it closes its argument, or by (*http.Response).Write and
// httputil.DumpResponse(resp, true). It counts as handed on (not a leak here)
// when it is returned, stored in a field, map, slice or global, sent on a
// channel, or given to a goroutine or a callee that takes ownership. A
// response kept inside an error value (&StatusError{Resp: resp}) is not
// handed on: nobody closes what an error holds.
//
// What a callee does is its summary, computed for every function whose
// parameters can carry a body (*http.Response, io.Reader, io.Closer,
// io.ReadCloser, any, a struct holding one) wherever it is declared, also in
// packages that never import net/http: a helper that reads a body but never
// closes it leaves it to the caller. A function that only keeps a value it
// cannot close through its type (an io.Reader wrapped by bufio.NewReader)
// borrows it; fmt, log, reflect and testing's Log family only look at what
// they are given. Where no summary is in reach (a function value, an
// interface method), a parameter that could close the body is assumed to
// take it. A defer in a function that returns the response (defer cancel())
// does not hide its early returns: only the return that stores the response
// returns it.
//
// The analysis is path-sensitive: on the branch where the call's error is
// non-nil, or where the response or body is nil, there is nothing to close;
// a defer covers every exit after it; paths that end in panic, log.Fatal,
// os.Exit or t.Fatal (also through testing.TB) do not leak.
//
// The diagnostic stands at the call that produced the response and names the
// variable and the kind of exit that leaks; the leaking exit is a related
// position.
//
// A function that returns the response together with a non-nil error
// (return resp, fmt.Errorf("status %d", resp.StatusCode)) breaks the
// convention that a non-nil error leaves nothing to close: callers that
// skip the body on error leak it. That is reported once, at the function's
// own acquiring call, unless every caller in the package closes the body
// on its error paths too. Returning resp, err straight from Do keeps the
// convention. Summaries say returnsOnError for such results.
//
// A struct that holds a response (type Doc struct{ resp *http.Response }),
// returned to the caller, must be released by the caller through a method
// whose summary closes it, or through its field; with or without a Close
// method of its own.
//
// Status checks narrow what the status can be on each path: a side no
// status can reach is not followed. A response read with http.ReadResponse
// has no body when it is a 1xx interim response (a loop that skips
// 100 Continue leaks nothing), nor when it is a 2xx answer to a CONNECT
// request (the connection became the tunnel).
//
// A suggested fix is offered only where it is provably right (it compiles,
// it closes the body on every path where it leaked, and it changes nothing
// else); elsewhere the message says what to do. For `resp, err := call`
// followed by `if err != nil { <leave> }`: outside loops, when the response
// is never returned or handed on, a deferred close right after the error
// check (removing deferred closes it makes redundant, and a close just
// before a return that no longer reads the body); in a loop, or when the
// function returns the response on its good path, a close before each
// continue, break, return or end of iteration where the body is still open
// (never a defer in a loop; no fix where the body is open on some paths
// only). A discarded response is bound and closed at once when the error
// is nil; a struct that holds one is closed by its own method that closes
// it, else no fix. In files built for Go below 1.27 the close drains the
// body first (io.Copy(io.Discard, body)), where drainbody asks (not for
// HEAD requests, tests, or the other cases drainbody leaves alone); package io is imported, under a fresh name
// where io is shadowed.
//
// Deliberately not reported:
//
//   - httptest.ResponseRecorder.Result(): its body holds no connection.
//   - Responses of a stub transport: a RoundTripper of this package that
//     never hands out a live response, used through a client built in the
//     function, a package-level client or transport, a factory of this
//     package, or a wrapper of this package given such a client.
//   - http.NewResponseController, func(*http.Response) error hooks
//     (ReverseProxy.ModifyResponse) and []*http.Response: not sources.
//   - A response passed to a function in another package with no summary,
//     whose parameter could close it (an io.Closer, a *http.Response): the
//     callee is assumed to take ownership, so that no false alarm is raised.
//     An io.Reader parameter can only borrow the body.
//   - A call of a function value or an interface method that receives the
//     body, when its parameter could close it: likewise assumed to take it.
//   - A helper that closes the body on some paths only (func maybeClose(rc
//     io.ReadCloser, b bool) { if b { rc.Close() } }, in this package or,
//     through facts, another): it counts as taking ownership, so its
//     caller's leak on the other paths is not reported. Whether the
//     caller's path is one where the helper closes depends on the
//     helper's other arguments, its state or its errors; reporting every
//     caller of such a helper (finish(resp, keep), closeUnlessStreaming)
//     would raise alarms where the caller passes the right argument, and
//     telling those apart needs the helper's path conditions in its
//     summary, which summaries do not carry. A function literal of the
//     same function is read like the same code inline instead: one that
//     closes on some paths only, called there, or deferred when only the
//     response's status decides, is reported. Still taken: a deferred
//     literal whose other conditions are read at the exit (if err != nil
//     on a named result, a captured flag), one run by go, and one made by
//     a factory (cleanup := func(rc io.ReadCloser) func() {...}(resp.Body)).
//   - Functions too large for the path budget (`lifetime.Budget`, 200 000 path states per response): given up; `-bodyclose.debug` reports where.
//   - Generated files (// Code generated ... DO NOT EDIT.): their authors
//     cannot fix them by hand. Set -bodyclose.generated to check them. A
//     file that uses cgo is the user's code, though the type checker sees
//     cgo's output, and is checked. Its findings carry no suggested fix
//     (under every driver): cgo's rewritten file has other offsets.
//
// Known false positives (paths the analysis cannot tell are infeasible):
//
//   - a path that needs a loop counter or a slice length to be false again
//     (net/http's Client.do: after the first request, len(reqs) > 0);
//   - a response deliberately discarded from a fake transport
//     (httputil.DumpRequestOut).
//
// Suppress such a finding with //bodyclose:ignore bodyclose <reason>.
//
// Test files are checked: a leaked body in a test keeps httptest.Server.Close
// waiting for the connection. Set -bodyclose.tests=false to skip _test.go
// files.
//
// # Directives and configuration
//
// For code the analysis cannot see through, one family of comment
// directives, read from the package's syntax (never from disk):
//
//	//bodyclose:ignore bodyclose <reason>   trailing a line, or alone on the line above: no report there
//	//bodyclose:closes                      in a func's doc comment: it closes every response or body it is given
//	//bodyclose:returns                     in a func's doc comment: its *http.Response result is live
//
// The ignore directive names the analyzers it silences (bodyclose,
// drainbody, clientpertransport, comma-separated) and gives a reason; a
// malformed one is reported, and so is each analyzer it names that
// suppressed nothing there (drainbody never reports a response bodyclose
// reports, so naming both for one response is always stale for one).
//
// Function directives travel to other packages with the function's summary.
// For third-party code you cannot annotate, name functions by full name:
//
//	-bodyclose.sources='(*example.com/sdk.Client).Fetch'
//	-bodyclose.closers='example.com/httputil.DrainClose'
//
// The full documentation, with a section per rule, is docs/bodyclose.md.
package bodyclose
