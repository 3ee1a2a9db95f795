package knowledge

// github.com/valyala/fasthttp: Acquire* take an object from a sync.Pool;
// "Release... returns the object acquired via Acquire... to the pool. Do not
// access the released object, otherwise data races may occur". A missed
// release costs an allocation per call (the pool is refilled by the
// garbage collector), not a connection.
var fasthttpKinds = []ResourceKind{
	fasthttpKind("Request"),
	fasthttpKind("Response"),
	fasthttpKind("Args"),
	fasthttpKind("URI"),
	fasthttpKind("Cookie"),
}

func fasthttpKind(t string) ResourceKind {
	const p = "github.com/valyala/fasthttp"
	return ResourceKind{
		Name: "fasthttp." + t, Cost: "it is never recycled: every call allocates a new one for the garbage collector", Pkg: p, Type: t,
		Acquire: []string{p + ".Acquire" + t},
		Release: []string{p + ".Release" + t},
	}
}
