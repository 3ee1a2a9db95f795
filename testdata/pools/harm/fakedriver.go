// Package harm holds the end-to-end harm tests of resourceclose and
// poolpercall: each runs the mistake for real, against an in-process
// database driver or a server on loopback, and shows what it costs.
package harm

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"sync/atomic"
)

// fakeDriver is a database/sql driver whose every query returns rows
// 1..3 of one int column. Opened counts the connections it opened.
type fakeDriver struct{ Opened atomic.Int64 }

func (d *fakeDriver) Open(string) (driver.Conn, error) {
	d.Opened.Add(1)
	return fakeConn{}, nil
}

type fakeConn struct{}

func (fakeConn) Prepare(string) (driver.Stmt, error) { return fakeStmt{}, nil }
func (fakeConn) Close() error                        { return nil }
func (fakeConn) Begin() (driver.Tx, error)           { return fakeTx{}, nil }

type fakeTx struct{}

func (fakeTx) Commit() error   { return nil }
func (fakeTx) Rollback() error { return nil }

type fakeStmt struct{}

func (fakeStmt) Close() error                               { return nil }
func (fakeStmt) NumInput() int                              { return -1 }
func (fakeStmt) Exec([]driver.Value) (driver.Result, error) { return driver.RowsAffected(1), nil }
func (fakeStmt) Query([]driver.Value) (driver.Rows, error)  { return &fakeRows{}, nil }

type fakeRows struct{ n int }

func (*fakeRows) Columns() []string { return []string{"n"} }
func (*fakeRows) Close() error      { return nil }
func (r *fakeRows) Next(dest []driver.Value) error {
	if r.n == 3 {
		return io.EOF
	}
	r.n++
	dest[0] = int64(r.n)
	return nil
}

// OpenFake returns a *sql.DB over a new fake driver with at most max open
// connections.
func OpenFake(max int) (*sql.DB, *fakeDriver) {
	d := new(fakeDriver)
	db := sql.OpenDB(connector{d})
	db.SetMaxOpenConns(max)
	return db, d
}

type connector struct{ d *fakeDriver }

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.d.Open("") }
func (c connector) Driver() driver.Driver                        { return c.d }
