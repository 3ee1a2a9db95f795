package strict

// The cases of package lookless, reported with -strict.

import (
	"io"
	"net/http"

	"lookhelp"
)

// -- never looked at, however the close is written: strict only --

func methodValue(url string) error {
	resp, err := http.Get(url) // want `closed without being read`
	if err != nil {
		return err
	}
	f := resp.Body.Close
	defer f()
	return nil
}

func deferredClosure(url string) error {
	resp, err := http.Get(url) // want `closed without being read`
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	return nil
}

func calledClosure(url string) error {
	resp, err := http.Get(url) // want `closed before anything is read from it`
	if err != nil {
		return err
	}
	done := func() error { return resp.Body.Close() }
	return done()
}

func throughInterface(url string) error {
	resp, err := http.Get(url) // want `closed without being read`
	if err != nil {
		return err
	}
	var c interface{ Close() error } = resp.Body
	defer c.Close()
	return nil
}

func throughCloser(url string) {
	resp, err := http.Get(url) // want `closed before anything is read from it`
	if err != nil {
		return
	}
	var c io.Closer = resp.Body
	c.Close()
}

func closeIt(rc io.ReadCloser) { rc.Close() }

func localHelper(url string) {
	resp, err := http.Get(url) // want `closed before anything is read from it`
	if err != nil {
		return
	}
	closeIt(resp.Body)
}

func otherPackageHelper(url string) error {
	resp, err := http.Get(url) // want `closed before anything is read from it`
	if err != nil {
		return err
	}
	return lookhelp.CloseIt(resp.Body)
}

func otherPackageStruct(url string) {
	resp, err := http.Get(url) // want `closed before anything is read from it`
	if err != nil {
		return
	}
	lookhelp.Done(lookhelp.Src{RC: resp.Body})
}

// -- partly read by a helper: strict only --

func peek(r io.Reader) {
	var b [1]byte
	r.Read(b[:])
}

func partlyLocal(url string) error {
	resp, err := http.Get(url) // want `closed without being read to EOF`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	peek(resp.Body)
	return nil
}

func partlyOtherPackage(url string) error {
	resp, err := http.Get(url) // want `closed without being read to EOF`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	lookhelp.Peek(resp.Body)
	return nil
}

func partlyAndClosed(url string) {
	resp, err := http.Get(url) // want `closed before it is read to EOF`
	if err != nil {
		return
	}
	lookhelp.PeekClose(resp.Body)
}

type lineStream struct {
	r   io.Reader
	cur string
}

// Next reads one byte as the next "line".
func (s *lineStream) Next() bool {
	var b [1]byte
	n, _ := s.r.Read(b[:])
	s.cur = string(b[:n])
	return n > 0
}

func firstOfStream(url string) string {
	resp, err := http.Get(url) // want `closed without being read to EOF`
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	s := &lineStream{r: resp.Body}
	if s.Next() {
		return s.cur
	}
	return ""
}

// -- still reported by default: the code looks at the answer, or reads
// the body inline --

func statusInClosure(url string) error {
	resp, err := http.Get(url) // want `closed without being read`
	if err != nil {
		return err
	}
	defer func() {
		if resp.StatusCode != http.StatusOK {
			println("bad")
		}
		resp.Body.Close()
	}()
	return nil
}

func statusThenMethodValue(url string) (int, error) {
	resp, err := http.Get(url) // want `closed without being read`
	if err != nil {
		return 0, err
	}
	f := resp.Body.Close
	defer f()
	return resp.StatusCode, nil
}

func inlineReadThenClosure(url string) error {
	resp, err := http.Get(url) // want `closed without being read to EOF`
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	var b [8]byte
	_, err = resp.Body.Read(b[:])
	return err
}

func statusThenHelper(url string) int {
	resp, err := http.Get(url) // want `closed before anything is read from it`
	if err != nil {
		return 0
	}
	closeIt(resp.Body)
	return resp.StatusCode
}

func closureReadsOnce(url string) error {
	resp, err := http.Get(url) // want `closed without being read to EOF`
	if err != nil {
		return err
	}
	defer func() {
		var b [8]byte
		resp.Body.Read(b[:])
		resp.Body.Close()
	}()
	return nil
}

func closureDrainsAfterClose(url string) error {
	resp, err := http.Get(url) // want `closed without being read`
	if err != nil {
		return err
	}
	defer func() {
		defer io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	return nil
}

// -- drained: never reported --

func drainedInClosure(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer func() {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	return nil
}
