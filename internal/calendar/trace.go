package calendar

import (
	"fmt"
	"strings"
)

// StepsIn lists every day from first to last, both included, numbering the working days
// among them from 1: the days a clock stop (a hearing, an expert review) takes out of a
// count, as WorkingDaysIn counts them.
func (c *Calendar) StepsIn(first, last Date) ([]Step, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	for _, d := range []Date{first, last} {
		if !d.valid() {
			return nil, fmt.Errorf("date %s is not a valid date: use a real day of a year from 0001 to 9999", d)
		}
	}
	var steps []Step
	n := 0
	for z := dayNumber(first); z <= dayNumber(last); z++ {
		k := c.kindAt(z)
		if k == uncovered {
			return nil, c.missing(z)
		}
		s := Step{Date: civil(z), Kind: k, Name: c.names[z]}
		if k.Working() {
			n++
			s.N = n
		}
		steps = append(steps, s)
	}
	return steps, nil
}

// Run is a stretch of consecutive days of one kind (and one name) walked in a count, such
// as working days 1 to 4, or the Spring Festival holiday, to explain a deadline in a few
// lines instead of one line per day.
type Run struct {
	From, To Date
	Kind     DayKind
	// Name is the holiday or adjusted working day's name; empty for other days.
	Name string
	// FirstN and LastN number the working days of the run in the count; 0 for days that do
	// not count.
	FirstN, LastN int
}

// Days counts the calendar days of the run.
func (r Run) Days() int { return dayNumber(r.To) - dayNumber(r.From) + 1 }

// String describes the run, such as "2009-01-26 Mon .. 2009-01-30 Fri: holiday 春节, not
// counted" or "2009-02-02 Mon .. 2009-02-06 Fri: working days 6-10".
func (r Run) String() string {
	var b strings.Builder
	b.WriteString(r.From.String() + " " + r.From.Weekday().String()[:3])
	if r.To != r.From {
		b.WriteString(" .. " + r.To.String() + " " + r.To.Weekday().String()[:3])
	}
	b.WriteString(": ")
	what := r.Kind.String()
	if r.Kind == Weekend && r.Days() == 1 {
		what = "weekend day"
	}
	if r.Name != "" {
		what += " " + r.Name
	}
	switch {
	case !r.Kind.Working():
		b.WriteString(what + ", not counted")
	case r.FirstN == 0:
		b.WriteString(what)
	default:
		if r.Kind != Workday {
			b.WriteString(what + ", ")
		}
		if r.FirstN == r.LastN {
			fmt.Fprintf(&b, "working day %d", r.FirstN)
		} else {
			fmt.Fprintf(&b, "working days %d-%d", r.FirstN, r.LastN)
		}
	}
	return b.String()
}

// Runs groups consecutive steps of the same kind and name into runs. Adjusted working days
// stay one run per day (each is named and notable); ordinary working days merge only while
// their numbers follow each other.
func Runs(steps []Step) []Run {
	var out []Run
	for _, s := range steps {
		if n := len(out); n > 0 {
			last := &out[n-1]
			consecutive := last.To.AddDays(1) == s.Date
			sameKind := last.Kind == s.Kind && last.Name == s.Name && s.Kind != AdjustedWorkday
			numbered := !s.Kind.Working() || (last.LastN > 0 && s.N == last.LastN+1) || (last.LastN == 0 && s.N == 0)
			if consecutive && sameKind && numbered {
				last.To = s.Date
				if s.N > 0 {
					last.LastN = s.N
				}
				continue
			}
		}
		out = append(out, Run{From: s.Date, To: s.Date, Kind: s.Kind, Name: s.Name, FirstN: s.N, LastN: s.N})
	}
	return out
}
