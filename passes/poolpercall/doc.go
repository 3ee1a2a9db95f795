// Package poolpercall defines an Analyzer that reports clients owning a
// connection pool that are built per call and dropped.
//
// # Analyzer poolpercall
//
// poolpercall: report pooled clients (sql.DB, Redis, fasthttp, gRPC) built per call whose pool dies with the call
//
// A *sql.DB, a redigo Pool, a go-redis Client, a fasthttp Client or a gRPC
// ClientConn is a pool of connections meant to be built once and shared.
// Built per request (or per loop iteration, or in a handler closure) it
// opens fresh connections every time and throws them away: closing it
// before returning does not help, its pool still dies with the call. The
// service pays a connection handshake per request and, under load, runs
// out of ports, file descriptors or database connections.
//
// Bad:
//
//	func handle(w http.ResponseWriter, r *http.Request) {
//		db, err := sql.Open("postgres", dsn)
//		if err != nil { ... }
//		defer db.Close() // the pool still dies with the request
//		...
//	}
//
// Good:
//
//	type server struct{ db *sql.DB } // opened once, in main
//
//	func (s *server) handle(w http.ResponseWriter, r *http.Request) { ... s.db ... }
//
// A pool is built by sql.Open or sql.OpenDB, a literal of redigo's
// redis.Pool (or redis.NewPool), go-redis's NewClient, NewClusterClient,
// NewUniversalClient, NewRing, NewFailover(Cluster)Client and
// NewSentinelClient, a literal of fasthttp's Client, HostClient,
// PipelineClient or LBClient, gRPC's NewClient, Dial and DialContext, or a
// factory whose summary says it returns a fresh one (in this package or,
// through facts, in another). It is reported when no path hands it on
// (returns it, stores it in a field, global, map or a variable captured by
// a closure such as a sync.Once's, passes it to a function that keeps it,
// gives it to a goroutine)
// and some path drops it. Quiet where construction runs once: package
// level, init functions and main (except in a loop there); in tests, only
// a pool built per loop iteration (per b.N) is reported.
//
// Flags: -poolpercall.tests (default true: only pools built per loop
// iteration are reported in tests), -poolpercall.generated,
// -poolpercall.debug.
//
// //bodyclose:ignore poolpercall <reason>, trailing a line or alone on the
// line above, silences it there. No fix is suggested: where the pool
// should live is a design decision.
//
// The full documentation is docs/poolpercall.md.
package poolpercall
