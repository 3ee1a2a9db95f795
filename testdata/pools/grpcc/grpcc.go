// Package grpcc: gRPC ClientConns built per call (poolpercall) and not
// closed (resourceclose).
package grpcc

import (
	"context"
	"net/http"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health/grpc_health_v1"
)

func check(ctx context.Context, target string) error {
	cc, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials())) // want `resourceclose: cc \(grpc.ClientConn from grpc.NewClient\) is never closed` `poolpercall: grpc.ClientConn from grpc.NewClient is built per call in check`
	if err != nil {
		return err
	}
	_, err = grpc_health_v1.NewHealthClient(cc).Check(ctx, &grpc_health_v1.HealthCheckRequest{})
	return err
}

func checkClosed(ctx context.Context, target string) error {
	cc, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials())) // want `poolpercall: grpc.ClientConn from grpc.NewClient is built per call in checkClosed`
	if err != nil {
		return err
	}
	defer cc.Close()
	_, err = grpc_health_v1.NewHealthClient(cc).Check(ctx, &grpc_health_v1.HealthCheckRequest{})
	return err
}

// Dial is a constructor: it hands the connection to its caller.
func Dial(target string) (*grpc.ClientConn, error) {
	return grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
}

type Service struct{ cc *grpc.ClientConn }

func NewService(target string) (*Service, error) {
	cc, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	return &Service{cc: cc}, nil
}

func (s *Service) Close() error { return s.cc.Close() }

func handler(w http.ResponseWriter, r *http.Request) {
	cc, err := Dial("localhost:50051") // want `poolpercall: \*grpc.ClientConn from Dial \(it builds a new connection pool\) is built per call in handler`
	if err != nil {
		return
	}
	defer cc.Close()
}

func main2() {}

// NewHealth returns a generated client that keeps the connection: handed
// on, nothing to report here.
func NewHealth(target string) (grpc_health_v1.HealthClient, error) {
	cc, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	return grpc_health_v1.NewHealthClient(cc), nil
}

// usesHealth builds the connection per call (poolpercall); it cannot close
// it (HealthClient has no Close), so resourceclose has nothing to say here.
func usesHealth(ctx context.Context) error {
	hc, err := NewHealth("localhost:50051") // want `poolpercall: grpc_health_v1.HealthClient from NewHealth \(it builds a new connection pool\) is built per call in usesHealth`
	if err != nil {
		return err
	}
	_, err = hc.Check(ctx, &grpc_health_v1.HealthCheckRequest{})
	return err
}
