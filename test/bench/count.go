package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// requestCounter counts the manager's API requests that write (every verb but GET), by verb
// and resource (and the status code when it is not a success), through a wrapper around its REST transport.
type requestCounter struct {
	mu     sync.Mutex
	counts map[string]int
	on     atomic.Bool
}

func newRequestCounter() *requestCounter { return &requestCounter{counts: map[string]int{}} }

func (c *requestCounter) wrap(rt http.RoundTripper) http.RoundTripper {
	return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
		resp, err := rt.RoundTrip(req)
		if req.Method != http.MethodGet && c.on.Load() {
			key := req.Method + " " + resourceOf(req.URL.Path)
			if err == nil && resp.StatusCode >= 300 {
				key += fmt.Sprintf(" (%d)", resp.StatusCode)
			}
			c.mu.Lock()
			c.counts[key]++
			c.mu.Unlock()
		}
		return resp, err
	})
}

// total is the number of writes counted since the last take.
func (c *requestCounter) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.counts {
		n += v
	}
	return n
}

// take returns the counts so far and the total, and starts again from zero.
func (c *requestCounter) take() (map[string]int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, total := c.counts, 0
	for _, n := range out {
		total += n
	}
	c.counts = map[string]int{}
	return out, total
}

func (c *requestCounter) summary(counts map[string]int) string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return counts[keys[i]] > counts[keys[j]] })
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, counts[k]))
	}
	return strings.Join(parts, ", ")
}

// resourceOf is the resource (and subresource) of an API path, without namespace or name:
// /apis/g/v/namespaces/ns/approvalcases/x/status -> approvalcases/status.
func resourceOf(path string) string {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case len(parts) > 0 && parts[0] == "api":
		parts = parts[min(2, len(parts)):]
	case len(parts) > 0 && parts[0] == "apis":
		parts = parts[min(3, len(parts)):]
	}
	if len(parts) >= 2 && parts[0] == "namespaces" && len(parts) > 2 {
		parts = parts[2:]
	}
	switch len(parts) {
	case 0:
		return "?"
	case 1, 2:
		return parts[0]
	default:
		return parts[0] + "/" + parts[2]
	}
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// gate passes the manager's error entries (JSON, one per write) through until it is closed:
// info entries, and the "context canceled" errors while the bench shuts the manager down, are
// noise.
type gate struct {
	w      io.Writer
	closed atomic.Bool
}

func (g *gate) Write(p []byte) (int, error) {
	if g.closed.Load() || !bytes.Contains(p, []byte(`"level":"error"`)) {
		return len(p), nil
	}
	return g.w.Write(p)
}
