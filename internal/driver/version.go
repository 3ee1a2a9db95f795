package driver

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
)

// progname is the command's name in messages.
const progname = "bodyclose"

// modulePath is the module the command is built from.
const modulePath = "github.com/bodyclose/bodyclose"

// BuildVersion returns the module version the running binary was built
// from, as the go command recorded it: "v1.2.3" after go install
// module@v1.2.3, a pseudo-version when built from a VCS checkout with
// -buildvcs, "(devel)" otherwise (go run, go build in a checkout without
// VCS stamping); a "(devel)" version is followed by the VCS revision the
// build info records, if any, with "+dirty" for a modified tree.
func BuildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	if v == "(devel)" {
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = "+dirty"
				}
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			v += " " + rev + modified
		}
	}
	return v
}

// printVersion prints the -version line: module, version, toolchain.
func printVersion(w io.Writer) {
	fmt.Fprintf(w, "%s %s %s (built with %s)\n", progname, modulePath, BuildVersion(), runtime.Version())
}

// PrintVetVersion prints the -V=full line that go vet reads to key its
// cache on the tool, in the format of x/tools' analysisflags (and of
// cmd/internal/objabi): "PROG version devel ... buildID=HASH", where HASH
// is the SHA-256 of the executable's content, so that a rebuilt tool
// invalidates vet's cache. The module version and toolchain stand in the
// middle, which go vet ignores for "devel" versions.
func PrintVetVersion(w io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	f, err := os.Open(exe)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s version devel %s@%s %s buildID=%02x\n", exe, modulePath, spaceless(BuildVersion()), runtime.Version(), h.Sum(nil))
	return err
}

// spaceless replaces spaces, so that the version is one field.
func spaceless(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == ' ' {
			b[i] = '-'
		}
	}
	return string(b)
}
