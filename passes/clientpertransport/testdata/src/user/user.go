package user

import (
	"net/http"
	"time"

	"factory"
)

func perCall(url string) error {
	c := factory.NewClient(time.Second) // want `transport from NewClient created in perCall is dropped when perCall returns`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func perCallTransport(url string) error {
	c := &http.Client{Transport: factory.NewTransport()} // want `http.Client built around a transport from NewTransport in perCallTransport is dropped`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func shared(url string) error {
	resp, err := factory.Shared().Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func closed(url string) error {
	c := factory.NewClient(time.Second)
	defer factory.Close(c)
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
