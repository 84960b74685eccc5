package calendar

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// NamedDate is a date with the name an administrator gave it, such as 2009-01-26 "春节".
type NamedDate struct {
	Date Date
	Name string
}

// Spec is the plain data a Calendar is built from, typically copied from a WorkCalendar
// object.
type Spec struct {
	// Name names the WorkCalendar, so that error messages say which object to fix.
	Name string
	// TimeZone is the IANA name of the county's time zone, such as "Asia/Shanghai".
	TimeZone string
	// CloseOfBusiness is the time of day at which a working day, and so a deadline, ends.
	CloseOfBusiness Clock
	// Weekend lists the weekdays that are not working days unless adjusted. Empty means
	// Saturday and Sunday.
	Weekend []time.Weekday
	// Holidays are the statutory holiday dates. A holiday period may include weekend dates.
	Holidays []NamedDate
	// AdjustedWorkingDays are weekend dates that are working days (调休).
	AdjustedWorkingDays []NamedDate
	// Years lists the years whose holidays and adjusted working days are complete. Any
	// computation that touches another year fails with *MissingYearError.
	Years []int
}

// DayKind tells why a date is or is not a working day.
type DayKind uint8

// Kinds of day. The zero value marks a day whose year is not covered and is never returned.
const (
	uncovered DayKind = iota
	// Workday is an ordinary working day.
	Workday
	// Weekend is a weekend day that has not been adjusted.
	Weekend
	// Holiday is a statutory holiday, even when it falls on a weekend.
	Holiday
	// AdjustedWorkday is a weekend day made a working day (调休).
	AdjustedWorkday
)

// String names the kind in words, such as "adjusted working day".
func (k DayKind) String() string {
	switch k {
	case Workday:
		return "working day"
	case Weekend:
		return "weekend"
	case Holiday:
		return "holiday"
	case AdjustedWorkday:
		return "adjusted working day"
	}
	return "uncovered day"
}

// Working reports whether a day of kind k counts as a working day.
func (k DayKind) Working() bool {
	return k == Workday || k == AdjustedWorkday
}

// Calendar answers working-day questions for one county. Build it with New. It is
// immutable, so one value may serve many goroutines.
type Calendar struct {
	name     string
	loc      *time.Location
	close    Clock
	first    int            // day number of kinds[0], 1 January of the first covered year
	kinds    []DayKind      // one entry per day from first to 31 December of the last covered year
	names    map[int]string // day number to holiday or adjusted-working-day name
	coverage map[int]bool
}

// maxProblems bounds New's error message; a pasted list of bad dates should not flood it.
const maxProblems = 10

// New validates s and builds its Calendar. The error lists every problem found and what to
// change.
func New(s Spec) (*Calendar, error) {
	var bad []string
	c := &Calendar{name: s.Name, close: s.CloseOfBusiness, names: map[int]string{}, coverage: map[int]bool{}}

	switch s.TimeZone {
	case "":
		bad = append(bad, `time zone is empty: set an IANA name such as "Asia/Shanghai"`)
	case "Local":
		bad = append(bad, `time zone "Local" depends on the machine onestop runs on: set an IANA name such as "Asia/Shanghai"`)
	default:
		loc, err := time.LoadLocation(s.TimeZone)
		if err != nil {
			bad = append(bad, fmt.Sprintf(`unknown time zone %q: set an IANA name such as "Asia/Shanghai"`, s.TimeZone))
		}
		c.loc = loc
	}

	cob := s.CloseOfBusiness
	if cob.Hour < 0 || cob.Hour > 23 || cob.Minute < 0 || cob.Minute > 59 || cob == (Clock{}) {
		// 00:00 would end each working day before it starts, and is what an unset field holds.
		bad = append(bad, fmt.Sprintf("close of business %s is out of range: set a time from 00:01 to 23:59, such as 17:30", cob))
	}

	var weekend [7]bool
	ws := s.Weekend
	if len(ws) == 0 {
		ws = []time.Weekday{time.Saturday, time.Sunday}
	}
	for _, w := range ws {
		if w < time.Sunday || w > time.Saturday {
			bad = append(bad, fmt.Sprintf("weekend day %d is not a weekday: use 0 (Sunday) to 6 (Saturday)", int(w)))
			continue
		}
		weekend[w] = true
	}
	if !slices.Contains(weekend[:], false) {
		bad = append(bad, "every day of the week is a weekend day: list at most six weekend days")
	}

	if len(s.Years) == 0 {
		bad = append(bad, "no years are covered: list the years whose holidays and adjusted working days are given, such as 2025 and 2026")
	}
	for _, y := range s.Years {
		if y < 1 || y > 9999 {
			bad = append(bad, fmt.Sprintf("year %d is out of range: use a four-digit year such as 2026", y))
			continue
		}
		c.coverage[y] = true
	}
	years := make([]int, 0, len(c.coverage))
	for y := range c.coverage {
		years = append(years, y)
	}
	slices.Sort(years)

	checkDates := func(what string, list []NamedDate, kinds map[Date]NamedDate) {
		for _, nd := range list {
			d := nd.Date
			switch {
			case !d.valid():
				bad = append(bad, fmt.Sprintf("%s %s (%q) is not a valid date: correct it", what, d, nd.Name))
			case !c.coverage[d.Year]:
				bad = append(bad, fmt.Sprintf("%s %s (%q) is in %d, which is not a covered year %v: add %d to the years or remove the date", what, d, nd.Name, d.Year, years, d.Year))
			case strings.TrimSpace(nd.Name) == "":
				bad = append(bad, fmt.Sprintf("%s %s has no name: name it, such as %q", what, d, "春节"))
			default:
				if prev, ok := kinds[d]; ok {
					bad = append(bad, fmt.Sprintf("%s %s is listed twice (%q and %q): remove one", what, d, prev.Name, nd.Name))
					continue
				}
				kinds[d] = nd
			}
		}
	}
	holidays, adjusted := map[Date]NamedDate{}, map[Date]NamedDate{}
	checkDates("holiday", s.Holidays, holidays)
	checkDates("adjusted working day", s.AdjustedWorkingDays, adjusted)
	seen := map[Date]bool{}
	for _, a := range s.AdjustedWorkingDays {
		d := a.Date
		if adjusted[d] != a || seen[d] {
			continue // invalid or listed twice: already reported
		}
		seen[d] = true
		if h, ok := holidays[d]; ok {
			bad = append(bad, fmt.Sprintf("%s is both holiday %q and adjusted working day %q: keep only one", d, h.Name, a.Name))
		} else if !weekend[d.Weekday()] {
			bad = append(bad, fmt.Sprintf("adjusted working day %s (%q) is a %s, already a working day: remove it or correct the date", d, a.Name, d.Weekday()))
		}
	}

	if len(bad) > 0 {
		if len(bad) > maxProblems {
			bad = append(bad[:maxProblems], fmt.Sprintf("and %d more problems", len(bad)-maxProblems))
		}
		what := "invalid work calendar"
		if s.Name != "" {
			what = fmt.Sprintf("invalid WorkCalendar %q", s.Name)
		}
		return nil, errors.New(what + ": " + strings.Join(bad, "; "))
	}

	c.first = dayNumber(Date{years[0], time.January, 1})
	c.kinds = make([]DayKind, dayNumber(Date{years[len(years)-1], time.December, 31})-c.first+1)
	for _, y := range years {
		for z := dayNumber(Date{y, time.January, 1}); z <= dayNumber(Date{y, time.December, 31}); z++ {
			if weekend[weekdayOf(z)] {
				c.kinds[z-c.first] = Weekend
			} else {
				c.kinds[z-c.first] = Workday
			}
		}
	}
	for d, h := range holidays {
		z := dayNumber(d)
		c.kinds[z-c.first] = Holiday
		c.names[z] = h.Name
	}
	for d, a := range adjusted {
		z := dayNumber(d)
		c.kinds[z-c.first] = AdjustedWorkday
		c.names[z] = a.Name
	}
	return c, nil
}

// MissingYearError reports a computation that needs a year the calendar does not cover.
// Callers detect it with errors.As, for instance to wait for the next year's data rather
// than report a broken calendar.
type MissingYearError struct {
	// Calendar is the WorkCalendar's name; it may be empty.
	Calendar string
	// Year is the first uncovered year the computation reached.
	Year int
}

// Error says which year is missing and what to add.
func (e *MissingYearError) Error() string {
	name := "the WorkCalendar"
	if e.Calendar != "" {
		name = fmt.Sprintf("WorkCalendar %q", e.Calendar)
	}
	return fmt.Sprintf("%s does not cover year %d: add year %d to %s, with its statutory holidays and adjusted working days, when the State Council publishes them",
		name, e.Year, e.Year, name)
}

var errNotBuilt = errors.New("calendar.Calendar is not built: create it with calendar.New")

func (c *Calendar) ready() error {
	if c == nil || c.loc == nil {
		return errNotBuilt
	}
	return nil
}

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location {
	if c == nil || c.loc == nil {
		return time.UTC
	}
	return c.loc
}

// CloseOfBusiness returns the time of day at which working days end.
func (c *Calendar) CloseOfBusiness() Clock {
	if c == nil {
		return Clock{}
	}
	return c.close
}

// Covers reports whether the calendar has data for year, for instance to warn in December
// that next year's holidays are still missing.
func (c *Calendar) Covers(year int) bool {
	return c != nil && c.coverage[year]
}

// Day returns the civil date of t in the calendar's time zone.
func (c *Calendar) Day(t time.Time) Date {
	return DateOf(t.In(c.Location()))
}

// IsWorkingDay reports whether d is a working day: a day outside the weekend that is not a
// holiday, or an adjusted working day.
func (c *Calendar) IsWorkingDay(d Date) (bool, error) {
	k, _, err := c.Kind(d)
	return k.Working(), err
}

// Kind tells what kind of day d is and, for holidays and adjusted working days, its name.
func (c *Calendar) Kind(d Date) (DayKind, string, error) {
	if err := c.ready(); err != nil {
		return uncovered, "", err
	}
	if !d.valid() {
		return uncovered, "", fmt.Errorf("date %s is not a valid date: use a real day of a year from 0001 to 9999", d)
	}
	z := dayNumber(d)
	k := c.kindAt(z)
	if k == uncovered {
		return uncovered, "", c.missing(z)
	}
	return k, c.names[z], nil
}

// kindAt returns the kind of day number z, or uncovered outside the table.
func (c *Calendar) kindAt(z int) DayKind {
	i := z - c.first
	if i < 0 || i >= len(c.kinds) {
		return uncovered
	}
	return c.kinds[i]
}

func (c *Calendar) missing(z int) error {
	return &MissingYearError{Calendar: c.name, Year: civil(z).Year}
}
