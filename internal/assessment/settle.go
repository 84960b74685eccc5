package assessment

import (
	"sort"

	"k8s.io/apimachinery/pkg/api/meta"

	"onestop.dev/onestop/api/v1alpha1"
)

// Unsettled lists what must still be written before a period's figures can be final, as
// "kind/name": departments whose status does not yet describe their spec, cases whose status
// does not (not yet looked at since created or changed), and cases with a deadline in or
// before the period that passed without its outcome written: no decision and no
// DeadlineExceeded, or a co-approver with neither an answer nor a timeout consent. The case
// reconciler writes each at the deadline; until it has, the silence it records is unknown.
func Unsettled(p Period, departments []Department, cases []Case) []string {
	var out []string
	for _, d := range departments {
		if !d.Current {
			out = append(out, "department/"+d.Name)
		}
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.Name] {
			continue
		}
		seen[c.Name] = true
		if !c.Current || awaitsOutcome(p, c.Status) {
			out = append(out, "case/"+c.Name)
		}
	}
	sort.Strings(out)
	return out
}

func awaitsOutcome(p Period, s v1alpha1.ApprovalCaseStatus) bool {
	if s.Phase == v1alpha1.PhaseWithdrawn {
		return false
	}
	if due := s.DecisionDeadline; due != nil && !due.After(p.End) && s.Decision == nil &&
		!meta.IsStatusConditionTrue(s.Conditions, v1alpha1.ConditionDeadlineExceeded) {
		return true
	}
	for _, co := range s.CoApprovals {
		if co.Deadline != nil && !co.Deadline.After(p.End) && co.Answer == "" {
			return true
		}
	}
	return false
}
