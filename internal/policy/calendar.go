package policy

import (
	"fmt"
	"time"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/conditions"
)

// CalendarCoverage: the calendar covers the current year in its own zone. subject names
// the object that counts on it, e.g. `Center county-center`; empty for the calendar itself.
func CalendarCoverage(subject, name string, cal *calendar.Calendar, now time.Time) *conditions.Finding {
	year := cal.Day(now).Year
	if cal.Covers(year) {
		return nil
	}
	who := fmt.Sprintf("WorkCalendar %q does not cover %d", name, year)
	if subject != "" {
		who = fmt.Sprintf("%s counts deadlines on WorkCalendar %q, which does not cover %d", subject, name, year)
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionCalendarDataMissing,
		Reason: v1alpha1.ConditionCalendarDataMissing,
		Message: fmt.Sprintf("%s, so no deadline in %d can be computed: add year %d (holidays and adjusted working days) to the WorkCalendar once the State Council publishes it.",
			who, year, year),
	}
}

// NextYear returns the start of the year after now's in the calendar's zone: when the
// current year, and so the coverage answer, changes.
func NextYear(cal *calendar.Calendar, now time.Time) time.Time {
	return time.Date(cal.Day(now).Year+1, time.January, 1, 0, 0, 0, 0, cal.Location())
}
