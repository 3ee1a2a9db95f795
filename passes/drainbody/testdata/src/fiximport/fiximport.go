package fiximport

import (
	"encoding/json"
	"net/http"
)

func status(url string) (int, error) {
	resp, err := http.Get(url) // want `closed without being read on some path`
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

var _ = json.Valid
