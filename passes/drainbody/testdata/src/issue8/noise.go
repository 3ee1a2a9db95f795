package issue8

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"

	"issue8help"
)

// -- issue 8: drainbody's noise on real code, by kind. By default only a
// body closed with nothing read, where a body is expected, is reported;
// -strict reports the rest (see package strict). --

type client struct{ hc *http.Client }

func (c *client) do(ctx context.Context, method, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return nil, err
	}
	return c.hc.Do(req)
}

// (a) The bad-status branch hands the response to an error helper of
// another package that reads the error body; the success path drains.
func (c *client) getChecked(ctx context.Context, url string, v any) error {
	resp, err := c.do(ctx, http.MethodGet, url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return issue8help.DecodeJSON(resp, v)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// The same branch returning without reading anything: certain harm.
func (c *client) getUnchecked(ctx context.Context, url string) error {
	resp, err := c.do(ctx, http.MethodGet, url) // want `response body of resp is closed without being read when the function returns early on a bad status`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// (b) DELETE requests and other writes whose answer (typically 204) the
// code never looks at, and 202 Accepted answers: usually empty. A DELETE
// whose status is checked has an error body to drain on the bad side.
func (c *client) remove(ctx context.Context, url string) error {
	resp, err := c.do(ctx, http.MethodDelete, url) // want `response body of resp is closed without being read`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

// Never looks at the response: a write whose answer it does not expect.
func removeDirect(hc *http.Client, url string) error {
	req, err := http.NewRequest("DELETE", url, nil)
	if err != nil {
		return err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func submit(hc *http.Client, url string) error {
	resp, err := hc.Post(url, "application/json", nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusAccepted {
		return nil
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// A 200 answer to the same POST is expected to carry a body.
func submitOK(hc *http.Client, url string) error {
	resp, err := hc.Post(url, "application/json", nil) // want `response body of resp is closed without being read on some path`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// (c) The body was decoded as a whole JSON document by a helper given the
// response (vault's resp.DecodeJSON): quiet by default. One Decode inline
// is not a drain, and the code at hand can drain right there: reported.
type apiResponse struct{ *http.Response }

func (r *apiResponse) DecodeJSON(v any) error {
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	return dec.Decode(v)
}

func (c *client) rawRequest(ctx context.Context, url string) (*apiResponse, error) {
	resp, err := c.do(ctx, http.MethodGet, url)
	if err != nil {
		return nil, err
	}
	return &apiResponse{resp}, nil
}

func (c *client) health(ctx context.Context, v any) error {
	resp, err := c.rawRequest(ctx, "/health")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return resp.DecodeJSON(v)
}

func (c *client) healthOther(ctx context.Context, v any) error {
	resp, err := c.do(ctx, http.MethodGet, "/health")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return issue8help.DecodeJSON(resp, v)
}

func decodeJSON(hc *http.Client, url string, v any) error {
	resp, err := hc.Get(url) // want `response body of resp is closed without being read to EOF`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

func decodeXML(hc *http.Client, url string, v any) error {
	resp, err := hc.Get(url) // want `response body of resp is closed without being read to EOF`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := xml.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	return nil
}

// (d) A per-call transport: its connection dies with the call anyway
// (clientpertransport reports the transport).
func oneShot(url string) (int, error) {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func oneShotRoundTrip(req *http.Request) (int, error) {
	t := &http.Transport{}
	resp, err := t.RoundTrip(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// A shared client: the connection could have been reused.
var shared = &http.Client{}

func sharedStatus(url string) (int, error) {
	resp, err := shared.Get(url) // want `response body of resp is closed without being read on some path`
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// (e) HEAD requests made through a wrapper have no body.
func (c *client) exists(ctx context.Context, url string) (bool, error) {
	resp, err := c.do(ctx, http.MethodHead, url)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK, nil
}

func (c *client) existsLiteral(ctx context.Context, url string) (bool, error) {
	resp, err := c.do(ctx, "HEAD", url)
	if err != nil {
		return false, err
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK, nil
}

// A GET through the same wrapper, closed unread: reported.
func (c *client) getStatus(ctx context.Context, url string) (int, error) {
	resp, err := c.do(ctx, http.MethodGet, url) // want `response body of resp is closed before anything is read from it`
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// While bodyclose runs, a response it reports (another path never closes
// it) is left to it: never two reports for one response. With Alone (the
// user turned bodyclose off), drainbody reports it (TestAlone).
func bothAnalyzers(hc *http.Client, url string) error {
	resp, err := hc.Get(url)
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusInternalServerError {
		return fmt.Errorf("server error") // leaks: bodyclose's finding
	}
	defer resp.Body.Close()
	return nil // closed unread: drainbody's
}

// A drain bounded by the length (godo's Do): a body known to be large is
// deliberately not drained.
func slurpSmall(hc *http.Client, url string) error {
	resp, err := hc.Get(url)
	if err != nil {
		return err
	}
	defer func() {
		const maxBodySlurpSize = 2 << 10
		if resp.ContentLength == -1 || resp.ContentLength <= maxBodySlurpSize {
			io.CopyN(io.Discard, resp.Body, maxBodySlurpSize)
		}
		resp.Body.Close()
	}()
	return nil
}

func slurpUnlessLarge(hc *http.Client, url string) error {
	resp, err := hc.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if 4096 < resp.ContentLength {
		return nil
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// A condition on the length that does not bound it (-1: unknown) is not
// a reason to skip the drain.
func unknownLength(hc *http.Client, url string) error {
	resp, err := hc.Get(url) // want `response body of resp is closed without being read on some path`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.ContentLength == -1 {
		return nil
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// An iterator over the body, run until it says there is no more (an SSE
// stream's Next, like bufio.Scanner.Scan), has read it to the end.
type eventStream struct {
	body io.ReadCloser
	sc   *bufio.Scanner
	cur  string
}

func (s *eventStream) Next() bool {
	if !s.sc.Scan() {
		return false
	}
	s.cur = s.sc.Text()
	return true
}

func (s *eventStream) Close() error { return s.body.Close() }

func openStream(hc *http.Client, url string) (*eventStream, error) {
	resp, err := hc.Get(url)
	if err != nil {
		return nil, err
	}
	return &eventStream{body: resp.Body, sc: bufio.NewScanner(resp.Body)}, nil
}

func consumeStream(hc *http.Client, url string) ([]string, error) {
	resp, err := hc.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	s := &eventStream{body: resp.Body, sc: bufio.NewScanner(resp.Body)}
	var out []string
	for s.Next() {
		out = append(out, s.cur)
	}
	return out, nil
}

func firstEvent(hc *http.Client, url string) (string, error) {
	resp, err := hc.Get(url) // want `response body of resp is closed without being read to EOF`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	s := &eventStream{body: resp.Body, sc: bufio.NewScanner(resp.Body)}
	if s.Next() {
		return s.cur, nil
	}
	return "", nil
}

var _ = openStream

// After the response passed its checks, a failure of something else
// (os.Create) is an exceptional path, plain or wrapped.
func download(hc *http.Client, url, dest string) error {
	resp, err := hc.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1024))
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	f, err := os.Create(dest)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(f, resp.Body)
	return err
}

func downloadWrapped(hc *http.Client, url, dest string) error {
	resp, err := hc.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") != "application/octet-stream" {
		_, err := io.Copy(io.Discard, resp.Body)
		return err
	}
	f, err := os.Create(dest)
	if err != nil {
		return fmt.Errorf("create %s: %w", dest, err)
	}
	defer f.Close()
	_, err = io.Copy(f, resp.Body)
	return err
}

// A new error about the response after a header check is reported.
func rejectType(hc *http.Client, url string) error {
	resp, err := hc.Get(url) // want `response body of resp is closed without being read on some path`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") != "application/json" {
		return fmt.Errorf("unexpected type %q", resp.Header.Get("Content-Type"))
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// (c) One JSON document decoded after the status said the answer is good:
// read whole in practice (-strict reports it). Without a status check an
// error page may stop the decoder early: reported (package a's decodeOnly).
func decodeAfterStatus(hc *http.Client, url string, v any) error {
	resp, err := hc.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, resp.Body)
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func decodeAfterHelperCheck(hc *http.Client, url string, v any) error {
	resp, err := hc.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := issue8help.CheckStatus(resp); err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// Only checked for nil and closed: the answer is not looked at (vault's
// sys/step-down).
func stepDown(hc *http.Client, url string) error {
	resp, err := hc.Post(url, "", nil)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	return err
}
