// Package alone: with bodyclose turned off (Config.Alone), drainbody
// reports the drain paths of responses that bodyclose would report.
package alone

import (
	"fmt"
	"net/http"
)

func bothAnalyzers(hc *http.Client, url string) error {
	resp, err := hc.Get(url) // want `response body of resp is closed without being read on some path`
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusInternalServerError {
		return fmt.Errorf("server error") // leaks: bodyclose's finding
	}
	defer resp.Body.Close()
	return nil // closed unread: drainbody's
}

// Never closed on any path: nothing for drainbody, even alone.
func neverClosed(hc *http.Client, url string) (int, error) {
	resp, err := hc.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
