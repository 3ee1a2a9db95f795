package progen

// The program tree. Each statement renders to one Go statement (or a few,
// for an acquisition and its error check).

// Stmt is a statement of a generated function.
type Stmt interface{ isStmt() }

// Source is the call that produces a response.
type Source uint8

const (
	SrcGet     Source = iota // c.Get(u)
	SrcHTTPGet               // http.Get(u)
	SrcHead                  // c.Head(u)
	SrcPost                  // c.Post(u, "text/plain", nil)
	SrcDo                    // c.Do(req), req a GET made with NewRequestWithContext
	SrcDoHead                // c.Do(req), req a HEAD
	SrcFetch                 // fetch(c, u): a wrapper of this package
	SrcHolder                // fetchDoc(c, u): a *doc that holds the response
	numSources
)

// Bind is how the acquisition binds its results.
type Bind uint8

const (
	BindVar      Bind = iota // v, err := src
	BindBlankErr             // v, _ := src
	BindDiscard              // _, err := src
	BindStmt                 // src (the call as a statement)
	numBinds
)

// Check is what the error check does when the error is not nil.
type Check uint8

const (
	CheckReturn   Check = iota // return err (return, in a closure)
	CheckPanic                 // panic(err)
	CheckFatal                 // log.Fatal(err)
	CheckContinue              // continue (in a loop)
	CheckBreak                 // break (in a loop)
	CheckNone                  // no check (the error is blank or discarded)
)

// Acquire binds a response: `Var, Err := Source` and its check. Var is
// "" when the response is discarded, Err "" when the error is. With
// Reassign, Var is a response variable already in scope: `var Err error;
// Var, Err = Source` (what Var held before is dropped).
type Acquire struct {
	Var, Err string
	Req      string // the request variable of SrcDo, SrcDoHead
	Source   Source
	Bind     Bind
	Check    Check
	Reassign bool
}

// Cond is the condition of an If.
type Cond struct {
	Kind CondKind
	Var  string // the response (or holder) a status condition reads
	// Holder: Var is a *doc (its status is Var.resp.StatusCode).
	Holder bool
	N      int // for CondN
}

// CondKind says what a condition tests.
type CondKind uint8

const (
	CondFlag      CondKind = iota // flag
	CondNotFlag                   // !flag
	CondN                         // n > N
	CondStatusOK                  // status == 200
	CondStatusBad                 // status != 200
	CondStatus5xx                 // status >= 500
)

// If is `if Cond { Then } else { Else }`; Else may be nil.
type If struct {
	Cond       Cond
	Then, Else []Stmt
}

// LoopKind says what a loop ranges over.
type LoopKind uint8

const (
	LoopRange   LoopKind = iota // for range urls
	LoopCount                   // for i := 0; i < n; i++
	LoopForever                 // for
)

// Loop is a for statement; Label is set (and rendered) when a branch
// names it.
type Loop struct {
	Kind  LoopKind
	Label string
	Body  []Stmt
	used  bool
}

// Switch is `switch { case flag: ... case n > 1: ... default: ... }`, or,
// when Var is set, a switch on Var's status with cases 200 and 404.
type Switch struct {
	Var     string
	Holder  bool
	Cases   [][]Stmt // two cases
	Default []Stmt   // nil: no default clause
}

// Select is `select { case <-ctx.Done(): Done; case <-time.After(d): After }`.
type Select struct {
	Done, After []Stmt
}

// CloseHow is how a Close closes.
type CloseHow uint8

const (
	CloseDirect       CloseHow = iota // v.Body.Close()
	CloseDefer                        // defer v.Body.Close()
	CloseHelper                       // closeBody(v)
	CloseDeferHelper                  // defer closeBody(v)
	CloseClosure                      // func() { v.Body.Close() }()
	CloseDeferClosure                 // defer func() { v.Body.Close() }()
	CloseDrainHelper                  // drainClose(v) (programs with io)
	numCloses
)

// Close closes Var (a holder is closed by its Close method, directly or
// deferred).
type Close struct {
	Var    string
	Holder bool
	How    CloseHow
}

// Drain reads Var's body to its end: io.Copy(io.Discard, v.Body), or
// io.ReadAll.
type Drain struct {
	Var     string
	ReadAll bool
}

// Use reads Var's status: sink(v.StatusCode); Read borrows its body
// (readSome(v)).
type Use struct {
	Var    string
	Holder bool
	Read   bool
}

// Return returns: nil, or errBad when Err (a bare return in a closure).
// In a function that returns a response it returns (nil, nil), (nil,
// errBad), or (Var, nil): the response handed to the caller.
type Return struct {
	Err bool
	Var string
}

// Branch is break or continue, to Label when set.
type Branch struct {
	Continue bool
	Label    string
}

// Closure is `func() { Body }()`, or deferred.
type Closure struct {
	Defer bool
	Body  []Stmt
}

// Shadow declares a local that shadows a name a fix might write:
// `Name := n; sink(Name)` (io, resp).
type Shadow struct {
	Name string
}

// Wait waits on the context or a timer (wait(ctx)).
type Wait struct{}

func (*Acquire) isStmt() {}
func (*If) isStmt()      {}
func (*Loop) isStmt()    {}
func (*Switch) isStmt()  {}
func (*Select) isStmt()  {}
func (*Close) isStmt()   {}
func (*Drain) isStmt()   {}
func (*Use) isStmt()     {}
func (*Return) isStmt()  {}
func (*Branch) isStmt()  {}
func (*Closure) isStmt() {}
func (*Shadow) isStmt()  {}
func (*Wait) isStmt()    {}
