package policy

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/conditions"
)

// workCalendar builds a small mainland calendar covering years, in Asia/Shanghai, with New
// Year's Day of each covered year as its only holiday.
func workCalendar(t *testing.T, name string, years ...int32) *calendar.Calendar {
	t.Helper()
	spec := v1alpha1.WorkCalendarSpec{TimeZone: "Asia/Shanghai", CloseOfBusiness: "17:30", Weekend: []string{"Saturday", "Sunday"}}
	for _, y := range years {
		spec.Years = append(spec.Years, v1alpha1.CalendarYear{
			Year:     y,
			Holidays: []v1alpha1.Holiday{{Name: "元旦 (New Year's Day)", From: time.Date(int(y), time.January, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)}},
		})
	}
	cal, err := calendar.FromWorkCalendar(name, spec)
	if err != nil {
		t.Fatalf("building WorkCalendar %q: %v", name, err)
	}
	return cal
}

func TestCalendarCoverage(t *testing.T) {
	now, _ := testClock(t)
	mainland := workCalendar(t, "cn-mainland", 2008, 2009)
	gap := workCalendar(t, "cn-gap", 2008, 2010)
	cases := map[string]struct {
		cal  *calendar.Calendar
		name string
		now  time.Time
		want *conditions.Finding
	}{
		"during the rollout, 2008 is covered": {cal: mainland, name: "cn-mainland", now: now},
		"2009 is covered":                     {cal: mainland, name: "cn-mainland", now: utc(t, "2009-06-01T02:00:00Z")},
		"the last second of 2009 in Shanghai is still covered": {
			cal: mainland, name: "cn-mainland", now: utc(t, "2009-12-31T15:59:59Z"),
		},
		"2009-12-31T16:30Z is already 2010 in Shanghai, which is not covered": {
			cal: mainland, name: "cn-mainland", now: utc(t, "2009-12-31T16:30:00Z"),
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionCalendarDataMissing,
				Reason:  v1alpha1.ConditionCalendarDataMissing,
				Message: `WorkCalendar "cn-mainland" does not cover 2010, so no deadline in 2010 can be computed: add year 2010 (holidays and adjusted working days) to the WorkCalendar once the State Council publishes it.`,
			},
		},
		"the first second of 2008 in Shanghai is covered though UTC is still in 2007": {
			cal: mainland, name: "cn-mainland", now: utc(t, "2007-12-31T16:00:00Z"),
		},
		"the last second of 2007 in Shanghai is not covered": {
			cal: mainland, name: "cn-mainland", now: utc(t, "2007-12-31T15:59:59Z"),
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionCalendarDataMissing,
				Reason:  v1alpha1.ConditionCalendarDataMissing,
				Message: `WorkCalendar "cn-mainland" does not cover 2007, so no deadline in 2007 can be computed: add year 2007 (holidays and adjusted working days) to the WorkCalendar once the State Council publishes it.`,
			},
		},
		"a year missing between covered years is not covered": {
			cal: gap, name: "cn-gap", now: utc(t, "2009-03-02T01:00:00Z"),
			want: &conditions.Finding{Type: v1alpha1.ConditionCalendarDataMissing, Reason: v1alpha1.ConditionCalendarDataMissing},
		},
		"the years either side of the gap are covered": {cal: gap, name: "cn-gap", now: utc(t, "2010-03-01T01:00:00Z")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := CalendarCoverage("", tc.name, tc.cal, tc.now)
			if diff := cmp.Diff(tc.want, pinnedOne(tc.want, got)); diff != "" {
				t.Errorf("CalendarCoverage() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCalendarCoverageNamesTheSubject(t *testing.T) {
	cal := workCalendar(t, "cn-2010", 2010)
	now, _ := testClock(t)
	want := &conditions.Finding{
		Type:    v1alpha1.ConditionCalendarDataMissing,
		Reason:  v1alpha1.ConditionCalendarDataMissing,
		Message: `Center county-center counts deadlines on WorkCalendar "cn-2010", which does not cover 2008, so no deadline in 2008 can be computed: add year 2008 (holidays and adjusted working days) to the WorkCalendar once the State Council publishes it.`,
	}
	if diff := cmp.Diff(want, CalendarCoverage("Center county-center", "cn-2010", cal, now)); diff != "" {
		t.Errorf("CalendarCoverage() mismatch (-want +got):\n%s", diff)
	}
}

func TestNextYear(t *testing.T) {
	cal := workCalendar(t, "cn-mainland", 2008, 2009)
	loc := cal.Location()
	cases := map[string]struct {
		now  time.Time
		want time.Time
	}{
		"mid-2009": {
			now:  time.Date(2009, time.June, 1, 0, 0, 0, 0, loc),
			want: time.Date(2010, time.January, 1, 0, 0, 0, 0, loc),
		},
		"during the rollout": {
			now:  utc(t, "2008-12-03T09:00:00Z"),
			want: time.Date(2009, time.January, 1, 0, 0, 0, 0, loc),
		},
		"the last second of 2009 in Shanghai": {
			now:  utc(t, "2009-12-31T15:59:59Z"),
			want: utc(t, "2009-12-31T16:00:00Z"),
		},
		"already 2010 in Shanghai though 2009 in UTC": {
			now:  utc(t, "2009-12-31T16:30:00Z"),
			want: time.Date(2011, time.January, 1, 0, 0, 0, 0, loc),
		},
		"a year the calendar does not cover still has a next year": {
			now:  utc(t, "2030-07-01T00:00:00Z"),
			want: time.Date(2031, time.January, 1, 0, 0, 0, 0, loc),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := NextYear(cal, tc.now)
			if !got.Equal(tc.want) {
				t.Errorf("NextYear(%s) = %s, want %s", tc.now, got, tc.want)
			}
			if got.Location().String() != "Asia/Shanghai" {
				t.Errorf("NextYear(%s) is in %s, want Asia/Shanghai", tc.now, got.Location())
			}
		})
	}
}

func TestNextYearIsMidnightInShanghai(t *testing.T) {
	cal := workCalendar(t, "cn-mainland", 2008, 2009)
	got := NextYear(cal, time.Date(2009, time.June, 1, 0, 0, 0, 0, cal.Location()))
	if s := got.Format("2006-01-02T15:04:05 MST -07:00"); s != "2010-01-01T00:00:00 CST +08:00" {
		t.Errorf("NextYear(2009-06-01) = %s, want 2010-01-01T00:00:00 CST +08:00", s)
	}
	if u := got.UTC().Format(time.RFC3339); u != "2009-12-31T16:00:00Z" {
		t.Errorf("NextYear(2009-06-01) in UTC = %s, want 2009-12-31T16:00:00Z", u)
	}
}
