package retry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

func Do(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) { // corpus:ok
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req.WithContext(ctx))
		if err != nil {
			lastErr = err
			time.Sleep(time.Duration(attempt) * 100 * time.Millisecond)
			continue
		}
		if resp.StatusCode >= 500 {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			lastErr = fmt.Errorf("server error: %s", resp.Status)
			continue
		}
		return resp, nil
	}
	return nil, lastErr
}

func DoLeaky(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) { // corpus:leak
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req.WithContext(ctx))
		if err != nil {
			lastErr = err
			continue
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			lastErr = errors.New(resp.Status)
			continue
		}
		return resp, nil
	}
	return nil, lastErr
}

func Reassign(c *http.Client, req *http.Request) error { // corpus:ok
	var (
		resp *http.Response
		err  error
	)
	for i := 0; i < 3; i++ {
		resp, err = c.Do(req)
		if err == nil && resp.StatusCode < 500 {
			break
		}
		if resp != nil {
			resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func ReassignLeak(c *http.Client, req *http.Request) error { // corpus:leak
	var (
		resp *http.Response
		err  error
	)
	for i := 0; i < 3; i++ {
		resp, err = c.Do(req)
		if err == nil && resp.StatusCode < 500 {
			break
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func Poll(ctx context.Context, c *http.Client, u string) error { // corpus:ok
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		done := resp.StatusCode == http.StatusOK
		resp.Body.Close()
		if done {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

func PollLeak(ctx context.Context, c *http.Client, u string) error { // corpus:leak
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

func Walk(c *http.Client, urls []string) (int, error) { // corpus:ok
	total := 0
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return total, err
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			return total, err
		}
		total += int(n)
	}
	return total, nil
}

func WalkDeferInLoop(c *http.Client, urls []string) error { // corpus:ok
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
	}
	return nil
}

func WalkSkip(c *http.Client, urls []string) int { // corpus:leak
	ok := 0
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		if resp.StatusCode != http.StatusOK {
			continue
		}
		resp.Body.Close()
		ok++
	}
	return ok
}

func Redirects(c *http.Client, u string) (string, error) { // corpus:ok
	for i := 0; i < 10; i++ {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			return "", err
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			return "", err
		}
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		if loc == "" {
			return u, nil
		}
		u = loc
	}
	return "", errors.New("too many redirects")
}

func Backoff(c *http.Client, req *http.Request) (resp *http.Response, err error) { // corpus:ok
	for i := 0; ; i++ {
		resp, err = c.Do(req)
		if err != nil || resp.StatusCode != http.StatusServiceUnavailable || i == 3 {
			return resp, err
		}
		resp.Body.Close()
		time.Sleep(time.Duration(1<<i) * time.Second)
	}
}
