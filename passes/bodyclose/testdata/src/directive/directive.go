package directive

import (
	"net/http"

	"marked"
)

func useFetch(t marked.Transport) int {
	resp, ok := marked.Fetch(t, "/x") // want `response body of resp is never closed`
	if !ok {
		return 0
	}
	return resp.StatusCode
}

func useFetchClosed(t marked.Transport) int {
	resp, ok := marked.Fetch(t, "/x")
	if !ok {
		return 0
	}
	defer marked.Recycle(resp)
	return resp.StatusCode
}

func ignored(url string) int {
	resp, _ := http.Get(url) //bodyclose:ignore bodyclose the process exits right after
	return resp.StatusCode
}

func ignoredAbove(url string) int {
	//bodyclose:ignore bodyclose checked by hand
	resp, _ := http.Get(url)
	return resp.StatusCode
}

func notIgnored(url string) int {
	resp, _ := http.Get(url) // want `response body of resp is never closed`
	// bodyclose:ignore (a space makes it an ordinary comment, not a directive)
	return resp.StatusCode
}
