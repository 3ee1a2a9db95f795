package knowledge

import (
	"go/types"
	"slices"
	"strings"
)

// A ResourceKind is a value borrowed from a pool that the borrower must give
// back on every path: a *database/sql.Rows, a redigo connection, a fasthttp
// Request from its sync.Pool. One file per library (sql.go, redigo.go,
// goredis.go, fasthttp.go, grpc.go) holds its kinds; users add their own
// with NewUserKinds.
//
// Functions are matched by their full names as (*types.Func).FullName
// prints them, types by package path and name.
type ResourceKind struct {
	// Name names the kind in messages ("sql.Rows").
	Name string
	// Cost says what a leak costs, for messages ("its connection stays out
	// of the pool").
	Cost string
	// Pkg and Type are the resource's type: Type in package Pkg, a named
	// struct handed out by pointer or a named interface.
	Pkg, Type string
	// Acquire lists functions and methods whose first result of the
	// resource's type is a fresh resource (the caller must release it
	// where the error result, if any, is nil).
	Acquire []string
	// AcquireNamed lists names of functions and methods declared in Pkg
	// that acquire the resource when their result is of its type: the
	// same method on every client type and interface of a library
	// (go-redis's Subscribe).
	AcquireNamed []string
	// ReleaseMethods are the names of the methods of the resource (its
	// own or promoted from a type of Pkg it embeds) that release it.
	ReleaseMethods []string
	// Release lists functions that release the resource passed as their
	// first argument (fasthttp.ReleaseRequest).
	Release []string
	// IterEnd names a method whose false result means the resource was
	// released: (*sql.Rows).Next closes the rows when it returns false.
	IterEnd string
}

// resourceKinds are the libraries' kinds, in a fixed order.
var resourceKinds = concat(sqlKinds, redigoKinds, goRedisKinds, fasthttpKinds, grpcKinds)

func concat[T any](xs ...[]T) []T {
	var out []T
	for _, x := range xs {
		out = append(out, x...)
	}
	return out
}

// ResourcePackages are the import paths whose packages can hand out a
// table resource or build a table pool: a package that reaches none of
// them (and no user-configured one) needs no SSA for these analyzers.
func ResourcePackages() []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range resourceKinds {
		if !seen[k.Pkg] {
			seen[k.Pkg] = true
			out = append(out, k.Pkg)
		}
	}
	for _, k := range poolKinds {
		if !seen[k.Pkg] {
			seen[k.Pkg] = true
			out = append(out, k.Pkg)
		}
	}
	return out
}

// Resources is the table of resource kinds one analysis uses: the
// libraries' kinds and the user's. The zero value is not usable; see
// NewResources.
type Resources struct {
	kinds    []*ResourceKind
	acquire  map[string]*ResourceKind
	release  map[string]*ResourceKind
	packages []string
}

// NewResources returns the libraries' table extended by user kinds (nil for
// none).
func NewResources(user []*ResourceKind) *Resources {
	r := &Resources{acquire: map[string]*ResourceKind{}, release: map[string]*ResourceKind{}}
	for _, k := range resourceKinds {
		r.add(&k) // a copy per table: the libraries' table is read-only
	}
	for _, k := range user {
		r.add(k)
	}
	seen := map[string]bool{}
	for _, p := range ResourcePackages() {
		seen[p] = true
		r.packages = append(r.packages, p)
	}
	for _, k := range user {
		for _, name := range append(append([]string(nil), k.Acquire...), k.Release...) {
			if p := PackageOfFullName(name); p != "" && !seen[p] {
				seen[p] = true
				r.packages = append(r.packages, p)
			}
		}
	}
	return r
}

func (r *Resources) add(k *ResourceKind) {
	r.kinds = append(r.kinds, k)
	for _, n := range k.Acquire {
		r.acquire[n] = k
	}
	for _, n := range k.Release {
		r.release[n] = k
	}
}

// Kinds lists the kinds of the table, the libraries' first.
func (r *Resources) Kinds() []*ResourceKind { return r.kinds }

// Packages are the import paths that matter to the table (see
// ResourcePackages), the user's included.
func (r *Resources) Packages() []string { return r.packages }

// Acquired returns the kind of resource that result i of a call to fn
// hands out, or nil. resultType is that result's type.
func (r *Resources) Acquired(fn *types.Func, resultType types.Type) *ResourceKind {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if k := r.acquire[fn.FullName()]; k != nil {
		if of := r.KindOf(resultType); k.Type == "" || (of != nil && of.Pkg == k.Pkg && of.Type == k.Type) {
			return k
		}
	}
	k := r.KindOf(resultType)
	if k == nil || fn.Pkg() == nil {
		return nil
	}
	if k.Pkg == fn.Pkg().Path() && slices.Contains(k.AcquireNamed, fn.Name()) {
		return k
	}
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil && types.IsInterface(recv.Type()) {
		// A method of the user's interface (a querier over *sql.DB and
		// *sql.Tx, a type parameter's constraint) named like one of the
		// kind's acquiring methods and returning the resource.
		for _, a := range k.Acquire {
			if i := strings.LastIndex(a, ")."); i >= 0 && a[i+2:] == fn.Name() {
				return k
			}
		}
	}
	return nil
}

// KindOf returns the kind whose resource has type t (*T for a struct, T
// for an interface), or nil.
func (r *Resources) KindOf(t types.Type) *ResourceKind {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return nil
	}
	for _, k := range r.kinds {
		if k.Type == n.Obj().Name() && k.Pkg == n.Obj().Pkg().Path() {
			return k
		}
	}
	return nil
}

// Releases reports whether calling fn releases the resource of kind k
// passed as its argument i (0 is a method's receiver).
func (r *Resources) Releases(k *ResourceKind, fn *types.Func, i int) bool {
	if fn == nil || k == nil || i != 0 {
		return false
	}
	fn = fn.Origin()
	if r.release[fn.FullName()] == k {
		return true
	}
	sig := fn.Type().(*types.Signature)
	return sig.Recv() != nil && fn.Pkg() != nil && fn.Pkg().Path() == k.Pkg && slices.Contains(k.ReleaseMethods, fn.Name())
}

// IsIterEnd reports whether fn is k's IterEnd method.
func (r *Resources) IsIterEnd(k *ResourceKind, fn *types.Func) bool {
	return k != nil && fn != nil && k.IterEnd != "" && fn.Name() == k.IterEnd &&
		fn.Pkg() != nil && fn.Pkg().Path() == k.Pkg && fn.Type().(*types.Signature).Recv() != nil
}

// OwnPackage reports whether fn is declared in the package of a kind's
// type: a method of the resource or of its client (tx.Exec, conn.Do,
// client.Do(req, resp)) uses it and gives it back to nobody.
func (r *Resources) OwnPackage(k *ResourceKind, fn *types.Func) bool {
	return k != nil && fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == k.Pkg
}

// MayHold reports whether a value of type t may hold a resource of the
// table: the resource types, structs (or pointers to them) with such a
// field, and interfaces with a method named like a release method (an
// io.Closer).
func (r *Resources) MayHold(t types.Type) bool { return r.mayHold(t, 0) }

func (r *Resources) mayHold(t types.Type, depth int) bool {
	if depth > 3 || t == nil {
		return false
	}
	if r.KindOf(t) != nil {
		return true
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Pointer:
		return r.mayHold(u.Elem(), depth+1)
	case *types.Struct:
		for f := range u.Fields() {
			if r.mayHold(f.Type(), depth+1) {
				return true
			}
		}
	case *types.Interface:
		if u.Empty() {
			return true
		}
		for m := range u.Methods() {
			for _, k := range r.kinds {
				if slices.Contains(k.ReleaseMethods, m.Name()) {
					return true
				}
			}
		}
	}
	return false
}

// HeldKind returns the kind of the table resource that a value of type t
// holds (t itself, or a field of a struct, through pointers), or nil.
func (r *Resources) HeldKind(t types.Type) *ResourceKind { return r.heldKind(t, 0) }

func (r *Resources) heldKind(t types.Type, depth int) *ResourceKind {
	if depth > 3 || t == nil {
		return nil
	}
	if k := r.KindOf(t); k != nil {
		return k
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Pointer:
		return r.heldKind(u.Elem(), depth+1)
	case *types.Struct:
		for f := range u.Fields() {
			if k := r.heldKind(f.Type(), depth+1); k != nil {
				return k
			}
		}
	}
	return nil
}

// IsHolderField reports whether field f of a struct declared outside the
// kinds' packages can hold a table resource.
func (r *Resources) IsHolderField(f *types.Var) bool {
	if f == nil || !f.IsField() {
		return false
	}
	if f.Embedded() && f.Pkg() != nil {
		// go-redis's Conn embeds baseClient, whose Close releases it.
		for _, k := range r.kinds {
			if k.Pkg == f.Pkg().Path() {
				return true
			}
		}
	}
	return r.KindOf(f.Type()) != nil
}

// PackageOfFullName returns the package path of a function named as
// (*types.Func).FullName prints it: "example.com/p" for
// "(*example.com/p.T).M" and "example.com/p.F"; "" when name has no
// package.
func PackageOfFullName(name string) string {
	s := strings.TrimPrefix(name, "(")
	s = strings.TrimPrefix(s, "*")
	if i := strings.Index(s, ")"); i >= 0 {
		s = s[:i]
	}
	slash := strings.LastIndex(s, "/")
	dot := strings.LastIndex(s, ".")
	if dot <= slash {
		return ""
	}
	return s[:dot]
}
