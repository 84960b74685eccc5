package policy

import (
	"k8s.io/apimachinery/pkg/api/meta"

	"onestop.dev/onestop/api/v1alpha1"
)

// CountCases sums the figures of cases from their status, as the case reconciler wrote it:
// overdue means DeadlineExceeded holds (open past the deadline, or decided late).
func CountCases(statuses []v1alpha1.ApprovalCaseStatus) v1alpha1.CaseFigures {
	var f v1alpha1.CaseFigures
	for _, s := range statuses {
		switch {
		case s.Phase == v1alpha1.PhaseWithdrawn:
			continue
		case s.Decision != nil:
			f.Decided++
			if s.OnTime == nil || *s.OnTime {
				f.OnTime++
			}
			switch s.Decision.Method {
			case v1alpha1.DecidedByTimeoutConsent:
				f.TimeoutConsent++
			case v1alpha1.DecidedByDeemedRefusal:
				f.DeemedRefused++
			}
		default:
			f.Open++
		}
		if meta.IsStatusConditionTrue(s.Conditions, v1alpha1.ConditionDeadlineExceeded) {
			f.Overdue++
		}
	}
	return f
}
