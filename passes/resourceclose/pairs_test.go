package resourceclose

import (
	"strings"
	"testing"

	"github.com/bodyclose/bodyclose/internal/knowledge"
)

// TestPairsFlag: an empty value sets no pairs; an empty pair inside a
// list is an error, as an empty pair given in code is.
func TestPairsFlag(t *testing.T) {
	const pair = "(*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put"
	for _, tc := range []struct {
		in   string
		want int    // pairs set
		err  string // substring of the error, "" for none
	}{
		{"", 0, ""},
		{"  ", 0, ""},
		{pair, 1, ""},
		{pair + " , " + pair, 2, ""},
		{pair + ",", 0, "empty pair at position 2"},
		{pair + ",," + pair, 0, "empty pair at position 2"},
		{",", 0, "empty pair at position 1"},
		{"garbage", 0, "want ACQUIRE=RELEASE"},
	} {
		p := Pairs{"stale=pair"}
		err := p.Set(tc.in)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("Set(%q): %v", tc.in, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("Set(%q): error %v, want one containing %q", tc.in, err, tc.err)
		case tc.err == "" && len(p) != tc.want:
			t.Errorf("Set(%q): %d pairs %q, want %d", tc.in, len(p), p, tc.want)
		}
	}
}

// TestVerbsMerged: a resource several pairs release names every release.
func TestVerbsMerged(t *testing.T) {
	for _, tc := range []struct {
		release []string
		want    string
	}{
		{[]string{"(*example.com/pool.Conn).Put"}, "released with its Put method"},
		{[]string{"example.com/pool.Return"}, "released with pool.Return"},
		{[]string{"(*example.com/pool.Conn).Put", "(*example.com/pool.Conn).Close"}, "released with its Put or Close method"},
		{[]string{"(*example.com/pool.Conn).Put", "example.com/pool.Return"}, "released with its Put method or pool.Return"},
	} {
		if got, _ := verbs(&knowledge.ResourceKind{Release: tc.release}); got != tc.want {
			t.Errorf("verbs(%q) = %q, want %q", tc.release, got, tc.want)
		}
	}
}
