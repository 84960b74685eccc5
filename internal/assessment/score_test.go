package assessment

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"onestop.dev/onestop/api/v1alpha1"
)

// Every scorecard below is March 2009 in Asia/Shanghai: (2009-02-28 17:30, 2009-03-31 17:30].
// The expected figures and scores are worked out by hand in the comments, with the default
// weights unless a case says otherwise: 70 × on-time rate + 30 × on-the-spot share − 5 per
// case decided by silence − 5 per case out of the system − 2 per open anomaly.

func march(t *testing.T) Period {
	t.Helper()
	p, err := NewPeriod(v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodMonth, Start: "2009-03-01"}, shanghai, cob)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func mt(t time.Time) *metav1.Time { return &metav1.Time{Time: t} }

// kase is a case of dept received at received, reconciled, changed by edits.
func kase(name, dept string, received time.Time, edits ...func(*v1alpha1.ApprovalCaseStatus)) Case {
	c := Case{Name: name, ReceivedAt: received, Current: true, Status: v1alpha1.ApprovalCaseStatus{Department: dept, Phase: v1alpha1.PhaseAccepted}}
	for _, e := range edits {
		e(&c.Status)
	}
	return c
}

func due(t time.Time) func(*v1alpha1.ApprovalCaseStatus) {
	return func(s *v1alpha1.ApprovalCaseStatus) { s.DecisionDeadline = mt(t) }
}

// onTheSpot makes the case's item category 1 or 2: due on the spot, by t.
func onTheSpot(t time.Time) func(*v1alpha1.ApprovalCaseStatus) {
	return func(s *v1alpha1.ApprovalCaseStatus) { s.OnTheSpotDeadline, s.DecisionDeadline = mt(t), mt(t) }
}

// decided records a decision as the case reconciler does: onTime only when a deadline is
// known, and the department liable when silence decided.
func decided(method v1alpha1.DecidedBy, t time.Time, liable ...string) func(*v1alpha1.ApprovalCaseStatus) {
	return func(s *v1alpha1.ApprovalCaseStatus) {
		s.Phase = v1alpha1.PhaseDecided
		s.Decision = &v1alpha1.CaseDecision{Method: method, At: metav1.Time{Time: t}}
		if s.DecisionDeadline != nil {
			s.OnTime = ptr.To(method == v1alpha1.DecidedByPerson && !t.After(s.DecisionDeadline.Time))
		}
		s.LiableDepartments = append(s.LiableDepartments, liable...)
	}
}

func byPerson(t time.Time) func(*v1alpha1.ApprovalCaseStatus) {
	return decided(v1alpha1.DecidedByPerson, t)
}

// silentCoApprover records a co-approver's timeout consent at its deadline t.
func silentCoApprover(dept string, t time.Time) func(*v1alpha1.ApprovalCaseStatus) {
	return func(s *v1alpha1.ApprovalCaseStatus) {
		s.CoApprovals = append(s.CoApprovals, v1alpha1.CoApprovalStatus{Department: dept, Deadline: mt(t), Answer: string(v1alpha1.DecidedByTimeoutConsent)})
		s.LiableDepartments = append(s.LiableDepartments, dept)
	}
}

func withCondition(t string) func(*v1alpha1.ApprovalCaseStatus) {
	return func(s *v1alpha1.ApprovalCaseStatus) {
		s.Conditions = append(s.Conditions, metav1.Condition{Type: t, Status: metav1.ConditionTrue, Reason: t})
	}
}

func withdrawn(s *v1alpha1.ApprovalCaseStatus) { s.Phase = v1alpha1.PhaseWithdrawn }

func dept(name string, anomalies ...string) Department {
	return Department{Name: name, DisplayName: name, Anomalies: anomalies, Current: true}
}

func finding(department, day string, kind v1alpha1.FindingKind, count int32) v1alpha1.AssessmentFinding {
	return v1alpha1.AssessmentFinding{Department: department, Date: day, Kind: kind, Count: count, By: "supervisor.li"}
}

// row is a scorecard row with the figures that are usually zero left out.
func row(rank int32, name, score string, edit func(*v1alpha1.DepartmentAssessment)) v1alpha1.DepartmentAssessment {
	r := v1alpha1.DepartmentAssessment{Name: name, DisplayName: name, Rank: rank, Score: score}
	if edit != nil {
		edit(&r)
	}
	return r
}

func TestScore(t *testing.T) {
	p := march(t)
	now := at(2009, 3, 20, 9, 0)
	cases := map[string]struct {
		weights     *Weights
		departments []Department
		cases       []Case
		findings    []v1alpha1.AssessmentFinding
		want        Result
	}{
		"nothing to assess": {},

		"a department with nothing to count has full marks": {
			departments: []Department{dept("water")},
			want:        Result{Rows: []v1alpha1.DepartmentAssessment{row(1, "water", "100.0", nil)}},
		},

		// construction: due c1 c2 c3 c4 c5, on time c1 c3 c5: 70 × 3/5 = 42; on the spot c3 of
		// c3 c4: 30 × 1/2 = 15; silence c2: −5. 42 + 15 − 5 = 52.0.
		// land: c6 on time: 70; nothing on the spot: 30; c6 out of the system and 2 sent back:
		// −15; NotRelocated open: −2. 83.0.
		// environmental-protection: nothing due: 100; silent co-approver on c5: −5. 95.0.
		"the March county": {
			departments: []Department{dept("construction"), dept("land", v1alpha1.ConditionNotRelocated), dept("environmental-protection")},
			cases: []Case{
				kase("c1", "construction", at(2009, 3, 2, 10, 0), due(at(2009, 3, 5, 17, 30)), byPerson(at(2009, 3, 4, 15, 0))),
				kase("c2", "construction", at(2009, 3, 3, 9, 0), due(at(2009, 3, 6, 17, 30)),
					decided(v1alpha1.DecidedByTimeoutConsent, at(2009, 3, 6, 17, 30), "construction"),
					withCondition(v1alpha1.ConditionDecidedByTimeoutConsent)),
				kase("c3", "construction", at(2009, 3, 10, 9, 0), onTheSpot(at(2009, 3, 10, 17, 30)), byPerson(at(2009, 3, 10, 11, 0))),
				kase("c4", "construction", at(2009, 3, 11, 9, 0), onTheSpot(at(2009, 3, 11, 17, 30)), byPerson(at(2009, 3, 12, 10, 0)),
					withCondition(v1alpha1.ConditionOnTheSpotMissed)),
				kase("c5", "construction", at(2009, 3, 16, 9, 0), due(at(2009, 3, 19, 17, 30)), byPerson(at(2009, 3, 18, 10, 0)),
					silentCoApprover("environmental-protection", at(2009, 3, 18, 17, 30))),
				kase("c6", "land", at(2009, 3, 4, 9, 0), due(at(2009, 3, 9, 17, 30)), byPerson(at(2009, 3, 5, 11, 0)),
					withCondition(v1alpha1.ConditionOutOfSystem)),
			},
			findings: []v1alpha1.AssessmentFinding{finding("land", "2009-03-12", v1alpha1.FindingSentBackToDepartment, 2)},
			want: Result{Rows: []v1alpha1.DepartmentAssessment{
				row(1, "environmental-protection", "95.0", func(r *v1alpha1.DepartmentAssessment) {
					r.Deducted, r.TimeoutsCaused = 5, 1
				}),
				row(2, "land", "83.0", func(r *v1alpha1.DepartmentAssessment) {
					r.Deducted, r.Due, r.OnTime, r.OnTimePercent, r.Decided = 17, 1, 1, "100.0", 1
					r.OutOfSystem, r.SentBack, r.OpenAnomalies, r.Anomalies = 1, 2, 1, []string{v1alpha1.ConditionNotRelocated}
				}),
				row(3, "construction", "52.0", func(r *v1alpha1.DepartmentAssessment) {
					r.Deducted, r.Due, r.OnTime, r.OnTimePercent, r.Decided = 5, 5, 3, "60.0", 5
					r.OnTheSpotDue, r.OnTheSpot, r.OnTheSpotPercent, r.TimeoutsCaused = 2, 1, "50.0", 1
				}),
			}},
		},

		// Due: b (on time at End), c (late at its deadline 03-10, decided only in April), d (on
		// time on 03-25, due in April), f (open past its deadline), h (decided, no deadline
		// known: on time), i (decided by law with no deadline: late). On time b d h: 70 × 3/6
		// = 35, + 30 = 65.0. Decided in March: b d h i. Not counted: a (February), e (open, due
		// after now), g (withdrawn).
		"each case counts once, in the period its verdict became known": {
			departments: []Department{dept("d")},
			cases: []Case{
				kase("a", "d", at(2009, 2, 25, 9, 0), due(at(2009, 3, 2, 17, 30)), byPerson(at(2009, 2, 27, 10, 0))),
				kase("b", "d", at(2009, 3, 27, 9, 0), due(at(2009, 4, 2, 17, 30)), byPerson(at(2009, 3, 31, 17, 30))),
				kase("c", "d", at(2009, 3, 5, 9, 0), due(at(2009, 3, 10, 17, 30)), byPerson(at(2009, 4, 2, 9, 0))),
				kase("d", "d", at(2009, 3, 20, 9, 0), due(at(2009, 4, 3, 17, 30)), byPerson(at(2009, 3, 25, 9, 0))),
				kase("e", "d", at(2009, 3, 18, 9, 0), due(at(2009, 3, 25, 17, 30))),
				kase("f", "d", at(2009, 3, 9, 9, 0), due(at(2009, 3, 16, 17, 30)), withCondition(v1alpha1.ConditionDeadlineExceeded)),
				kase("g", "d", at(2009, 3, 2, 9, 0), due(at(2009, 3, 9, 17, 30)), withdrawn),
				kase("h", "d", at(2009, 3, 10, 9, 0), byPerson(at(2009, 3, 11, 9, 0))),
				kase("i", "d", at(2009, 3, 10, 9, 0), decided(v1alpha1.DecidedByDeemedRefusal, at(2009, 3, 12, 17, 30))),
			},
			want: Result{Rows: []v1alpha1.DepartmentAssessment{row(1, "d", "65.0", func(r *v1alpha1.DepartmentAssessment) {
				r.Due, r.OnTime, r.OnTimePercent, r.Decided = 6, 3, "50.0", 4
			})}},
		},

		// s1 on the spot; s2 decided by silence at its on-the-spot deadline (late, and liable);
		// s4 still open past it; s3 not due yet; s5 withdrawn. On time 1 of 3: 70/3; on the
		// spot 1 of 3: 30/3 = 10; silence −5. 23.33… + 10 − 5 = 28.33… → 28.3.
		"category 1 and 2 cases count on the spot the same way": {
			departments: []Department{dept("d")},
			cases: []Case{
				kase("s1", "d", at(2009, 3, 2, 9, 0), onTheSpot(at(2009, 3, 2, 17, 30)), byPerson(at(2009, 3, 2, 10, 0))),
				kase("s2", "d", at(2009, 3, 3, 9, 0), onTheSpot(at(2009, 3, 3, 17, 30)),
					decided(v1alpha1.DecidedByTimeoutConsent, at(2009, 3, 3, 17, 30), "d")),
				kase("s3", "d", at(2009, 3, 25, 9, 0), onTheSpot(at(2009, 3, 25, 17, 30))),
				kase("s4", "d", at(2009, 3, 19, 9, 0), onTheSpot(at(2009, 3, 19, 17, 30))),
				kase("s5", "d", at(2009, 3, 4, 9, 0), onTheSpot(at(2009, 3, 4, 17, 30)), withdrawn),
			},
			want: Result{Rows: []v1alpha1.DepartmentAssessment{row(1, "d", "28.3", func(r *v1alpha1.DepartmentAssessment) {
				r.Deducted, r.Due, r.OnTime, r.OnTimePercent, r.Decided = 5, 3, 1, "33.3", 2
				r.OnTheSpotDue, r.OnTheSpot, r.OnTheSpotPercent, r.TimeoutsCaused = 3, 1, "33.3", 1
			})}},
		},

		// Weights 1 for the on-time rate, 1 off per case out of the system, nothing else.
		// up: 1 of 4 on time: 0.25 → 0.3 (half away from zero). down: the same less 1 found out
		// of the system: −0.75 → −0.8.
		"scores round half away from zero and may fall below zero": {
			weights:     &Weights{OnTime: 1, OutOfSystem: 1},
			departments: []Department{dept("down"), dept("up")},
			cases:       append(quarterOnTime("up"), quarterOnTime("down")...),
			findings:    []v1alpha1.AssessmentFinding{finding("down", "2009-03-02", v1alpha1.FindingOutOfSystem, 1)},
			want: Result{Rows: []v1alpha1.DepartmentAssessment{
				row(1, "up", "0.3", func(r *v1alpha1.DepartmentAssessment) {
					r.Due, r.OnTime, r.OnTimePercent, r.Decided = 4, 1, "25.0", 1
				}),
				row(2, "down", "-0.8", func(r *v1alpha1.DepartmentAssessment) {
					r.Due, r.OnTime, r.OnTimePercent, r.Decided, r.Deducted, r.OutOfSystem = 4, 1, "25.0", 1, 1, 1
				}),
			}},
		},

		// busy, alpha and zeta score 100.0 with nothing deducted: busy had a case due, then
		// alpha before zeta by name. slow (13 of 14 on time: 70 × 13/14 = 65, + 30) and fined
		// (100 − 5) score 95.0: slow has nothing deducted.
		"equal scores rank by points deducted, then cases due, then name": {
			departments: []Department{dept("zeta"), dept("fined"), dept("alpha"), dept("slow"), dept("busy")},
			cases: append(thirteenOfFourteen("slow"),
				kase("b1", "busy", at(2009, 3, 2, 9, 0), due(at(2009, 3, 5, 17, 30)), byPerson(at(2009, 3, 3, 9, 0)))),
			findings: []v1alpha1.AssessmentFinding{finding("fined", "2009-03-31", v1alpha1.FindingOutOfSystem, 1)},
			want: Result{Rows: []v1alpha1.DepartmentAssessment{
				row(1, "busy", "100.0", func(r *v1alpha1.DepartmentAssessment) {
					r.Due, r.OnTime, r.OnTimePercent, r.Decided = 1, 1, "100.0", 1
				}),
				row(2, "alpha", "100.0", nil),
				row(3, "zeta", "100.0", nil),
				row(4, "slow", "95.0", func(r *v1alpha1.DepartmentAssessment) {
					r.Due, r.OnTime, r.OnTimePercent, r.Decided = 14, 13, "92.9", 14
				}),
				row(5, "fined", "95.0", func(r *v1alpha1.DepartmentAssessment) { r.Deducted, r.OutOfSystem = 5, 1 }),
			}},
		},

		// land: 3 found out of the system, 1 sent back (a count left out is 1): −20. The others
		// name a department not assessed, a day after the period, or no date at all.
		"findings count for the departments assessed, on the period's days": {
			departments: []Department{dept("land")},
			findings: []v1alpha1.AssessmentFinding{
				finding("land", "2009-03-05", v1alpha1.FindingOutOfSystem, 3),
				finding("land", "2009-03-31", v1alpha1.FindingSentBackToDepartment, 0),
				finding("water", "2009-03-05", v1alpha1.FindingOutOfSystem, 1),
				finding("land", "2009-04-01", v1alpha1.FindingOutOfSystem, 1),
				finding("land", "2009-03-xx", v1alpha1.FindingOutOfSystem, 1),
			},
			want: Result{
				Rows: []v1alpha1.DepartmentAssessment{row(1, "land", "80.0", func(r *v1alpha1.DepartmentAssessment) {
					r.Deducted, r.OutOfSystem, r.SentBack = 20, 3, 1
				})},
				IgnoredFindings: []string{"water 2009-03-05", "land 2009-04-01", "land 2009-03-xx"},
			},
		},

		// animal-husbandry is liable as a co-approver of commerce's case, which is not assessed:
		// −5 once, though the case is listed twice and the department too. Its silence on x2
		// took effect in February, and water on x3 is not liable (its status says so): neither
		// counts. A case out of the system received in February counts in February.
		"silence counts against the liable department when it took effect, each case once": {
			departments: []Department{dept("animal-husbandry"), dept("animal-husbandry"), dept("water")},
			cases: []Case{
				kase("x1", "commerce", at(2009, 3, 2, 9, 0), due(at(2009, 3, 20, 17, 30)), silentCoApprover("animal-husbandry", at(2009, 3, 10, 17, 30))),
				kase("x1", "commerce", at(2009, 3, 2, 9, 0), due(at(2009, 3, 20, 17, 30)), silentCoApprover("animal-husbandry", at(2009, 3, 10, 17, 30))),
				kase("x2", "commerce", at(2009, 2, 2, 9, 0), silentCoApprover("animal-husbandry", at(2009, 2, 27, 17, 30))),
				kase("x3", "commerce", at(2009, 3, 2, 9, 0), func(s *v1alpha1.ApprovalCaseStatus) {
					s.CoApprovals = []v1alpha1.CoApprovalStatus{{Department: "water", Deadline: mt(at(2009, 3, 9, 17, 30)), Answer: string(v1alpha1.DecidedByTimeoutConsent)}}
				}),
				kase("x4", "water", at(2009, 2, 27, 9, 0), withCondition(v1alpha1.ConditionOutOfSystem)),
			},
			want: Result{Rows: []v1alpha1.DepartmentAssessment{
				row(1, "water", "100.0", nil),
				row(2, "animal-husbandry", "95.0", func(r *v1alpha1.DepartmentAssessment) { r.Deducted, r.TimeoutsCaused = 5, 1 }),
			}},
		},

		// Two open anomalies at 2 points each, whatever order the department lists them in.
		"open anomalies are named and counted": {
			departments: []Department{dept("tobacco", v1alpha1.ConditionWindowHeadNotCadre, v1alpha1.ConditionChiefRepresentativeMissing)},
			want: Result{Rows: []v1alpha1.DepartmentAssessment{row(1, "tobacco", "96.0", func(r *v1alpha1.DepartmentAssessment) {
				r.Deducted, r.OpenAnomalies = 4, 2
				r.Anomalies = []string{v1alpha1.ConditionChiefRepresentativeMissing, v1alpha1.ConditionWindowHeadNotCadre}
			})}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			w := DefaultWeights
			if tc.weights != nil {
				w = *tc.weights
			}
			got := Score(Input{Period: p, Now: now, Weights: w, Departments: tc.departments, Cases: tc.cases, Findings: tc.findings})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Score() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// quarterOnTime is four cases of dept due in March, one decided on time.
func quarterOnTime(dept string) []Case {
	out := []Case{kase(dept+"-ok", dept, at(2009, 3, 2, 9, 0), due(at(2009, 3, 5, 17, 30)), byPerson(at(2009, 3, 3, 9, 0)))}
	for i := range 3 {
		out = append(out, kase(fmt.Sprintf("%s-late-%d", dept, i), dept, at(2009, 3, 2, 9, 0), due(at(2009, 3, 5, 17, 30))))
	}
	return out
}

// thirteenOfFourteen is fourteen cases of dept decided in March, thirteen on time.
func thirteenOfFourteen(dept string) []Case {
	var out []Case
	for i := range 14 {
		decision := at(2009, 3, 4, 9, 0)
		if i == 13 {
			decision = at(2009, 3, 6, 9, 0)
		}
		out = append(out, kase(fmt.Sprintf("%s-%d", dept, i), dept, at(2009, 3, 2, 9, 0), due(at(2009, 3, 5, 17, 30)), byPerson(decision)))
	}
	return out
}

func TestWeightsOf(t *testing.T) {
	cases := map[string]struct {
		in   *v1alpha1.AssessmentWeights
		want Weights
	}{
		"none given: the defaults": {want: Weights{OnTime: 70, OnTheSpot: 30, TimeoutsCaused: 5, OutOfSystem: 5, OpenAnomalies: 2}},
		"some given, the rest default": {
			in:   &v1alpha1.AssessmentWeights{OnTime: ptr.To[int32](80), OpenAnomalies: ptr.To[int32](0)},
			want: Weights{OnTime: 80, OnTheSpot: 30, TimeoutsCaused: 5, OutOfSystem: 5},
		},
		"all given": {
			in: &v1alpha1.AssessmentWeights{OnTime: ptr.To[int32](100), OnTheSpot: ptr.To[int32](0), TimeoutsCaused: ptr.To[int32](10),
				OutOfSystem: ptr.To[int32](20), OpenAnomalies: ptr.To[int32](1)},
			want: Weights{OnTime: 100, TimeoutsCaused: 10, OutOfSystem: 20, OpenAnomalies: 1},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, WeightsOf(tc.in)); diff != "" {
				t.Errorf("WeightsOf() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStandingOf(t *testing.T) {
	ranked := func(n int) []v1alpha1.DepartmentAssessment {
		var out []v1alpha1.DepartmentAssessment
		for i := range n {
			out = append(out, v1alpha1.DepartmentAssessment{Name: fmt.Sprintf("d%d", i+1), Rank: int32(i + 1), Score: fmt.Sprintf("%d.0", 100-i)})
		}
		return out
	}
	cases := map[string]struct {
		rows []v1alpha1.DepartmentAssessment
		want Standing
	}{
		"nobody ranked": {},
		"one department is top and bottom": {
			rows: ranked(1),
			want: Standing{Top: "d1 100.0", Bottom: "d1 100.0", Ranking: "1. d1 100.0"},
		},
		"five places show whole": {
			rows: ranked(5),
			want: Standing{Top: "d1 100.0", Bottom: "d5 96.0", Ranking: "1. d1 100.0, 2. d2 99.0, 3. d3 98.0, 4. d4 97.0, 5. d5 96.0"},
		},
		"more show the head and how many are ranked": {
			rows: ranked(30),
			want: Standing{Top: "d1 100.0", Bottom: "d30 71.0", Ranking: "1. d1 100.0, 2. d2 99.0, 3. d3 98.0, 4. d4 97.0, 5. d5 96.0, … (30 ranked)"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, StandingOf(tc.rows)); diff != "" {
				t.Errorf("StandingOf() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFormatTenths(t *testing.T) {
	for n, want := range map[int64]string{0: "0.0", 5: "0.5", -5: "-0.5", 965: "96.5", -1000: "-100.0"} {
		if got := formatTenths(n); got != want {
			t.Errorf("formatTenths(%d) = %q, want %q", n, got, want)
		}
	}
}
