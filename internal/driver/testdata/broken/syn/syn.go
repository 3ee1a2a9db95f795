package syn

import "net/http"

func X( {
	http.Get("x")
}
