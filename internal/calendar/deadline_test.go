package calendar

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// show renders a deadline with its offset and zone name, so a test sees a wrong zone too.
func show(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02 15:04 -0700 ") + t.Location().String()
}

// result is what a deadline computation produced, for comparing in one cmp.Diff.
type result struct {
	Deadline    string
	MissingYear int // Year of a *MissingYearError
	Err         string
}

func resultOf(deadline time.Time, err error) result {
	r := result{Deadline: show(deadline)}
	var missing *MissingYearError
	if errors.As(err, &missing) {
		r.MissingYear = missing.Year
	}
	if err != nil {
		r.Err = err.Error()
	}
	return r
}

func missing2010() result {
	return result{MissingYear: 2010, Err: `WorkCalendar "china" does not cover year 2010: add year 2010 to WorkCalendar "china", with its statutory holidays and adjusted working days, when the State Council publishes them`}
}

func TestAddWorkingDays(t *testing.T) {
	c := china(t)
	cases := map[string]struct {
		from time.Time
		n    int
		want result
	}{
		// 2008-12-31 (Wed) is the day of receipt and does not count. 2009-01-01..03 are the
		// New Year holiday; 01-04 is a Sunday made a working day (1); 01-05 Mon (2), 01-06 (3),
		// 01-07 (4), 01-08 Thu (5).
		"receipt on New Year's Eve counts the adjusted Sunday": {
			from: at("2008-12-31 10:00"), n: 5,
			want: result{Deadline: "2009-01-08 17:30 +0800 Asia/Shanghai"},
		},
		// 03-06 is a Friday; 03-07 and 03-08 are an ordinary weekend; 03-09 Mon is day 1.
		"receipt on a Friday evening": {
			from: at("2009-03-06 20:15"), n: 1,
			want: result{Deadline: "2009-03-09 17:30 +0800 Asia/Shanghai"},
		},
		// 10-01..08 are the National Day holiday; 10-09 Fri (1), 10-10 Sat adjusted (2),
		// 10-11 Sun weekend, 10-12 Mon (3).
		"receipt on a holiday": {
			from: at("2009-10-03 11:00"), n: 3,
			want: result{Deadline: "2009-10-12 17:30 +0800 Asia/Shanghai"},
		},
		// The day of receipt never counts, so the time of day does not move day 1: receipt
		// at 18:00, after the 17:30 close of business, has the same deadline as at 09:00.
		"receipt before close of business": {
			from: at("2009-03-04 09:00"), n: 1,
			want: result{Deadline: "2009-03-05 17:30 +0800 Asia/Shanghai"},
		},
		"receipt after close of business": {
			from: at("2009-03-04 18:00"), n: 1,
			want: result{Deadline: "2009-03-05 17:30 +0800 Asia/Shanghai"},
		},
		// 01-21 Wed (1), 01-22 (2), 01-23 Fri (3), 01-24 Sat adjusted (4), 01-25..31 Spring
		// Festival, 02-01 Sun adjusted (5), 02-02 Mon (6), 02-03 Tue (7).
		"crossing Spring Festival 2009": {
			from: at("2009-01-20 10:00"), n: 7,
			want: result{Deadline: "2009-02-03 17:30 +0800 Asia/Shanghai"},
		},
		"crossing Spring Festival 2009 onto its adjusted Sunday": {
			from: at("2009-01-20 10:00"), n: 5,
			want: result{Deadline: "2009-02-01 17:30 +0800 Asia/Shanghai"},
		},
		// 09-27 Sat (1) and 09-28 Sun (2) are adjusted; 09-29..10-05 National Day; 10-06 (3).
		"receipt before National Day 2008 works both adjusted weekend days": {
			from: at("2008-09-26 16:00"), n: 3,
			want: result{Deadline: "2008-10-06 17:30 +0800 Asia/Shanghai"},
		},
		"same working day on a working day": {
			from: at("2009-03-04 10:00"), n: 0,
			want: result{Deadline: "2009-03-04 17:30 +0800 Asia/Shanghai"},
		},
		// Documented: the n = 0 deadline ignores the time of day and may precede receipt.
		"same working day after close of business": {
			from: at("2009-03-04 18:00"), n: 0,
			want: result{Deadline: "2009-03-04 17:30 +0800 Asia/Shanghai"},
		},
		"same working day on a holiday moves to the next working day": {
			from: at("2009-10-03 10:00"), n: 0,
			want: result{Deadline: "2009-10-09 17:30 +0800 Asia/Shanghai"},
		},
		"same working day on an adjusted Sunday": {
			from: at("2009-01-04 10:00"), n: 0,
			want: result{Deadline: "2009-01-04 17:30 +0800 Asia/Shanghai"},
		},
		"same working day on an ordinary Saturday": {
			from: at("2009-03-07 10:00"), n: 0,
			want: result{Deadline: "2009-03-09 17:30 +0800 Asia/Shanghai"},
		},
		// 2009-01-20T16:30Z is 2009-01-21 00:30 in Shanghai, so day 1 is 01-22, not 01-21.
		"UTC instant already the next day in Shanghai": {
			from: time.Date(2009, time.January, 20, 16, 30, 0, 0, time.UTC), n: 1,
			want: result{Deadline: "2009-01-22 17:30 +0800 Asia/Shanghai"},
		},
		"UTC instant still the same day in Shanghai": {
			from: time.Date(2009, time.January, 20, 15, 59, 0, 0, time.UTC), n: 1,
			want: result{Deadline: "2009-01-21 17:30 +0800 Asia/Shanghai"},
		},
		// 12-31 Thu (1), then 2010-01-01 is not covered.
		"walking into an uncovered year": {
			from: at("2009-12-30 10:00"), n: 2,
			want: missing2010(),
		},
		"receipt in an uncovered year": {
			from: at("2010-01-04 10:00"), n: 1,
			want: missing2010(),
		},
		"same working day in an uncovered year": {
			from: at("2010-01-04 10:00"), n: 0,
			want: missing2010(),
		},
		// For n ≥ 1 the day of receipt is not consulted: 2008-01-01 is a holiday, 01-02 (1).
		"receipt on the last day before the covered years": {
			from: at("2007-12-31 10:00"), n: 1,
			want: result{Deadline: "2008-01-02 17:30 +0800 Asia/Shanghai"},
		},
		"last covered day": {
			from: at("2009-12-30 10:00"), n: 1,
			want: result{Deadline: "2009-12-31 17:30 +0800 Asia/Shanghai"},
		},
		"negative days": {
			from: at("2009-03-04 10:00"), n: -1,
			want: result{Err: "cannot count -1 working days: the number of working days must be 0 or more"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := resultOf(c.AddWorkingDays(tc.from, tc.n))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("AddWorkingDays(%s, %d) mismatch (-want +got):\n%s", show(tc.from), tc.n, diff)
			}
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := china(t)
	type count struct {
		N           int
		MissingYear int
	}
	cases := map[string]struct {
		from, to time.Time
		want     count
	}{
		"New Year 2009":                        {from: at("2008-12-31 10:00"), to: at("2009-01-08 17:30"), want: count{N: 5}},
		"to's time of day is ignored":          {from: at("2008-12-31 10:00"), to: at("2009-01-08 23:59"), want: count{N: 5}},
		"same day":                             {from: at("2009-03-04 09:00"), to: at("2009-03-04 17:00"), want: count{}},
		"to before from":                       {from: at("2009-03-04 09:00"), to: at("2009-03-01 17:00"), want: count{}},
		"whole Spring Festival week":           {from: at("2009-01-24 09:00"), to: at("2009-01-31 17:00"), want: count{}},
		"holiday to adjusted Sunday":           {from: at("2009-01-31 09:00"), to: at("2009-02-01 17:00"), want: count{N: 1}},
		"whole year 2009 has 250 working days": {from: at("2008-12-31 09:00"), to: at("2009-12-31 17:00"), want: count{N: 250}},
		"into an uncovered year":               {from: at("2009-12-30 09:00"), to: at("2010-01-05 17:00"), want: count{MissingYear: 2010}},
		"from an uncovered year is fine":       {from: at("2007-12-31 09:00"), to: at("2008-01-02 17:00"), want: count{N: 1}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			n, err := c.WorkingDaysBetween(tc.from, tc.to)
			got := count{N: n}
			var missing *MissingYearError
			if errors.As(err, &missing) {
				got.MissingYear = missing.Year
			} else if err != nil {
				t.Fatalf("WorkingDaysBetween: unexpected error %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("WorkingDaysBetween(%s, %s) mismatch (-want +got):\n%s", show(tc.from), show(tc.to), diff)
			}
		})
	}
}

func TestWorkingDaysIn(t *testing.T) {
	c := china(t)
	cases := map[string]struct {
		first, last string
		want        int
		wantErr     string
	}{
		// A hearing over National Day 2009: only 10-09 Fri and 10-10 Sat (adjusted) count.
		"National Day 2009 stop": {first: "2009-10-01", last: "2009-10-10", want: 2},
		"one working day":        {first: "2009-03-04", last: "2009-03-04", want: 1},
		"one holiday":            {first: "2009-10-01", last: "2009-10-01"},
		"reversed":               {first: "2009-03-05", last: "2009-03-04"},
		"uncovered": {first: "2009-12-31", last: "2010-01-04",
			wantErr: `WorkCalendar "china" does not cover year 2010: add year 2010 to WorkCalendar "china", with its statutory holidays and adjusted working days, when the State Council publishes them`},
		"invalid date": {first: "2009-02-28", last: "2009-02-30",
			wantErr: "date 2009-02-30 is not a valid date: use a real day of a year from 0001 to 9999"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// Date{} literals, since ParseDate rejects 2009-02-30.
			parse := func(s string) Date {
				var d Date
				var m int
				if _, err := fmt.Sscanf(s, "%d-%d-%d", &d.Year, &m, &d.Day); err != nil {
					t.Fatal(err)
				}
				d.Month = time.Month(m)
				return d
			}
			n, err := c.WorkingDaysIn(parse(tc.first), parse(tc.last))
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff(tc.want, n); diff != "" {
				t.Errorf("WorkingDaysIn(%s, %s) mismatch (-want +got):\n%s", tc.first, tc.last, diff)
			}
			if diff := cmp.Diff(tc.wantErr, gotErr); diff != "" {
				t.Errorf("WorkingDaysIn(%s, %s) error mismatch (-want +got):\n%s", tc.first, tc.last, diff)
			}
		})
	}
}

func TestSteps(t *testing.T) {
	c := china(t)
	cases := map[string]struct {
		from time.Time
		n    int
		want []string
	}{
		"New Year 2009": {
			from: at("2008-12-31 10:00"), n: 5,
			want: []string{
				"2009-01-01 Thursday: holiday 元旦, not counted",
				"2009-01-02 Friday: holiday 元旦, not counted",
				"2009-01-03 Saturday: holiday 元旦, not counted",
				"2009-01-04 Sunday: adjusted working day 元旦调休, working day 1",
				"2009-01-05 Monday: working day 2",
				"2009-01-06 Tuesday: working day 3",
				"2009-01-07 Wednesday: working day 4",
				"2009-01-08 Thursday: working day 5",
			},
		},
		"same working day on a Saturday": {
			from: at("2009-03-07 10:00"), n: 0,
			want: []string{
				"2009-03-07 Saturday: weekend, not counted",
				"2009-03-08 Sunday: weekend, not counted",
				"2009-03-09 Monday: working day",
			},
		},
		"same working day on an adjusted Sunday": {
			from: at("2009-05-31 10:00"), n: 0,
			want: []string{"2009-05-31 Sunday: adjusted working day 端午节调休"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			steps, err := c.Steps(tc.from, tc.n)
			if err != nil {
				t.Fatalf("Steps: %v", err)
			}
			var got []string
			for _, s := range steps {
				got = append(got, s.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Steps(%s, %d) mismatch (-want +got):\n%s", show(tc.from), tc.n, diff)
			}
		})
	}
}

func TestStepsErrors(t *testing.T) {
	c := china(t)
	var missing *MissingYearError
	if _, err := c.Steps(at("2009-12-31 10:00"), 1); !errors.As(err, &missing) || missing.Year != 2010 {
		t.Errorf("Steps into 2010: got error %v, want *MissingYearError for 2010", err)
	}
	if _, err := c.Steps(at("2009-12-31 10:00"), -2); err == nil {
		t.Errorf("Steps with n = -2: got no error")
	}
}

// TestUnbuiltCalendar checks that a Calendar not made by New errors instead of panicking.
func TestUnbuiltCalendar(t *testing.T) {
	want := "calendar.Calendar is not built: create it with calendar.New"
	for name, c := range map[string]*Calendar{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			var errs []string
			_, err := c.AddWorkingDays(at("2009-03-04 10:00"), 1)
			errs = append(errs, err.Error())
			_, err = c.WorkingDaysBetween(at("2009-03-04 10:00"), at("2009-03-05 10:00"))
			errs = append(errs, err.Error())
			_, err = c.WorkingDaysIn(mustDate("2009-03-04"), mustDate("2009-03-05"))
			errs = append(errs, err.Error())
			_, err = c.IsWorkingDay(mustDate("2009-03-04"))
			errs = append(errs, err.Error())
			_, err = c.Steps(at("2009-03-04 10:00"), 1)
			errs = append(errs, err.Error())
			if diff := cmp.Diff([]string{want, want, want, want, want}, errs); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
			if c.Covers(2009) {
				t.Errorf("Covers(2009) = true on an unbuilt calendar")
			}
		})
	}
}
