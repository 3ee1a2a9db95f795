// Package fixbranch: bodies closed on some branches only.
package fixbranch

import (
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
)

type Feed struct{ Items []string }

// Maybe defers the close on one branch: the fix defers it on every path,
// and the conditional one goes with its if.
func Maybe(u string, cache bool) (*Feed, error) {
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return nil, err
	}
	if cache {
		defer resp.Body.Close()
	}
	var f Feed
	err = xml.NewDecoder(resp.Body).Decode(&f)
	return &f, err
}

// OnlyOK closes on the good branch only.
func OnlyOK(u string) (int, error) {
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return 0, err
	}
	if resp.StatusCode == http.StatusOK {
		defer resp.Body.Close()
		return 200, nil
	}
	return resp.StatusCode, errors.New("unexpected status")
}

// ReadErr leaks when the read fails; the close before the last return is
// redundant once deferred.
func ReadErr(u string) (string, error) {
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	return strings.TrimSpace(string(b)), nil
}

// Later closes on one branch and logs before it returns: that close is
// not right before a return, so it stays (and drains first).
func Later(u string, skip bool, log func(string)) ([]byte, error) {
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return nil, err
	}
	if skip {
		resp.Body.Close()
		log("skipped")
		return nil, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return b, err
}

// LocalFlag decides by a local used nowhere else: the if and its defer
// stay (without the if the local would be declared and not used; an
// empty if helps nobody); the defer drains first.
func LocalFlag(u string, mode string) (*Feed, error) {
	resp, err := http.Get(u) // want `response body of resp`
	if err != nil {
		return nil, err
	}
	cache := mode == "cache"
	if cache {
		defer resp.Body.Close()
	}
	var f Feed
	err = xml.NewDecoder(resp.Body).Decode(&f)
	return &f, err
}
