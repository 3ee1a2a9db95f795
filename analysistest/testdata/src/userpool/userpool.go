package userpool

import (
	"errors"

	"example.com/pool"
)

var p = &pool.Pool{}

func leak(q string) error {
	c := p.Get() // want `resourceclose: c \(pool.Conn from p.Get\) is not released with its Put method or pool.Return when the function returns early: it is never given back to its pool`
	if err := c.Exec(q); err != nil {
		return err
	}
	c.Put()
	return nil
}

func ok(q string) error {
	c := p.Get()
	defer c.Put()
	return c.Exec(q)
}

func leakLease(q string) error {
	c, err := pool.Lease(p) // want `resourceclose: c \(pool.Conn from pool.Lease\) is never released with its Put method or pool.Return`
	if err != nil {
		return err
	}
	return c.Exec(q)
}

func okLease(q string) error {
	c, err := pool.Lease(p)
	if err != nil {
		return errors.New("no conn")
	}
	defer pool.Return(c)
	return c.Exec(q)
}
