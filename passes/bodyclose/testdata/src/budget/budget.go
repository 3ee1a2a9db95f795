// Package budget: with a tiny budget (TestDebug sets 3 path states) the
// analysis of these responses gives up; -debug says so at each one, and
// at the functions whose summary gave up.
package budget

import "net/http"

func many(c *http.Client, a, b, d bool) int { // want `the summary of many gave up after 3 path states \(the budget\): callers take it to keep what they pass`
	resp, err := c.Get("u") // want `bodyclose gave up here in many after 3 path states \(the budget\): leaks of this value are not reported`
	if err != nil {
		return 0
	}
	n := 0
	if a {
		n++
	}
	if b {
		n++
	}
	if d {
		n++
	}
	return n + resp.StatusCode
}
