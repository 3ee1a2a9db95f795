// Package related checks where the related positions of findings stand
// (issue 8, item 16): each `// related "rx"` comment must match a related
// position on its line, and every related position must have one.
package related

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"
)

// An endless poller never returns: the leak is the next iteration.
func poll(c *http.Client, u string) {
	for {
		resp, err := c.Get(u) // want `response body of resp is never closed`
		if err != nil {
			continue
		}
		fmt.Println(resp.StatusCode)
		time.Sleep(time.Second)
	} // related "the next iteration starts here without closing the body"
}

func pollRange(c *http.Client, urls []string) {
	for _, u := range urls {
		resp, err := c.Get(u) // want `response body of resp is never closed`
		if err != nil {
			continue
		}
		fmt.Println(resp.StatusCode)
	} // related "the next iteration starts here"
}

func pollRetry(c *http.Client, u string) {
	for {
		resp, err := c.Get(u) // want `response body of resp is not closed before the next loop iteration replaces it, after a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			log.Print("retry")
			continue // related "continues to the next iteration here without closing the body"
		}
		resp.Body.Close()
		time.Sleep(time.Second)
	}
}

func pollSwitch(c *http.Client, u string) {
outer:
	for i := 0; ; i++ {
		resp, err := c.Get(u) // want `response body of resp is not closed before the next loop iteration replaces it`
		if err != nil {
			continue
		}
		for j := 0; j < 2; j++ {
			if j == 1 {
				continue
			}
		}
		switch resp.Header.Get("Retry") {
		case "now":
			continue outer // related "continues to the next iteration here"
		}
		resp.Body.Close()
	}
}

// The bad side falls through to the function's final return.
func badFall(c *http.Client, u string) error {
	resp, err := c.Get(u) // want `response body of resp is not closed on the path where the status is bad`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK { // related "the status check fails here"
		log.Printf("bad status %d", resp.StatusCode)
	} else {
		defer resp.Body.Close()
		fmt.Println("ok")
	}
	return nil // related "then the function returns here without closing the body"
}

// The bad side returns early: the note is that return.
func badEarly(c *http.Client, u string) error {
	resp, err := c.Get(u) // want `response body of resp is not closed when the function returns early on a bad status`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status) // related "returns here on a bad status without closing the body"
	}
	defer resp.Body.Close()
	return nil
}

func earlyReturn(c *http.Client, u string, strict bool) error {
	resp, err := c.Get(u) // want `response body of resp is not closed when the function returns early`
	if err != nil {
		return err
	}
	if strict && resp.Header.Get("X") == "" {
		return errors.New("no X") // related "returns here without closing the body"
	}
	resp.Body.Close()
	return nil
}

func implicitEnd(c *http.Client, u string, verbose bool) {
	resp, err := c.Get(u) // want `response body of resp is not closed on every path`
	if err != nil {
		return
	}
	if verbose {
		resp.Body.Close()
	}
} // related "the function ends here without closing the body"

// -- the exit that leaks is a branch statement (issue 8, item 16) --

// continue to an outer loop: the `continue outer`, not the inner loop's
// closing brace.
func continueOuter(urls [][]string) {
outer:
	for _, us := range urls {
		for _, u := range us {
			resp, err := http.Get(u) // want `not closed before the next loop iteration replaces it, after a bad status`
			if err != nil {
				continue
			}
			if resp.StatusCode == 500 {
				continue outer // related "continues to the next iteration here without closing the body"
			}
			resp.Body.Close()
		}
	}
}

func continueOuterFor(c *http.Client, us []string) {
retry:
	for i := 0; i < 3; i++ {
		for _, u := range us {
			resp, err := c.Get(u) // want `not closed before the next loop iteration replaces it`
			if err != nil {
				continue
			}
			if resp.Header.Get("X-Retry") != "" {
				continue retry // related "continues to the next iteration here"
			}
			resp.Body.Close()
		}
	}
}

// break out of the loop on a bad status: the break.
func breakOuter(urls [][]string) int {
	n := 0
outer:
	for _, us := range urls {
		for _, u := range us {
			resp, err := http.Get(u) // want `not closed when the function leaves the loop on a bad status`
			if err != nil {
				continue
			}
			if resp.StatusCode == 404 {
				break outer // related "leaves the loop here on a bad status without closing the body"
			}
			n++
			resp.Body.Close()
		}
	}
	return n
}

func breakInner(urls []string) int {
	n := 0
	for _, u := range urls {
		resp, err := http.Get(u) // want `not closed when the function leaves the loop on a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode == 404 {
			break // related "leaves the loop here on a bad status without closing the body"
		}
		n++
		resp.Body.Close()
	}
	return n
}

func breakNoStatus(urls []string, stop func(string) bool) int {
	n := 0
	for _, u := range urls {
		resp, err := http.Get(u) // want `not closed when the function leaves the loop`
		if err != nil {
			continue
		}
		if stop(resp.Header.Get("X")) {
			break // related "leaves the loop here without closing the body"
		}
		n++
		resp.Body.Close()
	}
	return n
}

// A break inside a switch leaves the switch, not the loop: the next
// iteration is the exit.
func breakSwitch(urls []string) {
	for _, u := range urls {
		resp, err := http.Get(u) // want `not closed before the next loop iteration replaces it`
		if err != nil {
			continue
		}
		switch resp.StatusCode {
		case 200:
			resp.Body.Close()
		default:
			break
		}
	} // related "the next iteration starts here without closing the body"
}

// A goto retry loop: the goto.
func gotoAgain(u string, n int) int {
	i := 0
again:
	resp, err := http.Get(u) // want `not closed before the next loop iteration replaces it`
	if err != nil {
		return i
	}
	i++
	if i < n && resp.StatusCode != http.StatusOK {
		goto again // related "goes back here to acquire it again without closing the body"
	}
	resp.Body.Close()
	return i
}

// A leak inside the body of a range-over-func loop.
func inRangeFunc(seq func(func(string) bool)) int {
	n := 0
	for u := range seq {
		resp, err := http.Get(u) // want `response body of resp is never closed`
		if err != nil {
			continue
		}
		n += resp.StatusCode
	} // related "the next iteration starts here without closing the body"
	return n
}

func inRangeFuncBreak(seq func(func(string) bool)) int {
	n := 0
	for u := range seq {
		resp, err := http.Get(u) // want `not closed when the function leaves the loop on a bad status`
		if err != nil {
			continue
		}
		if resp.StatusCode != 200 {
			break // related "leaves the loop here on a bad status without closing the body"
		}
		n++
		resp.Body.Close()
	}
	return n
}

// -- never closed: the note does not single out a bad status --

func neverElseIf(url string) error {
	if resp, err := http.Get(url); err != nil { // want `response body of resp is never closed`
		return err
	} else if resp.StatusCode != 200 {
		return nil
	}
	return nil // related "^the function returns here without closing the body"
}

func neverOnlyBad(url string) (int, error) {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != 200 {
		return 0, errors.New(resp.Status) // related "^the function returns here without closing the body"
	}
	panic("unreachable")
}

// Closed on the good side: the bad status is the leak, said in both.
func closedElseIf(url string) error {
	if resp, err := http.Get(url); err != nil { // want `not closed when the function returns early on a bad status`
		return err
	} else if resp.StatusCode != 200 {
		return nil // related "returns here on a bad status without closing the body"
	} else {
		resp.Body.Close()
	}
	return nil
}
