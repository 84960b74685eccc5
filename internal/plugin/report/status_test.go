package report

import (
	"encoding/json"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
)

func ready(status metav1.ConditionStatus, reason string, anomalies ...string) []metav1.Condition {
	conds := []metav1.Condition{{Type: v1alpha1.ConditionReady, Status: status, Reason: reason}}
	for _, a := range anomalies {
		conds = append(conds, metav1.Condition{Type: a, Status: metav1.ConditionTrue, Reason: a})
	}
	return conds
}

func person(name string) *v1alpha1.Person {
	return &v1alpha1.Person{Name: name, Employment: v1alpha1.EmploymentFormal}
}

// statusCounty is a county in the middle of the implementation phase: one department in
// order, one late with its section, one whose relocation is half done, one overdue.
func statusCounty() (v1alpha1.ReformPlan, []v1alpha1.Department, []v1alpha1.ServiceWindow) {
	due := func(s string) *metav1.Time { return mt(s) }
	plan := v1alpha1.ReformPlan{
		ObjectMeta: metav1.ObjectMeta{Name: "seed-plan", Namespace: "county", Generation: 2},
		Spec: v1alpha1.ReformPlanSpec{
			DisplayName: "县进一步深化行政审批提高行政效能实施方案",
			Calendar:    "cn-mainland",
			Phases: []v1alpha1.PlanPhase{
				{Name: "mobilisation", Title: "宣传发动阶段", Start: "2008-12-03", End: "2008-12-10"},
				{Name: "implementation", Title: "组织实施阶段", Start: "2008-12-11", End: "2008-12-31"},
				{Name: "acceptance", Title: "检查验收阶段", Start: "2009-01-01", End: "2009-01-15"},
			},
		},
		Status: v1alpha1.ReformPlanStatus{
			ObservedGeneration: 2, CurrentPhase: "implementation", Due: "2008-12-31 17:30 CST",
			DepartmentsInScope: 4, Overdue: 1, Late: 0,
			Phases: []v1alpha1.PhaseStatus{
				{Name: "mobilisation", State: v1alpha1.PhaseEnded, Due: due("2008-12-10 17:30"), DueDate: "2008-12-10", Done: 3, Overdue: 1},
				{Name: "implementation", State: v1alpha1.PhaseActive, Due: due("2008-12-31 17:30"), DueDate: "2008-12-31", Done: 2, Pending: 2},
				{Name: "acceptance", State: v1alpha1.PhasePending, Due: due("2009-01-15 17:30"), DueDate: "2009-01-15", Pending: 4},
			},
			Conditions: ready(metav1.ConditionFalse, "PhaseDeadlineMissed", "PhaseDeadlineMissed"),
		},
	}
	plan.Status.Conditions[0].Message = "rural-credit missed the mobilisation phase (due 2008-12-10): StaffRegistrationSubmitted."
	rollout := func(v v1alpha1.RolloutVerdict) []v1alpha1.DepartmentRollout {
		return []v1alpha1.DepartmentRollout{{Plan: "seed-plan", Phase: "implementation", Verdict: v}}
	}
	depts := []v1alpha1.Department{
		{
			ObjectMeta: metav1.ObjectMeta{Name: "construction", Namespace: "county"},
			Spec:       v1alpha1.DepartmentSpec{DisplayName: "建设局 (Construction Bureau)", Batch: 1, Management: v1alpha1.ManagementLocal},
			Status: v1alpha1.DepartmentStatus{Section: "construction-approval", Sections: 1, Windows: 2, ItemsRequired: 6, ItemsRelocated: 6, RelocationPercent: 100,
				Rollout: rollout(v1alpha1.VerdictDone), Conditions: ready(metav1.ConditionTrue, "Reconciled")},
		},
		{
			ObjectMeta: metav1.ObjectMeta{Name: "commerce", Namespace: "county"},
			Spec:       v1alpha1.DepartmentSpec{DisplayName: "商务局 (Commerce Bureau)", Batch: 1, Management: v1alpha1.ManagementLocal},
			Status: v1alpha1.DepartmentStatus{Windows: 1, ItemsRequired: 4, ItemsRelocated: 2, RelocationPercent: 50,
				Rollout:    rollout(v1alpha1.VerdictPending),
				Conditions: ready(metav1.ConditionFalse, "SectionMissing", "SectionMissing", "ChiefRepresentativeMissing", "NotRelocated")},
		},
		{
			ObjectMeta: metav1.ObjectMeta{Name: "rural-credit", Namespace: "county"},
			Spec:       v1alpha1.DepartmentSpec{DisplayName: "信用联社 (Rural Credit Cooperative)", Batch: 2, Management: v1alpha1.ManagementLocal, ChiefRepresentative: person("马新民")},
			Status: v1alpha1.DepartmentStatus{Windows: 1, ItemsRequired: 2, ItemsRelocated: 2, RelocationPercent: 100,
				Rollout: rollout(v1alpha1.VerdictOverdue), Conditions: ready(metav1.ConditionTrue, "Reconciled")},
		},
		{
			ObjectMeta: metav1.ObjectMeta{Name: "tobacco", Namespace: "county"},
			Spec:       v1alpha1.DepartmentSpec{DisplayName: "烟草局 (Tobacco Monopoly Bureau)", Batch: 2, Management: v1alpha1.ManagementVertical, ChiefRepresentative: person("孔超")},
			Status: v1alpha1.DepartmentStatus{Windows: 1, ItemsRequired: 1, ItemsRelocated: 0, RelocationPercent: 0,
				Conditions: ready(metav1.ConditionFalse, "NotRelocated", "NotRelocated")},
		},
	}
	windows := []v1alpha1.ServiceWindow{
		{ObjectMeta: metav1.ObjectMeta{Name: "w-tobacco"}, Spec: v1alpha1.ServiceWindowSpec{Department: "tobacco", Mode: v1alpha1.WindowTemporary}},
		{ObjectMeta: metav1.ObjectMeta{Name: "w-construction"}, Spec: v1alpha1.ServiceWindowSpec{Department: "construction", Mode: v1alpha1.WindowPermanent}},
	}
	return plan, depts, windows
}

func sampleCalendar(t *testing.T) func(string) *calendar.Calendar {
	s := sampleCounty(t)
	return func(name string) *calendar.Calendar {
		cal, _, err := s.Calendar(name)
		if err != nil {
			t.Fatal(err)
		}
		return cal
	}
}

func TestStatus(t *testing.T) {
	plan, depts, windows := statusCounty()
	now := at("2008-12-22 10:00")
	s := BuildStatus("county", []v1alpha1.ReformPlan{plan}, depts, windows, sampleCalendar(t), now)
	p := s.Plans[0]
	// Monday 2008-12-22 to Wednesday 2008-12-31: 9 days, of which 7 working days after today.
	if p.DaysLeft == nil || *p.DaysLeft != 9 || p.WorkingDaysLeft == nil || *p.WorkingDaysLeft != 7 {
		t.Errorf("days left = %v, working days = %v; want 9 and 7", p.DaysLeft, p.WorkingDaysLeft)
	}
	var plain strings.Builder
	if err := RenderStatus(&plain, s, Style{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/status.golden", plain.String())
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("plain output carries escape sequences")
	}

	var colour strings.Builder
	if err := RenderStatus(&colour, s, Style{Color: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		ansiRed + "Overdue" + ansiReset,             // the plan's verdict on rural-credit
		ansiGreen + "[##########] 6/6" + ansiReset,  // relocation done
		ansiYellow + "[#####-----] 2/4" + ansiReset, // half way
		ansiRed + "[----------] 0/1" + ansiReset,    // not started
		ansiRed + "SectionMissing,ChiefRepresentativeMissing,NotRelocated" + ansiReset,
	} {
		if !strings.Contains(colour.String(), want) {
			t.Errorf("terminal output lacks %q", want)
		}
	}

	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/status.json.golden", string(b)+"\n")
}

func TestStatusWithoutPlan(t *testing.T) {
	plan, depts, windows := statusCounty()
	_ = plan
	s := BuildStatus("county", nil, depts, windows, nil, at("2008-12-22 10:00"))
	var b strings.Builder
	if err := RenderStatus(&b, s, Style{}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "No ReformPlan in namespace county") {
		t.Errorf("without a plan the departments still show, after a note:\n%s", b.String())
	}
	if !strings.Contains(b.String(), "4 departments: 2 ready, 2 with anomalies; 10 of 13 items") {
		t.Errorf("totals:\n%s", b.String())
	}
}

func TestBar(t *testing.T) {
	for _, tc := range []struct {
		done, total int32
		want        string
	}{{0, 0, "[          ]"}, {0, 3, "[----------]"}, {1, 30, "[#---------]"}, {9, 10, "[#########-]"}, {10, 10, "[##########]"}} {
		if got := Bar(tc.done, tc.total); got != tc.want {
			t.Errorf("Bar(%d, %d) = %q, want %q", tc.done, tc.total, got, tc.want)
		}
	}
}
