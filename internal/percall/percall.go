// Package percall holds the rules that clientpertransport and poolpercall
// share about a pool built per call: where construction runs once per
// process (and so is fine), how the engine's result says that the pool was
// dropped, and how functions are named in their messages.
package percall

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/lifetime"
)

// RunsOnce reports whether fn runs once per process: an init function (the
// package initializer included) or main.main. Function literals inside
// them do not: they may run per request.
func RunsOnce(fn *ssa.Function) bool {
	if fn.Parent() != nil {
		return false
	}
	if fn.Pkg != nil && fn == fn.Pkg.Func("init") {
		return true // the package initializer: package-level variables
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Type().(*types.Signature).Recv() != nil {
		return false
	}
	// A top-level func named init is an init function; main.main.
	return obj.Name() == "init" || (obj.Name() == "main" && obj.Pkg().Name() == "main")
}

// Dropped reports whether the engine's result for a pool built in fn says
// that it is dropped: no path hands it on or returns it, and some exit
// leaves with it. loop says that an exit is the next iteration of a loop
// (the pool is rebuilt per iteration), which is reported even where fn
// runs once. tests says that fn is in a _test.go file: there only a pool
// rebuilt per loop iteration (per b.N) is reported.
func Dropped(res *lifetime.Result, fn *ssa.Function, tests bool) (dropped, loop bool) {
	if res.Incomplete || res.Escaped || len(res.Returned) > 0 || len(res.Leaks) == 0 {
		return false, false
	}
	for _, l := range res.Leaks {
		if l.Kind == lifetime.ExitLoop {
			loop = true
		}
	}
	if (RunsOnce(fn) || tests) && !loop {
		return false, false
	}
	return true, loop
}

// InTest reports whether fn is declared in a _test.go file.
func InTest(fn *ssa.Function) bool {
	if fn.Prog == nil || !fn.Pos().IsValid() {
		return false
	}
	return strings.HasSuffix(fn.Prog.Fset.Position(fn.Pos()).Filename, "_test.go")
}

// FuncName names fn for messages: its name, or "a function literal in F".
func FuncName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		top := fn
		for top.Parent() != nil {
			top = top.Parent()
		}
		return "a function literal in " + top.Name()
	}
	return fn.Name()
}
