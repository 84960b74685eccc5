package conditions

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

var (
	t0 = time.Date(2009, 1, 5, 9, 0, 0, 0, time.UTC)
	t1 = t0.Add(time.Hour)
)

func cond(t string, s metav1.ConditionStatus, reason, msg string, at time.Time) metav1.Condition {
	return metav1.Condition{Type: t, Status: s, Reason: reason, Message: msg, ObservedGeneration: 2, LastTransitionTime: metav1.NewTime(at)}
}

func TestApply(t *testing.T) {
	healthy := []metav1.Condition{cond(Ready, metav1.ConditionTrue, "Reconciled", "ok", t0)}
	over := Finding{Type: "OverCapacity", Reason: "OverCapacity", Message: "12 windows, room for 10"}
	waiting := Finding{Type: Reconciling, Reason: "ParentNotFound", Message: "parent centre missing"}

	cases := map[string]struct {
		current  []metav1.Condition
		findings []Finding
		want     []metav1.Condition
	}{
		"first reconcile, nothing wrong": {
			want: []metav1.Condition{cond(Ready, metav1.ConditionTrue, "Reconciled", "ok", t1)},
		},
		"unchanged object keeps its transition time": {
			current: healthy,
			want:    healthy,
		},
		"anomaly appears and becomes Ready's reason": {
			current:  healthy,
			findings: []Finding{over},
			want: []metav1.Condition{
				cond(Ready, metav1.ConditionFalse, "OverCapacity", "12 windows, room for 10", t1),
				cond("OverCapacity", metav1.ConditionTrue, "OverCapacity", "12 windows, room for 10", t1),
			},
		},
		"first finding wins Ready": {
			findings: []Finding{waiting, over},
			want: []metav1.Condition{
				cond(Reconciling, metav1.ConditionTrue, "ParentNotFound", "parent centre missing", t1),
				cond("OverCapacity", metav1.ConditionTrue, "OverCapacity", "12 windows, room for 10", t1),
				cond(Ready, metav1.ConditionFalse, "ParentNotFound", "parent centre missing", t1),
			},
		},
		"findings of one type fold into one condition": {
			findings: []Finding{waiting, {Type: Reconciling, Reason: "HostDepartmentNotFound", Message: "host department missing"}},
			want: []metav1.Condition{
				cond(Reconciling, metav1.ConditionTrue, "ParentNotFound", "parent centre missing host department missing", t1),
				cond(Ready, metav1.ConditionFalse, "ParentNotFound", "parent centre missing host department missing", t1),
			},
		},
		"resolved anomaly and Reconciling are removed": {
			current: []metav1.Condition{
				cond(Reconciling, metav1.ConditionTrue, "ParentNotFound", "parent centre missing", t0),
				cond("OverCapacity", metav1.ConditionTrue, "OverCapacity", "x", t0),
				cond(Ready, metav1.ConditionFalse, "ParentNotFound", "parent centre missing", t0),
			},
			want: []metav1.Condition{cond(Ready, metav1.ConditionTrue, "Reconciled", "ok", t1)},
		},
		"conditions of other owners are kept": {
			current: []metav1.Condition{cond("ExternalAudit", metav1.ConditionTrue, "Passed", "x", t0)},
			want: []metav1.Condition{
				cond("ExternalAudit", metav1.ConditionTrue, "Passed", "x", t0),
				cond(Ready, metav1.ConditionTrue, "Reconciled", "ok", t1),
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := Apply(tc.current, Report{
				Generation: 2, Now: t1, Anomalies: []string{"OverCapacity"}, Findings: tc.findings,
				ReadyReason: "Reconciled", ReadyMessage: "ok",
			})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Apply() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestApplyDoesNotMutateInput(t *testing.T) {
	current := []metav1.Condition{cond(Ready, metav1.ConditionTrue, "Reconciled", "ok", t0)}
	Apply(current, Report{Now: t1, Findings: []Finding{{Type: "OverCapacity", Reason: "OverCapacity", Message: "m"}}})
	if current[0].Status != metav1.ConditionTrue {
		t.Fatalf("Apply changed its input: %+v", current[0])
	}
}

func TestChanges(t *testing.T) {
	ready := cond(Ready, metav1.ConditionTrue, "Reconciled", "ok", t0)
	notReady := cond(Ready, metav1.ConditionFalse, "OverCapacity", "full", t0)
	over := cond("OverCapacity", metav1.ConditionTrue, "OverCapacity", "full", t0)
	waitReady := cond(Ready, metav1.ConditionFalse, "ParentNotFound", "no parent", t0)
	waiting := cond(Reconciling, metav1.ConditionTrue, "ParentNotFound", "no parent", t0)

	cases := map[string]struct {
		before, after []metav1.Condition
		want          []Change
	}{
		"nothing changed": {before: []metav1.Condition{ready}, after: []metav1.Condition{ready}},
		"message alone changed": {
			before: []metav1.Condition{over, notReady},
			after:  []metav1.Condition{cond("OverCapacity", metav1.ConditionTrue, "OverCapacity", "fuller", t1), notReady},
		},
		"a new object that is fine is no news": {
			after: []metav1.Condition{ready},
		},
		"a new object that waits is news": {
			after: []metav1.Condition{waitReady},
			want:  []Change{{Type: Ready, Reason: "ParentNotFound", Message: "no parent", Abnormal: true}},
		},
		"anomaly appears: one warning, not two": {
			before: []metav1.Condition{ready},
			after:  []metav1.Condition{notReady, over},
			want:   []Change{{Type: "OverCapacity", Reason: "OverCapacity", Message: "full", Abnormal: true}},
		},
		"waiting is reported once, through Ready": {
			after: []metav1.Condition{waiting, waitReady},
			want:  []Change{{Type: Ready, Reason: "ParentNotFound", Message: "no parent", Abnormal: true}},
		},
		"settled by a warning: the warning alone": {
			before: []metav1.Condition{ready},
			after:  []metav1.Condition{cond("DecidedByTimeoutConsent", metav1.ConditionTrue, "DecidedByTimeoutConsent", "silence", t1), cond(Ready, metav1.ConditionTrue, "Decided", "decided by law", t1)},
			want:   []Change{{Type: "DecidedByTimeoutConsent", Reason: "DecidedByTimeoutConsent", Message: "silence", Abnormal: true}},
		},
		"anomaly resolved: resolution and Ready": {
			before: []metav1.Condition{notReady, over},
			after:  []metav1.Condition{ready},
			want: []Change{
				{Type: "OverCapacity", Reason: "OverCapacityResolved", Message: "OverCapacity no longer holds: full"},
				{Type: Ready, Reason: "Reconciled", Message: "ok"},
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Changes(tc.before, tc.after)); diff != "" {
				t.Errorf("Changes() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestApplyStallsAndSettles(t *testing.T) {
	over := Finding{Type: "OverCapacity", Reason: "OverCapacity", Message: "full"}
	waiting := Finding{Type: Reconciling, Reason: "ParentNotFound", Message: "no parent"}
	cases := map[string]struct {
		report Report
		want   []metav1.Condition
	}{
		"an anomaly stalls the object, so kstatus reads Failed with its message": {
			report: Report{Findings: []Finding{over}, StallOnAnomaly: true},
			want: []metav1.Condition{
				cond("OverCapacity", metav1.ConditionTrue, "OverCapacity", "full", t1),
				cond(Stalled, metav1.ConditionTrue, "OverCapacity", "full", t1),
				cond(Ready, metav1.ConditionFalse, "OverCapacity", "full", t1),
			},
		},
		"waiting for an object is not stalling": {
			report: Report{Findings: []Finding{waiting, over}, StallOnAnomaly: true},
			want: []metav1.Condition{
				cond(Reconciling, metav1.ConditionTrue, "ParentNotFound", "no parent", t1),
				cond("OverCapacity", metav1.ConditionTrue, "OverCapacity", "full", t1),
				cond(Ready, metav1.ConditionFalse, "ParentNotFound", "no parent", t1),
			},
		},
		"a settled object keeps its anomalies as a record and is Ready": {
			report: Report{Findings: []Finding{over}, StallOnAnomaly: true, Final: true, ReadyReason: "Decided", ReadyMessage: "done"},
			want: []metav1.Condition{
				cond("OverCapacity", metav1.ConditionTrue, "OverCapacity", "full", t1),
				cond(Ready, metav1.ConditionTrue, "Decided", "done", t1),
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := tc.report
			r.Generation, r.Now, r.Anomalies = 2, t1, []string{"OverCapacity"}
			if diff := cmp.Diff(tc.want, Apply(nil, r)); diff != "" {
				t.Errorf("Apply() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChangesDoNotRepeatAMirroredStall(t *testing.T) {
	over := cond("OverCapacity", metav1.ConditionTrue, "OverCapacity", "full", t0)
	stalled := cond(Stalled, metav1.ConditionTrue, "OverCapacity", "full", t0)
	notReady := cond(Ready, metav1.ConditionFalse, "OverCapacity", "full", t0)
	ready := cond(Ready, metav1.ConditionTrue, "Reconciled", "ok", t0)
	want := []Change{{Type: "OverCapacity", Reason: "OverCapacity", Message: "full", Abnormal: true}}
	if diff := cmp.Diff(want, Changes([]metav1.Condition{ready}, []metav1.Condition{over, stalled, notReady})); diff != "" {
		t.Errorf("appearing (-want +got):\n%s", diff)
	}
	want = []Change{
		{Type: "OverCapacity", Reason: "OverCapacityResolved", Message: "OverCapacity no longer holds: full"},
		{Type: Ready, Reason: "Reconciled", Message: "ok"},
	}
	if diff := cmp.Diff(want, Changes([]metav1.Condition{over, stalled, notReady}, []metav1.Condition{ready})); diff != "" {
		t.Errorf("resolving (-want +got):\n%s", diff)
	}
}

func TestChangesReportGoodNewsAsNormal(t *testing.T) {
	ready := cond(Ready, metav1.ConditionTrue, "Reconciled", "ok", t0)
	done := cond("Completed", metav1.ConditionTrue, "Completed", "every phase met", t1)
	doneReady := cond(Ready, metav1.ConditionTrue, "Completed", "every phase met", t1)
	want := []Change{{Type: "Completed", Reason: "Completed", Message: "every phase met"}}
	if diff := cmp.Diff(want, Changes([]metav1.Condition{ready}, []metav1.Condition{done, doneReady}, "Completed")); diff != "" {
		t.Errorf("a milestone (-want +got):\n%s", diff)
	}
	// Without being declared good news, the same condition warns.
	want[0].Abnormal = true
	if diff := cmp.Diff(want, Changes([]metav1.Condition{ready}, []metav1.Condition{done, doneReady})); diff != "" {
		t.Errorf("an undeclared condition (-want +got):\n%s", diff)
	}
}
