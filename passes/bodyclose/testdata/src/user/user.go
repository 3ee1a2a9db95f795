// Package user never imports net/http: it gets responses from wrappers and
// closes them with helpers.
package user

import (
	"context"
	"fmt"
	"io"

	"helper"
	"wrapper"
)

func leak(ctx context.Context, c *wrapper.Client) error {
	resp, err := c.Fetch(ctx, "http://example.invalid") // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	fmt.Println(resp.StatusCode)
	return nil
}

func closedWithHelper(ctx context.Context, c *wrapper.Client) error {
	resp, err := c.Fetch(ctx, "http://example.invalid")
	if err != nil {
		return err
	}
	defer helper.CloseBody(resp)
	return nil
}

func drainHelper(url string) error {
	resp, err := wrapper.GetChecked(url)
	if err != nil {
		return err
	}
	defer helper.DrainAndClose(resp.Body)
	_, err = io.ReadAll(resp.Body)
	return err
}

func borrowed(url string) int {
	resp, err := wrapper.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return 0
	}
	return helper.Status(resp)
}

func kept(url string) {
	resp, err := wrapper.Get(url)
	if err != nil {
		return
	}
	helper.Keep(resp)
}

func checked(url string) error {
	resp, err := wrapper.Get(url)
	if err != nil {
		return err
	}
	resp, err = helper.Check(resp)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func checkedLeak(url string) error {
	resp, err := wrapper.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	r2, err := helper.Check(resp)
	if err != nil {
		return err
	}
	fmt.Println(r2.StatusCode)
	return nil
}

func predicateAcross(url string) error {
	resp, err := wrapper.Get(url)
	if helper.IsTemporary(err) {
		return err
	}
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func streamLeak(url string) error {
	s, err := wrapper.Open(url) // want `response held by s is never closed`
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, s)
	return err
}

func streamClosed(url string) error {
	s, err := wrapper.Open(url)
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = io.Copy(io.Discard, s)
	return err
}

func streamReturned(url string) (io.ReadCloser, error) {
	return wrapper.Open(url)
}

func mustAcross(url string) int {
	resp := helper.Must(wrapper.Get(url)) // want `response body from wrapper.Get is never closed`
	return resp.StatusCode
}

func mustAcrossClosed(url string) int {
	resp := helper.Must(wrapper.Get(url))
	defer helper.CloseAll(resp.Body)
	return resp.StatusCode
}

func checkedThenClosed(url string) error {
	resp, err := wrapper.Get(url)
	if err != nil {
		return err
	}
	if err := helper.CheckStatus(resp); err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func checkedNeverClosed(url string) error {
	resp, err := wrapper.Get(url) // want `response body of resp is never closed`
	if err != nil {
		return err
	}
	return helper.CheckStatus(resp)
}
