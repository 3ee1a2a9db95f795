// Package goredis: go-redis PubSub and Conn (released by Close), clients
// built per call.
package goredis

import (
	"context"
	"net/http"
	"sync"

	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{Addr: ":6379"})

func listen(ctx context.Context) (string, error) {
	ps := rdb.Subscribe(ctx, "events") // want `resourceclose: ps \(redis.PubSub from rdb.Subscribe\) is not closed when the function returns early`
	msg, err := ps.ReceiveMessage(ctx)
	if err != nil {
		return "", err
	}
	ps.Close()
	return msg.Payload, nil
}

func listenOK(ctx context.Context) (string, error) {
	ps := rdb.PSubscribe(ctx, "events.*")
	defer ps.Close()
	msg, err := ps.ReceiveMessage(ctx)
	if err != nil {
		return "", err
	}
	return msg.Payload, nil
}

func universal(ctx context.Context, c redis.UniversalClient) {
	ps := c.SSubscribe(ctx, "shard") // want `resourceclose: ps \(redis.PubSub from c.SSubscribe\) is never closed`
	_ = ps.Ping(ctx)
}

func conn(ctx context.Context) error {
	cn := rdb.Conn() // want `resourceclose: cn \(redis.Conn from rdb.Conn\) is never closed`
	return cn.ClientSetName(ctx, "x").Err()
}

func connOK(ctx context.Context) error {
	cn := rdb.Conn()
	defer cn.Close()
	return cn.ClientSetName(ctx, "x").Err()
}

func subscribeForever(ctx context.Context, out chan<- *redis.PubSub) {
	out <- rdb.Subscribe(ctx, "x") // handed on
}

// poolpercall

func handler(w http.ResponseWriter, r *http.Request) {
	c := redis.NewClient(&redis.Options{Addr: ":6379"}) // want `poolpercall: redis.Client from redis.NewClient is built per call in handler`
	defer c.Close()
	_ = c.Ping(r.Context()).Err()
}

func perIteration(ctx context.Context, addrs []string) {
	for _, a := range addrs {
		c := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{a}}) // want `poolpercall: redis.Client from redis.NewClusterClient is built in each iteration of a loop`
		_ = c.Ping(ctx).Err()
		c.Close()
	}
}

var (
	once   sync.Once
	shared *redis.Client
)

func get() *redis.Client {
	once.Do(func() { shared = redis.NewClient(&redis.Options{Addr: ":6379"}) })
	return shared
}

var registry = map[string]*redis.Client{}

func clientFor(addr string) *redis.Client {
	if c, ok := registry[addr]; ok {
		return c
	}
	c := redis.NewClient(&redis.Options{Addr: addr})
	registry[addr] = c
	return c
}

func newUniversal(addrs []string) redis.UniversalClient {
	return redis.NewUniversalClient(&redis.UniversalOptions{Addrs: addrs})
}

func viaFactory(ctx context.Context) error {
	c := newUniversal([]string{":6379"}) // want `poolpercall: redis.UniversalClient from newUniversal \(it builds a new connection pool\) is built per call in viaFactory`
	defer c.Close()
	return c.Ping(ctx).Err()
}

func init() {
	c := redis.NewClient(&redis.Options{Addr: ":6379"})
	_ = c
}
