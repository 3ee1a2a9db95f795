package lifetime_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/bodyclose/bodyclose/internal/lifetime"
)

// The resource in these tests is a *R from acquire(); (*R).Close releases
// it, keep(r) takes it over, peek(r) only reads it.
const prelude = `package p

type R struct{ Status int }

func acquire() (*R, error) { return &R{}, nil }
func (r *R) Close() error  { return nil }
func keep(r *R)            { kept = r }
func peek(r *R) int        { return r.Status }
func fatal()               { panic("fatal") }

var kept *R
var cond bool
`

func build(t *testing.T, src string) *ssa.Package {
	t.Helper()
	fset := token.NewFileSet()
	full := prelude + src
	if strings.HasPrefix(strings.TrimSpace(src), "import") {
		// Imports must precede the prelude's declarations.
		body := strings.TrimSpace(src)
		end := strings.Index(body, "\n")
		full = strings.Replace(prelude, "package p\n", "package p\n"+body[:end]+"\n", 1) + body[end:]
	}
	f, err := parser.ParseFile(fset, "p.go", full, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

var spec = &lifetime.Spec{
	Call: func(c ssa.CallInstruction, v ssa.Value, q lifetime.Query) lifetime.Use {
		callee := c.Common().StaticCallee()
		if callee == nil {
			return lifetime.Use{Effect: lifetime.Escape}
		}
		switch callee.Name() {
		case "Close":
			return lifetime.Use{Effect: lifetime.Release}
		case "keep":
			return lifetime.Use{Effect: lifetime.Escape}
		case "peek":
			return lifetime.Use{Effect: lifetime.Borrow}
		}
		return lifetime.Use{Effect: lifetime.Escape}
	},
	ErrPredicate: func(c *ssa.Call, i int) bool {
		callee := c.Call.StaticCallee()
		return callee != nil && callee.String() == "errors.Is" && i == 0
	},
}

// analyze follows the result of the first call to acquire in function f.
func analyze(t *testing.T, src, f string) *lifetime.Result {
	t.Helper()
	pkg := build(t, src)
	fn := pkg.Func(f)
	if fn == nil {
		t.Fatalf("no function %s", f)
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || call.Common().StaticCallee() == nil || call.Common().StaticCallee().Name() != "acquire" {
				continue
			}
			r := lifetime.Resource{Fn: fn, Acquire: call}
			for _, ref := range *call.Referrers() {
				if ex, ok := ref.(*ssa.Extract); ok {
					if ex.Index == 0 {
						r.Values = append(r.Values, ex)
					} else {
						r.Err = ex
					}
				}
			}
			return lifetime.Analyze(r, spec)
		}
	}
	t.Fatalf("no acquire call in %s", f)
	return nil
}

func TestPaths(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		leaks     int
		kind      lifetime.ExitKind
	}{
		{"closed", `func f() { r, err := acquire(); if err != nil { return }; r.Close() }`, 0, 0},
		{"deferred", `func f() { r, err := acquire(); if err != nil { return }; defer r.Close(); if cond { return }; peek(r) }`, 0, 0},
		{"never", `func f() { r, _ := acquire(); peek(r) }`, 1, lifetime.ExitReturn},
		{"oneBranch", `func f() { r, err := acquire(); if err != nil { return }; if cond { r.Close() } }`, 1, lifetime.ExitReturn},
		{"errNotChecked", `func f() { r, err := acquire(); if err != nil { println(err) }; r.Close() }`, 0, 0},
		{"errEqNil", `func f() { if r, err := acquire(); err == nil { r.Close() } }`, 0, 0},
		{"nilResource", `func f() { r, _ := acquire(); if r == nil { return }; r.Close() }`, 0, 0},
		{"badStatus", `func f() int { r, err := acquire(); if err != nil { return 0 }; if r.Status != 200 { return 1 }; r.Close(); return 2 }`, 1, lifetime.ExitReturn},
		{"panic", `func f() { r, err := acquire(); if err != nil { panic(err) }; r.Close() }`, 0, 0},
		{"noreturnHelper", `func f() { r, err := acquire(); if err != nil { fatal() }; r.Close() }`, 0, 0},
		{"escape", `func f() { r, err := acquire(); if err != nil { return }; keep(r) }`, 0, 0},
		{"returned", `func f() *R { r, err := acquire(); if err != nil { return nil }; return r }`, 0, 0},
		{"loop", `func f() { for { r, err := acquire(); if err != nil { continue }; if cond { continue }; r.Close(); return } }`, 1, lifetime.ExitLoop},
		{"loopClosed", `func f() { for i := 0; i < 3; i++ { r, err := acquire(); if err != nil { continue }; r.Close() } }`, 0, 0},
		{"closure", `func f() { r, err := acquire(); if err != nil { return }; defer func() { r.Close() }() }`, 0, 0},
		// err != sentinel: the false side has a non-nil error, no resource.
		{"sentinelNeq", `var errSkip error; func f() { r, err := acquire(); if err != errSkip { if err == nil { r.Close() }; return }; println("skip") }`, 0, 0},
		{"sentinelNeqLeak", `var errSkip error; func f() { r, err := acquire(); if err != errSkip { return }; r.Close() }`, 1, lifetime.ExitReturn},
		// A result slot (a function with defers) returns the resource only
		// where it was stored.
		{"slotEarlyReturn", `func f() (*R, error) { defer println(); r, err := acquire(); if err != nil { return nil, err }; if r.Status != 200 { return nil, nil }; return r, nil }`, 1, lifetime.ExitReturn},
		{"slotReturned", `func f() (*R, error) { defer println(); r, err := acquire(); if err != nil { return nil, err }; return r, nil }`, 0, 0},
		{"slotNamed", `func f() (r *R, err error) { defer println(); r, err = acquire(); if err != nil { return }; if cond { r = nil }; return }`, 1, lifetime.ExitReturn},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := analyze(t, tc.src, "f")
			if res.Incomplete {
				t.Fatal("incomplete")
			}
			if len(res.Leaks) != tc.leaks {
				t.Fatalf("leaks = %d, want %d (%+v)", len(res.Leaks), tc.leaks, res.Leaks)
			}
			if tc.leaks > 0 && res.Leaks[0].Kind != tc.kind {
				t.Errorf("kind = %d, want %d", res.Leaks[0].Kind, tc.kind)
			}
		})
	}
}

func TestClosureSpec(t *testing.T) {
	// The test spec treats every closure call as an escape: the engine must
	// ask the spec, not guess.
	res := analyze(t, `func f() { r, err := acquire(); if err != nil { return }; func() { peek(r) }() }`, "f")
	if len(res.Leaks) != 0 || !res.Escaped {
		t.Fatalf("closure call: leaks=%d escaped=%v, want 0 and true", len(res.Leaks), res.Escaped)
	}
}

func TestStatus(t *testing.T) {
	s := *spec
	s.Status = func(f *types.Var) bool { return f.Name() == "Status" }
	s.GoodStatus = constantInt(200)
	pkg := build(t, `func f() int { r, err := acquire(); if err != nil { return 0 }; if r.Status/100 != 2 { return 1 }; r.Close(); return 2 }`)
	fn := pkg.Func("f")
	r := resourceOf(fn)
	res := lifetime.Analyze(r, &s)
	if len(res.Leaks) != 1 || !res.Leaks[0].BadStatus {
		t.Fatalf("want one bad-status leak, got %+v", res.Leaks)
	}
}

func TestBudget(t *testing.T) {
	// 2^k paths through k independent ifs: the state set stays linear
	// because states are keyed by block, so this must finish and be exact.
	var sb strings.Builder
	sb.WriteString("func f() { r, err := acquire(); if err != nil { return }\n")
	for i := 0; i < 200; i++ {
		sb.WriteString("if cond { println(1) } else { println(2) }\n")
	}
	sb.WriteString("r.Close() }")
	res := analyze(t, sb.String(), "f")
	if res.Incomplete || len(res.Leaks) != 0 {
		t.Fatalf("incomplete=%v leaks=%d", res.Incomplete, len(res.Leaks))
	}
}

func TestErrImplied(t *testing.T) {
	src := `
import "errors"

var errX = errors.New("x")

type myErr struct{}

func (*myErr) Error() string { return "" }

func is() { r, err := acquire(); if errors.Is(err, errX) { return }; r.Close() }
func eq() { r, err := acquire(); if err == errX { return }; r.Close() }
func as() { r, err := acquire(); if _, ok := err.(*myErr); ok { return }; r.Close() }
func msg() { r, err := acquire(); println(err.Error()) ; peek(r) }
func notImplied() { r, err := acquire(); if errors.Is(err, errX) { peek(r) }; if cond { return }; r.Close() }
`
	for _, f := range []string{"is", "eq", "as", "msg"} {
		if res := analyze(t, src, f); len(res.Leaks) != 0 {
			t.Errorf("%s: want no leak, got %+v", f, res.Leaks)
		}
	}
	if res := analyze(t, src, "notImplied"); len(res.Leaks) != 1 {
		t.Errorf("notImplied: want 1 leak, got %+v", res.Leaks)
	}
}

// TestBudgetGivesUp: past its budget the search stops and says so, and
// callers report nothing on an Incomplete result.
func TestBudgetGivesUp(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("func f() { r, err := acquire(); if err != nil { return }\n")
	for i := 0; i < 50; i++ {
		sb.WriteString("if cond { println(1) } else { println(2) }\n")
	}
	sb.WriteString("peek(r) }")
	small := *spec
	small.Budget = 10
	pkg := build(t, sb.String())
	fn := pkg.Func("f")
	r := resourceOf(fn)
	if res := lifetime.Analyze(r, &small); !res.Incomplete {
		t.Fatalf("budget 10 over 100+ blocks: Incomplete = false, leaks %d", len(res.Leaks))
	}
	if res := lifetime.Analyze(r, spec); res.Incomplete || len(res.Leaks) != 1 {
		t.Fatalf("default budget: incomplete=%v leaks=%d, want a complete result with 1 leak", res.Incomplete, len(res.Leaks))
	}
}

// resourceOf returns the resource of fn's acquire() call.
func resourceOf(fn *ssa.Function) lifetime.Resource {
	r := lifetime.Resource{Fn: fn}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ex, ok := instr.(*ssa.Extract); ok {
				r.Acquire = ex.Tuple.(*ssa.Call)
				if ex.Index == 0 {
					r.Values = []ssa.Value{ex}
				} else {
					r.Err = ex
				}
			}
		}
	}
	return r
}
