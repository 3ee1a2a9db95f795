package driver

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"io"
	"maps"
	"os"
	"slices"

	"github.com/aymanbagabas/go-udiff"
)

// A fixPlan is the outcome of merging the findings' suggested fixes.
type fixPlan struct {
	files    map[string][]udiff.Edit // file → merged edits, sorted
	fixed    []*Finding              // findings whose fix is in files
	conflict []*Finding              // findings whose fix overlaps one already taken
	noFix    []*Finding              // findings without a suggested fix
	skipped  []skippedFix            // findings whose fix cannot apply, and why
}

type skippedFix struct {
	f   *Finding
	why string
}

// planFixes merges the first suggested fix of each finding, in the
// findings' order, the way x/tools' drivers do: a fix is taken whole or not
// at all; identical edits (the same fix reported twice) coalesce; a fix
// whose edits overlap edits already taken is a conflict, left for the next
// run, never dropped silently.
func planFixes(fs []*Finding) *fixPlan {
	p := &fixPlan{files: map[string][]udiff.Edit{}}
	for _, f := range fs {
		if len(f.Diag.SuggestedFixes) == 0 {
			p.noFix = append(p.noFix, f)
			continue
		}
		fset := f.Pkg.Fset
		byFile := map[string][]udiff.Edit{}
		var why string
		for _, e := range f.Diag.SuggestedFixes[0].TextEdits {
			tf := fset.File(e.Pos)
			if tf == nil {
				why = "its edit has no position"
				break
			}
			start := fset.PositionFor(e.Pos, false)
			end := fset.PositionFor(cmp.Or(e.End, e.Pos), false)
			if adj := fset.Position(e.Pos); adj.Filename != start.Filename {
				// A file written by cgo (or another tool): the edit's
				// offsets are in the derived file, not the user's.
				why = "its file is rewritten by cgo before analysis; fix " + adj.Filename + " by hand"
				break
			}
			byFile[start.Filename] = append(byFile[start.Filename], udiff.Edit{Start: start.Offset, End: end.Offset, New: string(e.NewText)})
		}
		if why != "" {
			p.skipped = append(p.skipped, skippedFix{f, why})
			continue
		}
		merged := map[string][]udiff.Edit{}
		ok := true
		for file, edits := range byFile {
			udiff.SortEdits(edits)
			m, mok := udiff.Merge(p.files[file], edits)
			if !mok {
				ok = false
				break
			}
			merged[file] = m
		}
		if !ok {
			p.conflict = append(p.conflict, f)
			continue
		}
		for file, m := range merged {
			p.files[file] = m
		}
		p.fixed = append(p.fixed, f)
	}
	return p
}

// apply computes the fixed content of each file, gofmt-formatted. It
// returns the new contents and, per file that could not be fixed (an edit
// out of range, a result that does not parse), the error; the findings of
// such a file are not counted as fixed.
func (p *fixPlan) apply() (map[string][]byte, map[string]error, map[string][]byte) {
	out := map[string][]byte{}
	old := map[string][]byte{}
	errs := map[string]error{}
	for file, edits := range p.files {
		src, err := os.ReadFile(file)
		if err != nil {
			errs[file] = err
			continue
		}
		fixed, err := udiff.ApplyBytes(src, edits)
		if err != nil {
			errs[file] = err
			continue
		}
		formatted, err := format.Source(fixed)
		if err != nil {
			errs[file] = fmt.Errorf("the fixed file does not parse: %v", err)
			continue
		}
		out[file] = formatted
		old[file] = src
	}
	// Findings in a file that failed are not fixed after all.
	if len(errs) > 0 {
		var fixed []*Finding
		for _, f := range p.fixed {
			bad := ""
			for _, e := range f.Diag.SuggestedFixes[0].TextEdits {
				if file := f.Pkg.Fset.PositionFor(e.Pos, false).Filename; errs[file] != nil {
					bad = file
				}
			}
			if bad != "" {
				p.skipped = append(p.skipped, skippedFix{f, fmt.Sprintf("%s: %v", bad, errs[bad])})
				continue
			}
			fixed = append(fixed, f)
		}
		p.fixed = fixed
	}
	return out, errs, old
}

// writeFiles writes the fixed contents in place, keeping each file's mode.
func writeFiles(contents map[string][]byte) error {
	for _, file := range slices.Sorted(maps.Keys(contents)) {
		info, err := os.Stat(file)
		if err != nil {
			return err
		}
		if err := os.WriteFile(file, contents[file], info.Mode().Perm()); err != nil {
			return err
		}
	}
	return nil
}

// printDiff prints a unified diff per changed file.
func printDiff(w io.Writer, dir string, old, contents map[string][]byte) {
	for _, file := range slices.Sorted(maps.Keys(contents)) {
		if bytes.Equal(old[file], contents[file]) {
			continue
		}
		name := relPath(dir, file)
		fmt.Fprint(w, udiff.Unified("a/"+name, "b/"+name, string(old[file]), string(contents[file])))
	}
}

// describe returns "file:line:col: message (analyzer)" for a finding.
func describe(dir string, f *Finding) string {
	return fmt.Sprintf("%s:%d:%d: %s (%s)", relPath(dir, f.Posn.Filename), f.Posn.Line, f.Posn.Column, f.Diag.Message, f.Analyzer.Name)
}
