package progen_test

import (
	"bytes"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/bodyclose/bodyclose/internal/progen"
)

// TestDeterministic: the same seed, or the same bytes, give the same
// program.
func TestDeterministic(t *testing.T) {
	for seed := uint64(0); seed < 20; seed++ {
		a := progen.Generate(progen.NewSeeded(seed), progen.Config{}).Source()
		b := progen.Generate(progen.NewSeeded(seed), progen.Config{}).Source()
		if !bytes.Equal(a, b) {
			t.Fatalf("seed %d: two different programs", seed)
		}
	}
	in := []byte("some fuzz input that drives the choices")
	a := progen.Generate(progen.NewBytes(in), progen.Config{}).Source()
	b := progen.Generate(progen.NewBytes(in), progen.Config{}).Source()
	if !bytes.Equal(a, b) {
		t.Fatal("same bytes, two different programs")
	}
	if bytes.Equal(a, progen.Generate(progen.NewSeeded(1), progen.Config{}).Source()) {
		t.Fatal("bytes and seed 1 give the same program")
	}
}

// TestWellTyped: generated programs type-check (from seeds, and from short
// and empty byte inputs), and they vary: acquisitions of every source,
// loops, closures, defers.
func TestWellTyped(t *testing.T) {
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	seen := map[string]int{}
	check := func(name string, src []byte) {
		t.Helper()
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, src)
		}
		conf := types.Config{Importer: imp}
		if _, err := conf.Check("p", fset, []*ast.File{f}, nil); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, src)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.DeferStmt:
				seen["defer"]++
			case *ast.ForStmt, *ast.RangeStmt:
				seen["loop"]++
			case *ast.FuncLit:
				seen["closure"]++
			case *ast.LabeledStmt:
				seen["label"]++
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok && (x.Name == "c" || x.Name == "http") {
					seen[n.Sel.Name]++
				}
			}
			return true
		})
	}
	for seed := uint64(0); seed < 200; seed++ {
		check("seed.go", progen.Generate(progen.NewSeeded(seed), progen.Config{}).Source())
	}
	for _, in := range [][]byte{nil, {0}, {255, 255, 255}, []byte("0123456789abcdef0123456789abcdef")} {
		check("bytes.go", progen.Generate(progen.NewBytes(in), progen.Config{}).Source())
	}
	for _, want := range []string{"defer", "loop", "closure", "label", "Get", "Head", "Post", "Do"} {
		if seen[want] == 0 {
			t.Errorf("no %s in 200 programs", want)
		}
	}
	t.Logf("constructs in 200 programs: %v", seen)
}

// FuzzWellTyped: any input gives a program that type-checks. (The fix
// and path oracles build on this generator; this target keeps it honest
// for every byte string, not only for seeds.)
func FuzzWellTyped(f *testing.F) {
	for _, in := range []string{"", "\x00", "\xff\xff\xff\xff", "a fuzz input that drives the choices", "0123456789abcdefghijklmnopqrstuvwxyz"} {
		f.Add([]byte(in))
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	f.Fuzz(func(t *testing.T, in []byte) {
		src := progen.Generate(progen.NewBytes(in), progen.Config{}).Source()
		file, err := parser.ParseFile(fset, "fuzz.go", src, 0)
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		conf := types.Config{Importer: imp}
		if _, err := conf.Check("p", fset, []*ast.File{file}, nil); err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
	})
}
