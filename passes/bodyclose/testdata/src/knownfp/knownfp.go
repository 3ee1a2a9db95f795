// Package knownfp pins the false positives found on the standard library
// that the analysis cannot yet avoid. Each expectation below marks a report
// that is wrong; a change that removes one must delete it (and the entry in
// doc.go's "Known false positives").
package knownfp

import (
	"net"
	"net/http"
)

// From net/http's Client.do: after the first request, len(reqs) > 0, so
// the path that skips the redirect block (where resp is handed on) is
// infeasible after the first send.
func redirects(c *http.Client, req *http.Request) (*http.Response, error) {
	var reqs []*http.Request
	var resp *http.Response
	for {
		if len(reqs) > 0 {
			if resp.Header.Get("Location") == "" {
				return resp, nil
			}
			req = &http.Request{Method: "GET", Response: resp}
		}
		reqs = append(reqs, req)
		var err error
		resp, err = c.Do(req) // want `not closed before the next loop iteration replaces it`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode/100 != 3 {
			return resp, nil
		}
	}
}

// From net/http/httputil's DumpRequestOut: the response of a transport
// dialing a fake connection that answers "204, Connection: close" is
// discarded on purpose.
func dumpOut(req *http.Request, dial func(network, addr string) (net.Conn, error)) error {
	t := &http.Transport{Dial: dial}
	defer t.CloseIdleConnections()
	_, err := t.RoundTrip(req) // want `the response is discarded`
	return err
}
