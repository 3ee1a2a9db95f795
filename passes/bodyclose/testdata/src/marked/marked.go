// Package marked holds functions whose summaries come from directives.
package marked

import (
	"net/http"
	"sync"
)

var pool sync.Map

// Recycle hands the response to a recycler that closes it later; the
// analysis would call this "takes", the directive makes it a closer.
//
//bodyclose:closes
func Recycle(r *http.Response) { // want Recycle:`closes\(0\)`
	if r.StatusCode > 0 {
		pool.Store(r, true)
	}
}

type Transport interface {
	Send(path string) (*http.Response, bool)
}

// Fetch returns a live response obtained in a way the analysis cannot
// follow.
//
//bodyclose:returns
func Fetch(t Transport, path string) (*http.Response, bool) { // want Fetch:`returns\(0\)`
	return t.Send(path)
}
