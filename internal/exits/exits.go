// Package exits explains a leaking exit found by internal/lifetime for
// messages: which exit best explains a leak, whether it is an early
// return, and the related positions (the exit, the failed status check)
// that every checker of the suite attaches to its diagnostic.
package exits

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/lifetime"
	"github.com/bodyclose/bodyclose/internal/syntax"
)

// Pick chooses the exit that best explains the leak: a loop that
// replaces the response (often after a bad status: a retry), then a return
// on a bad status, then an early return, then the first found.
func Pick(leaks []lifetime.Exit, fn *ssa.Function) lifetime.Exit {
	best, score := leaks[0], -1
	for _, e := range leaks {
		s := 0
		switch {
		case e.Kind == lifetime.ExitLoop:
			s = 3
		case e.BadStatus:
			s = 2
		case IsEarlyReturn(e, fn):
			s = 1
		}
		if s > score || (s == score && e.Instr.Pos() < best.Instr.Pos() && e.Instr.Pos().IsValid()) {
			best, score = e, s
		}
	}
	return best
}

// IsEarlyReturn reports whether exit is an explicit return before the last
// return of the function.
func IsEarlyReturn(exit lifetime.Exit, fn *ssa.Function) bool {
	ret, ok := exit.Instr.(*ssa.Return)
	if !ok || !ret.Pos().IsValid() {
		return false
	}
	var last token.Pos
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if r, ok := instr.(*ssa.Return); ok && r.Pos() > last {
				last = r.Pos()
			}
		}
	}
	end := token.NoPos
	if syn := fn.Syntax(); syn != nil {
		end = syn.End()
	}
	return ret.Pos() < last || (end.IsValid() && hasImplicitReturn(fn))
}

// hasImplicitReturn reports whether fn falls off its end somewhere.
func hasImplicitReturn(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if r, ok := instr.(*ssa.Return); ok && !r.Pos().IsValid() {
				return true
			}
		}
	}
	return false
}

// Related explains exit: where the path goes back to the next iteration
// of the loop, or where it returns, and where it took the bad side of a
// status check when the return stands outside that branch. inBad says
// that the exit lies inside the bad branch; expr is the acquiring
// expression; release names the missing step for the notes ("closing the
// body", "closing rows").
func Related(exit lifetime.Exit, inBad bool, fn *ssa.Function, idx *syntax.Index, expr ast.Expr, release string) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	add := func(pos token.Pos, msg string) {
		if pos.IsValid() {
			out = append(out, analysis.RelatedInformation{Pos: pos, Message: msg})
		}
	}
	if exit.Kind == lifetime.ExitLoop {
		if pos, cont := idx.LoopBack(expr, exit.Recent[:]); cont {
			add(pos, "continues to the next iteration here without "+release)
		} else {
			add(pos, "the next iteration starts here without "+release)
		}
		return out
	}
	pos := syntax.ExitPos(exit.Instr.Pos(), fn)
	switch {
	case exit.BadStatus && inBad:
		add(pos, "returns here on a bad status without "+release)
	case exit.BadStatus:
		if exit.BadIf != nil {
			add(badCheckPos(exit.BadIf), "the status check fails here")
		}
		add(pos, "then the function returns here without "+release)
	case IsEarlyReturn(exit, fn):
		add(pos, "returns here without "+release)
	case exit.Instr.Pos().IsValid():
		add(pos, "the function returns here without "+release)
	default:
		add(pos, "the function ends here without "+release)
	}
	return out
}

// badCheckPos returns the position of the condition of a status check.
func badCheckPos(iff *ssa.If) token.Pos {
	if p := iff.Cond.Pos(); p.IsValid() {
		return p
	}
	return iff.Pos()
}
