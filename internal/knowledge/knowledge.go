// Package knowledge holds what bodyclose knows about the standard library
// (and a few ubiquitous x/ packages) without reading their code: which
// functions hand the caller a live *http.Response, which ones release a body,
// and how to recognise the types involved.
//
// Every table is keyed by a function's full name as printed by
// (*types.Func).FullName, for example "net/http.Get" or
// "(*net/http.Client).Do". Type tests go through the types' objects
// (package path and name), never through printed type strings.
package knowledge

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

const httpPath = "net/http"

// sources lists functions whose first result is a response whose body the
// caller owns and must close when the error result is nil.
//
//   - net/http.Get, Head, Post, PostForm and the same methods on *http.Client,
//     plus Client.Do: the documented client API.
//   - (*net/http.Transport).RoundTrip: the transport hands the caller the body.
//   - net/http.ReadResponse: the body reads from a connection the caller owns;
//     its doc still requires Body.Close.
//   - (*net/http/httputil.ClientConn).Do and Read: the deprecated persistent
//     connection API; responses carry a live body.
//   - golang.org/x/net/context/ctxhttp: thin wrappers of Client.Do, common in
//     older code.
//
// Any method named RoundTrip with the http.RoundTripper signature, and
// interface methods returning (*http.Response, error) (an HTTPDoer
// interface), are recognised by signature in IsSource.
var sources = map[string]bool{
	"net/http.Get":                              true,
	"net/http.Head":                             true,
	"net/http.Post":                             true,
	"net/http.PostForm":                         true,
	"(*net/http.Client).Do":                     true,
	"(*net/http.Client).Get":                    true,
	"(*net/http.Client).Head":                   true,
	"(*net/http.Client).Post":                   true,
	"(*net/http.Client).PostForm":               true,
	"(*net/http.Transport).RoundTrip":           true,
	"net/http.ReadResponse":                     true,
	"(*net/http/httputil.ClientConn).Do":        true,
	"(*net/http/httputil.ClientConn).Read":      true,
	"golang.org/x/net/context/ctxhttp.Do":       true,
	"golang.org/x/net/context/ctxhttp.Get":      true,
	"golang.org/x/net/context/ctxhttp.Head":     true,
	"golang.org/x/net/context/ctxhttp.Post":     true,
	"golang.org/x/net/context/ctxhttp.PostForm": true,
}

// releasers lists standard functions that close the body of the response (or
// the body) they are given, keyed by full name, with the argument index
// (0 is the receiver of a method) that they release.
//
//   - (*net/http.Response).Write: "The Response Body is closed after it is sent."
var releasers = map[string]int{
	"(*net/http.Response).Write": 0,
}

// IsSource reports whether a call to fn returns a live response that the
// caller must close: a table entry, a RoundTrip method with the
// http.RoundTripper signature, or an interface method that mirrors a Client
// method.
func IsSource(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	fn = fn.Origin()
	if sources[fn.FullName()] {
		return true
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !returnsResponseAndError(sig) {
		return false
	}
	if fn.Name() == "RoundTrip" {
		// Any RoundTripper implementation, concrete or interface.
		return sig.Params().Len() == 1 && IsRequestPtr(sig.Params().At(0).Type())
	}
	// Any interface method returning (*http.Response, error): an HTTPDoer,
	// an SDK's transport interface. Its implementations cannot be
	// summarised, and by convention the caller owns such a response. A
	// concrete method is a source only if its summary says so.
	return types.IsInterface(sig.Recv().Type())
}

// IsSourceSignature reports whether a call of a function value with
// signature sig hands the caller a live response: results
// (*http.Response, error), as in a `do func(*http.Request)
// (*http.Response, error)` field injected for tests.
func IsSourceSignature(sig *types.Signature) bool {
	return sig != nil && returnsResponseAndError(sig)
}

// returnsResponseAndError reports whether sig's results are exactly
// (*http.Response, error).
func returnsResponseAndError(sig *types.Signature) bool {
	r := sig.Results()
	return r.Len() == 2 && IsResponsePtr(r.At(0).Type()) && IsError(r.At(1).Type())
}

// Releaser reports whether fn releases the body held by its argument at
// index i (0 is the receiver of a method).
func Releaser(fn *types.Func, i int) bool {
	if fn == nil {
		return false
	}
	j, ok := releasers[fn.Origin().FullName()]
	return ok && j == i
}

// errPredicates lists standard functions returning a bool that is false
// whenever their argument 0, an error, is nil.
var errPredicates = map[string]bool{
	"errors.Is":       true,
	"errors.As":       true,
	"os.IsExist":      true,
	"os.IsNotExist":   true,
	"os.IsPermission": true,
	"os.IsTimeout":    true,
}

// IsErrPredicate reports whether fn returns false whenever its argument
// i, an error, is nil.
func IsErrPredicate(fn *types.Func, i int) bool {
	return fn != nil && i == 0 && errPredicates[fn.Origin().FullName()]
}

// alwaysErrors lists functions whose error result is never nil.
var alwaysErrors = map[string]bool{
	"errors.New": true,
	"fmt.Errorf": true,
}

// AlwaysError reports whether fn always returns a non-nil error.
func AlwaysError(fn *types.Func) bool {
	return fn != nil && alwaysErrors[fn.Origin().FullName()]
}

// IsDumpResponse reports whether fn is httputil.DumpResponse, which reads
// and closes the original body when its second argument is true.
func IsDumpResponse(fn *types.Func) bool {
	return fn != nil && fn.Origin().FullName() == "net/http/httputil.DumpResponse"
}

// Wraps reports whether fn returns a reader whose Close closes the body
// passed at argument index i: closing the result releases the body.
//
//   - net/http.MaxBytesReader(w, r io.ReadCloser, n): its Close closes r.
func Wraps(fn *types.Func, i int) bool {
	return fn != nil && fn.Origin().FullName() == "net/http.MaxBytesReader" && i == 1
}

// IsResponsePtr reports whether t is *net/http.Response.
func IsResponsePtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && isNamed(p.Elem(), httpPath, "Response")
}

// IsRequestPtr reports whether t is *net/http.Request.
func IsRequestPtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && isNamed(p.Elem(), httpPath, "Request")
}

// IsResponse reports whether t is net/http.Response (not a pointer).
func IsResponse(t types.Type) bool { return isNamed(t, httpPath, "Response") }

// IsTransport reports whether t is net/http.Transport (not a pointer).
func IsTransport(t types.Type) bool { return isNamed(t, httpPath, "Transport") }

// IsClient reports whether t is net/http.Client (not a pointer).
func IsClient(t types.Type) bool { return isNamed(t, httpPath, "Client") }

// IsError reports whether t is the predeclared error type.
func IsError(t types.Type) bool {
	return types.Identical(types.Unalias(t), types.Universe.Lookup("error").Type())
}

// IsBodyField reports whether v is the Body field of net/http.Response.
func IsBodyField(v *types.Var) bool { return isResponseField(v, "Body") }

// IsStatusField reports whether v is the StatusCode or Status field of
// net/http.Response.
func IsStatusField(v *types.Var) bool {
	return isResponseField(v, "StatusCode") || isResponseField(v, "Status")
}

// IsContentLengthField reports whether v is the ContentLength field of
// net/http.Response: where it is 0 the body is http.NoBody.
func IsContentLengthField(v *types.Var) bool { return isResponseField(v, "ContentLength") }

func isResponseField(v *types.Var, name string) bool { return isHTTPField(v, "Response", name) }

// IsClientTransportField reports whether v is the Transport field of
// net/http.Client.
func IsClientTransportField(v *types.Var) bool { return isHTTPField(v, "Client", "Transport") }

// IsRequestMethodField reports whether v is the Method field of
// net/http.Request.
func IsRequestMethodField(v *types.Var) bool { return isHTTPField(v, "Request", "Method") }

// IsDisableKeepAlivesField reports whether v is the DisableKeepAlives field
// of net/http.Transport.
func IsDisableKeepAlivesField(v *types.Var) bool {
	return isHTTPField(v, "Transport", "DisableKeepAlives")
}

// isHTTPField reports whether v is the field named field of the net/http
// struct typ, by identity with the field object declared there.
func isHTTPField(v *types.Var, typ, field string) bool {
	return v != nil && v.IsField() && v.Pkg() != nil && v.Pkg().Path() == httpPath &&
		v.Origin() == lookupField(v.Pkg(), typ, field)
}

// FieldOf returns the field that fa addresses.
func FieldOf(fa *ssa.FieldAddr) *types.Var {
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return nil
	}
	return st.Field(fa.Field)
}

// IsCloseIdleConnections reports whether fn is CloseIdleConnections of
// *http.Transport or *http.Client: it empties the pool.
func IsCloseIdleConnections(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	switch fn.Origin().FullName() {
	case "(*net/http.Transport).CloseIdleConnections", "(*net/http.Client).CloseIdleConnections":
		return true
	}
	return false
}

// IsCloseMethod reports whether m is a method Close() error.
func IsCloseMethod(m *types.Func) bool {
	if m == nil || m.Name() != "Close" {
		return false
	}
	sig, ok := m.Type().(*types.Signature)
	return ok && sig.Recv() != nil && sig.Params().Len() == 0 && sig.Results().Len() == 1 && IsError(sig.Results().At(0).Type())
}

func lookupField(pkg *types.Package, typ, field string) *types.Var {
	tn, ok := pkg.Scope().Lookup(typ).(*types.TypeName)
	if !ok {
		return nil
	}
	st, ok := tn.Type().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for f := range st.Fields() {
		if f.Name() == field {
			return f
		}
	}
	return nil
}

// HasClose reports whether values of type t have a method Close() error
// (io.Closer, io.ReadCloser, *os.File, ...). Type parameters count through
// their constraint's method set.
func HasClose(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Close")
	fn, ok := obj.(*types.Func)
	return ok && IsCloseMethod(fn)
}

// MayHoldBody reports whether a value of type t, passed to a function, can
// give that function the means to close a response body: a *http.Response,
// something with a Close method, an empty interface (it can be asserted to
// io.Closer), or a type parameter. Anything else (io.Reader, []byte, a
// func) can only borrow the body; closures that capture it are judged by
// their own bodies.
func MayHoldBody(t types.Type) bool { return mayHoldBody(t, 0, true, map[*types.Named]bool{}) }

// maxHolderDepth bounds how deep MayHoldBody looks into structs that hold
// structs (a pointer to one costs nothing: &outer{in: &inner{resp: r}}).
const maxHolderDepth = 8

// mayHoldBody is MayHoldBody; empty says whether an empty interface
// counts here (a parameter, or the elements of a variadic one: not a field
// of a struct, where it is nearly always something else). seen holds the
// named structs already looked into (a type that holds itself, a type
// held by many fields).
func mayHoldBody(t types.Type, depth int, empty bool, seen map[*types.Named]bool) bool {
	if depth > maxHolderDepth {
		return false
	}
	t = types.Unalias(t)
	if IsResponsePtr(t) || HasClose(t) {
		return true
	}
	switch t := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Interface:
		return empty && t.Empty()
	case *types.Pointer:
		// &resp, &body: the callee can close through the pointer.
		return mayHoldBody(t.Elem(), depth, false, seen)
	case *types.Slice:
		// closeAll(cs ...io.Closer)
		return mayHoldBody(t.Elem(), depth+1, empty, seen)
	case *types.Named:
		if it, ok := t.Underlying().(*types.Interface); ok {
			return empty && it.Empty()
		}
		// A struct of ours holding a response (type stream struct{ resp
		// *http.Response }): its receiver can close what it holds.
		if st, ok := t.Underlying().(*types.Struct); ok && !inHTTP(t.Obj()) && !seen[t] {
			seen[t] = true
			for f := range st.Fields() {
				if mayHoldBody(f.Type(), depth+1, false, seen) {
					return true
				}
			}
		}
	}
	return false
}

// bodyMethods are the methods a response body may have (http.NoBody has
// WriteTo): only an interface whose methods are among them can hold one.
var bodyMethods = map[string]bool{"Read": true, "Close": true, "WriteTo": true}

// CanCarryBody reports whether a parameter of type t can bring a response
// or its body into a function, so that the function needs a summary: a
// *http.Response, an interface whose methods a body has (io.Reader,
// io.Closer, io.ReadCloser, any), a type parameter, a pointer, slice or
// array of those, or a struct declared outside net/http with a field of
// such a type (other than any).
func CanCarryBody(t types.Type) bool { return canCarryBody(t, 0, true) }

func canCarryBody(t types.Type, depth int, empty bool) bool {
	if depth > 6 {
		return false
	}
	t = types.Unalias(t)
	if IsResponsePtr(t) {
		return true
	}
	switch t := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Pointer:
		return canCarryBody(t.Elem(), depth+1, empty)
	case *types.Slice:
		return canCarryBody(t.Elem(), depth+1, empty)
	case *types.Array:
		return canCarryBody(t.Elem(), depth+1, empty)
	case *types.Named:
		if st, ok := t.Underlying().(*types.Struct); ok {
			if inHTTP(t.Obj()) {
				return false
			}
			for f := range st.Fields() {
				if canCarryBody(f.Type(), depth+1, false) {
					return true
				}
			}
			return false
		}
	}
	it, ok := t.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	if it.Empty() {
		return empty
	}
	for m := range it.Methods() {
		if !bodyMethods[m.Name()] {
			return false
		}
	}
	return true
}

// borrowers lists functions that only look at the values they are given
// (format, log, reflect on them), however they are typed: a response or
// body passed to them stays the caller's to close.
var borrowers = map[string]bool{
	"fmt.Print": true, "fmt.Printf": true, "fmt.Println": true,
	"fmt.Sprint": true, "fmt.Sprintf": true, "fmt.Sprintln": true,
	"fmt.Fprint": true, "fmt.Fprintf": true, "fmt.Fprintln": true,
	"fmt.Append": true, "fmt.Appendf": true, "fmt.Appendln": true,
	"fmt.Errorf": true,
	"log.Print":  true, "log.Printf": true, "log.Println": true,
	"(*log.Logger).Print": true, "(*log.Logger).Printf": true, "(*log.Logger).Println": true,
	"(*testing.common).Log": true, "(*testing.common).Logf": true,
	"(*testing.common).Error": true, "(*testing.common).Errorf": true,
	"reflect.ValueOf": true, "reflect.TypeOf": true, "reflect.DeepEqual": true,
}

// Borrower reports whether fn only looks at the values it is given.
func Borrower(fn *types.Func) bool {
	return fn != nil && borrowers[fn.Origin().FullName()]
}

func inHTTP(obj types.Object) bool {
	return obj.Pkg() != nil && obj.Pkg().Path() == httpPath
}

// IsHolderField reports whether f is a field, of a struct declared outside
// net/http, that can hold a response or its body: loading it from a value
// that holds a response yields the response.
func IsHolderField(f *types.Var) bool {
	return f != nil && f.IsField() && f.Pkg() != nil && f.Pkg().Path() != httpPath && MayHoldBody(f.Type())
}

// IsStd reports whether the package path is one of the standard library's
// (stdpkgs.go, generated by genstd from go list std).
func IsStd(path string) bool { return stdPackages[path] }

// HoldsResponse reports whether t is *http.Response or a struct declared
// outside net/http (or a pointer to one) with a field of that type (an
// SDK's Response type that embeds it).
func HoldsResponse(t types.Type) bool {
	if IsResponsePtr(t) {
		return true
	}
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || inHTTP(n.Obj()) {
		return false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if IsResponsePtr(f.Type()) {
			return true
		}
	}
	return false
}

// readerTypes are the standard types that read from a reader they wrap.
var readerTypes = map[string]bool{
	"bufio.Scanner":         true,
	"bufio.Reader":          true,
	"encoding/json.Decoder": true,
	"encoding/xml.Decoder":  true,
}

// IsReaderField reports whether f is a field, of a struct declared outside
// net/http, that holds something that reads: an io.Reader, a pointer to a
// bufio.Scanner, bufio.Reader or JSON or XML decoder, or a struct that
// holds one (an SSE reader over a bufio.Reader).
func IsReaderField(f *types.Var) bool {
	if f == nil || !f.IsField() || f.Pkg() == nil || f.Pkg().Path() == httpPath {
		return false
	}
	t := types.Unalias(f.Type())
	return IsReader(t) || IsReaderType(t) || canCarryBody(t, 1, false)
}

// IsReaderType reports whether t is a pointer to a bufio.Scanner,
// bufio.Reader or JSON or XML decoder: its methods read from the reader it
// wraps.
func IsReaderType(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && readerTypes[n.Obj().Pkg().Path()+"."+n.Obj().Name()]
}

// IsBodyCarrier reports whether a result of type t can hand the caller a
// live response to close: *http.Response, or a struct declared outside
// net/http (or a pointer to one) that holds one, with or without a Close
// method (type Stream struct{ resp *http.Response }): the caller closes it
// through a method whose summary says so, or through the field.
func IsBodyCarrier(t types.Type) bool {
	if IsResponsePtr(t) {
		return true
	}
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok || inHTTP(n.Obj()) {
		return false
	}
	_, isStruct := n.Underlying().(*types.Struct)
	return isStruct && MayHoldBody(n)
}

// IsTestingFatal reports whether fn is a method of testing.T, testing.B,
// testing.F or testing.TB that never returns (Fatal, Fatalf, FailNow, Skip,
// Skipf, SkipNow). ctrlflow knows the concrete methods; calls through the
// testing.TB interface need this.
func IsTestingFatal(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "testing" {
		return false
	}
	switch fn.Name() {
	case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
		return true
	}
	return false
}

func isNamed(t types.Type, path, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == path
}

// MayHoldPool reports whether a value of type t, passed to a function, can
// give it the means to keep or release a connection pool: a Transport or a
// Client (or a pointer to one), an interface with RoundTrip or
// CloseIdleConnections (http.RoundTripper), a type parameter, or a struct
// declared outside net/http with a field of such a type (an SDK's settings
// struct carrying an *http.Client). Other interfaces (any, io.Closer) are
// not counted: code does not hide a pool behind them in practice, and
// counting them would summarise every function that takes a context.
func MayHoldPool(t types.Type) bool { return mayHoldPool(t, 0) }

func mayHoldPool(t types.Type, depth int) bool {
	if depth > 3 {
		return false
	}
	t = types.Unalias(t)
	if IsTransport(t) || IsClient(t) {
		return true
	}
	switch t := t.(type) {
	case *types.Pointer:
		// A pointer costs no depth: an SDK client holding another
		// (*Outer{inner *Client{hc *http.Client}}) is two structs deep.
		return mayHoldPool(t.Elem(), depth)
	case *types.TypeParam:
		return true
	case *types.Named:
		if st, ok := t.Underlying().(*types.Struct); ok {
			return !inHTTP(t.Obj()) && poolStruct(st, depth)
		}
	case *types.Struct:
		return poolStruct(t, depth)
	}
	if !types.IsInterface(t) {
		return false
	}
	if n, ok := t.(*types.Named); ok && programInterface(n) {
		// An interface of the program (otlptrace.Client, an SDK's API):
		// its dynamic value may be a client that owns a transport, as
		// MayCarryPool lets a constructor return one; a parameter of
		// that type may keep it.
		return true
	}
	for _, name := range []string{"RoundTrip", "CloseIdleConnections"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, false, nil, name); obj != nil {
			return true
		}
	}
	return false
}

// poolStruct reports whether a field of st may hold a pool.
func poolStruct(st *types.Struct, depth int) bool {
	for f := range st.Fields() {
		if _, isParam := types.Unalias(f.Type()).(*types.TypeParam); !isParam && mayHoldPool(f.Type(), depth+1) {
			return true
		}
	}
	return false
}

// IsPoolHolderField reports whether f is a field, of a struct declared
// outside net/http, that may hold a connection pool (an SDK client's
// *http.Client): loading it from a value that holds a pool yields it.
func IsPoolHolderField(f *types.Var) bool {
	return f != nil && f.IsField() && f.Pkg() != nil && f.Pkg().Path() != httpPath && MayHoldPool(f.Type())
}

// IsPoolValue reports whether t is *http.Transport, *http.Client or
// http.RoundTripper itself.
func IsPoolValue(t types.Type) bool {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		return IsTransport(p.Elem()) || IsClient(p.Elem())
	}
	return isNamed(t, httpPath, "RoundTripper")
}

// MayCarryPool reports whether a result of type t can carry a connection
// pool to the caller: *http.Transport, *http.Client, http.RoundTripper, or
// a struct declared outside net/http (or a pointer to one) that holds one
// (an SDK client, an agent, a client holding another client), or a named
// interface other than error, whose dynamic value may be such a struct.
func MayCarryPool(t types.Type) bool {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		if IsTransport(p.Elem()) || IsClient(p.Elem()) {
			return true
		}
		t = types.Unalias(p.Elem())
	}
	if isNamed(t, httpPath, "RoundTripper") {
		return true
	}
	n, ok := t.(*types.Named)
	if !ok || inHTTP(n.Obj()) {
		return false
	}
	if types.IsInterface(n) {
		// An interface of the program (type API interface{ Ping() }):
		// its dynamic value may be an SDK client that owns a transport
		// (NewAPI() API { return &Client{...} }). The function's body
		// or facts say whether it is.
		return programInterface(n)
	}
	st, ok := n.Underlying().(*types.Struct)
	return ok && poolStruct(st, 0)
}

// programInterface reports whether n is an interface declared outside the
// standard library (error, io.Reader and the like never carry an SDK
// client in practice, and summarising every parameter of those types
// would cost the standard library's analysis for nothing).
func programInterface(n *types.Named) bool {
	pkg := n.Obj().Pkg()
	return types.IsInterface(n) && pkg != nil && !IsStd(pkg.Path())
}

// IsPoolMethod reports whether fn is a method of *http.Transport or
// *http.Client.
func IsPoolMethod(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return IsTransport(t) || IsClient(t)
}

// IsTransportClone reports whether fn is (*http.Transport).Clone, which
// returns a transport with a new, empty pool.
func IsTransportClone(fn *types.Func) bool {
	return fn != nil && fn.FullName() == "(*net/http.Transport).Clone"
}

// ConfiguresTransport reports whether fn only configures the transport it
// is given (golang.org/x/net/http2.ConfigureTransport(s)).
func ConfiguresTransport(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	switch fn.FullName() {
	case "golang.org/x/net/http2.ConfigureTransport", "golang.org/x/net/http2.ConfigureTransports":
		return true
	}
	return false
}

// drainers lists standard functions that read the reader at argument index
// i to its end (or, for io.CopyN, a deliberate bounded amount).
var drainers = map[string]int{
	"io.ReadAll":               0,
	"io/ioutil.ReadAll":        0,
	"io.Copy":                  1,
	"io.CopyBuffer":            1,
	"io.CopyN":                 1,
	"(*bytes.Buffer).ReadFrom": 1,
}

// Drainer reports whether fn reads its argument i to its end (or to a
// deliberate bound). Any ReadFrom method (io.ReaderFrom) counts: its
// contract is to read until EOF.
func Drainer(fn *types.Func, i int) bool {
	if fn == nil {
		return false
	}
	if j, ok := drainers[fn.Origin().FullName()]; ok && j == i {
		return true
	}
	sig, ok := fn.Type().(*types.Signature)
	return ok && fn.Name() == "ReadFrom" && sig.Recv() != nil && i == 1 && sig.Params().Len() == 1
}

// readerWrappers lists standard functions whose result reads from their
// argument 0: draining the result drains the body (io.LimitReader for a
// bounded drain), and a loop of reads or scans on it to io.EOF does too.
var readerWrappers = map[string]bool{
	"io.LimitReader":           true,
	"bufio.NewReader":          true,
	"bufio.NewReaderSize":      true,
	"bufio.NewScanner":         true,
	"encoding/json.NewDecoder": true,
	"encoding/xml.NewDecoder":  true,
	"io.TeeReader":             true,
}

// ReaderWrapper reports whether fn's result reads from its argument i.
func ReaderWrapper(fn *types.Func, i int) bool {
	return fn != nil && i == 0 && readerWrappers[fn.Origin().FullName()]
}

// IsScan reports whether fn is (*bufio.Scanner).Scan: a loop on it that
// runs until it returns false has read its input to the end.
func IsScan(fn *types.Func) bool {
	return fn != nil && fn.FullName() == "(*bufio.Scanner).Scan"
}

// IsJSONMore reports whether fn is (*encoding/json.Decoder).More: at top
// level (outside an array or object) it is false only at the end of the
// input.
func IsJSONMore(fn *types.Func) bool {
	return fn != nil && fn.FullName() == "(*encoding/json.Decoder).More"
}

// IsJSONToken reports whether fn is (*encoding/json.Decoder).Token, which
// steps into arrays and objects.
func IsJSONToken(fn *types.Func) bool {
	return fn != nil && fn.FullName() == "(*encoding/json.Decoder).Token"
}

// IsEOF reports whether v is the variable io.EOF.
func IsEOF(v *types.Var) bool {
	return v != nil && v.Name() == "EOF" && v.Pkg() != nil && v.Pkg().Path() == "io" && v.Parent() == v.Pkg().Scope()
}

// IsHeadSource reports whether fn sends a HEAD request (http.Head,
// (*http.Client).Head): its response has nothing to drain.
func IsHeadSource(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	switch fn.Origin().FullName() {
	case "net/http.Head", "(*net/http.Client).Head", "golang.org/x/net/context/ctxhttp.Head":
		return true
	}
	return false
}

// IsNewRequest reports whether fn is http.NewRequest or
// http.NewRequestWithContext, and returns the index of its method argument.
func IsNewRequest(fn *types.Func) (methodArg int, ok bool) {
	if fn == nil {
		return 0, false
	}
	switch fn.Origin().FullName() {
	case "net/http.NewRequest":
		return 0, true
	case "net/http.NewRequestWithContext":
		return 1, true
	}
	return 0, false
}

// Bodiless reports whether an HTTP status (an int constant) has no body to
// drain: 1xx (101 Switching Protocols hands over the connection), 204 No
// Content, 205 Reset Content and 304 Not Modified (RFC 9110 15.3.5, 15.3.6,
// 15.4.5).
func Bodiless(code int64) bool {
	return (code >= 100 && code < 200) || code == 204 || code == 205 || code == 304
}

// IsReader reports whether t is an interface with a Read method (io.Reader,
// io.ReadCloser): a parameter a drain helper reads.
func IsReader(t types.Type) bool {
	if !types.IsInterface(t) {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, "Read")
	return obj != nil
}

// OwnsConnection reports whether fn's response reads from a connection the
// caller owns rather than from a transport's pool (http.ReadResponse): no
// pool can reuse it, so whether its body is drained is the caller's
// protocol business (a WebSocket handshake, a proxy), not drainbody's.
func OwnsConnection(fn *types.Func) bool {
	return fn != nil && fn.Origin().FullName() == "net/http.ReadResponse"
}

// IsInMemoryReader reports whether fn makes a reader over bytes in memory
// (strings.NewReader, bytes.NewReader, bytes.NewBuffer, bytes.NewBufferString).
func IsInMemoryReader(fn *types.Func) bool {
	switch fn.FullName() {
	case "strings.NewReader", "bytes.NewReader", "bytes.NewBuffer", "bytes.NewBufferString":
		return true
	}
	return false
}

// noReturnFuncs and noReturnMethods are the functions that never return
// although their bodies may say otherwise (assembly, runtime internals,
// loggers that exit or panic), and returnFuncs those that return although
// their bodies end in a panic: x/tools ctrlflow's list (knownIntrinsic,
// v0.52.0), by package path, receiver type name and function name.
var (
	noReturnFuncs = map[string][]string{
		"syscall":        {"Exit", "ExitProcess", "ExitThread"},
		"runtime":        {"Goexit", "fatalthrow", "fatalpanic", "exit"},
		"k8s.io/klog":    {"Exit", "ExitDepth", "Exitf", "Exitln", "Fatal", "FatalDepth", "Fatalf", "Fatalln"},
		"k8s.io/klog/v2": {"Exit", "ExitDepth", "Exitf", "Exitln", "Fatal", "FatalDepth", "Fatalf", "Fatalln"},
	}
	noReturnMethods = map[[2]string][]string{
		{"go.uber.org/zap", "Logger"}:            {"Fatal", "Panic"},
		{"go.uber.org/zap", "SugaredLogger"}:     {"Fatal", "Fatalw", "Fatalf", "Panic", "Panicw", "Panicf"},
		{"github.com/sirupsen/logrus", "Logger"}: {"Exit", "Panic", "Panicf", "Panicln"},
		{"github.com/sirupsen/logrus", "Entry"}:  {"Panicf", "Panicln"},
	}
	returnFuncs = map[string][]string{
		"internal/abi": {"EscapeNonString"},
		"hash/maphash": {"Comparable"},
	}
)

// NoReturnIntrinsic reports whether fn is known never to return (no ==
// true) or known to return (no == false) whatever its body says; known is
// false for every other function.
func NoReturnIntrinsic(fn *types.Func) (no, known bool) {
	if fn == nil || fn.Pkg() == nil {
		return false, false
	}
	path := fn.Pkg().Path()
	sig := fn.Type().(*types.Signature)
	if recv := sig.Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok {
			return false, false
		}
		no = slices.Contains(noReturnMethods[[2]string{path, n.Obj().Name()}], fn.Name())
		return no, no
	}
	if slices.Contains(noReturnFuncs[path], fn.Name()) {
		return true, true
	}
	if slices.Contains(returnFuncs[path], fn.Name()) {
		return false, true
	}
	return false, false
}

// NeverReturns reports whether a call of fn never returns to its caller:
// os.Exit, runtime.Goexit, log's Fatal and Panic families (functions and
// *log.Logger methods), and testing's Fatal family. Fixes use it to know
// that an error check leaves (ctrlflow proves it for SSA; fixes read
// syntax).
func NeverReturns(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	switch fn.Origin().FullName() {
	case "os.Exit", "runtime.Goexit",
		"log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "log.Panicln",
		"(*log.Logger).Fatal", "(*log.Logger).Fatalf", "(*log.Logger).Fatalln",
		"(*log.Logger).Panic", "(*log.Logger).Panicf", "(*log.Logger).Panicln":
		return true
	}
	return IsTestingFatal(fn)
}
