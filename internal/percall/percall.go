// Package percall holds the rules that clientpertransport and poolpercall
// share about a pool built per call: where construction runs once per
// process (and so is fine), and how the engine's result says that the pool
// was dropped. (Functions are named in messages by syntax.Index.FuncName.)
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

// Once answers RunsOnce for the functions of one package, and also
// reports an unexported function that only functions running once call,
// outside their loops (func main() { if err := run(); ... }).
type Once struct {
	calls map[*ssa.Function][]ssa.CallInstruction
	other map[*ssa.Function]bool // used other than by a static call
	memo  map[*ssa.Function]bool
}

// NewOnce indexes the calls among funcs, a package's functions.
func NewOnce(funcs []*ssa.Function) *Once {
	o := &Once{calls: map[*ssa.Function][]ssa.CallInstruction{}, other: map[*ssa.Function]bool{}, memo: map[*ssa.Function]bool{}}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(ssa.CallInstruction); ok {
					if callee := c.Common().StaticCallee(); callee != nil && c.Common().Value == callee {
						if _, isCall := c.(*ssa.Call); isCall {
							o.calls[callee] = append(o.calls[callee], c)
						} else {
							o.other[callee] = true // go or defer
						}
					}
				}
				for _, op := range instr.Operands(nil) {
					if f, ok := (*op).(*ssa.Function); ok {
						if c, ok := instr.(ssa.CallInstruction); ok && c.Common().Value == f {
							continue
						}
						o.other[f] = true // a function value
					}
				}
			}
		}
	}
	return o
}

// RunsOnce reports whether fn runs once per process (see the function
// RunsOnce), or is unexported and called only from such functions, once
// each (not in a loop).
func (o *Once) RunsOnce(fn *ssa.Function) bool {
	if RunsOnce(fn) {
		return true
	}
	if v, ok := o.memo[fn]; ok {
		return v
	}
	o.memo[fn] = false // recursion: not once
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Exported() || fn.Parent() != nil || o.other[fn] || len(o.calls[fn]) == 0 || obj.Type().(*types.Signature).Recv() != nil {
		return false
	}
	for _, c := range o.calls[fn] {
		caller := c.Parent()
		if inLoop(c.Block()) || !o.RunsOnce(caller) {
			return false
		}
	}
	o.memo[fn] = true
	return true
}

// inLoop reports whether block b lies on a cycle of its function.
func inLoop(b *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == b {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return false
}

// Dropped reports whether the engine's result for a pool built in fn says
// that it is dropped: no path hands it on or returns it, and some exit
// leaves with it. loop says that an exit is the next iteration of a loop
// (the pool is rebuilt per iteration), which is reported even where fn
// runs once (once: see Once.RunsOnce). tests says that fn is in a _test.go file: there only a pool
// rebuilt per loop iteration (per b.N) is reported.
func Dropped(res *lifetime.Result, fn *ssa.Function, once, tests bool) (dropped, loop bool) {
	if res.Incomplete || res.Escaped || len(res.Returned) > 0 || len(res.Leaks) == 0 {
		return false, false
	}
	for _, l := range res.Leaks {
		if l.Kind == lifetime.ExitLoop {
			loop = true
		}
	}
	if (once || tests) && !loop {
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
