package pcall

import (
	"context"
	"database/sql"
	"net/http"
	"sync"
)

var global *sql.DB

func init() {
	db, err := sql.Open("x", "dsn") // package-level setup: once
	if err != nil {
		panic(err)
	}
	global = db
}

var pkgLevel, _ = sql.Open("x", "dsn")

func handle(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("x", "dsn") // want `sql.DB from sql.Open is built per call in handle and dropped when handle returns: its connection pool dies with the call, closed or not`
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	defer db.Close()
	_ = db.PingContext(r.Context())
}

func notClosed(ctx context.Context) error {
	db, err := sql.Open("x", "dsn") // want `sql.DB from sql.Open is built per call in notClosed`
	if err != nil {
		return err
	}
	return db.PingContext(ctx)
}

func perIteration(dsns []string) {
	for _, dsn := range dsns {
		db, err := sql.Open("x", dsn) // want `sql.DB from sql.Open is built in each iteration of a loop in perIteration`
		if err != nil {
			continue
		}
		_ = db.Ping()
		db.Close()
	}
}

// Constructors that return or store it are fine.
func Open(dsn string) (*sql.DB, error) { return sql.Open("x", dsn) }

type repo struct{ db *sql.DB }

func newRepo(dsn string) (*repo, error) {
	db, err := sql.Open("x", dsn)
	if err != nil {
		return nil, err
	}
	return &repo{db: db}, nil
}

func (r *repo) reopen(dsn string) error {
	db, err := sql.Open("x", dsn)
	if err != nil {
		return err
	}
	r.db = db
	return nil
}

var (
	once   sync.Once
	shared *sql.DB
)

func get() *sql.DB {
	once.Do(func() {
		shared, _ = sql.Open("x", "dsn")
	})
	return shared
}

var (
	mu    sync.Mutex
	cache = map[string]*sql.DB{}
)

func dbFor(dsn string) (*sql.DB, error) {
	mu.Lock()
	defer mu.Unlock()
	if db, ok := cache[dsn]; ok {
		return db, nil
	}
	db, err := sql.Open("x", dsn)
	if err != nil {
		return nil, err
	}
	cache[dsn] = db
	return db, nil
}

func viaFactory(ctx context.Context) error {
	db, err := Open("dsn") // want `\*sql.DB from Open \(it builds a new connection pool\) is built per call in viaFactory`
	if err != nil {
		return err
	}
	defer db.Close()
	return db.PingContext(ctx)
}

func sentAway(ch chan<- *sql.DB) {
	db, _ := sql.Open("x", "dsn")
	ch <- db
}

func handlerFunc() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		db, err := sql.OpenDB(nil), error(nil) // want `sql.DB from sql.OpenDB is built per call in a function literal in handlerFunc`
		_ = err
		defer db.Close()
	}
}

// serve starts a goroutine that keeps the pool for as long as it runs.
func serve(ctx context.Context) {
	db, err := sql.Open("x", "dsn")
	if err != nil {
		return
	}
	go func() {
		for ctx.Err() == nil {
			_ = db.PingContext(ctx)
		}
	}()
}

func keep(db *sql.DB) {}

func serveNamed() {
	db, _ := sql.Open("x", "dsn")
	go keep(db)
}

// pingOnce waits for its goroutine: still per call.
func pingOnce(ctx context.Context) error {
	db, err := sql.Open("x", "dsn") // want `sql.DB from sql.Open is built per call in pingOnce`
	if err != nil {
		return err
	}
	defer db.Close()
	return db.PingContext(ctx)
}
