package clients

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

type User struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

func GetUser(ctx context.Context, c *http.Client, base string, id int) (*User, error) { // corpus:ok
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/users/%d", base, id), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("get user: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get user: %s", resp.Status)
	}
	var u User
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return nil, err
	}
	return &u, nil
}

func GetUserLate(ctx context.Context, c *http.Client, base string, id int) (*User, error) { // corpus:leak
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/users/%d", base, id), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		return nil, nil
	}
	defer resp.Body.Close()
	var u User
	return &u, json.NewDecoder(resp.Body).Decode(&u)
}

func CreateUser(c *http.Client, base string, u User) error { // corpus:leak
	b, err := json.Marshal(u)
	if err != nil {
		return err
	}
	resp, err := c.Post(base+"/users", "application/json", bytes.NewReader(b))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("create user: %s", resp.Status)
	}
	return nil
}

func DeleteUser(c *http.Client, base string, id int) error { // corpus:ok
	req, err := http.NewRequest(http.MethodDelete, fmt.Sprintf("%s/users/%d", base, id), nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("delete: %s", resp.Status)
	}
	return nil
}

func Healthy(url string) bool { // corpus:leak
	resp, err := http.Get(url)
	if err != nil {
		return false
	}
	return resp.StatusCode == http.StatusOK
}

func HealthyClosed(url string) bool { // corpus:ok
	resp, err := http.Get(url)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func Exists(c *http.Client, u string) (bool, error) { // corpus:leak
	resp, err := c.Head(u)
	if err != nil {
		return false, err
	}
	switch resp.StatusCode {
	case http.StatusOK:
		return true, nil
	case http.StatusNotFound:
		return false, nil
	}
	return false, fmt.Errorf("head %s: %s", u, resp.Status)
}

func Download(c *http.Client, u, path string) error { // corpus:ok
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(f, resp.Body)
	return err
}

func DownloadLeak(c *http.Client, u, path string) error { // corpus:leak
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	defer resp.Body.Close()
	_, err = io.Copy(f, resp.Body)
	return err
}

func Submit(c *http.Client, u string, form url.Values) (string, error) { // corpus:ok
	resp, err := c.PostForm(u, form)
	if err != nil {
		return "", err
	}
	defer func() {
		if cerr := resp.Body.Close(); cerr != nil {
			log.Printf("close: %v", cerr)
		}
	}()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func Lines(u string, fn func(string)) error { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		fn(sc.Text())
	}
	return sc.Err()
}

func LinesLeakOnScanError(u string, fn func(string)) error { // corpus:leak
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		fn(sc.Text())
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return resp.Body.Close()
}

type Feed struct {
	Items []string `xml:"channel>item>title"`
}

func ReadFeed(u string) (*Feed, error) { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var f Feed
	if err := xml.NewDecoder(resp.Body).Decode(&f); err != nil {
		return nil, err
	}
	return &f, nil
}

func ReadFeedMaybe(u string, cache bool) (*Feed, error) { // corpus:leak
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	if cache {
		defer resp.Body.Close()
	}
	var f Feed
	err = xml.NewDecoder(resp.Body).Decode(&f)
	return &f, err
}

func Version(u string) (string, error) { // corpus:ok
	resp, err := http.Get(u + "/version")
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

func VersionLeakOnReadErr(u string) (string, error) { // corpus:leak
	resp, err := http.Get(u + "/version")
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	return strings.TrimSpace(string(b)), nil
}

func Fire(u string) { // corpus:leak
	http.Post(u, "text/plain", strings.NewReader("ping"))
}

func FireChecked(u string) error { // corpus:leak
	_, err := http.Post(u, "text/plain", strings.NewReader("ping"))
	return err
}

func FireClosed(u string) error { // corpus:ok
	resp, err := http.Post(u, "text/plain", strings.NewReader("ping"))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func MustGet(u string) []byte { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		log.Fatalf("get %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		log.Fatal(err)
	}
	return b
}

func ExitOnError(u string) { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	io.Copy(os.Stdout, resp.Body)
}

func PanicOnStatus(u string) []byte { // corpus:ok
	resp, err := http.Get(u)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		panic(resp.Status)
	}
	b, _ := io.ReadAll(resp.Body)
	return b
}

func StatusOnlyClosedOnOK(u string) (int, error) { // corpus:leak
	resp, err := http.Get(u)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode == http.StatusOK {
		defer resp.Body.Close()
		return 200, nil
	}
	return resp.StatusCode, errors.New("unexpected status")
}

func NilCheckedDefer(u string) error { // corpus:ok
	resp, err := http.Get(u)
	if resp != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return errors.New(resp.Status)
	}
	return nil
}

func TimeoutClient(u string) ([]byte, error) { // corpus:ok
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func ErrIsRetry(c *http.Client, req *http.Request) error { // corpus:ok
	resp, err := c.Do(req)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil
	}
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func DecodeError(c *http.Client, req *http.Request, v any) error { // corpus:leak
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	return resp.Body.Close()
}
