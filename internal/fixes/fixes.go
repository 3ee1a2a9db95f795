// Package fixes builds the text edits of the suggested fixes: a deferred
// drain-and-close, a drain before a close, and the import they need.
package fixes

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// DeferClose returns a defer statement that closes body (an expression such
// as "resp.Body"), draining it first when drain is set; io is the name the
// file uses for package io. indent is the indentation of the statement.
func DeferClose(body, indent, io string, drain bool) string {
	if !drain {
		return fmt.Sprintf("defer %s.Close()", body)
	}
	return fmt.Sprintf("defer func() {\n%[1]s\t_, _ = %[3]s.Copy(%[3]s.Discard, %[2]s)\n%[1]s\t_ = %[2]s.Close()\n%[1]s}()", indent, body, io)
}

// Drain returns a statement that drains body.
func Drain(body, io string) string {
	return fmt.Sprintf("_, _ = %[2]s.Copy(%[2]s.Discard, %[1]s)", body, io)
}

// Import returns the name by which f refers to the package at path, and the
// edits that add the import when f lacks it.
func Import(fset *token.FileSet, f *ast.File, path string) (string, []analysis.TextEdit) {
	for _, spec := range f.Imports {
		if p, err := strconv.Unquote(spec.Path.Value); err == nil && p == path {
			if spec.Name != nil && spec.Name.Name != "_" && spec.Name.Name != "." {
				return spec.Name.Name, nil
			}
			if spec.Name == nil {
				return lastElem(path), nil
			}
		}
	}
	name := lastElem(path)
	quoted := strconv.Quote(path)
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if gd.Lparen.IsValid() {
			// Into the block; gofmt sorts it.
			return name, []analysis.TextEdit{{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t" + quoted)}}
		}
		// A single import: add another declaration after it.
		return name, []analysis.TextEdit{{Pos: gd.End(), End: gd.End(), NewText: []byte("\nimport " + quoted)}}
	}
	end := f.Name.End()
	return name, []analysis.TextEdit{{Pos: end, End: end, NewText: []byte("\n\nimport " + quoted)}}
}

func lastElem(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}
