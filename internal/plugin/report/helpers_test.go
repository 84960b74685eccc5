package report

import (
	"flag"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"onestop.dev/onestop/internal/plugin/county"
	"onestop.dev/onestop/internal/plugin/plugintest"
)

var update = flag.Bool("update", false, "rewrite the golden files with the output of this run")

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

// sampleCounty reads the seed county of config/samples/base.
func sampleCounty(t *testing.T) *county.Snapshot {
	t.Helper()
	s, err := plugintest.SampleCounty()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// settle writes each case's status as the case reconciler would at now.
func settle(t *testing.T, s *county.Snapshot, now time.Time) {
	t.Helper()
	if err := plugintest.Settle(s, now); err != nil {
		t.Fatal(err)
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to write it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}
