package knowledge

// google.golang.org/grpc: a *ClientConn from NewClient, Dial or
// DialContext keeps its connections and goroutines until Close ("Users
// should call ClientConn.Close to terminate all the pending operations
// after this function returns").
var grpcKinds = []ResourceKind{
	{
		Name: "grpc.ClientConn", Cost: "its connections and goroutines live on", Pkg: "google.golang.org/grpc", Type: "ClientConn",
		Acquire: []string{
			"google.golang.org/grpc.NewClient", "google.golang.org/grpc.Dial", "google.golang.org/grpc.DialContext",
		},
		ReleaseMethods: []string{"Close"},
	},
}
