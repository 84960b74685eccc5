package calendar

import (
	"fmt"
	"time"
)

// AddWorkingDays returns the deadline "within n working days" of the instant from: close of
// business of the n-th working day after from's day, in the calendar's zone. For n = 0 it is
// close of business of from's day if that is a working day, else of the next working day.
// See the package documentation for the full rules.
func (c *Calendar) AddWorkingDays(from time.Time, n int) (time.Time, error) {
	if err := c.ready(); err != nil {
		return time.Time{}, err
	}
	if n < 0 {
		return time.Time{}, fmt.Errorf("cannot count %d working days: the number of working days must be 0 or more", n)
	}
	z, err := c.nthWorkingDay(c.dayNumberOf(from), n)
	if err != nil {
		return time.Time{}, err
	}
	return c.closeOf(z), nil
}

// nthWorkingDay returns the day number of the n-th working day after day z, or for n = 0 the
// first working day from z on.
func (c *Calendar) nthWorkingDay(z, n int) (int, error) {
	i := z - c.first
	if n == 0 {
		// The same working day is the first working day counting z itself.
		n, i = 1, i-1
	}
	for count := 0; ; {
		i++
		if i < 0 || i >= len(c.kinds) {
			return 0, c.missing(c.first + i)
		}
		switch c.kinds[i] {
		case Workday, AdjustedWorkday:
			if count++; count == n {
				return c.first + i, nil
			}
		case uncovered:
			return 0, c.missing(c.first + i)
		}
	}
}

// WorkingDaysBetween returns the number of working days after from's day up to and including
// to's day, both days taken in the calendar's zone; 0 if to's day is not after from's day.
// It is the inverse of AddWorkingDays for n ≥ 1.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) (int, error) {
	if err := c.ready(); err != nil {
		return 0, err
	}
	return c.countWorking(c.dayNumberOf(from)+1, c.dayNumberOf(to))
}

// WorkingDaysIn returns the number of working days from first to last, both included; 0 if
// last is before first. Callers add it to a deadline's n for a clock stop, such as a hearing.
func (c *Calendar) WorkingDaysIn(first, last Date) (int, error) {
	if err := c.ready(); err != nil {
		return 0, err
	}
	for _, d := range []Date{first, last} {
		if !d.valid() {
			return 0, fmt.Errorf("date %s is not a valid date: use a real day of a year from 0001 to 9999", d)
		}
	}
	return c.countWorking(dayNumber(first), dayNumber(last))
}

// countWorking counts the working days with day numbers lo to hi, both included. It walks day
// by day so that the error names the first uncovered year actually reached.
func (c *Calendar) countWorking(lo, hi int) (int, error) {
	n := 0
	for z := lo; z <= hi; z++ {
		switch c.kindAt(z) {
		case Workday, AdjustedWorkday:
			n++
		case uncovered:
			return 0, c.missing(z)
		}
	}
	return n, nil
}

// Step is one calendar day walked while computing a deadline, for explaining it.
type Step struct {
	// Date is the day walked.
	Date Date
	// Kind tells whether the day counted and why.
	Kind DayKind
	// Name is the holiday or adjusted working day's name; empty for other days.
	Name string
	// N is which working day this is, from 1 to n; 0 for days that did not count and for
	// the deadline day when n is 0.
	N int
}

// String describes the step, such as "2009-01-04 Sunday: adjusted working day 元旦调休, working
// day 1".
func (s Step) String() string {
	head := fmt.Sprintf("%s %s: ", s.Date, s.Date.Weekday())
	switch {
	case s.Kind == Workday && s.N > 0:
		return head + fmt.Sprintf("working day %d", s.N)
	case s.Kind == Workday:
		return head + "working day"
	}
	what := s.Kind.String()
	if s.Name != "" {
		what += " " + s.Name
	}
	if !s.Kind.Working() {
		return head + what + ", not counted"
	}
	if s.N > 0 {
		return head + what + fmt.Sprintf(", working day %d", s.N)
	}
	return head + what
}

// Steps lists the days AddWorkingDays(from, n) walks, in order, the last one being the
// deadline day. The day of receipt is listed only when n is 0, since only then can it count.
func (c *Calendar) Steps(from time.Time, n int) ([]Step, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, fmt.Errorf("cannot count %d working days: the number of working days must be 0 or more", n)
	}
	z := c.dayNumberOf(from)
	if n > 0 {
		z++
	}
	var steps []Step
	for count := 0; ; z++ {
		k := c.kindAt(z)
		if k == uncovered {
			return nil, c.missing(z)
		}
		s := Step{Date: civil(z), Kind: k, Name: c.names[z]}
		if k.Working() && n > 0 {
			count++
			s.N = count
		}
		steps = append(steps, s)
		if k.Working() && count == n {
			return steps, nil
		}
	}
}

// dayNumberOf returns the day number of t's civil date in the calendar's zone.
func (c *Calendar) dayNumberOf(t time.Time) int {
	y, m, d := t.In(c.loc).Date()
	return dayNumber(Date{Year: y, Month: m, Day: d})
}

// closeOf returns close of business on day number z in the calendar's zone.
func (c *Calendar) closeOf(z int) time.Time {
	d := civil(z)
	return time.Date(d.Year, d.Month, d.Day, c.close.Hour, c.close.Minute, 0, 0, c.loc)
}
