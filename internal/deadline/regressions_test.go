package deadline_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/deadline"
)

// Each case pins a rule that an earlier version got wrong: the outcome must not depend on
// when onestop looks, and what was recorded stays.
func TestActsJudgedAgainstTheDeadline(t *testing.T) {
	cal := cnMainland(t)
	// Received and accepted Wed 2008-12-31 10:00; promised 15: Sun 01-04 (调休) 1, Mon 05 2,
	// Tue 06 3, Wed 07 4, Thu 08 5, Fri 09 6, Mon 12 7, Tue 13 8, Wed 14 9, Thu 15 10, Fri 16 11,
	// Mon 19 12, Tue 20 13, Wed 21 14, Thu 22 15 → Thu 2009-01-22 17:30.
	r0 := at(2008, time.December, 31, 10, 0)
	due := cob(2009, time.January, 22)
	timeout := &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeTimeoutConsent, Method: v1alpha1.DecidedByTimeoutConsent, At: mt(due)}

	cases := map[string]struct {
		facts    deadline.Facts
		now      time.Time
		decision *v1alpha1.CaseDecision
		phase    v1alpha1.CasePhase
		onTime   *bool
		liable   []string
	}{
		"a rejection recorded after a consent deadline does not undo the timeout consent": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Spec.Approval = &v1alpha1.Decision{At: mt(at(2009, time.January, 23, 9, 0)), By: "wang.fang", Result: v1alpha1.DecisionReject, Reason: "材料不实"}
			}),
			now:      at(2009, time.January, 23, 10, 0),
			decision: timeout, phase: v1alpha1.PhaseDecided, onTime: boolp(false), liable: []string{lead},
		},
		"a late human decision stands where silence decides nothing": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Item.SilencePolicy = v1alpha1.SilenceNone
				f.Spec.Approval = &v1alpha1.Decision{At: mt(at(2009, time.January, 23, 9, 0)), By: "wang.fang", Result: v1alpha1.DecisionApprove}
			}),
			now:      at(2009, time.January, 23, 10, 0),
			decision: &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "wang.fang", At: mt(at(2009, time.January, 23, 9, 0))},
			phase:    v1alpha1.PhaseDecided, onTime: boolp(false),
		},
		"an extension approved after the deadline does not revive it": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Spec.Extension = &v1alpha1.CaseExtension{ApprovedBy: "liu.juzhang", At: mt(at(2009, time.January, 23, 9, 0)), Reason: "需专家论证", Days: 10}
			}),
			now:      at(2009, time.January, 23, 10, 0),
			decision: timeout, phase: v1alpha1.PhaseDecided, onTime: boolp(false), liable: []string{lead},
		},
		"a withdrawal after a consent deadline does not undo it": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Spec.Withdrawal = &v1alpha1.Withdrawal{At: mt(at(2009, time.January, 23, 9, 0))}
			}),
			now:      at(2009, time.January, 23, 10, 0),
			decision: timeout, phase: v1alpha1.PhaseDecided, onTime: boolp(false), liable: []string{lead},
		},
		"a recorded decision survives a later withdrawal": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Recorded.Decision = timeout.DeepCopy()
				f.Spec.Withdrawal = &v1alpha1.Withdrawal{At: mt(at(2009, time.January, 23, 9, 0))}
			}),
			now:      at(2009, time.January, 24, 10, 0),
			decision: timeout, phase: v1alpha1.PhaseDecided, onTime: boolp(false), liable: []string{lead},
		},
		"a co-approver answering after its deadline was silent": {
			// Environmental protection, 5 working days: → Thu 2009-01-08 17:30; it answers Mon 01-12.
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Item.CoApprovers = []v1alpha1.CoApprover{{Department: env, LimitDays: 5}}
				f.Spec.CoApprovals = []v1alpha1.CoApproval{{Department: env, At: mt(at(2009, time.January, 12, 9, 0)), By: "sun.li", Result: v1alpha1.OpinionAgree}}
			}),
			now:   at(2009, time.January, 12, 10, 0),
			phase: v1alpha1.PhaseAccepted, liable: []string{env},
		},
		"a recorded decision survives a calendar gap": {
			facts: caseFacts(at(2027, time.December, 20, 10, 0), func(f *deadline.Facts) {
				f.Item.PromisedLimitDays = 15
				f.Recorded.Decision = &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "wang.fang", At: mt(at(2027, time.December, 21, 9, 0))}
			}),
			now:      at(2028, time.January, 5, 10, 0),
			decision: &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "wang.fang", At: mt(at(2027, time.December, 21, 9, 0))},
			phase:    v1alpha1.PhaseDecided,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := deadline.Evaluate(tc.facts, cal, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.decision, got.Decision); diff != "" {
				t.Errorf("Decision (-want +got):\n%s", diff)
			}
			if got.Phase != tc.phase {
				t.Errorf("Phase = %q, want %q", got.Phase, tc.phase)
			}
			if diff := cmp.Diff(tc.onTime, got.OnTime); diff != "" {
				t.Errorf("OnTime (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.liable, got.Liable); diff != "" {
				t.Errorf("Liable (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOnTheSpotCountsFromTheCompleteApplication(t *testing.T) {
	cal := cnMainland(t)
	cases := map[string]struct {
		facts    deadline.Facts
		now      time.Time
		spot     time.Time
		decision bool
		missed   bool
	}{
		"completed the next day: on the spot that day, nothing decided yet": {
			// Received Mon 2025-03-03 10:00, notice 10:05, completed Tue 03-04 09:00.
			facts: caseFacts(at(2025, time.March, 3, 10, 0), func(f *deadline.Facts) {
				f.Item = onTheSpotItem()
				f.Item.SilencePolicy = v1alpha1.SilenceConsent
				f.Spec.Acceptance = nil
				f.Spec.MaterialsSubmitted = []string{matForm}
				f.Spec.CorrectionNotice = &v1alpha1.CorrectionNotice{At: mt(at(2025, time.March, 3, 10, 5)), By: "li.na", Missing: []string{matDrawings, matBid}}
				f.Spec.MaterialsCompletedAt = mtp(at(2025, time.March, 4, 9, 0))
			}),
			now:  at(2025, time.March, 4, 9, 0),
			spot: cob(2025, time.March, 4),
		},
		"received after close of business: on the spot the next working day": {
			facts: caseFacts(at(2025, time.March, 3, 18, 0), func(f *deadline.Facts) {
				f.Item = onTheSpotItem()
			}),
			now:  at(2025, time.March, 3, 18, 5),
			spot: cob(2025, time.March, 4),
		},
		"decided by timeout consent is not decided on the spot": {
			facts: caseFacts(at(2025, time.March, 3, 10, 0), func(f *deadline.Facts) {
				f.Item = onTheSpotItem()
				f.Item.SilencePolicy = v1alpha1.SilenceConsent
			}),
			now:      at(2025, time.March, 4, 9, 0),
			spot:     cob(2025, time.March, 3),
			decision: true, missed: true,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := deadline.Evaluate(tc.facts, cal, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			if got.OnTheSpotDeadline == nil || !got.OnTheSpotDeadline.Equal(tc.spot) {
				t.Errorf("OnTheSpotDeadline = %v, want %v", got.OnTheSpotDeadline, tc.spot)
			}
			if (got.Decision != nil) != tc.decision {
				t.Errorf("Decision = %+v, want decided %v", got.Decision, tc.decision)
			}
			missed := false
			for _, f := range got.Findings {
				missed = missed || f.Type == v1alpha1.ConditionOnTheSpotMissed
			}
			if missed != tc.missed {
				t.Errorf("OnTheSpotMissed = %v, want %v (findings %v)", missed, tc.missed, got.Findings)
			}
		})
	}
}
