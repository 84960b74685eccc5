package lint

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"onestop.dev/onestop/internal/plugin/manifest"
	"onestop.dev/onestop/internal/plugin/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files with the output of this run")

// now is the moment every rule is judged at: the county's first weeks, inside the
// calendar's years.
var now = time.Date(2009, 1, 15, 10, 0, 0, 0, shanghai)

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

func run(t *testing.T, paths ...string) Result {
	t.Helper()
	v, err := validate.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	set, err := manifest.Load(paths, "default")
	if err != nil {
		t.Fatal(err)
	}
	return Run(context.Background(), set, v, Options{Now: now, Location: shanghai})
}

func TestGoodCountyIsClean(t *testing.T) {
	res := run(t, "testdata/good")
	if len(res.Findings) > 0 {
		t.Fatalf("the good county has findings:\n%s", text(res))
	}
	if res.Objects != 9 {
		t.Errorf("linted %d objects, want the 9 of testdata/good", res.Objects)
	}
}

// want is the finding a bad manifest must produce.
type want struct {
	line     int
	severity Severity
	rule     string
	contains string
}

// corpus lists, for every manifest of testdata/bad, the finding it exists for. Each is linted
// together with testdata/good, so that the references it does not break resolve.
var corpus = map[string]want{
	"item-empty-spec.yaml":                   {7, Error, "Schema", "spec.code is required"},
	"item-promised-above-statutory.yaml":     {14, Error, "CEL", "spec.promisedLimitDays must not exceed spec.statutoryLimitDays"},
	"item-co-approver-is-lead.yaml":          {23, Error, "CEL", "the lead department cannot co-approve its own item"},
	"item-exempt-without-reason.yaml":        {17, Error, "CEL", "needs the reason: set spec.relocation.exemptReason"},
	"item-extension-without-days.yaml":       {23, Error, "CEL", "an allowed extension needs its length"},
	"item-category-3-no-promise.yaml":        {14, Error, "CEL", "a category 3 item has a promised deadline"},
	"item-bad-code.yaml":                     {8, Error, "Schema", `spec.code: Invalid value: "js_106"`},
	"item-unknown-field.yaml":                {13, Error, "UnknownField", `unknown field "spec.statutoryLimitDay"`},
	"item-duplicate-code.yaml":               {8, Error, "DuplicateCode", "code JS-001 is also used by construction-building-permit (testdata/good/county.yaml:147)"},
	"item-unknown-department.yaml":           {10, Error, "DepartmentNotFound", `department "urban-planning" does not exist`},
	"item-unknown-center.yaml":               {19, Error, "CenterNotFound", `center "planning-hall" does not exist`},
	"item-unknown-co-approver.yaml":          {26, Error, "DepartmentNotFound", "co-approving departments do not exist: fire-brigade"},
	"item-not-relocated.yaml":                {19, Warning, "NotRelocated", "must be handled in center real-estate, but 国土局 (land) has no window there"},
	"department-unknown-center.yaml":         {11, Error, "CenterNotFound", `names ServiceCenter "forest-hall" in spec.center`},
	"department-local-declines-section.yaml": {10, Error, "CEL", "only a vertically managed unit"},
	"department-batch1-without-section.yaml": {10, Warning, "SectionMissing", "is in batch 1 but has no approval-service section"},
	"section-unknown-department.yaml":        {8, Error, "DepartmentNotFound", `names Department "water" in spec.department`},
	"section-added-sign-without-host.yaml":   {7, Error, "CEL", "name it in spec.hostSection"},
	"window-unknown-section.yaml":            {10, Error, "SectionNotFound", `names ApprovalSection "land-approval" in spec.section`},
	"window-temporary-staff.yaml":            {15, Warning, "TemporaryStaff", "Temporary staff work in window \"w-land-2\""},
	"center-unknown-calendar.yaml":           {12, Error, "CalendarNotFound", `names WorkCalendar "cn-mainland" in spec.calendar`},
	"center-unknown-parent.yaml":             {9, Error, "ParentNotFound", `names ServiceCenter "city-center" in spec.parent`},
	"center-over-capacity.yaml":              {9, Warning, "OverCapacity", "has room for 0 windows but 1 are declared; over capacity: w-land"},
	"calendar-invalid-data.yaml":             {8, Error, "InvalidCalendarData", "adjusted working day 2009-01-05 (\"调休\") is a Monday"},
	"case-calendar-year-missing.yaml":        {11, Error, "CalendarDataMissing", `does not cover year 2010`},
	"case-unknown-item.yaml":                 {8, Error, "ItemNotFound", `names ApprovalItem "construction-demolition-permit"`},
	"case-unknown-window.yaml":               {15, Error, "WindowNotFound", `names ServiceWindow "w-construction-2"`},
	"case-reject-without-reason.yaml":        {16, Error, "CEL", "a rejection gives its reason"},
	"unknown-kind.yaml":                      {3, Error, "UnknownKind", `serves no kind "ApprovalItm"`},
	"not-yaml.yaml":                          {7, Error, "InvalidYAML", "not valid YAML"},
	"duplicate-key.yaml":                     {10, Error, "InvalidYAML", `key "spec.batch" is repeated (first on line 9)`},
	"duplicate-object.yaml":                  {5, Warning, "DuplicateObject", `Department "land" is declared again (first at testdata/good/county.yaml:44)`},
	"plan-calendar-year-missing.yaml":        {20, Error, "CalendarDataMissing", `Phase acceptance (2009-12-20 .. 2010-01-15) of ReformPlan "plan" cannot be followed: WorkCalendar "test-calendar" does not cover year 2010`},
	"plan-unknown-department.yaml":           {26, Error, "DepartmentNotFound", `names Department "forestry" in spec.inspections[1].department`},
	"assessment-unknown-department.yaml":     {12, Error, "DepartmentNotFound", `names Department "forestry" in spec.departments[2]`},
	"bad-name.yaml":                          {5, Error, "Schema", "a lowercase RFC 1123 subdomain"},
}

func TestBadCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if _, ok := corpus[filepath.Base(f)]; !ok {
			t.Errorf("%s has no expected finding in the corpus table", f)
		}
	}
	for name, w := range corpus {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join("testdata/bad", name)
			res := run(t, "testdata/good", file)
			found := false
			for _, f := range res.Findings {
				if f.File == file && f.Line == w.line && f.Severity == w.severity && f.Rule == w.rule && strings.Contains(f.Message, w.contains) {
					found = true
				}
			}
			if !found {
				t.Errorf("want %s:%d %s %s %q; lint found:\n%s", file, w.line, w.severity, w.rule, w.contains, text(res))
			}
			// An error fails the pipeline (exit 1); a warning alone does not.
			if w.severity == Error && res.Errors == 0 {
				t.Errorf("no error counted")
			}
			if w.severity == Warning && res.Errors != 0 {
				t.Errorf("a warning's manifest must not fail lint; errors:\n%s", text(res))
			}
		})
	}
}

// TestBadCorpusOutput pins the exact text of every finding of each bad manifest, as
// `kubectl onestop lint testdata/good testdata/bad/NAME` prints it.
func TestBadCorpusOutput(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range files {
		res := run(t, "testdata/good", f)
		b.WriteString("== " + f + "\n" + text(res))
	}
	golden(t, "testdata/bad.golden", b.String())
}

// TestSamples: the sample county lints clean; the anomalies overlay breaks controller rules
// on purpose, which lint reports as warnings, never as errors.
func TestSamples(t *testing.T) {
	base := run(t, "../../../config/samples/base")
	for _, f := range base.Findings {
		t.Errorf("config/samples/base: %s", f)
	}
	all := run(t, "../../../config/samples")
	if all.Errors != 0 {
		t.Errorf("config/samples has errors:\n%s", text(all))
	}
	rules := map[string]bool{}
	for _, f := range all.Findings {
		rules[f.Rule] = true
		if !strings.Contains(f.File, "anomalies") && !strings.Contains(f.Message, "DSJ-004") {
			t.Errorf("finding not caused by the anomalies overlay: %s", f)
		}
	}
	for _, r := range []string{"NotRelocated", "StaffingPlanPending"} {
		if !rules[r] {
			t.Errorf("the anomalies overlay's %s is not reported", r)
		}
	}
}

func TestExternalKinds(t *testing.T) {
	res := run(t, "testdata/good", "testdata/bad/center-unknown-calendar.yaml")
	if res.Errors == 0 {
		t.Fatal("want the unknown calendar reported")
	}
	v, _ := validate.Shipped()
	set, err := manifest.Load([]string{"testdata/good", "testdata/bad/center-unknown-calendar.yaml"}, "default")
	if err != nil {
		t.Fatal(err)
	}
	res = Run(context.Background(), set, v, Options{Now: now, Location: shanghai, External: []string{"WorkCalendar"}})
	if res.Errors != 0 {
		t.Errorf("--external WorkCalendar still reports:\n%s", text(res))
	}
}

func text(res Result) string {
	var b strings.Builder
	for _, f := range res.Findings {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
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
