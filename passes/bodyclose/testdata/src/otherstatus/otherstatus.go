// Package otherstatus: whether one response leaks depends on the status
// tests of another (internal/lifetime/others.go). A path whose tests of
// an earlier response contradict each other is followed by no response;
// tests of different responses, or of a response replaced since, do not
// contradict each other.
package otherstatus

import (
	"errors"
	"net/http"
)

// -- leaks --

// The second request is made only on a bad first status: a real path.
func fallbackOnBad(c *http.Client, u, v string) error {
	first, err := c.Get(u)
	if err != nil {
		return err
	}
	first.Body.Close()
	if first.StatusCode != http.StatusOK {
		second, err := c.Get(v) // want `response body of second is not closed`
		if err != nil {
			return err
		}
		if second.StatusCode != http.StatusOK {
			return errors.New("both failed")
		}
		second.Body.Close()
	}
	return nil
}

// Two different responses: a good status of one says nothing of the other.
func twoResponses(c *http.Client, u, v string) error {
	a, err := c.Get(u)
	if err != nil {
		return err
	}
	defer a.Body.Close()
	b, err := c.Get(v) // want `response body of b is not closed`
	if err != nil {
		return err
	}
	if a.StatusCode == http.StatusOK && b.StatusCode != http.StatusOK {
		return errors.New("b failed")
	}
	b.Body.Close()
	return nil
}

// The variable's first response had a good status; the one that replaced
// it may not.
func replacedThenBad(c *http.Client, u string) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New("first failed")
	}
	resp, err = c.Get(u) // want `response body of resp is not closed`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New("second failed")
	}
	return resp.Body.Close()
}

// The same through a variable a closure captures (a heap cell).
func replacedCaptured(c *http.Client, u string) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	log := func() { _ = resp.StatusCode }
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New("first failed")
	}
	resp, err = c.Get(u) // want `response body of resp is not closed`
	if err != nil {
		return err
	}
	log()
	if resp.StatusCode != http.StatusOK {
		return errors.New("second failed")
	}
	return resp.Body.Close()
}

// Each round's response is new: the previous round's good status says
// nothing of it.
func rounds(c *http.Client, us []string) error {
	var resp *http.Response
	for _, u := range us {
		if resp != nil && resp.StatusCode != http.StatusOK {
			return errors.New("failed")
		}
		r, err := c.Get(u) // want `response body of r is not closed`
		if err != nil {
			return err
		}
		if r.StatusCode == http.StatusTeapot {
			continue
		}
		r.Body.Close()
		resp = r
	}
	return nil
}

// The status is set between the tests: they do not contradict.
func statusRewritten(c *http.Client, u, v string) error {
	first, err := c.Get(u)
	if err != nil {
		return err
	}
	first.Body.Close()
	if first.StatusCode != http.StatusOK {
		return errors.New("failed")
	}
	first.StatusCode = http.StatusNotFound
	if first.StatusCode >= 400 {
		second, err := c.Get(v) // want `response body of second is never closed: second is never used`
		if err != nil {
			return err
		}
		_ = second
	}
	return nil
}

// A closure replaces the response between the tests.
func replacedInClosure(c *http.Client, u, v string) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New("failed")
	}
	retry := func() {
		if r, err := c.Get(v); err == nil {
			resp = r
		}
	}
	retry()
	if resp.StatusCode != http.StatusOK {
		second, err := c.Get(v) // want `response body of second is never closed: second is never used`
		if err != nil {
			return err
		}
		_ = second
	}
	return resp.Body.Close()
}

// -- quiet --

// Generic: the tests of the first response still contradict.
func contradictsGeneric[T any](c *http.Client, u string, v T) (T, error) {
	first, err := c.Get(u)
	if err != nil {
		return v, err
	}
	first.Body.Close()
	if first.StatusCode == http.StatusOK {
		return v, nil
	}
	if first.StatusCode == http.StatusOK {
		second, err := c.Get(u)
		if err != nil {
			return v, err
		}
		_ = second
	}
	return v, nil
}

// The second request is made only where the first status was both good
// and bad: never.
func contradicts(c *http.Client, u, v string) error {
	first, err := c.Get(u)
	if err != nil {
		return err
	}
	first.Body.Close()
	if first.StatusCode != http.StatusOK {
		return errors.New("failed")
	}
	if first.StatusCode >= 400 {
		second, err := c.Get(v)
		if err != nil {
			return err
		}
		_ = second
	}
	return nil
}

// The same with the status kept in a variable and tested by a switch.
func contradictsSwitch(c *http.Client, u, v string) error {
	first, err := c.Get(u)
	if err != nil {
		return err
	}
	first.Body.Close()
	code := first.StatusCode
	if code/100 != 2 {
		return errors.New("failed")
	}
	switch code {
	case http.StatusNotFound, http.StatusInternalServerError:
		second, err := c.Get(v)
		if err != nil {
			return err
		}
		_ = second
	}
	return nil
}

// The response variable is captured by a closure (a heap cell) and
// tested twice: the tests agree.
func contradictsCaptured(c *http.Client, u, v string) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	defer func() { _ = resp }()
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	if resp.StatusCode == http.StatusOK {
		resp, err = c.Get(v)
		if err != nil {
			return err
		}
	}
	return nil
}

// A deferred closure over the variable is registered on every path that
// goes on to the second request: the first status decides both.
func deferOnGood(c *http.Client, u, v string) error {
	first, err := c.Get(u)
	if err != nil {
		return err
	}
	first.Body.Close()
	var resp *http.Response
	if first.StatusCode == http.StatusOK {
		defer func() {
			if resp != nil {
				resp.Body.Close()
			}
		}()
	}
	if first.StatusCode != http.StatusOK {
		return errors.New("failed")
	}
	resp, err = c.Get(v)
	if err != nil {
		return err
	}
	return nil
}
