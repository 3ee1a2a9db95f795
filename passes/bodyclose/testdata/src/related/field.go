package related

import (
	"fmt"
	"net/http"
)

// The client comes from a field: the field load runs again at the top of
// the next iteration, after the `continue` (issue 8, re-trial item 1).
type poller struct{ c *http.Client }

type gpoller[T any] struct {
	c *http.Client
	v T
}

type nested struct{ p *poller }

func (p *poller) forever(u string) {
	for {
		resp, err := p.c.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode != 200 {
			continue // related "continues to the next iteration here"
		}
		resp.Body.Close()
	}
}

func (p *poller) printsFirst(u string) {
	for {
		resp, err := p.c.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode != 200 {
			fmt.Println("bad")
			continue // related "continues to the next iteration here"
		}
		resp.Body.Close()
	}
}

// A statement above the acquisition runs in the next iteration too.
func (p *poller) stmtAbove(urls []string) {
	i := 0
	for {
		u := fmt.Sprint(urls[i%len(urls)])
		i++
		resp, err := p.c.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			continue // related "continues to the next iteration here"
		}
		resp.Body.Close()
	}
}

func (p *poller) outer(groups [][]string) {
outer:
	for _, g := range groups {
		for _, u := range g {
			resp, err := p.c.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
			if err != nil {
				continue
			}
			if resp.StatusCode >= 500 {
				continue outer // related "continues to the next iteration here"
			}
			resp.Body.Close()
		}
	}
}

func (p *poller) retry(u string) error {
	n := 0
retry:
	resp, err := p.c.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
	if err != nil {
		return err
	}
	if resp.StatusCode == 503 && n < 3 {
		n++
		goto retry // related "goes back here to acquire it again"
	}
	resp.Body.Close()
	return nil
}

func (n *nested) deepField(us []string) {
	for _, u := range us {
		resp, err := n.p.c.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			continue // related "continues to the next iteration here"
		}
		resp.Body.Close()
	}
}

func (p *gpoller[T]) generic(u string) {
	for {
		resp, err := p.c.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode != 200 {
			continue // related "continues to the next iteration here"
		}
		resp.Body.Close()
	}
}

// The leaking path falls off the end of the loop body while the closed
// path ends in `continue` (issue 8, re-trial item 2): the note is on the
// leaking path, the loop's closing brace.
func closedContinues(c *http.Client, us []string) {
	for _, u := range us {
		resp, err := c.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode == 200 {
			resp.Body.Close()
			continue
		}
	} // related "the next iteration starts here without closing the body"
}

func handedOnContinues(c *http.Client, us []string, out chan<- *http.Response) {
	for _, u := range us {
		resp, err := c.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode == 200 {
			out <- resp
			continue
		}
	} // related "the next iteration starts here without closing the body"
}

func (p *poller) closedContinuesField() {
	for {
		resp, err := p.c.Get("u") // want `not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode == 200 && resp.ContentLength > 0 {
			fmt.Println(resp.ContentLength)
			resp.Body.Close()
			continue
		}
	} // related "the next iteration starts here without closing the body"
}

// The same shape with a break: the leaking path leaves the loop by
// falling off its end, not by the break of the closed path.
func closedBreaks(c *http.Client, us []string) {
	for _, u := range us {
		resp, err := c.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode == 200 {
			resp.Body.Close()
			break
		}
	} // related "the next iteration starts here without closing the body"
}

// Negative: the leaking path is the `continue` in the else branch.
func elseContinues(c *http.Client, us []string) {
	for _, u := range us {
		resp, err := c.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode == 200 {
			resp.Body.Close()
		} else {
			continue // related "continues to the next iteration here"
		}
	}
}
