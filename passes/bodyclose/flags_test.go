package bodyclose_test

import (
	"testing"

	"github.com/bodyclose/bodyclose/passes/bodyclose"
)

// TestListFlagsRepeated: -sources and -closers given twice keep both
// values (the second silently replaced the first); the first replaces
// what the configuration in code names, an empty value clears them, and
// a bad name is an error.
func TestListFlagsRepeated(t *testing.T) {
	const (
		f1 = "(*example.com/sdk.Client).Fetch"
		f2 = "example.com/sdk.Get"
		f0 = "example.com/code.Configured"
	)
	for _, name := range []string{"sources", "closers"} {
		for _, tc := range []struct {
			values []string
			want   string
		}{
			{nil, f0},
			{[]string{f1}, f1},
			{[]string{f1, f2}, f1 + "," + f2},
			{[]string{f1, ""}, ""},
			{[]string{f1, "", f2}, f2},
		} {
			a := bodyclose.New(bodyclose.Config{Sources: []string{f0}, Closers: []string{f0}})
			for _, v := range tc.values {
				if err := a.Flags.Set(name, v); err != nil {
					t.Fatalf("-%s=%q: %v", name, v, err)
				}
			}
			if got := a.Flags.Lookup(name).Value.String(); got != tc.want {
				t.Errorf("-%s given %q: %q, want %q", name, tc.values, got, tc.want)
			}
		}
		a := bodyclose.New(bodyclose.Config{})
		if err := a.Flags.Set(name, f1); err != nil {
			t.Fatal(err)
		}
		if err := a.Flags.Set(name, "not a name"); err == nil {
			t.Errorf("-%s: a bad repeated value was accepted", name)
		}
	}
}
