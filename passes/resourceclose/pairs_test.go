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

// TestPairsFlagRepeated: the flag's first value replaces the pairs given
// in code, a repeated flag adds to them (a newcomer's trial: the second
// silently replaced the first), an empty value clears them.
func TestPairsFlagRepeated(t *testing.T) {
	const (
		p1 = "(*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put"
		p2 = "example.com/pool.Open=(*example.com/pool.Handle).Close"
		p0 = "example.com/code.Get=example.com/code.Put"
	)
	for _, tc := range []struct {
		values []string
		want   string
	}{
		{nil, p0},
		{[]string{p1}, p1},
		{[]string{p1, p2}, p1 + "," + p2},
		{[]string{p1 + "," + p2, p1}, p1 + "," + p2 + "," + p1},
		{[]string{p1, ""}, ""},
		{[]string{p1, "", p2}, p2},
	} {
		a := New(Config{Pairs: []string{p0}})
		for _, v := range tc.values {
			if err := a.Flags.Set("pairs", v); err != nil {
				t.Fatalf("Set(%q): %v", v, err)
			}
		}
		if got := a.Flags.Lookup("pairs").Value.String(); got != tc.want {
			t.Errorf("values %q: pairs %q, want %q", tc.values, got, tc.want)
		}
	}
	a := New(Config{})
	if err := a.Flags.Set("pairs", p1); err != nil {
		t.Fatal(err)
	}
	if err := a.Flags.Set("pairs", "garbage"); err == nil {
		t.Errorf("a bad repeated value was accepted")
	}
}
