// Package drainbody defines an Analyzer that checks that HTTP response
// bodies are read to EOF before they are closed.
//
// # Analyzer drainbody
//
// drainbody: check that HTTP response bodies are read to EOF before they are closed
//
// Over HTTP/1.x, the transport puts a connection back in its idle pool only
// if the body was read to io.EOF before Close. Closing a body early makes it
// drop the keep-alive connection: the next request pays a new TCP (and TLS)
// handshake, and under load the client churns through ephemeral ports.
//
// Bad:
//
//	resp, err := client.Do(req)
//	if err != nil {
//		return err
//	}
//	defer resp.Body.Close()
//	if resp.StatusCode != http.StatusOK {
//		return fmt.Errorf("status %s", resp.Status) // closes an unread body: connection lost
//	}
//	return json.NewDecoder(resp.Body).Decode(&v) // stops after one value, not at EOF
//
// Good:
//
//	resp, err := client.Do(req)
//	if err != nil {
//		return err
//	}
//	defer func() {
//		_, _ = io.Copy(io.Discard, resp.Body)
//		_ = resp.Body.Close()
//	}()
//
// Drains: io.ReadAll, ioutil.ReadAll, io.Copy and io.CopyBuffer of the body
// (into any writer), any ReadFrom method (bytes.Buffer's), httputil.DumpResponse(resp, true),
// a bufio.Scanner loop run until Scan returns false, a read loop that stops
// at io.EOF (including json.Decoder.Decode until io.EOF), json.Decoder.More
// returning false at top level (no Token call on the decoder: inside an
// array More is false at the closing bracket, not at the end), a helper
// whose summary says it drains (facts), and a deliberately bounded drain
// (io.CopyN, io.Copy of an io.LimitReader). A helper that reads the body to
// its end exactly when it returns an error (a status check that reads the
// error body into its error value, as go-github's CheckResponse does:
// summary drainsOnError) drains on the caller's error branch. Deferred
// drains and closes run last in, first out: `defer io.Copy(io.Discard,
// resp.Body)` registered before `defer resp.Body.Close()` runs after the
// Close and does not count. Not drains: one json or xml Decode, a single
// Read or ReadString, reading after Close.
//
// # What is reported, and what only with -drainbody.strict
//
// By default drainbody reports where the code at hand loses a connection:
// a body closed with nothing read from it, or with only part of it read
// inline (one Decode, one Read or ReadString, a scan that stops early), on
// a path where a body is expected. Measured on real projects, the other
// undrained closes were nearly all harmless in practice, so these are
// reported only with -drainbody.strict:
//
//   - A response the code never looks at beyond closing it (no status, no
//     header, nothing read), however the close is written (a defer, a
//     closure, a method value, an interface, a helper of any package, a
//     struct holding the response closed by its method, d.Close()): a
//     write whose answer, typically 204 No Content, carries nothing
//     (vault's sys API). A holder's own fields are not the response's.
//   - A body partly read by a helper of the program, a function or method
//     of your code in this package or another (peek(resp.Body), one
//     stream.Next()): what it leaves is out of sight at the close, and
//     helpers of this kind mostly read what they need of a small answer.
//     A partial read inline (one Read, one Decode) stays reported.
//   - The 202 Accepted side of a status check: such answers are usually
//     empty.
//   - A body read by a decoding helper given the response itself (vault's
//     resp.DecodeJSON), or read inline after the status (or a status-check
//     helper such as CheckResponse) said the answer is good: decoding that
//     document reads it whole in practice, and with a Content-Length the
//     transport saw EOF with the last bytes. Without a status check an
//     error page may stop the decoder early: that stays reported.
//   - A bad-status path that hands the response to an error helper of
//     another package that reads it (return HandleHTTPError(resp)): error
//     bodies are small documents, read whole.
//   - Responses from a transport built in the function (directly or
//     through a client built around it): its connection dies with the
//     call anyway; clientpertransport reports the transport itself.
//
// Never reported (no body to drain, or draining on purpose avoided): HEAD
// requests (http.Head, Client.Head, a request made with method "HEAD", or
// a wrapper given the constant "HEAD"); branches where the status is known
// to have no body (StatusCode == 204, 205, 304 or 1xx; 101 Switching
// Protocols hands over the connection, which is closed, never drained); a
// drain skipped where ContentLength is known to exceed a bound (godo's
// `if resp.ContentLength <= maxSlurp { io.CopyN(...) }`); bodies that are
// never closed on a path: that path is bodyclose's finding, and while
// bodyclose runs drainbody leaves such a response to it (never two
// reports for one response). When bodyclose is turned off
// (-bodyclose=false, or -drainbody alone, or a golangci-lint disable),
// every driver sets -drainbody.alone and drainbody reports those responses'
// drain paths too, so turning one analyzer off loses nothing of the other.
//
// HTTP/2 keeps the connection when a stream is closed early: the harm is
// HTTP/1.x's, but a client rarely knows which protocol it will get. Paths
// after a read from the body failed are not reported either: a broken
// stream cannot be reused, and a malformed one (trailing data after the
// last JSON value) is an exceptional path. The same goes for returns of an
// error unrelated to the response (os.Create failed): only a close before
// the drain, a return after a check of the response (its status, a
// header), and a return that may succeed are reported. A call that reads
// is one on the body or a reader over it (Read, Decode, ReadString), one
// that takes it as a reader (io.ReadFull), or a helper whose summary says
// it reads; a status check given the *http.Response (statusOK(resp)) is
// not a read, so the close after it is checked.
// Responses from http.ReadResponse read from a connection the caller owns,
// not from a pool (a WebSocket handshake, a proxy): not checked. Test files
// are not checked either (-drainbody.tests to include them): a test's
// connection churn costs nothing.
//
// //bodyclose:ignore drainbody <reason>, trailing a line or alone on the
// line above, silences this analyzer there.
//
// The diagnostic stands at the call that produced the response; the early
// close or the return that skips the drain is a related position. The
// suggested fix drains before every close the analysis found early, not
// only the one named: `defer X.Close()` becomes a deferred drain and close
// (taking the body as an argument when the variable is assigned again); a
// direct close gets io.Copy(io.Discard, body) before its statement; another
// deferred release (a helper, a closure) gets a deferred drain registered
// right after it, so that it runs first. Where that cannot be written (a
// new defer would stand in a loop, the body has no name there) there is
// no fix.
//
// # Go versions
//
// Go 1.27's transport drains up to 256 KiB of an early-closed body itself,
// for at most 50 ms, and then reuses the connection; only larger or slower
// bodies still lose it. So the check reports a file only if it is built for
// a Go version below 1.27: the file's own version (//go:build go1.N), else
// the package's (go.mod), and when neither is known (GOPATH mode, some
// drivers on std) it assumes an older toolchain and reports. Set -drainbody.always to
// report at go1.27 and later too, for services whose bodies are large. A
// linter built with Go 1.26 cannot type-check go1.27 packages: build it with
// a toolchain at least as new as the code it checks.
//
// The full documentation, with a section per rule, is docs/drainbody.md.
package drainbody
