// Package drain: functions labelled for drainbody ("// drain:leak" when
// some path closes the body before reading it to EOF).
package drain

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/ioutil"
	"net/http"
	"net/http/httputil"
	"strings"

	"corpus/httpx"
)

type Widget struct{ ID string }

func ListWidgets(ctx context.Context, c *http.Client, u string) ([]Widget, error) { // drain:leak
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("list widgets: %s", resp.Status)
	}
	var ws []Widget
	if err := json.NewDecoder(resp.Body).Decode(&ws); err != nil {
		return nil, err
	}
	return ws, nil
}

func ListWidgetsDrained(ctx context.Context, c *http.Client, u string) ([]Widget, error) { // drain:ok
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("list widgets: %s", resp.Status)
	}
	var ws []Widget
	return ws, json.NewDecoder(resp.Body).Decode(&ws)
}

func ReadBody(u string) ([]byte, error) { // drain:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func ReadBodyOld(u string) ([]byte, error) { // drain:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return ioutil.ReadAll(resp.Body)
}

func StatusGate(u string) ([]byte, error) { // drain:leak
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return nil, errors.New(resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func StatusGateDrained(u string) ([]byte, error) { // drain:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 300 {
		return nil, fmt.Errorf("%s: %s", resp.Status, b)
	}
	return b, nil
}

func DecodeXML(u string, v any) error { // drain:leak
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return xml.NewDecoder(resp.Body).Decode(v)
}

func CopyToBuffer(u string) (*bytes.Buffer, error) { // drain:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(resp.Body)
	return &buf, err
}

func Tail(u string) (string, error) { // drain:ok
	resp, err := http.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	last := ""
	for sc.Scan() {
		last = sc.Text()
	}
	return last, sc.Err()
}

func FirstLine(u string) (string, error) { // drain:leak
	resp, err := http.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	if sc.Scan() {
		return sc.Text(), nil
	}
	return "", sc.Err()
}

func Find(u, needle string) (bool, error) { // drain:leak
	resp, err := http.Get(u)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if strings.Contains(sc.Text(), needle) {
			return true, nil
		}
	}
	return false, sc.Err()
}

func Stream(u string, fn func(Widget)) error { // drain:ok
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	for {
		var w Widget
		if err := dec.Decode(&w); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		fn(w)
	}
}

func Peek(u string) ([]byte, error) { // drain:leak
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	buf := make([]byte, 512)
	n, err := resp.Body.Read(buf)
	return buf[:n], err
}

func CloseThenRead(u string) ([]byte, error) { // drain:leak
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func Bounded(u string) error { // drain:ok
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		return errors.New(resp.Status)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func BoundedN(u string) error { // drain:ok
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.CopyN(io.Discard, resp.Body, 1<<16)
	if err == io.EOF {
		err = nil
	}
	return err
}

func Exists(u string) (bool, error) { // drain:ok
	resp, err := http.Head(u)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK, nil
}

func ExistsReq(ctx context.Context, c *http.Client, u string) (bool, error) { // drain:ok
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, u, nil)
	if err != nil {
		return false, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return false, err
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK, nil
}

func Delete(c *http.Client, u string) error { // drain:ok
	req, err := http.NewRequest(http.MethodDelete, u, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNoContent {
		return nil
	}
	b, _ := io.ReadAll(resp.Body)
	return fmt.Errorf("delete: %s: %s", resp.Status, b)
}

func DeleteLeak(c *http.Client, u string) error { // drain:leak
	req, err := http.NewRequest(http.MethodDelete, u, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("delete: %s", resp.Status)
	}
	return nil
}

func ViaHelper(ctx context.Context, c *httpx.Client, u string) error { // drain:ok
	resp, err := c.Get(ctx, u)
	if err != nil {
		return err
	}
	defer httpx.DrainAndClose(resp.Body)
	if resp.StatusCode != 200 {
		return errors.New(resp.Status)
	}
	return nil
}

func ViaCloseOnlyHelper(ctx context.Context, c *httpx.Client, u string) error { // drain:leak
	resp, err := c.Get(ctx, u)
	if err != nil {
		return err
	}
	defer httpx.Close(resp.Body)
	if resp.StatusCode != 200 {
		return errors.New(resp.Status)
	}
	return nil
}

func discardAll(r io.Reader) {
	io.Copy(io.Discard, r)
}

func LocalDrain(u string) error { // drain:ok
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	discardAll(resp.Body)
	return nil
}

func Dump(u string) ([]byte, error) { // drain:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return httputil.DumpResponse(resp, true)
}

func Upgrade(c *http.Client, req *http.Request) (io.ReadWriteCloser, error) { // drain:ok
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return nil, fmt.Errorf("upgrade: %s: %s", resp.Status, b)
	}
	rwc, ok := resp.Body.(io.ReadWriteCloser)
	if !ok {
		resp.Body.Close()
		return nil, errors.New("body is not writable")
	}
	return rwc, nil
}

func NotModified(c *http.Client, req *http.Request) ([]byte, bool, error) { // drain:ok
	resp, err := c.Do(req)
	if err != nil {
		return nil, false, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil, false, nil
	}
	b, err := io.ReadAll(resp.Body)
	return b, true, err
}

func Unclosed(u string) int { // drain:ok
	// A bodyclose finding only: drainbody must stay quiet.
	resp, err := http.Get(u)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func Retry(c *http.Client, req *http.Request) (*http.Response, error) { // drain:leak
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

func RetryDrained(c *http.Client, req *http.Request) (*http.Response, error) { // drain:ok
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

func ErrorBody(c *http.Client, req *http.Request, v any) error { // drain:ok
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("status %d: %s", resp.StatusCode, body)
	}
	return json.Unmarshal(body, v)
}
