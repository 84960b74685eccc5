package calendar

import (
	"errors"
	"fmt"
	"time"

	"onestop.dev/onestop/api/v1alpha1"
)

// FromWorkCalendar builds a Calendar from a WorkCalendar object's spec, expanding holiday
// ranges into days. The error names the object and says what to fix.
func FromWorkCalendar(name string, spec v1alpha1.WorkCalendarSpec) (*Calendar, error) {
	s := Spec{Name: name, TimeZone: spec.TimeZone}
	var errs []error
	cob := spec.CloseOfBusiness
	if cob == "" {
		cob = "17:30"
	}
	clock, err := ParseClock(cob)
	if err != nil {
		errs = append(errs, fmt.Errorf("spec.closeOfBusiness: %w", err))
	}
	s.CloseOfBusiness = clock
	for _, w := range spec.Weekend {
		d, ok := weekdays[w]
		if !ok {
			errs = append(errs, fmt.Errorf("spec.weekend: %q is not a weekday", w))
			continue
		}
		s.Weekend = append(s.Weekend, d)
	}
	for _, y := range spec.Years {
		s.Years = append(s.Years, int(y.Year))
		for _, h := range y.Holidays {
			from, err := ParseDate(h.From)
			if err != nil {
				errs = append(errs, fmt.Errorf("holiday %q of %d: from: %w", h.Name, y.Year, err))
				continue
			}
			to := from
			if h.To != "" {
				if to, err = ParseDate(h.To); err != nil {
					errs = append(errs, fmt.Errorf("holiday %q of %d: to: %w", h.Name, y.Year, err))
					continue
				}
			}
			if to.Compare(from) < 0 || to.Compare(from.AddDays(366)) > 0 {
				errs = append(errs, fmt.Errorf("holiday %q of %d runs from %s to %s: check its dates", h.Name, y.Year, from, to))
				continue
			}
			for d := from; d.Compare(to) <= 0; d = d.AddDays(1) {
				s.Holidays = append(s.Holidays, NamedDate{Date: d, Name: h.Name})
			}
		}
		for _, a := range y.AdjustedWorkingDays {
			d, err := ParseDate(a.Date)
			if err != nil {
				errs = append(errs, fmt.Errorf("adjusted working day %q of %d: %w", a.Name, y.Year, err))
				continue
			}
			n := a.Name
			if n == "" {
				n = "调休"
			}
			s.AdjustedWorkingDays = append(s.AdjustedWorkingDays, NamedDate{Date: d, Name: n})
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("WorkCalendar %q: %w", name, errors.Join(errs...))
	}
	return New(s)
}

var weekdays = map[string]time.Weekday{
	"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday,
}

// WorkingDaysInYear counts the working days of a whole covered year.
func (c *Calendar) WorkingDaysInYear(year int) (int, error) {
	return c.WorkingDaysIn(Date{Year: year, Month: time.January, Day: 1}, Date{Year: year, Month: time.December, Day: 31})
}
