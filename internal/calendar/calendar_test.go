package calendar

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNew(t *testing.T) {
	nd := func(date, name string) NamedDate { return NamedDate{Date: mustDate(date), Name: name} }
	valid := func(edit func(*Spec)) Spec {
		s := Spec{
			Name:            "county",
			TimeZone:        "Asia/Shanghai",
			CloseOfBusiness: Clock{17, 30},
			Years:           []int{2009},
			Holidays:        []NamedDate{nd("2009-01-01", "元旦")},
			AdjustedWorkingDays: []NamedDate{
				nd("2009-01-04", "元旦调休"),
			},
		}
		edit(&s)
		return s
	}
	cases := map[string]struct {
		spec    Spec
		wantErr string
	}{
		"valid":                   {spec: valid(func(*Spec) {})},
		"real 2008-2009 calendar": {spec: china0809()},
		"custom weekend": {spec: valid(func(s *Spec) {
			// A Friday off makes 2009-01-02 a weekend day, fit for adjusting.
			s.Weekend = []time.Weekday{time.Friday}
			s.AdjustedWorkingDays = []NamedDate{nd("2009-01-02", "调休")}
		})},
		"unknown zone": {
			spec:    valid(func(s *Spec) { s.TimeZone = "Asia/Beijing" }),
			wantErr: `invalid WorkCalendar "county": unknown time zone "Asia/Beijing": set an IANA name such as "Asia/Shanghai"`,
		},
		"empty zone": {
			spec:    valid(func(s *Spec) { s.TimeZone = "" }),
			wantErr: `invalid WorkCalendar "county": time zone is empty: set an IANA name such as "Asia/Shanghai"`,
		},
		"machine-local zone": {
			spec:    valid(func(s *Spec) { s.TimeZone = "Local" }),
			wantErr: `invalid WorkCalendar "county": time zone "Local" depends on the machine onestop runs on: set an IANA name such as "Asia/Shanghai"`,
		},
		"close of business out of range": {
			spec:    valid(func(s *Spec) { s.CloseOfBusiness = Clock{24, 0} }),
			wantErr: `invalid WorkCalendar "county": close of business 24:00 is out of range: set a time from 00:01 to 23:59, such as 17:30`,
		},
		"close of business unset": {
			spec:    valid(func(s *Spec) { s.CloseOfBusiness = Clock{} }),
			wantErr: `invalid WorkCalendar "county": close of business 00:00 is out of range: set a time from 00:01 to 23:59, such as 17:30`,
		},
		"bad weekday": {
			spec:    valid(func(s *Spec) { s.Weekend = []time.Weekday{time.Sunday, 7} }),
			wantErr: `invalid WorkCalendar "county": weekend day 7 is not a weekday: use 0 (Sunday) to 6 (Saturday)`,
		},
		"no working weekday": {
			spec: valid(func(s *Spec) {
				s.Weekend = []time.Weekday{0, 1, 2, 3, 4, 5, 6}
			}),
			wantErr: `invalid WorkCalendar "county": every day of the week is a weekend day: list at most six weekend days`,
		},
		"no years": {
			spec: valid(func(s *Spec) {
				s.Years = nil
				s.Holidays, s.AdjustedWorkingDays = nil, nil
			}),
			wantErr: `invalid WorkCalendar "county": no years are covered: list the years whose holidays and adjusted working days are given, such as 2025 and 2026`,
		},
		"year out of range": {
			spec:    valid(func(s *Spec) { s.Years = []int{2009, 20009} }),
			wantErr: `invalid WorkCalendar "county": year 20009 is out of range: use a four-digit year such as 2026`,
		},
		"date outside the covered years": {
			spec: valid(func(s *Spec) {
				s.Holidays = append(s.Holidays, nd("2010-01-01", "元旦"))
			}),
			wantErr: `invalid WorkCalendar "county": holiday 2010-01-01 ("元旦") is in 2010, which is not a covered year [2009]: add 2010 to the years or remove the date`,
		},
		"invalid date": {
			spec: valid(func(s *Spec) {
				s.Holidays = append(s.Holidays, NamedDate{Date: Date{2009, time.February, 29}, Name: "闰日"})
			}),
			wantErr: `invalid WorkCalendar "county": holiday 2009-02-29 ("闰日") is not a valid date: correct it`,
		},
		"both holiday and adjusted working day": {
			spec: valid(func(s *Spec) {
				s.Holidays = append(s.Holidays, nd("2009-01-04", "元旦"))
			}),
			wantErr: `invalid WorkCalendar "county": 2009-01-04 is both holiday "元旦" and adjusted working day "元旦调休": keep only one`,
		},
		"adjusted working day on a weekday": {
			spec: valid(func(s *Spec) {
				s.AdjustedWorkingDays = []NamedDate{nd("2009-01-05", "元旦调休")}
			}),
			wantErr: `invalid WorkCalendar "county": adjusted working day 2009-01-05 ("元旦调休") is a Monday, already a working day: remove it or correct the date`,
		},
		"listed twice": {
			spec: valid(func(s *Spec) {
				s.Holidays = append(s.Holidays, nd("2009-01-01", "新年"))
				s.AdjustedWorkingDays = append(s.AdjustedWorkingDays, nd("2009-01-04", "元旦调休"))
			}),
			wantErr: `invalid WorkCalendar "county": holiday 2009-01-01 is listed twice ("元旦" and "新年"): remove one; adjusted working day 2009-01-04 is listed twice ("元旦调休" and "元旦调休"): remove one`,
		},
		"unnamed holiday": {
			spec:    valid(func(s *Spec) { s.Holidays[0].Name = " " }),
			wantErr: `invalid WorkCalendar "county": holiday 2009-01-01 has no name: name it, such as "春节"`,
		},
		"several problems, unnamed calendar": {
			spec: valid(func(s *Spec) {
				s.Name = ""
				s.TimeZone = "Mars/Olympus"
				s.CloseOfBusiness = Clock{17, 60}
			}),
			wantErr: `invalid work calendar: unknown time zone "Mars/Olympus": set an IANA name such as "Asia/Shanghai"; close of business 17:60 is out of range: set a time from 00:01 to 23:59, such as 17:30`,
		},
		"too many problems are cut short": {
			spec: valid(func(s *Spec) {
				for i := 1; i <= 12; i++ {
					s.Holidays = append(s.Holidays, NamedDate{Date: Date{2010, time.May, i}, Name: "x"})
				}
			}),
			wantErr: `invalid WorkCalendar "county": ` +
				`holiday 2010-05-01 ("x") is in 2010, which is not a covered year [2009]: add 2010 to the years or remove the date; ` +
				`holiday 2010-05-02 ("x") is in 2010, which is not a covered year [2009]: add 2010 to the years or remove the date; ` +
				`holiday 2010-05-03 ("x") is in 2010, which is not a covered year [2009]: add 2010 to the years or remove the date; ` +
				`holiday 2010-05-04 ("x") is in 2010, which is not a covered year [2009]: add 2010 to the years or remove the date; ` +
				`holiday 2010-05-05 ("x") is in 2010, which is not a covered year [2009]: add 2010 to the years or remove the date; ` +
				`holiday 2010-05-06 ("x") is in 2010, which is not a covered year [2009]: add 2010 to the years or remove the date; ` +
				`holiday 2010-05-07 ("x") is in 2010, which is not a covered year [2009]: add 2010 to the years or remove the date; ` +
				`holiday 2010-05-08 ("x") is in 2010, which is not a covered year [2009]: add 2010 to the years or remove the date; ` +
				`holiday 2010-05-09 ("x") is in 2010, which is not a covered year [2009]: add 2010 to the years or remove the date; ` +
				`holiday 2010-05-10 ("x") is in 2010, which is not a covered year [2009]: add 2010 to the years or remove the date; ` +
				`and 2 more problems`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c, err := New(tc.spec)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff(tc.wantErr, gotErr); diff != "" {
				t.Errorf("New() error mismatch (-want +got):\n%s", diff)
			}
			if (c == nil) != (err != nil) {
				t.Errorf("New() = %v, %v: want exactly one of calendar and error", c, err)
			}
		})
	}
}

func TestIsWorkingDay(t *testing.T) {
	c := china(t)
	type day struct {
		Working     bool
		Kind        DayKind
		Name        string
		MissingYear int
		Err         string
	}
	cases := map[string]struct {
		date Date
		want day
	}{
		"ordinary Monday":                  {date: mustDate("2009-03-09"), want: day{Working: true, Kind: Workday}},
		"ordinary Saturday":                {date: mustDate("2009-03-07"), want: day{Kind: Weekend}},
		"holiday on a weekday":             {date: mustDate("2008-02-06"), want: day{Kind: Holiday, Name: "春节"}},
		"holiday on a Saturday":            {date: mustDate("2009-01-03"), want: day{Kind: Holiday, Name: "元旦"}},
		"adjusted Saturday":                {date: mustDate("2008-02-02"), want: day{Working: true, Kind: AdjustedWorkday, Name: "春节调休"}},
		"adjusted Sunday":                  {date: mustDate("2009-01-04"), want: day{Working: true, Kind: AdjustedWorkday, Name: "元旦调休"}},
		"National Day 2009 last day":       {date: mustDate("2009-10-08"), want: day{Kind: Holiday, Name: "国庆节、中秋节"}},
		"adjusted Saturday after National": {date: mustDate("2009-10-10"), want: day{Working: true, Kind: AdjustedWorkday, Name: "国庆节调休"}},
		"uncovered year": {date: mustDate("2010-01-04"), want: day{MissingYear: 2010,
			Err: `WorkCalendar "china" does not cover year 2010: add year 2010 to WorkCalendar "china", with its statutory holidays and adjusted working days, when the State Council publishes them`}},
		"uncovered year before": {date: mustDate("2007-12-31"), want: day{MissingYear: 2007,
			Err: `WorkCalendar "china" does not cover year 2007: add year 2007 to WorkCalendar "china", with its statutory holidays and adjusted working days, when the State Council publishes them`}},
		"invalid date": {date: Date{2009, time.February, 30}, want: day{
			Err: "date 2009-02-30 is not a valid date: use a real day of a year from 0001 to 9999"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			working, err := c.IsWorkingDay(tc.date)
			kind, dayName, kindErr := c.Kind(tc.date)
			if (err == nil) != (kindErr == nil) {
				t.Fatalf("IsWorkingDay and Kind disagree: %v, %v", err, kindErr)
			}
			got := day{Working: working, Name: dayName}
			if err == nil {
				got.Kind = kind
			} else {
				got.Err = err.Error()
			}
			var missing *MissingYearError
			if errors.As(err, &missing) {
				got.MissingYear = missing.Year
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("IsWorkingDay(%s) mismatch (-want +got):\n%s", tc.date, diff)
			}
		})
	}
}

// TestChina0809 checks the fixture against the 2008 rule of 11 statutory holiday days a year:
// with 调休 balancing every moved day, working days = days − weekend days − 11.
func TestChina0809(t *testing.T) {
	c := china(t)
	got := map[int]int{}
	for _, y := range []int{2008, 2009} {
		n, err := c.WorkingDaysIn(Date{y, time.January, 1}, Date{y, time.December, 31})
		if err != nil {
			t.Fatal(err)
		}
		got[y] = n
	}
	// 2008: 366 − 104 − 11 = 251 (262 weekdays − 16 holiday weekdays + 5 adjusted days).
	// 2009: 365 − 104 − 11 = 250 (261 weekdays − 17 holiday weekdays + 6 adjusted days).
	if diff := cmp.Diff(map[int]int{2008: 251, 2009: 250}, got); diff != "" {
		t.Errorf("working days per year mismatch (-want +got):\n%s", diff)
	}
}

func TestMissingYearErrorUnnamed(t *testing.T) {
	err := error(&MissingYearError{Year: 2028})
	want := "the WorkCalendar does not cover year 2028: add year 2028 to the WorkCalendar, with its statutory holidays and adjusted working days, when the State Council publishes them"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("Error() mismatch (-want +got):\n%s", diff)
	}
}

func TestAccessors(t *testing.T) {
	c := china(t)
	type info struct {
		Zone     string
		Close    string
		Covers   map[int]bool
		DayOfUTC string
	}
	got := info{
		Zone:     c.Location().String(),
		Close:    c.CloseOfBusiness().String(),
		Covers:   map[int]bool{2007: c.Covers(2007), 2008: c.Covers(2008), 2009: c.Covers(2009), 2010: c.Covers(2010)},
		DayOfUTC: c.Day(time.Date(2009, time.January, 20, 16, 30, 0, 0, time.UTC)).String(),
	}
	want := info{
		Zone:     "Asia/Shanghai",
		Close:    "17:30",
		Covers:   map[int]bool{2007: false, 2008: true, 2009: true, 2010: false},
		DayOfUTC: "2009-01-21",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("accessors mismatch (-want +got):\n%s", diff)
	}
}
