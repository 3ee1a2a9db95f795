package knowledge

import (
	"go/types"
	"slices"
)

// A PoolKind is a client that owns a pool of connections: built once and
// shared, it reuses them; built per call and dropped, its pool dies with
// the call, closed or not. One file per library holds its kinds next to
// its resources.
type PoolKind struct {
	// Name names the kind in messages ("sql.DB").
	Name string
	// Pkg and Types are the pool's types (a named struct handed out by
	// pointer, or a named interface).
	Pkg   string
	Types []string
	// Constructors return a fresh pool as their first result of one of
	// Types.
	Constructors []string
	// Literal: a composite literal or new() of one of Types builds a pool
	// (&redis.Pool{...}, &fasthttp.Client{}).
	Literal bool
}

var poolKinds = []PoolKind{
	// database/sql: "The returned DB is safe for concurrent use by
	// multiple goroutines and maintains its own pool of idle connections.
	// Thus, the Open function should be called just once."
	{Name: "sql.DB", Pkg: "database/sql", Types: []string{"DB"},
		Constructors: []string{"database/sql.Open", "database/sql.OpenDB"}},
	// redigo: a Pool is a pool of connections, made by a literal.
	{Name: "redis.Pool", Pkg: "github.com/gomodule/redigo/redis", Types: []string{"Pool"}, Literal: true,
		Constructors: []string{"github.com/gomodule/redigo/redis.NewPool"}},
	// go-redis: "Client is a Redis client representing a pool of zero or
	// more underlying connections. It's safe for concurrent use by
	// multiple goroutines."
	{Name: "redis.Client", Pkg: "github.com/redis/go-redis/v9",
		Types: []string{"Client", "ClusterClient", "UniversalClient", "Ring", "SentinelClient"},
		Constructors: []string{
			"github.com/redis/go-redis/v9.NewClient", "github.com/redis/go-redis/v9.NewClusterClient",
			"github.com/redis/go-redis/v9.NewUniversalClient", "github.com/redis/go-redis/v9.NewRing",
			"github.com/redis/go-redis/v9.NewFailoverClient", "github.com/redis/go-redis/v9.NewFailoverClusterClient",
			"github.com/redis/go-redis/v9.NewSentinelClient",
		}},
	// fasthttp: "It is forbidden copying Client instances. Create new
	// instances instead" — each Client (HostClient, PipelineClient) keeps
	// its own connections per host.
	{Name: "fasthttp.Client", Pkg: "github.com/valyala/fasthttp", Types: []string{"Client", "HostClient", "PipelineClient", "LBClient"}, Literal: true},
	// grpc: a ClientConn is a virtual connection with its own pool of
	// subconnections, resolver and balancer goroutines.
	{Name: "grpc.ClientConn", Pkg: "google.golang.org/grpc", Types: []string{"ClientConn"},
		Constructors: []string{"google.golang.org/grpc.NewClient", "google.golang.org/grpc.Dial", "google.golang.org/grpc.DialContext"}},
}

// PoolConstructor returns the kind of pool a call of fn returns, or nil.
func PoolConstructor(fn *types.Func) *PoolKind {
	if fn == nil {
		return nil
	}
	name := fn.Origin().FullName()
	for _, k := range poolKinds {
		if slices.Contains(k.Constructors, name) {
			return &k // a copy: the table is read-only
		}
	}
	return nil
}

// PoolKindOf returns the kind of pool of type t (T or *T), or nil.
func PoolKindOf(t types.Type) *PoolKind {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return nil
	}
	for _, k := range poolKinds {
		if k.Pkg == n.Obj().Pkg().Path() && slices.Contains(k.Types, n.Obj().Name()) {
			return &k // a copy: the table is read-only
		}
	}
	return nil
}

// PoolLiteral returns the kind of pool that a composite literal or new()
// of type t (the element type) builds, or nil.
func PoolLiteral(t types.Type) *PoolKind {
	if k := PoolKindOf(t); k != nil && k.Literal {
		if _, ptr := types.Unalias(t).(*types.Pointer); !ptr {
			return k
		}
	}
	return nil
}

// MayHoldClientPool reports whether a value of type t may hold a table
// pool: the pool types, structs or pointers with such a field, interfaces
// (any, io.Closer).
func MayHoldClientPool(t types.Type) bool { return mayHoldClientPool(t, 0) }

func mayHoldClientPool(t types.Type, depth int) bool {
	if depth > 3 || t == nil {
		return false
	}
	if PoolKindOf(t) != nil {
		return true
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Pointer:
		return mayHoldClientPool(u.Elem(), depth+1)
	case *types.Struct:
		for f := range u.Fields() {
			if mayHoldClientPool(f.Type(), depth+1) {
				return true
			}
		}
	case *types.Interface:
		return true
	case *types.Slice:
		return mayHoldClientPool(u.Elem(), depth+1)
	case *types.Map:
		return mayHoldClientPool(u.Elem(), depth+1)
	}
	return false
}

// IsClientPoolHolderField reports whether field f can hold a table pool.
func IsClientPoolHolderField(f *types.Var) bool {
	return f != nil && f.IsField() && PoolKindOf(f.Type()) != nil
}
