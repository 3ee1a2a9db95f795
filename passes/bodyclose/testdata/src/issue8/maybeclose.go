package issue8

import (
	"io"
	"net/http"

	"issue8xio"
)

// -- deliberately not reported: a helper that closes on some paths only
// takes ownership (docs/bodyclose.md, "Deliberately not reported") --

func maybeClose(rc io.ReadCloser, b bool) {
	if b {
		rc.Close()
	}
}

func finishResp(r *http.Response, keep bool) {
	if !keep {
		r.Body.Close()
	}
}

func callsMaybeClose(url string) {
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	maybeClose(resp.Body, len(url) > 3)
}

func callsFinishKeep(url string, keep bool) {
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	finishResp(resp, keep)
}

func callsMaybeCloseOther(url string) {
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	issue8xio.MaybeClose(resp.Body, false)
}

// A helper that never closes is a borrow: the caller's leak is reported.
func neverCloses(rc io.ReadCloser, b bool) {
	if b {
		_, _ = rc.Read(nil)
	}
}

func callsNeverCloses(url string) {
	resp, err := http.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return
	}
	neverCloses(resp.Body, true)
}
