// Package exits explains a leaking exit found by internal/lifetime for
// messages: which exit best explains a leak, whether it is an early
// return, which branch statement it leaves by, and the related positions
// (the exit, the failed status check) that the checkers attach to their
// diagnostics.
package exits

import (
	"go/ast"
	"go/token"
	"slices"

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

// Way says how a path leaves through an exit, as the syntax shows it:
// by a break out of the loop around the acquisition (leave), or, in the
// yield function of a range-over-func loop, on to the next iteration
// (next, at pos: a continue or the end of the loop body).
type Way struct {
	Leave, Pos token.Pos
	Next       bool
	Branch     token.Token // at pos: CONTINUE, GOTO, or ILLEGAL (the loop body's end)
}

// ExitWay finds the branch statement exit leaves by. A loop exit goes
// back by a continue (labeled ones to outer loops too), a goto, or the
// end of the loop body. A return outside the loop around the acquisition
// (or, in a range-over-func body, the return a break becomes) left the
// loop by a break: that break is the exit that leaks, not the function's
// final return.
func ExitWay(exit lifetime.Exit, fn *ssa.Function, idx *syntax.Index, expr ast.Expr) Way {
	turns := make([]syntax.Turn, len(exit.Turns))
	for i, t := range exit.Turns {
		turns[i] = syntax.Turn(t)
	}
	if exit.Kind == lifetime.ExitLoop {
		pos, branch := idx.LoopBack(expr, exit.Recent[:], turns, fn)
		return Way{Pos: pos, Branch: branch}
	}
	if _, ok := exit.Instr.(*ssa.Return); !ok {
		return Way{}
	}
	at := exit.Instr.Pos()
	recent := exit.Recent[:]
	if at.IsValid() {
		recent = append(slices.Clone(recent), at) // a break's own return
	}
	_, yield := fn.Syntax().(*ast.RangeStmt)
	if yield && idx.BranchAt(at) == token.BREAK {
		return Way{Leave: at} // the return a range-over-func break becomes
	}
	if !at.IsValid() || !idx.InLoopBody(expr, at) || yield {
		if p := idx.LoopLeave(expr, recent, turns); p.IsValid() {
			return Way{Leave: p}
		}
	}
	if yield && (!at.IsValid() || idx.BranchAt(at) == token.CONTINUE) {
		// The body of a range-over-func loop returns to the iterator:
		// the next iteration.
		pos, branch := idx.LoopBack(expr, recent, turns, fn)
		return Way{Next: true, Pos: pos, Branch: branch}
	}
	return Way{}
}

// Related explains exit: where the path goes back to the next iteration
// of the loop or leaves it, or where it returns, and where it took the bad
// side of a status check when the return stands outside that branch. w is
// ExitWay's answer, inBad says that the exit lies inside the bad branch;
// release names the missing step ("closing the body", "closing rows").
func Related(exit lifetime.Exit, w Way, inBad bool, fn *ssa.Function, release string) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	add := func(pos token.Pos, msg string) {
		if pos.IsValid() {
			out = append(out, analysis.RelatedInformation{Pos: pos, Message: msg})
		}
	}
	switch {
	case w.Leave.IsValid() && exit.BadStatus:
		add(w.Leave, "leaves the loop here on a bad status without "+release)
		return out
	case w.Leave.IsValid():
		add(w.Leave, "leaves the loop here without "+release)
		return out
	case exit.Kind == lifetime.ExitLoop || w.Next:
		switch w.Branch {
		case token.CONTINUE:
			add(w.Pos, "continues to the next iteration here without "+release)
		case token.GOTO:
			add(w.Pos, "goes back here to acquire it again without "+release)
		default:
			add(w.Pos, "the next iteration starts here without "+release)
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
