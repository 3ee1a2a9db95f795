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
// at io.EOF (including json.Decoder.Decode until io.EOF), a helper whose
// summary says it drains (facts), and a deliberately bounded drain (io.CopyN,
// io.Copy of an io.LimitReader). Not drains: one json or xml Decode, a
// single Read or ReadString, reading after Close.
//
// No drain is needed for HEAD requests (http.Head, Client.Head, a request
// made with method "HEAD"), on branches where the status is known to have no
// body (StatusCode == 204, 304 or 1xx; 101 Switching Protocols hands over the
// connection, which is closed, never drained), and for bodies that are
// never closed: that is bodyclose's finding, never reported twice. HTTP/2
// keeps the connection when a stream is closed early: the harm is
// HTTP/1.x's, but a client rarely knows which protocol it will get. Paths
// after a read from the body failed are not reported either: a broken
// stream cannot be reused, and a malformed one is an exceptional path. The
// same goes for returns of an error unrelated to the response (os.Create
// failed): only a close before the drain, a return after a check of the
// response (its status, a header), and a return that may succeed are
// reported.
// Responses from http.ReadResponse read from a connection the caller owns,
// not from a pool (a WebSocket handshake, a proxy): not checked. Test files
// are not checked either (-tests to include them): a test's connection
// churn costs nothing.
//
// //bodyclose:ignore on a line (or the line above) silences this analyzer
// there too, as it does the whole suite.
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
// drivers on std) it assumes an older toolchain and reports. Set -always to
// report at go1.27 and later too, for services whose bodies are large. A
// linter built with Go 1.26 cannot type-check go1.27 packages: build it with
// a toolchain at least as new as the code it checks.
package drainbody
