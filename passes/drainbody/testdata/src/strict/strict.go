// Package strict holds the paths drainbody reports only with -strict: a
// body partly read, DELETE and 202 responses, per-call transports.
package strict

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

var _ = io.EOF

func decodeOnly(url string, v any) error {
	resp, err := http.Get(url) // want `closed (without being read to EOF|before it is read to EOF)`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
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

func deleteItem(c *http.Client, url string) error {
	req, err := http.NewRequest(http.MethodDelete, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req) // want `closed without being read`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func accepted(c *http.Client, url string) error {
	resp, err := c.Get(url) // want `closed without being read`
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

func perCall(url string) error {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Get(url) // want `closed without being read`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func helperReads(c *http.Client, url string) error {
	resp, err := c.Get(url) // want `closed without being read to EOF when the function returns early on a bad status`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return decodeError(resp)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func decodeError(resp *http.Response) error {
	var e struct{ Message string }
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
		return err
	}
	return fmt.Errorf("%s", e.Message)
}

var _ = bufio.NewReader

// -- issue 8: cases whose semantics only strict mode shows --

func peekPtr(body *io.ReadCloser) byte {
	var b [1]byte
	(*body).Read(b[:])
	return b[0]
}

func peekThroughPointer(c *http.Client) byte {
	resp, err := c.Get("u") // want `response body of resp is closed without being read`
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	return peekPtr(&resp.Body)
}

// The success path still has to drain.
func readErrorBodyThenDecode(c *http.Client, v any) error {
	resp, err := c.Get("u") // want `response body of resp is closed without being read`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := checkStatusRead(resp); err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// More inside an array is false at ']': not the end of the input.
func decodeArray(c *http.Client) error {
	resp, err := c.Get("u") // want `response body of resp is closed without being read`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		var x int
		if err := dec.Decode(&x); err != nil {
			return err
		}
	}
	return nil
}

// One Decode without More: not the end.
func decodeOne(c *http.Client, v any) error {
	resp, err := c.Get("u") // want `response body of resp is closed without being read`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

type statusError struct {
	Resp *http.Response
	Body []byte
}

func (e *statusError) Error() string { return "status " + e.Resp.Status }

func checkStatusRead(r *http.Response) error {
	if r.StatusCode == http.StatusOK {
		return nil
	}
	e := &statusError{Resp: r}
	e.Body, _ = io.ReadAll(io.LimitReader(r.Body, 1<<20))
	return e
}
