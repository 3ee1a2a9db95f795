package knowledge

// github.com/redis/go-redis/v9: Subscribe, PSubscribe and SSubscribe (on
// every client type and interface) return a *PubSub that holds a
// connection until Close; Client.Conn returns a *Conn, "a single Redis
// connection ... Close must be called to release it".
var goRedisKinds = []ResourceKind{
	{
		Name: "redis.PubSub", Cost: "its connection stays open and out of the pool", Pkg: "github.com/redis/go-redis/v9", Type: "PubSub",
		AcquireNamed:   []string{"Subscribe", "PSubscribe", "SSubscribe"},
		ReleaseMethods: []string{"Close"},
	},
	{
		Name: "redis.Conn", Cost: "its connection stays out of the pool", Pkg: "github.com/redis/go-redis/v9", Type: "Conn",
		AcquireNamed:   []string{"Conn"},
		ReleaseMethods: []string{"Close"},
	},
}
