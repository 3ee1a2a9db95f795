package knowledge

// github.com/gomodule/redigo/redis: "The application must close the
// returned connection" (Pool.Get); "If there is an error getting the
// connection, then the connection Err, Do, Send, Flush and Receive methods
// return that error" — Get never fails, so its connection is always
// closed. GetContext returns an error (then a connection that needs no
// Close). Dial and its variants open a connection of their own.
var redigoKinds = []ResourceKind{
	{
		Name: "redis.Conn", Cost: "its connection stays out of the pool", Pkg: "github.com/gomodule/redigo/redis", Type: "Conn",
		Acquire: []string{
			"(*github.com/gomodule/redigo/redis.Pool).Get",
			"(*github.com/gomodule/redigo/redis.Pool).GetContext",
			"github.com/gomodule/redigo/redis.Dial",
			"github.com/gomodule/redigo/redis.DialContext",
			"github.com/gomodule/redigo/redis.DialURL",
			"github.com/gomodule/redigo/redis.DialURLContext",
			"github.com/gomodule/redigo/redis.DialTimeout",
		},
		ReleaseMethods: []string{"Close"},
	},
}
