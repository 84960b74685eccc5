package calendar

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

// checkDeadline checks what every deadline must satisfy: it is close of business in the
// calendar's zone on a working day, it counts back to n (n ≥ 1; for n = 0, to 0 on a working
// day of receipt and 1 otherwise), and Steps walks to the same day.
func checkDeadline(t testing.TB, c *Calendar, from time.Time, n int, deadline time.Time) {
	t.Helper()
	if deadline.Location() != c.Location() || deadline.Hour() != 17 || deadline.Minute() != 30 || deadline.Second() != 0 || deadline.Nanosecond() != 0 {
		t.Fatalf("AddWorkingDays(%s, %d) = %s: not close of business in %s", show(from), n, show(deadline), c.Location())
	}
	if ok, err := c.IsWorkingDay(DateOf(deadline)); err != nil || !ok {
		t.Fatalf("AddWorkingDays(%s, %d) = %s: not a working day (%v)", show(from), n, show(deadline), err)
	}
	back, err := c.WorkingDaysBetween(from, deadline)
	if err != nil {
		t.Fatalf("WorkingDaysBetween(%s, %s): %v", show(from), show(deadline), err)
	}
	want := n
	if n == 0 {
		want = 0
		if ok, err := c.IsWorkingDay(c.Day(from)); err != nil {
			t.Fatalf("IsWorkingDay(%s): %v", c.Day(from), err)
		} else if !ok {
			want = 1
		}
	}
	if back != want {
		t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(_, %d) = %s) = %d, want %d", show(from), n, show(deadline), back, want)
	}
	steps, err := c.Steps(from, n)
	if err != nil {
		t.Fatalf("Steps(%s, %d): %v", show(from), n, err)
	}
	if last := steps[len(steps)-1]; last.Date != DateOf(deadline) || last.N != n {
		t.Fatalf("Steps(%s, %d) ends with %v, want %s as working day %d", show(from), n, last, DateOf(deadline), n)
	}
}

// TestProperties walks random instants of 2008-2009, given in several zones, through every n
// until the deadline leaves the covered years.
func TestProperties(t *testing.T) {
	c := china(t)
	rng := rand.New(rand.NewPCG(2008, 2009))
	lo, hi := at("2008-01-01 00:00").Unix(), at("2010-01-01 00:00").Unix()
	zones := []*time.Location{shanghai, time.UTC, time.FixedZone("UTC-12", -12*3600), time.FixedZone("UTC+14", 14*3600)}
	for range 120 {
		from := time.Unix(lo+rng.Int64N(hi-lo), rng.Int64N(1e9)).In(zones[rng.IntN(len(zones))])
		var prev time.Time
		for n := 0; ; n++ {
			deadline, err := c.AddWorkingDays(from, n)
			if err != nil {
				var missing *MissingYearError
				if !errors.As(err, &missing) || missing.Year != 2010 {
					t.Fatalf("AddWorkingDays(%s, %d): %v, want only a missing 2010", show(from), n, err)
				}
				break
			}
			checkDeadline(t, c, from, n, deadline)
			// Monotonic: n = 0 and n = 1 coincide when the day of receipt is not a working
			// day; beyond that each more day is a later deadline.
			if n == 1 && deadline.Before(prev) || n > 1 && !deadline.After(prev) {
				t.Fatalf("AddWorkingDays(%s, %d) = %s is not after n-1's %s", show(from), n, show(deadline), show(prev))
			}
			prev = deadline
		}
	}
}

func FuzzAddWorkingDays(f *testing.F) {
	c := china(f)
	f.Add(at("2008-12-31 10:00").Unix(), 5)
	f.Add(at("2009-01-20 10:00").Unix(), 7)
	f.Add(at("2009-10-03 10:00").Unix(), 0)
	f.Add(at("2009-12-30 10:00").Unix(), 2)
	f.Add(at("2007-12-31 23:59").Unix(), 1)
	f.Add(int64(-1<<62), 1<<40)
	f.Add(int64(1<<62), 0)
	f.Add(at("2009-03-04 10:00").Unix(), -1)
	f.Fuzz(func(t *testing.T, sec int64, n int) {
		from := time.Unix(sec, 0)
		deadline, err := c.AddWorkingDays(from, n)
		if n < 0 {
			if err == nil {
				t.Fatalf("AddWorkingDays(%s, %d) accepted a negative n", show(from), n)
			}
			return
		}
		if err != nil {
			var missing *MissingYearError
			if !errors.As(err, &missing) || c.Covers(missing.Year) {
				t.Fatalf("AddWorkingDays(%s, %d): %v, want a *MissingYearError for an uncovered year", show(from), n, err)
			}
			return
		}
		checkDeadline(t, c, from, n, deadline)
		if n > 0 {
			earlier, err := c.AddWorkingDays(from, n-1)
			var missing *MissingYearError
			if n == 1 && errors.As(err, &missing) && !c.Covers(c.Day(from).Year) {
				return // only n = 0 consults the day of receipt, which is not covered
			}
			if err != nil || earlier.After(deadline) {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, %v: after n's %s", show(from), n-1, show(earlier), err, show(deadline))
			}
		}
	})
}

// BenchmarkAddWorkingDays counts 20 working days across National Day 2009: 09-27 Sun and
// 10-10 Sat are adjusted working days, 10-01..08 are holidays, and day 20 is 10-29.
func BenchmarkAddWorkingDays(b *testing.B) {
	c := china(b)
	from := at("2009-09-25 10:00")
	if d, err := c.AddWorkingDays(from, 20); err != nil || show(d) != "2009-10-29 17:30 +0800 Asia/Shanghai" {
		b.Fatalf("AddWorkingDays = %s, %v: want 2009-10-29 17:30", show(d), err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.AddWorkingDays(from, 20); err != nil {
			b.Fatal(err)
		}
	}
}
