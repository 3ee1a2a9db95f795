// Package crosspkg uses helpers of another package: their facts say what
// they do.
package crosspkg

import (
	"context"
	"database/sql"
	"net/http"

	"github.com/gomodule/redigo/redis"
	"github.com/valyala/fasthttp"

	"pools/helpers"
)

func closedByHelper(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer helpers.CloseRows(rows)
	return nil
}

func closedByCloser(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer helpers.CloseQuietly(rows)
	return nil
}

func finished(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE t SET x = 1")
	return helpers.Finish(tx, err)
}

func countedOnly(db *sql.DB) int {
	rows, err := db.Query("SELECT 1") // want `resourceclose: rows \(sql.Rows from db.Query\) is never closed`
	if err != nil {
		return 0
	}
	return helpers.Count(rows)
}

func wrapped(db *sql.DB) error {
	rows, err := helpers.Query(db, "SELECT 1") // want `resourceclose: rows \(sql.Rows from helpers.Query\) is never closed`
	if err != nil {
		return err
	}
	return rows.Err()
}

func conn(p *redis.Pool) {
	c := helpers.Conn(p) // want `resourceclose: c \(redis.Conn from helpers.Conn\) is never closed`
	_, _ = c.Do("PING")
}

func released() {
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer helpers.Release(req, resp)
	_ = fasthttp.Do(req, resp)
}

func handler(w http.ResponseWriter, r *http.Request) {
	db, err := helpers.NewDB("dsn") // want `poolpercall: \*sql.DB from NewDB \(it builds a new connection pool\) is built per call in handler`
	if err != nil {
		return
	}
	defer db.Close()
}
