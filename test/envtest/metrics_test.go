package envtest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// This file scrapes the manager's metrics endpoint over HTTP, as Prometheus does, and checks
// every onestop figure of one county against its objects, some of them worked out by hand:
// the same March 2009 county as assessment_test.go, with an open case and an overdue one.

// freeAddress returns a loopback address with a port nothing listens on.
func freeAddress() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	Expect(err).NotTo(HaveOccurred())
	defer l.Close()
	return l.Addr().String()
}

// scrape reads the metrics endpoint at addr.
func scrape(ctx context.Context, addr string) (map[string]*dto.MetricFamily, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /metrics: %s", resp.Status)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	return parser.TextToMetricFamilies(resp.Body)
}

// series lists a family's samples of namespace ns as "label=value,... value", sorted, the
// namespace label left out; a histogram's sample is its count and sum.
func series(fams map[string]*dto.MetricFamily, name, ns string) []string {
	var out []string
	f := fams[name]
	if f == nil {
		return nil
	}
	for _, m := range f.GetMetric() {
		var labels []string
		in := false
		for _, l := range m.GetLabel() {
			if l.GetName() == "namespace" {
				in = l.GetValue() == ns
				continue
			}
			labels = append(labels, l.GetName()+"="+l.GetValue())
		}
		if !in {
			continue
		}
		sort.Strings(labels)
		value := fmt.Sprint(m.GetGauge().GetValue())
		if h := m.GetHistogram(); h != nil {
			var buckets []string
			for _, b := range h.GetBucket() {
				buckets = append(buckets, fmt.Sprintf("%g:%d", b.GetUpperBound(), b.GetCumulativeCount()))
			}
			value = fmt.Sprintf("count=%d sum=%g buckets=%s", h.GetSampleCount(), h.GetSampleSum(), strings.Join(buckets, ","))
		}
		out = append(out, strings.Join(labels, ",")+" "+value)
	}
	sort.Strings(out)
	return out
}

// notAnomalies are the condition types that are states, not anomalies.
var notAnomalies = map[string]bool{
	v1alpha1.ConditionReady: true, v1alpha1.ConditionReconciling: true, v1alpha1.ConditionStalled: true,
	v1alpha1.ConditionFinalized: true, v1alpha1.ConditionCompleted: true,
}

var _ = Describe("The metrics endpoint", func() {
	It("serves each figure of a county as its objects say", func(ctx SpecContext) {
		DeferCleanup(func() { clk.SetTime(acHarmless) })
		clk.SetTime(acAt(2009, 3, 20, 9, 0))
		addr := freeAddress()
		stopManager()
		startManagerServingMetrics(addr)
		DeferCleanup(func() {
			stopManager()
			startManager()
		})

		k := acNewCounty(ctx)
		ns := k.ns
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
		cases := []*v1alpha1.ApprovalCase{
			decidedBy(asmtCase(k, "c1", "permit", acAt(2009, 3, 2, 10, 0), false), acApprover, acAt(2009, 3, 4, 15, 0)),
			asmtCase(k, "c2", "permit", acAt(2009, 3, 3, 9, 0), false),
			decidedBy(asmtCase(k, "c3", "spot", acAt(2009, 3, 10, 9, 0), false), acApprover, acAt(2009, 3, 10, 11, 0)),
			decidedBy(asmtCase(k, "c4", "spot", acAt(2009, 3, 11, 9, 0), false), acApprover, acAt(2009, 3, 12, 10, 0)),
			decidedBy(asmtCase(k, "c5", "co-permit", acAt(2009, 3, 16, 9, 0), false), acApprover, acAt(2009, 3, 18, 10, 0)),
			decidedBy(asmtCase(k, "c6", "land-registration", acAt(2009, 3, 4, 9, 0), true), acLandUser, acAt(2009, 3, 5, 11, 0)),
			asmtCase(k, "c7", "permit", acAt(2009, 3, 19, 9, 0), false),
			asmtCase(k, "c8", "land-registration", acAt(2009, 3, 10, 9, 0), true),
		}
		withdrawnCase := asmtCase(k, "c9", "permit", acAt(2009, 3, 17, 9, 0), false)
		withdrawnCase.Spec.Withdrawal = &v1alpha1.Withdrawal{At: acT(acAt(2009, 3, 18, 9, 0))}
		cases = append(cases, withdrawnCase)
		for _, c := range cases {
			Expect(importer.Create(ctx, c)).To(Succeed(), c.Name)
		}
		asmt := &v1alpha1.Assessment{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: asmtMonth},
			Spec: v1alpha1.AssessmentSpec{
				Center: acCenter, Period: v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodMonth, Start: "2009-03-01"},
			},
		}
		plan := &v1alpha1.ReformPlan{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "plan"},
			Spec: v1alpha1.ReformPlanSpec{
				DisplayName:  "实施方案",
				Calendar:     "cn-mainland",
				LeadingGroup: v1alpha1.LeadingGroup{Head: v1alpha1.Person{Name: "詹晓阳", Employment: v1alpha1.EmploymentFormal}},
				Phases: []v1alpha1.PlanPhase{{Name: "mobilisation", Start: "2009-03-02", End: "2009-03-06",
					Requirements: []v1alpha1.RolloutRequirement{v1alpha1.RequirementImplementationPlanSubmitted}}},
			},
		}
		Expect(k8sClient.Create(ctx, asmt)).To(Succeed())
		Expect(k8sClient.Create(ctx, plan)).To(Succeed())
		for _, c := range cases {
			Eventually(acObserved(ctx, c)).Should(Succeed(), c.Name)
		}

		// By hand. Working days from receipt to decision: c1 03-02→03-04 2, c3 the same day 0,
		// c4 03-11→03-12 1, c5 03-16→03-18 2; c2 03-03→03-06 (timeout consent) 3; c6
		// 03-04→03-05 1. c7 is open; c8 (land, silence decides nothing) open past 03-13.
		Eventually(func(g Gomega) {
			fams, err := scrape(ctx, addr)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(series(fams, "onestop_cases", ns)).To(ConsistOf(
				"department=construction,item=co-permit,state=decided 1", "department=construction,item=co-permit,state=open 0",
				"department=construction,item=co-permit,state=overdue 0",
				"department=construction,item=permit,state=decided 2", "department=construction,item=permit,state=open 1",
				"department=construction,item=permit,state=overdue 0", "department=construction,item=permit,state=withdrawn 1",
				"department=construction,item=spot,state=decided 2", "department=construction,item=spot,state=open 0",
				"department=construction,item=spot,state=overdue 1",
				"department=land,item=land-registration,state=decided 1", "department=land,item=land-registration,state=open 1",
				"department=land,item=land-registration,state=overdue 1",
			))
			g.Expect(series(fams, "onestop_decisions", ns)).To(ConsistOf(
				"department=construction,method=Person,outcome=Approved 4",
				"department=construction,method=TimeoutConsent,outcome=TimeoutConsent 1",
				"department=land,method=Person,outcome=Approved 1",
			))
			g.Expect(series(fams, "onestop_case_decision_working_days", ns)).To(ConsistOf(
				"department=construction,method=Person count=4 sum=5 buckets=0:1,1:2,2:4,3:4,5:4,7:4,10:4,15:4,20:4,30:4,45:4,60:4,+Inf:4",
				"department=construction,method=TimeoutConsent count=1 sum=3 buckets=0:0,1:0,2:0,3:1,5:1,7:1,10:1,15:1,20:1,30:1,45:1,60:1,+Inf:1",
				"department=land,method=Person count=1 sum=1 buckets=0:0,1:1,2:1,3:1,5:1,7:1,10:1,15:1,20:1,30:1,45:1,60:1,+Inf:1",
			))
			// Land's item must be handled in the Center, where land has no window.
			g.Expect(series(fams, "onestop_department_relocation_ratio", ns)).To(ConsistOf(
				"department=construction 1", "department=environmental-protection 1", "department=land 0",
			))

			// Against the objects: every anomaly condition True, by kind, condition and
			// department; the plan's phases; the assessment's rows.
			var anomalies []string
			count := map[string]int{}
			note := func(kind, department string, conds []metav1.Condition) {
				for _, c := range conds {
					if c.Status == metav1.ConditionTrue && !notAnomalies[c.Type] {
						count[fmt.Sprintf("condition=%s,department=%s,kind=%s", c.Type, department, kind)]++
					}
				}
			}
			depts := &v1alpha1.DepartmentList{}
			items := &v1alpha1.ApprovalItemList{}
			caseList := &v1alpha1.ApprovalCaseList{}
			sections := &v1alpha1.ApprovalSectionList{}
			windows := &v1alpha1.ServiceWindowList{}
			centers := &v1alpha1.ServiceCenterList{}
			plans := &v1alpha1.ReformPlanList{}
			assessments := &v1alpha1.AssessmentList{}
			for _, l := range []client.ObjectList{depts, items, caseList, sections, windows, centers, plans, assessments} {
				g.Expect(k8sClient.List(ctx, l, client.InNamespace(ns))).To(Succeed())
			}
			for _, o := range depts.Items {
				note("Department", o.Name, o.Status.Conditions)
			}
			for _, o := range items.Items {
				note("ApprovalItem", o.Spec.Department, o.Status.Conditions)
			}
			for _, o := range caseList.Items {
				note("ApprovalCase", o.Status.Department, o.Status.Conditions)
			}
			for _, o := range sections.Items {
				note("ApprovalSection", o.Spec.Department, o.Status.Conditions)
			}
			for _, o := range windows.Items {
				note("ServiceWindow", o.Spec.Department, o.Status.Conditions)
			}
			for _, o := range centers.Items {
				note("ServiceCenter", o.Spec.HostDepartment, o.Status.Conditions)
			}
			for _, o := range plans.Items {
				note("ReformPlan", "", o.Status.Conditions)
			}
			for _, o := range assessments.Items {
				note("Assessment", "", o.Status.Conditions)
			}
			for k, n := range count {
				anomalies = append(anomalies, fmt.Sprintf("%s %d", k, n))
			}
			g.Expect(anomalies).To(ContainElements(
				"condition=NotRelocated,department=land,kind=Department 1",
				"condition=NotRelocated,department=land,kind=ApprovalItem 1",
				"condition=DecidedByTimeoutConsent,department=construction,kind=ApprovalCase 1",
				"condition=OutOfSystem,department=land,kind=ApprovalCase 2",
			), "the objects hold the anomalies worked out by hand")
			g.Expect(series(fams, "onestop_anomalies", ns)).To(ConsistOf(anomalies))

			g.Expect(plans.Items).To(HaveLen(1))
			g.Expect(plans.Items[0].Status.Phases).NotTo(BeEmpty(), "the plan is reconciled")
			var phases []string
			for _, ph := range plans.Items[0].Status.Phases {
				for progress, n := range map[string]int32{"done": ph.Done, "pending": ph.Pending, "overdue": ph.Overdue, "late": ph.Late} {
					phases = append(phases, fmt.Sprintf("phase=%s,plan=plan,progress=%s %d", ph.Name, progress, n))
				}
			}
			g.Expect(series(fams, "onestop_reformplan_phase_progress", ns)).To(ConsistOf(phases))

			g.Expect(assessments.Items).To(HaveLen(1))
			rows := assessments.Items[0].Status.Departments
			g.Expect(rows).To(HaveLen(3))
			var scores, ranks []string
			for _, r := range rows {
				score, err := strconv.ParseFloat(r.Score, 64)
				g.Expect(err).NotTo(HaveOccurred())
				scores = append(scores, fmt.Sprintf("assessment=march,department=%s,period=2009-03 %v", r.Name, score))
				ranks = append(ranks, fmt.Sprintf("assessment=march,department=%s,period=2009-03 %d", r.Name, r.Rank))
			}
			g.Expect(series(fams, "onestop_assessment_score", ns)).To(ConsistOf(scores))
			g.Expect(series(fams, "onestop_assessment_rank", ns)).To(ConsistOf(ranks))
		}).Should(Succeed())
	})
})
