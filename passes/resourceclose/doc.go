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
// Flags:
//
//	-pairs ACQUIRE=RELEASE,...   your own resources: functions by full name,
//	                             e.g. (*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put
//	-tests                       check _test.go files (default true)
//	-generated                   check generated files
//	-debug                       report where the analysis gave up at its budget
package resourceclose
