package a

import "net/http"

// A response bound to a variable that is never used: the message names
// the variable.
func boundUnused(u string) error {
	resp, err := http.Get(u) // want `response body of resp is never closed: resp is never used`
	if err != nil {
		return err
	}
	_ = resp
	return nil
}

type wrapped struct{ resp *http.Response }

func (w *wrapped) Close() error { return w.resp.Body.Close() }

func getWrapped(u string) (*wrapped, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return &wrapped{resp: resp}, nil
}

func holderUnused(u string) error {
	w, err := getWrapped(u) // want `response held by w is never closed: w is never used`
	if err != nil {
		return err
	}
	_ = w
	return nil
}

func discardedGet(u string) {
	_, _ = http.Get(u) // want `response body from http.Get is never closed: the response is discarded`
}

func holderUsed(u string) error {
	w, err := getWrapped(u)
	if err != nil {
		return err
	}
	return w.Close()
}
