package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/watch"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// tracker watches the cases of one phase across all namespaces and records, per case, the
// real time it was first seen decided, and whether its first reconciled status (one with a
// decision deadline) was still undecided: the decision then came from a timer.
type tracker struct {
	mu      sync.Mutex
	decided map[string]time.Time // namespace/name -> first seen with status.decision
	at      map[string]time.Time // namespace/name -> status.decision.at first seen
	redone  map[string]bool      // the decision changed after it was first seen
	armed   map[string]bool      // seen reconciled and undecided before the decision
	changed chan struct{}
}

func startTracker(ctx context.Context, c client.WithWatch, phase string) *tracker {
	t := &tracker{decided: map[string]time.Time{}, at: map[string]time.Time{}, redone: map[string]bool{}, armed: map[string]bool{}, changed: make(chan struct{}, 1)}
	go t.run(ctx, c, phase)
	return t
}

func (t *tracker) run(ctx context.Context, c client.WithWatch, phase string) {
	for ctx.Err() == nil {
		// No resourceVersion: the watch starts with every existing case as ADDED, so a
		// restarted watch loses nothing (a decision seen late is only seen late).
		w, err := c.Watch(ctx, &v1alpha1.ApprovalCaseList{}, client.MatchingLabels{phaseLabel: phase})
		if err != nil {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		for ev := range w.ResultChan() {
			if ev.Type == watch.Error {
				break
			}
			c, ok := ev.Object.(*v1alpha1.ApprovalCase)
			if !ok {
				continue
			}
			t.observe(c, time.Now())
		}
		w.Stop()
	}
}

func (t *tracker) observe(c *v1alpha1.ApprovalCase, at time.Time) {
	key := c.Namespace + "/" + c.Name
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, done := t.decided[key]; done {
		if d := c.Status.Decision; d == nil || !d.At.Time.Equal(t.at[key]) {
			t.redone[key] = true
		}
		return
	}
	if c.Status.Decision == nil {
		if c.Status.DecisionDeadline != nil && !t.armed[key] {
			t.armed[key] = true
			t.signal()
		}
		return
	}
	t.decided[key] = at
	t.at[key] = c.Status.Decision.At.Time
	t.signal()
}

func (t *tracker) signal() {
	select {
	case t.changed <- struct{}{}:
	default:
	}
}

func (t *tracker) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.decided)
}

func (t *tracker) armedCount() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.armed)
}

func (t *tracker) redoneCount() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.redone)
}

// wait returns when n cases are decided, or an error after timeout.
func (t *tracker) wait(ctx context.Context, n int, timeout time.Duration) error {
	return t.waitFor(ctx, n, timeout, t.count, "decided")
}

// waitArmed returns when n cases were seen reconciled and undecided.
func (t *tracker) waitArmed(ctx context.Context, n int, timeout time.Duration) error {
	return t.waitFor(ctx, n, timeout, t.armedCount, "reconciled with a deadline")
}

func (t *tracker) waitFor(ctx context.Context, n int, timeout time.Duration, count func() int, what string) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		if got := count(); got >= n {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-deadline.C:
			return fmt.Errorf("%d of %d cases %s after %s", count(), n, what, timeout)
		case <-t.changed:
		case <-tick.C:
		}
	}
}

// snapshot returns a copy of the first-seen decision times and of the armed set.
func (t *tracker) snapshot() (map[string]time.Time, map[string]bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	decided := make(map[string]time.Time, len(t.decided))
	for k, v := range t.decided {
		decided[k] = v
	}
	armed := make(map[string]bool, len(t.armed))
	for k, v := range t.armed {
		armed[k] = v
	}
	return decided, armed
}
