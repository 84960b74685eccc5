package county_test

import (
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"onestop.dev/onestop/internal/plugin/plugintest"
	"onestop.dev/onestop/internal/policy"
)

// The snapshot gathers the same facts the reconcilers gather with indexed reads; these are
// the seed county's, as config/samples/README.md describes it.
func TestSampleFacts(t *testing.T) {
	s, err := plugintest.SampleCounty()
	if err != nil {
		t.Fatal(err)
	}

	// Placement: a department's windows and the sub-centers it hosts.
	p := s.Placement("agricultural-economy")
	want := policy.Placement{
		Windows: map[string]string{"w-agricultural-economy": "county-center", "w-agricultural-economy-agri-machinery": "agri-machinery"},
		Hosted:  []string{"agri-machinery"},
	}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("Placement (-want +got):\n%s", diff)
	}

	// Deciders: without a section, the chief representative and the window staff.
	var users []string
	for u := range s.Deciders("agricultural-economy") {
		users = append(users, u)
	}
	sort.Strings(users)
	if diff := cmp.Diff([]string{"gao.yulan", "lin.yonggang", "zhao.zhiqiang"}, users); diff != "" {
		t.Errorf("Deciders of a department without a section (-want +got):\n%s", diff)
	}
	// With a section, its head and roster only.
	if d := s.Deciders("construction"); len(d) == 0 {
		t.Error("construction has no deciders")
	} else {
		for u := range d {
			found := false
			for _, sec := range s.SectionsOf("construction") {
				for _, person := range (policy.SectionFacts{Spec: sec.Spec}).People() {
					found = found || person.UserName == u
				}
			}
			if !found {
				t.Errorf("decider %s is not on construction's section", u)
			}
		}
	}

	// The case's calendar: the intake center's.
	c := s.Cases["case-07-timeout-consent"]
	if s.CaseCenter(c) != "county-center" || s.CaseCalendar(c) != "cn-mainland" {
		t.Errorf("case-07 counts on %s / %s", s.CaseCenter(c), s.CaseCalendar(c))
	}
	f, ok := s.CaseFacts(c)
	if !ok || !f.IntakeInCenter || f.Item.Code != "SL-003" || f.LeaderInCharge == nil || f.Department != "水务局 (Water Affairs Bureau) (water)" {
		t.Errorf("case facts: %+v", f)
	}

	// The department facts give the controllers' verdict: the seed county is in order.
	for name := range s.Departments {
		if findings := policy.DepartmentFindings(s.DepartmentFacts(name), plugintestNow, time.UTC); len(findings) > 0 {
			t.Errorf("%s: %v", name, findings)
		}
	}
	if r := s.DepartmentFacts("construction").Relocation; r.Required != 5 || r.Relocated != 5 {
		t.Errorf("construction relocation %d/%d, want 5/5", r.Relocated, r.Required)
	}
}

var plugintestNow = func() (t time.Time) { return time.Date(2009, 1, 15, 10, 0, 0, 0, time.UTC) }()
