package issue8

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"

	"issue8help"
	"issue8xio"
)

// -- issue 8, item 5: a status check that takes the response is not a read --

func statusOK(resp *http.Response) error {
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func earlyCloseAfterCheck(c *http.Client) error {
	resp, err := c.Get("u") // want `response body of resp is closed before (it is|anything is) read`
	if err != nil {
		return err
	}
	if err := statusOK(resp); err != nil {
		resp.Body.Close()
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func earlyCloseAfterCheckOther(c *http.Client) error {
	resp, err := c.Get("u") // want `response body of resp is closed without being read`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := issue8help.StatusOK(resp); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// A decode helper's error is a read error: an exceptional path.
func decodeHelper(c *http.Client, v any) error {
	resp, err := c.Get("u")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := issue8help.DecodeJSON(resp, v); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// -- issue 8, item 7: a helper drains through a pointer to the body --

func save(dst io.Writer, body *io.ReadCloser) error {
	_, err := io.Copy(dst, *body)
	return err
}

func saveLocal(c *http.Client, f *os.File) error {
	resp, err := c.Get("u")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return save(f, &resp.Body)
}

func saveOther(c *http.Client, f *os.File) error {
	resp, err := c.Get("u")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return issue8help.Save(f, &resp.Body)
}

// -- issue 8, item 8: a deferred closure drains a captured alias --

func capturedAlias(c *http.Client) error {
	resp, err := c.Get("u")
	if err != nil {
		return err
	}
	var r io.Reader = resp.Body
	defer func() {
		io.Copy(io.Discard, r)
		resp.Body.Close()
	}()
	return nil
}

func capturedAliasCloser(c *http.Client) error {
	resp, err := c.Get("u")
	if err != nil {
		return err
	}
	body := resp.Body
	defer func() {
		fmt.Println(resp.Status)
		io.Copy(io.Discard, body)
		body.Close()
	}()
	return nil
}

func capturedAliasNoDrain(c *http.Client) error {
	resp, err := c.Get("u") // want `response body of resp is closed without being read`
	if err != nil {
		return err
	}
	var r io.Reader = resp.Body
	defer func() {
		var b [8]byte
		r.Read(b[:])
		resp.Body.Close()
	}()
	return nil
}

// -- issue 8, item 9: a status check reads the body into the error --

type StatusError struct {
	Resp *http.Response
	Body []byte
}

func (e *StatusError) Error() string { return "status " + e.Resp.Status }

func checkStatus(r *http.Response) error {
	if r.StatusCode == http.StatusOK {
		return nil
	}
	e := &StatusError{Resp: r}
	e.Body, _ = io.ReadAll(io.LimitReader(r.Body, 1<<20))
	return e
}

func readErrorBody(c *http.Client) error {
	resp, err := c.Get("u")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := checkStatus(resp); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func readErrorBodyOther(c *http.Client, v any) error {
	resp, err := c.Get("u")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := issue8help.CheckStatus(resp); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// -- issue 8, item 10: deferred calls run last in, first out --

func deferDrainFirst(c *http.Client) error {
	resp, err := c.Get("u") // want `response body of resp is closed without being read`
	if err != nil {
		return err
	}
	defer io.Copy(io.Discard, resp.Body) // runs after the Close below
	defer resp.Body.Close()
	return nil
}

func deferDrainLast(c *http.Client) error {
	resp, err := c.Get("u")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	defer io.Copy(io.Discard, resp.Body)
	return nil
}

func deferClosureOrder(c *http.Client) error {
	resp, err := c.Get("u") // want `response body of resp is closed without being read`
	if err != nil {
		return err
	}
	defer func() { io.Copy(io.Discard, resp.Body) }()
	defer func() { resp.Body.Close() }()
	return nil
}

func deferInsideClosure(c *http.Client) error {
	resp, err := c.Get("u") // want `response body of resp is closed without being read`
	if err != nil {
		return err
	}
	defer func() {
		defer io.Copy(io.Discard, resp.Body) // runs after the Close
		resp.Body.Close()
	}()
	return nil
}

func deferDrainThenDirectClose(c *http.Client) error {
	resp, err := c.Get("u") // want `response body of resp is closed before (it is|anything is) read`
	if err != nil {
		return err
	}
	defer io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return nil
}

// -- issue 8, item 11: json.Decoder.More at top level proves EOF --

func decodeOneMore(c *http.Client, v any) error {
	resp, err := c.Get("u")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data")
	}
	return nil
}

func decodeStream(c *http.Client) ([]int, error) {
	resp, err := c.Get("u")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	var out []int
	for dec.More() {
		var x int
		if err := dec.Decode(&x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

// -- issue 8, item 3 (drainbody side): helpers of a package that never
// imports net/http --

func discardOther(c *http.Client) error {
	resp, err := c.Get("u")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return issue8xio.Discard(resp.Body)
}

func discardLinesOther(c *http.Client) int {
	resp, err := c.Get("u")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	return issue8xio.DiscardLines(resp.Body)
}

func peekOther(c *http.Client) ([]byte, error) {
	resp, err := c.Get("u") // want `response body of resp is closed without being read to EOF`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return issue8xio.Peek(resp.Body)
}

// -- issue 8, item 5: a status check that is a method of a wrapper type --

type checked struct{ *http.Response }

func (r checked) ok() error {
	if r.StatusCode/100 != 2 {
		return fmt.Errorf("status %d", r.StatusCode)
	}
	return nil
}

func earlyCloseAfterMethodCheck(c *http.Client) error {
	resp, err := c.Get("u") // want `response body of resp is closed before anything is read from it`
	if err != nil {
		return err
	}
	if err := (checked{resp}).ok(); err != nil {
		resp.Body.Close()
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
