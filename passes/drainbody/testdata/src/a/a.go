package a

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/ioutil"
	"net/http"
	"net/http/httputil"
	"os"

	"drainhelp"
)

func badStatus(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // want `response body of resp is closed without being read when the function returns early on a bad status`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %s", resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func decodeOnly(url string, v any) error {
	resp, err := http.Get(url) // want `closed (without being read to EOF|before it is read to EOF)`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

func readAfterClose(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `response body of resp is closed before (it is|anything is) read`
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func singleRead(url string) (int, error) {
	resp, err := http.Get(url) // want `closed (without being read to EOF|before it is read to EOF)`
	if err != nil {
		return 0, err
	}
	buf := make([]byte, 512)
	n, err := resp.Body.Read(buf)
	resp.Body.Close()
	return n, err
}

func oneLine(url string) (string, error) {
	resp, err := http.Get(url) // want `closed (without being read to EOF|before it is read to EOF)`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	return bufio.NewReader(resp.Body).ReadString('\n')
}

func scanBreak(url string) (string, error) {
	resp, err := http.Get(url) // want `closed (without being read to EOF|before it is read to EOF)`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if sc.Text() == "END" {
			break
		}
	}
	return sc.Text(), sc.Err()
}

func wrapperCloses(url string) (*http.Response, error) {
	resp, err := http.Get(url) // want `response body of resp is closed before (it is|anything is) read`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, errors.New(resp.Status)
	}
	return resp, nil
}

// -- quiet --

func readAll(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func drainDefer(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func scanAll(url string) ([]string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var lines []string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

func decodeToEOF(url string) ([]int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	var out []int
	for {
		var v int
		err := dec.Decode(&v)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}

func head(url string) (int64, error) {
	resp, err := http.Head(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.ContentLength, nil
}

func headRequest(c *http.Client, url string) (int, error) {
	req, err := http.NewRequest(http.MethodHead, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func noContent(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNoContent {
		return nil, nil
	}
	return io.ReadAll(resp.Body)
}

func neverClosed(url string) int {
	// bodyclose reports this one; drainbody must not report it too.
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func helper(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer drainhelp.DrainClose(resp)
	return nil
}

// A response never looked at, closed by a helper: strict only (package
// lookless); one whose status is read is reported.
func helperCloseOnly(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer drainhelp.CloseOnly(resp.Body)
	return nil
}

func helperCloseOnlyStatus(url string) (int, error) {
	resp, err := http.Get(url) // want `response body of resp is closed without being read on some path`
	if err != nil {
		return 0, err
	}
	defer drainhelp.CloseOnly(resp.Body)
	return resp.StatusCode, nil
}

func localDrain(b io.ReadCloser) {
	io.Copy(io.Discard, b)
	b.Close()
}

func localHelper(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer localDrain(resp.Body)
	return nil
}

func discardThenClose(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	drainhelp.Discard(resp.Body)
	return resp.Body.Close()
}

func bounded(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return err
}

func boundedN(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.CopyN(io.Discard, resp.Body, 4096)
	return err
}

func dump(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return httputil.DumpResponse(resp, true)
}

// -- found in golang.org/x/net/websocket (hybi.go): a handshake read with
// http.ReadResponse on the caller's own connection; no pool to return it to.

func handshake(br *bufio.Reader) error {
	resp, err := http.ReadResponse(br, &http.Request{Method: "GET"})
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 101 {
		return errors.New("bad status")
	}
	return nil
}

// Response.Write sends the whole body, then closes it.
func forward(url string, w io.Writer) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Write(w)
}

// The suite's one suppression directive works for drainbody too.
func ignored(url string, v any) error {
	resp, err := http.Get(url) //bodyclose:ignore drainbody small bodies only, measured
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

// A return of an error unrelated to the response (the file could not be
// created) is an exceptional path: not reported.
func downloadTo(url, path string) (err error) {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	_, err = io.Copy(f, resp.Body)
	return err
}

// But a path that may succeed without draining is.
func validateThenDecode(url string, v any, check func() error) error {
	resp, err := http.Get(url) // want `closed (without being read to EOF|before it is read to EOF)`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := check(); err != nil {
		return fmt.Errorf("check: %w", err)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func readAllOld(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return ioutil.ReadAll(resp.Body)
}

func readFrom(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// 101 Switching Protocols: the body is the upgraded connection, closed,
// never drained.
func upgrade(c *http.Client, req *http.Request) (io.ReadWriteCloser, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusSwitchingProtocols {
		rwc, ok := resp.Body.(io.ReadWriteCloser)
		if !ok {
			resp.Body.Close()
			return nil, errors.New("not writable")
		}
		return rwc, nil
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return nil, fmt.Errorf("upgrade refused: %s", resp.Status)
}

// A go-github style Do: the response is returned for its headers, but the
// deferred Close runs first; decoding one value does not drain it.
func do(c *http.Client, req *http.Request, v any) (*http.Response, error) {
	resp, err := c.Do(req) // want `closed (without being read to EOF|before it is read to EOF)`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	err = json.NewDecoder(resp.Body).Decode(v)
	return resp, err
}

// The same Do with the drain go-github uses.
func doDrained(c *http.Client, req *http.Request, v any) (*http.Response, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() {
		io.CopyN(io.Discard, resp.Body, 512)
		resp.Body.Close()
	}()
	err = json.NewDecoder(resp.Body).Decode(v)
	return resp, err
}

// A check of a header is a check of the response: its error return skips
// the drain like a bad status does.
func contentType(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `closed without being read on some path`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") != "application/json" {
		return nil, errors.New("unexpected content type")
	}
	return io.ReadAll(resp.Body)
}

// ContentLength == 0: the body is http.NoBody, nothing to drain.
func emptyBody(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.ContentLength == 0 {
		return nil
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
