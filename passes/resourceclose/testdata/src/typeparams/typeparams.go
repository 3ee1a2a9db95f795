package typeparams

import (
	"context"
	"database/sql"
)

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// first reads one value from any querier: the rows leak on the early
// return after the first row.
func first[Q querier](ctx context.Context, q Q) (int, error) {
	rows, err := q.QueryContext(ctx, "SELECT 1") // want `rows \(sql.Rows from q.QueryContext\) is not closed when the function returns early`
	if err != nil {
		return 0, err
	}
	if rows.Next() {
		var n int
		return n, rows.Scan(&n)
	}
	return 0, rows.Err()
}

func firstOK[Q querier](ctx context.Context, q Q) (int, error) {
	rows, err := q.QueryContext(ctx, "SELECT 1")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	if rows.Next() {
		var n int
		return n, rows.Scan(&n)
	}
	return 0, rows.Err()
}

func collect[T any](rows *sql.Rows, scan func(*sql.Rows) (T, error)) ([]T, error) {
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

func useCollect(db *sql.DB) ([]int, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return nil, err
	}
	return collect(rows, func(r *sql.Rows) (int, error) {
		var n int
		return n, r.Scan(&n)
	})
}

func inTx[T any](ctx context.Context, db *sql.DB, f func(*sql.Tx) (T, error)) (T, error) {
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

func inTxLeak[T any](ctx context.Context, db *sql.DB, f func(*sql.Tx) (T, error)) (T, error) {
	var zero T
	tx, err := db.BeginTx(ctx, nil) // want `tx \(sql.Tx from db.BeginTx\) is not committed or rolled back when the function returns early`
	if err != nil {
		return zero, err
	}
	v, err := f(tx)
	if err != nil {
		return zero, err
	}
	return v, tx.Commit()
}

type box[T any] struct {
	rows *sql.Rows
	v    T
}

func boxed[T any](db *sql.DB, v T) (*box[T], error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return nil, err
	}
	return &box[T]{rows: rows, v: v}, nil
}
