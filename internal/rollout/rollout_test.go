package rollout_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/calendar/calendartest"
	"onestop.dev/onestop/internal/rollout"
)

// cnMainland is the project's own sample calendar, built once.
func cnMainland(tb testing.TB) *calendar.Calendar { return calendartest.CNMainland(tb) }

var (
	shanghai = calendartest.Shanghai
	at       = calendartest.At // a wall-clock instant in Asia/Shanghai
)

func day(s string) *calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return &d
}

type req = v1alpha1.RolloutRequirement

const (
	plan      = v1alpha1.RequirementImplementationPlanSubmitted
	staff     = v1alpha1.RequirementStaffRegistrationSubmitted
	section   = v1alpha1.RequirementSectionOrRepresentative
	relocated = v1alpha1.RequirementItemsRelocated
	windows   = v1alpha1.RequirementWindowsStaffed
	inspected = v1alpha1.RequirementInspectionRecorded
	passed    = v1alpha1.RequirementInspectionPassed
)

// seedPhases are the seed plan's three phases, with the requirements of the sample.
func seedPhases() []rollout.Phase {
	return []rollout.Phase{
		{Name: "mobilisation", Start: *day("2008-12-03"), End: *day("2008-12-10"), Requirements: []req{plan, staff}},
		{Name: "implementation", Start: *day("2008-12-11"), End: *day("2008-12-31"), Requirements: []req{section, relocated, windows}},
		{Name: "acceptance", Start: *day("2009-01-01"), End: *day("2009-01-15"), Requirements: []req{inspected}},
	}
}

// onTime did everything on time: the seed's development-reform bureau.
func onTime(name string) rollout.Department {
	return rollout.Department{
		Name: name, Counted: true,
		ImplementationPlanSubmitted: day("2008-12-04"), StaffRegistrationSubmitted: day("2008-12-05"),
		HasSection: true, ItemsRequired: 3, ItemsRelocated: 3, Windows: 1, WindowsStaffed: 1,
		Inspections: []rollout.Inspection{{Date: *day("2009-01-08"), Result: v1alpha1.InspectionPassedResult}},
	}
}

// with returns d changed by f.
func with(d rollout.Department, f func(*rollout.Department)) rollout.Department {
	f(&d)
	return d
}

// lateCulture submitted both forms on 2008-12-12, two days late (the seed's culture-sports).
var lateCulture = with(onTime("culture-sports"), func(d *rollout.Department) {
	d.HasSection, d.HasRepresentative = false, true
	d.ImplementationPlanSubmitted, d.StaffRegistrationSubmitted = day("2008-12-12"), day("2008-12-12")
})

// neverRural never registered its staff (the seed's rural-credit).
var neverRural = with(onTime("rural-credit"), func(d *rollout.Department) {
	d.HasSection, d.HasRepresentative = false, true
	d.ImplementationPlanSubmitted, d.StaffRegistrationSubmitted = day("2008-12-08"), nil
})

// phaseView is what a test checks of one phase.
type phaseView struct {
	State                        v1alpha1.PhaseState
	DueDate                      string
	Watched                      bool
	Done, Pending, Overdue, Late int32
	Departments                  []v1alpha1.DepartmentProgress
}

func view(r rollout.Result) map[string]phaseView {
	out := map[string]phaseView{}
	for _, p := range r.Phases {
		out[p.Name] = phaseView{p.State, p.DueDate, p.DeadlineWatched, p.Done, p.Pending, p.Overdue, p.Late, p.Departments}
	}
	return out
}

func findingTypes(r rollout.Result) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Type)
	}
	return out
}

func TestEvaluate(t *testing.T) {
	cal := cnMainland(t)
	seed := []rollout.Department{lateCulture, onTime("development-reform"), neverRural}
	progress := func(name string, pending, overdue, late []req) v1alpha1.DepartmentProgress {
		return v1alpha1.DepartmentProgress{Department: name, Pending: pending, Overdue: overdue, Late: late}
	}
	pendingAll := map[string]phaseView{
		"mobilisation":   {State: v1alpha1.PhasePending, DueDate: "2008-12-10", Done: 2, Pending: 1, Departments: []v1alpha1.DepartmentProgress{progress("rural-credit", []req{staff}, nil, nil)}},
		"implementation": {State: v1alpha1.PhasePending, DueDate: "2008-12-31", Done: 3},
		"acceptance":     {State: v1alpha1.PhasePending, DueDate: "2009-01-15", Done: 3},
	}
	type want struct {
		current  string
		due      string
		phases   map[string]phaseView
		overdue  int32
		late     int32
		complete bool
		final    bool
		// findings are the condition types found; messages must contain each of contains.
		findings []string
		contains []string
		reason   string
		next     time.Time // zero: no next instant
	}
	cases := map[string]struct {
		depts []rollout.Department
		prior []v1alpha1.PhaseStatus
		now   time.Time
		want  want
	}{
		// Before the first phase, records dated later are not met yet: the plan looks again
		// when the first phase starts.
		"the day before mobilisation starts": {
			depts: seed, now: at(2008, 12, 2, 12, 0),
			want: want{
				current: v1alpha1.CurrentPhaseNotStarted, due: "2008-12-10 17:30 CST", final: true,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhasePending, DueDate: "2008-12-10", Pending: 3, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", []req{plan, staff}, nil, nil), progress("development-reform", []req{plan, staff}, nil, nil), progress("rural-credit", []req{plan, staff}, nil, nil)}},
					"implementation": {State: v1alpha1.PhasePending, DueDate: "2008-12-31", Done: 3},
					"acceptance":     {State: v1alpha1.PhasePending, DueDate: "2009-01-15", Pending: 3, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", []req{inspected}, nil, nil), progress("development-reform", []req{inspected}, nil, nil), progress("rural-credit", []req{inspected}, nil, nil)}},
				},
				reason: v1alpha1.ReasonOnSchedule, contains: []string{"Phase mobilisation starts on 2008-12-03 and is due 2008-12-10 17:30 CST; 0 of 3 departments"},
				next: at(2008, 12, 3, 0, 0),
			},
		},
		// During mobilisation: a submission counts from its day on; the next instant is the
		// next record coming into effect.
		"mobilisation under way": {
			depts: seed, now: at(2008, 12, 4, 10, 0),
			want: want{
				current: "mobilisation", due: "2008-12-10 17:30 CST", final: true,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseActive, DueDate: "2008-12-10", Pending: 3, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", []req{plan, staff}, nil, nil), progress("development-reform", []req{staff}, nil, nil), progress("rural-credit", []req{plan, staff}, nil, nil)}},
					"implementation": pendingAll["implementation"],
					"acceptance":     {State: v1alpha1.PhasePending, DueDate: "2009-01-15", Pending: 3, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", []req{inspected}, nil, nil), progress("development-reform", []req{inspected}, nil, nil), progress("rural-credit", []req{inspected}, nil, nil)}},
				},
				reason: v1alpha1.ReasonOnSchedule, contains: []string{"Phase mobilisation is under way until 2008-12-10 17:30 CST: 0 of 3 departments in scope have met its requirements."},
				next: at(2008, 12, 5, 0, 0),
			},
		},
		"a minute before mobilisation is due": {
			depts: seed, now: at(2008, 12, 10, 17, 29),
			want: want{
				current: "mobilisation", due: "2008-12-10 17:30 CST", final: true,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseActive, DueDate: "2008-12-10", Done: 1, Pending: 2, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", []req{plan, staff}, nil, nil), progress("rural-credit", []req{staff}, nil, nil)}},
					"implementation": pendingAll["implementation"],
					"acceptance":     {State: v1alpha1.PhasePending, DueDate: "2009-01-15", Pending: 3, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", []req{inspected}, nil, nil), progress("development-reform", []req{inspected}, nil, nil), progress("rural-credit", []req{inspected}, nil, nil)}},
				},
				reason: v1alpha1.ReasonOnSchedule, contains: []string{"1 of 3 departments"},
				next: at(2008, 12, 10, 17, 30),
			},
		},
		// At close of business the phase has ended: what is missing is overdue, and the plan
		// is between phases until implementation starts at midnight.
		"mobilisation due at close of business": {
			depts: seed, now: at(2008, 12, 10, 17, 30),
			want: want{
				current: "mobilisation", due: "2008-12-31 17:30 CST", overdue: 2,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Done: 1, Overdue: 2, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", nil, []req{plan, staff}, nil), progress("rural-credit", nil, []req{staff}, nil)}},
					"implementation": pendingAll["implementation"],
					"acceptance":     {State: v1alpha1.PhasePending, DueDate: "2009-01-15", Pending: 3, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", []req{inspected}, nil, nil), progress("development-reform", []req{inspected}, nil, nil), progress("rural-credit", []req{inspected}, nil, nil)}},
				},
				findings: []string{v1alpha1.ConditionPhaseDeadlineMissed},
				contains: []string{
					"Phase mobilisation was due 2008-12-10; overdue: culture-sports (ImplementationPlanSubmitted, StaffRegistrationSubmitted), rural-credit (StaffRegistrationSubmitted).",
					"spec.staffRegistrationSubmitted",
				},
				reason: v1alpha1.ReasonOnSchedule,
				next:   at(2008, 12, 11, 0, 0),
			},
		},
		// Submitted two days late: met, but late, and the deadline stays missed.
		"a late submission is met late": {
			depts: seed, now: at(2008, 12, 12, 9, 0),
			want: want{
				current: "implementation", due: "2008-12-31 17:30 CST", overdue: 1, late: 1,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Done: 1, Overdue: 1, Late: 1, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", nil, nil, []req{plan, staff}), progress("rural-credit", nil, []req{staff}, nil)}},
					"implementation": {State: v1alpha1.PhaseActive, DueDate: "2008-12-31", Done: 3},
					"acceptance":     {State: v1alpha1.PhasePending, DueDate: "2009-01-15", Pending: 3, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", []req{inspected}, nil, nil), progress("development-reform", []req{inspected}, nil, nil), progress("rural-credit", []req{inspected}, nil, nil)}},
				},
				findings: []string{v1alpha1.ConditionPhaseDeadlineMissed},
				contains: []string{"overdue: rural-credit (StaffRegistrationSubmitted); met late: culture-sports (ImplementationPlanSubmitted 2008-12-12, StaffRegistrationSubmitted 2008-12-12)."},
				reason:   v1alpha1.ReasonOnSchedule,
				next:     at(2008, 12, 31, 17, 30),
			},
		},
		// Only late work left on the record: Ready may stay True (Final).
		"late work alone is the record": {
			depts: []rollout.Department{lateCulture, onTime("development-reform")}, now: at(2008, 12, 12, 9, 0),
			want: want{
				current: "implementation", due: "2008-12-31 17:30 CST", late: 1, final: true,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Done: 1, Late: 1, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", nil, nil, []req{plan, staff})}},
					"implementation": {State: v1alpha1.PhaseActive, DueDate: "2008-12-31", Done: 2},
					"acceptance":     {State: v1alpha1.PhasePending, DueDate: "2009-01-15", Pending: 2, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", []req{inspected}, nil, nil), progress("development-reform", []req{inspected}, nil, nil)}},
				},
				findings: []string{v1alpha1.ConditionPhaseDeadlineMissed},
				reason:   v1alpha1.ReasonOnSchedule, contains: []string{"met late: culture-sports", "1 department met a requirement late: see PhaseDeadlineMissed."},
				next: at(2008, 12, 31, 17, 30),
			},
		},
		// The acceptance phase starts on a holiday (元旦); it starts all the same.
		"acceptance under way on New Year's Day": {
			depts: []rollout.Department{onTime("development-reform")}, now: at(2009, 1, 1, 10, 0),
			want: want{
				current: "acceptance", due: "2009-01-15 17:30 CST", final: true,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Done: 1},
					"implementation": {State: v1alpha1.PhaseEnded, DueDate: "2008-12-31", Done: 1},
					"acceptance":     {State: v1alpha1.PhaseActive, DueDate: "2009-01-15", Pending: 1, Departments: []v1alpha1.DepartmentProgress{progress("development-reform", []req{inspected}, nil, nil)}},
				},
				reason: v1alpha1.ReasonOnSchedule, contains: []string{"Phase acceptance is under way until 2009-01-15 17:30 CST: 0 of 1 department in scope"},
				next: at(2009, 1, 8, 0, 0),
			},
		},
		"after the last phase, everything done on time": {
			depts: []rollout.Department{onTime("development-reform"), onTime("health")}, now: at(2009, 3, 2, 9, 0),
			want: want{
				current: v1alpha1.CurrentPhaseFinished, complete: true, final: true,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Done: 2},
					"implementation": {State: v1alpha1.PhaseEnded, DueDate: "2008-12-31", Done: 2},
					"acceptance":     {State: v1alpha1.PhaseEnded, DueDate: "2009-01-15", Done: 2},
				},
				reason: v1alpha1.ReasonCompleted, contains: []string{"Every phase has ended and each of the 2 departments in scope met every requirement."},
			},
		},
		"after the last phase, late work completes the plan": {
			depts: []rollout.Department{lateCulture, with(onTime("water"), func(d *rollout.Department) {
				d.Inspections = []rollout.Inspection{{Date: *day("2009-01-20"), Result: v1alpha1.InspectionFailed}}
			})}, now: at(2009, 3, 2, 9, 0),
			want: want{
				current: v1alpha1.CurrentPhaseFinished, complete: true, final: true, late: 2,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Done: 1, Late: 1, Departments: []v1alpha1.DepartmentProgress{progress("culture-sports", nil, nil, []req{plan, staff})}},
					"implementation": {State: v1alpha1.PhaseEnded, DueDate: "2008-12-31", Done: 2},
					"acceptance":     {State: v1alpha1.PhaseEnded, DueDate: "2009-01-15", Done: 1, Late: 1, Departments: []v1alpha1.DepartmentProgress{progress("water", nil, nil, []req{inspected})}},
				},
				findings: []string{v1alpha1.ConditionPhaseDeadlineMissed},
				contains: []string{"Phase acceptance was due 2009-01-15; met late: water (InspectionRecorded 2009-01-20).", "2 departments met a requirement late"},
				reason:   v1alpha1.ReasonCompleted,
			},
		},
		// Implementation ends with a window unstaffed, and onestop saw it end (the prior
		// status had the phase under way): overdue, remembered.
		"state requirement unmet when onestop sees the deadline pass": {
			depts: []rollout.Department{with(onTime("health"), func(d *rollout.Department) { d.WindowsStaffed = 0 })},
			prior: []v1alpha1.PhaseStatus{{Name: "implementation", State: v1alpha1.PhaseActive, Due: &metav1.Time{Time: at(2008, 12, 31, 17, 30)}}},
			now:   at(2008, 12, 31, 17, 30),
			want: want{
				current: "implementation", due: "2009-01-15 17:30 CST", overdue: 1,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Done: 1},
					"implementation": {State: v1alpha1.PhaseEnded, DueDate: "2008-12-31", Watched: true, Overdue: 1, Departments: []v1alpha1.DepartmentProgress{progress("health", nil, []req{windows}, nil)}},
					"acceptance":     {State: v1alpha1.PhasePending, DueDate: "2009-01-15", Pending: 1, Departments: []v1alpha1.DepartmentProgress{progress("health", []req{inspected}, nil, nil)}},
				},
				findings: []string{v1alpha1.ConditionPhaseDeadlineMissed},
				contains: []string{"Phase implementation was due 2008-12-31; overdue: health (WindowsStaffed).", "staff each of its windows"},
				reason:   v1alpha1.ReasonOnSchedule,
				next:     at(2009, 1, 1, 0, 0),
			},
		},
		// The window is staffed afterwards: met late, since onestop remembers.
		"state requirement met after a watched deadline is late": {
			depts: []rollout.Department{onTime("health")},
			prior: []v1alpha1.PhaseStatus{{
				Name: "implementation", State: v1alpha1.PhaseEnded, DeadlineWatched: true, Due: &metav1.Time{Time: at(2008, 12, 31, 17, 30)},
				Departments: []v1alpha1.DepartmentProgress{progress("health", nil, []req{windows}, nil)},
			}},
			now: at(2009, 1, 5, 9, 0),
			want: want{
				current: "acceptance", due: "2009-01-15 17:30 CST", late: 1, final: true,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Done: 1},
					"implementation": {State: v1alpha1.PhaseEnded, DueDate: "2008-12-31", Watched: true, Late: 1, Departments: []v1alpha1.DepartmentProgress{progress("health", nil, nil, []req{windows})}},
					"acceptance":     {State: v1alpha1.PhaseActive, DueDate: "2009-01-15", Pending: 1, Departments: []v1alpha1.DepartmentProgress{progress("health", []req{inspected}, nil, nil)}},
				},
				findings: []string{v1alpha1.ConditionPhaseDeadlineMissed},
				contains: []string{"met late: health (WindowsStaffed)."},
				reason:   v1alpha1.ReasonOnSchedule,
				next:     at(2009, 1, 8, 0, 0),
			},
		},
		// A plan declared after the phase ended cannot know when a state requirement was met:
		// met is done, and the phase is not watched.
		"plan declared after the deadline judges state requirements as found": {
			depts: []rollout.Department{onTime("health"), with(onTime("water"), func(d *rollout.Department) { d.ItemsRelocated = 2 })},
			now:   at(2009, 3, 2, 9, 0),
			want: want{
				current: v1alpha1.CurrentPhaseFinished, overdue: 1,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Done: 2},
					"implementation": {State: v1alpha1.PhaseEnded, DueDate: "2008-12-31", Done: 1, Overdue: 1, Departments: []v1alpha1.DepartmentProgress{progress("water", nil, []req{relocated}, nil)}},
					"acceptance":     {State: v1alpha1.PhaseEnded, DueDate: "2009-01-15", Done: 2},
				},
				findings: []string{v1alpha1.ConditionPhaseDeadlineMissed},
				contains: []string{"overdue: water (ItemsRelocated)", "relocate its remaining items"},
				reason:   v1alpha1.ReasonOnSchedule,
			},
		},
		// A prior status for other dates (the plan's end date moved) is not a memory.
		"a prior status of other dates is forgotten": {
			depts: []rollout.Department{onTime("health")},
			prior: []v1alpha1.PhaseStatus{{
				Name: "implementation", State: v1alpha1.PhaseEnded, DeadlineWatched: true, Due: &metav1.Time{Time: at(2008, 12, 20, 17, 30)},
				Departments: []v1alpha1.DepartmentProgress{progress("health", nil, []req{windows}, nil)},
			}},
			now: at(2009, 3, 2, 9, 0),
			want: want{
				current: v1alpha1.CurrentPhaseFinished, complete: true, final: true,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Done: 1},
					"implementation": {State: v1alpha1.PhaseEnded, DueDate: "2008-12-31", Done: 1},
					"acceptance":     {State: v1alpha1.PhaseEnded, DueDate: "2009-01-15", Done: 1},
				},
				reason: v1alpha1.ReasonCompleted,
			},
		},
		// A department onestop has not counted yet is never overdue on its figures.
		"an uncounted department's state requirements stay pending": {
			depts: []rollout.Department{{Name: "tobacco", ImplementationPlanSubmitted: day("2008-12-08"), StaffRegistrationSubmitted: day("2008-12-09"), Inspections: []rollout.Inspection{{Date: *day("2009-01-09"), Result: v1alpha1.InspectionPassedResult}}}},
			now:   at(2009, 3, 2, 9, 0),
			want: want{
				current: v1alpha1.CurrentPhaseFinished, final: true,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Done: 1},
					"implementation": {State: v1alpha1.PhaseEnded, DueDate: "2008-12-31", Pending: 1, Departments: []v1alpha1.DepartmentProgress{progress("tobacco", []req{section, relocated, windows}, nil, nil)}},
					"acceptance":     {State: v1alpha1.PhaseEnded, DueDate: "2009-01-15", Done: 1},
				},
				reason: v1alpha1.ReasonOnSchedule, contains: []string{"Every phase has ended; onestop is still counting"},
			},
		},
		"a chief representative needs no counting": {
			depts: []rollout.Department{{Name: "tobacco", HasRepresentative: true}},
			now:   at(2008, 12, 20, 9, 0),
			want: want{
				current: "implementation", due: "2008-12-31 17:30 CST", overdue: 1,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10", Overdue: 1, Departments: []v1alpha1.DepartmentProgress{progress("tobacco", nil, []req{plan, staff}, nil)}},
					"implementation": {State: v1alpha1.PhaseActive, DueDate: "2008-12-31", Pending: 1, Departments: []v1alpha1.DepartmentProgress{progress("tobacco", []req{relocated, windows}, nil, nil)}},
					"acceptance":     {State: v1alpha1.PhasePending, DueDate: "2009-01-15", Pending: 1, Departments: []v1alpha1.DepartmentProgress{progress("tobacco", []req{inspected}, nil, nil)}},
				},
				findings: []string{v1alpha1.ConditionPhaseDeadlineMissed},
				contains: []string{"overdue: tobacco (ImplementationPlanSubmitted, StaffRegistrationSubmitted)", "spec.implementationPlanSubmitted"},
				reason:   v1alpha1.ReasonOnSchedule,
				next:     at(2008, 12, 31, 17, 30),
			},
		},
		"no department in scope": {
			now: at(2008, 12, 20, 9, 0),
			want: want{
				current: "implementation", due: "2008-12-31 17:30 CST", final: true,
				phases: map[string]phaseView{
					"mobilisation":   {State: v1alpha1.PhaseEnded, DueDate: "2008-12-10"},
					"implementation": {State: v1alpha1.PhaseActive, DueDate: "2008-12-31"},
					"acceptance":     {State: v1alpha1.PhasePending, DueDate: "2009-01-15"},
				},
				reason: v1alpha1.ReasonOnSchedule, contains: []string{"0 of 0 departments"},
				next: at(2008, 12, 31, 17, 30),
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := rollout.Evaluate(rollout.Input{Calendar: "cn-mainland", Phases: seedPhases(), Departments: tc.depts, Prior: tc.prior}, cal, tc.now)
			w := tc.want
			if diff := cmp.Diff(w.phases, view(got)); diff != "" {
				t.Errorf("phases (-want +got):\n%s", diff)
			}
			if got.CurrentPhase != w.current || got.Due != w.due {
				t.Errorf("current phase %q due %q, want %q due %q", got.CurrentPhase, got.Due, w.current, w.due)
			}
			if got.DepartmentsInScope != int32(len(tc.depts)) || got.Overdue != w.overdue || got.Late != w.late {
				t.Errorf("in scope %d, overdue %d, late %d; want %d, %d, %d", got.DepartmentsInScope, got.Overdue, got.Late, len(tc.depts), w.overdue, w.late)
			}
			if got.Completed != w.complete || got.Final != w.final {
				t.Errorf("completed %v final %v, want %v %v", got.Completed, got.Final, w.complete, w.final)
			}
			if diff := cmp.Diff(w.findings, findingTypes(got)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			if got.ReadyReason != w.reason {
				t.Errorf("ready reason %q, want %q", got.ReadyReason, w.reason)
			}
			text := got.ReadyMessage
			for _, f := range got.Findings {
				text += "\n" + f.Message
			}
			for _, s := range w.contains {
				if !strings.Contains(text, s) {
					t.Errorf("messages do not say %q:\n%s", s, text)
				}
			}
			if w.next.IsZero() {
				if got.HasNext {
					t.Errorf("next %v, want none", got.Next)
				}
			} else if !got.HasNext || !got.Next.Equal(w.next) {
				t.Errorf("next %v (%v), want %v", got.Next, got.HasNext, w.next)
			}
		})
	}
}

// The watched flag carries from one evaluation to the next: implementation ends with the
// window unstaffed, the next pass remembers it, and the staffing comes late.
func TestEvaluateRemembersAcrossPasses(t *testing.T) {
	cal := cnMainland(t)
	unstaffed := with(onTime("health"), func(d *rollout.Department) { d.WindowsStaffed = 0 })
	in := rollout.Input{Phases: seedPhases(), Departments: []rollout.Department{unstaffed}}
	steps := []struct {
		now  time.Time
		dept rollout.Department
		want v1alpha1.DepartmentProgress
	}{
		{at(2008, 12, 31, 17, 0), unstaffed, v1alpha1.DepartmentProgress{Department: "health", Pending: []req{windows}}},
		{at(2008, 12, 31, 17, 30), unstaffed, v1alpha1.DepartmentProgress{Department: "health", Overdue: []req{windows}}},
		{at(2009, 1, 2, 9, 0), unstaffed, v1alpha1.DepartmentProgress{Department: "health", Overdue: []req{windows}}},
		{at(2009, 1, 5, 9, 0), onTime("health"), v1alpha1.DepartmentProgress{Department: "health", Late: []req{windows}}},
		{at(2009, 3, 2, 9, 0), onTime("health"), v1alpha1.DepartmentProgress{Department: "health", Late: []req{windows}}},
	}
	for _, s := range steps {
		in.Departments = []rollout.Department{s.dept}
		got := rollout.Evaluate(in, cal, s.now)
		impl := got.Phases[1]
		if len(impl.Departments) != 1 {
			t.Fatalf("%v: implementation lists %v, want health", s.now, impl.Departments)
		}
		if diff := cmp.Diff(s.want, impl.Departments[0]); diff != "" {
			t.Errorf("%v: (-want +got):\n%s", s.now, diff)
		}
		in.Prior = got.Phases
	}
}

func TestEvaluateInspections(t *testing.T) {
	cal := cnMainland(t)
	acceptance := []rollout.Phase{{Name: "acceptance", Start: *day("2009-01-01"), End: *day("2009-01-15"), Requirements: []req{inspected, passed}}}
	insp := func(date string, r v1alpha1.InspectionResult) rollout.Inspection {
		return rollout.Inspection{Date: *day(date), Result: r}
	}
	cases := map[string]struct {
		inspections []rollout.Inspection
		now         time.Time
		want        v1alpha1.DepartmentProgress
		next        time.Time
	}{
		"none recorded, under way": {
			now: at(2009, 1, 6, 9, 0), want: v1alpha1.DepartmentProgress{Department: "land", Pending: []req{inspected, passed}},
			next: at(2009, 1, 15, 17, 30),
		},
		"failed, then passed on re-inspection in time": {
			inspections: []rollout.Inspection{insp("2009-01-07", v1alpha1.InspectionFailed), insp("2009-01-14", v1alpha1.InspectionConditionallyPassed)},
			now:         at(2009, 1, 16, 9, 0), want: v1alpha1.DepartmentProgress{Department: "land"},
		},
		"failed, passed only after the end": {
			inspections: []rollout.Inspection{insp("2009-01-20", v1alpha1.InspectionPassedResult), insp("2009-01-07", v1alpha1.InspectionFailed)},
			now:         at(2009, 1, 21, 9, 0), want: v1alpha1.DepartmentProgress{Department: "land", Late: []req{passed}},
		},
		"failed and not re-inspected": {
			inspections: []rollout.Inspection{insp("2009-01-07", v1alpha1.InspectionFailed)},
			now:         at(2009, 1, 16, 9, 0), want: v1alpha1.DepartmentProgress{Department: "land", Overdue: []req{passed}},
		},
		// An inspection recorded ahead of its day counts from that day; the plan looks again then.
		"recorded for a day to come": {
			inspections: []rollout.Inspection{insp("2009-01-09", v1alpha1.InspectionPassedResult)},
			now:         at(2009, 1, 6, 9, 0), want: v1alpha1.DepartmentProgress{Department: "land", Pending: []req{inspected, passed}},
			next: at(2009, 1, 9, 0, 0),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			d := rollout.Department{Name: "land", Counted: true, Inspections: tc.inspections}
			got := rollout.Evaluate(rollout.Input{Phases: acceptance, Departments: []rollout.Department{d}}, cal, tc.now)
			var prog v1alpha1.DepartmentProgress
			if len(got.Phases[0].Departments) > 0 {
				prog = got.Phases[0].Departments[0]
			} else {
				prog.Department = "land"
			}
			if diff := cmp.Diff(tc.want, prog); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if tc.next.IsZero() != !got.HasNext || (got.HasNext && !got.Next.Equal(tc.next)) {
				t.Errorf("next %v (%v), want %v", got.Next, got.HasNext, tc.next)
			}
		})
	}
}

// Phase ends follow the calendar: close of business of the end date, or of the next working
// day (Civil Code Art. 203); a year the calendar lacks is not guessed.
func TestDue(t *testing.T) {
	cal := cnMainland(t)
	cases := map[string]struct {
		end     string
		want    time.Time
		missing bool
	}{
		"a working day": {end: "2008-12-10", want: at(2008, 12, 10, 17, 30)},
		"New Year's Day: the adjusted Sunday after": {end: "2009-01-01", want: at(2009, 1, 4, 17, 30)},
		"a Saturday: the Monday after":              {end: "2008-12-13", want: at(2008, 12, 15, 17, 30)},
		"an adjusted working Sunday":                {end: "2009-01-04", want: at(2009, 1, 4, 17, 30)},
		"a year not covered":                        {end: "2030-01-10", want: at(2030, 1, 10, 17, 30), missing: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := rollout.Due(cal, *day(tc.end))
			if (err != nil) != tc.missing {
				t.Fatalf("error %v, want missing year %v", err, tc.missing)
			}
			if !got.Equal(tc.want) {
				t.Errorf("due %v, want %v", got, tc.want)
			}
		})
	}
}

func TestEvaluateYearNotCovered(t *testing.T) {
	cal := cnMainland(t)
	phases := []rollout.Phase{{Name: "review", Start: *day("2029-12-20"), End: *day("2030-01-10"), Requirements: []req{plan}}}
	got := rollout.Evaluate(rollout.Input{Calendar: "cn-mainland", Phases: phases, Departments: []rollout.Department{onTime("health")}}, cal, at(2029, 12, 21, 9, 0))
	if diff := cmp.Diff([]string{v1alpha1.ConditionCalendarDataMissing}, findingTypes(got)); diff != "" {
		t.Fatalf("findings (-want +got):\n%s", diff)
	}
	for _, s := range []string{`Phase "review" ends on 2030-01-10, in a year WorkCalendar "cn-mainland" does not cover`, "add year 2030"} {
		if !strings.Contains(got.Findings[0].Message, s) {
			t.Errorf("message does not say %q: %s", s, got.Findings[0].Message)
		}
	}
	if got.Final {
		t.Error("a plan with missing calendar data is not Final")
	}
	if got.Due != "2030-01-10 17:30 CST" {
		t.Errorf("due %q", got.Due)
	}
}

// Every requirement overdue at once: the message says how each is met.
func TestEvaluateHints(t *testing.T) {
	all := []req{plan, staff, section, relocated, windows, inspected, passed, "Unknown"}
	phases := []rollout.Phase{{Name: "everything", Start: *day("2008-12-03"), End: *day("2008-12-10"), Requirements: all}}
	d := rollout.Department{Name: "prices", Counted: true, ItemsRequired: 1}
	got := rollout.Evaluate(rollout.Input{Phases: phases, Departments: []rollout.Department{d}}, cnMainland(t), at(2008, 12, 11, 9, 0))
	if diff := cmp.Diff([]v1alpha1.DepartmentProgress{{Department: "prices", Overdue: all}}, got.Phases[0].Departments); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	for _, s := range []string{
		"spec.implementationPlanSubmitted", "spec.staffRegistrationSubmitted", "establish its approval-service section or name its chief representative",
		"relocate its remaining items", "staff each of its windows", "record the inspection in the plan's spec.inspections",
		"pass an inspection (re-inspected after a failure)", "Work done now is recorded as late.",
	} {
		if !strings.Contains(got.Findings[0].Message, s) {
			t.Errorf("message does not say %q: %s", s, got.Findings[0].Message)
		}
	}
}

func TestEvaluateNoPhases(t *testing.T) {
	got := rollout.Evaluate(rollout.Input{}, cnMainland(t), at(2009, 1, 1, 0, 0))
	if got.CurrentPhase != v1alpha1.CurrentPhaseNotStarted || got.Completed || got.HasNext || got.ReadyMessage != "The plan has no phases." {
		t.Errorf("got %+v", got)
	}
}

func TestInScope(t *testing.T) {
	batch2 := map[string]string{"reform.onestop.dev/batch": "2"}
	cases := map[string]struct {
		scope   v1alpha1.PlanScope
		batch   int32
		labels  map[string]string
		want    bool
		wantErr string
	}{
		"empty scope: every department": {batch: 1, want: true},
		"listed batch":                  {scope: v1alpha1.PlanScope{Batches: []int32{1, 2}}, batch: 2, want: true},
		"batch not listed":              {scope: v1alpha1.PlanScope{Batches: []int32{1}}, batch: 2},
		"selector matches":              {scope: v1alpha1.PlanScope{Selector: &metav1.LabelSelector{MatchLabels: batch2}}, batch: 2, labels: batch2, want: true},
		"selector does not match":       {scope: v1alpha1.PlanScope{Selector: &metav1.LabelSelector{MatchLabels: batch2}}, batch: 1, labels: map[string]string{"reform.onestop.dev/batch": "1"}},
		"batch and selector: both must match": {
			scope: v1alpha1.PlanScope{Batches: []int32{1}, Selector: &metav1.LabelSelector{MatchLabels: batch2}}, batch: 2, labels: batch2,
		},
		"invalid selector": {
			scope: v1alpha1.PlanScope{Selector: &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "x", Operator: "Near"}}}},
			batch: 1, wantErr: "spec.scope.selector is not a valid label selector",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := rollout.InScope(tc.scope, tc.batch, tc.labels)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("in scope %v (%v), want %v", got, err, tc.want)
			}
		})
	}
}

func TestVerdict(t *testing.T) {
	st := v1alpha1.ReformPlanStatus{
		CurrentPhase: "implementation",
		Phases: []v1alpha1.PhaseStatus{
			{Name: "mobilisation", DueDate: "2008-12-10", Departments: []v1alpha1.DepartmentProgress{
				{Department: "culture-sports", Late: []req{plan}},
				{Department: "rural-credit", Overdue: []req{staff}},
			}},
			{Name: "implementation", DueDate: "2008-12-31", Departments: []v1alpha1.DepartmentProgress{
				{Department: "culture-sports", Pending: []req{windows}},
				{Department: "rural-credit", Pending: []req{windows}},
				{Department: "tobacco", Pending: []req{relocated}},
			}},
		},
	}
	progress := func(phase string, r req, state, due string) v1alpha1.RequirementProgress {
		return v1alpha1.RequirementProgress{Phase: phase, Requirement: r, State: state, Due: due}
	}
	cases := map[string]struct {
		status v1alpha1.ReformPlanStatus
		dept   string
		want   v1alpha1.DepartmentRollout
		ok     bool
	}{
		"overdue wins": {status: st, dept: "rural-credit", ok: true, want: v1alpha1.DepartmentRollout{
			Plan: "seed", Phase: "implementation", Verdict: v1alpha1.VerdictOverdue,
			Requirements: []v1alpha1.RequirementProgress{progress("mobilisation", staff, "Overdue", "2008-12-10"), progress("implementation", windows, "Pending", "2008-12-31")},
		}},
		"late over pending": {status: st, dept: "culture-sports", ok: true, want: v1alpha1.DepartmentRollout{
			Plan: "seed", Phase: "implementation", Verdict: v1alpha1.VerdictLate,
			Requirements: []v1alpha1.RequirementProgress{progress("mobilisation", plan, "Late", "2008-12-10"), progress("implementation", windows, "Pending", "2008-12-31")},
		}},
		"pending": {status: st, dept: "tobacco", ok: true, want: v1alpha1.DepartmentRollout{
			Plan: "seed", Phase: "implementation", Verdict: v1alpha1.VerdictPending,
			Requirements: []v1alpha1.RequirementProgress{progress("implementation", relocated, "Pending", "2008-12-31")},
		}},
		"not listed: done":       {status: st, dept: "health", ok: true, want: v1alpha1.DepartmentRollout{Plan: "seed", Phase: "implementation", Verdict: v1alpha1.VerdictDone}},
		"plan not evaluated yet": {status: v1alpha1.ReformPlanStatus{}, dept: "health"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, ok := rollout.Verdict("seed", tc.status, tc.dept)
			if ok != tc.ok {
				t.Fatalf("ok %v, want %v", ok, tc.ok)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestPhasesOf(t *testing.T) {
	got, err := rollout.PhasesOf([]v1alpha1.PlanPhase{{Name: "mobilisation", Start: "2008-12-03", End: "2008-12-10", Requirements: []req{plan}}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]rollout.Phase{{Name: "mobilisation", Start: *day("2008-12-03"), End: *day("2008-12-10"), Requirements: []req{plan}}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for name, p := range map[string]v1alpha1.PlanPhase{
		`phase "x": start`: {Name: "x", Start: "2008-13-03", End: "2008-12-10"},
		`phase "x": end`:   {Name: "x", Start: "2008-12-03", End: "12/10/2008"},
	} {
		if _, err := rollout.PhasesOf([]v1alpha1.PlanPhase{p}); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("error %v, want %q", err, name)
		}
	}
}

func TestDepartmentOf(t *testing.T) {
	d := v1alpha1.Department{
		ObjectMeta: metav1.ObjectMeta{Name: "culture-sports"},
		Spec: v1alpha1.DepartmentSpec{
			ChiefRepresentative:         &v1alpha1.Person{Name: "周丽"},
			ImplementationPlanSubmitted: "2008-12-12",
			StaffRegistrationSubmitted:  "not a date",
		},
		Status: v1alpha1.DepartmentStatus{ObservedGeneration: 2, Sections: 0, ItemsRequired: 3, ItemsRelocated: 2, Windows: 2, WindowsStaffed: 1},
	}
	inspections := []v1alpha1.Inspection{
		{Department: "culture-sports", Date: "2009-01-09", Result: v1alpha1.InspectionConditionallyPassed},
		{Department: "health", Date: "2009-01-08", Result: v1alpha1.InspectionPassedResult},
		{Department: "culture-sports", Date: "bad", Result: v1alpha1.InspectionPassedResult},
	}
	want := rollout.Department{
		Name: "culture-sports", Counted: true, ImplementationPlanSubmitted: day("2008-12-12"),
		HasRepresentative: true, ItemsRequired: 3, ItemsRelocated: 2, Windows: 2, WindowsStaffed: 1,
		Inspections: []rollout.Inspection{{Date: *day("2009-01-09"), Result: v1alpha1.InspectionConditionallyPassed}},
	}
	if diff := cmp.Diff(want, rollout.DepartmentOf(d, inspections)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	d.Status.ObservedGeneration = -1
	d.Spec.ImplementationPlanSubmitted = ""
	if got := rollout.DepartmentOf(d, nil); got.Counted || got.ImplementationPlanSubmitted != nil {
		t.Errorf("a department whose status was never written is not counted, and no date is no date: %+v", got)
	}
	list := []rollout.Department{{Name: "water"}, {Name: "civil-affairs"}, {Name: "health"}}
	rollout.SortDepartments(list)
	if list[0].Name != "civil-affairs" || list[2].Name != "water" {
		t.Errorf("sorted %v", list)
	}
}
