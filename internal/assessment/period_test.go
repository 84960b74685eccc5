package assessment

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
)

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// cob is the sample calendar's close of business.
var cob = calendar.Clock{Hour: 17, Minute: 30}

// at is a wall-clock time in Asia/Shanghai.
func at(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, shanghai)
}

func date(year int, month time.Month, day int) calendar.Date {
	return calendar.Date{Year: year, Month: month, Day: day}
}

func TestNewPeriod(t *testing.T) {
	cases := map[string]struct {
		spec v1alpha1.AssessmentPeriod
		want Period
	}{
		"a month: from close of business on the last day of the month before": {
			spec: v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodMonth, Start: "2009-03-01"},
			want: Period{Label: "2009-03", First: date(2009, 3, 1), Last: date(2009, 3, 31),
				Start: at(2009, 2, 28, 17, 30), End: at(2009, 3, 31, 17, 30)},
		},
		"February of a leap year": {
			spec: v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodMonth, Start: "2008-02-01"},
			want: Period{Label: "2008-02", First: date(2008, 2, 1), Last: date(2008, 2, 29),
				Start: at(2008, 1, 31, 17, 30), End: at(2008, 2, 29, 17, 30)},
		},
		"the fourth quarter of 2008": {
			spec: v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodQuarter, Start: "2008-10-01"},
			want: Period{Label: "2008-Q4", First: date(2008, 10, 1), Last: date(2008, 12, 31),
				Start: at(2008, 9, 30, 17, 30), End: at(2008, 12, 31, 17, 30)},
		},
		"the first quarter of 2009": {
			spec: v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodQuarter, Start: "2009-01-01"},
			want: Period{Label: "2009-Q1", First: date(2009, 1, 1), Last: date(2009, 3, 31),
				Start: at(2008, 12, 31, 17, 30), End: at(2009, 3, 31, 17, 30)},
		},
		"a year": {
			spec: v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodYear, Start: "2009-01-01"},
			want: Period{Label: "2009", First: date(2009, 1, 1), Last: date(2009, 12, 31),
				Start: at(2008, 12, 31, 17, 30), End: at(2009, 12, 31, 17, 30)},
		},
		"the rollout's days, across a year end": {
			spec: v1alpha1.AssessmentPeriod{Start: "2008-12-03", End: "2009-01-15"},
			want: Period{Label: "2008-12-03..2009-01-15", First: date(2008, 12, 3), Last: date(2009, 1, 15),
				Start: at(2008, 12, 2, 17, 30), End: at(2009, 1, 15, 17, 30)},
		},
		"one day": {
			spec: v1alpha1.AssessmentPeriod{Start: "2009-01-05", End: "2009-01-05"},
			want: Period{Label: "2009-01-05..2009-01-05", First: date(2009, 1, 5), Last: date(2009, 1, 5),
				Start: at(2009, 1, 4, 17, 30), End: at(2009, 1, 5, 17, 30)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := NewPeriod(tc.spec, shanghai, cob)
			if err != nil {
				t.Fatalf("NewPeriod() error: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("NewPeriod() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewPeriodRejects(t *testing.T) {
	cases := map[string]struct {
		spec v1alpha1.AssessmentPeriod
		want string
	}{
		"a start that is no date":  {v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodMonth, Start: "2009/03/01"}, "spec.period.start"},
		"both kind and end":        {v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodMonth, Start: "2009-03-01", End: "2009-03-31"}, "both kind and end"},
		"neither kind nor end":     {v1alpha1.AssessmentPeriod{Start: "2009-03-01"}, "neither kind nor end"},
		"a month from the 15th":    {v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodMonth, Start: "2009-03-15"}, "a Month starts on the first of a month"},
		"a quarter from February":  {v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodQuarter, Start: "2009-02-01"}, "does not start a Quarter"},
		"a year from July":         {v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodYear, Start: "2009-07-01"}, "does not start a Year"},
		"an end that is no date":   {v1alpha1.AssessmentPeriod{Start: "2009-03-01", End: "2009-02-30"}, "spec.period.end"},
		"an end before the start":  {v1alpha1.AssessmentPeriod{Start: "2009-03-01", End: "2009-02-28"}, "is before spec.period.start"},
		"a kind onestop never saw": {v1alpha1.AssessmentPeriod{Kind: "Week", Start: "2009-03-01"}, "does not start a Week"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := NewPeriod(tc.spec, shanghai, cob)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("NewPeriod() error = %v, want one saying %q", err, tc.want)
			}
		})
	}
}

func TestPeriodBounds(t *testing.T) {
	p, err := NewPeriod(v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodMonth, Start: "2009-03-01"}, shanghai, cob)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		t              time.Time
		contains, ends bool
	}{
		"close of business the day before: the month before's":  {t: at(2009, 2, 28, 17, 30)},
		"a minute later, after hours: this month's":             {t: at(2009, 2, 28, 17, 31), contains: true},
		"the last day in the morning":                           {t: at(2009, 3, 31, 9, 0), contains: true},
		"close of business on the last day: in it, and the end": {t: at(2009, 3, 31, 17, 30), contains: true, ends: true},
		"after hours on the last day: next month's":             {t: at(2009, 3, 31, 18, 0), ends: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := p.Contains(tc.t); got != tc.contains {
				t.Errorf("Contains(%s) = %v, want %v", tc.t, got, tc.contains)
			}
			if got := p.Ended(tc.t); got != tc.ends {
				t.Errorf("Ended(%s) = %v, want %v", tc.t, got, tc.ends)
			}
		})
	}
	for d, want := range map[calendar.Date]bool{
		date(2009, 2, 28): false, date(2009, 3, 1): true, date(2009, 3, 31): true, date(2009, 4, 1): false,
	} {
		if got := p.ContainsDate(d); got != want {
			t.Errorf("ContainsDate(%s) = %v, want %v", d, got, want)
		}
	}
}
