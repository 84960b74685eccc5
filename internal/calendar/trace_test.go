package calendar

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStepsIn(t *testing.T) {
	c := china(t)
	cases := map[string]struct {
		first, last string
		want        []string
	}{
		"a hearing over New Year: the holiday and the weekend do not count, the adjusted Sunday does": {
			first: "2008-12-31", last: "2009-01-05",
			want: []string{
				"2008-12-31 Wednesday: working day 1",
				"2009-01-01 Thursday: holiday 元旦, not counted",
				"2009-01-02 Friday: holiday 元旦, not counted",
				"2009-01-03 Saturday: holiday 元旦, not counted",
				"2009-01-04 Sunday: adjusted working day 元旦调休, working day 2",
				"2009-01-05 Monday: working day 3",
			},
		},
		"one day":                    {first: "2008-12-13", last: "2008-12-13", want: []string{"2008-12-13 Saturday: weekend, not counted"}},
		"last before first is empty": {first: "2008-12-13", last: "2008-12-12", want: nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			steps, err := c.StepsIn(mustDate(tc.first), mustDate(tc.last))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range steps {
				got = append(got, s.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("StepsIn (-want +got):\n%s", diff)
			}
			// The working days listed are the ones WorkingDaysIn counts.
			n, err := c.WorkingDaysIn(mustDate(tc.first), mustDate(tc.last))
			if err != nil {
				t.Fatal(err)
			}
			counted := 0
			for _, s := range steps {
				if s.Kind.Working() {
					counted++
				}
			}
			if counted != n {
				t.Errorf("StepsIn lists %d working days, WorkingDaysIn counts %d", counted, n)
			}
		})
	}
}

func TestStepsInMissingYear(t *testing.T) {
	_, err := china(t).StepsIn(mustDate("2009-12-30"), mustDate("2010-01-02"))
	var missing *MissingYearError
	if !errors.As(err, &missing) || missing.Year != 2010 {
		t.Fatalf("StepsIn into 2010 = %v, want a MissingYearError for 2010", err)
	}
}

func TestRuns(t *testing.T) {
	c := china(t)
	// 20 working days from a receipt on 2009-01-16 cross the Spring Festival and its two
	// adjusted working days (2009-01-24 Saturday and 2009-02-01 Sunday).
	steps, err := c.Steps(at("2009-01-16 10:00"), 20)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range Runs(steps) {
		got = append(got, r.String())
	}
	want := []string{
		"2009-01-17 Sat .. 2009-01-18 Sun: weekend, not counted",
		"2009-01-19 Mon .. 2009-01-23 Fri: working days 1-5",
		"2009-01-24 Sat: adjusted working day 春节调休, working day 6",
		"2009-01-25 Sun .. 2009-01-31 Sat: holiday 春节, not counted",
		"2009-02-01 Sun: adjusted working day 春节调休, working day 7",
		"2009-02-02 Mon .. 2009-02-06 Fri: working days 8-12",
		"2009-02-07 Sat .. 2009-02-08 Sun: weekend, not counted",
		"2009-02-09 Mon .. 2009-02-13 Fri: working days 13-17",
		"2009-02-14 Sat .. 2009-02-15 Sun: weekend, not counted",
		"2009-02-16 Mon .. 2009-02-18 Wed: working days 18-20",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Runs (-want +got):\n%s", diff)
	}
	// The runs cover every step once, in order, and end on the deadline's day.
	runs := Runs(steps)
	days := 0
	for _, r := range runs {
		days += r.Days()
	}
	if days != len(steps) {
		t.Errorf("runs cover %d days, the steps %d", days, len(steps))
	}
	due, err := c.AddWorkingDays(at("2009-01-16 10:00"), 20)
	if err != nil {
		t.Fatal(err)
	}
	if last := runs[len(runs)-1].To; last != DateOf(due) {
		t.Errorf("last run ends %s, the deadline is on %s", last, DateOf(due))
	}
}

func TestRunsSameDay(t *testing.T) {
	// n = 0 on a Saturday: the day itself is walked, not counted, then Monday is the day.
	steps, err := china(t).Steps(at("2008-12-13 10:00"), 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range Runs(steps) {
		got = append(got, r.String())
	}
	want := []string{"2008-12-13 Sat .. 2008-12-14 Sun: weekend, not counted", "2008-12-15 Mon: working day"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Runs (-want +got):\n%s", diff)
	}
}
