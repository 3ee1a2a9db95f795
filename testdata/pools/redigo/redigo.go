// Package redigo: redigo connections from a Pool (released by Close, even
// when Err is set) and pools built per call.
package redigo

import (
	"context"
	"errors"
	"net/http"

	"github.com/gomodule/redigo/redis"
)

var pool = &redis.Pool{MaxIdle: 3, Dial: func() (redis.Conn, error) { return redis.Dial("tcp", ":6379") }}

func leak(key string) (string, error) {
	c := pool.Get() // want `resourceclose: c \(redis.Conn from pool.Get\) is not closed when the function returns early`
	if c.Err() != nil {
		return "", c.Err() // Get never fails: even this connection must be closed
	}
	s, err := redis.String(c.Do("GET", key))
	c.Close()
	return s, err
}

func ok(key string) (string, error) {
	c := pool.Get()
	defer c.Close()
	return redis.String(c.Do("GET", key))
}

func okContext(ctx context.Context, key string) (string, error) {
	c, err := pool.GetContext(ctx)
	if err != nil {
		return "", err
	}
	defer c.Close()
	return redis.String(c.Do("GET", key))
}

func leakContext(ctx context.Context) error {
	c, err := pool.GetContext(ctx) // want `resourceclose: c \(redis.Conn from pool.GetContext\) is never closed`
	if err != nil {
		return err
	}
	_, err = c.Do("PING")
	return err
}

func loop(keys []string) {
	for _, k := range keys {
		c := pool.Get() // want `resourceclose: c \(redis.Conn from pool.Get\) is not closed before the next loop iteration`
		if _, err := c.Do("DEL", k); err != nil {
			continue
		}
		c.Close()
	}
}

func handedOn() redis.Conn { return pool.Get() }

func viaHandedOn() error {
	c := handedOn() // want `resourceclose: c \(redis.Conn from handedOn\) is never closed`
	_, err := c.Do("PING")
	return err
}

// poolpercall

func handler(w http.ResponseWriter, r *http.Request) {
	p := &redis.Pool{MaxIdle: 1, Dial: func() (redis.Conn, error) { return redis.Dial("tcp", ":6379") }} // want `poolpercall: redis.Pool is built per call in handler`
	defer p.Close()
	c := p.Get()
	defer c.Close()
	_, _ = c.Do("PING")
}

type server struct{ pool *redis.Pool }

func newServer() *server {
	return &server{pool: &redis.Pool{MaxIdle: 1}}
}

func (s *server) init2() {
	s.pool = &redis.Pool{MaxIdle: 1}
}

func returnsPool() *redis.Pool { return &redis.Pool{MaxIdle: 1} }

var errNoConn = errors.New("no conn")

func listenOnce() error {
	psc := redis.PubSubConn{Conn: pool.Get()} // want `resourceclose: redis.Conn from pool.Get is never closed`
	if err := psc.Subscribe("sessions"); err != nil {
		return err
	}
	return psc.Unsubscribe()
}

func listen(f func(redis.Message)) error {
	psc := redis.PubSubConn{Conn: pool.Get()}
	defer psc.Close()
	if err := psc.Subscribe("sessions"); err != nil {
		return err
	}
	for {
		switch v := psc.Receive().(type) {
		case redis.Message:
			f(v)
		case error:
			return v
		}
	}
}
