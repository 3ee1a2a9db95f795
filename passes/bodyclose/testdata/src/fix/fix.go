package fix

import (
	"fmt"
	"net/http"
)

func status(url string) (int, error) {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return 0, fmt.Errorf("get: %w", err)
	}
	return resp.StatusCode, nil
}

func blank(url string) int {
	resp, _ := http.Get(url) // want `response body of resp is never closed`
	return resp.StatusCode
}

func uncheckedErr(url string) (int, error) {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	fmt.Println(err)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil // no fix: the error is checked late
}
