// Package fixmod has one finding of bodyclose and one of drainbody, each
// with a suggested fix; after one -fix pass neither analyzer reports.
package fixmod

import (
	"encoding/json"
	"fmt"
	"net/http"
)

func Status(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func Decode(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
