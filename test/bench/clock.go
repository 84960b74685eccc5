package main

import (
	"sync"
	"time"
)

// movingClock runs at real speed from an instant the bench sets, like the envtest suite's:
// the manager's RequeueAfter timers fire in real time while the bench chooses the date.
type movingClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *movingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *movingClock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

// SetTime makes Now return t, and move on from there; it returns the real instant at which
// Now reads t.
func (c *movingClock) SetTime(t time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	c.offset = t.Sub(now)
	return now
}

// realTime is the real instant at which the clock reads t.
func (c *movingClock) realTime(t time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return t.Add(-c.offset)
}
