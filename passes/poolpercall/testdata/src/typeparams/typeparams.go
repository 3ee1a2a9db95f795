package typeparams

import (
	"context"
	"database/sql"
)

type store[T any] struct {
	db *sql.DB
	v  T
}

func newStore[T any](dsn string) (*store[T], error) {
	db, err := sql.Open("x", dsn)
	if err != nil {
		return nil, err
	}
	return &store[T]{db: db}, nil
}

func query[T any](ctx context.Context, dsn string, scan func(*sql.DB) (T, error)) (T, error) {
	var zero T
	db, err := sql.Open("x", dsn) // want `sql.DB from sql.Open is built per call in query`
	if err != nil {
		return zero, err
	}
	defer db.Close()
	return scan(db)
}

func viaGeneric(ctx context.Context) error {
	s, err := newStore[int]("dsn") // want `\*store\[int\] from newStore \(it builds a new connection pool\) is built per call in viaGeneric`
	if err != nil {
		return err
	}
	return s.db.PingContext(ctx)
}
