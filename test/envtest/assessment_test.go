package envtest

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// This file follows an Assessment (考核评价) through March 2009 in a county of three
// departments (acNewCounty: construction with its section and window, land and
// environmental-protection with a section each), on the sample calendar: no holiday in March
// 2009, 22 working days; the month runs from 2009-02-28 17:30 to 2009-03-31 17:30 CST.
//
// The cases, recorded on paper (a record importer) with every act, and what they count for
// with the default weights (70 × on-time rate + 30 × on-the-spot share − 5 per case decided by
// silence − 5 per case out of the system − 2 per open anomaly):
//
//	c0 construction permit  received 02-23, decided 02-25            February: not counted
//	c1 construction permit  received 03-02, due 03-05, decided 03-04  on time
//	c2 construction permit  received 03-03, due 03-06, nobody decides timeout consent: late, silence
//	c3 construction cat 1   received 03-10, decided 11:00 that day    on time, on the spot
//	c4 construction cat 1   received 03-11, decided 03-12             late, not on the spot
//	c5 construction permit  received 03-16, due 03-19, decided 03-18  on time; the co-approver
//	   environmental-protection, due 03-18, never answers           silence of environmental-protection
//	c6 land registration    received 03-04 at the bureau's office    on time, out of the system
//	finding: land sent 2 applicants back to the bureau on 03-12       2 out of the one door
//	land's item must be handled in the Center, where land has no window: NotRelocated is open.
//
//	environmental-protection  nothing due: 100, −5 silence                        95.0  rank 1
//	land                      1 of 1 on time: 70 + 30, −5 × 3, −2                 83.0  rank 2
//	construction              3 of 5 on time: 42, on the spot 1 of 2: 15, −5      52.0  rank 3

const asmtMonth = "march"

func asmtItem(k *acCounty, ctx context.Context, name, code string, edit func(*v1alpha1.ApprovalItemSpec)) {
	k.item(ctx, name, code, name, edit)
}

// asmtCase is an application received at t and accepted at once, at the construction window
// or, for another department's item, at that bureau's own office.
func asmtCase(k *acCounty, name, item string, t time.Time, departmentOffice bool) *v1alpha1.ApprovalCase {
	c := k.accepted(name, item, t)
	if departmentOffice {
		c.Spec.Intake = v1alpha1.Intake{Channel: v1alpha1.IntakeDepartmentOffice, ReceivedBy: acLandUser}
		c.Spec.Acceptance.By = acLandUser
	}
	return c
}

func decidedBy(c *v1alpha1.ApprovalCase, by string, t time.Time) *v1alpha1.ApprovalCase {
	c.Spec.Approval = &v1alpha1.Decision{At: acT(t), By: by, Result: v1alpha1.DecisionApprove}
	return c
}

// asmtRow is a scorecard row of the county's departments (display names as acNewCounty sets
// them).
func asmtRow(rank int32, name, score string, edit func(*v1alpha1.DepartmentAssessment)) v1alpha1.DepartmentAssessment {
	display := map[string]string{acLead: "建设局", acLand: "国土局", acEnv: "环保局"}[name]
	r := v1alpha1.DepartmentAssessment{Name: name, DisplayName: display, Rank: rank, Score: score}
	if edit != nil {
		edit(&r)
	}
	return r
}

// asmtRead reads the assessment and expects its status to describe its spec.
func asmtRead(ctx context.Context, g Gomega, a *v1alpha1.Assessment) {
	g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(a), a)).To(Succeed())
	g.Expect(a.Status.ObservedGeneration).To(Equal(a.Generation))
}

var _ = Describe("Assessment", func() {
	It("scores and ranks the departments over its month, finalises when the month ends, and then never changes", func(ctx SpecContext) {
		DeferCleanup(func() { clk.SetTime(acHarmless) })
		clk.SetTime(acAt(2009, 3, 20, 9, 0))
		k := acNewCounty(ctx)
		ns := k.ns

		// The scorecard exists first: every figure below reaches it through its watches.
		a := &v1alpha1.Assessment{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: asmtMonth},
			Spec: v1alpha1.AssessmentSpec{
				Center: acCenter,
				Period: v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodMonth, Start: "2009-03-01"},
				Findings: []v1alpha1.AssessmentFinding{{
					Department: acLand, Date: "2009-03-12", Kind: v1alpha1.FindingSentBackToDepartment, Count: 2,
					By: "center.sup", Note: "两名申请人被退回国土局",
				}},
			},
		}
		Expect(k8sClient.Create(ctx, a)).To(Succeed())
		Eventually(func(g Gomega) {
			asmtRead(ctx, g, a)
			g.Expect(a.Status.Assessed).To(BeEquivalentTo(3))
		}).Should(Succeed())
		Expect(a.Spec.Weights).To(Equal(&v1alpha1.AssessmentWeights{
			OnTime: ptr.To[int32](70), OnTheSpot: ptr.To[int32](30), TimeoutsCaused: ptr.To[int32](5), OutOfSystem: ptr.To[int32](5), OpenAnomalies: ptr.To[int32](2),
		}), "the API server fills in the default weights, for everyone to read")

		asmtItem(k, ctx, "permit", "JS-101", nil)
		asmtItem(k, ctx, "spot", "JS-102", func(s *v1alpha1.ApprovalItemSpec) {
			s.Category, s.PromisedLimitDays, s.SilencePolicy = 1, 0, v1alpha1.SilenceNone
		})
		asmtItem(k, ctx, "co-permit", "JS-103", func(s *v1alpha1.ApprovalItemSpec) {
			s.CoApprovers = []v1alpha1.CoApprover{{Department: acEnv, LimitDays: 2}}
		})
		asmtItem(k, ctx, "land-registration", "GT-101", func(s *v1alpha1.ApprovalItemSpec) {
			s.Department, s.SilencePolicy = acLand, v1alpha1.SilenceNone
		})

		importer := acAs(acImporter, acImporterGroup)
		for _, c := range []*v1alpha1.ApprovalCase{
			decidedBy(asmtCase(k, "c0", "permit", acAt(2009, 2, 23, 9, 0), false), acApprover, acAt(2009, 2, 25, 10, 0)),
			decidedBy(asmtCase(k, "c1", "permit", acAt(2009, 3, 2, 10, 0), false), acApprover, acAt(2009, 3, 4, 15, 0)),
			asmtCase(k, "c2", "permit", acAt(2009, 3, 3, 9, 0), false),
			decidedBy(asmtCase(k, "c3", "spot", acAt(2009, 3, 10, 9, 0), false), acApprover, acAt(2009, 3, 10, 11, 0)),
			decidedBy(asmtCase(k, "c4", "spot", acAt(2009, 3, 11, 9, 0), false), acApprover, acAt(2009, 3, 12, 10, 0)),
			decidedBy(asmtCase(k, "c5", "co-permit", acAt(2009, 3, 16, 9, 0), false), acApprover, acAt(2009, 3, 18, 10, 0)),
			decidedBy(asmtCase(k, "c6", "land-registration", acAt(2009, 3, 4, 9, 0), true), acLandUser, acAt(2009, 3, 5, 11, 0)),
		} {
			Expect(importer.Create(ctx, c)).To(Succeed(), c.Name)
		}

		landDept := &v1alpha1.Department{}
		Eventually(func(g Gomega) {
			g.Expect(k8sClient.Get(ctx, types.NamespacedName{Namespace: ns, Name: acLand}, landDept)).To(Succeed())
			g.Expect(meta.IsStatusConditionTrue(landDept.Status.Conditions, v1alpha1.ConditionNotRelocated)).To(BeTrue())
		}).Should(Succeed(), "land's item is not handled in the Center")

		want := []v1alpha1.DepartmentAssessment{
			asmtRow(1, acEnv, "95.0", func(r *v1alpha1.DepartmentAssessment) { r.Deducted, r.TimeoutsCaused = 5, 1 }),
			asmtRow(2, acLand, "83.0", func(r *v1alpha1.DepartmentAssessment) {
				r.Deducted, r.Due, r.OnTime, r.OnTimePercent, r.Decided = 17, 1, 1, "100.0", 1
				r.OutOfSystem, r.SentBack, r.OpenAnomalies, r.Anomalies = 1, 2, 1, []string{v1alpha1.ConditionNotRelocated}
			}),
			asmtRow(3, acLead, "52.0", func(r *v1alpha1.DepartmentAssessment) {
				r.Deducted, r.Due, r.OnTime, r.OnTimePercent, r.Decided = 5, 5, 3, "60.0", 5
				r.OnTheSpotDue, r.OnTheSpot, r.OnTheSpotPercent, r.TimeoutsCaused = 2, 1, "50.0", 1
			}),
		}
		Eventually(func(g Gomega) {
			asmtRead(ctx, g, a)
			g.Expect(a.Status.Departments).To(Equal(want))
		}).Should(Succeed())
		end := acAt(2009, 3, 31, 17, 30)
		Expect(a.Status.Period).To(Equal("2009-03"))
		Expect(a.Status.Start).To(Equal("2009-03-01"))
		Expect(a.Status.End).To(Equal("2009-03-31"))
		Expect(a.Status.EndsAt.Time).To(BeTemporally("==", end))
		Expect(a.Status.WorkingDays).To(BeEquivalentTo(22))
		Expect(a.Status.Top).To(Equal("environmental-protection 95.0"))
		Expect(a.Status.Bottom).To(Equal("construction 52.0"))
		Expect(a.Status.Finalized).To(BeFalse())
		Expect(meta.FindStatusCondition(a.Status.Conditions, v1alpha1.ConditionFinalized)).To(BeNil())
		Expect(meta.FindStatusCondition(a.Status.Conditions, v1alpha1.ConditionReady)).To(And(
			HaveField("Status", metav1.ConditionTrue), HaveField("Reason", v1alpha1.ReasonReconciled),
			HaveField("Message", ContainSubstring("provisional until the period ends at 2009-03-31 17:30 CST"))))
		Eventually(kstatusOf(ctx, a)).Should(Equal(status.CurrentStatus), "an open period is not work in progress")

		out := kubectl("get", "assessments", "-n", ns)
		Expect(out).To(And(ContainSubstring("PERIOD"), ContainSubstring("DEPARTMENTS"), ContainSubstring("TOP"), ContainSubstring("FINALIZED"),
			ContainSubstring("2009-03"), ContainSubstring("environmental-protection 95.0"), ContainSubstring("construction 52.0"), ContainSubstring("false")))
		Expect(kubectl("get", "asmt", "-n", ns, "-o", "wide")).To(And(ContainSubstring("RANKING"), ContainSubstring("WORKING DAYS"),
			ContainSubstring("1. environmental-protection 95.0, 2. land 83.0, 3. construction 52.0")))

		// Five seconds before the month ends, the Center reweighs: only the on-time rate counts.
		// construction 100 × 3/5 = 60.0; land and environmental-protection 100.0, land first
		// for its case due. Then nothing touches anything: the timer set for the month's end
		// finalises it.
		clk.SetTime(end.Add(-5 * time.Second))
		Expect(k8sClient.Patch(ctx, a, client.RawPatch(types.MergePatchType,
			[]byte(`{"spec":{"weights":{"onTime":100,"onTheSpot":0,"timeoutsCaused":0,"outOfSystem":0,"openAnomalies":0}}}`)))).To(Succeed())
		Eventually(func(g Gomega) {
			asmtRead(ctx, g, a)
			g.Expect(a.Status.Finalized).To(BeTrue())
		}).Should(Succeed(), "the month ended: the assessment is final")
		Expect(a.Status.FinalizedAt.Time).To(BeTemporally(">=", end), "not final before the month ended")
		final := a.Status.Departments
		Expect(final).To(HaveLen(3))
		Expect([]string{final[0].Name, final[1].Name, final[2].Name}).To(Equal([]string{acLand, acEnv, acLead}))
		Expect([]string{final[0].Score, final[1].Score, final[2].Score}).To(Equal([]string{"100.0", "100.0", "60.0"}))
		Expect(meta.FindStatusCondition(a.Status.Conditions, v1alpha1.ConditionFinalized)).To(And(
			HaveField("Status", metav1.ConditionTrue), HaveField("Reason", v1alpha1.ReasonPeriodEnded)))
		Expect(meta.FindStatusCondition(a.Status.Conditions, v1alpha1.ConditionReady)).To(And(
			HaveField("Status", metav1.ConditionTrue), HaveField("Reason", v1alpha1.ReasonPeriodEnded)))
		Eventually(kstatusOf(ctx, a)).Should(Equal(status.CurrentStatus))
		Eventually(eventsFor(ctx, ns, asmtMonth)).Should(ContainElement("Normal PeriodEnded"))
		Expect(kubectl("get", "assessments", "-n", ns, asmtMonth)).To(And(ContainSubstring("land 100.0"), ContainSubstring("true")))

		// A case of the month deleted afterwards changes the department's own figures, never
		// the final scorecard; and nobody can change it.
		Expect(k8sClient.Delete(ctx, &v1alpha1.ApprovalCase{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "c1"}})).To(Succeed())
		Eventually(func(g Gomega) {
			d := &v1alpha1.Department{}
			g.Expect(k8sClient.Get(ctx, types.NamespacedName{Namespace: ns, Name: acLead}, d)).To(Succeed())
			g.Expect(d.Status.Cases.Decided).To(BeEquivalentTo(5), "c0 and c2 to c5")
		}).Should(Succeed())
		frozen := a.DeepCopy()
		Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(a), a)).To(Succeed())
		Expect(a.Status).To(Equal(frozen.Status))

		err := k8sClient.Patch(ctx, a, client.RawPatch(types.MergePatchType, []byte(`{"spec":{"weights":{"onTime":70}}}`)))
		Expect(apierrors.IsInvalid(err)).To(BeTrue(), "want 422 Invalid, got %v", err)
		Expect(err).To(MatchError(ContainSubstring("this Assessment is final")))
		err = k8sClient.Status().Patch(ctx, a, client.RawPatch(types.MergePatchType, []byte(`{"status":{"top":"construction 100.0"}}`)))
		Expect(apierrors.IsInvalid(err)).To(BeTrue(), "want 422 Invalid, got %v", err)
		Expect(err).To(MatchError(ContainSubstring("this Assessment is final")))
		Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(a), a)).To(Succeed())
		Expect(a.Status).To(Equal(frozen.Status))

		// A scorecard declared after its period ended is final at once: February had c0, on time.
		feb := &v1alpha1.Assessment{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "february"},
			Spec: v1alpha1.AssessmentSpec{
				Center: acCenter, Departments: []string{acLead, acLand},
				Period: v1alpha1.AssessmentPeriod{Start: "2009-02-01", End: "2009-02-28"},
			},
		}
		Expect(k8sClient.Create(ctx, feb)).To(Succeed())
		Eventually(func(g Gomega) {
			asmtRead(ctx, g, feb)
			g.Expect(feb.Status.Finalized).To(BeTrue())
		}).Should(Succeed())
		Expect(feb.Status.Period).To(Equal("2009-02-01..2009-02-28"))
		Expect(feb.Status.Departments).To(Equal([]v1alpha1.DepartmentAssessment{
			asmtRow(1, acLead, "100.0", func(r *v1alpha1.DepartmentAssessment) {
				r.Due, r.OnTime, r.OnTimePercent, r.Decided = 1, 1, "100.0", 1
			}),
			asmtRow(2, acLand, "98.0", func(r *v1alpha1.DepartmentAssessment) {
				r.Deducted, r.OpenAnomalies, r.Anomalies = 2, 1, []string{v1alpha1.ConditionNotRelocated}
			}),
		}))
	})

	It("waits for a center that does not exist yet, and names it", func(ctx SpecContext) {
		ns := newNamespace(ctx)
		a := &v1alpha1.Assessment{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "q1"},
			Spec: v1alpha1.AssessmentSpec{
				Center: "county-center",
				Period: v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodQuarter, Start: "2009-01-01"},
			},
		}
		Expect(k8sClient.Create(ctx, a)).To(Succeed())
		Eventually(func(g Gomega) {
			asmtRead(ctx, g, a)
			g.Expect(meta.FindStatusCondition(a.Status.Conditions, v1alpha1.ConditionReconciling)).To(And(
				Not(BeNil()), HaveField("Reason", v1alpha1.ReasonCenterNotFound), HaveField("Message", ContainSubstring(`ServiceCenter "county-center"`))))
		}).Should(Succeed())
		Expect(kstatusOf(ctx, a)()).To(Equal(status.InProgressStatus))

		Expect(k8sClient.Create(ctx, center(ns, "county-center", ""))).To(Succeed())
		Expect(k8sClient.Create(ctx, department(ns, "water", 2))).To(Succeed())
		Eventually(func(g Gomega) {
			asmtRead(ctx, g, a)
			g.Expect(meta.FindStatusCondition(a.Status.Conditions, v1alpha1.ConditionReconciling)).To(BeNil())
			g.Expect(a.Status.Period).To(Equal("2009-Q1"))
			g.Expect(a.Status.Top).To(Equal("water 96.0"), "nothing due, and two anomalies open: no chief representative, nobody in the Center")
		}).Should(Succeed())
	})
})
