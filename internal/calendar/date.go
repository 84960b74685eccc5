package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date with no time of day and no zone, such as a holiday "2009-01-01".
// Keeping it apart from time.Time avoids midnight-UTC dates shifting a day in another zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a date written as YYYY-MM-DD, such as "2009-01-01".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not a valid YYYY-MM-DD date, such as 2009-01-01", s)
	}
	return DateOf(t), nil
}

// DateOf returns the civil date of t in t's own location. To get the date in a county's
// zone, use Calendar.Day.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return weekdayOf(dayNumber(d))
}

// AddDays returns the date n calendar days after d (before, for negative n).
func (d Date) AddDays(n int) Date {
	return civil(dayNumber(d) + n)
}

// Compare returns -1 if d is before e, 0 if they are the same date and +1 if d is after e.
func (d Date) Compare(e Date) int {
	a, b := dayNumber(d), dayNumber(e)
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// valid reports whether d names a real day of a year from 1 to 9999.
func (d Date) valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// dayNumber returns the number of days from 1970-01-01 to d in the proleptic Gregorian
// calendar (H. Hinnant's days_from_civil). Plain integer arithmetic keeps the hot loops free
// of time.Time.
func dayNumber(d Date) int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := m - 3
	if m <= 2 {
		mp = m + 9
	}
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civil is the inverse of dayNumber (H. Hinnant's civil_from_days).
func civil(z int) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return Date{Year: y, Month: time.Month(m), Day: d}
}

// weekdayOf returns the weekday of day number z; 1970-01-01 was a Thursday.
func weekdayOf(z int) time.Weekday {
	return time.Weekday(floorMod(z+int(time.Thursday), 7))
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int {
	return a - floorDiv(a, b)*b
}

// Clock is a time of day in hours and minutes, such as close of business 17:30.
type Clock struct {
	Hour   int
	Minute int
}

// ParseClock parses a time of day written as HH:MM, such as "17:30".
func ParseClock(s string) (Clock, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return Clock{}, fmt.Errorf("time of day %q is not a valid HH:MM time, such as 17:30", s)
	}
	return Clock{Hour: t.Hour(), Minute: t.Minute()}, nil
}

// String formats c as HH:MM.
func (c Clock) String() string {
	return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute)
}
