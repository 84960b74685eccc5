package deadline_test

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/deadline"
)

// Path 14: for random receipts in 2025-2026 and promised limits 1..30, a case accepted on
// receipt with silence consent and nobody deciding
//   - has its decision deadline at 17:30 CST of a working day, exactly n working days after
//     the day of receipt;
//   - looks again at that deadline until it comes (one co-approver within the same limit
//     never makes Next later);
//   - is decided by timeout consent at exactly that deadline when now is the deadline;
//   - gives the same result when its own result is fed back as the recorded status, at the
//     same now and at any later now.
func TestPropertiesRandomReceipts(t *testing.T) {
	cal := cnMainland(t)
	rng := rand.New(rand.NewPCG(20081231, 20090101))
	first := at(2025, time.January, 1, 0, 0)
	span := at(2027, time.January, 1, 0, 0).Sub(first)
	opts := cmp.Options{cmpopts.EquateEmpty()}

	for i := range 1000 {
		received := first.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(time.Minute)
		n := 1 + rng.IntN(30)
		coLimit := 1 + rng.IntN(n)
		f := caseFacts(received, func(f *deadline.Facts) {
			f.Item.StatutoryLimitDays, f.Item.PromisedLimitDays = 30, int32(n)
			f.Item.CoApprovers = []v1alpha1.CoApprover{{Department: env, LimitDays: int32(coLimit)}}
		})
		where := func() string {
			return received.In(shanghai).Format("2006-01-02 15:04 Mon") + ", promised " + strconv.Itoa(n) + ", co-approver " + strconv.Itoa(coLimit)
		}

		atReceipt, err := deadline.Evaluate(f, cal, received)
		if err != nil {
			t.Fatalf("#%d %s: %v", i, where(), err)
		}
		due := atReceipt.DecisionDeadline
		if due == nil {
			t.Fatalf("#%d %s: no decision deadline", i, where())
		}
		local := due.In(shanghai)
		if local.Hour() != 17 || local.Minute() != 30 || local.Second() != 0 || local.Nanosecond() != 0 {
			t.Errorf("#%d %s: deadline %s is not 17:30 CST", i, where(), local)
		}
		if ok, err := cal.IsWorkingDay(cal.Day(*due)); err != nil || !ok {
			t.Errorf("#%d %s: deadline %s is not on a working day (%v)", i, where(), local, err)
		}
		if got, err := cal.WorkingDaysBetween(received, *due); err != nil || got != n {
			t.Errorf("#%d %s: %d working days from receipt to deadline %s (%v), want %d", i, where(), got, local, err, n)
		}
		coDue := atReceipt.CoApprovals[0].Deadline.Time
		if coDue.After(*due) {
			t.Errorf("#%d %s: co-approver deadline %s after the decision deadline %s", i, where(), coDue, local)
		}
		if atReceipt.Decision != nil || atReceipt.Phase != v1alpha1.PhaseAccepted || !atReceipt.Next.Equal(coDue) {
			t.Errorf("#%d %s: at receipt decision %+v phase %s next %s, want none, Accepted, %s",
				i, where(), atReceipt.Decision, atReceipt.Phase, atReceipt.Next, coDue)
		}

		justBefore := due.Add(-time.Nanosecond)
		before, err := deadline.Evaluate(f, cal, justBefore)
		if err != nil {
			t.Fatalf("#%d %s: %v", i, where(), err)
		}
		if before.Decision != nil || !before.Next.Equal(*due) {
			t.Errorf("#%d %s: 1ns before the deadline decision %+v next %s, want none and %s", i, where(), before.Decision, before.Next, local)
		}

		atDue, err := deadline.Evaluate(f, cal, *due)
		if err != nil {
			t.Fatalf("#%d %s: %v", i, where(), err)
		}
		want := &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeTimeoutConsent, Method: v1alpha1.DecidedByTimeoutConsent, At: mt(*due)}
		if diff := cmp.Diff(want, atDue.Decision); diff != "" {
			t.Errorf("#%d %s: decision at the deadline (-want +got):\n%s", i, where(), diff)
		}
		if atDue.Phase != v1alpha1.PhaseDecided || !atDue.Next.IsZero() {
			t.Errorf("#%d %s: at the deadline phase %s next %s, want Decided and nothing pending", i, where(), atDue.Phase, atDue.Next)
		}

		// Idempotence: the result fed back as the recorded status.
		for _, r := range []struct {
			res deadline.Result
			now time.Time
		}{{before, justBefore}, {atDue, *due}} {
			g := f
			g.Recorded = recordedFrom(r.res)
			again, err := deadline.Evaluate(g, cal, r.now)
			if err != nil {
				t.Fatalf("#%d %s: %v", i, where(), err)
			}
			if diff := cmp.Diff(r.res, again, opts); diff != "" {
				t.Errorf("#%d %s: result fed back at %s (-first +again):\n%s", i, where(), r.now, diff)
			}
		}
		g := f
		g.Recorded = recordedFrom(atDue)
		later, err := deadline.Evaluate(g, cal, due.AddDate(0, 2, 0))
		if err != nil {
			t.Fatalf("#%d %s: %v", i, where(), err)
		}
		if diff := cmp.Diff(atDue.Decision, later.Decision); diff != "" {
			t.Errorf("#%d %s: recorded decision two months later (-recorded +later):\n%s", i, where(), diff)
		}
	}
}

// BenchmarkEvaluate: a category 3 case with two co-approvers, one answered, looked at while
// everything is pending.
func BenchmarkEvaluate(b *testing.B) {
	cal := cnMainland(b)
	f := caseFacts(r0, withCoApprovers, func(f *deadline.Facts) {
		f.Spec.CoApprovals = []v1alpha1.CoApproval{{Department: env, At: mt(at(2009, time.January, 7, 10, 0)), By: "hb.officer", Result: v1alpha1.OpinionAgree}}
	})
	now := at(2009, time.January, 12, 9, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := deadline.Evaluate(f, cal, now); err != nil {
			b.Fatal(err)
		}
	}
}
