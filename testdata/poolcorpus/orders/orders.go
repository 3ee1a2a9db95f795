// Package orders is an order service over database/sql with the usual
// helpers: a transaction wrapper, scanners, a repository.
package orders

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

type Order struct {
	ID     int64
	Total  int64
	Placed time.Time
}

type Repo struct {
	db      *sql.DB
	byIDSQL *sql.Stmt
}

func NewRepo(ctx context.Context, db *sql.DB) (*Repo, error) { // res:ok
	st, err := db.PrepareContext(ctx, "SELECT id, total, placed FROM orders WHERE id = $1")
	if err != nil {
		return nil, err
	}
	return &Repo{db: db, byIDSQL: st}, nil
}

func (r *Repo) Close() error { return r.byIDSQL.Close() }

// inTx runs f in a transaction.
func (r *Repo) inTx(ctx context.Context, f func(*sql.Tx) error) (err error) { // res:ok
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	return f(tx)
}

func scanOrders(rows *sql.Rows) ([]Order, error) {
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.Total, &o.Placed); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (r *Repo) Recent(ctx context.Context, since time.Time) ([]Order, error) { // res:ok
	rows, err := r.db.QueryContext(ctx, "SELECT id, total, placed FROM orders WHERE placed > $1", since)
	if err != nil {
		return nil, fmt.Errorf("recent orders: %w", err)
	}
	return scanOrders(rows)
}

func (r *Repo) Totals(ctx context.Context) (map[int64]int64, error) { // res:leak
	rows, err := r.db.QueryContext(ctx, "SELECT id, total FROM orders")
	if err != nil {
		return nil, err
	}
	out := map[int64]int64{}
	for rows.Next() {
		var id, total int64
		if err := rows.Scan(&id, &total); err != nil {
			return nil, fmt.Errorf("scan: %w", err)
		}
		if total < 0 {
			break
		}
		out[id] = total
	}
	return out, nil
}

func (r *Repo) ByID(ctx context.Context, id int64) (*Order, error) { // res:ok
	var o Order
	err := r.byIDSQL.QueryRowContext(ctx, id).Scan(&o.ID, &o.Total, &o.Placed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &o, err
}

func (r *Repo) Place(ctx context.Context, o Order) error { // res:ok
	return r.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO orders(id, total) VALUES($1, $2)", o.ID, o.Total); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE stock SET n = n - 1")
		return err
	})
}

func (r *Repo) Cancel(ctx context.Context, id int64) error { // res:leak
	tx, err := r.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM orders WHERE id = $1", id)
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("order %d not found", id)
	}
	return tx.Commit()
}

func (r *Repo) Archive(ctx context.Context, before time.Time) (n int64, err error) { // res:ok
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	res, err := tx.ExecContext(ctx, "INSERT INTO archive SELECT * FROM orders WHERE placed < $1", before)
	if err != nil {
		return 0, err
	}
	if _, err = tx.ExecContext(ctx, "DELETE FROM orders WHERE placed < $1", before); err != nil {
		return 0, err
	}
	n, _ = res.RowsAffected()
	return n, tx.Commit()
}

func (r *Repo) Purge(ctx context.Context, dry bool) (err error) { // res:leak
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "DELETE FROM orders WHERE total = 0"); err != nil {
		return err
	}
	if dry {
		return nil
	}
	return tx.Commit()
}

func (r *Repo) Export(ctx context.Context, out chan<- Order) error { // res:ok
	conn, err := r.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, "SELECT id, total, placed FROM orders")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.Total, &o.Placed); err != nil {
			return err
		}
		out <- o
	}
	return rows.Err()
}

func (r *Repo) Lock(ctx context.Context) (*sql.Conn, error) { // res:ok
	conn, err := r.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(1)"); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

func (r *Repo) LockLeak(ctx context.Context) error { // res:leak
	conn, err := r.db.Conn(ctx)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(1)"); err != nil {
		return err
	}
	return conn.Close()
}

func (r *Repo) Report(ctx context.Context) (int, error) { // res:leak
	st, err := r.db.PrepareContext(ctx, "SELECT count(*) FROM orders")
	if err != nil {
		return 0, err
	}
	var n int
	err = st.QueryRowContext(ctx).Scan(&n)
	return n, err
}

func (r *Repo) Exists(ctx context.Context, id int64) (bool, error) { // res:ok
	rows, err := r.db.QueryContext(ctx, "SELECT 1 FROM orders WHERE id = $1", id)
	if err != nil {
		return false, err
	}
	defer func() { _ = rows.Close() }()
	return rows.Next(), rows.Err()
}

func (r *Repo) Ids(ctx context.Context) ([]int64, error) { // res:ok
	rows, err := r.db.QueryContext(ctx, "SELECT id FROM orders")
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
