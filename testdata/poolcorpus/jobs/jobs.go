// Package jobs runs background jobs against Redis and the database.
package jobs

import (
	"context"
	"database/sql"
	"log"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	"github.com/redis/go-redis/v9"
)

type Worker struct {
	db   *sql.DB
	rdb  *redis.Client
	pool *redigo.Pool
}

func (w *Worker) Run(ctx context.Context) error { // res:ok
	ps := w.rdb.Subscribe(ctx, "jobs")
	defer ps.Close()
	ch := ps.Channel()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case m := <-ch:
			w.handle(ctx, m.Payload)
		}
	}
}

func (w *Worker) handle(ctx context.Context, id string) {
	c := w.pool.Get()
	defer c.Close()
	if _, err := c.Do("SET", "job:"+id, "running"); err != nil {
		log.Printf("job %s: %v", id, err)
	}
}

func (w *Worker) Claim(id string) (bool, error) { // res:leak
	c := w.pool.Get()
	ok, err := redigo.Bool(c.Do("SETNX", "lock:"+id, 1))
	if err != nil || !ok {
		return false, err
	}
	c.Close()
	return true, nil
}

func (w *Worker) Sweep(ctx context.Context, keys []string) { // res:leak
	for _, k := range keys {
		c, err := w.pool.GetContext(ctx)
		if err != nil {
			continue
		}
		if _, err := c.Do("DEL", k); err != nil {
			log.Print(err)
			continue
		}
		c.Close()
	}
}

func (w *Worker) Drain(ctx context.Context) (int, error) { // res:ok
	rows, err := w.db.QueryContext(ctx, "SELECT id FROM jobs WHERE done")
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func (w *Worker) PingAll(ctx context.Context, addrs []string) { // percall:leak
	for _, a := range addrs {
		c := redis.NewClient(&redis.Options{Addr: a, DialTimeout: time.Second})
		if err := c.Ping(ctx).Err(); err != nil {
			log.Printf("%s: %v", a, err)
		}
		c.Close()
	}
}

func NewWorker(dsn, addr string) (*Worker, error) { // percall:ok
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return &Worker{
		db:   db,
		rdb:  redis.NewClient(&redis.Options{Addr: addr}),
		pool: &redigo.Pool{MaxIdle: 4, Dial: func() (redigo.Conn, error) { return redigo.Dial("tcp", addr) }},
	}, nil
}

func Once(ctx context.Context, dsn string) error { // percall:leak
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.PingContext(ctx)
}

func (w *Worker) WatchOne(ctx context.Context) (string, error) { // res:leak
	ps := w.rdb.PSubscribe(ctx, "jobs.*")
	if _, err := ps.Receive(ctx); err != nil {
		return "", err
	}
	msg, err := ps.ReceiveMessage(ctx)
	ps.Close()
	if err != nil {
		return "", err
	}
	return msg.Payload, nil
}

func (w *Worker) Session(ctx context.Context) error { // res:ok
	cn := w.rdb.Conn()
	defer cn.Close()
	if err := cn.ClientSetName(ctx, "worker").Err(); err != nil {
		return err
	}
	return cn.Ping(ctx).Err()
}
