package deadline_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/deadline"
)

// Most cases are received on Wed 2008-12-31 10:00 CST, the eve of the 2009 New Year holiday
// (元旦 Thu 01-01 to Sat 01-03, worked back on Sun 01-04), and accepted on receipt.
var (
	r0 = at(2008, time.December, 31, 10, 0)

	// Notice limit, 5 working days from Wed 2008-12-31: Thu 01-01, Fri 01-02, Sat 01-03 元旦
	// holiday; Sun 01-04 (元旦调休) 1, Mon 01-05 2, Tue 01-06 3, Wed 01-07 4, Thu 01-08 5
	// → Thu 2009-01-08 17:30 CST.
	notice0 = cob(2009, time.January, 8)

	// Decision, promised 15 working days from Wed 2008-12-31: 元旦 Thu 01-01..Sat 01-03 not
	// counted; Sun 01-04 (调休) 1, Mon 01-05 2, Tue 01-06 3, Wed 01-07 4, Thu 01-08 5,
	// Fri 01-09 6, (Sat/Sun 01-10/11), Mon 01-12 7, Tue 01-13 8, Wed 01-14 9, Thu 01-15 10,
	// Fri 01-16 11, (Sat/Sun 01-17/18), Mon 01-19 12, Tue 01-20 13, Wed 01-21 14,
	// Thu 01-22 15 → Thu 2009-01-22 17:30 CST.
	due0 = cob(2009, time.January, 22)

	// Co-approver environmental protection, 5 working days from Wed 2008-12-31: as the notice
	// → Thu 2009-01-08 17:30 CST.
	envDue0 = cob(2009, time.January, 8)
	// Co-approver land, 10 working days from Wed 2008-12-31: ... Thu 01-08 5, Fri 01-09 6,
	// Mon 01-12 7, Tue 01-13 8, Wed 01-14 9, Thu 01-15 10 → Thu 2009-01-15 17:30 CST.
	landDue0 = cob(2009, time.January, 15)
)

// pending0 is the base case, accepted on receipt r0, looked at before its deadline.
func pending0() deadline.Result {
	return deadline.Result{
		Phase:            v1alpha1.PhaseAccepted,
		NoticeDeadline:   tp(notice0),
		AcceptedAt:       tp(r0),
		DecisionDeadline: tp(due0),
		Next:             due0,
	}
}

func coStatus(envDue, landDue time.Time, envAnswer, landAnswer string) []v1alpha1.CoApprovalStatus {
	return []v1alpha1.CoApprovalStatus{
		{Department: env, Deadline: mtp(envDue), Answer: envAnswer},
		{Department: land, Deadline: mtp(landDue), Answer: landAnswer},
	}
}

// Paths 1, 3 and 4: the decision of a category 3 case accepted on the day of receipt.
func TestDecision(t *testing.T) {
	accepted11 := at(2008, time.December, 31, 11, 0)
	sameDay := func(f *deadline.Facts) { f.Spec.Acceptance.At = mt(accepted11) }
	approve := func(by string, when time.Time) func(*deadline.Facts) {
		return func(f *deadline.Facts) {
			f.Spec.Approval = &v1alpha1.Decision{At: mt(when), By: by, Result: v1alpha1.DecisionApprove}
		}
	}
	silence := func(p v1alpha1.SilencePolicy) func(*deadline.Facts) {
		return func(f *deadline.Facts) { f.Item.SilencePolicy = p }
	}
	noLeader := func(f *deadline.Facts) { f.LeaderInCharge = nil }
	onTime20 := at(2009, time.January, 20, 10, 0)
	late23 := at(2009, time.January, 23, 9, 0)
	timeoutConsent := &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeTimeoutConsent, Method: v1alpha1.DecidedByTimeoutConsent, At: mt(due0)}

	runCases(t, map[string]evalCase{
		"accepted the same day, nothing decided yet": {
			facts: caseFacts(r0, sameDay),
			now:   at(2009, time.January, 5, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(accepted11),
				// Acceptance at 11:00 on Wed 12-31 counts from the same day as receipt: Thu 01-22.
				DecisionDeadline: tp(due0), Next: due0,
			},
		},
		"approved by a person on time": {
			facts: caseFacts(r0, sameDay, approve("li.na", onTime20)),
			now:   at(2009, time.January, 21, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(accepted11),
				DecisionDeadline: tp(due0),
				Decision:         &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "li.na", At: mt(onTime20)},
				OnTime:           boolp(true),
			},
		},
		"rejected by a person on time": {
			facts: caseFacts(r0, sameDay, func(f *deadline.Facts) {
				f.Spec.Approval = &v1alpha1.Decision{At: mt(onTime20), By: "wang.fang", Result: v1alpha1.DecisionReject, Reason: "施工图未经审查"}
			}),
			now: at(2009, time.January, 21, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(accepted11),
				DecisionDeadline: tp(due0),
				Decision:         &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeRejected, Method: v1alpha1.DecidedByPerson, By: "wang.fang", At: mt(onTime20)},
				OnTime:           boolp(true),
			},
		},
		"approved at the deadline itself is on time": {
			facts: caseFacts(r0, sameDay, approve("li.na", due0)),
			now:   due0.Add(time.Hour),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(accepted11),
				DecisionDeadline: tp(due0),
				Decision:         &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "li.na", At: mt(due0)},
				OnTime:           boolp(true),
			},
		},
		"approved by a person late (silence decides nothing)": {
			facts: caseFacts(r0, sameDay, silence(v1alpha1.SilenceNone), approve("li.na", late23)),
			now:   at(2009, time.January, 23, 10, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(accepted11),
				DecisionDeadline: tp(due0),
				Decision:         &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "li.na", At: mt(late23)},
				OnTime:           boolp(false),
				Findings:         findings(v1alpha1.ConditionDeadlineExceeded),
			},
			messages: map[string][]string{v1alpha1.ConditionDeadlineExceeded: {
				"Case case-001 (JS-003 建筑工程施工许可, 建设局) was decided on 2009-01-23 09:00 CST, after its deadline, 2009-01-22 17:30 CST",
				"leader in charge 张伟 answers for it",
			}},
		},
		"reviewed, not yet approved": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Spec.Review = &v1alpha1.Opinion{At: mt(at(2009, time.January, 12, 15, 0)), By: "wang.fang", Opinion: "材料齐全，同意"}
			}),
			now: at(2009, time.January, 13, 9, 0),
			want: func() deadline.Result {
				r := pending0()
				r.Phase = v1alpha1.PhaseReviewed
				return r
			}(),
		},
		"consent: silence at the deadline is timeout consent": {
			facts: caseFacts(r0),
			now:   due0,
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due0),
				Decision: timeoutConsent,
				Liable:   []string{lead},
				Findings: findings(v1alpha1.ConditionDecidedByTimeoutConsent),
			},
			ignoreOnTime: true,
			messages: map[string][]string{v1alpha1.ConditionDecidedByTimeoutConsent: {
				"Nobody decided " + label + " by its deadline, 2009-01-22 17:30 CST",
				"approved by timeout consent (超时默许), not by a person",
				"recorded against construction; leader in charge 张伟 answers for it",
			}},
		},
		"consent: first look long after the deadline fires at the deadline": {
			facts: caseFacts(r0),
			now:   at(2009, time.March, 2, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due0),
				Decision: timeoutConsent,
				Liable:   []string{lead},
				Findings: findings(v1alpha1.ConditionDecidedByTimeoutConsent),
			},
			ignoreOnTime: true,
		},
		"consent with silent co-approvers: the case's timeout comes first": {
			facts: caseFacts(r0, withCoApprovers),
			now:   due0,
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due0),
				CoApprovals: coStatus(envDue0, landDue0, "TimeoutConsent", "TimeoutConsent"),
				Decision:    timeoutConsent,
				Liable:      []string{lead, env, land},
				Findings:    findings(v1alpha1.ConditionDecidedByTimeoutConsent, v1alpha1.ConditionCoApproverTimedOut),
			},
			ignoreOnTime: true,
		},
		"consent without a leader in charge": {
			facts: caseFacts(r0, noLeader),
			now:   due0,
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due0),
				Decision: timeoutConsent,
				Liable:   []string{lead},
				Findings: findings(v1alpha1.ConditionDecidedByTimeoutConsent),
			},
			ignoreOnTime: true,
			messages: map[string][]string{v1alpha1.ConditionDecidedByTimeoutConsent: {
				"the department names no leader in charge (spec.leaderInCharge)",
			}},
		},
		"refusal: silence at the deadline is deemed refusal": {
			facts: caseFacts(r0, silence(v1alpha1.SilenceRefusal)),
			now:   due0,
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due0),
				Decision: &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeDeemedRefused, Method: v1alpha1.DecidedByDeemedRefusal, At: mt(due0)},
				Liable:   []string{lead},
				Findings: findings(v1alpha1.ConditionDeemedRefused),
			},
			ignoreOnTime: true,
			messages: map[string][]string{v1alpha1.ConditionDeemedRefused: {
				"Nobody decided " + label + " by its deadline, 2009-01-22 17:30 CST",
				"silence policy is refusal, so the application is deemed refused",
				"leader in charge 张伟 answers for it",
			}},
		},
		"none: silence at the deadline decides nothing, the leader in charge answers": {
			facts: caseFacts(r0, silence(v1alpha1.SilenceNone)),
			now:   due0,
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due0),
				Findings: findings(v1alpha1.ConditionDeadlineExceeded),
			},
			messages: map[string][]string{v1alpha1.ConditionDeadlineExceeded: {
				"Case case-001 (JS-003 建筑工程施工许可, 建设局) passed its deadline, 2009-01-22 17:30 CST, with no decision",
				"silence decides nothing for item JS-003: decide it now; leader in charge 张伟 answers for it",
			}},
		},
		"none: no leader in charge named": {
			facts: caseFacts(r0, silence(v1alpha1.SilenceNone), noLeader),
			now:   due0.Add(48 * time.Hour),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due0),
				Findings: findings(v1alpha1.ConditionDeadlineExceeded),
			},
			messages: map[string][]string{v1alpha1.ConditionDeadlineExceeded: {
				"decide it now; the department names no leader in charge (spec.leaderInCharge)",
			}},
		},
		"consent: one nanosecond before the deadline nothing fires": {
			facts: caseFacts(r0),
			now:   due0.Add(-time.Nanosecond),
			want:  pending0(),
		},
		"refusal: one nanosecond before the deadline nothing fires": {
			facts: caseFacts(r0, silence(v1alpha1.SilenceRefusal)),
			now:   due0.Add(-time.Nanosecond),
			want:  pending0(),
		},
		"none: one nanosecond before the deadline nothing fires": {
			facts: caseFacts(r0, silence(v1alpha1.SilenceNone)),
			now:   due0.Add(-time.Nanosecond),
			want:  pending0(),
		},
		// Path 4: a recorded decision is final.
		"recorded timeout consent stays against a later approval in spec": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Recorded.Decision = timeoutConsent.DeepCopy()
				f.Spec.Approval = &v1alpha1.Decision{At: mt(late23), By: "li.na", Result: v1alpha1.DecisionReject, Reason: "补正后不符合条件"}
			}),
			now: at(2009, time.January, 23, 10, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due0),
				Decision: timeoutConsent,
				Liable:   []string{lead},
				Findings: findings(v1alpha1.ConditionDecidedByTimeoutConsent),
			},
			ignoreOnTime: true,
		},
		"recorded person decision stays when spec says otherwise": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Recorded.Decision = &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "li.na", At: mt(onTime20)}
				f.Spec.Approval = &v1alpha1.Decision{At: mt(late23), By: "wang.fang", Result: v1alpha1.DecisionReject, Reason: "重新审查"}
			}),
			now: at(2009, time.February, 10, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due0),
				Decision: &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "li.na", At: mt(onTime20)},
				OnTime:   boolp(true),
			},
		},
		"recorded decision stays at an earlier now": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Recorded.Decision = &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "li.na", At: mt(onTime20)}
				f.Spec.Approval = &v1alpha1.Decision{At: mt(onTime20), By: "li.na", Result: v1alpha1.DecisionApprove}
			}),
			now: at(2009, time.January, 2, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due0),
				Decision: &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "li.na", At: mt(onTime20)},
				OnTime:   boolp(true),
			},
		},
	})
}

// A recorded decision does not change whatever spec.approval and now say.
func TestRecordedDecisionIsFinal(t *testing.T) {
	cal := cnMainland(t)
	recorded := &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeDeemedRefused, Method: v1alpha1.DecidedByDeemedRefusal, At: mt(due0)}
	approvals := map[string]*v1alpha1.Decision{
		"none":          nil,
		"later approve": {At: mt(at(2009, time.January, 23, 9, 0)), By: "li.na", Result: v1alpha1.DecisionApprove},
		"later reject":  {At: mt(at(2009, time.February, 2, 9, 0)), By: "wang.fang", Result: v1alpha1.DecisionReject, Reason: "不符合条件"},
	}
	nows := []time.Time{r0, at(2009, time.January, 10, 9, 0), due0, at(2009, time.June, 1, 9, 0)}
	for name, a := range approvals {
		for _, now := range nows {
			f := caseFacts(r0, func(f *deadline.Facts) {
				f.Item.SilencePolicy = v1alpha1.SilenceRefusal
				f.Recorded.Decision = recorded.DeepCopy()
				f.Spec.Approval = a
			})
			got, err := deadline.Evaluate(f, cal, now)
			if err != nil {
				t.Fatalf("%s at %s: %v", name, now, err)
			}
			if diff := cmp.Diff(recorded, got.Decision); diff != "" {
				t.Errorf("%s at %s: decision (-want +got):\n%s", name, now, diff)
			}
			if got.Phase != v1alpha1.PhaseDecided || !got.Next.IsZero() {
				t.Errorf("%s at %s: phase %s next %v, want Decided and nothing to look at", name, now, got.Phase, got.Next)
			}
		}
	}
}

// Path 2: the one-time notice (一次告知, Art. 32).
func TestAcceptance(t *testing.T) {
	// Received Mon 2025-03-03 09:00 with the form only.
	r := at(2025, time.March, 3, 9, 0)
	// Notice limit from Mon 03-03: Tue 03-04 1, Wed 03-05 2, Thu 03-06 3, Fri 03-07 4,
	// Mon 03-10 5 → Mon 2025-03-10 17:30 CST.
	notice := cob(2025, time.March, 10)
	partial := func(f *deadline.Facts) {
		f.Spec.MaterialsSubmitted = []string{matForm}
		f.Spec.Acceptance = nil
	}
	noticeOf := func(when time.Time, missing ...string) func(*deadline.Facts) {
		return func(f *deadline.Facts) {
			f.Spec.CorrectionNotice = &v1alpha1.CorrectionNotice{At: mt(when), By: "li.na", Missing: missing}
		}
	}
	completed := func(when time.Time) func(*deadline.Facts) {
		return func(f *deadline.Facts) { f.Spec.MaterialsCompletedAt = mtp(when) }
	}
	completedAt := at(2025, time.March, 7, 15, 0)
	// Decision, 15 working days from the completion on Fri 03-07: Mon 03-10 1, Tue 11 2,
	// Wed 12 3, Thu 13 4, Fri 14 5, Mon 17 6, Tue 18 7, Wed 19 8, Thu 20 9, Fri 21 10,
	// Mon 24 11, Tue 25 12, Wed 26 13, Thu 27 14, Fri 28 15 → Fri 2025-03-28 17:30 CST.
	dueCompleted := cob(2025, time.March, 28)
	acceptedAt := at(2025, time.March, 6, 10, 0)
	// Decision, 15 working days from the acceptance on Thu 03-06: Fri 03-07 1, Mon 10 2,
	// Tue 11 3, Wed 12 4, Thu 13 5, Fri 14 6, Mon 17 7, Tue 18 8, Wed 19 9, Thu 20 10,
	// Fri 21 11, Mon 24 12, Tue 25 13, Wed 26 14, Thu 27 15 → Thu 2025-03-27 17:30 CST.
	dueAccepted := cob(2025, time.March, 27)

	// A notice at the last moment of its limit, Thu 2009-01-08 17:30, is in time; materials
	// completed Fri 2009-01-09 10:00. Decision, 15 working days from Fri 01-09: Mon 01-12 1,
	// Tue 13 2, Wed 14 3, Thu 15 4, Fri 16 5, Mon 19 6, Tue 20 7, Wed 21 8, Thu 22 9,
	// Fri 23 10, Sat 01-24 (春节调休) 11, Sun 01-25..Sat 01-31 春节 not counted,
	// Sun 02-01 (春节调休) 12, Mon 02-02 13, Tue 02-03 14, Wed 02-04 15
	// → Wed 2009-02-04 17:30 CST.
	lastMomentDue := cob(2009, time.February, 4)

	runCases(t, map[string]evalCase{
		"timely notice, then materials completed: accepted at completion": {
			facts: caseFacts(r, partial, noticeOf(at(2025, time.March, 4, 10, 0), matDrawings, matBid), completed(completedAt)),
			now:   at(2025, time.March, 12, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice), AcceptedAt: tp(completedAt),
				DecisionDeadline: tp(dueCompleted), Next: dueCompleted,
			},
		},
		"timely notice, then formal acceptance": {
			facts: caseFacts(r, partial, noticeOf(r, matDrawings, matBid), func(f *deadline.Facts) {
				f.Spec.Acceptance = &v1alpha1.Act{At: mt(acceptedAt), By: "li.na"}
			}),
			now: at(2025, time.March, 12, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice), AcceptedAt: tp(acceptedAt),
				DecisionDeadline: tp(dueAccepted), Next: dueAccepted,
			},
		},
		"timely notice, materials still missing: awaiting, nothing runs": {
			facts: caseFacts(r, partial, noticeOf(at(2025, time.March, 4, 10, 0), matDrawings, matBid)),
			now:   at(2025, time.April, 30, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAwaitingMaterials, NoticeDeadline: tp(notice),
			},
		},
		"notice leaves out a missing material": {
			facts: caseFacts(r, partial, noticeOf(at(2025, time.March, 4, 10, 0), matDrawings)),
			now:   at(2025, time.March, 5, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAwaitingMaterials, NoticeDeadline: tp(notice),
				Findings: findings(v1alpha1.ConditionNoticeIncomplete),
			},
			messages: map[string][]string{v1alpha1.ConditionNoticeIncomplete: {
				"The correction notice of " + label + " left out missing materials: 中标通知书.",
				"一次告知",
			}},
		},
		"late notice across the 2009 New Year holiday: deemed accepted on receipt": {
			// Notice on Fri 2009-01-09 09:00, after the limit Thu 01-08 17:30 (walk at notice0).
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Spec.MaterialsSubmitted = []string{matForm, matDrawings}
				f.Spec.Acceptance = nil
			}, noticeOf(at(2009, time.January, 9, 9, 0), matBid), completed(at(2009, time.January, 12, 10, 0))),
			now: at(2009, time.January, 12, 11, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0),
				DecisionDeadline: tp(due0), Next: due0,
				Findings: findings(v1alpha1.ConditionDeemedAccepted),
			},
			messages: map[string][]string{v1alpha1.ConditionDeemedAccepted: {
				"had its correction notice on 2009-01-09 09:00 CST, after the 5-working-day limit of 2009-01-08 17:30 CST",
				"counts as accepted on the day it arrived, 2008-12-31 10:00 CST (Art. 32)",
			}},
		},
		"notice at the last moment of its limit is in time": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Spec.MaterialsSubmitted = []string{matForm, matDrawings}
				f.Spec.Acceptance = nil
			}, noticeOf(notice0, matBid), completed(at(2009, time.January, 9, 10, 0))),
			now: at(2009, time.January, 10, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(at(2009, time.January, 9, 10, 0)),
				DecisionDeadline: tp(lastMomentDue), Next: lastMomentDue,
			},
		},
		"no notice while materials missing, at the notice deadline: deemed accepted": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Spec.MaterialsSubmitted = []string{matForm}
				f.Spec.Acceptance = nil
			}),
			now: notice0,
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0),
				DecisionDeadline: tp(due0), Next: due0,
				Findings: findings(v1alpha1.ConditionDeemedAccepted),
			},
			messages: map[string][]string{v1alpha1.ConditionDeemedAccepted: {
				"lacked 施工图审查合格书, 中标通知书 and had no correction notice by 2009-01-08 17:30 CST",
				"2008-12-31 10:00 CST",
			}},
		},
		"no notice while materials missing, long after: deadlines run from receipt": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Spec.MaterialsSubmitted = nil
				f.Spec.Acceptance = nil
				f.Item.SilencePolicy = v1alpha1.SilenceNone
			}),
			now: at(2009, time.January, 23, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0),
				DecisionDeadline: tp(due0),
				Findings:         findings(v1alpha1.ConditionDeadlineExceeded, v1alpha1.ConditionDeemedAccepted),
			},
			messages: map[string][]string{v1alpha1.ConditionDeemedAccepted: {"lacked 申请表, 施工图审查合格书, 中标通知书"}},
		},
		"complete but never formally accepted: deemed accepted": {
			facts: caseFacts(r0, func(f *deadline.Facts) { f.Spec.Acceptance = nil }),
			now:   at(2009, time.January, 9, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0),
				DecisionDeadline: tp(due0), Next: due0,
				Findings: findings(v1alpha1.ConditionDeemedAccepted),
			},
			messages: map[string][]string{v1alpha1.ConditionDeemedAccepted: {"was complete but not accepted by 2009-01-08 17:30 CST"}},
		},
		"formal acceptance after the notice limit: deemed accepted on receipt": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Spec.Acceptance = &v1alpha1.Act{At: mt(at(2009, time.January, 9, 10, 0)), By: "li.na"}
			}),
			now: at(2009, time.January, 9, 11, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0),
				DecisionDeadline: tp(due0), Next: due0,
				Findings: findings(v1alpha1.ConditionDeemedAccepted),
			},
			messages: map[string][]string{v1alpha1.ConditionDeemedAccepted: {"was complete but not accepted by 2009-01-08 17:30 CST"}},
		},
		"formal acceptance at the notice limit is in time": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Spec.Acceptance = &v1alpha1.Act{At: mt(notice0), By: "li.na"}
			}),
			now: notice0,
			// 15 working days from Thu 01-08: Fri 01-09 1, Mon 12 2, Tue 13 3, Wed 14 4,
			// Thu 15 5, Fri 16 6, Mon 19 7, Tue 20 8, Wed 21 9, Thu 22 10, Fri 23 11,
			// Sat 01-24 (调休) 12, 春节 01-25..01-31, Sun 02-01 (调休) 13, Mon 02-02 14,
			// Tue 02-03 15 → Tue 2009-02-03 17:30 CST.
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(notice0),
				DecisionDeadline: tp(cob(2009, time.February, 3)), Next: cob(2009, time.February, 3),
			},
		},
		"before the notice deadline, materials missing, no notice: received": {
			facts: caseFacts(r0, func(f *deadline.Facts) {
				f.Spec.MaterialsSubmitted = []string{matForm}
				f.Spec.Acceptance = nil
			}),
			now:  notice0.Add(-time.Nanosecond),
			want: deadline.Result{Phase: v1alpha1.PhaseReceived, NoticeDeadline: tp(notice0), Next: notice0},
		},
		"before the notice deadline, complete, not yet accepted: received": {
			facts: caseFacts(r0, func(f *deadline.Facts) { f.Spec.Acceptance = nil }),
			now:   r0,
			want:  deadline.Result{Phase: v1alpha1.PhaseReceived, NoticeDeadline: tp(notice0), Next: notice0},
		},
	})
}

// Path 5: category 1 and 2 items are decided on the day of receipt (即来即办).
func TestOnTheSpot(t *testing.T) {
	spot := func(f *deadline.Facts) { f.Item = onTheSpotItem() }
	category2Promised1 := func(f *deadline.Facts) {
		f.Item = onTheSpotItem()
		f.Item.Category, f.Item.PromisedLimitDays = 2, 1
	}
	approve := func(when time.Time) func(*deadline.Facts) {
		return func(f *deadline.Facts) {
			f.Spec.Approval = &v1alpha1.Decision{At: mt(when), By: "li.na", Result: v1alpha1.DecisionApprove}
		}
	}
	const spotLabel = "case case-001 (JS-001 建筑业企业资质证书变更, 建设局)"

	// Received Wed 2025-03-05 10:00, a working day: on the spot by Wed 03-05 17:30 CST.
	// Notice limit: Thu 03-06 1, Fri 07 2, Mon 10 3, Tue 11 4, Wed 12 5 → Wed 2025-03-12 17:30.
	r := at(2025, time.March, 5, 10, 0)
	sameDay := cob(2025, time.March, 5)
	notice := cob(2025, time.March, 12)

	// Received on the 元旦 holiday, Sat 2009-01-03: the first working day is the adjusted
	// Sunday 01-04 (元旦调休) → on the spot by Sun 2009-01-04 17:30 CST. Notice limit: Sun 01-04 1,
	// Mon 05 2, Tue 06 3, Wed 07 4, Thu 08 5 → Thu 2009-01-08 17:30.
	rSat := at(2009, time.January, 3, 10, 0)
	// Received on the adjusted working Sunday 2009-01-04 itself: on the spot by 01-04 17:30.
	// Notice limit: Mon 01-05 1, Tue 06 2, Wed 07 3, Thu 08 4, Fri 09 5 → Fri 2009-01-09 17:30.
	rSun := at(2009, time.January, 4, 9, 0)
	sun0104 := cob(2009, time.January, 4)
	// Received on an ordinary Saturday 2025-03-08: on the spot by Mon 2025-03-10 17:30.
	// Notice limit: Mon 03-10 1, Tue 11 2, Wed 12 3, Thu 13 4, Fri 14 5 → Fri 2025-03-14 17:30.
	rSat25 := at(2025, time.March, 8, 10, 0)

	runCases(t, map[string]evalCase{
		"decided the same day": {
			facts: caseFacts(r, spot, approve(at(2025, time.March, 5, 15, 0))),
			now:   at(2025, time.March, 5, 15, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice), AcceptedAt: tp(r),
				OnTheSpotDeadline: tp(sameDay), DecisionDeadline: tp(sameDay),
				Decision: &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "li.na", At: mt(at(2025, time.March, 5, 15, 0))},
				OnTime:   boolp(true),
			},
		},
		"waiting at the window": {
			facts: caseFacts(r, spot),
			now:   at(2025, time.March, 5, 12, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice), AcceptedAt: tp(r),
				OnTheSpotDeadline: tp(sameDay), DecisionDeadline: tp(sameDay), Next: sameDay,
			},
		},
		"not decided by close of business": {
			facts: caseFacts(r, spot),
			now:   sameDay,
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice), AcceptedAt: tp(r),
				OnTheSpotDeadline: tp(sameDay), DecisionDeadline: tp(sameDay),
				Findings: findings(v1alpha1.ConditionDeadlineExceeded, v1alpha1.ConditionOnTheSpotMissed),
			},
			messages: map[string][]string{v1alpha1.ConditionOnTheSpotMissed: {
				"Item JS-001 is category 1, decided while the applicant waits (即来即办), but " + spotLabel + " was not decided by 2025-03-05 17:30 CST.",
			}},
		},
		"decided the next day": {
			facts: caseFacts(r, spot, approve(at(2025, time.March, 6, 9, 30))),
			now:   at(2025, time.March, 6, 9, 30),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice), AcceptedAt: tp(r),
				OnTheSpotDeadline: tp(sameDay), DecisionDeadline: tp(sameDay),
				Decision: &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "li.na", At: mt(at(2025, time.March, 6, 9, 30))},
				OnTime:   boolp(false),
				Findings: findings(v1alpha1.ConditionDeadlineExceeded, v1alpha1.ConditionOnTheSpotMissed),
			},
			messages: map[string][]string{
				v1alpha1.ConditionDeadlineExceeded: {"was decided on 2025-03-06 09:30 CST, after its deadline, 2025-03-05 17:30 CST"},
				v1alpha1.ConditionOnTheSpotMissed:  {"was not decided by 2025-03-05 17:30 CST"},
			},
		},
		"category 2 promising 1 day, not decided on the day": {
			// Decision, 1 working day from Wed 03-05: Thu 03-06 1 → Thu 2025-03-06 17:30.
			facts: caseFacts(r, category2Promised1),
			now:   sameDay,
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice), AcceptedAt: tp(r),
				OnTheSpotDeadline: tp(sameDay), DecisionDeadline: tp(cob(2025, time.March, 6)),
				Next:     cob(2025, time.March, 6),
				Findings: findings(v1alpha1.ConditionOnTheSpotMissed),
			},
			messages: map[string][]string{v1alpha1.ConditionOnTheSpotMissed: {"is category 2"}},
		},
		"received on the holiday Saturday 2009-01-03: due on the adjusted Sunday": {
			facts: caseFacts(rSat, spot),
			now:   at(2009, time.January, 3, 11, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(rSat),
				OnTheSpotDeadline: tp(sun0104), DecisionDeadline: tp(sun0104), Next: sun0104,
			},
		},
		"received Saturday 2009-01-03, decided on the adjusted Sunday": {
			facts: caseFacts(rSat, spot, approve(at(2009, time.January, 4, 16, 0))),
			now:   at(2009, time.January, 4, 16, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(rSat),
				OnTheSpotDeadline: tp(sun0104), DecisionDeadline: tp(sun0104),
				Decision: &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "li.na", At: mt(at(2009, time.January, 4, 16, 0))},
				OnTime:   boolp(true),
			},
		},
		"received on the adjusted working Sunday 2009-01-04, decided that day": {
			facts: caseFacts(rSun, spot, approve(at(2009, time.January, 4, 17, 0))),
			now:   at(2009, time.January, 5, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(cob(2009, time.January, 9)), AcceptedAt: tp(rSun),
				OnTheSpotDeadline: tp(sun0104), DecisionDeadline: tp(sun0104),
				Decision: &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "li.na", At: mt(at(2009, time.January, 4, 17, 0))},
				OnTime:   boolp(true),
			},
		},
		"received on the adjusted working Sunday 2009-01-04, not decided that day": {
			facts: caseFacts(rSun, spot),
			now:   sun0104,
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(cob(2009, time.January, 9)), AcceptedAt: tp(rSun),
				OnTheSpotDeadline: tp(sun0104), DecisionDeadline: tp(sun0104),
				Findings: findings(v1alpha1.ConditionDeadlineExceeded, v1alpha1.ConditionOnTheSpotMissed),
			},
		},
		"received on an ordinary Saturday: due Monday, missed": {
			facts: caseFacts(rSat25, spot),
			now:   cob(2025, time.March, 10),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(cob(2025, time.March, 14)), AcceptedAt: tp(rSat25),
				OnTheSpotDeadline: tp(cob(2025, time.March, 10)), DecisionDeadline: tp(cob(2025, time.March, 10)),
				Findings: findings(v1alpha1.ConditionDeadlineExceeded, v1alpha1.ConditionOnTheSpotMissed),
			},
			messages: map[string][]string{v1alpha1.ConditionOnTheSpotMissed: {"was not decided by 2025-03-10 17:30 CST"}},
		},
	})
}

// Path 6: one review, one approval (一审一核) and who may decide.
func TestSegregationAndDeciders(t *testing.T) {
	// All acts fall before the deadline Thu 2009-01-22 17:30 (walk at due0).
	reviewThenApprove := func(f *deadline.Facts) { f.Item.ReviewMode = v1alpha1.ReviewThenApprove }
	review := func(by string, when time.Time) func(*deadline.Facts) {
		return func(f *deadline.Facts) {
			f.Spec.Review = &v1alpha1.Opinion{At: mt(when), By: by, Opinion: "同意"}
		}
	}
	approve := func(by string, when time.Time) func(*deadline.Facts) {
		return func(f *deadline.Facts) {
			f.Spec.Approval = &v1alpha1.Decision{At: mt(when), By: by, Result: v1alpha1.DecisionApprove}
		}
	}
	rev := at(2009, time.January, 14, 10, 0)
	app := at(2009, time.January, 15, 10, 0)
	now := at(2009, time.January, 16, 12, 0)
	decided := func(by string, when time.Time, types ...string) deadline.Result {
		return deadline.Result{
			Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due0),
			Decision: &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: by, At: mt(when)},
			OnTime:   boolp(true),
			Findings: findings(types...),
		}
	}
	const seg, unauth = v1alpha1.ConditionSegregationViolated, v1alpha1.ConditionUnauthorizedDecider

	runCases(t, map[string]evalCase{
		"two people review and approve": {
			facts: caseFacts(r0, reviewThenApprove, review("wang.fang", rev), approve("li.na", app)),
			now:   now,
			want:  decided("li.na", app),
		},
		"the same person reviews and approves": {
			facts: caseFacts(r0, reviewThenApprove, review("wang.fang", rev), approve("wang.fang", app)),
			now:   now,
			want:  decided("wang.fang", app, seg),
			messages: map[string][]string{seg: {
				"Item JS-003 requires one review and one approval by two people (一审一核), but wang.fang both reviewed and approved it",
				"(" + label + ")",
			}},
		},
		"approval without a review": {
			facts: caseFacts(r0, reviewThenApprove, approve("li.na", app)),
			now:   now,
			want:  decided("li.na", app, seg),
			messages: map[string][]string{seg: {
				"but it was approved by li.na without a review",
			}},
		},
		"a single decider needs no review": {
			facts: caseFacts(r0, approve("li.na", app)),
			now:   now,
			want:  decided("li.na", app),
		},
		"review alone is no violation yet": {
			facts: caseFacts(r0, reviewThenApprove, review("wang.fang", rev)),
			now:   now,
			want: func() deadline.Result {
				r := pending0()
				r.Phase = v1alpha1.PhaseReviewed
				return r
			}(),
		},
		"approver not on the section's staff": {
			facts: caseFacts(r0, reviewThenApprove, review("wang.fang", rev), approve("chen.jie", app)),
			now:   now,
			want:  decided("chen.jie", app, unauth),
			messages: map[string][]string{unauth: {
				"Only formal, certified staff of the responsible section decide cases: on " + label + ", approver chen.jie is not on the staff of 建设局's section.",
			}},
		},
		"temporary approver": {
			facts: caseFacts(r0, reviewThenApprove, review("wang.fang", rev), approve("zhao.lei", app)),
			now:   now,
			want:  decided("zhao.lei", app, unauth),
			messages: map[string][]string{unauth: {
				"approver zhao.lei (赵磊) is temporary staff",
			}},
		},
		"approver's certificate expired the day before the act": {
			// sun.li's certificate's last day is 2009-01-15; she approves on Fri 01-16.
			facts: caseFacts(r0, reviewThenApprove, review("wang.fang", rev), approve("sun.li", at(2009, time.January, 16, 9, 0))),
			now:   now,
			want:  decided("sun.li", at(2009, time.January, 16, 9, 0), unauth),
			messages: map[string][]string{unauth: {
				"approver sun.li (孙丽) had no valid law-enforcement certificate on that day",
			}},
		},
		"approver acts on the certificate's last day": {
			facts: caseFacts(r0, reviewThenApprove, review("wang.fang", rev), approve("sun.li", at(2009, time.January, 15, 17, 0))),
			now:   now,
			want:  decided("sun.li", at(2009, time.January, 15, 17, 0)),
		},
		"approver without a certificate": {
			facts: caseFacts(r0, reviewThenApprove, review("wang.fang", rev), approve("zhou.min", app)),
			now:   now,
			want:  decided("zhou.min", app, unauth),
			messages: map[string][]string{unauth: {
				"approver zhou.min (周敏) had no valid law-enforcement certificate on that day",
			}},
		},
		"unauthorized reviewer and approver in one finding": {
			facts: caseFacts(r0, reviewThenApprove, review("zhao.lei", rev), approve("chen.jie", app)),
			now:   now,
			want:  decided("chen.jie", app, unauth),
			messages: map[string][]string{unauth: {
				"reviewer zhao.lei (赵磊) is temporary staff; approver chen.jie is not on the staff of 建设局's section",
			}},
		},
		"an outsider reviews and approves alone": {
			facts: caseFacts(r0, reviewThenApprove, review("chen.jie", rev), approve("chen.jie", app)),
			now:   now,
			want:  decided("chen.jie", app, seg, unauth),
			messages: map[string][]string{
				seg:    {"chen.jie both reviewed and approved it"},
				unauth: {"reviewer chen.jie is not on the staff of 建设局's section; approver chen.jie is not on the staff"},
			},
		},
	})
}

// Path 7: parallel approval (并联审批) with timeout consent of silent co-approvers.
func TestCoApprovals(t *testing.T) {
	answer := func(dept string, res v1alpha1.OpinionResult, when time.Time) func(*deadline.Facts) {
		return func(f *deadline.Facts) {
			a := v1alpha1.CoApproval{Department: dept, At: mt(when), By: dept + ".officer", Result: res}
			if res == v1alpha1.OpinionDisagree {
				a.Reason = "选址不符合规划"
			}
			f.Spec.CoApprovals = append(f.Spec.CoApprovals, a)
		}
	}
	with := func(co []v1alpha1.CoApprovalStatus, next time.Time, liable []string, types ...string) deadline.Result {
		r := pending0()
		r.CoApprovals, r.Next, r.Liable, r.Findings = co, next, liable, findings(types...)
		return r
	}
	envAgree := answer(env, v1alpha1.OpinionAgree, at(2009, time.January, 7, 10, 0))
	const timedOut = v1alpha1.ConditionCoApproverTimedOut

	runCases(t, map[string]evalCase{
		"both pending: look again at the earlier co-approver deadline": {
			facts: caseFacts(r0, withCoApprovers),
			now:   at(2009, time.January, 5, 9, 0),
			want:  with(coStatus(envDue0, landDue0, "", ""), envDue0, nil),
		},
		"one answered, the other pending": {
			facts: caseFacts(r0, withCoApprovers, envAgree),
			now:   at(2009, time.January, 7, 11, 0),
			want:  with(coStatus(envDue0, landDue0, "Agree", ""), landDue0, nil),
		},
		"one agrees, the other silent past its deadline": {
			facts: caseFacts(r0, withCoApprovers, envAgree),
			now:   at(2009, time.January, 16, 9, 0),
			want:  with(coStatus(envDue0, landDue0, "Agree", "TimeoutConsent"), due0, []string{land}, timedOut),
			messages: map[string][]string{timedOut: {
				"Co-approving department land stayed silent past the limit on " + label + " and is deemed to consent (超时默许)",
				"the silence is recorded against land.",
			}},
		},
		"silent at exactly its deadline: timeout consent": {
			facts: caseFacts(r0, withCoApprovers),
			now:   envDue0,
			want:  with(coStatus(envDue0, landDue0, "TimeoutConsent", ""), landDue0, []string{env}, timedOut),
		},
		"one nanosecond before its deadline: still pending": {
			facts: caseFacts(r0, withCoApprovers),
			now:   envDue0.Add(-time.Nanosecond),
			want:  with(coStatus(envDue0, landDue0, "", ""), envDue0, nil),
		},
		"disagreement is an answer, not silence": {
			facts: caseFacts(r0, withCoApprovers, answer(env, v1alpha1.OpinionDisagree, at(2009, time.January, 6, 10, 0)),
				answer(land, v1alpha1.OpinionAgree, at(2009, time.January, 14, 10, 0))),
			now:  at(2009, time.January, 16, 9, 0),
			want: with(coStatus(envDue0, landDue0, "Disagree", "Agree"), due0, nil),
		},
		"both silent past their deadlines": {
			facts: caseFacts(r0, withCoApprovers),
			now:   at(2009, time.January, 16, 9, 0),
			want:  with(coStatus(envDue0, landDue0, "TimeoutConsent", "TimeoutConsent"), due0, []string{env, land}, timedOut),
			messages: map[string][]string{timedOut: {
				"Co-approving departments environmental-protection, land stayed silent",
				"are deemed to consent",
				"recorded against environmental-protection, land.",
			}},
		},
		"recorded timeout consent stays although the spec later has an opinion": {
			facts: caseFacts(r0, withCoApprovers, envAgree, answer(land, v1alpha1.OpinionAgree, at(2009, time.January, 16, 10, 0)),
				func(f *deadline.Facts) {
					f.Recorded.CoApprovals = coStatus(envDue0, landDue0, "Agree", "TimeoutConsent")
				}),
			now:  at(2009, time.January, 19, 9, 0),
			want: with(coStatus(envDue0, landDue0, "Agree", "TimeoutConsent"), due0, []string{land}, timedOut),
		},
		"an opinion from a department that is no co-approver is ignored": {
			facts: caseFacts(r0, withCoApprovers, envAgree, answer("planning", v1alpha1.OpinionAgree, at(2009, time.January, 6, 10, 0))),
			now:   at(2009, time.January, 7, 11, 0),
			want:  with(coStatus(envDue0, landDue0, "Agree", ""), landDue0, nil),
		},
		"not yet accepted: no co-approver clock runs": {
			facts: caseFacts(r0, withCoApprovers, func(f *deadline.Facts) { f.Spec.Acceptance = nil }),
			now:   at(2009, time.January, 5, 9, 0),
			want:  deadline.Result{Phase: v1alpha1.PhaseReceived, NoticeDeadline: tp(notice0), Next: notice0},
		},
	})
}

// Path 8: the one extension (Art. 42), within the item's allowance of 10.
func TestExtension(t *testing.T) {
	extend := func(days int32) func(*deadline.Facts) {
		return func(f *deadline.Facts) {
			f.Spec.Extension = &v1alpha1.CaseExtension{ApprovedBy: "liu.juzhang", At: mt(at(2009, time.January, 20, 9, 0)), Reason: "需现场核查", Days: days}
		}
	}
	now := at(2009, time.January, 21, 9, 0)
	// 15 + 5 = 20 working days from Wed 2008-12-31: ... Thu 01-22 15 (walk at due0),
	// Fri 01-23 16, Sat 01-24 (春节调休) 17, Sun 01-25..Sat 01-31 春节 not counted,
	// Sun 02-01 (春节调休) 18, Mon 02-02 19, Tue 02-03 20 → Tue 2009-02-03 17:30 CST.
	due20 := cob(2009, time.February, 3)
	// 15 + 10 = 25: ... Tue 02-03 20, Wed 02-04 21, Thu 02-05 22, Fri 02-06 23,
	// Mon 02-09 24, Tue 02-10 25 → Tue 2009-02-10 17:30 CST.
	due25 := cob(2009, time.February, 10)
	pendingUntil := func(due time.Time, types ...string) deadline.Result {
		return deadline.Result{
			Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0),
			DecisionDeadline: tp(due), Next: due, Findings: findings(types...),
		}
	}
	const invalid = v1alpha1.ConditionExtensionInvalid

	runCases(t, map[string]evalCase{
		"within the allowance adds its days": {
			facts: caseFacts(r0, extend(5)),
			now:   now,
			want:  pendingUntil(due20),
		},
		"exactly the allowance": {
			facts: caseFacts(r0, extend(10)),
			now:   now,
			want:  pendingUntil(due25),
		},
		"beyond the allowance counts only the allowance": {
			facts: caseFacts(r0, extend(12)),
			now:   now,
			want:  pendingUntil(due25, invalid),
			messages: map[string][]string{invalid: {
				label + " records an extension of 12 working days, but item JS-003 allows at most 10: 10 are counted.",
			}},
		},
		"item allows no extension (none declared)": {
			facts: caseFacts(r0, extend(5), func(f *deadline.Facts) { f.Item.Extension = nil }),
			now:   now,
			want:  pendingUntil(due0, invalid),
			messages: map[string][]string{invalid: {
				label + " records an extension of 5 working days, but item JS-003 allows none: the deadline is counted without it.",
			}},
		},
		"item allows no extension (allowed false)": {
			facts: caseFacts(r0, extend(5), func(f *deadline.Facts) { f.Item.Extension = &v1alpha1.Extension{Allowed: false} }),
			now:   now,
			want:  pendingUntil(due0, invalid),
		},
		"extension moves the timeout consent": {
			facts: caseFacts(r0, extend(5)),
			now:   due0,
			want:  pendingUntil(due20),
		},
	})
}

// Path 9: clock stops (Art. 45) add the working days inside them.
func TestClockStops(t *testing.T) {
	stop := func(reason string, from time.Time, to *time.Time) func(*deadline.Facts) {
		return func(f *deadline.Facts) {
			s := v1alpha1.ClockStop{Reason: reason, From: mt(from)}
			if to != nil {
				s.To = mtp(*to)
			}
			f.Spec.ClockStops = append(f.Spec.ClockStops, s)
		}
	}
	// Testing from Mon 2009-01-05 14:00 to Wed 2009-01-07 10:00: Mon 05, Tue 06, Wed 07 → 3
	// working days.
	testing3 := stop("Testing", at(2009, time.January, 5, 14, 0), tp(at(2009, time.January, 7, 10, 0)))
	// 15 + 3 = 18 from Wed 2008-12-31: ... Thu 01-22 15 (walk at due0), Fri 01-23 16,
	// Sat 01-24 (春节调休) 17, 春节 Sun 01-25..Sat 01-31, Sun 02-01 (春节调休) 18
	// → Sun 2009-02-01 17:30 CST.
	due18 := cob(2009, time.February, 1)
	// Inspection from the 元旦 holiday Sat 2009-01-03 to Mon 2009-01-05: Sat 01-03 holiday,
	// Sun 01-04 (调休) and Mon 01-05 → 2 working days.
	inspection2 := stop("Inspection", at(2009, time.January, 3, 9, 0), tp(at(2009, time.January, 5, 16, 0)))
	// 15 + 2 = 17: ... Fri 01-23 16, Sat 01-24 (春节调休) 17 → Sat 2009-01-24 17:30 CST.
	due17 := cob(2009, time.January, 24)
	// 15 + 3 + 2 = 20: → Tue 2009-02-03 17:30 CST (walk in TestExtension).
	due20 := cob(2009, time.February, 3)
	// An ordinary weekend, Sat 01-10 to Sun 01-11: 0 working days.
	weekend0 := stop("ExpertReview", at(2009, time.January, 10, 9, 0), tp(at(2009, time.January, 11, 18, 0)))
	// Co-approvers with the 3 stopped days: environmental protection 5 + 3 = 8 from
	// Wed 2008-12-31: Sun 01-04 1, Mon 05 2, Tue 06 3, Wed 07 4, Thu 08 5, Fri 09 6,
	// Mon 12 7, Tue 13 8 → Tue 2009-01-13 17:30; land 10 + 3 = 13: ... Thu 01-15 10,
	// Fri 16 11, Mon 19 12, Tue 20 13 → Tue 2009-01-20 17:30.
	envDue8, landDue13 := cob(2009, time.January, 13), cob(2009, time.January, 20)
	open := stop("Hearing", at(2009, time.January, 12, 9, 0), nil)

	pendingUntil := func(due time.Time) deadline.Result {
		return deadline.Result{
			Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0),
			DecisionDeadline: tp(due), Next: due,
		}
	}
	now := at(2009, time.January, 23, 9, 0) // past the unstopped deadline, Thu 01-22 17:30

	runCases(t, map[string]evalCase{
		"closed stop inside a working week": {
			facts: caseFacts(r0, testing3),
			now:   now,
			want:  pendingUntil(due18),
		},
		"closed stop across the New Year holiday": {
			facts: caseFacts(r0, inspection2),
			now:   now,
			want:  pendingUntil(due17),
		},
		"closed stop over a weekend adds nothing": {
			facts: caseFacts(r0, weekend0),
			now:   at(2009, time.January, 21, 9, 0),
			want:  pendingUntil(due0),
		},
		"two closed stops add up": {
			facts: caseFacts(r0, testing3, inspection2),
			now:   now,
			want:  pendingUntil(due20),
		},
		"timeout consent at the stopped deadline": {
			facts: caseFacts(r0, testing3),
			now:   due18,
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0), DecisionDeadline: tp(due18),
				Decision: &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeTimeoutConsent, Method: v1alpha1.DecidedByTimeoutConsent, At: mt(due18)},
				Liable:   []string{lead},
				Findings: findings(v1alpha1.ConditionDecidedByTimeoutConsent),
			},
			ignoreOnTime: true,
			messages:     map[string][]string{v1alpha1.ConditionDecidedByTimeoutConsent: {"by its deadline, 2009-02-01 17:30 CST"}},
		},
		"closed stop moves the co-approvers' deadlines too": {
			facts: caseFacts(r0, withCoApprovers, testing3),
			now:   at(2009, time.January, 9, 9, 0),
			want: func() deadline.Result {
				r := pendingUntil(due18)
				r.CoApprovals = coStatus(envDue8, landDue13, "", "")
				r.Next = envDue8
				return r
			}(),
		},
		"open stop: no decision deadline, no timeout however late": {
			facts: caseFacts(r0, withCoApprovers, testing3, open, func(f *deadline.Facts) {
				f.Spec.CoApprovals = []v1alpha1.CoApproval{{Department: env, At: mt(at(2009, time.January, 7, 10, 0)), By: "hb.officer", Result: v1alpha1.OpinionAgree}}
			}),
			now: at(2009, time.June, 1, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0),
				CoApprovals: []v1alpha1.CoApprovalStatus{{Department: env, Answer: "Agree"}, {Department: land}},
			},
		},
		"open stop with silence refusal: nothing deemed": {
			facts: caseFacts(r0, open, func(f *deadline.Facts) { f.Item.SilencePolicy = v1alpha1.SilenceRefusal }),
			now:   at(2009, time.June, 1, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0),
			},
		},
	})
}

// Paths 10 and 11: withdrawal, and out-of-system intake (体外循环).
func TestWithdrawalAndIntake(t *testing.T) {
	withdraw := func(when time.Time) func(*deadline.Facts) {
		return func(f *deadline.Facts) {
			f.Spec.Withdrawal = &v1alpha1.Withdrawal{At: mt(when), Reason: "项目暂缓"}
		}
	}
	intake := func(ch v1alpha1.IntakeChannel, inCenter bool) func(*deadline.Facts) {
		return func(f *deadline.Facts) {
			f.Spec.Intake.Channel = ch
			f.IntakeInCenter = inCenter
		}
	}
	now := at(2009, time.January, 5, 9, 0)
	const oos = v1alpha1.ConditionOutOfSystem
	pendingOOS := func() deadline.Result {
		r := pending0()
		r.Findings = findings(oos)
		return r
	}

	runCases(t, map[string]evalCase{
		"withdrawn while pending, looked at after the deadline": {
			facts: caseFacts(r0, withCoApprovers, withdraw(at(2009, time.January, 10, 9, 0))),
			now:   at(2009, time.January, 30, 9, 0),
			want: deadline.Result{
				Phase: v1alpha1.PhaseWithdrawn, NoticeDeadline: tp(notice0), AcceptedAt: tp(r0),
			},
		},
		"withdrawn before acceptance: nothing to look at": {
			facts: caseFacts(r0, withdraw(at(2009, time.January, 5, 8, 0)), func(f *deadline.Facts) {
				f.Spec.MaterialsSubmitted = []string{matForm}
				f.Spec.Acceptance = nil
			}),
			now:  now,
			want: deadline.Result{Phase: v1alpha1.PhaseWithdrawn, NoticeDeadline: tp(notice0)},
		},
		"received at the department's own office": {
			facts: caseFacts(r0, intake(v1alpha1.IntakeDepartmentOffice, false)),
			now:   now,
			want:  pendingOOS(),
			messages: map[string][]string{oos: {
				label + " was received through channel DepartmentOffice, outside the Center's windows (体外循环)",
				"receive it again at 建设局's window.",
			}},
		},
		"received through another channel": {
			facts:    caseFacts(r0, intake(v1alpha1.IntakeOther, false)),
			now:      now,
			want:     pendingOOS(),
			messages: map[string][]string{oos: {"through channel Other"}},
		},
		"received at a window that is not in the center": {
			facts: caseFacts(r0, intake(v1alpha1.IntakeWindow, false)),
			now:   now,
			want:  pendingOOS(),
			messages: map[string][]string{oos: {
				`at window "w-construction-1", which is not a window of center "county-center"`,
			}},
		},
		"department office even if the window exists": {
			facts: caseFacts(r0, intake(v1alpha1.IntakeDepartmentOffice, true)),
			now:   now,
			want:  pendingOOS(),
		},
	})
}

// Findings are ordered by importance. One case that breaks every rule at once.
func TestFindingsOrder(t *testing.T) {
	f := caseFacts(r0, func(f *deadline.Facts) {
		f.Item.Category, f.Item.PromisedLimitDays = 2, 1
		f.Item.Extension = &v1alpha1.Extension{Allowed: true, Days: 1}
		f.Item.ReviewMode = v1alpha1.ReviewThenApprove
		f.Item.SilencePolicy = v1alpha1.SilenceNone
		f.Item.CoApprovers = []v1alpha1.CoApprover{{Department: env, LimitDays: 1}}
		f.Spec.Intake.Channel = v1alpha1.IntakeDepartmentOffice
		f.IntakeInCenter = false
		f.Spec.MaterialsSubmitted = []string{matForm}
		f.Spec.Acceptance = nil
		// Late notice (limit Thu 01-08 17:30) that also leaves out 中标通知书.
		f.Spec.CorrectionNotice = &v1alpha1.CorrectionNotice{At: mt(at(2009, time.January, 9, 9, 0)), By: "li.na", Missing: []string{matDrawings}}
		// Approved before the unextended deadline (Sun 01-04 17:30), so it counts, within the allowance.
		f.Spec.Extension = &v1alpha1.CaseExtension{ApprovedBy: "liu.juzhang", At: mt(at(2009, time.January, 4, 9, 0)), Reason: "需专家论证", Days: 3}
		f.Spec.Review = &v1alpha1.Opinion{At: mt(at(2009, time.January, 9, 10, 0)), By: "zhao.lei"}
		f.Spec.Approval = &v1alpha1.Decision{At: mt(at(2009, time.January, 9, 11, 0)), By: "zhao.lei", Result: v1alpha1.DecisionApprove}
	})
	runCases(t, map[string]evalCase{
		"every rule broken": {
			facts: f,
			now:   at(2009, time.January, 10, 9, 0),
			want: deadline.Result{
				Phase:          v1alpha1.PhaseDecided,
				NoticeDeadline: tp(notice0),
				// Deemed accepted on receipt, the late notice notwithstanding.
				AcceptedAt: tp(r0),
				// On the spot: Wed 2008-12-31 is a working day → 17:30 that day.
				OnTheSpotDeadline: tp(cob(2008, time.December, 31)),
				// 1 promised + 1 extension (3 asked, 1 allowed) from Wed 12-31: Sun 01-04 (调休) 1,
				// Mon 01-05 2 → Mon 2009-01-05 17:30 CST.
				DecisionDeadline: tp(cob(2009, time.January, 5)),
				// Co-approver, 1 working day: Sun 01-04 (调休) 1 → Sun 2009-01-04 17:30 CST.
				CoApprovals: []v1alpha1.CoApprovalStatus{{Department: env, Deadline: mtp(cob(2009, time.January, 4)), Answer: "TimeoutConsent"}},
				Decision:    &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeApproved, Method: v1alpha1.DecidedByPerson, By: "zhao.lei", At: mt(at(2009, time.January, 9, 11, 0))},
				Liable:      []string{env},
				OnTime:      boolp(false),
				Findings: findings(
					v1alpha1.ConditionDeadlineExceeded,
					v1alpha1.ConditionOutOfSystem,
					v1alpha1.ConditionSegregationViolated,
					v1alpha1.ConditionUnauthorizedDecider,
					v1alpha1.ConditionOnTheSpotMissed,
					v1alpha1.ConditionCoApproverTimedOut,
					v1alpha1.ConditionDeemedAccepted,
					v1alpha1.ConditionNoticeIncomplete,
					v1alpha1.ConditionExtensionInvalid,
				),
			},
			messages: map[string][]string{
				v1alpha1.ConditionDeadlineExceeded:    {"after its deadline, 2009-01-05 17:30 CST"},
				v1alpha1.ConditionUnauthorizedDecider: {"reviewer zhao.lei (赵磊) is temporary staff; approver zhao.lei (赵磊) is temporary staff"},
				v1alpha1.ConditionOnTheSpotMissed:     {"is category 2", "was not decided by 2008-12-31 17:30 CST"},
				v1alpha1.ConditionNoticeIncomplete:    {"left out missing materials: 中标通知书"},
				v1alpha1.ConditionExtensionInvalid:    {"allows at most 1: 1 are counted"},
			},
		},
	})
}

// Path 13: the long holidays of 2025 and 2026.
func TestHolidays(t *testing.T) {
	promised := func(n int32) func(*deadline.Facts) {
		return func(f *deadline.Facts) { f.Item.PromisedLimitDays = n }
	}
	pending := func(received, notice, due time.Time) deadline.Result {
		return deadline.Result{
			Phase: v1alpha1.PhaseAccepted, NoticeDeadline: tp(notice), AcceptedAt: tp(received),
			DecisionDeadline: tp(due), Next: due,
		}
	}

	// Spring Festival 2025: received Fri 2025-01-24 10:00. Working days: Sat 01-25 weekend,
	// Sun 01-26 (春节调休) 1, Mon 01-27 2, 春节 Tue 01-28..Tue 02-04 not counted, Wed 02-05 3,
	// Thu 02-06 4, Fri 02-07 5 → notice Fri 2025-02-07 17:30; Sat 02-08 (春节调休) 6,
	// Sun 02-09 weekend, Mon 02-10 7, Tue 02-11 8, Wed 02-12 9, Thu 02-13 10
	// → promised 10: Thu 2025-02-13 17:30 CST.
	sf25 := at(2025, time.January, 24, 10, 0)
	// National Day 2025: received Thu 2025-09-25 10:00. Fri 09-26 1, Sat 09-27 weekend,
	// Sun 09-28 (国庆节调休) 2, Mon 09-29 3, Tue 09-30 4, 国庆节、中秋节 Wed 10-01..Wed 10-08 not
	// counted, Thu 10-09 5 → notice Thu 2025-10-09 17:30; Fri 10-10 6, Sat 10-11 (国庆节调休) 7,
	// Sun 10-12 weekend, Mon 10-13 8, Tue 10-14 9, Wed 10-15 10 → promised 10: Wed 2025-10-15 17:30.
	nd25 := at(2025, time.September, 25, 10, 0)
	// National Day 2026: received Wed 2026-09-23 10:00. Thu 09-24 1, 中秋节 Fri 09-25..Sun 09-27
	// not counted, Mon 09-28 2, Tue 09-29 3, Wed 09-30 4, 国庆节 Thu 10-01..Wed 10-07 not counted,
	// Thu 10-08 5 → notice Thu 2026-10-08 17:30; Fri 10-09 6, Sat 10-10 (国庆节调休) 7,
	// Sun 10-11 weekend, Mon 10-12 8, Tue 10-13 9, Wed 10-14 10 → promised 10: Wed 2026-10-14 17:30.
	nd26 := at(2026, time.September, 23, 10, 0)
	// Spring Festival 2026: received Thu 2026-02-12 10:00. Fri 02-13 1, Sat 02-14 (春节调休) 2,
	// 春节 Sun 02-15..Mon 02-23 not counted, Tue 02-24 3, Wed 02-25 4, Thu 02-26 5 → notice
	// Thu 2026-02-26 17:30; Fri 02-27 6, Sat 02-28 (春节调休) 7, Sun 03-01 weekend, Mon 03-02 8,
	// Tue 03-03 9, Wed 03-04 10 → promised 10: Wed 2026-03-04 17:30 CST.
	sf26 := at(2026, time.February, 12, 10, 0)
	// Received 2025-09-30T16:30:00Z, which is Wed 2025-10-01 00:30 CST, the first day of the
	// National Day holiday: the day counted from is 10-01, not 09-30. 国庆节 10-02..10-08 not
	// counted, Thu 10-09 1, Fri 10-10 2, Sat 10-11 (国庆节调休) 3 → promised 3: Sat 2025-10-11
	// 17:30 CST; Sun 10-12 weekend, Mon 10-13 4, Tue 10-14 5 → notice Tue 2025-10-14 17:30.
	utc := time.Date(2025, time.September, 30, 16, 30, 0, 0, time.UTC)

	runCases(t, map[string]evalCase{
		"Spring Festival 2025": {
			facts: caseFacts(sf25, promised(10)),
			now:   sf25,
			want:  pending(sf25, cob(2025, time.February, 7), cob(2025, time.February, 13)),
		},
		"Spring Festival 2025, promised 5 equals the notice limit": {
			facts: caseFacts(sf25, promised(5)),
			now:   cob(2025, time.February, 7),
			want: deadline.Result{
				Phase: v1alpha1.PhaseDecided, NoticeDeadline: tp(cob(2025, time.February, 7)), AcceptedAt: tp(sf25),
				DecisionDeadline: tp(cob(2025, time.February, 7)),
				Decision:         &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeTimeoutConsent, Method: v1alpha1.DecidedByTimeoutConsent, At: mt(cob(2025, time.February, 7))},
				Liable:           []string{lead},
				Findings:         findings(v1alpha1.ConditionDecidedByTimeoutConsent),
			},
			ignoreOnTime: true,
		},
		"National Day 2025": {
			facts: caseFacts(nd25, promised(10)),
			now:   nd25,
			want:  pending(nd25, cob(2025, time.October, 9), cob(2025, time.October, 15)),
		},
		"National Day 2026 with co-approvers": {
			// Co-approvers: environmental protection 5 → Thu 2026-10-08 17:30 (the notice walk);
			// land 10 → Wed 2026-10-14 17:30 (the decision walk).
			facts: caseFacts(nd26, promised(10), withCoApprovers),
			now:   nd26,
			want: func() deadline.Result {
				r := pending(nd26, cob(2026, time.October, 8), cob(2026, time.October, 14))
				r.CoApprovals = coStatus(cob(2026, time.October, 8), cob(2026, time.October, 14), "", "")
				r.Next = cob(2026, time.October, 8)
				return r
			}(),
		},
		"Spring Festival 2026": {
			facts: caseFacts(sf26, promised(10)),
			now:   sf26,
			want:  pending(sf26, cob(2026, time.February, 26), cob(2026, time.March, 4)),
		},
		"received in UTC: the day is the day in Shanghai": {
			facts: caseFacts(utc, promised(3)),
			now:   utc,
			want:  pending(utc, cob(2025, time.October, 14), cob(2025, time.October, 11)),
		},
		"statutory limit caps a promise above it": {
			// promised 25 > statutory 20 (the API server forbids it; the clock still caps it):
			// 20 working days from Fri 2025-01-24: ... Thu 02-13 10 (walk above), Fri 02-14 11,
			// Mon 02-17 12, Tue 18 13, Wed 19 14, Thu 20 15, Fri 21 16, Mon 24 17, Tue 25 18,
			// Wed 26 19, Thu 27 20 → Thu 2025-02-27 17:30 CST.
			facts: caseFacts(sf25, promised(25)),
			now:   sf25,
			want:  pending(sf25, cob(2025, time.February, 7), cob(2025, time.February, 27)),
		},
	})
}

// Path 12: a year the calendar does not cover is a finding, not an error, and decides nothing.
func TestCalendarDataMissing(t *testing.T) {
	cal := cnMainland(t)
	cases := map[string]struct {
		facts    deadline.Facts
		now      time.Time
		year     string
		accepted *time.Time
		notice   *time.Time
		due      *time.Time
	}{
		"received 2010-06-01": {
			facts: caseFacts(at(2010, time.June, 1, 10, 0)),
			now:   at(2010, time.June, 2, 9, 0),
			year:  "does not cover year 2010",
		},
		"received 2010-06-01, looked at a year later": {
			facts: caseFacts(at(2010, time.June, 1, 10, 0), withCoApprovers),
			now:   at(2011, time.June, 1, 9, 0),
			year:  "does not cover year 2010",
		},
		"deadline runs into 2028": {
			// Notice: Tue 2027-12-21 1, Wed 22 2, Thu 23 3, Fri 24 4, Mon 27 5 → Mon 2027-12-27
			// 17:30. The decision walk reaches Fri 12-31 (9th) and then 2028, not covered.
			facts:    caseFacts(at(2027, time.December, 20, 10, 0)),
			now:      at(2028, time.March, 1, 9, 0),
			year:     "does not cover year 2028",
			accepted: tp(at(2027, time.December, 20, 10, 0)),
			notice:   tp(cob(2027, time.December, 27)),
		},
		"on-the-spot item received on the last day of 2024": {
			// Notice, 5 working days from Tue 2024-12-31 (the day of receipt is not consulted):
			// 元旦 Wed 2025-01-01, Thu 01-02 1, Fri 01-03 2, Mon 01-06 3, Tue 01-07 4,
			// Wed 01-08 5 → Wed 2025-01-08 17:30. The recorded acceptance stands; the on-the-spot
			// deadline needs 2024-12-31.
			facts:    caseFacts(at(2024, time.December, 31, 10, 0), func(f *deadline.Facts) { f.Item = onTheSpotItem() }),
			now:      at(2025, time.January, 2, 9, 0),
			year:     "does not cover year 2024",
			notice:   tp(cob(2025, time.January, 8)),
			accepted: tp(at(2024, time.December, 31, 10, 0)),
		},
		"clock stop reaching into 2010": {
			// Received Tue 2009-12-01. Notice: Wed 12-02 1, Thu 03 2, Fri 04 3, Mon 07 4,
			// Tue 08 5 → Tue 2009-12-08 17:30. The stop 2009-12-21..2010-01-04 begins before the
			// unextended deadline and needs 2010 to count.
			facts: caseFacts(at(2009, time.December, 1, 10, 0), func(f *deadline.Facts) {
				f.Spec.ClockStops = []v1alpha1.ClockStop{{Reason: "ExpertReview", From: mt(at(2009, time.December, 21, 9, 0)), To: mtp(at(2010, time.January, 4, 17, 0))}}
			}),
			now:      at(2010, time.January, 5, 9, 0),
			year:     "does not cover year 2010",
			accepted: tp(at(2009, time.December, 1, 10, 0)),
			notice:   tp(cob(2009, time.December, 8)),
		},
		"co-approver's deadline runs into 2028": {
			// Received Mon 2027-12-20, promised 5: Tue 12-21 1, Wed 22 2, Thu 23 3, Fri 24 4,
			// Mon 27 5 → Mon 2027-12-27 17:30 (= the notice). Land's 10 working days reach
			// 2028 after Fri 12-31 (9th): nothing is decided, the decision deadline stays shown.
			facts: caseFacts(at(2027, time.December, 20, 10, 0), func(f *deadline.Facts) {
				f.Item.PromisedLimitDays = 5
				f.Item.CoApprovers = []v1alpha1.CoApprover{{Department: land, LimitDays: 10}}
			}),
			now:      at(2028, time.March, 1, 9, 0),
			year:     "does not cover year 2028",
			accepted: tp(at(2027, time.December, 20, 10, 0)),
			notice:   tp(cob(2027, time.December, 27)),
			due:      tp(cob(2027, time.December, 27)),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := deadline.Evaluate(tc.facts, cal, tc.now)
			if err != nil {
				t.Fatalf("Evaluate returned error %v, want a CalendarDataMissing finding", err)
			}
			if got.Decision != nil || got.OnTime != nil || !got.Next.IsZero() {
				t.Errorf("decision %+v, onTime %v, next %v: want none", got.Decision, got.OnTime, got.Next)
			}
			if diff := cmp.Diff(tc.due, got.DecisionDeadline); diff != "" {
				t.Errorf("DecisionDeadline (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.accepted, got.AcceptedAt); diff != "" {
				t.Errorf("AcceptedAt (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.notice, got.NoticeDeadline); diff != "" {
				t.Errorf("NoticeDeadline (-want +got):\n%s", diff)
			}
			var types []string
			for _, f := range got.Findings {
				types = append(types, f.Type)
			}
			if diff := cmp.Diff([]string{v1alpha1.ConditionCalendarDataMissing}, types); diff != "" {
				t.Errorf("finding types (-want +got):\n%s", diff)
			}
			checkMessages(t, tc.facts.Name, got.Findings, map[string][]string{v1alpha1.ConditionCalendarDataMissing: {
				"The deadlines of case case-001 (JS-00",
				"cannot be counted: WorkCalendar \"cn-mainland\" " + tc.year,
				"Until then onestop decides nothing by timeout.",
			}})
		})
	}
}

// A calendar that was never built is an error, not a finding.
func TestUnbuiltCalendar(t *testing.T) {
	_, err := deadline.Evaluate(caseFacts(r0), &calendar.Calendar{}, due0)
	if err == nil {
		t.Fatal("Evaluate with an unbuilt calendar: no error")
	}
	var missing *calendar.MissingYearError
	if errors.As(err, &missing) {
		t.Errorf("error %v is a MissingYearError, want the not-built error", err)
	}
	if !strings.Contains(err.Error(), "not built") {
		t.Errorf("error %q does not say the calendar is not built", err)
	}
}

// Evaluate does not change its input.
func TestEvaluateLeavesFactsAlone(t *testing.T) {
	f := caseFacts(r0, withCoApprovers, func(f *deadline.Facts) {
		f.Recorded.Decision = &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeTimeoutConsent, Method: v1alpha1.DecidedByTimeoutConsent, At: mt(due0)}
		f.Recorded.CoApprovals = coStatus(envDue0, landDue0, "TimeoutConsent", "TimeoutConsent")
	})
	before := caseFacts(r0, withCoApprovers, func(g *deadline.Facts) { g.Recorded = *f.Recorded.DeepCopy() })
	got, err := deadline.Evaluate(f, cnMainland(t), due0)
	if err != nil {
		t.Fatal(err)
	}
	got.Decision.By = "mutated"
	if diff := cmp.Diff(before, f, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("facts changed (-before +after):\n%s", diff)
	}
	if len(got.Findings) == 0 || got.Findings[0].Type != v1alpha1.ConditionDecidedByTimeoutConsent {
		t.Errorf("findings %v, want DecidedByTimeoutConsent first", got.Findings)
	}
}
