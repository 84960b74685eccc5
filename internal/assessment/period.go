package assessment

import (
	"fmt"
	"time"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
)

// Period is an assessed period: its civil days First..Last, and the instants (Start, End]
// it covers.
type Period struct {
	// Label names it for kubectl: "2009-03", "2009-Q1", "2009" or "2008-12-03..2009-01-15".
	Label string
	// First and Last are its first and last civil day.
	First, Last calendar.Date
	// Start is close of business on the day before First (not in the period); End is close
	// of business on Last (in the period).
	Start, End time.Time
}

// NewPeriod resolves a period's spec in the jurisdiction's zone loc, whose working days end
// at cob. The API server's rules already refuse every spec this rejects; the errors say what
// to fix all the same.
func NewPeriod(spec v1alpha1.AssessmentPeriod, loc *time.Location, cob calendar.Clock) (Period, error) {
	first, err := calendar.ParseDate(spec.Start)
	if err != nil {
		return Period{}, fmt.Errorf("spec.period.start: %w", err)
	}
	p := Period{First: first}
	month := time.Date(first.Year, first.Month, 1, 0, 0, 0, 0, time.UTC)
	lastOf := func(months int) calendar.Date { return calendar.DateOf(month.AddDate(0, months, -1)) }
	switch {
	case spec.Kind != "" && spec.End != "":
		return Period{}, fmt.Errorf("spec.period sets both kind and end: set exactly one")
	case spec.Kind == "" && spec.End == "":
		return Period{}, fmt.Errorf("spec.period sets neither kind nor end: set exactly one")
	case spec.Kind != "" && first.Day != 1:
		return Period{}, fmt.Errorf("spec.period.start %s: a %s starts on the first of a month", first, spec.Kind)
	case spec.Kind == v1alpha1.PeriodMonth:
		p.Label, p.Last = fmt.Sprintf("%04d-%02d", first.Year, int(first.Month)), lastOf(1)
	case spec.Kind == v1alpha1.PeriodQuarter && (first.Month-1)%3 == 0:
		p.Label, p.Last = fmt.Sprintf("%04d-Q%d", first.Year, (first.Month-1)/3+1), lastOf(3)
	case spec.Kind == v1alpha1.PeriodYear && first.Month == time.January:
		p.Label, p.Last = fmt.Sprintf("%04d", first.Year), lastOf(12)
	case spec.Kind != "":
		return Period{}, fmt.Errorf("spec.period.start %s does not start a %s", first, spec.Kind)
	default:
		last, err := calendar.ParseDate(spec.End)
		if err != nil {
			return Period{}, fmt.Errorf("spec.period.end: %w", err)
		}
		if last.Compare(first) < 0 {
			return Period{}, fmt.Errorf("spec.period.end %s is before spec.period.start %s", last, first)
		}
		p.Label, p.Last = fmt.Sprintf("%s..%s", first, last), last
	}
	at := func(d calendar.Date) time.Time {
		return time.Date(d.Year, d.Month, d.Day, cob.Hour, cob.Minute, 0, 0, loc)
	}
	p.Start, p.End = at(first.AddDays(-1)), at(p.Last)
	return p, nil
}

// Contains tells whether instant t falls in the period: after Start, up to End included.
func (p Period) Contains(t time.Time) bool {
	return t.After(p.Start) && !t.After(p.End)
}

// Ended tells whether the period is over at now.
func (p Period) Ended(now time.Time) bool {
	return !now.Before(p.End)
}

// ContainsDate tells whether civil day d is one of the period's days.
func (p Period) ContainsDate(d calendar.Date) bool {
	return d.Compare(p.First) >= 0 && d.Compare(p.Last) <= 0
}
