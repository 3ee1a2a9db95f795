// Package fixnoimport: a file with no imports that gets a response from a
// wrapper: the drain adds the import.
package fixnoimport

func Status(u string) int {
	resp, err := fetch(u) // want `response body of resp`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
