package envtest

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/rest"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// kubectl runs the real kubectl (from KUBEBUILDER_ASSETS) against the suite's API server.
func kubectl(args ...string) string {
	stdout, stderr, err := testEnv.ControlPlane.KubeCtl().Run(args...)
	out, _ := io.ReadAll(stdout)
	errOut, _ := io.ReadAll(stderr)
	Expect(err).NotTo(HaveOccurred(), "kubectl %v: %s", args, errOut)
	return string(out)
}

// conditioned is every onestop kind.
type conditioned interface {
	client.Object
	GetConditions() []metav1.Condition
}

// conditionOf reads obj's condition of type t: its status, or "" when absent.
func conditionOf(ctx context.Context, obj conditioned, t string) func(Gomega) string {
	return func(g Gomega) string {
		g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(obj), obj)).To(Succeed())
		if c := meta.FindStatusCondition(obj.GetConditions(), t); c != nil {
			return string(c.Status)
		}
		return ""
	}
}

// named sets obj's namespace and name, to read it.
func named[T client.Object](obj T, namespace, name string) T {
	obj.SetNamespace(namespace)
	obj.SetName(name)
	return obj
}

var _ = Describe("The seed county", Ordered, func() {
	const ns = "county"
	samples := filepath.Join("..", "..", "config", "samples")

	It("applies with kubectl as 30 departments that meet every rule", func(ctx SpecContext) {
		kubectl("apply", "-k", samples, "--as=onestop-samples", "--as-group=system:masters", "--as-group=onestop:record-importers")

		depts := &v1alpha1.DepartmentList{}
		Eventually(func(g Gomega) {
			g.Expect(k8sClient.List(ctx, depts, client.InNamespace(ns))).To(Succeed())
			g.Expect(depts.Items).To(HaveLen(30))
			for _, d := range depts.Items {
				ready := meta.FindStatusCondition(d.Status.Conditions, v1alpha1.ConditionReady)
				g.Expect(ready).NotTo(BeNil(), "department %s has no Ready condition", d.Name)
				g.Expect(ready.Status).To(BeEquivalentTo("True"), "department %s: %s", d.Name, ready.Message)
				g.Expect(d.Status.ObservedGeneration).To(Equal(d.Generation))
			}
		}).WithTimeout(90 * time.Second).Should(Succeed())

		batches := map[int32]int{}
		for _, d := range depts.Items {
			batches[d.Spec.Batch]++
			Expect(d.Status.Windows).To(BeNumerically(">=", 1), "department %s has no window", d.Name)
			Expect(d.Status.Staff).To(BeNumerically(">=", 1), "department %s has no staff", d.Name)
			Expect(d.Status.TemporaryStaff).To(BeZero(), d.Name)
			Expect(d.Status.UncertifiedStaff).To(BeZero(), d.Name)
			if d.Spec.Batch == 1 {
				Expect(d.Status.Section).To(Equal(d.Name+"-approval"), d.Name)
			} else {
				Expect(d.Spec.ChiefRepresentative).NotTo(BeNil(), d.Name)
			}
			Expect(d.Status.RelocationPercent).To(BeEquivalentTo(100), "department %s relocated %s", d.Name, d.Status.Relocation)
		}
		Expect(batches).To(Equal(map[int32]int{1: 13, 2: 17}))

		items := &v1alpha1.ApprovalItemList{}
		Expect(k8sClient.List(ctx, items, client.InNamespace(ns))).To(Succeed())
		Expect(len(items.Items)).To(BeNumerically(">=", 60))
		Eventually(func(g Gomega) {
			g.Expect(k8sClient.List(ctx, items, client.InNamespace(ns))).To(Succeed())
			for _, it := range items.Items {
				g.Expect(meta.IsStatusConditionTrue(it.Status.Conditions, v1alpha1.ConditionReady)).To(BeTrue(), "item %s: %v", it.Name, it.Status.Conditions)
				if it.Spec.Relocation.Mode == v1alpha1.RelocationRequired && it.Spec.Lifecycle.State != v1alpha1.LifecycleAbolished {
					g.Expect(it.Status.Relocated).To(BeTrue(), "item %s", it.Name)
				}
			}
		}).Should(Succeed())

		windows := &v1alpha1.ServiceWindowList{}
		Expect(k8sClient.List(ctx, windows, client.InNamespace(ns))).To(Succeed())
		temporary := 0
		for _, w := range windows.Items {
			if w.Spec.Mode == v1alpha1.WindowTemporary {
				temporary++
			}
		}
		Expect(temporary).To(Equal(7), "the seed keeps 7 temporary windows")

		centers := &v1alpha1.ServiceCenterList{}
		Expect(k8sClient.List(ctx, centers, client.InNamespace(ns))).To(Succeed())
		Expect(centers.Items).To(HaveLen(5))
		for _, c := range centers.Items {
			Expect(meta.IsStatusConditionTrue(c.Status.Conditions, v1alpha1.ConditionReady)).To(BeTrue(), "center %s: %v", c.Name, c.Status.Conditions)
			Expect(c.Status.WindowsUsed).To(BeNumerically("<=", c.Spec.CapacityWindows))
		}

		Expect(kubectl("get", "departments", "-n", ns)).To(And(
			ContainSubstring("BATCH"), ContainSubstring("SECTION"), ContainSubstring("construction-approval"),
		))
	})

	// The expected values are config/samples/cases.md, computed by hand from the calendar
	// (base/calendars.yaml) and the items' limits; keep the two in step.
	It("gives the sample cases the outcomes computed by hand", func(ctx SpecContext) {
		// Every sample deadline has passed: the last, case-14's, on 2009-02-05. Other suites
		// count on the clock they found, so it goes back afterwards.
		before := clk.Now()
		DeferCleanup(func() { clk.SetTime(before) })
		clk.SetTime(time.Date(2009, 3, 2, 9, 0, 0, 0, time.UTC))

		// Poke every case so that it is reconciled at the new time. Case writes pass the
		// admission policy, so the poke comes from a record importer, as the samples did.
		importerCfg := rest.CopyConfig(cfg)
		importerCfg.Impersonate = rest.ImpersonationConfig{UserName: "onestop-samples", Groups: []string{"system:masters", "onestop:record-importers"}}
		importer, err := client.New(importerCfg, client.Options{Scheme: scheme})
		Expect(err).NotTo(HaveOccurred())
		cases := &v1alpha1.ApprovalCaseList{}
		Expect(k8sClient.List(ctx, cases, client.InNamespace(ns))).To(Succeed())
		for i := range cases.Items {
			poke := fmt.Sprintf(`{"metadata":{"annotations":{"reform.onestop.dev/poke":"%d"}}}`, i+1)
			Expect(importer.Patch(ctx, &cases.Items[i], client.RawPatch(types.MergePatchType, []byte(poke)))).To(Succeed())
		}

		at := func(s string) time.Time {
			t, err := time.Parse(time.RFC3339, s)
			Expect(err).NotTo(HaveOccurred())
			return t
		}
		yes, no := ptr.To(true), ptr.To(false)
		type want struct {
			name     string
			phase    v1alpha1.CasePhase
			accepted string // RFC3339; "" when the case is not accepted
			deadline string // RFC3339; "" when no decision is due
			outcome  v1alpha1.Outcome
			method   v1alpha1.DecidedBy
			by       string
			onTime   *bool
			liable   []string
			// anomalies are the anomaly conditions that are True; every other one is absent.
			anomalies []string
			// coApprovals are the co-approvers' answers, by department.
			coApprovals map[string]string
		}
		person, consent, refusal := v1alpha1.DecidedByPerson, v1alpha1.DecidedByTimeoutConsent, v1alpha1.DecidedByDeemedRefusal
		approved := v1alpha1.OutcomeApproved
		decided := v1alpha1.PhaseDecided
		table := []want{
			{name: "case-01-on-the-spot", phase: decided, accepted: "2008-12-15T09:25:00+08:00", deadline: "2008-12-15T17:30:00+08:00",
				outcome: approved, method: person, by: "bai.shijie", onTime: yes},
			{name: "case-02-on-the-spot-missed", phase: decided, accepted: "2008-12-31T16:45:00+08:00", deadline: "2008-12-31T17:30:00+08:00",
				outcome: approved, method: person, by: "lei.jun", onTime: no,
				anomalies: []string{v1alpha1.ConditionOnTheSpotMissed, v1alpha1.ConditionDeadlineExceeded}},
			{name: "case-03-notice-then-accept", phase: decided, accepted: "2008-12-12T15:20:00+08:00", deadline: "2008-12-26T17:30:00+08:00",
				outcome: approved, method: person, by: "jiang.yonggang", onTime: yes},
			{name: "case-04-late-notice", phase: decided, accepted: "2008-12-26T14:00:00+08:00", deadline: "2009-01-12T17:30:00+08:00",
				outcome: approved, method: person, by: "zhong.zhenhua", onTime: yes,
				anomalies: []string{v1alpha1.ConditionDeemedAccepted}},
			{name: "case-05-review-approve", phase: decided, accepted: "2008-12-30T09:30:00+08:00", deadline: "2009-01-09T17:30:00+08:00",
				outcome: approved, method: person, by: "ye.yan", onTime: yes},
			{name: "case-06-parallel", phase: decided, accepted: "2008-12-08T10:30:00+08:00", deadline: "2008-12-29T17:30:00+08:00",
				outcome: approved, method: person, by: "ding.aimin", onTime: yes,
				liable:      []string{"animal-husbandry"},
				anomalies:   []string{v1alpha1.ConditionCoApproverTimedOut},
				coApprovals: map[string]string{"animal-husbandry": "TimeoutConsent", "environmental-protection": "Agree"}},
			{name: "case-07-timeout-consent", phase: decided, accepted: "2009-01-06T10:15:00+08:00", deadline: "2009-01-20T17:30:00+08:00",
				outcome: v1alpha1.OutcomeTimeoutConsent, method: consent, onTime: no,
				liable: []string{"water"}, anomalies: []string{v1alpha1.ConditionDecidedByTimeoutConsent}},
			{name: "case-08-deemed-refusal", phase: decided, accepted: "2008-12-16T15:10:00+08:00", deadline: "2008-12-30T17:30:00+08:00",
				outcome: v1alpha1.OutcomeDeemedRefused, method: refusal, onTime: no,
				liable: []string{"tobacco"}, anomalies: []string{v1alpha1.ConditionDeemedRefused}},
			{name: "case-09-deadline-exceeded", phase: v1alpha1.PhaseAccepted, accepted: "2009-01-16T10:40:00+08:00", deadline: "2009-02-04T17:30:00+08:00",
				anomalies: []string{v1alpha1.ConditionDeadlineExceeded}},
			{name: "case-10-extension", phase: decided, accepted: "2008-12-22T10:00:00+08:00", deadline: "2009-01-16T17:30:00+08:00",
				outcome: approved, method: person, by: "fan.guanghui", onTime: yes},
			{name: "case-11-clock-stop", phase: decided, accepted: "2008-12-29T09:20:00+08:00", deadline: "2009-01-21T17:30:00+08:00",
				outcome: approved, method: person, by: "yao.jing", onTime: yes},
			{name: "case-12-out-of-system", phase: decided, accepted: "2008-12-10T15:30:00+08:00", deadline: "2008-12-24T17:30:00+08:00",
				outcome: approved, method: person, by: "peng.haiyan", onTime: yes,
				anomalies: []string{v1alpha1.ConditionOutOfSystem}},
			{name: "case-13-withdrawn", phase: v1alpha1.PhaseWithdrawn, accepted: "2009-01-12T10:20:00+08:00"},
			{name: "case-14-unauthorized-decider", phase: decided, accepted: "2009-01-19T09:10:00+08:00", deadline: "2009-02-05T17:30:00+08:00",
				outcome: approved, method: person, by: "xu.weidong", onTime: yes,
				anomalies: []string{v1alpha1.ConditionUnauthorizedDecider}},
		}
		Expect(cases.Items).To(HaveLen(len(table)), "config/samples/base/cases.yaml and this table list the same cases")

		anomalies := []string{
			v1alpha1.ConditionDeemedAccepted, v1alpha1.ConditionNoticeIncomplete, v1alpha1.ConditionOnTheSpotMissed,
			v1alpha1.ConditionSegregationViolated, v1alpha1.ConditionUnauthorizedDecider,
			v1alpha1.ConditionDecidedByTimeoutConsent, v1alpha1.ConditionDeemedRefused, v1alpha1.ConditionDeadlineExceeded,
			v1alpha1.ConditionCoApproverTimedOut, v1alpha1.ConditionExtensionInvalid, v1alpha1.ConditionOutOfSystem,
			v1alpha1.ConditionCalendarDataMissing,
		}
		for _, w := range table {
			By(w.name)
			Eventually(func(g Gomega) {
				c := &v1alpha1.ApprovalCase{}
				g.Expect(k8sClient.Get(ctx, types.NamespacedName{Namespace: ns, Name: w.name}, c)).To(Succeed())
				st := c.Status
				g.Expect(st.ObservedGeneration).To(Equal(c.Generation))
				g.Expect(st.Phase).To(Equal(w.phase), "phase")
				if w.accepted == "" {
					g.Expect(st.AcceptedAt).To(BeNil(), "acceptedAt")
				} else {
					g.Expect(st.AcceptedAt).NotTo(BeNil(), "acceptedAt")
					g.Expect(st.AcceptedAt.Time).To(BeTemporally("==", at(w.accepted)), "acceptedAt")
				}
				if w.deadline == "" {
					g.Expect(st.DecisionDeadline).To(BeNil(), "decisionDeadline")
				} else {
					g.Expect(st.DecisionDeadline).NotTo(BeNil(), "decisionDeadline")
					g.Expect(st.DecisionDeadline.Time).To(BeTemporally("==", at(w.deadline)), "decisionDeadline")
				}
				if w.outcome == "" {
					g.Expect(st.Decision).To(BeNil(), "decision")
				} else {
					g.Expect(st.Decision).NotTo(BeNil(), "decision")
					g.Expect(st.Decision.Outcome).To(Equal(w.outcome), "decision.outcome")
					g.Expect(st.Decision.Method).To(Equal(w.method), "decision.method")
					g.Expect(st.Decision.By).To(Equal(w.by), "decision.by")
				}
				if w.onTime == nil {
					g.Expect(st.OnTime).To(BeNil(), "onTime")
				} else {
					g.Expect(st.OnTime).To(Equal(w.onTime), "onTime")
				}
				if w.liable == nil {
					g.Expect(st.LiableDepartments).To(BeEmpty(), "liableDepartments")
				} else {
					g.Expect(st.LiableDepartments).To(Equal(w.liable), "liableDepartments")
				}
				var anomalous []string
				for _, t := range anomalies {
					if meta.IsStatusConditionTrue(st.Conditions, t) {
						anomalous = append(anomalous, t)
					}
				}
				g.Expect(anomalous).To(ConsistOf(w.anomalies), "anomaly conditions: %v", st.Conditions)
				if w.coApprovals != nil {
					answers := map[string]string{}
					for _, co := range st.CoApprovals {
						answers[co.Department] = co.Answer
					}
					g.Expect(answers).To(Equal(w.coApprovals), "coApprovals")
				}
			}).Should(Succeed(), w.name)
		}

		out := kubectl("get", "approvalcases", "-n", ns)
		Expect(out).To(And(ContainSubstring("PHASE"), ContainSubstring("DEADLINE"), ContainSubstring("OUTCOME"), ContainSubstring("DECIDED BY")))
		rows := map[string][]string{}
		for _, line := range strings.Split(out, "\n") {
			if f := strings.Fields(line); len(f) > 0 {
				rows[f[0]] = f
			}
		}
		Expect(rows["case-07-timeout-consent"]).To(ContainElements("Decided", "2009-01-20", "17:30", "TimeoutConsent"))
		Expect(rows["case-01-on-the-spot"]).To(ContainElements("Decided", "Approved", "Person", "bai.shijie"))
	})

	// The expected story is the comment of config/samples/base/reformplan.yaml, from the
	// departments' submission dates (base/departments.yaml) and the recorded inspections.
	It("shows the sample plan finished, with its overdue and late departments and the dates they missed", func(ctx SpecContext) {
		before := clk.Now()
		DeferCleanup(func() { clk.SetTime(before) })
		clk.SetTime(time.Date(2009, 3, 2, 9, 0, 0, 0, time.UTC))
		plan := named(&v1alpha1.ReformPlan{}, ns, "seed-plan")
		Expect(k8sClient.Patch(ctx, plan, client.RawPatch(types.MergePatchType, []byte(`{"metadata":{"annotations":{"reform.onestop.dev/poke":"seed"}}}`)))).To(Succeed())

		lists := func(ph v1alpha1.PhaseStatus) map[string]string {
			out := map[string]string{}
			for _, d := range ph.Departments {
				out[d.Department] = fmt.Sprintf("overdue %v late %v pending %v", d.Overdue, d.Late, d.Pending)
			}
			return out
		}
		Eventually(func(g Gomega) {
			g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(plan), plan)).To(Succeed())
			st := plan.Status
			g.Expect(st.CurrentPhase).To(Equal(v1alpha1.CurrentPhaseFinished))
			g.Expect(st.DepartmentsInScope).To(BeEquivalentTo(30))
			g.Expect(st.Phases).To(HaveLen(3))
			g.Expect(st.Phases[0].DueDate).To(Equal("2008-12-10"))
			g.Expect(lists(st.Phases[0])).To(Equal(map[string]string{
				"animal-husbandry":   "overdue [] late [ImplementationPlanSubmitted StaffRegistrationSubmitted] pending []",
				"culture-sports":     "overdue [] late [ImplementationPlanSubmitted StaffRegistrationSubmitted] pending []",
				"rural-credit":       "overdue [StaffRegistrationSubmitted] late [] pending []",
				"science-technology": "overdue [] late [StaffRegistrationSubmitted] pending []",
			}))
			g.Expect(lists(st.Phases[1])).To(BeEmpty(), "every department has a section or a chief representative, its items relocated and its windows staffed")
			g.Expect(st.Phases[1].Done).To(BeEquivalentTo(30))
			g.Expect(lists(st.Phases[2])).To(Equal(map[string]string{
				"local-tax":    "overdue [] late [InspectionPassed] pending []",
				"rural-credit": "overdue [InspectionPassed] late [] pending []",
				"water":        "overdue [InspectionPassed] late [] pending []",
			}))
			g.Expect([]int32{st.Overdue, st.Late}).To(Equal([]int32{2, 4}))
		}).Should(Succeed())
		missed := meta.FindStatusCondition(plan.Status.Conditions, v1alpha1.ConditionPhaseDeadlineMissed)
		Expect(missed).NotTo(BeNil())
		Expect(missed.Message).To(And(
			ContainSubstring("Phase mobilisation was due 2008-12-10; overdue: rural-credit (StaffRegistrationSubmitted); met late: animal-husbandry (ImplementationPlanSubmitted 2008-12-15, StaffRegistrationSubmitted 2008-12-16), culture-sports (ImplementationPlanSubmitted 2008-12-12, StaffRegistrationSubmitted 2008-12-12), science-technology (StaffRegistrationSubmitted 2008-12-15)."),
			ContainSubstring("Phase acceptance was due 2009-01-15; overdue: rural-credit (InspectionPassed), water (InspectionPassed); met late: local-tax (InspectionPassed 2009-01-19)."),
		))
		Expect(meta.FindStatusCondition(plan.Status.Conditions, v1alpha1.ConditionCompleted)).To(BeNil())

		out := kubectl("get", "reformplans", "-n", ns)
		Expect(out).To(And(ContainSubstring("PHASE"), ContainSubstring("OVERDUE"), ContainSubstring("LATE")))
		Expect(strings.Fields(strings.Split(strings.TrimSpace(out), "\n")[1])).To(ContainElements("seed-plan", "Finished", "30", "2", "4", "False"))
		Expect(kubectl("describe", "reformplan", "-n", ns, "seed-plan")).To(ContainSubstring("Phase mobilisation was due 2008-12-10"))
		Eventually(func(g Gomega) v1alpha1.RolloutVerdict {
			d := named(&v1alpha1.Department{}, ns, "rural-credit")
			g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(d), d)).To(Succeed())
			g.Expect(d.Status.Rollout).To(HaveLen(1))
			return d.Status.Rollout[0].Verdict
		}).Should(Equal(v1alpha1.VerdictOverdue))
	})

	// The rankings are worked out by hand in config/samples/base/assessments.yaml, from the
	// outcomes above; keep the two in step. A row reads "name score onTime/due
	// onTheSpot/onTheSpotDue timeoutsCaused outOfSystem sentBack decided".
	It("ranks the 30 departments in the sample assessments, final for the quarter that has ended", func(ctx SpecContext) {
		before := clk.Now()
		DeferCleanup(func() { clk.SetTime(before) })
		clk.SetTime(time.Date(2009, 3, 2, 9, 0, 0, 0, time.UTC))
		// An annotation wakes an assessment, so both are scored at the new time.
		for _, name := range []string{"county-2008-q4", "county-2009-q1"} {
			Expect(k8sClient.Patch(ctx, named(&v1alpha1.Assessment{}, ns, name), client.RawPatch(types.MergePatchType,
				[]byte(`{"metadata":{"annotations":{"reform.onestop.dev/poke":"ranking"}}}`)))).To(Succeed())
		}
		none := func(names ...string) []string {
			var out []string
			for _, n := range names {
				out = append(out, n+" 100.0 0/0 0/0 0 0 0 0")
			}
			return out
		}
		rowsOf := func(g Gomega, name string) (*v1alpha1.Assessment, []string) {
			a := named(&v1alpha1.Assessment{}, ns, name)
			g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(a), a)).To(Succeed())
			var out []string
			for i, r := range a.Status.Departments {
				g.Expect(r.Rank).To(BeEquivalentTo(i+1), "rows in rank order")
				out = append(out, fmt.Sprintf("%s %s %d/%d %d/%d %d %d %d %d", r.Name, r.Score, r.OnTime, r.Due, r.OnTheSpot, r.OnTheSpotDue,
					r.TimeoutsCaused, r.OutOfSystem, r.SentBack, r.Decided))
			}
			return a, out
		}

		q4 := append([]string{
			"commerce 100.0 1/1 0/0 0 0 0 1",
			"health 100.0 1/1 0/0 0 0 0 1",
			"industry-commerce 100.0 1/1 1/1 0 0 0 1",
		}, none("agricultural-economy", "civil-affairs", "civil-air-defence", "construction", "culture-sports", "education",
			"environmental-protection", "family-planning", "finance", "forestry", "hr-labour", "industry-promotion", "local-tax",
			"meteorology", "planning", "prices", "quality-supervision", "rural-credit", "science-technology", "state-tax",
			"transport", "water")...)
		q4 = append(q4,
			"development-reform 95.0 1/1 0/0 0 1 0 1",
			"animal-husbandry 95.0 0/0 0/0 1 0 0 0",
			"land 90.0 0/0 0/0 0 0 2 0",
			"tobacco 25.0 0/1 0/0 1 0 0 1",
			"public-security 0.0 0/1 0/1 0 0 0 0",
		)
		Eventually(func(g Gomega) {
			a, rows := rowsOf(g, "county-2008-q4")
			g.Expect(a.Status.Finalized).To(BeTrue(), "2008-Q4 ended at 2008-12-31 17:30: %v", a.Status.Conditions)
			g.Expect(rows).To(Equal(q4))
		}).Should(Succeed())

		q1 := append([]string{
			"construction 100.0 1/1 0/0 0 0 0 1",
			"environmental-protection 100.0 1/1 0/0 0 0 0 1",
			"land 100.0 1/1 0/0 0 0 0 1",
			"state-tax 100.0 1/1 0/0 0 0 0 1",
			"transport 100.0 1/1 0/0 0 0 0 1",
		}, none("agricultural-economy", "civil-affairs", "civil-air-defence", "commerce", "culture-sports", "development-reform",
			"education", "family-planning", "finance", "forestry", "health", "hr-labour", "industry-commerce", "industry-promotion",
			"local-tax", "meteorology", "planning", "prices")...)
		q1 = append(q1, "public-security 100.0 0/0 0/0 0 0 0 1")
		q1 = append(q1, none("quality-supervision", "rural-credit", "science-technology", "tobacco")...)
		q1 = append(q1,
			"animal-husbandry 30.0 0/1 0/0 0 0 0 0",
			"water 25.0 0/1 0/0 1 0 0 1",
		)
		Eventually(func(g Gomega) {
			a, rows := rowsOf(g, "county-2009-q1")
			g.Expect(a.Status.Finalized).To(BeFalse(), "2009-Q1 runs until 2009-03-31 17:30")
			g.Expect(rows).To(Equal(q1))
		}).Should(Succeed())

		out := kubectl("get", "assessments", "-n", ns)
		lines := map[string][]string{}
		for _, line := range strings.Split(out, "\n") {
			if f := strings.Fields(line); len(f) > 0 {
				lines[f[0]] = f
			}
		}
		Expect(lines["NAME"]).To(ContainElements("PERIOD", "DEPARTMENTS", "TOP", "BOTTOM", "FINALIZED"))
		Expect(lines["county-2008-q4"]).To(ContainElements("2008-Q4", "30", "commerce", "100.0", "public-security", "0.0", "true"))
		Expect(lines["county-2009-q1"]).To(ContainElements("2009-Q1", "30", "construction", "100.0", "water", "25.0", "false"))
		Expect(kubectl("get", "asmt", "-n", ns, "county-2008-q4", "-o", "wide")).To(
			ContainSubstring("1. commerce 100.0, 2. health 100.0, 3. industry-commerce 100.0, 4. agricultural-economy 100.0, 5. civil-affairs 100.0, … (30 ranked)"))
	})

	It("shows each anomaly of the overlay on the object the overlay names", func(ctx SpecContext) {
		kubectl("apply", "-k", filepath.Join(samples, "anomalies"))
		kubectl("delete", "-n", ns, "approvalsection", "commerce-approval")

		type want struct {
			obj       conditioned
			condition string
		}
		for _, w := range []want{
			{named(&v1alpha1.ServiceCenter{}, ns, "traffic-police"), v1alpha1.ConditionOverCapacity},
			{named(&v1alpha1.Department{}, ns, "commerce"), v1alpha1.ConditionSectionMissing},
			{named(&v1alpha1.Department{}, ns, "civil-affairs"), v1alpha1.ConditionChiefRepresentativeMissing},
			{named(&v1alpha1.Department{}, ns, "civil-air-defence"), v1alpha1.ConditionCenterUnstaffed},
			{named(&v1alpha1.ServiceWindow{}, ns, "w-civil-air-defence"), v1alpha1.ConditionUnstaffed},
			{named(&v1alpha1.Department{}, ns, "tobacco"), v1alpha1.ConditionWindowHeadNotCadre},
			{named(&v1alpha1.ApprovalSection{}, ns, "health-approval"), v1alpha1.ConditionTemporaryStaff},
			{named(&v1alpha1.Department{}, ns, "health"), v1alpha1.ConditionTemporaryStaff},
			{named(&v1alpha1.ApprovalSection{}, ns, "land-approval"), v1alpha1.ConditionUncertifiedStaff},
			{named(&v1alpha1.Department{}, ns, "land"), v1alpha1.ConditionUncertifiedStaff},
			{named(&v1alpha1.ApprovalSection{}, ns, "environmental-protection-approval"), v1alpha1.ConditionNotFullyAuthorized},
			{named(&v1alpha1.Department{}, ns, "environmental-protection"), v1alpha1.ConditionNotFullyAuthorized},
			{named(&v1alpha1.ApprovalSection{}, ns, "water-approval"), v1alpha1.ConditionStaffingPlanPending},
			{named(&v1alpha1.ApprovalItem{}, ns, "local-tax-housing-transfer-tax-relief"), v1alpha1.ConditionNotRelocated},
			{named(&v1alpha1.Department{}, ns, "local-tax"), v1alpha1.ConditionNotRelocated},
			{named(&v1alpha1.Department{}, ns, "transport"), v1alpha1.ConditionLeaderInChargeMissing},
			{named(&v1alpha1.ServiceWindow{}, ns, "w-education"), v1alpha1.ConditionHeadMissing},
			{named(&v1alpha1.ServiceWindow{}, ns, "w-prices"), v1alpha1.ConditionScheduleMissing},
			{named(&v1alpha1.ServiceWindow{}, ns, "w-development-reform"), v1alpha1.ConditionStaffNotInRoster},
		} {
			Eventually(conditionOf(ctx, w.obj, w.condition)).Should(Equal("True"),
				fmt.Sprintf("%T %s should show %s", w.obj, w.obj.GetName(), w.condition))
			Expect(conditionOf(ctx, w.obj, v1alpha1.ConditionReady)(Default)).To(Equal("False"))
		}
		Eventually(eventsFor(ctx, ns, "land-approval")).Should(ContainElement("Warning UncertifiedStaff"))
		Expect(kubectl("describe", "department", "-n", ns, "civil-affairs")).To(ContainSubstring("name one in spec.chiefRepresentative"))
	})

	It("clears an anomaly once it is fixed, and says so in an event", func(ctx SpecContext) {
		section := &v1alpha1.ApprovalSection{}
		Expect(k8sClient.Get(ctx, types.NamespacedName{Namespace: ns, Name: "land-approval"}, section)).To(Succeed())
		patch := client.MergeFrom(section.DeepCopy())
		for i := range section.Spec.Roster {
			if c := section.Spec.Roster[i].Certificate; c != nil && c.Expires < "2009-01-01" {
				c.Expires = "2030-12-31"
			}
		}
		Expect(k8sClient.Patch(ctx, section, patch)).To(Succeed())

		Eventually(conditionOf(ctx, section, v1alpha1.ConditionUncertifiedStaff)).Should(BeEmpty())
		Eventually(conditionOf(ctx, section, v1alpha1.ConditionReady)).Should(Equal("True"))
		Eventually(conditionOf(ctx, named(&v1alpha1.Department{}, ns, "land"), v1alpha1.ConditionReady)).Should(Equal("True"))
		Eventually(eventsFor(ctx, ns, "land-approval")).Should(ContainElement("Normal UncertifiedStaffResolved"))
	})
})
