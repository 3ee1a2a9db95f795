// Package helpers releases and keeps resources for crosspkg: its summaries
// travel as facts.
package helpers

import (
	"database/sql"
	"io"

	"github.com/gomodule/redigo/redis"
	"github.com/valyala/fasthttp"
)

// CloseRows closes rows.
func CloseRows(rows *sql.Rows) { rows.Close() }

// CloseQuietly closes anything.
func CloseQuietly(c io.Closer) { _ = c.Close() }

// Finish commits or rolls back.
func Finish(tx *sql.Tx, err error) error {
	if err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Count reads the rows without closing them.
func Count(rows *sql.Rows) int {
	n := 0
	for i := 0; i < 10; i++ {
		n++
	}
	_ = rows.Err()
	return n
}

// Query returns rows the caller must close.
func Query(db *sql.DB, q string) (*sql.Rows, error) { return db.Query(q) }

// Conn returns a pooled connection the caller must close.
func Conn(p *redis.Pool) redis.Conn { return p.Get() }

// Release gives both back.
func Release(req *fasthttp.Request, resp *fasthttp.Response) {
	fasthttp.ReleaseRequest(req)
	fasthttp.ReleaseResponse(resp)
}

// NewDB opens a pool.
func NewDB(dsn string) (*sql.DB, error) { return sql.Open("postgres", dsn) }
