package fixplain

import "net/http"

func status(url string) (int, error) {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
