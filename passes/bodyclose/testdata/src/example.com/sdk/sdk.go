// Package sdk stands for a third-party client whose code the analysis sees
// but cannot understand: Fetch's response comes from a generated stub and
// Finish hands the body to a pool.
package sdk

import (
	"errors"
	"io"
	"net/http"
)

type Client struct{}

func (c *Client) Fetch(path string) (*http.Response, error) { return nil, errors.New("stub") }

func Finish(r *http.Response) {}

// DrainClose takes the body as an io.Reader and closes it through a type
// assertion the analysis cannot see behind: only -closers says so.
func DrainClose(r io.Reader) {}
