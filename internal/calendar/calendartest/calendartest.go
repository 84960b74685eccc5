// Package calendartest gives tests the project's own sample calendar, the WorkCalendar
// cn-mainland of config/samples/base/calendars.yaml, built once per test binary.
package calendartest

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"sigs.k8s.io/yaml"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
)

// SamplePath is config/samples/base/calendars.yaml, found from this file so that any
// package's tests can read it.
var SamplePath = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "config", "samples", "base", "calendars.yaml")
}()

var (
	once sync.Once
	cal  *calendar.Calendar
	err  error
)

// CNMainland returns the calendar built from the sample WorkCalendar, or fails the test.
func CNMainland(tb testing.TB) *calendar.Calendar {
	tb.Helper()
	once.Do(func() {
		data, readErr := os.ReadFile(SamplePath)
		if readErr != nil {
			err = readErr
			return
		}
		var wc v1alpha1.WorkCalendar
		if err = yaml.UnmarshalStrict(data, &wc); err != nil {
			return
		}
		cal, err = calendar.FromWorkCalendar(wc.Name, wc.Spec)
	})
	if err != nil {
		tb.Fatalf("building the calendar from %s: %v", SamplePath, err)
	}
	return cal
}

// Shanghai is the zone of the sample calendar's jurisdiction.
var Shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// At is a wall-clock instant in Asia/Shanghai.
func At(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, Shanghai)
}
