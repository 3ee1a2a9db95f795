// Package fixes turns the engine's proof of a finding into a suggested fix,
// or into none.
//
// A suggested fix is applied without being read (bodyclose -fix, go vet
// -fix, golangci-lint --fix, an editor's quick fix), so a fix is offered
// only where it is provably right: it compiles (every name it writes is
// looked up in the scope where it is written), it closes the response (and
// drains it, where drainbody's rule applies) on every path where the
// engine found it leaking, and it changes nothing else. Where one of these
// cannot be shown from the syntax and the engine's lifetime.Result, there
// is no fix; the diagnostic still says what to do.
//
// The shapes, for a response bound by `resp, err := call` followed by
// `if err != nil { <leaves> }`:
//
//   - deferred close after the error check: the function returns the
//     response on no path, hands it on nowhere, and the call is in no loop.
//     Covers never-closed bodies, bodies closed on some paths only and
//     early returns on a bad status. Deferred closes of the same body
//     become redundant and are removed; an explicit close right before a
//     return that no longer reads the body is removed too.
//   - a close at each exit of the response's scope that the engine found
//     leaking: before a `continue`, a `break`, a `return`, at the end of the
//     loop body. For a call in a loop, and for a function that returns the
//     response on its good path. Never a defer in a loop.
//   - a discarded response (`_, err := call`, or the call as a statement):
//     bound to a fresh name and closed at once when the error is nil.
//   - a struct that holds the response: its own method that closes what the
//     receiver holds (per the summaries), else no fix.
//   - drainbody: `defer X.Close()` becomes a deferred drain and close; a
//     direct close gets a drain before it; another deferred release gets a
//     deferred drain registered right after it (deferred calls run last in,
//     first out).
//
// Where drainbody's rules ask for a drain (the caller says: the file is
// built for Go below 1.27, not a test, and drainbody.NeedsDrain holds: not
// a HEAD request, not http.ReadResponse, ...) the close drains the body
// first, so that one -fix pass leaves no finding of either analyzer.
package fixes

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/internal/lifetime"
	"github.com/bodyclose/bodyclose/internal/syntax"
)

// Builder builds the fixes of one pass. It is not safe for concurrent use;
// make one per pass (it caches each file's cursor and text).
type Builder struct {
	pass  *analysis.Pass
	info  *types.Info
	idx   *syntax.Index
	facts *httpfacts.Result
	roots map[*ast.File]inspector.Cursor
	text  map[*token.File][]byte
	taken map[*types.Scope]map[string]bool // names declared by fixes, per scope
}

// NewBuilder returns a Builder for the diagnostics of pass.
func NewBuilder(pass *analysis.Pass, idx *syntax.Index, facts *httpfacts.Result) *Builder {
	return &Builder{pass: pass, info: pass.TypesInfo, idx: idx, facts: facts,
		roots: map[*ast.File]inspector.Cursor{}, text: map[*token.File][]byte{},
		taken: map[*types.Scope]map[string]bool{}}
}

// Site is one finding: the response, where it was acquired, and the
// engine's proof.
type Site struct {
	// Fn is the function that acquires the response.
	Fn *ssa.Function
	// Source is the acquisition; only calls get fixes.
	Source httpfacts.Source
	// Expr is the syntax of the source (its call expression).
	Expr ast.Expr
	// Result is the engine's proof: the ModeRelease result for Close, the
	// ModeDrainBeforeRelease result for Drain.
	Result *lifetime.Result
}

// Drain is what drainbody asks of a response, as the caller knows it.
type Drain struct {
	// File: drainbody's rules apply to the file (built for Go below 1.27,
	// not a test).
	File bool
	// Needed: they ask for this response to be drained before it is
	// closed (File, and drainbody.NeedsDrain).
	Needed bool
}

// Close returns the fix for a response the release analysis found leaking
// at s, or false when no fix can be shown right. Where drain.Needed, the
// close drains first, and so does every other close the drain analysis
// finds before a drain. A struct that holds the response is closed by its
// method, and calling it looks at the response: where drain.File, that
// method must drain (or the struct be a reader to drain first).
func (b *Builder) Close(s Site, drain Drain) (analysis.SuggestedFix, bool) {
	if s.Result == nil || s.Result.Incomplete || len(s.Result.Leaks) == 0 || s.Source.Call == nil {
		return analysis.SuggestedFix{}, false
	}
	a, ok := b.locate(s)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	a.drain, a.drainFile = drain.Needed, drain.File
	if a.v == nil {
		return a.discarded()
	}
	if !a.prepare() {
		return analysis.SuggestedFix{}, false
	}
	if a.deferable() {
		return a.deferClose()
	}
	return a.exitCloses()
}

// Drain returns drainbody's fix for s, whose Result is the drain
// analysis: every close the engine found before a drain gets one, or no
// fix.
func (b *Builder) Drain(s Site) (analysis.SuggestedFix, bool) {
	if s.Result == nil || s.Result.Incomplete || len(s.Result.Leaks) == 0 || s.Source.Call == nil {
		return analysis.SuggestedFix{}, false
	}
	a, ok := b.locate(s)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	a.drain = true
	e := a.newEdits()
	if !a.drainExits(e, s.Result) || len(e.edits) == 0 {
		return analysis.SuggestedFix{}, false
	}
	return a.finish(e, "drain the body before it is closed")
}
