package envtest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/cli-runtime/pkg/genericiooptions"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	ctrlenvtest "sigs.k8s.io/controller-runtime/pkg/envtest"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/plugin"
)

// The kubectl plugin's read commands, run in-process through their cobra root exactly as
// `kubectl onestop` runs them, with a kubeconfig for the suite's API server, against a county
// the real reconcilers have brought up to date.
//
// The clock stands at Tuesday 2009-01-13 10:00 CST on the sample calendar cn-mainland (New
// Year 2009-01-01..03 off, Sunday 01-04 worked):
//   - pl-due-today, accepted Monday 2008-12-29, 10 working days: 12-30, 12-31, 01-04, 01-05 ..
//     01-09, 01-12, 01-13: due today 17:30; its co-approver land (5 days) was due 01-06 and
//     stayed silent;
//   - pl-timeout, accepted Monday 2008-12-15, 10 working days: due 2008-12-29 17:30, decided by
//     timeout consent; its co-approver land (5 days) was due 2008-12-22 and stayed silent;
//   - pl-overdue, accepted Monday 2008-12-22, 10 working days: due 2009-01-06 17:30, silence
//     decides nothing: DeadlineExceeded;
//   - the plan's acceptance phase (2009-01-01 .. 01-15) is due Thursday 01-15 17:30: 2 days
//     left, 2 working days after today.
var _ = Describe("kubectl onestop plugin", Ordered, func() {
	var (
		ns         string
		kubeconfig string
	)
	cst := time.FixedZone("CST", 8*3600)
	at := func(s string) metav1.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", s, cst)
		Expect(err).NotTo(HaveOccurred())
		return metav1.NewTime(t)
	}

	// onestop runs the plugin with args, as the suite's clock tells the time.
	onestop := func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		code := plugin.Run(plugin.Options{
			Streams: genericiooptions.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
			Clock:   clk,
			Getenv:  func(string) string { return "" },
		}, append([]string{"--kubeconfig", kubeconfig, "-n", ns}, args...))
		return out.String(), errOut.String(), code
	}

	BeforeAll(func(ctx SpecContext) {
		// Other specs expect the clock where the suite set it: put it back afterwards.
		before := clk.Now()
		DeferCleanup(func() { clk.SetTime(before) })
		clk.SetTime(at("2009-01-13 10:00").Time)
		ns = newNamespace(ctx)

		user, err := testEnv.AddUser(ctrlenvtest.User{Name: "plugin-user", Groups: []string{"system:masters"}}, nil)
		Expect(err).NotTo(HaveOccurred())
		data, err := user.KubeConfig()
		Expect(err).NotTo(HaveOccurred())
		kubeconfig = filepath.Join(GinkgoT().TempDir(), "kubeconfig")
		Expect(os.WriteFile(kubeconfig, data, 0o600)).To(Succeed())

		// Paper records of past cases are loaded by a record importer, as make run does.
		conf := rest.CopyConfig(cfg)
		conf.Impersonate = rest.ImpersonationConfig{UserName: "onestop-samples", Groups: []string{"system:masters", "onestop:record-importers"}}
		importer, err := client.New(conf, client.Options{Scheme: scheme, Mapper: k8sClient.RESTMapper()})
		Expect(err).NotTo(HaveOccurred())

		cert := &v1alpha1.Certificate{Number: "ZF-2008-0001", Expires: "2030-12-31"}
		head := v1alpha1.Person{Name: "王芳", UserName: "wang.fang", Employment: v1alpha1.EmploymentFormal, Certificate: cert}
		clerk := v1alpha1.Person{Name: "赵敏", UserName: "zhao.min", Employment: v1alpha1.EmploymentFormal, Certificate: cert}
		rep := v1alpha1.Person{Name: "刘洋", UserName: "liu.yang", Employment: v1alpha1.EmploymentFormal, Certificate: cert, Grade: v1alpha1.GradeSectionLevel}

		construction := department(ns, "construction", 1)
		construction.Spec.DisplayName = "建设局 (Construction Bureau)"
		construction.Spec.LeaderInCharge = &v1alpha1.Person{Name: "张伟", Employment: v1alpha1.EmploymentFormal}
		land := department(ns, "land", 2)
		land.Spec.DisplayName = "国土局 (Land Bureau)"
		land.Spec.ChiefRepresentative = &rep
		landWindow := window(ns, "w-land", "county-center", "land", "")
		landWindow.Spec.Mode = v1alpha1.WindowTemporary
		landWindow.Spec.Attendance = []v1alpha1.AttendanceSlot{{Weekday: "Tuesday", From: "08:30", To: "12:00"}}
		landWindow.Spec.Staff = []v1alpha1.Person{rep}
		constructionWindow := window(ns, "w-construction", "county-center", "construction", "construction-approval")
		constructionWindow.Spec.Head = &head
		constructionWindow.Spec.Staff = []v1alpha1.Person{clerk}
		objects := []client.Object{
			&v1alpha1.ServiceCenter{
				ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "county-center"},
				Spec:       v1alpha1.ServiceCenterSpec{DisplayName: "县行政服务中心", CapacityWindows: 10, Calendar: "cn-mainland"},
			},
			construction, land,
			&v1alpha1.ApprovalSection{
				ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "construction-approval"},
				Spec: v1alpha1.ApprovalSectionSpec{
					Department: "construction", DisplayName: "行政审批服务科", Form: v1alpha1.SectionFormDedicated,
					Head: &head, Roster: []v1alpha1.Person{head, clerk},
					Authorization: v1alpha1.SectionAuthorization{Full: true},
					StaffingPlan: v1alpha1.StaffingPlan{CenterReview: &v1alpha1.PlanStep{Date: "2008-12-05"},
						EstablishmentOfficeApproval: &v1alpha1.PlanStep{Date: "2008-12-18"}},
				},
			},
			constructionWindow, landWindow,
		}
		item := func(name, code, dept string, silence v1alpha1.SilencePolicy, co ...v1alpha1.CoApprover) *v1alpha1.ApprovalItem {
			return &v1alpha1.ApprovalItem{
				ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
				Spec: v1alpha1.ApprovalItemSpec{
					Code: code, DisplayName: name, Department: dept, ApprovalType: v1alpha1.ApprovalLicensing,
					Category: 3, StatutoryLimitDays: 20, PromisedLimitDays: 10, CoApprovers: co,
					SilencePolicy: silence, Relocation: v1alpha1.Relocation{Mode: v1alpha1.RelocationRequired}, Center: "county-center",
					Lifecycle: v1alpha1.Lifecycle{State: v1alpha1.LifecycleActive}, LegalBasis: "《行政许可法》",
				},
			}
		}
		objects = append(objects,
			item("building-permit", "JS-001", "construction", v1alpha1.SilenceConsent, v1alpha1.CoApprover{Department: "land", LimitDays: 5}),
			item("land-registration", "GT-002", "land", v1alpha1.SilenceNone),
			&v1alpha1.ReformPlan{
				ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "seed-plan"},
				Spec: v1alpha1.ReformPlanSpec{
					DisplayName:  "县进一步深化行政审批提高行政效能实施方案",
					Calendar:     "cn-mainland",
					LeadingGroup: v1alpha1.LeadingGroup{Head: v1alpha1.Person{Name: "詹晓阳", Employment: v1alpha1.EmploymentFormal}},
					Phases: []v1alpha1.PlanPhase{
						{Name: "mobilisation", Title: "宣传发动阶段", Start: "2008-12-03", End: "2008-12-10"},
						{Name: "implementation", Title: "组织实施阶段", Start: "2008-12-11", End: "2008-12-31",
							Requirements: []v1alpha1.RolloutRequirement{v1alpha1.RequirementSectionOrRepresentative}},
						{Name: "acceptance", Title: "检查验收阶段", Start: "2009-01-01", End: "2009-01-15",
							Requirements: []v1alpha1.RolloutRequirement{v1alpha1.RequirementInspectionPassed}},
					},
					Inspections: []v1alpha1.Inspection{{Department: "construction", Date: "2009-01-12", Inspector: "县政府督查室", Result: v1alpha1.InspectionPassedResult}},
				},
			},
		)
		for _, o := range objects {
			Expect(k8sClient.Create(ctx, o)).To(Succeed(), o.GetName())
		}
		kase := func(name, itemName, received string) *v1alpha1.ApprovalCase {
			return &v1alpha1.ApprovalCase{
				ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
				Spec: v1alpha1.ApprovalCaseSpec{
					Item: itemName, Applicant: v1alpha1.Applicant{Name: "金湖建筑有限公司"}, ReceivedAt: at(received),
					Intake:     v1alpha1.Intake{Channel: v1alpha1.IntakeWindow, Center: "county-center", Window: "w-construction", ReceivedBy: "zhao.min"},
					Acceptance: &v1alpha1.Act{At: at(received), By: "zhao.min"},
				},
			}
		}
		overdue := kase("pl-overdue", "land-registration", "2008-12-22 09:00")
		overdue.Spec.Intake.Window, overdue.Spec.Intake.ReceivedBy = "w-land", "liu.yang"
		overdue.Spec.Acceptance.By = "liu.yang"
		for _, c := range []*v1alpha1.ApprovalCase{
			kase("pl-due-today", "building-permit", "2008-12-29 09:00"),
			kase("pl-timeout", "building-permit", "2008-12-15 09:00"),
			overdue,
		} {
			Expect(importer.Create(ctx, c)).To(Succeed(), c.Name)
		}

		By("waiting for the reconcilers: every case's clock, the departments and the plan")
		Eventually(func(g Gomega) {
			cases := &v1alpha1.ApprovalCaseList{}
			g.Expect(k8sClient.List(ctx, cases, client.InNamespace(ns))).To(Succeed())
			st := map[string]v1alpha1.ApprovalCaseStatus{}
			for _, c := range cases.Items {
				st[c.Name] = c.Status
			}
			g.Expect(st["pl-due-today"].DecisionDeadline).NotTo(BeNil())
			g.Expect(st["pl-timeout"].Decision).NotTo(BeNil())
			g.Expect(st["pl-timeout"].Decision.Method).To(Equal(v1alpha1.DecidedByTimeoutConsent))
			g.Expect(meta.IsStatusConditionTrue(st["pl-overdue"].Conditions, v1alpha1.ConditionDeadlineExceeded)).To(BeTrue())
			for _, name := range []string{"construction", "land"} {
				d := &v1alpha1.Department{}
				g.Expect(k8sClient.Get(ctx, client.ObjectKey{Namespace: ns, Name: name}, d)).To(Succeed())
				g.Expect(d.Status.ObservedGeneration).To(Equal(d.Generation))
				g.Expect(d.Status.Rollout).NotTo(BeEmpty())
			}
			plan := &v1alpha1.ReformPlan{}
			g.Expect(k8sClient.Get(ctx, client.ObjectKey{Namespace: ns, Name: "seed-plan"}, plan)).To(Succeed())
			g.Expect(plan.Status.CurrentPhase).To(Equal("acceptance"))
		}).Should(Succeed())
	})

	It("lists the queues: due today, by timeout consent, overdue", func() {
		out, errOut, code := onestop("cases", "--due-today")
		Expect(code).To(Equal(0), errOut)
		Expect(out).To(ContainSubstring("pl-due-today"))
		Expect(out).To(ContainSubstring("2009-01-13 17:30 CST (today)"))
		Expect(out).To(ContainSubstring("1 case\n"))

		out, errOut, code = onestop("cases", "--timeout-consent")
		Expect(code).To(Equal(0), errOut)
		Expect(out).To(MatchRegexp(`pl-timeout +JS-001 +construction +Decided .* TimeoutConsent +TimeoutConsent +construction,land `))
		// Still open, but its co-approver land was silent past 2009-01-06 and deemed to consent.
		Expect(out).To(MatchRegexp(`pl-due-today +JS-001 +construction +Accepted .* land +CoApproverTimedOut`))
		Expect(out).NotTo(ContainSubstring("pl-overdue"))

		out, errOut, code = onestop("cases", "--overdue", "-o", "name")
		Expect(code).To(Equal(0), errOut)
		Expect(out).To(Equal("approvalcase.reform.onestop.dev/pl-overdue\n"))

		out, _, _ = onestop("cases", "--department", "construction", "--sort", "received")
		Expect(strings.Index(out, "pl-timeout")).To(BeNumerically("<", strings.Index(out, "pl-due-today")))
		Expect(out).NotTo(ContainSubstring("pl-overdue"))
	})

	It("explains a case's deadlines day by day, as the reconciler computed them", func() {
		out, errOut, code := onestop("explain", "pl-due-today")
		Expect(code).To(Equal(0), errOut)
		Expect(out).To(ContainSubstring("Decision (Art. 42), due 2009-01-13 17:30 CST"))
		Expect(out).To(ContainSubstring("2009-01-01 Thu .. 2009-01-03 Sat: holiday 元旦 (New Year's Day), not counted"))
		Expect(out).To(ContainSubstring("2009-01-04 Sun: adjusted working day 元旦调休, working day 3"))
		Expect(out).To(ContainSubstring("2009-01-12 Mon .. 2009-01-13 Tue: working days 9-10"))
		Expect(out).To(ContainSubstring("Not decided yet (phase Accepted)."))
		Expect(out).NotTo(ContainSubstring("Recorded status differs"))

		out, errOut, code = onestop("explain", "pl-timeout")
		Expect(code).To(Equal(0), errOut)
		Expect(out).To(ContainSubstring("land: 5 working days from acceptance, due 2008-12-22 17:30 CST: silent past its limit, deemed to consent (超时默许) and liable."))
		Expect(out).To(ContainSubstring("Approved by timeout consent (超时默许) when the deadline passed in silence, 2008-12-29 17:30 CST: by law, not by a person."))
		Expect(out).To(ContainSubstring("Liable for silence: construction, land"))
		Expect(out).NotTo(ContainSubstring("Recorded status differs"))

		_, errOut, code = onestop("explain", "pl-missing")
		Expect(code).To(Equal(1))
		Expect(errOut).To(ContainSubstring(`no ApprovalCase "pl-missing" in namespace ` + ns))
	})

	It("shows the rollout at a glance: the phase, days left and every department", func() {
		out, errOut, code := onestop("status")
		Expect(code).To(Equal(0), errOut)
		Expect(out).To(ContainSubstring("Plan seed-plan: 县进一步深化行政审批提高行政效能实施方案"))
		Expect(out).To(ContainSubstring("Phase:   acceptance 检查验收阶段, 2009-01-01 .. 2009-01-15"))
		Expect(out).To(ContainSubstring("Due:     2009-01-15 17:30 CST: 2 days left (2 working days after today)"))
		Expect(out).To(MatchRegexp(`construction +建设局 +1 +section construction-approval +1 +\[##########\] 1/1 +Done +True +-`))
		// land has a category 3 item and names no leader in charge: the department reconciler's
		// anomaly shows.
		Expect(out).To(MatchRegexp(`land +国土局 +2 +rep\. 刘洋 +1 \(1 temporary\) +\[##########\] 1/1 +Pending +False +LeaderInChargeMissing`))
		Expect(out).To(ContainSubstring("> acceptance       2009-01-01 .. 2009-01-15   Active   1      1         0         0"))
		Expect(out).NotTo(ContainSubstring("\x1b["), "piped output is plain")

		out, errOut, code = onestop("status", "-o", "json")
		Expect(code).To(Equal(0), errOut)
		Expect(out).To(ContainSubstring(`"phase": "acceptance"`))
		Expect(out).To(ContainSubstring(`"workingDaysLeft": 2`))
	})
})
