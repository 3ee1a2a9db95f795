package httpfacts

// Sources: the instructions that hand a function a live response (calls,
// channel receives) or a fresh connection pool, and those that look like
// sources but are not (test fakes, in-memory responses).

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/bodyclose/bodyclose/internal/knowledge"
	"github.com/bodyclose/bodyclose/internal/lifetime"
)

// Source describes an instruction that produces a live response.
type Source struct {
	// Instr is the call or channel receive.
	Instr ssa.Instruction
	// Call is Instr when it is a call.
	Call *ssa.Call
	// Resp holds the response (an Extract of the call, or the call).
	Resp ssa.Value
	// Err is the call's error result, or nil.
	Err ssa.Value
	// Ok is the comma-ok result of a receive, or nil.
	Ok ssa.Value
	// Callee is the function called, for messages; nil for a dynamic call.
	Callee *types.Func
}

// SourceOf reports whether call hands its caller a live response to close.
func (r *Result) SourceOf(call *ssa.Call) (Source, bool) {
	common := call.Common()
	var obj *types.Func
	var respIdx []int
	if common.IsInvoke() {
		obj = common.Method
		if knowledge.IsSource(obj) || r.sources[obj.Origin().FullName()] {
			respIdx = firstResponse(common.Signature())
		}
	} else if callee := common.StaticCallee(); callee != nil {
		obj, _ = callee.Object().(*types.Func)
		switch {
		case obj != nil && r.sources[obj.Origin().FullName()]:
			respIdx = firstResponse(common.Signature())
		case r.ownRoundTrip(callee):
			// A RoundTrip of this package: its body says whether it
			// hands out a live response (a test fake does not).
			respIdx = r.body.liveResults(callee)
		case obj != nil && knowledge.IsSource(obj):
			if r.inMemory(call, obj) || r.fakeClient(call, obj) {
				return Source{}, false
			}
			respIdx = firstResponse(common.Signature())
		default:
			respIdx = r.body.liveResults(callee)
		}
	} else if knowledge.IsSourceSignature(common.Signature()) {
		// A function value of the client's shape.
		respIdx = []int{0}
	}
	if len(respIdx) == 0 {
		return Source{}, false
	}
	s := Source{Instr: call, Call: call, Callee: obj}
	results := common.Signature().Results()
	errIdx, okIdx := -1, -1
	if n := results.Len(); n > 1 && knowledge.IsError(results.At(n-1).Type()) {
		errIdx = n - 1
	} else if n > 1 && isBool(results.At(n-1).Type()) {
		okIdx = n - 1 // (resp, ok): no response when !ok
	}
	if results.Len() == 1 {
		s.Resp = call
		return s, true
	}
	if refs := call.Referrers(); refs != nil {
		for _, instr := range *refs {
			if ex, ok := instr.(*ssa.Extract); ok {
				switch ex.Index {
				case respIdx[0]:
					s.Resp = ex
				case errIdx:
					s.Err = ex
				case okIdx:
					s.Ok = ex
				}
			}
		}
	}
	return s, true
}

// Sources lists the instructions in fn that produce a live response:
// calls, and receives from a channel of responses (the sender handed the
// body on).
func (r *Result) Sources(fn *ssa.Function) []Source {
	var out []Source
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Call:
				if s, ok := r.SourceOf(instr); ok {
					out = append(out, s)
				}
			case *ssa.UnOp:
				if s, ok := recvSource(instr); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// ownRoundTrip reports whether fn is a RoundTrip method declared in this
// package (with a body to summarise).
func (r *Result) ownRoundTrip(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Name() != "RoundTrip" || obj.Pkg() != r.pass.Pkg {
		return false
	}
	sig := fn.Signature
	return sig.Recv() != nil && len(fn.Blocks) > 0
}

// inMemory reports whether call is http.ReadResponse over an in-memory
// reader (bufio.NewReader(strings.NewReader(...))): its body holds no
// connection.
func (r *Result) inMemory(call *ssa.Call, obj *types.Func) bool {
	if obj.FullName() != "net/http.ReadResponse" || len(call.Common().Args) == 0 {
		return false
	}
	v := call.Common().Args[0]
	for i := 0; i < 3; i++ {
		c, ok := v.(*ssa.Call)
		if !ok || c.Common().StaticCallee() == nil || len(c.Common().Args) == 0 {
			return false
		}
		callee, _ := c.Common().StaticCallee().Object().(*types.Func)
		switch {
		case callee == nil:
			return false
		case knowledge.IsInMemoryReader(callee):
			return true
		case callee.FullName() == "bufio.NewReader" || callee.FullName() == "bufio.NewReaderSize":
			v = c.Common().Args[0]
			if mi, ok := v.(*ssa.MakeInterface); ok {
				v = mi.X
			}
		default:
			return false
		}
	}
	return false
}

// fakeClient reports whether call is a Client method on a client built in
// this function around a transport of this package whose RoundTrip never
// hands out a live response (a test fake returning errors or canned
// responses).
func (r *Result) fakeClient(call *ssa.Call, obj *types.Func) bool {
	if !knowledge.IsPoolMethod(obj) || len(call.Common().Args) == 0 {
		return false
	}
	client, ok := call.Common().Args[0].(*ssa.Alloc)
	if !ok || client.Referrers() == nil {
		return false
	}
	p, ok := client.Type().Underlying().(*types.Pointer)
	if !ok || !knowledge.IsClient(p.Elem()) {
		return false
	}
	for _, ref := range *client.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.Referrers() == nil {
			continue
		}
		if !knowledge.IsClientTransportField(knowledge.FieldOf(fa)) {
			continue
		}
		for _, ref2 := range *fa.Referrers() {
			store, ok := ref2.(*ssa.Store)
			if !ok {
				continue
			}
			mi, ok := store.Val.(*ssa.MakeInterface)
			if !ok {
				return false
			}
			if fn := funcLiteral(mi.X); fn != nil {
				// A func type with a RoundTrip method that calls it
				// (type roundTripFunc func(*Request) (*Response, error)):
				// the literal decides.
				return len(fn.Blocks) > 0 && len(r.body.liveResults(fn)) == 0
			}
			rt := roundTripOf(call.Parent().Prog, mi.X.Type())
			if rt == nil || !r.ownRoundTrip(rt) || len(r.body.liveResults(rt)) > 0 {
				return false
			}
			return true
		}
	}
	return false
}

// funcLiteral returns the function v converts to a func type, if v is one.
func funcLiteral(v ssa.Value) *ssa.Function {
	if ct, ok := v.(*ssa.ChangeType); ok {
		v = ct.X
	}
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		return fn
	}
	return nil
}

// roundTripOf returns the RoundTrip method of type t, if it has one.
func roundTripOf(prog *ssa.Program, t types.Type) *ssa.Function {
	sel := prog.MethodSets.MethodSet(t).Lookup(nil, "RoundTrip")
	if sel == nil {
		return nil
	}
	return prog.MethodValue(sel)
}

// Resource returns the lifetime resource of s in fn.
func (s Source) Resource(fn *ssa.Function) lifetime.Resource {
	rs := lifetime.Resource{Fn: fn, Acquire: s.Instr, Err: s.Err, Ok: s.Ok}
	if s.Resp != nil {
		rs.Values = []ssa.Value{s.Resp}
	}
	return rs
}

// PoolSource is an instruction that creates a connection pool: a
// Transport literal or new(http.Transport), a Clone of a transport, or a
// call whose summary says it returns a fresh transport or a client that
// owns one.
type PoolSource struct {
	Instr ssa.Instruction
	// Value holds the pool (the Alloc, the call, or its Extract).
	Value ssa.Value
	// Err is the error result of a factory call, or nil.
	Err ssa.Value
	// Callee is the factory called, or nil.
	Callee *types.Func
}

// Resource returns the lifetime resource of p in fn.
func (p PoolSource) Resource(fn *ssa.Function) lifetime.Resource {
	return lifetime.Resource{Fn: fn, Acquire: p.Instr, Values: []ssa.Value{p.Value}, Err: p.Err}
}

// PoolSources lists the instructions in fn that create a connection pool.
func (r *Result) PoolSources(fn *ssa.Function) []PoolSource {
	var out []PoolSource
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Alloc:
				if p, ok := instr.Type().Underlying().(*types.Pointer); ok && knowledge.IsTransport(p.Elem()) {
					out = append(out, PoolSource{Instr: instr, Value: instr})
				}
			case *ssa.Call:
				if ps, ok := r.poolCall(instr); ok {
					out = append(out, ps)
				}
			}
		}
	}
	return out
}

// poolCall reports whether call returns a fresh pool.
func (r *Result) poolCall(call *ssa.Call) (PoolSource, bool) {
	common := call.Common()
	callee := common.StaticCallee()
	if callee == nil || common.IsInvoke() {
		return PoolSource{}, false
	}
	obj, _ := callee.Object().(*types.Func)
	var idx []int
	if knowledge.IsTransportClone(obj) {
		idx = []int{0}
	} else {
		idx = r.pool.liveResults(callee)
	}
	if len(idx) == 0 {
		return PoolSource{}, false
	}
	ps := PoolSource{Instr: call, Callee: obj}
	results := common.Signature().Results()
	if results.Len() == 1 {
		ps.Value = call
		return ps, true
	}
	if refs := call.Referrers(); refs != nil {
		for _, instr := range *refs {
			if ex, ok := instr.(*ssa.Extract); ok {
				switch {
				case ex.Index == idx[0]:
					ps.Value = ex
				case ex.Index == results.Len()-1 && knowledge.IsError(results.At(ex.Index).Type()):
					ps.Err = ex
				}
			}
		}
	}
	return ps, ps.Value != nil
}

// recvSource reports whether u receives a *http.Response from a channel.
// With comma-ok (for range over the channel), the response is element 0.
func recvSource(u *ssa.UnOp) (Source, bool) {
	if u.Op != token.ARROW {
		return Source{}, false
	}
	if !u.CommaOk {
		if knowledge.IsResponsePtr(u.Type()) {
			return Source{Instr: u, Resp: u}, true
		}
		return Source{}, false
	}
	tup, ok := u.Type().(*types.Tuple)
	if !ok || tup.Len() != 2 || !knowledge.IsResponsePtr(tup.At(0).Type()) {
		return Source{}, false
	}
	s := Source{Instr: u}
	if refs := u.Referrers(); refs != nil {
		for _, ref := range *refs {
			if ex, ok := ref.(*ssa.Extract); ok {
				switch ex.Index {
				case 0:
					s.Resp = ex
				case 1:
					s.Ok = ex
				}
			}
		}
	}
	return s, s.Resp != nil
}

// firstResponse returns the index of sig's first *http.Response result.
func firstResponse(sig *types.Signature) []int {
	for i := range sig.Results().Len() {
		if knowledge.IsResponsePtr(sig.Results().At(i).Type()) {
			return []int{i}
		}
	}
	return nil
}
