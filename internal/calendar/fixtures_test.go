package calendar

import (
	"testing"
	"time"

	// Tests must not depend on the machine's zoneinfo files.
	_ "time/tzdata"
)

// china0809 is mainland China's working calendar for 2008 and 2009, from the State Council
// General Office notices 国办发明电〔2007〕40号 and 国办发明电〔2008〕62号.
func china0809() Spec {
	var s Spec
	holiday := func(name, first, last string) {
		s.Holidays = append(s.Holidays, dateRange(name, first, last)...)
	}
	adjusted := func(name string, dates ...string) {
		for _, d := range dates {
			s.AdjustedWorkingDays = append(s.AdjustedWorkingDays, dateRange(name, d, d)...)
		}
	}

	// 2008.
	holiday("元旦", "2008-01-01", "2008-01-01")
	holiday("春节", "2008-02-06", "2008-02-12")
	adjusted("春节调休", "2008-02-02", "2008-02-03")
	holiday("清明节", "2008-04-04", "2008-04-06")
	holiday("劳动节", "2008-05-01", "2008-05-03")
	adjusted("劳动节调休", "2008-05-04")
	holiday("端午节", "2008-06-07", "2008-06-09")
	holiday("中秋节", "2008-09-13", "2008-09-15")
	holiday("国庆节", "2008-09-29", "2008-10-05")
	adjusted("国庆节调休", "2008-09-27", "2008-09-28")

	// 2009.
	holiday("元旦", "2009-01-01", "2009-01-03")
	adjusted("元旦调休", "2009-01-04")
	holiday("春节", "2009-01-25", "2009-01-31")
	adjusted("春节调休", "2009-01-24", "2009-02-01")
	holiday("清明节", "2009-04-04", "2009-04-06")
	holiday("劳动节", "2009-05-01", "2009-05-03")
	holiday("端午节", "2009-05-28", "2009-05-30")
	adjusted("端午节调休", "2009-05-31")
	holiday("国庆节、中秋节", "2009-10-01", "2009-10-08")
	adjusted("国庆节调休", "2009-09-27", "2009-10-10")

	s.Name = "china"
	s.TimeZone = "Asia/Shanghai"
	s.CloseOfBusiness = Clock{Hour: 17, Minute: 30}
	s.Years = []int{2008, 2009}
	return s
}

// china builds the 2008–2009 calendar or stops the test.
func china(t testing.TB) *Calendar {
	t.Helper()
	c, err := New(china0809())
	if err != nil {
		t.Fatalf("New(china0809()): %v", err)
	}
	return c
}

// dateRange names every date from first to last.
func dateRange(name, first, last string) []NamedDate {
	f, l := mustDate(first), mustDate(last)
	var out []NamedDate
	for d := f; d.Compare(l) <= 0; d = d.AddDays(1) {
		out = append(out, NamedDate{Date: d, Name: name})
	}
	return out
}

func mustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// at parses a wall-clock time "2006-01-02 15:04" in Asia/Shanghai.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}
