// Package svc uses httpx and never imports net/http itself.
package svc

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"corpus/httpx"
)

type Order struct{ ID string }

func LoadOrder(ctx context.Context, c *httpx.Client, id string) (*Order, error) { // corpus:ok
	resp, err := c.Get(ctx, "/orders/"+id)
	if err != nil {
		return nil, err
	}
	defer httpx.CloseResponse(resp)
	var o Order
	return &o, json.NewDecoder(resp.Body).Decode(&o)
}

func LoadOrderLeak(ctx context.Context, c *httpx.Client, id string) (*Order, error) { // corpus:leak
	resp, err := c.Get(ctx, "/orders/"+id)
	if err != nil {
		return nil, err
	}
	var o Order
	return &o, json.NewDecoder(resp.Body).Decode(&o)
}

func Raw(ctx context.Context, c *httpx.Client, id string) ([]byte, error) { // corpus:ok
	resp, err := c.Get(ctx, "/raw/"+id)
	if err != nil {
		return nil, err
	}
	defer httpx.DrainAndClose(resp.Body)
	return io.ReadAll(resp.Body)
}

func RawLeakOnStatus(ctx context.Context, c *httpx.Client, id string) ([]byte, error) { // corpus:leak
	resp, err := c.Get(ctx, "/raw/"+id)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == 204 {
		return nil, nil
	}
	defer httpx.Close(resp.Body)
	return io.ReadAll(resp.Body)
}

func Streamed(ctx context.Context, c *httpx.Client) error { // corpus:ok
	s, err := c.Open(ctx, "/events")
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = io.Copy(io.Discard, s)
	return err
}

func Leaky(ctx context.Context, c *httpx.Client) error { // corpus:leak
	resp, err := c.GetLeaky(ctx, "/x")
	if err != nil {
		return err
	}
	fmt.Println(resp.StatusCode)
	return nil
}

func CheckedThenClosed(ctx context.Context, c *httpx.Client) error { // corpus:ok
	resp, err := c.Get(ctx, "/y")
	if err != nil {
		return err
	}
	if err := httpx.Check(resp); err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func CheckedNeverClosed(ctx context.Context, c *httpx.Client) error { // corpus:leak
	resp, err := c.Get(ctx, "/y")
	if err != nil {
		return err
	}
	return httpx.Check(resp)
}

func StreamedLeak(ctx context.Context, c *httpx.Client) error { // corpus:leak
	s, err := c.Open(ctx, "/events")
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, s)
	return err
}

func StreamedHandedOn(ctx context.Context, c *httpx.Client) (io.ReadCloser, error) { // corpus:ok
	s, err := c.Open(ctx, "/events")
	if err != nil {
		return nil, err
	}
	return s, nil
}
