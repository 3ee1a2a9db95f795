package fiximport

import (
	"encoding/json"
	"net/http"
)

func decode(url string, v any) error {
	resp, err := http.Get(url) // want `closed without being read to EOF on some path`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}
