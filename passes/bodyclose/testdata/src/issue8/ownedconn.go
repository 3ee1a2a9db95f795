package issue8

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
)

// -- http.ReadResponse over a connection the function owns: closing the
// connection, or handing it on, disposes of the body too
// (gorilla/websocket's proxy dialer, net/rpc's DialHTTPPath) --

func proxyDial(conn net.Conn, connectReq *http.Request) (net.Conn, error) {
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, connectReq)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if resp.StatusCode != 200 {
		conn.Close()
		f := strings.SplitN(resp.Status, " ", 2)
		return nil, errors.New(f[1])
	}
	return conn, nil
}

type rpcClient struct{ c io.ReadWriteCloser }

func newRPCClient(c io.ReadWriteCloser) *rpcClient { return &rpcClient{c} }

func dialHTTP(address string) (*rpcClient, error) {
	conn, err := net.Dial("tcp", address)
	if err != nil {
		return nil, err
	}
	io.WriteString(conn, "CONNECT /rpc HTTP/1.0\n\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: "CONNECT"})
	if err == nil && resp.Status == "200 Connected" {
		return newRPCClient(conn), nil
	}
	conn.Close()
	return nil, errors.New("unexpected response")
}

func deferConnClose(address string, req *http.Request) (int, error) {
	conn, err := net.Dial("tcp", address)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Neither the connection nor the body is closed or handed on.
func leakOwned(address string, req *http.Request) (int, error) {
	conn, err := net.Dial("tcp", address)
	if err != nil {
		return 0, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req) // want `response body of resp is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// -- a response handed out with an error, but with its body swapped for
// an in-memory copy (gorilla/websocket's ErrBadHandshake): nothing live --

var errBadHandshake = errors.New("bad handshake")

func handshake(conn net.Conn, req *http.Request) (*http.Response, error) {
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		buf := make([]byte, 1024)
		n, _ := io.ReadFull(resp.Body, buf)
		resp.Body = io.NopCloser(bytes.NewReader(buf[:n]))
		return resp, errBadHandshake
	}
	resp.Body = io.NopCloser(bytes.NewReader(nil))
	return resp, nil
}

// A dialer whose handshake answer, read from its own connection, always
// has its body replaced: callers get nothing live.
func dialWS(conn net.Conn, req *http.Request) (net.Conn, *http.Response, error) {
	br := bufio.NewReaderSize(conn, 4096)
	resp, err := http.ReadResponse(br, req)
	if err != nil {
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		buf := make([]byte, 1024)
		n, _ := io.ReadFull(resp.Body, buf)
		resp.Body = io.NopCloser(bytes.NewReader(buf[:n]))
		conn.Close()
		return nil, resp, errBadHandshake
	}
	resp.Body = io.NopCloser(bytes.NewReader(nil))
	return conn, resp, nil
}

func useWS(conn net.Conn, req *http.Request) (net.Conn, error) {
	c, resp, err := dialWS(conn, req)
	if err != nil {
		return nil, err
	}
	_ = resp.StatusCode // nothing live to close
	return c, nil
}
