package fixnoimport

import "net/http"

func fetch(u string) (*http.Response, error) { return http.Get(u) }
