package issue8

import (
	"bufio"
	"errors"
	"net"
	"net/http"
)

// -- issue 8, item 15: 1xx interim responses and CONNECT answers have no body --

// From net/http's persistConn.readResponse: 1xx responses have no body
// (http.NoBody), so dropping them in the loop leaks nothing.
func readFinal(br *bufio.Reader, req *http.Request) (*http.Response, error) {
	for {
		resp, err := http.ReadResponse(br, req)
		if err != nil {
			return nil, err
		}
		code := resp.StatusCode
		is1xx := 100 <= code && code <= 199
		if is1xx && code != http.StatusSwitchingProtocols {
			continue
		}
		return resp, nil
	}
}

func skipContinue(br *bufio.Reader, req *http.Request) (*http.Response, error) {
	for {
		resp, err := http.ReadResponse(br, req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusContinue {
			continue
		}
		return resp, nil
	}
}

func untilFinal(br *bufio.Reader, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for {
		resp, err = http.ReadResponse(br, req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode/100 != 1 {
			break
		}
	}
	return resp, nil
}

// A 2xx is not interim: dropping it leaks.
func skipSuccess(br *bufio.Reader, req *http.Request) (*http.Response, error) {
	for {
		resp, err := http.ReadResponse(br, req) // want `response body of resp is not closed before the next loop iteration replaces it`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 300 {
			continue
		}
		return resp, nil
	}
}

// A client never returns 1xx interim responses: its skipped response leaks.
func clientSkip(c *http.Client, url string) (*http.Response, error) {
	for {
		resp, err := c.Get(url) // want `response body of resp is not closed before the next loop iteration replaces it`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusContinue {
			continue
		}
		return resp, nil
	}
}

// A 200 answer to CONNECT: the connection is now the tunnel, no body.
func dialTunnel(conn net.Conn, addr string) error {
	req := &http.Request{Method: "CONNECT", Host: addr}
	if err := req.Write(conn); err != nil {
		return err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return errors.New(resp.Status)
	}
	return nil
}

func dialTunnel2(conn net.Conn, addr string) (net.Conn, error) {
	req, err := http.NewRequest(http.MethodConnect, "http://"+addr, nil)
	if err != nil {
		return nil, err
	}
	if err := req.Write(conn); err != nil {
		return nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 == 2 {
		return conn, nil
	}
	resp.Body.Close()
	return nil, errors.New(resp.Status)
}

// The error answer to CONNECT has a body like any other.
func dialTunnelLeak(conn net.Conn, addr string) error {
	req := &http.Request{Method: http.MethodConnect, Host: addr}
	if err := req.Write(conn); err != nil {
		return err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req) // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return nil
}

// A GET read with ReadResponse: its 200 has a body.
func readGet(conn net.Conn, req *http.Request) error {
	resp, err := http.ReadResponse(bufio.NewReader(conn), req) // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return nil
}

// Status comparisons the path already decided are not followed again.
func statusTwice(c *http.Client) error {
	resp, err := c.Get("u")
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusOK {
		defer resp.Body.Close()
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return errors.New(resp.Status)
	}
	return nil
}
