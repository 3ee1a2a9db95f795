// Package bc checks the //bodyclose:ignore directive with the bodyclose
// analyzer, which also reports the directives that name no analyzer.
package bc

import "net/http"

func trailing(url string) int {
	resp, _ := http.Get(url) //bodyclose:ignore bodyclose the process exits right after
	return resp.StatusCode
}

func above(url string) int {
	//bodyclose:ignore bodyclose checked by hand
	resp, _ := http.Get(url)
	return resp.StatusCode
}

func several(url string) int {
	resp, _ := http.Get(url) //bodyclose:ignore drainbody,bodyclose closed by the caller's hook
	return resp.StatusCode
}

// A trailing directive covers its own line, never the next one.
func trailingNotNext(url string) int {
	a, _ := http.Get(url) //bodyclose:ignore bodyclose the process exits right after
	b, _ := http.Get(url) // want `response body of b is never closed`
	return a.StatusCode + b.StatusCode
}

// A directive alone on its line covers the next line only.
func aboveNotBelow(url string) int {
	//bodyclose:ignore bodyclose checked by hand
	a, _ := http.Get(url)
	b, _ := http.Get(url) // want `response body of b is never closed`
	return a.StatusCode + b.StatusCode
}

// A directive silences only the analyzers it names.
func otherAnalyzer(url string) int {
	resp, _ := http.Get(url) //bodyclose:ignore drainbody not this analyzer // want `response body of resp is never closed`
	return resp.StatusCode
}

// With a space it is an ordinary comment, not a directive.
func spaced(url string) int {
	resp, _ := http.Get(url) // bodyclose:ignore bodyclose prose // want `response body of resp is never closed`
	return resp.StatusCode
}

// Malformed directives suppress nothing and are reported.
func noReason(url string) int {
	// want +1 `malformed //bodyclose:ignore: it gives no reason` `response body of resp is never closed`
	resp, _ := http.Get(url) //bodyclose:ignore bodyclose
	return resp.StatusCode
}

func nothing(url string) int {
	// want +1 `malformed //bodyclose:ignore: it names no analyzer and gives no reason` `response body of resp is never closed`
	resp, _ := http.Get(url) //bodyclose:ignore
	return resp.StatusCode
}

func oldStyle(url string) int {
	// want +1 `malformed //bodyclose:ignore: "the" is not an analyzer of the suite \(bodyclose, drainbody, clientpertransport, resourceclose, poolpercall\)` `response body of resp is never closed`
	resp, _ := http.Get(url) //bodyclose:ignore the process exits right after
	return resp.StatusCode
}

func emptyName(url string) int {
	// want +1 `malformed //bodyclose:ignore: an empty name \(a comma too many\?\) is not an analyzer of the suite` `response body of resp is never closed`
	resp, _ := http.Get(url) //bodyclose:ignore bodyclose, the process exits right after
	return resp.StatusCode
}

func typo(url string) int {
	// want +1 `unknown directive //bodyclose:ignroe` `response body of resp is never closed`
	resp, _ := http.Get(url) //bodyclose:ignroe bodyclose typo
	return resp.StatusCode
}

// A stale directive is reported.
func stale(url string) (int, error) {
	resp, err := http.Get(url) //bodyclose:ignore bodyclose fixed since // want `this //bodyclose:ignore directive suppresses no bodyclose finding`
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// A function directive outside a doc comment has no effect.
func misplaced(url string) int {
	//bodyclose:closes // want `//bodyclose:closes belongs in a function's doc comment`
	return len(url)
}

// timakin/bodyclose's directive is not read: say so.
//
//bodyclose:handled // want `//bodyclose:handled \(timakin/bodyclose\) is not read by this suite`
func handled(url string) (*http.Response, error) {
	return http.Get(url)
}
