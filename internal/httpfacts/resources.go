package httpfacts

// Resources borrowed from a pool (database/sql rows and transactions,
// redigo connections, fasthttp requests, ...) and clients that own a pool
// (sql.DB, go-redis clients, gRPC connections): two more domains over the
// table in internal/knowledge, summarised like response bodies.

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
)

// ResSource is an instruction that hands the function a resource borrowed
// from a pool.
type ResSource struct {
	Instr ssa.Instruction
	// Value holds the resource (the call, or its Extract); nil when the
	// call's results are discarded.
	Value ssa.Value
	// Err is the call's error result, or nil.
	Err ssa.Value
	// Kind is the resource's kind; Callee the function called.
	Kind   *knowledge.ResourceKind
	Callee *types.Func
}

// Resource returns what the engine follows for s in fn.
func (s ResSource) Resource(fn *ssa.Function) lifetime.Resource {
	rs := lifetime.Resource{Fn: fn, Acquire: s.Instr, Err: s.Err}
	if s.Value != nil {
		rs.Values = []ssa.Value{s.Value}
	}
	return rs
}

// ResSources lists the calls in fn that acquire a table resource, directly
// or through a function whose summary returns one.
func (r *Result) ResSources(fn *ssa.Function) []ResSource {
	if !r.ResRelevant {
		return nil
	}
	var out []ResSource
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if s, ok := r.resCall(call); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// calleeObj returns the function a call calls: the method of an interface
// call, the static callee's object, or nil.
func calleeObj(common *ssa.CallCommon) (*types.Func, *ssa.Function) {
	if common.IsInvoke() {
		return common.Method, nil
	}
	callee := common.StaticCallee()
	if callee == nil {
		return nil, nil
	}
	obj, _ := callee.Object().(*types.Func)
	return obj, callee
}

func (r *Result) resCall(call *ssa.Call) (ResSource, bool) {
	common := call.Common()
	obj, callee := calleeObj(common)
	results := common.Signature().Results()
	idx := -1
	var kind *knowledge.ResourceKind
	for i := range results.Len() {
		if k := r.resources.Acquired(obj, results.At(i).Type()); k != nil {
			idx, kind = i, k
			break
		}
	}
	if idx < 0 && callee != nil {
		if live := r.res.liveResults(callee); len(live) > 0 {
			idx = live[0]
			t := results.At(idx).Type()
			kind = r.resources.KindOf(t)
			if kind == nil {
				// A struct of the program that holds a table resource
				// (sqlx's *Rows around *sql.Rows): named by its own
				// type, costing what the resource it holds costs.
				name := types.TypeString(t, func(p *types.Package) string { return p.Name() })
				cost := "what it holds stays out of its pool"
				if held := r.resources.HeldKind(t); held != nil {
					cost = held.Cost
				}
				kind = &knowledge.ResourceKind{Name: strings.TrimPrefix(name, "*"), Cost: cost}
			}
		}
	}
	if idx < 0 {
		return ResSource{}, false
	}
	s := ResSource{Instr: call, Kind: kind, Callee: obj}
	// (A discarded result leaves Value nil: the call is still a source.)
	s.Value, s.Err = resultAt(call, idx)
	return s, true
}

// ClientPoolSource is an instruction that builds a client owning a pool.
type ClientPoolSource struct {
	Instr ssa.Instruction
	Value ssa.Value
	Err   ssa.Value
	// Kind is the pool's kind (nil for a factory of this program whose
	// summary returns a pool: Callee names it).
	Kind   *knowledge.PoolKind
	Callee *types.Func
}

// Resource returns what the engine follows for s in fn.
func (s ClientPoolSource) Resource(fn *ssa.Function) lifetime.Resource {
	return lifetime.Resource{Fn: fn, Acquire: s.Instr, Values: []ssa.Value{s.Value}, Err: s.Err}
}

// ClientPoolSources lists the instructions in fn that build a client that
// owns a pool: a table constructor, a literal of a table type, a factory
// whose summary returns a fresh one.
func (r *Result) ClientPoolSources(fn *ssa.Function) []ClientPoolSource {
	if !r.ResRelevant {
		return nil
	}
	var out []ClientPoolSource
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Alloc:
				if p, ok := instr.Type().Underlying().(*types.Pointer); ok {
					if k := knowledge.PoolLiteral(p.Elem()); k != nil {
						out = append(out, ClientPoolSource{Instr: instr, Value: instr, Kind: k})
					}
				}
			case *ssa.Call:
				if s, ok := r.clientPoolCall(instr); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

func (r *Result) clientPoolCall(call *ssa.Call) (ClientPoolSource, bool) {
	common := call.Common()
	obj, callee := calleeObj(common)
	if common.IsInvoke() {
		return ClientPoolSource{}, false
	}
	idx := -1
	kind := knowledge.PoolConstructor(obj)
	if kind != nil {
		idx = 0
	} else if callee != nil {
		if live := r.pools.liveResults(callee); len(live) > 0 {
			idx = live[0]
		}
	}
	if idx < 0 {
		return ClientPoolSource{}, false
	}
	s := ClientPoolSource{Instr: call, Kind: kind, Callee: obj}
	s.Value, s.Err = resultAt(call, idx)
	return s, s.Value != nil
}

// ResSpec is the lifetime spec of a table resource: released by its
// release methods and functions, or by a loop of its IterEnd method run to
// the end.
func (r *Result) ResSpec() *lifetime.Spec { return r.res.spec }

// ClientPoolSpec is the lifetime spec of a client that owns a pool: only
// handing it on keeps its pool (Close does not: the pool dies with it).
func (r *Result) ClientPoolSpec() *lifetime.Spec { return r.pools.spec }

// Resources returns the resource table in force (the libraries' and the
// configured pairs).
func (r *Result) Resources() *knowledge.Resources { return r.resources }

// isCloseLike reports whether m is a method named like a release method of
// a table kind, with no parameters: an io.Closer's Close on a value that
// holds a resource.
func (r *Result) isCloseLike(m *types.Func) bool {
	sig := m.Type().(*types.Signature)
	if sig.Params().Len() != 0 {
		return false
	}
	for _, k := range r.resources.Kinds() {
		if slices.Contains(k.ReleaseMethods, m.Name()) {
			return true
		}
	}
	return false
}

func newResDomain(r *Result) *domain {
	d := newDomain(r)
	d.spec = &lifetime.Spec{
		Call:         d.callUse,
		Field:        r.resources.IsHolderField,
		Store:        resHolder(r.resources),
		NoReturn:     noReturn,
		ErrPredicate: r.errPredicate,
		NonNilError:  NonNilError,
		ReleaseCond: func(cond ssa.Value, q lifetime.Query) (bool, bool) {
			call, ok := cond.(*ssa.Call)
			if !ok || len(call.Call.Args) == 0 {
				return false, false
			}
			obj, _ := calleeObj(call.Common())
			recv := call.Call.Args[0]
			if call.Common().IsInvoke() {
				recv = call.Call.Value
			}
			if !q.Tracked(recv) {
				return false, false
			}
			if r.resources.IsIterEnd(r.resources.KindOf(recv.Type()), obj) {
				return false, true // released where Next is false
			}
			return false, false
		},
	}
	d.mayHold = r.resources.MayHold
	// An interface of a kind's own package (grpc.ClientConnInterface,
	// which generated clients keep) can carry the resource into a callee
	// that keeps it in its result: summarise such parameters too.
	d.carries = func(t types.Type) bool {
		if r.resources.MayHold(t) {
			return true
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok || !types.IsInterface(t) || n.Obj().Pkg() == nil {
			return false
		}
		return slices.Contains(r.resources.Packages(), n.Obj().Pkg().Path())
	}
	// withTx(ctx, db, func(tx *sql.Tx) error {...}): the callback runs
	// statements; ending the transaction is withTx's job.
	d.dynamicBorrows = true
	// defer func() { if err != nil { tx.Rollback() } }(): released where
	// the function returns a non-nil error.
	d.errGuardedDefers = true
	d.carrier = notAny(r.resources.MayHold)
	d.method = func(m *types.Func) effKind {
		if r.isCloseLike(m) {
			return effClose
		}
		return effBorrow
	}
	d.known = func(obj *types.Func, common *ssa.CallCommon, i int, paramType types.Type) (paramEffect, bool) {
		if common == nil {
			return paramEffect{}, false
		}
		if i == 0 {
			for _, k := range r.resources.Kinds() {
				if r.resources.Releases(k, obj, 0) {
					return paramEffect{kind: effClose}, true
				}
			}
		}
		if k := r.resources.KindOf(paramType); k != nil && r.resources.OwnPackage(k, obj) && r.pass.Pkg.Path() != k.Pkg {
			// tx.Exec, conn.Do, client.Do(req, resp): the library
			// uses it and gives it back to nobody. (Inside the library
			// itself its own summaries say what it does.)
			return paramEffect{kind: effBorrow}, true
		}
		if knowledge.Borrower(obj) {
			return paramEffect{kind: effBorrow}, true
		}
		return paramEffect{}, false
	}
	d.forcedReturns = func(*types.Func) bool { return false }
	d.facts = func(s *Summary) *Effects { return &s.Res }
	d.acquisitions = func(fn *ssa.Function) []lifetime.Resource {
		var out []lifetime.Resource
		for _, s := range r.ResSources(fn) {
			out = append(out, s.Resource(fn))
		}
		return out
	}
	return d
}

func newClientPoolDomain(r *Result) *domain {
	d := newDomain(r)
	d.spec = &lifetime.Spec{
		Call:         d.callUse,
		Field:        knowledge.IsClientPoolHolderField,
		Store:        poolHolder,
		NoReturn:     noReturn,
		ErrPredicate: r.errPredicate,
		NonNilError:  NonNilError,
	}
	d.mayHold = knowledge.MayHoldClientPool
	d.dynamicBorrows = true // a callback given the client uses it
	d.goKeeps = true
	d.carrier = notAny(knowledge.MayHoldClientPool)
	d.method = func(*types.Func) effKind { return effBorrow } // Close ends the pool with the call
	d.known = func(obj *types.Func, common *ssa.CallCommon, i int, paramType types.Type) (paramEffect, bool) {
		if common == nil || obj == nil {
			return paramEffect{}, false
		}
		if k := knowledge.PoolKindOf(paramType); k != nil && obj.Pkg() != nil && obj.Pkg().Path() == k.Pkg && r.pass.Pkg.Path() != k.Pkg {
			// db.Query, client.Get, cc.Close: used, not kept. (Inside
			// the library itself its own summaries say what it does.)
			return paramEffect{kind: effBorrow}, true
		}
		if knowledge.Borrower(obj) {
			return paramEffect{kind: effBorrow}, true
		}
		return paramEffect{}, false
	}
	d.forcedReturns = func(*types.Func) bool { return false }
	d.facts = func(s *Summary) *Effects { return &s.ClientPool }
	d.acquisitions = func(fn *ssa.Function) []lifetime.Resource {
		var out []lifetime.Resource
		for _, s := range r.ClientPoolSources(fn) {
			out = append(out, s.Resource(fn))
		}
		return out
	}
	return d
}

// resHolder is the resource Spec's Store: stored in a field of a struct
// allocated in this function (not one of the libraries' own), the
// resource is held by that struct; stored anywhere else it is handed on.
func resHolder(res *knowledge.Resources) func(st *ssa.Store) ssa.Value {
	return func(st *ssa.Store) ssa.Value {
		fa, ok := st.Addr.(*ssa.FieldAddr)
		if !ok {
			return nil
		}
		if _, local := fa.X.(*ssa.Alloc); !local {
			return nil
		}
		p, ok := fa.X.Type().Underlying().(*types.Pointer)
		if !ok {
			return nil
		}
		if n, ok := types.Unalias(p.Elem()).(*types.Named); ok && n.Obj().Pkg() != nil && slices.Contains(res.Packages(), n.Obj().Pkg().Path()) && !hasReleaseMethod(res, n) {
			// A library's own struct keeps it (its business), unless
			// the struct can release it itself: redigo's
			// PubSubConn{Conn: pool.Get()} is closed by its Close.
			return nil
		}
		return fa.X
	}
}

// ParsePair parses a user's acquire/release pair, "ACQUIRE=RELEASE" with
// functions by full name ("(*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put"):
// the acquire function's first result is the resource, the release
// function (or method) releases its first argument (or receiver).
func ParsePair(s string) (*knowledge.ResourceKind, error) {
	acq, rel, ok := strings.Cut(s, "=")
	acq, rel = strings.TrimSpace(acq), strings.TrimSpace(rel)
	if !ok || acq == "" || rel == "" {
		return nil, fmt.Errorf("%q: want ACQUIRE=RELEASE, two functions by full name", s)
	}
	for _, n := range []string{acq, rel} {
		if knowledge.PackageOfFullName(n) == "" {
			return nil, fmt.Errorf("%q: %q is not a full function name (want pkg/path.F or (*pkg/path.T).M)", s, n)
		}
		if err := analysisutil.CheckFuncName(n); err != nil {
			return nil, fmt.Errorf("%q: %v", s, err)
		}
	}
	return &knowledge.ResourceKind{Name: "the resource from " + shortName(acq), Cost: "it is never given back to its pool", Pkg: knowledge.PackageOfFullName(rel), Acquire: []string{acq}, Release: []string{rel}}, nil
}

// shortName drops the package path of a full function name:
// "(*pool.Pool).Get" for "(*example.com/pool.Pool).Get".
func shortName(full string) string {
	p := knowledge.PackageOfFullName(full)
	if i := strings.LastIndex(p, "/"); i >= 0 {
		return strings.Replace(full, p[:i+1], "", 1)
	}
	return full
}

// resolveKinds completes the user's kinds with the type of their
// resource, the first result of the acquire function, looked up among the
// packages pkg can see (a kind whose function pkg cannot see is kept as
// it is: it cannot occur here).
func resolveKinds(pkg *types.Package, kinds []*knowledge.ResourceKind) []*knowledge.ResourceKind {
	if len(kinds) == 0 {
		return nil
	}
	pkgs := map[string]*types.Package{}
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		if pkgs[p.Path()] != nil {
			return
		}
		pkgs[p.Path()] = p
		for _, imp := range p.Imports() {
			walk(imp)
		}
	}
	walk(pkg)
	var out []*knowledge.ResourceKind
	for _, k := range kinds {
		c := *k
		if fn := lookupFullName(pkgs, k.Acquire[0]); fn != nil {
			res := fn.Type().(*types.Signature).Results()
			if res.Len() > 0 {
				t := res.At(0).Type()
				if p, ok := types.Unalias(t).(*types.Pointer); ok {
					t = p.Elem()
				}
				if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
					c.Pkg, c.Type = n.Obj().Pkg().Path(), n.Obj().Name()
					c.Name = n.Obj().Pkg().Name() + "." + n.Obj().Name()
				}
			}
		}
		out = append(out, &c)
	}
	return out
}

// lookupFullName finds the function or method with the given full name
// among pkgs, or nil.
func lookupFullName(pkgs map[string]*types.Package, full string) *types.Func {
	p := pkgs[knowledge.PackageOfFullName(full)]
	if p == nil {
		return nil
	}
	rest := strings.TrimPrefix(full, "(")
	rest = strings.TrimPrefix(rest, "*")
	rest = strings.TrimPrefix(rest, p.Path()+".")
	if typ, method, ok := strings.Cut(rest, ")."); ok {
		tn, _ := p.Scope().Lookup(typ).(*types.TypeName)
		if tn == nil {
			return nil
		}
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, p, method)
		fn, _ := obj.(*types.Func)
		return fn
	}
	fn, _ := p.Scope().Lookup(rest).(*types.Func)
	return fn
}

// mergeKinds merges the user's kinds that turned out to be the same type
// (several acquire functions, or several ways to release one resource:
// "A=R1,A=R2", "Get=Put,Lease=Return"), and drops repeated pairs, so that
// every acquire and every release of one resource type applies to it.
func mergeKinds(kinds []*knowledge.ResourceKind) []*knowledge.ResourceKind {
	var out []*knowledge.ResourceKind
	byType := map[[2]string]*knowledge.ResourceKind{}
	add := func(xs []string, x string) []string {
		if slices.Contains(xs, x) {
			return xs
		}
		return append(xs, x)
	}
	for _, k := range kinds {
		key := [2]string{k.Pkg, k.Type}
		if k.Type == "" {
			key = [2]string{"acquire", k.Acquire[0]} // unresolved here: by its acquire
		}
		if m := byType[key]; m != nil {
			for _, a := range k.Acquire {
				m.Acquire = add(m.Acquire, a)
			}
			for _, r := range k.Release {
				m.Release = add(m.Release, r)
			}
			continue
		}
		c := *k
		c.Acquire = slices.Clone(k.Acquire)
		c.Release = slices.Clone(k.Release)
		byType[key] = &c
		out = append(out, &c)
	}
	return out
}

// hasReleaseMethod reports whether the library type n has a method (on *n)
// named like a release method of a kind of its package.
func hasReleaseMethod(res *knowledge.Resources, n *types.Named) bool {
	ms := types.NewMethodSet(types.NewPointer(n))
	for _, k := range res.Kinds() {
		if k.Pkg != n.Obj().Pkg().Path() {
			continue
		}
		for _, m := range k.ReleaseMethods {
			if ms.Lookup(n.Obj().Pkg(), m) != nil {
				return true
			}
		}
	}
	return false
}

// notAny returns mayHold for results: a result of type any (interface{})
// carries nothing out, whatever it may hold in.
func notAny(mayHold func(types.Type) bool) func(types.Type) bool {
	return func(t types.Type) bool {
		if iface, ok := types.Unalias(t).Underlying().(*types.Interface); ok && iface.Empty() {
			return false
		}
		return mayHold(t)
	}
}
