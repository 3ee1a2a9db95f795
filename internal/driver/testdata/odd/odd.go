// Package odd has a finding after non-ASCII text on its line, and one in
// code a //line directive maps to a template, without a column.
package odd

import "net/http"

func Größe(ürl string) int { résp, err := http.Get(ürl); if err != nil { return 0 }; return résp.StatusCode }

//line template.tmpl:10
func FromTemplate(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
