package calendar

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDate(t *testing.T) {
	type parsed struct {
		Date   Date
		String string
		Err    string
	}
	cases := map[string]struct {
		in   string
		want parsed
	}{
		"New Year":      {in: "2009-01-01", want: parsed{Date: Date{2009, time.January, 1}, String: "2009-01-01"}},
		"leap day":      {in: "2008-02-29", want: parsed{Date: Date{2008, time.February, 29}, String: "2008-02-29"}},
		"no leap day":   {in: "2009-02-29", want: parsed{Err: `date "2009-02-29" is not a valid YYYY-MM-DD date, such as 2009-01-01`}},
		"slashes":       {in: "2009/01/01", want: parsed{Err: `date "2009/01/01" is not a valid YYYY-MM-DD date, such as 2009-01-01`}},
		"time attached": {in: "2009-01-01T00:00:00Z", want: parsed{Err: `date "2009-01-01T00:00:00Z" is not a valid YYYY-MM-DD date, such as 2009-01-01`}},
		"empty":         {in: "", want: parsed{Err: `date "" is not a valid YYYY-MM-DD date, such as 2009-01-01`}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			d, err := ParseDate(tc.in)
			var got parsed
			if err != nil {
				got.Err = err.Error()
			} else {
				got.Date, got.String = d, d.String()
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseDate(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestParseClock(t *testing.T) {
	cases := map[string]struct {
		in      string
		want    Clock
		wantErr string
	}{
		"half past five": {in: "17:30", want: Clock{17, 30}},
		"no colon":       {in: "1730", wantErr: `time of day "1730" is not a valid HH:MM time, such as 17:30`},
		"hour 24":        {in: "24:00", wantErr: `time of day "24:00" is not a valid HH:MM time, such as 17:30`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := ParseClock(tc.in)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseClock(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
			if diff := cmp.Diff(tc.wantErr, gotErr); diff != "" {
				t.Errorf("ParseClock(%q) error mismatch (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

// TestDayNumber checks the integer date arithmetic against package time over four centuries,
// which include every leap-year rule, plus far and negative years.
func TestDayNumber(t *testing.T) {
	epoch := time.Date(1970, time.January, 1, 0, 0, 0, 0, time.UTC)
	check := func(tm time.Time) {
		d := DateOf(tm)
		want := int(tm.Sub(epoch).Hours() / 24)
		if got := dayNumber(d); got != want {
			t.Fatalf("dayNumber(%s) = %d, want %d", d, got, want)
		}
		if got := civil(want); got != d {
			t.Fatalf("civil(%d) = %v, want %v", want, got, d)
		}
		if got := d.Weekday(); got != tm.Weekday() {
			t.Fatalf("%s.Weekday() = %v, want %v", d, got, tm.Weekday())
		}
	}
	for tm := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC); tm.Year() < 2200; tm = tm.AddDate(0, 0, 1) {
		check(tm)
	}
	for _, y := range []int{-400, -1, 0, 1, 9999, 100000} {
		for _, m := range []time.Month{time.January, time.February, time.March, time.December} {
			d := time.Date(y, m, 28, 0, 0, 0, 0, time.UTC)
			// Durations overflow beyond ±292 years: check the round trip and weekday only.
			if got := civil(dayNumber(DateOf(d))); got != DateOf(d) {
				t.Errorf("civil(dayNumber(%v)) = %v", DateOf(d), got)
			}
			if got, want := DateOf(d).Weekday(), d.Weekday(); got != want {
				t.Errorf("%v.Weekday() = %v, want %v", DateOf(d), got, want)
			}
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	type got struct {
		AddDays  string
		Back     string
		Compare  []int
		Weekdays []time.Weekday
	}
	d := mustDate("2008-12-31")
	g := got{
		AddDays:  d.AddDays(60).String(),
		Back:     d.AddDays(-366).String(),
		Compare:  []int{d.Compare(mustDate("2009-01-01")), d.Compare(d), mustDate("2009-01-01").Compare(d)},
		Weekdays: []time.Weekday{mustDate("2008-02-02").Weekday(), mustDate("2009-01-04").Weekday(), mustDate("2009-10-10").Weekday()},
	}
	want := got{
		AddDays:  "2009-03-01",
		Back:     "2007-12-31",
		Compare:  []int{-1, 0, 1},
		Weekdays: []time.Weekday{time.Saturday, time.Sunday, time.Saturday},
	}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("date arithmetic mismatch (-want +got):\n%s", diff)
	}
}
