package sqlrows

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

func leakEarly(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users") // want `rows \(sql.Rows from db.QueryContext\) is not closed when the function returns early`
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func loopToEnd(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var n string
		_ = rows.Scan(&n)
		out = append(out, n)
	}
	return out, rows.Err()
}

func deferred(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(new(int)); err != nil {
			return err
		}
	}
	return rows.Err()
}

func breakOut(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT 1") // want `rows \(sql.Rows from db.Query\) is not closed on every path`
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
		if n > 3 {
			break
		}
	}
	return n, nil
}

func never(db *sql.DB) {
	rows, _ := db.Query("SELECT 1") // want `rows \(sql.Rows from db.Query\) is never closed`
	_ = rows.Err()
}

func discarded(db *sql.DB) {
	db.Query("DELETE FROM t") // want `sql.Rows from db.Query is never closed: the result is never used`
}

func returned(db *sql.DB) (*sql.Rows, error) {
	return db.Query("SELECT 1")
}

func viaWrapper(db *sql.DB) error {
	rows, err := returned(db) // want `rows \(sql.Rows from returned\) is never closed: the result is never used`
	if err != nil {
		return err
	}
	_ = rows
	return nil
}

func viaWrapperClosed(db *sql.DB) error {
	rows, err := returned(db)
	if err != nil {
		return err
	}
	defer rows.Close()
	return nil
}

func closeHelper(r *sql.Rows) { r.Close() }

func viaHelper(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer closeHelper(rows)
	return nil
}

func closure(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	return nil
}

func stmt(db *sql.DB) error {
	st, err := db.Prepare("SELECT 1") // want `st \(sql.Stmt from db.Prepare\) is never closed`
	if err != nil {
		return err
	}
	_, err = st.Exec()
	return err
}

func stmtOK(db *sql.DB) error {
	st, err := db.Prepare("SELECT 1")
	if err != nil {
		return err
	}
	defer st.Close()
	_, err = st.Exec()
	return err
}

func txIdiom(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		return err
	}
	return tx.Commit()
}

func txLeak(db *sql.DB) error {
	tx, err := db.Begin() // want `tx \(sql.Tx from db.Begin\) is not committed or rolled back when the function returns early`
	if err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		return err
	}
	return tx.Commit()
}

func txBoth(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func conn(ctx context.Context, db *sql.DB) error {
	c, err := db.Conn(ctx) // want `c \(sql.Conn from db.Conn\) is not closed when the function returns early`
	if err != nil {
		return err
	}
	if err := c.PingContext(ctx); err != nil {
		return errors.New("ping")
	}
	return c.Close()
}

func queryRow(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRow("SELECT 1").Scan(&n)
	return n, err
}

type store struct{ rows *sql.Rows }

func (s *store) keep(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	s.rows = rows
	return nil
}

func sent(db *sql.DB, ch chan<- *sql.Rows) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return
	}
	ch <- rows
}

func inGoroutine(db *sql.DB) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return
	}
	go func() {
		defer rows.Close()
	}()
}

func connStmt(ctx context.Context, c *sql.Conn) error {
	st, err := c.PrepareContext(ctx, "SELECT 1") // want `st \(sql.Stmt from c.PrepareContext\) is not closed when the function returns early`
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(ctx); err != nil {
		return err
	}
	return st.Close()
}

func txStmtIsTxs(tx *sql.Tx) error {
	st, err := tx.Prepare("SELECT 1") // a Tx's statements end with it
	if err != nil {
		return err
	}
	_, err = st.Exec()
	return err
}

func txRows(tx *sql.Tx) (int, error) {
	rows, err := tx.Query("SELECT 1") // want `rows \(sql.Rows from tx.Query\) is never closed`
	if err != nil {
		return 0, err
	}
	return 0, rows.Err()
}

func stmtRows(ctx context.Context, st *sql.Stmt) error {
	rows, err := st.QueryContext(ctx)
	if err != nil {
		return err
	}
	if !rows.Next() {
		return errors.New("empty") // Next returned false: closed
	}
	return rows.Close()
}

func stmtRowsLeak(ctx context.Context, st *sql.Stmt) error {
	rows, err := st.QueryContext(ctx) // want `rows \(sql.Rows from st.QueryContext\) is not closed when the function returns early`
	if err != nil {
		return err
	}
	if rows.Next() {
		return errors.New("more than none") // Next returned true: still open
	}
	return rows.Err()
}

func connRows(ctx context.Context, c *sql.Conn) error {
	rows, err := c.QueryContext(ctx, "SELECT 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	return nil
}

func connTx(ctx context.Context, c *sql.Conn) error {
	tx, err := c.BeginTx(ctx, nil) // want `tx \(sql.Tx from c.BeginTx\) is never committed or rolled back`
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "SELECT 1")
	return err
}

func nextOnce(db *sql.DB) (bool, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return false, err
	}
	if !rows.Next() {
		return false, rows.Err() // Next returned false: the rows are closed
	}
	return true, rows.Close()
}

func txGuarded(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
	return tx.Commit()
}

func txGuardedLeak(ctx context.Context, db *sql.DB, dry bool) (err error) {
	tx, err := db.BeginTx(ctx, nil) // want `tx \(sql.Tx from db.BeginTx\) is not committed or rolled back when the function returns early`
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
	if dry {
		return nil // neither committed nor rolled back
	}
	return tx.Commit()
}

func txGuardedEq(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err == nil {
			return
		}
		tx.Rollback()
	}()
	_, err = tx.ExecContext(ctx, "UPDATE t SET x = 1")
	if err != nil {
		return fmt.Errorf("update: %w", err)
	}
	return tx.Commit()
}

func txGuardedEqLeak(ctx context.Context, db *sql.DB, n int) (err error) {
	tx, err := db.BeginTx(ctx, nil) // want `tx \(sql.Tx from db.BeginTx\) is not committed or rolled back when the function returns early`
	if err != nil {
		return err
	}
	defer func() {
		if err == nil {
			return
		}
		tx.Rollback()
	}()
	if n == 0 {
		return nil
	}
	return tx.Commit()
}
