// Package cache wraps Redis (redigo and go-redis) as services do.
package cache

import (
	"context"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	"github.com/redis/go-redis/v9"
)

type Cache struct {
	pool *redigo.Pool
	rdb  *redis.Client
}

func New(addr string) *Cache { // percall:ok
	return &Cache{
		pool: &redigo.Pool{MaxIdle: 8, IdleTimeout: time.Minute, Dial: func() (redigo.Conn, error) { return redigo.Dial("tcp", addr) }},
		rdb:  redis.NewClient(&redis.Options{Addr: addr}),
	}
}

func (c *Cache) Get(key string) (string, error) { // res:ok
	conn := c.pool.Get()
	defer conn.Close()
	return redigo.String(conn.Do("GET", key))
}

func (c *Cache) Set(key, val string) error { // res:leak
	conn := c.pool.Get()
	if err := conn.Err(); err != nil {
		return err
	}
	_, err := conn.Do("SET", key, val)
	conn.Close()
	return err
}

func (c *Cache) Watch(ctx context.Context, ch string, f func(string)) error { // res:ok
	ps := c.rdb.Subscribe(ctx, ch)
	defer ps.Close()
	for msg := range ps.Channel() {
		f(msg.Payload)
	}
	return nil
}

func (c *Cache) WaitOne(ctx context.Context, ch string) (string, error) { // res:leak
	ps := c.rdb.Subscribe(ctx, ch)
	msg, err := ps.ReceiveMessage(ctx)
	if err != nil {
		return "", err
	}
	return msg.Payload, ps.Close()
}

func Ping(ctx context.Context, addr string) error { // percall:leak
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	return rdb.Ping(ctx).Err()
}
