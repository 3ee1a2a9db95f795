package knowledge

import (
	"os/exec"
	"strings"
	"testing"
)

// TestStdPackages checks stdpkgs.go against the toolchain running the
// test: regenerate it (go run ./internal/knowledge/genstd) when a new Go
// adds packages.
func TestStdPackages(t *testing.T) {
	out, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		t.Skipf("go list std: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "cmd/") {
			continue
		}
		if !IsStd(p) {
			t.Errorf("%s is missing from stdpkgs.go: run go run ./internal/knowledge/genstd", p)
		}
	}
	for _, p := range []string{"example.com/x", "corpus/drain", "a"} {
		if IsStd(p) {
			t.Errorf("IsStd(%q) = true", p)
		}
	}
}
