package factory

import (
	"net/http"
	"time"
)

// NewTransport returns a fresh transport.
func NewTransport() *http.Transport { // want NewTransport:`pool.returns\(0\)`
	return &http.Transport{IdleConnTimeout: time.Minute}
}

// NewClient returns a client that owns a fresh transport.
func NewClient(timeout time.Duration) *http.Client { // want NewClient:`pool.returns\(0\)`
	return &http.Client{Transport: NewTransport(), Timeout: timeout}
}

// Shared returns the process-wide client: not a fresh pool.
func Shared() *http.Client { return shared }

var shared = &http.Client{Transport: NewTransport()}

// Close releases the pool it is given.
func Close(c *http.Client) { // want Close:`pool.closes\(0\)`
	c.CloseIdleConnections()
}
