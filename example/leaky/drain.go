package leaky

import (
	"encoding/json"
	"net/http"
)

// Latest decodes one JSON value and closes the body: whatever follows the
// value (a trailing newline, the rest of an error page) is left unread, so
// the transport drops the connection instead of reusing it (before Go 1.27,
// and for large bodies after).
func Latest(c *http.Client, url string) (*Item, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var it Item
	return &it, json.NewDecoder(resp.Body).Decode(&it)
}
