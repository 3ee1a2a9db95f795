package testfiles

import (
	"net/http"
	"testing"
)

func TestLeak(t *testing.T) {
	resp, err := http.Get("http://example.invalid") // want `response body of resp is never closed`
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
}
