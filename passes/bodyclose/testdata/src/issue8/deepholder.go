package issue8

import "net/http"

// Holders nested in holders, by pointer, by value and embedded: the outer
// holder's method reaches the response however deep it is (a newcomer's
// trial: three levels were reported as never closed).

type deep1 struct{ resp *http.Response }
type deep2 struct{ p *deep1 }
type deep3 struct{ q *deep2 }

func (d *deep3) Close() error { return d.q.p.resp.Body.Close() }

func deepByPointer(c *http.Client) error {
	r, err := c.Get("http://x")
	if err != nil {
		return err
	}
	h := &deep3{q: &deep2{p: &deep1{resp: r}}}
	defer h.Close()
	return nil
}

type emb1 struct{ resp *http.Response }
type emb2 struct{ *emb1 }
type emb3 struct{ x emb2 }
type emb4 struct{ y *emb3 }
type emb5 struct{ z emb4 }

func (e *emb5) Done() bool { return e.z.y.x.resp.Body.Close() == nil }

func deepEmbedded(c *http.Client) bool {
	r, err := c.Get("http://x")
	if err != nil {
		return false
	}
	h := &emb5{z: emb4{y: &emb3{x: emb2{&emb1{resp: r}}}}}
	return h.Done()
}

// A holder that holds itself: the search of its fields ends.
type chain struct {
	next *chain
	resp *http.Response
}

func (c *chain) closeAll() {
	for ; c != nil; c = c.next {
		c.resp.Body.Close()
	}
}

func deepChain(cl *http.Client) {
	r, err := cl.Get("http://x")
	if err != nil {
		return
	}
	(&chain{next: &chain{}, resp: r}).closeAll()
}

type peek1 struct{ resp *http.Response }
type peek2 struct{ p *peek1 }
type peek3 struct{ q *peek2 }

func (p *peek3) status() int { return p.q.p.resp.StatusCode }

// The deep holder only reads the status: the body stays open.
func deepPeekOnly(c *http.Client) int {
	r, err := c.Get("http://x") // want `response body of r is never closed`
	if err != nil {
		return 0
	}
	return (&peek3{q: &peek2{p: &peek1{resp: r}}}).status()
}
