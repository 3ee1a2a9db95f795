package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// relPath returns name relative to dir when it lies inside dir, with
// forward slashes; otherwise name unchanged.
func relPath(dir, name string) string {
	if dir == "" || !filepath.IsAbs(name) {
		return filepath.ToSlash(name)
	}
	rel, err := filepath.Rel(dir, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name
	}
	return filepath.ToSlash(rel)
}

// printText prints findings one per line, as staticcheck and golangci-lint
// do: "file:line:col: message (analyzer)", each related position indented
// below its finding.
func printText(w io.Writer, dir string, fs []*Finding) {
	for _, f := range fs {
		fmt.Fprintf(w, "%s:%d:%d: %s (%s)\n", relPath(dir, f.Posn.Filename), f.Posn.Line, f.Posn.Column, f.Diag.Message, f.Analyzer.Name)
		fset := f.Pkg.Fset
		for _, r := range f.Diag.Related {
			p := fset.Position(r.Pos)
			fmt.Fprintf(w, "\t%s:%d:%d: %s\n", relPath(dir, p.Filename), p.Line, p.Column, r.Message)
		}
	}
}

// The JSON output has the shape of go vet -json and multichecker -json
// (x/tools' JSONTree): package ID → analyzer → diagnostics, so that tools
// reading one read the other; but each finding appears once, under the
// first package that reported it.
type (
	jsonTextEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonSuggestedFix struct {
		Message string         `json:"message"`
		Edits   []jsonTextEdit `json:"edits"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	jsonDiagnostic struct {
		Category       string             `json:"category,omitempty"`
		Posn           string             `json:"posn"`
		End            string             `json:"end"`
		Message        string             `json:"message"`
		SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated      `json:"related,omitempty"`
	}
)

func printJSON(w io.Writer, fs []*Finding) error {
	tree := map[string]map[string][]jsonDiagnostic{}
	for _, f := range fs {
		fset := f.Pkg.Fset
		d := jsonDiagnostic{
			Category: f.Diag.Category,
			Posn:     f.Posn.String(),
			End:      f.End.String(),
			Message:  f.Diag.Message,
		}
		for _, fix := range f.Diag.SuggestedFixes {
			jf := jsonSuggestedFix{Message: fix.Message, Edits: []jsonTextEdit{}}
			for _, e := range fix.TextEdits {
				jf.Edits = append(jf.Edits, jsonTextEdit{
					Filename: fset.Position(e.Pos).Filename,
					Start:    fset.Position(e.Pos).Offset,
					End:      fset.Position(cmp.Or(e.End, e.Pos)).Offset,
					New:      string(e.NewText),
				})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, jf)
		}
		for _, r := range f.Diag.Related {
			d.Related = append(d.Related, jsonRelated{
				Posn:    fset.Position(r.Pos).String(),
				End:     fset.Position(cmp.Or(r.End, r.Pos)).String(),
				Message: r.Message,
			})
		}
		byAnalyzer := tree[f.Pkg.ID]
		if byAnalyzer == nil {
			byAnalyzer = map[string][]jsonDiagnostic{}
			tree[f.Pkg.ID] = byAnalyzer
		}
		byAnalyzer[f.Analyzer.Name] = append(byAnalyzer[f.Analyzer.Name], d)
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
