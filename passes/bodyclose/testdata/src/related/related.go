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
