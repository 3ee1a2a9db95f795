// Package resourceclose defines an Analyzer that reports resources
// borrowed from a pool and not given back on every path.
//
// # Analyzer resourceclose
//
// resourceclose: report resources borrowed from a pool (sql.Rows, sql.Tx, redis connections, ...) that are not released on every path
//
// A database/sql Rows, Stmt, Conn or Tx, a redigo connection, a go-redis
// PubSub or Conn, a fasthttp Request or Response from its pool, a gRPC
// ClientConn: each holds something that only its release gives back. A
// path that forgets it (an early return, a break out of a rows loop, a
// panic-free error branch) leaks it; with database/sql the pool runs dry
// (SetMaxOpenConns) and the service hangs on its next query.
//
// Bad:
//
//	func names(ctx context.Context, db *sql.DB) ([]string, error) {
//		rows, err := db.QueryContext(ctx, "SELECT name FROM users")
//		if err != nil {
//			return nil, err
//		}
//		var out []string
//		for rows.Next() {
//			var n string
//			if err := rows.Scan(&n); err != nil {
//				return nil, err // rows leak: their connection stays out of the pool
//			}
//			out = append(out, n)
//		}
//		return out, rows.Err()
//	}
//
// Good:
//
//	func names(ctx context.Context, db *sql.DB) ([]string, error) {
//		rows, err := db.QueryContext(ctx, "SELECT name FROM users")
//		if err != nil {
//			return nil, err
//		}
//		defer rows.Close()
//		...
//	}
//
// Released means: its release method on every path after the acquisition
// succeeded (Close; Commit or Rollback for a Tx; fasthttp's Release*
// functions), a `for rows.Next()` loop run until Next returns false (the
// rows close themselves then: a return or break inside the loop leaks),
// or handed on: returned, stored in something that outlives the call,
// sent on a channel, passed to a function that releases or keeps it (in
// this package or, through facts, in another). Methods of the resource's
// own library (tx.Exec, conn.Do, client.Do(req, resp)) only use it.
// `defer tx.Rollback()` followed by `tx.Commit()` is the idiom for a
// transaction; a deferred closure that releases on some paths only is
// taken to release it (no report). A QueryRow's *Row closes itself in
// Scan and is not a resource.
//
// Not reported: a resource handed to a function in another package that
// has no summary (it may keep it), a deferred closure that releases on
// some paths only (except under `if err != nil` on a named error result,
// which releases exactly on the returns whose error is not nil), paths
// after the acquiring call's error is non-nil.
//
// Flags: -resourceclose.pairs ACQUIRE=RELEASE,... adds your own resources
// (functions by full name, e.g.
// (*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put: the first
// result of ACQUIRE is released by RELEASE, a method on it or a function
// given it first); -resourceclose.tests (default true),
// -resourceclose.generated, -resourceclose.debug.
//
// //bodyclose:ignore resourceclose <reason>, trailing a line or alone on
// the line above, silences it there. No fix is suggested.
//
// The full documentation is docs/resourceclose.md.
package resourceclose
