// Package sqlgen: generics over database/sql (withTx[T]) and pools per call.
package sqlgen

import (
	"context"
	"database/sql"
	"net/http"
)

// withTx runs f in a transaction: rolled back unless committed.
func withTx[T any](ctx context.Context, db *sql.DB, f func(*sql.Tx) (T, error)) (T, error) {
	var zero T
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return zero, err
	}
	defer tx.Rollback()
	v, err := f(tx)
	if err != nil {
		return zero, err
	}
	return v, tx.Commit()
}

func withTxLeak[T any](ctx context.Context, db *sql.DB, f func(*sql.Tx) (T, error)) (T, error) {
	var zero T
	tx, err := db.BeginTx(ctx, nil) // want `resourceclose: tx \(sql.Tx from db.BeginTx\) is not committed or rolled back when the function returns early`
	if err != nil {
		return zero, err
	}
	v, err := f(tx)
	if err != nil {
		return zero, err
	}
	return v, tx.Commit()
}

func scanAll[T any](rows *sql.Rows, scan func(*sql.Rows) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func names(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM t")
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r *sql.Rows) (string, error) {
		var s string
		return s, r.Scan(&s)
	})
}

func count(ctx context.Context, db *sql.DB) (int, error) {
	return withTx(ctx, db, func(tx *sql.Tx) (int, error) {
		var n int
		return n, tx.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n)
	})
}

// rowsInBranches assigns rows in two branches: both must be closed.
func rowsInBranches(ctx context.Context, db *sql.DB, all bool) error {
	var rows *sql.Rows
	var err error
	if all {
		rows, err = db.QueryContext(ctx, "SELECT * FROM t") // want `resourceclose: rows \(sql.Rows from db.QueryContext\) is never closed`
	} else {
		rows, err = db.QueryContext(ctx, "SELECT * FROM t WHERE x") // want `resourceclose: rows \(sql.Rows from db.QueryContext\) is never closed`
	}
	if err != nil {
		return err
	}
	return rows.Err()
}

func rowsWorker(ctx context.Context, db *sql.DB) {
	rows, err := db.QueryContext(ctx, "SELECT 1")
	if err != nil {
		return
	}
	go func() {
		defer rows.Close()
		for rows.Next() {
		}
	}()
}

func handler(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", "dsn") // want `poolpercall: sql.DB from sql.Open is built per call in handler`
	if err != nil {
		return
	}
	defer db.Close()
	_ = db.PingContext(r.Context())
}

func handlerFunc() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		db, err := sql.Open("postgres", "dsn") // want `poolpercall: sql.DB from sql.Open is built per call in a function literal in handlerFunc`
		if err != nil {
			return
		}
		defer db.Close()
	}
}

func Open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(10)
	return db, nil
}

type repo struct{ db *sql.DB }

func newRepo(dsn string) (*repo, error) {
	db, err := Open(dsn)
	if err != nil {
		return nil, err
	}
	return &repo{db: db}, nil
}

func perRequestViaFactory(ctx context.Context) error {
	db, err := Open("dsn") // want `poolpercall: \*sql.DB from Open \(it builds a new connection pool\) is built per call in perRequestViaFactory`
	if err != nil {
		return err
	}
	defer db.Close()
	return db.PingContext(ctx)
}
