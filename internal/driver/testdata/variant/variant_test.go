package variant

import "testing"

func TestPing(t *testing.T) {
	if Ping("http://127.0.0.1:1/") {
		t.Fatal("nothing listens there")
	}
}
