package leaky

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// Latest returns early on a bad status: the deferred Close then closes an
// error page nobody read, so the transport drops the connection instead of
// reusing it (before Go 1.27, and for large bodies after).
func Latest(c *http.Client, url string) (*Item, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("latest: %s", resp.Status)
	}
	var it Item
	return &it, json.NewDecoder(resp.Body).Decode(&it)
}
