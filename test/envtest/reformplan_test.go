package envtest

import (
	"context"
	"fmt"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// rpAt is a wall-clock time in Asia/Shanghai, the sample calendar's zone.
func rpAt(year int, month time.Month, day, hour, minute, second int) time.Time {
	loc, err := time.LoadLocation("Asia/Shanghai")
	Expect(err).NotTo(HaveOccurred())
	return time.Date(year, month, day, hour, minute, second, 0, loc)
}

// rpPoke makes the plan reconcile once, at the clock the test just set: moving the clock wakes
// nothing by itself, and the timer armed at the old time lies days ahead in real time.
func rpPoke(ctx context.Context, p *v1alpha1.ReformPlan) {
	poke := fmt.Sprintf(`{"metadata":{"annotations":{"reform.onestop.dev/poke":%q}}}`, time.Now().Format(time.RFC3339Nano))
	Expect(k8sClient.Patch(ctx, p, client.RawPatch(types.MergePatchType, []byte(poke)))).To(Succeed())
}

// rpRead reads the plan, written for its current generation.
func rpRead(ctx context.Context, g Gomega, p *v1alpha1.ReformPlan) {
	g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(p), p)).To(Succeed())
	g.Expect(p.Status.ObservedGeneration).To(Equal(p.Generation))
}

// rpPhase returns the plan's status of the named phase.
func rpPhase(g Gomega, p *v1alpha1.ReformPlan, name string) v1alpha1.PhaseStatus {
	for _, ph := range p.Status.Phases {
		if ph.Name == name {
			return ph
		}
	}
	g.Expect(p.Status.Phases).To(ContainElement(HaveField("Name", name)))
	return v1alpha1.PhaseStatus{}
}

// rpDepartments is a phase's department lists, as department -> "state: requirements".
func rpDepartments(ph v1alpha1.PhaseStatus) map[string][]string {
	out := map[string][]string{}
	for _, d := range ph.Departments {
		for _, l := range []struct {
			state string
			list  []v1alpha1.RolloutRequirement
		}{{"Pending", d.Pending}, {"Overdue", d.Overdue}, {"Late", d.Late}} {
			for _, r := range l.list {
				out[d.Department] = append(out[d.Department], l.state+" "+string(r))
			}
		}
	}
	return out
}

func rpCond(p *v1alpha1.ReformPlan, t string) *metav1.Condition {
	return meta.FindStatusCondition(p.Status.Conditions, t)
}

var _ = Describe("ReformPlan", func() {
	var ns string
	BeforeEach(func(ctx SpecContext) {
		ns = newNamespace(ctx)
		before := clk.Now()
		DeferCleanup(func() { clk.SetTime(before) })
	})

	// The departments of the story, each with a chief representative and a window.
	newDept := func(ctx context.Context, name string, batch int32, planOn, staffOn string, staffed bool) *v1alpha1.Department {
		d := department(ns, name, batch)
		d.Labels = map[string]string{"reform.onestop.dev/batch": fmt.Sprint(batch)}
		chief := validPerson("首席"+name, "", "首席代表", "执法-"+name, "2030-12-31", v1alpha1.GradeSectionLevel)
		d.Spec.ChiefRepresentative = &chief
		d.Spec.ImplementationPlanSubmitted, d.Spec.StaffRegistrationSubmitted = planOn, staffOn
		Expect(k8sClient.Create(ctx, d)).To(Succeed())
		w := window(ns, "w-"+name, "county-center", name, "")
		if staffed {
			w.Spec.Staff = []v1alpha1.Person{chief}
		}
		Expect(k8sClient.Create(ctx, w)).To(Succeed())
		return d
	}
	seedPlan := func() *v1alpha1.ReformPlan {
		p := validPlan(ns)
		p.Spec.Inspections = nil
		p.Spec.Scope = v1alpha1.PlanScope{Batches: []int32{1, 2}}
		p.Spec.Phases[1].Requirements = []v1alpha1.RolloutRequirement{v1alpha1.RequirementSectionOrRepresentative, v1alpha1.RequirementWindowsStaffed}
		p.Spec.Phases[2].Requirements = []v1alpha1.RolloutRequirement{v1alpha1.RequirementInspectionRecorded}
		return p
	}

	It("follows the seed's three phases before, during and after each deadline, and completes once the late work is done", func(ctx SpecContext) {
		clk.SetTime(rpAt(2008, 12, 2, 12, 0, 0))
		Expect(k8sClient.Create(ctx, center(ns, "county-center", ""))).To(Succeed())
		newDept(ctx, "health", 1, "2008-12-04", "2008-12-05", true)
		newDept(ctx, "culture-sports", 2, "2008-12-12", "2008-12-12", true)
		rural := newDept(ctx, "rural-credit", 2, "2008-12-08", "", false)
		p := seedPlan()
		Expect(k8sClient.Create(ctx, p)).To(Succeed())

		By("the day before mobilisation: not started, nothing overdue, Ready")
		Eventually(func(g Gomega) {
			rpRead(ctx, g, p)
			g.Expect(p.Status.CurrentPhase).To(Equal(v1alpha1.CurrentPhaseNotStarted))
			g.Expect(p.Status.Due).To(Equal("2008-12-10 17:30 CST"))
			g.Expect(p.Status.DepartmentsInScope).To(BeEquivalentTo(3))
			g.Expect(p.Status.Overdue).To(BeZero())
			for _, name := range []string{"mobilisation", "implementation", "acceptance"} {
				g.Expect(rpPhase(g, p, name).State).To(Equal(v1alpha1.PhasePending), name)
			}
			// The windows are counted: implementation's requirements are met ahead of time,
			// but for rural-credit's unstaffed window.
			g.Expect(rpDepartments(rpPhase(g, p, "implementation"))).To(Equal(map[string][]string{"rural-credit": {"Pending WindowsStaffed"}}))
		}).Should(Succeed())
		Eventually(kstatusOf(ctx, p)).Should(Equal(status.CurrentStatus))
		Expect(rpCond(p, v1alpha1.ConditionReady)).To(HaveField("Reason", v1alpha1.ReasonOnSchedule))

		By("during mobilisation: a submission counts from its day on")
		clk.SetTime(rpAt(2008, 12, 5, 10, 0, 0))
		rpPoke(ctx, p)
		Eventually(func(g Gomega) {
			rpRead(ctx, g, p)
			g.Expect(p.Status.CurrentPhase).To(Equal("mobilisation"))
			mob := rpPhase(g, p, "mobilisation")
			g.Expect(mob.State).To(Equal(v1alpha1.PhaseActive))
			g.Expect(mob.Due.Time).To(BeTemporally("==", rpAt(2008, 12, 10, 17, 30, 0)))
			g.Expect(rpDepartments(mob)).To(Equal(map[string][]string{
				"culture-sports": {"Pending ImplementationPlanSubmitted", "Pending StaffRegistrationSubmitted"},
				// Its plan is recorded as submitted on 2008-12-08: not yet.
				"rural-credit": {"Pending ImplementationPlanSubmitted", "Pending StaffRegistrationSubmitted"},
			}))
			g.Expect([]int32{mob.Done, mob.Pending, mob.Overdue}).To(Equal([]int32{1, 2, 0}))
		}).Should(Succeed())
		Expect(rpCond(p, v1alpha1.ConditionPhaseDeadlineMissed)).To(BeNil())

		By("mobilisation's deadline: the timer fires at close of business with no other change")
		deadline := rpAt(2008, 12, 10, 17, 30, 0)
		clk.SetTime(deadline.Add(-5 * time.Second))
		rpPoke(ctx, p)
		Eventually(func(g Gomega) {
			rpRead(ctx, g, p)
			g.Expect(rpPhase(g, p, "mobilisation").State).To(Equal(v1alpha1.PhaseEnded))
		}).Should(Succeed())
		missed := rpCond(p, v1alpha1.ConditionPhaseDeadlineMissed)
		Expect(missed).NotTo(BeNil())
		Expect(missed.LastTransitionTime.Time).To(BeTemporally(">=", deadline), "the phase ended before its deadline")
		Expect(missed.Message).To(ContainSubstring("Phase mobilisation was due 2008-12-10; overdue: culture-sports (ImplementationPlanSubmitted, StaffRegistrationSubmitted), rural-credit (StaffRegistrationSubmitted)."))
		Expect(rpDepartments(rpPhase(Default, p, "mobilisation"))).To(Equal(map[string][]string{
			"culture-sports": {"Overdue ImplementationPlanSubmitted", "Overdue StaffRegistrationSubmitted"},
			"rural-credit":   {"Overdue StaffRegistrationSubmitted"},
		}))
		Expect(p.Status.Overdue).To(BeEquivalentTo(2))
		Expect(p.Status.CurrentPhase).To(Equal("mobilisation"), "between two phases, the last one started")
		Expect(p.Status.Due).To(Equal("2008-12-31 17:30 CST"))
		Expect(rpCond(p, v1alpha1.ConditionReady)).To(And(HaveField("Status", metav1.ConditionFalse), HaveField("Reason", v1alpha1.ConditionPhaseDeadlineMissed)))
		Eventually(kstatusOf(ctx, p)).Should(Equal(status.FailedStatus))
		Eventually(eventsFor(ctx, ns, p.Name)).Should(ContainElement("Warning PhaseDeadlineMissed"))

		// The department shows the plan's verdict on itself.
		Eventually(func(g Gomega) []v1alpha1.DepartmentRollout {
			g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(rural), rural)).To(Succeed())
			return rural.Status.Rollout
		}).Should(ConsistOf(And(
			HaveField("Plan", p.Name), HaveField("Phase", "mobilisation"), HaveField("Verdict", v1alpha1.VerdictOverdue),
			HaveField("Requirements", ContainElement(v1alpha1.RequirementProgress{
				Phase: "mobilisation", Requirement: v1alpha1.RequirementStaffRegistrationSubmitted, State: "Overdue", Due: "2008-12-10",
			})),
		)))
		// culture-sports is overdue too, and otherwise in order: its Ready stays True.
		culture := named(&v1alpha1.Department{}, ns, "culture-sports")
		Eventually(func(g Gomega) []v1alpha1.DepartmentRollout {
			g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(culture), culture)).To(Succeed())
			return culture.Status.Rollout
		}).Should(ConsistOf(HaveField("Verdict", v1alpha1.VerdictOverdue)))
		Expect(meta.IsStatusConditionTrue(culture.Status.Conditions, v1alpha1.ConditionReady)).To(BeTrue(), "a missed phase deadline does not change a department's Ready")

		By("two days late: culture-sports's submissions count, as late")
		clk.SetTime(rpAt(2008, 12, 12, 9, 0, 0))
		rpPoke(ctx, p)
		Eventually(func(g Gomega) {
			rpRead(ctx, g, p)
			g.Expect(p.Status.CurrentPhase).To(Equal("implementation"))
			g.Expect(rpDepartments(rpPhase(g, p, "mobilisation"))).To(Equal(map[string][]string{
				"culture-sports": {"Late ImplementationPlanSubmitted", "Late StaffRegistrationSubmitted"},
				"rural-credit":   {"Overdue StaffRegistrationSubmitted"},
			}))
			g.Expect([]int32{p.Status.Overdue, p.Status.Late}).To(Equal([]int32{1, 1}))
			g.Expect(rpCond(p, v1alpha1.ConditionPhaseDeadlineMissed).Message).To(ContainSubstring(
				"overdue: rural-credit (StaffRegistrationSubmitted); met late: culture-sports (ImplementationPlanSubmitted 2008-12-12, StaffRegistrationSubmitted 2008-12-12)."))
		}).Should(Succeed())

		By("implementation's deadline with rural-credit's window unstaffed")
		deadline = rpAt(2008, 12, 31, 17, 30, 0)
		clk.SetTime(deadline.Add(-5 * time.Second))
		rpPoke(ctx, p)
		Eventually(func(g Gomega) {
			rpRead(ctx, g, p)
			impl := rpPhase(g, p, "implementation")
			g.Expect(impl.State).To(Equal(v1alpha1.PhaseEnded))
			g.Expect(impl.DeadlineWatched).To(BeTrue())
			g.Expect(rpDepartments(impl)).To(Equal(map[string][]string{"rural-credit": {"Overdue WindowsStaffed"}}))
		}).Should(Succeed())
		Expect(rpCond(p, v1alpha1.ConditionPhaseDeadlineMissed).Message).To(ContainSubstring("Phase implementation was due 2008-12-31; overdue: rural-credit (WindowsStaffed)."))

		By("the window staffed in January: met late, and the department's change alone wakes the plan")
		clk.SetTime(rpAt(2009, 1, 5, 9, 0, 0))
		w := &v1alpha1.ServiceWindow{}
		Expect(k8sClient.Get(ctx, types.NamespacedName{Namespace: ns, Name: "w-rural-credit"}, w)).To(Succeed())
		w.Spec.Staff = []v1alpha1.Person{*rural.Spec.ChiefRepresentative}
		Expect(k8sClient.Update(ctx, w)).To(Succeed())
		Eventually(func(g Gomega) {
			rpRead(ctx, g, p)
			g.Expect(rpDepartments(rpPhase(g, p, "implementation"))).To(Equal(map[string][]string{"rural-credit": {"Late WindowsStaffed"}}))
			g.Expect(p.Status.CurrentPhase).To(Equal("acceptance"))
		}).Should(Succeed())

		By("inspections recorded for two departments; the third is never inspected by the end")
		patch := client.MergeFrom(p.DeepCopy())
		p.Spec.Inspections = []v1alpha1.Inspection{
			{Department: "health", Date: "2009-01-08", Inspector: "县政府督查室联合检查组", Result: v1alpha1.InspectionPassedResult},
			{Department: "culture-sports", Date: "2009-01-09", Inspector: "县政府督查室联合检查组", Result: v1alpha1.InspectionConditionallyPassed, Findings: []string{"公示时限不全"}},
		}
		Expect(k8sClient.Patch(ctx, p, patch)).To(Succeed())
		deadline = rpAt(2009, 1, 15, 17, 30, 0)
		clk.SetTime(deadline.Add(-5 * time.Second))
		rpPoke(ctx, p)
		Eventually(func(g Gomega) {
			rpRead(ctx, g, p)
			g.Expect(p.Status.CurrentPhase).To(Equal(v1alpha1.CurrentPhaseFinished))
			g.Expect(p.Status.Due).To(BeEmpty())
			g.Expect(rpDepartments(rpPhase(g, p, "acceptance"))).To(Equal(map[string][]string{"rural-credit": {"Overdue InspectionRecorded"}}))
		}).Should(Succeed())
		Expect(rpCond(p, v1alpha1.ConditionCompleted)).To(BeNil(), "rural-credit still owes its staff registration and an inspection")

		By("rural-credit catches up after the end: the plan completes, the missed deadlines stay on record")
		clk.SetTime(rpAt(2009, 1, 20, 9, 0, 0))
		deptPatch := client.MergeFrom(rural.DeepCopy())
		rural.Spec.StaffRegistrationSubmitted = "2009-01-19"
		Expect(k8sClient.Patch(ctx, rural, deptPatch)).To(Succeed())
		patch = client.MergeFrom(p.DeepCopy())
		p.Spec.Inspections = append(p.Spec.Inspections, v1alpha1.Inspection{
			Department: "rural-credit", Date: "2009-01-20", Inspector: "县政府督查室联合检查组", Result: v1alpha1.InspectionPassedResult,
		})
		Expect(k8sClient.Patch(ctx, p, patch)).To(Succeed())
		Eventually(func(g Gomega) {
			rpRead(ctx, g, p)
			g.Expect(rpCond(p, v1alpha1.ConditionCompleted)).To(HaveField("Status", metav1.ConditionTrue))
		}).Should(Succeed())
		Expect(rpCond(p, v1alpha1.ConditionReady)).To(And(HaveField("Status", metav1.ConditionTrue), HaveField("Reason", v1alpha1.ReasonCompleted)))
		Expect([]int32{p.Status.Overdue, p.Status.Late}).To(Equal([]int32{0, 2}))
		Expect(rpCond(p, v1alpha1.ConditionPhaseDeadlineMissed).Message).To(And(
			ContainSubstring("met late: culture-sports (ImplementationPlanSubmitted 2008-12-12, StaffRegistrationSubmitted 2008-12-12), rural-credit (StaffRegistrationSubmitted 2009-01-19)."),
			ContainSubstring("Phase implementation was due 2008-12-31; met late: rural-credit (WindowsStaffed)."),
			ContainSubstring("Phase acceptance was due 2009-01-15; met late: rural-credit (InspectionRecorded 2009-01-20)."),
		))
		Eventually(kstatusOf(ctx, p)).Should(Equal(status.CurrentStatus))
		// One warning when the first deadline was missed (later misses add to its message), and
		// completion as good news, not as a warning.
		Eventually(eventsFor(ctx, ns, p.Name)).Should(ContainElement("Normal Completed"))
		evs, err := eventsFor(ctx, ns, p.Name)()
		Expect(err).NotTo(HaveOccurred())
		var warnings []string
		for _, e := range evs {
			if strings.HasPrefix(e, "Warning ") {
				warnings = append(warnings, e)
			}
		}
		Expect(warnings).To(Equal([]string{"Warning PhaseDeadlineMissed"}))
		Eventually(func(g Gomega) []v1alpha1.DepartmentRollout {
			g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(rural), rural)).To(Succeed())
			return rural.Status.Rollout
		}).Should(ConsistOf(And(HaveField("Phase", v1alpha1.CurrentPhaseFinished), HaveField("Verdict", v1alpha1.VerdictLate))))
	})

	It("scopes departments by label selector, and follows a department relabelled into scope", func(ctx SpecContext) {
		clk.SetTime(rpAt(2008, 12, 5, 10, 0, 0))
		tobacco := newDept(ctx, "tobacco", 2, "2008-12-04", "2008-12-04", true)
		health := newDept(ctx, "health", 1, "2008-12-04", "", true)
		p := seedPlan()
		p.Spec.Scope = v1alpha1.PlanScope{Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"reform.onestop.dev/batch": "2"}}}
		Expect(k8sClient.Create(ctx, p)).To(Succeed())
		Eventually(func(g Gomega) {
			rpRead(ctx, g, p)
			g.Expect(p.Status.DepartmentsInScope).To(BeEquivalentTo(1))
			g.Expect(rpPhase(g, p, "mobilisation").Done).To(BeEquivalentTo(1))
		}).Should(Succeed())
		Eventually(func(g Gomega) []v1alpha1.DepartmentRollout {
			g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(tobacco), tobacco)).To(Succeed())
			return tobacco.Status.Rollout
		}).Should(ConsistOf(And(HaveField("Plan", p.Name), HaveField("Verdict", v1alpha1.VerdictPending))))
		Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(health), health)).To(Succeed())
		Expect(health.Status.Rollout).To(BeEmpty(), "health is out of the plan's scope")

		patch := client.MergeFrom(health.DeepCopy())
		health.Labels["reform.onestop.dev/batch"] = "2"
		Expect(k8sClient.Patch(ctx, health, patch)).To(Succeed())
		Eventually(func(g Gomega) {
			rpRead(ctx, g, p)
			g.Expect(p.Status.DepartmentsInScope).To(BeEquivalentTo(2))
			g.Expect(rpDepartments(rpPhase(g, p, "mobilisation"))).To(HaveKeyWithValue("health", []string{"Pending StaffRegistrationSubmitted"}))
		}).Should(Succeed())
		Eventually(func(g Gomega) []v1alpha1.DepartmentRollout {
			g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(health), health)).To(Succeed())
			return health.Status.Rollout
		}).Should(ConsistOf(HaveField("Requirements", ContainElement(v1alpha1.RequirementProgress{
			Phase: "mobilisation", Requirement: v1alpha1.RequirementStaffRegistrationSubmitted, State: "Pending", Due: "2008-12-10",
		}))))
	})

	It("names every late department in the condition, and keeps the warning event within what the events API accepts", func(ctx SpecContext) {
		clk.SetTime(rpAt(2008, 12, 11, 9, 0, 0))
		var names []string
		for i := range 12 {
			name := fmt.Sprintf("a-department-with-a-name-as-long-as-a-sentence-%02d", i)
			Expect(k8sClient.Create(ctx, department(ns, name, 2))).To(Succeed())
			names = append(names, name)
		}
		p := seedPlan()
		Expect(k8sClient.Create(ctx, p)).To(Succeed())
		Eventually(func(g Gomega) {
			rpRead(ctx, g, p)
			g.Expect(p.Status.Overdue).To(BeEquivalentTo(12))
		}).Should(Succeed())
		msg := rpCond(p, v1alpha1.ConditionPhaseDeadlineMissed).Message
		for _, n := range names {
			Expect(msg).To(ContainSubstring(n + " (ImplementationPlanSubmitted, StaffRegistrationSubmitted)"))
		}
		Expect(len(msg)).To(BeNumerically(">", 1024), "the message is longer than an event's note may be")
		Eventually(func(g Gomega) []string {
			list := &eventsv1.EventList{}
			g.Expect(k8sClient.List(ctx, list, client.InNamespace(ns))).To(Succeed())
			var notes []string
			for _, e := range list.Items {
				if e.Regarding.Name == p.Name && e.Reason == v1alpha1.ConditionPhaseDeadlineMissed {
					notes = append(notes, e.Note)
				}
			}
			return notes
		}).Should(ConsistOf(And(
			HavePrefix("Phase mobilisation was due 2008-12-10; overdue: "+names[0]),
			HaveSuffix("… (cut short: the condition has the whole message)"),
			WithTransform(func(s string) int { return len(s) }, BeNumerically("<=", 1024)),
		)))
	})

	It("waits for a calendar that does not exist", func(ctx SpecContext) {
		p := seedPlan()
		p.Spec.Calendar = "cn-hongkong"
		Expect(k8sClient.Create(ctx, p)).To(Succeed())
		Eventually(func(g Gomega) *metav1.Condition {
			rpRead(ctx, g, p)
			return rpCond(p, v1alpha1.ConditionReady)
		}).Should(And(
			HaveField("Reason", v1alpha1.ReasonCalendarNotFound),
			HaveField("Message", ContainSubstring(`names WorkCalendar "cn-hongkong" in spec.calendar, which does not exist in the cluster`)),
		))
		Expect(kstatusOf(ctx, p)()).To(Equal(status.InProgressStatus))
	})
})
