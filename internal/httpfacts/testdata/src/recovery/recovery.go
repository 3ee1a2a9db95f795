package recovery

import "net/http"

func boom(c *http.Client) {} // the test's check panics here: no report, no failure

func fine(c *http.Client) {} // want `checked fine`

func alsoFine(c *http.Client) {} // want `checked alsoFine`
