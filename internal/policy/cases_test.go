package policy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"onestop.dev/onestop/api/v1alpha1"
)

func TestCountCases(t *testing.T) {
	yes, no := true, false
	exceeded := []metav1.Condition{{Type: v1alpha1.ConditionDeadlineExceeded, Status: metav1.ConditionTrue}}
	decided := func(m v1alpha1.DecidedBy, onTime *bool) v1alpha1.ApprovalCaseStatus {
		return v1alpha1.ApprovalCaseStatus{Phase: v1alpha1.PhaseDecided, Decision: &v1alpha1.CaseDecision{Method: m}, OnTime: onTime}
	}
	lateByPerson := decided(v1alpha1.DecidedByPerson, &no)
	lateByPerson.Conditions = exceeded

	cases := map[string]struct {
		statuses []v1alpha1.ApprovalCaseStatus
		want     v1alpha1.CaseFigures
	}{
		"no cases": {},
		"open cases, one past its deadline": {
			statuses: []v1alpha1.ApprovalCaseStatus{
				{Phase: v1alpha1.PhaseAccepted},
				{Phase: v1alpha1.PhaseReceived, Conditions: exceeded},
			},
			want: v1alpha1.CaseFigures{Open: 2, Overdue: 1},
		},
		"decisions of every kind": {
			statuses: []v1alpha1.ApprovalCaseStatus{
				decided(v1alpha1.DecidedByPerson, &yes),
				lateByPerson,
				decided(v1alpha1.DecidedByTimeoutConsent, &yes),
				decided(v1alpha1.DecidedByDeemedRefusal, &yes),
				decided(v1alpha1.DecidedByPerson, nil),
			},
			want: v1alpha1.CaseFigures{Decided: 5, OnTime: 4, Overdue: 1, TimeoutConsent: 1, DeemedRefused: 1},
		},
		"withdrawn cases count nowhere": {
			statuses: []v1alpha1.ApprovalCaseStatus{{Phase: v1alpha1.PhaseWithdrawn, Conditions: exceeded}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, CountCases(tc.statuses)); diff != "" {
				t.Errorf("CountCases() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
