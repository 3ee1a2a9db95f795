package recovery

import "net/http"

func boom(c *http.Client) {} // want `internal error: recovery panicked while analysing boom: unforeseen SSA shape \(its findings in this function are lost\)`

func fine(c *http.Client) {} // want `checked fine`

func alsoFine(c *http.Client) {} // want `checked alsoFine`
