// Package progen generates small, well-typed Go programs that use
// net/http, for tests that need many programs nobody wrote by hand: the
// fix oracle (every suggested fix compiles and closes what it claims to),
// and a fuzz target with a brute-force path oracle.
//
// Generation is deterministic: the same Chooser input (a seed, or a byte
// string such as a fuzz input) gives the same program, byte for byte. A
// Program is a tree (this package's Stmt types) that renders to one Go
// file; tests that want ground truth can walk the tree instead of parsing
// the source.
//
// Every program is one package with a fixed set of helpers (a wrapper that
// returns a response, a struct that holds one and closes it, helpers that
// close, drain or only read a response) and Config.Funcs generated
// functions, each of the form
//
//	func fN(ctx context.Context, c *http.Client, u string, urls []string, flag bool, n int) error
//
// (or, for some, returning (*http.Response, error) and handing a response
// to the caller on some paths) whose bodies mix acquisitions (Get, Head, Post, Do of a GET or HEAD
// request, the wrapper, the holder, a discarded response), error checks
// that return, continue, panic or log.Fatal, status checks, loops (range,
// counted, infinite; labelled), switch and select statements, early
// returns, break and continue (labelled too), closes (direct, deferred,
// by a helper, in a closure called or deferred), drains, reads, closures,
// and locals that shadow io and resp.
package progen

import (
	"bytes"
	"fmt"
	"go/format"
	"math/rand/v2"
)

// A Chooser makes the generator's choices.
type Chooser interface {
	// Intn returns a number in [0, n); n > 0.
	IntN(n int) int
}

// NewSeeded returns a Chooser driven by a PCG generator seeded with seed.
func NewSeeded(seed uint64) Chooser {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// NewBytes returns a Chooser that reads its choices from data (a fuzz
// input), one byte per choice (two for n > 256); once data runs out every
// choice is 0, which keeps programs small.
func NewBytes(data []byte) Chooser { return &byteChooser{data: data} }

type byteChooser struct{ data []byte }

func (b *byteChooser) IntN(n int) int {
	if n <= 1 {
		return 0
	}
	var v int
	for k := 0; k < 2 && len(b.data) > 0; k++ {
		v = v<<8 | int(b.data[0])
		b.data = b.data[1:]
		if n <= 256 {
			break
		}
	}
	return v % n
}

// Config bounds a program.
type Config struct {
	// Package is the package name (default "p").
	Package string
	// Funcs is the number of generated functions (default 4).
	Funcs int
	// MaxDepth bounds the nesting of blocks (default 3).
	MaxDepth int
	// MaxStmts bounds the statements generated per block (default 5).
	MaxStmts int
}

func (c Config) withDefaults() Config {
	if c.Package == "" {
		c.Package = "p"
	}
	if c.Funcs <= 0 {
		c.Funcs = 4
	}
	if c.MaxDepth <= 0 {
		c.MaxDepth = 3
	}
	if c.MaxStmts <= 0 {
		c.MaxStmts = 5
	}
	return c
}

// Program is a generated package.
type Program struct {
	Package string
	// IO reports whether the file imports io (and has the helpers that
	// use it); when false, fixes that drain must add the import.
	IO    bool
	Funcs []*Func
}

// Func is a generated function. With Returns, its results are
// (*http.Response, error) and some paths hand a response to the caller.
type Func struct {
	Name    string
	Returns bool
	Body    []Stmt
}

// Generate builds a program from ch's choices.
func Generate(ch Chooser, cfg Config) *Program {
	cfg = cfg.withDefaults()
	g := &gen{ch: ch, cfg: cfg}
	p := &Program{Package: cfg.Package, IO: ch.IntN(3) != 0}
	g.io = p.IO
	for i := 0; i < cfg.Funcs; i++ {
		g.vars, g.labels, g.nvar, g.shadowed = 0, 0, 0, 0
		f := &Func{Name: fmt.Sprintf("F%d", i), Returns: ch.IntN(4) == 0}
		g.returns = f.Returns
		f.Body = g.block(0, scope{}, cfg.MaxStmts)
		if !endsInReturn(f.Body) {
			f.Body = append(f.Body, &Return{})
		}
		p.Funcs = append(p.Funcs, f)
	}
	return p
}

func endsInReturn(b []Stmt) bool {
	if len(b) == 0 {
		return false
	}
	_, ok := b[len(b)-1].(*Return)
	return ok
}

// Source renders p as a gofmt'ed Go file.
func (p *Program) Source() []byte {
	var buf bytes.Buffer
	r := &renderer{buf: &buf}
	r.program(p)
	out, err := format.Source(buf.Bytes())
	if err != nil {
		// A generator bug: return the raw text so that the caller's type
		// check reports it with line numbers.
		return buf.Bytes()
	}
	return out
}
