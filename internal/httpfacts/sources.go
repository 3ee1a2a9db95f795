package httpfacts

// Sources: the instructions that hand a function a live response (calls,
// channel receives) or a fresh connection pool, and those that look like
// sources but are not (test fakes, in-memory responses).

import (
	"go/constant"
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
			if knowledge.IsPoolValue(common.Value.Type()) && r.isFake(common.Value, 0) {
				return Source{}, false // rt.RoundTrip(req) on a stub
			}
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
			if len(respIdx) > 0 && r.fakeClient(call, obj) {
				return Source{}, false // a wrapper given a stub client
			}
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

// fakeClient reports whether call gets its response from a test fake: a
// Client or Transport method whose receiver, or a wrapper of this package
// given a client or transport, where that client or transport resolves to
// a RoundTripper of this package that never hands out a live response (a
// stub returning canned responses), built in this function, returned by a
// factory of this package, or held in a package-level variable.
func (r *Result) fakeClient(call *ssa.Call, obj *types.Func) bool {
	args := call.Common().Args
	if knowledge.IsPoolMethod(obj) {
		return len(args) > 0 && r.isFake(args[0], 0)
	}
	if obj == nil || obj.Pkg() != r.pass.Pkg {
		return false
	}
	fake := false
	for _, a := range args {
		if knowledge.IsPoolValue(a.Type()) {
			if !r.isFake(a, 0) {
				return false
			}
			fake = true
		}
	}
	return fake
}

// isFake reports whether v, an *http.Client or http.RoundTripper (or a
// transport), resolves to a fake transport: see fakeClient.
func (r *Result) isFake(v ssa.Value, depth int) bool {
	if depth > 4 {
		return false
	}
	switch v := v.(type) {
	case *ssa.Alloc:
		p, ok := v.Type().Underlying().(*types.Pointer)
		if !ok {
			return false
		}
		if knowledge.IsClient(p.Elem()) {
			// The client's Transport field: unset means the default
			// transport, a real one.
			return r.allFake(fieldStores(ssa.Value(v), knowledge.IsClientTransportField), depth)
		}
		return r.fakeType(v.Type())
	case *ssa.MakeInterface:
		if fn := funcLiteral(v.X); fn != nil {
			// A func type with a RoundTrip method that calls it
			// (type roundTripFunc func(*Request) (*Response, error)):
			// the literal decides.
			return len(fn.Blocks) > 0 && len(r.body.liveResults(fn)) == 0
		}
		if _, ok := v.X.(*ssa.Alloc); ok {
			return r.isFake(v.X, depth+1)
		}
		return r.fakeType(v.X.Type())
	case *ssa.UnOp:
		g, ok := v.X.(*ssa.Global)
		if !ok || v.Op != token.MUL || g.Pkg == nil || g.Pkg.Pkg != r.pass.Pkg {
			return false
		}
		// A package-level variable: every value the package stores
		// into it must be fake.
		return r.allFake(r.globalStores(g), depth)
	case *ssa.Call:
		callee := v.Common().StaticCallee()
		if callee == nil || len(callee.Blocks) == 0 || callee.Pkg == nil || callee.Pkg.Pkg != r.pass.Pkg {
			return false
		}
		// A factory of this package: every client it returns.
		var returned []ssa.Value
		for _, b := range callee.Blocks {
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) > 0 {
				returned = append(returned, lifetime.ReturnedValue(ret, 0))
			}
		}
		return r.allFake(returned, depth)
	}
	return false
}

// allFake reports whether vs is not empty and every value in it is fake.
func (r *Result) allFake(vs []ssa.Value, depth int) bool {
	for _, v := range vs {
		if !r.isFake(v, depth+1) {
			return false
		}
	}
	return len(vs) > 0
}

// fakeType reports whether t has a RoundTrip method declared in this
// package that never hands out a live response.
func (r *Result) fakeType(t types.Type) bool {
	if len(r.SrcFuncs) == 0 {
		return false
	}
	rt := roundTripOf(r.SrcFuncs[0].Prog, t)
	return rt != nil && r.ownRoundTrip(rt) && len(r.body.liveResults(rt)) == 0
}

// fieldStores returns the values stored into the field of the struct alloc
// points to that isField accepts.
func fieldStores(alloc ssa.Value, isField func(*types.Var) bool) []ssa.Value {
	var out []ssa.Value
	if alloc.Referrers() == nil {
		return nil
	}
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.Referrers() == nil || !isField(knowledge.FieldOf(fa)) {
			continue
		}
		for _, ref2 := range *fa.Referrers() {
			if st, ok := ref2.(*ssa.Store); ok && st.Addr == fa {
				out = append(out, st.Val)
			}
		}
	}
	return out
}

// globalStores returns the values stored into g anywhere in its package
// (a Global has no referrers: the package's functions and its initializer
// are scanned once, on first use).
func (r *Result) globalStores(g *ssa.Global) []ssa.Value {
	if r.globals == nil {
		r.globals = map[*ssa.Global][]ssa.Value{}
		scan := func(fn *ssa.Function) {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if st, ok := instr.(*ssa.Store); ok {
						if g, ok := st.Addr.(*ssa.Global); ok {
							r.globals[g] = append(r.globals[g], st.Val)
						}
					}
				}
			}
		}
		for _, fn := range r.SrcFuncs {
			scan(fn)
		}
		if init := g.Pkg.Func("init"); init != nil {
			scan(init)
		}
	}
	return r.globals[g]
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
	if knowledge.OwnsConnection(s.Callee) && s.Call != nil {
		// http.ReadResponse: a 1xx interim response has http.NoBody,
		// and so, by RFC 9110, has a 2xx answer to CONNECT (the
		// connection becomes the tunnel).
		connect := false
		if args := s.Call.Common().Args; len(args) > 1 {
			m, ok := RequestMethod(args[1])
			connect = ok && m == "CONNECT"
		}
		rs.NoBody = func(code int64) bool {
			return code/100 == 1 || (connect && code/100 == 2)
		}
		// The body reads from a connection the function owns: closing
		// the connection, or handing it on, disposes of the body too,
		// and so does replacing the body with a copy
		// (gorilla/websocket's handshake).
		rs.SwapReleases = true
		if c := ownedConn(s.Call); c != nil {
			rs.Values = append(rs.Values, c)
		}
	}
	return rs
}

// ownedConn returns the connection that http.ReadResponse's reader wraps,
// when it is bufio.NewReader(conn) or NewReaderSize(conn, n) over a value
// of the function (a net.Conn from net.Dial).
func ownedConn(call *ssa.Call) ssa.Value {
	args := call.Common().Args
	if len(args) == 0 {
		return nil
	}
	br, ok := args[0].(*ssa.Call)
	if !ok || br.Common().StaticCallee() == nil || len(br.Common().Args) == 0 {
		return nil
	}
	obj, _ := br.Common().StaticCallee().Object().(*types.Func)
	if obj == nil || (obj.FullName() != "bufio.NewReader" && obj.FullName() != "bufio.NewReaderSize") {
		return nil
	}
	v := br.Common().Args[0]
	switch x := v.(type) {
	case *ssa.MakeInterface:
		v = x.X
	case *ssa.ChangeInterface: // a net.Conn as an io.Reader
		v = x.X
	}
	if !knowledge.HasClose(v.Type()) {
		return nil
	}
	return v
}

// RequestMethod returns the method of the request v, when it is a
// constant given to http.NewRequest(WithContext) or stored in the Method
// field of a request built in the function (&http.Request{Method: ...}).
func RequestMethod(v ssa.Value) (string, bool) {
	str := func(v ssa.Value) (string, bool) {
		c, ok := v.(*ssa.Const)
		if !ok || c.Value == nil || c.Value.Kind() != constant.String {
			return "", false
		}
		return constant.StringVal(c.Value), true
	}
	switch v := v.(type) {
	case *ssa.Extract:
		call, ok := v.Tuple.(*ssa.Call)
		if !ok || v.Index != 0 {
			return "", false
		}
		callee := call.Common().StaticCallee()
		if callee == nil {
			return "", false
		}
		obj, _ := callee.Object().(*types.Func)
		i, ok := knowledge.IsNewRequest(obj)
		if !ok || i >= len(call.Common().Args) {
			return "", false
		}
		return str(call.Common().Args[i])
	case *ssa.Alloc:
		stored := fieldStores(v, knowledge.IsRequestMethodField)
		if len(stored) != 1 {
			return "", false
		}
		return str(stored[0])
	}
	return "", false
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
				if p, ok := instr.Type().Underlying().(*types.Pointer); ok && knowledge.IsTransport(p.Elem()) && !DisablesKeepAlives(instr) {
					out = append(out, PoolSource{Instr: instr, Value: instr})
				}
			case *ssa.Call:
				if ps, ok := r.poolCall(instr); ok && !DisablesKeepAlives(ps.Value) {
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
	ps.Value, ps.Err = resultAt(call, idx[0])
	return ps, ps.Value != nil
}

// resultAt returns the value of result i of call (the call itself when it
// has one result, else its Extract; nil when the result is discarded) and
// its error result (the Extract of a last result of type error), or nil.
func resultAt(call *ssa.Call, i int) (v, err ssa.Value) {
	results := call.Common().Signature().Results()
	if results.Len() == 1 {
		return call, nil
	}
	if refs := call.Referrers(); refs != nil {
		for _, instr := range *refs {
			if ex, ok := instr.(*ssa.Extract); ok {
				switch {
				case ex.Index == i:
					v = ex
				case ex.Index == results.Len()-1 && knowledge.IsError(results.At(ex.Index).Type()):
					err = ex
				}
			}
		}
	}
	return v, err
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

// DisablesKeepAlives reports whether DisableKeepAlives is set to true on
// the transport v (a literal or new(http.Transport) of this function):
// then it keeps no pool to lose (its connections close after each
// response).
func DisablesKeepAlives(v ssa.Value) bool {
	for _, st := range fieldStores(v, knowledge.IsDisableKeepAlivesField) {
		if c, ok := st.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Bool && constant.BoolVal(c.Value) {
			return true
		}
	}
	return false
}
