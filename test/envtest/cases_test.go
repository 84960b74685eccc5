package envtest

import (
	"context"
	"fmt"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	eventsv1 "k8s.io/api/events/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/rest"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// This file follows ApprovalCases through the statutory clock against a real API server: the
// reconciler's timers (RequeueAfter) deciding by silence at the deadline, people's acts
// recorded by the people themselves (the shipped ValidatingAdmissionPolicy), and every CEL
// rule of the kind. Cases are written only through clients that impersonate the user who
// records the act, as members of the group county-staff; the admin client only reads.
//
// Every date below is in Asia/Shanghai (CST, UTC+8) on the sample calendar cn-mainland:
//
//	December 2008            January 2009
//	Mon 29 Tue 30 Wed 31     Thu 1 Fri 2 Sat 3: New Year holiday (元旦)
//	                         Sun 4: adjusted working day (元旦调休)
//	                         Mon 5 ... Fri 9, Mon 12 ... Fri 16, Mon 19 ... Fri 23 working
//
// A limit of n working days ends at 17:30 on the n-th working day after the day of receipt.

// ---- People, places and the clock --------------------------------------------------------

const (
	acCenter  = "county-center"
	acLead    = "construction"
	acSection = "construction-approval"
	acWindow  = "construction-w01"
	acLand    = "land"
	acEnv     = "environmental-protection"

	// acClerk receives applications at the window, accepts them and gives correction notices.
	acClerk = "zhao.min"
	// acReviewer is on the section's roster: reviews, and decides Single-mode items.
	acReviewer = "wang.fang"
	// acApprover heads the section: approves, and approves extensions.
	acApprover = "li.jun"
	// acOutsider is county staff on no section of the lead department.
	acOutsider = "zhou.qiang"
	// acLandUser answers for the land bureau, acEnvUser for environmental protection.
	acLandUser = "liu.yang"
	acEnvUser  = "chen.jing"
	// acImporter carries paper records of past cases into onestop.
	acImporter = "onestop-samples"

	acStaffGroup    = "county-staff"
	acImporterGroup = "onestop:record-importers"

	// acLeader is the lead department's leader in charge (分管领导).
	acLeader = "张伟"
	// acLeadNamed is the lead department as the reconciler names it in messages.
	acLeadNamed = "建设局 (construction)"

	// acLeadTime is how far before a deadline a timer spec sets the clock. The case is created
	// then and nothing touches it, or anything it watches, afterwards: only the RequeueAfter its
	// first reconcile returned can make the decision.
	acLeadTime = 4 * time.Second
	// acTimerWait is how long a timer spec waits for that timer.
	acTimerWait = 20 * time.Second
)

var acShanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// acHarmless is where the suite's clock starts (BeforeSuite); every spec here puts it back.
var acHarmless = time.Date(2008, 12, 3, 9, 0, 0, 0, time.UTC)

// acAt is a wall-clock time in Asia/Shanghai.
func acAt(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, acShanghai)
}

func acT(t time.Time) metav1.Time { return metav1.NewTime(t) }

// acPerson is formal staff with a law-enforcement certificate valid until 2030.
func acPerson(name, userName, title string) v1alpha1.Person {
	return v1alpha1.Person{
		Name:        name,
		UserName:    userName,
		Employment:  v1alpha1.EmploymentFormal,
		Certificate: &v1alpha1.Certificate{Number: "川执" + strings.ReplaceAll(userName, ".", ""), Expires: "2030-12-31"},
		Title:       title,
	}
}

// ---- Users --------------------------------------------------------------------------------

var (
	acClients     = map[string]client.Client{}
	acRBACEnsured bool
)

// acEnsureStaffRBAC lets the group county-staff read and write ApprovalCases, and nothing
// more: the people below are real users, not cluster admins. Idempotent.
func acEnsureStaffRBAC(ctx context.Context) {
	if acRBACEnsured {
		return
	}
	role := &rbacv1.ClusterRole{
		ObjectMeta: metav1.ObjectMeta{Name: "onestop-test-county-staff"},
		Rules: []rbacv1.PolicyRule{{
			APIGroups: []string{v1alpha1.GroupVersion.Group},
			Resources: []string{"approvalcases"},
			Verbs:     []string{"get", "list", "watch", "create", "update", "patch"},
		}},
	}
	binding := &rbacv1.ClusterRoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: "onestop-test-county-staff"},
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: role.Name},
		Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.GroupKind, Name: acStaffGroup}},
	}
	for _, obj := range []client.Object{role, binding} {
		if err := k8sClient.Create(ctx, obj); err != nil && !apierrors.IsAlreadyExists(err) {
			Expect(err).NotTo(HaveOccurred())
		}
	}
	// The RBAC authorizer reads bindings from its own informers: wait until it sees this one.
	Eventually(func() error {
		return acAs(acClerk).List(ctx, &v1alpha1.ApprovalCaseList{}, client.InNamespace("default"))
	}).Should(Succeed())
	acRBACEnsured = true
}

// acAs is a client that impersonates user, a member of county-staff and of extra groups.
func acAs(user string, extraGroups ...string) client.Client {
	groups := append([]string{acStaffGroup}, extraGroups...)
	key := user + "|" + strings.Join(groups, ",")
	if c, ok := acClients[key]; ok {
		return c
	}
	conf := rest.CopyConfig(cfg)
	conf.Impersonate = rest.ImpersonationConfig{UserName: user, Groups: groups}
	c, err := client.New(conf, client.Options{Scheme: scheme, Mapper: k8sClient.RESTMapper()})
	Expect(err).NotTo(HaveOccurred())
	acClients[key] = c
	return c
}

// acRecord reads the case as user and merge-patches what edit changes, as user.
func acRecord(ctx context.Context, user string, c *v1alpha1.ApprovalCase, edit func(*v1alpha1.ApprovalCase), extraGroups ...string) error {
	cl := acAs(user, extraGroups...)
	cur := &v1alpha1.ApprovalCase{}
	if err := cl.Get(ctx, client.ObjectKeyFromObject(c), cur); err != nil {
		return err
	}
	before := cur.DeepCopy()
	edit(cur)
	return cl.Patch(ctx, cur, client.MergeFrom(before))
}

// ---- The county of one spec ---------------------------------------------------------------

type acCounty struct{ ns string }

func acSectionOf(ns, name, dept string, head v1alpha1.Person, roster ...v1alpha1.Person) *v1alpha1.ApprovalSection {
	return &v1alpha1.ApprovalSection{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: v1alpha1.ApprovalSectionSpec{
			Department:    dept,
			DisplayName:   "行政审批服务科",
			Form:          v1alpha1.SectionFormDedicated,
			Head:          &head,
			Roster:        roster,
			Authorization: v1alpha1.SectionAuthorization{Full: true, Decision: "县政府办〔2008〕88号"},
		},
	}
}

// acNewCounty builds a namespace with the Center (on cn-mainland), the lead department 建设局
// with its leader in charge, its approval-service section (head 李军, roster 李军, 王芳, 赵敏),
// its window in the Center, and the co-approving land and environmental-protection bureaus,
// each with a section of one; and waits until every one of them was reconciled, so the
// manager's cache holds them before a case arrives.
func acNewCounty(ctx context.Context) *acCounty {
	acEnsureStaffRBAC(ctx)
	k := &acCounty{ns: newNamespace(ctx)}
	ns := k.ns

	approver := acPerson("李军", acApprover, "审批服务科科长")
	reviewer := acPerson("王芳", acReviewer, "审批员")
	clerk := acPerson("赵敏", acClerk, "窗口受理员")

	lead := department(ns, acLead, 1)
	lead.Spec.DisplayName = "建设局"
	lead.Spec.LeaderInCharge = &v1alpha1.Person{Name: acLeader, UserName: "zhang.wei", Employment: v1alpha1.EmploymentFormal, Title: "副局长"}
	land := department(ns, acLand, 1)
	land.Spec.DisplayName = "国土局"
	land.Spec.LeaderInCharge = &v1alpha1.Person{Name: "孙立", Employment: v1alpha1.EmploymentFormal, Title: "副局长"}
	env := department(ns, acEnv, 1)
	env.Spec.DisplayName = "环保局"
	env.Spec.LeaderInCharge = &v1alpha1.Person{Name: "何平", Employment: v1alpha1.EmploymentFormal, Title: "副局长"}

	win := window(ns, acWindow, acCenter, acLead, acSection)
	win.Spec.Number = "A01"
	win.Spec.Head = ptr.To(clerk)
	win.Spec.Staff = []v1alpha1.Person{clerk}

	objs := []client.Object{
		center(ns, acCenter, ""),
		lead, land, env,
		acSectionOf(ns, acSection, acLead, approver, approver, reviewer, clerk),
		acSectionOf(ns, "land-approval", acLand, acPerson("刘洋", acLandUser, "科长"), acPerson("刘洋", acLandUser, "科长")),
		acSectionOf(ns, "environmental-protection-approval", acEnv, acPerson("陈静", acEnvUser, "科长"), acPerson("陈静", acEnvUser, "科长")),
		win,
	}
	for _, o := range objs {
		Expect(k8sClient.Create(ctx, o)).To(Succeed(), "creating %T %s", o, o.GetName())
	}
	for _, o := range objs {
		Eventually(acObserved(ctx, o)).Should(Succeed(), "%T %s is never reconciled", o, o.GetName())
	}
	return k
}

// acObserved holds once obj's status describes its current generation.
func acObserved(ctx context.Context, obj client.Object) func(Gomega) {
	return func(g Gomega) {
		g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(obj), obj)).To(Succeed())
		raw, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
		g.Expect(err).NotTo(HaveOccurred())
		observed, _, err := unstructured.NestedInt64(raw, "status", "observedGeneration")
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(observed).To(Equal(obj.GetGeneration()))
	}
}

// item creates an active, relocated category 3 item of the lead department, handled in the
// Center, with a promised limit of 3 working days and silence as consent, changed by edit.
func (k *acCounty) item(ctx context.Context, name, code, displayName string, edit func(*v1alpha1.ApprovalItemSpec)) *v1alpha1.ApprovalItem {
	it := &v1alpha1.ApprovalItem{
		ObjectMeta: metav1.ObjectMeta{Namespace: k.ns, Name: name},
		Spec: v1alpha1.ApprovalItemSpec{
			Code:               code,
			DisplayName:        displayName,
			Department:         acLead,
			ApprovalType:       v1alpha1.ApprovalLicensing,
			Category:           3,
			StatutoryLimitDays: 20,
			PromisedLimitDays:  3,
			Relocation:         v1alpha1.Relocation{Mode: v1alpha1.RelocationRequired},
			Center:             acCenter,
			ReviewMode:         v1alpha1.ReviewSingle,
			SilencePolicy:      v1alpha1.SilenceConsent,
			Lifecycle:          v1alpha1.Lifecycle{State: v1alpha1.LifecycleActive, Since: "2008-12-01"},
			LegalBasis:         "《中华人民共和国行政许可法》第四十二条",
		},
	}
	if edit != nil {
		edit(&it.Spec)
	}
	Expect(k8sClient.Create(ctx, it)).To(Succeed())
	Eventually(acObserved(ctx, it)).Should(Succeed())
	return it
}

// received is an application for item handed in at the lead department's window at t.
func (k *acCounty) received(name, item string, t time.Time) *v1alpha1.ApprovalCase {
	return &v1alpha1.ApprovalCase{
		ObjectMeta: metav1.ObjectMeta{Namespace: k.ns, Name: name},
		Spec: v1alpha1.ApprovalCaseSpec{
			Item:       item,
			Applicant:  v1alpha1.Applicant{Name: "县宏达建筑工程有限公司", Contact: "0839-5221234"},
			ReceivedAt: acT(t),
			Intake:     v1alpha1.Intake{Channel: v1alpha1.IntakeWindow, Center: acCenter, Window: acWindow, ReceivedBy: acClerk},
		},
	}
}

// accepted is received, complete and accepted by the clerk on the spot.
func (k *acCounty) accepted(name, item string, t time.Time) *v1alpha1.ApprovalCase {
	c := k.received(name, item, t)
	c.Spec.Acceptance = &v1alpha1.Act{At: acT(t), By: acClerk}
	return c
}

// create creates c as the clerk who received it (and recorded its acceptance).
func (k *acCounty) create(ctx context.Context, c *v1alpha1.ApprovalCase) {
	Expect(acAs(acClerk).Create(ctx, c)).To(Succeed())
}

// ---- Reading cases ------------------------------------------------------------------------

func acRead(ctx context.Context, g Gomega, c *v1alpha1.ApprovalCase) {
	g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(c), c)).To(Succeed())
}

// acCurrent reads c and expects its status to describe its spec.
func acCurrent(ctx context.Context, g Gomega, c *v1alpha1.ApprovalCase) {
	acRead(ctx, g, c)
	g.Expect(c.Status.ObservedGeneration).To(Equal(c.Generation))
}

func acCond(c *v1alpha1.ApprovalCase, t string) *metav1.Condition {
	return meta.FindStatusCondition(c.Status.Conditions, t)
}

// acHolds matches a condition that is True with its own type as reason, and a message that
// contains every part.
func acHolds(reason string, parts ...string) OmegaMatcher {
	ms := []OmegaMatcher{Not(BeNil()), HaveField("Status", metav1.ConditionTrue), HaveField("Reason", reason)}
	for _, p := range parts {
		ms = append(ms, HaveField("Message", ContainSubstring(p)))
	}
	return And(ms...)
}

// acDecision matches a recorded decision.
func acDecision(outcome v1alpha1.Outcome, method v1alpha1.DecidedBy, by string, at time.Time) OmegaMatcher {
	return And(
		Not(BeNil()),
		HaveField("Outcome", outcome),
		HaveField("Method", method),
		HaveField("By", by),
		HaveField("At.Time", BeTemporally("==", at)),
	)
}

// acEmitted counts how often events of type and reason were emitted about case c. The
// events.k8s.io recorder folds a repeat of the same event into the first object as a series,
// so repeats are counted through series.count, not only as objects.
func acEmitted(ctx context.Context, c *v1alpha1.ApprovalCase, eventType, reason string) func() (int32, error) {
	return func() (int32, error) {
		var n int32
		for _, e := range acEventsOf(ctx, c) {
			if e.Type != eventType || e.Reason != reason {
				continue
			}
			if e.Series != nil {
				n += e.Series.Count
			} else {
				n++
			}
		}
		return n, nil
	}
}

// acNotes lists the notes of events of reason about case c.
func acNotes(ctx context.Context, c *v1alpha1.ApprovalCase, reason string) func() []string {
	return func() []string {
		var out []string
		for _, e := range acEventsOf(ctx, c) {
			if e.Reason == reason {
				out = append(out, e.Note)
			}
		}
		return out
	}
}

func acEventsOf(ctx context.Context, c *v1alpha1.ApprovalCase) []eventsv1.Event {
	list := &eventsv1.EventList{}
	Expect(k8sClient.List(ctx, list, client.InNamespace(c.Namespace))).To(Succeed())
	var out []eventsv1.Event
	for _, e := range list.Items {
		if e.Regarding.Kind == "ApprovalCase" && e.Regarding.Name == c.Name {
			out = append(out, e)
		}
	}
	return out
}

// acExactlyOnce expects one event of type and reason about c, and still one a few seconds on.
func acExactlyOnce(ctx context.Context, c *v1alpha1.ApprovalCase, eventType, reason string) {
	Eventually(acEmitted(ctx, c, eventType, reason)).Should(BeEquivalentTo(1), "%s %s about %s", eventType, reason, c.Name)
	Consistently(acEmitted(ctx, c, eventType, reason), 3*time.Second, 250*time.Millisecond).Should(BeEquivalentTo(1),
		"%s %s about %s was emitted again", eventType, reason, c.Name)
}

// acTimer waits, touching nothing, until the timer the case's reconcile set has fired and
// check holds; it reports how long that took after the clock was set to lead before deadline,
// and expects the deciding reconcile (the condition's lastTransitionTime) at the deadline.
func acTimer(ctx context.Context, c *v1alpha1.ApprovalCase, deadline, setAt time.Time, condition string, check func(Gomega)) {
	Eventually(func(g Gomega) {
		acCurrent(ctx, g, c)
		check(g)
	}).WithTimeout(acTimerWait).WithPolling(100 * time.Millisecond).Should(Succeed())
	took := time.Since(setAt)
	cond := acCond(c, condition)
	Expect(cond).NotTo(BeNil())
	// lastTransitionTime has seconds: the reconcile ran at the deadline, not before it, and
	// not at some later poll.
	Expect(cond.LastTransitionTime.Time).To(BeTemporally(">=", deadline), "%s was set before the deadline", condition)
	Expect(cond.LastTransitionTime.Time).To(BeTemporally("<", deadline.Add(3*time.Second)), "%s came long after the deadline", condition)
	AddReportEntry("timer "+c.Name, fmt.Sprintf("clock set %s before the deadline %s; %s after %s (real time)",
		acLeadTime, deadline.Format("2006-01-02 15:04 MST"), condition, took.Round(10*time.Millisecond)))
}

// acRejected expects err to be the API server's 422 for CEL rules: one cause per message
// (but the note that other rules were skipped), each at field, with the rule's message.
func acRejected(err error, field string, messages ...string) {
	GinkgoHelper()
	Expect(err).To(HaveOccurred(), "the API server accepted it")
	Expect(apierrors.IsInvalid(err)).To(BeTrue(), "want 422 Invalid, got %v", err)
	Expect(err).To(BeAssignableToTypeOf(&apierrors.StatusError{}))
	details := err.(*apierrors.StatusError).Status().Details
	Expect(details).NotTo(BeNil())
	var faults []metav1.StatusCause
	for _, c := range details.Causes {
		if !strings.Contains(c.Message, "some validation rules were not checked") {
			faults = append(faults, c)
		}
	}
	var want []any
	for _, m := range messages {
		want = append(want, And(HaveField("Field", field), HaveField("Message", Equal("Invalid value: "+m))))
	}
	Expect(faults).To(ConsistOf(want...), "one cause per broken rule: %v", err)
}

// acDenied expects err to be the admission policy's 403 with message.
func acDenied(err error, message string) {
	GinkgoHelper()
	Expect(err).To(HaveOccurred(), "the API server accepted it")
	Expect(apierrors.IsForbidden(err)).To(BeTrue(), "want 403 Forbidden, got %v", err)
	Expect(err.Error()).To(ContainSubstring("ValidatingAdmissionPolicy 'onestop-acts-in-own-name'"))
	Expect(err.Error()).To(ContainSubstring(message))
}

// ---- CEL messages, as declared in api/v1alpha1/approvalcase_types.go ----------------------

const (
	acMsgIntake          = "spec.item, spec.receivedAt and spec.intake are recorded at intake and cannot change"
	acMsgSegregation     = "one review, one approval (一审一核): spec.approval.by must be a different person from spec.review.by"
	acMsgNoticeEarly     = "spec.correctionNotice.at is before spec.receivedAt: a notice follows the application"
	acMsgCompletedAlone  = "spec.materialsCompletedAt answers a correction notice: record spec.correctionNotice first"
	acMsgNotice          = "the one correction notice (一次告知) is recorded and cannot be changed or removed; a second notice is not allowed"
	acMsgCompleted       = "spec.materialsCompletedAt is recorded and cannot be changed or removed"
	acMsgAcceptance      = "spec.acceptance is recorded and cannot be changed or removed"
	acMsgReview          = "spec.review is recorded and cannot be changed or removed"
	acMsgFinal           = "a decision, once made, is final: spec.approval cannot be changed or removed"
	acMsgExtension       = "the one extension is recorded and cannot be changed or removed"
	acMsgWithdrawal      = "spec.withdrawal is recorded and cannot be changed or removed"
	acMsgOpinion         = "a co-approving department's opinion is recorded and cannot be changed or removed"
	acMsgClockStop       = "a recorded clock stop cannot be changed or removed; only its end (to) may be added"
	acMsgItemName        = "spec.item must be the metadata.name of an ApprovalItem"
	acMsgRejectReason    = "a rejection gives its reason: set spec.approval.reason"
	acMsgDisagreeReason  = "a co-approver who disagrees gives the reason: set spec.coApprovals[].reason"
	acMsgClockStopOrder  = "a clock stop ends after it starts: spec.clockStops[].to must not be before from"
	acMsgWindowIntake    = "an application received at a window names spec.intake.center and spec.intake.window"
	acMsgDecidedByLawEnd = "this case was already decided by law (timeout consent or deemed refusal) when its deadline passed; a later decision cannot be recorded: spec.approval is refused"
)

// ---- Specs --------------------------------------------------------------------------------

// acTime matches a *metav1.Time at want.
func acTime(want time.Time) OmegaMatcher {
	return And(Not(BeNil()), HaveField("Time", BeTemporally("==", want)))
}

// acStep is one request: user merge-patches what edit changes.
type acStep struct {
	user string
	edit func(*v1alpha1.ApprovalCase)
}

// The acts, at fixed times of Tuesday 2009-01-06 (the CEL and admission specs).
func acReview(by string) func(*v1alpha1.ApprovalCase) {
	return func(c *v1alpha1.ApprovalCase) {
		c.Spec.Review = &v1alpha1.Opinion{At: acT(acAt(2009, time.January, 6, 9, 0)), By: by, Opinion: "材料齐全，符合法定条件，拟同意"}
	}
}

func acApprove(by string) func(*v1alpha1.ApprovalCase) {
	return func(c *v1alpha1.ApprovalCase) {
		c.Spec.Approval = &v1alpha1.Decision{At: acT(acAt(2009, time.January, 6, 9, 30)), By: by, Result: v1alpha1.DecisionApprove, Reason: "符合条件，准予许可"}
	}
}

func acOpinion(dept, by string, result v1alpha1.OpinionResult, reason string) func(*v1alpha1.ApprovalCase) {
	return func(c *v1alpha1.ApprovalCase) {
		c.Spec.CoApprovals = append(c.Spec.CoApprovals, v1alpha1.CoApproval{
			Department: dept, At: acT(acAt(2009, time.January, 6, 9, 15)), By: by, Result: result, Reason: reason,
		})
	}
}

func acNotice(by string, missing ...string) func(*v1alpha1.ApprovalCase) {
	return func(c *v1alpha1.ApprovalCase) {
		c.Spec.CorrectionNotice = &v1alpha1.CorrectionNotice{At: acT(acAt(2009, time.January, 5, 9, 30)), By: by, Missing: missing}
	}
}

func acAccept(by string) func(*v1alpha1.ApprovalCase) {
	return func(c *v1alpha1.ApprovalCase) {
		c.Spec.Acceptance = &v1alpha1.Act{At: acT(acAt(2009, time.January, 5, 9, 0)), By: by}
	}
}

func acExtend(by string) func(*v1alpha1.ApprovalCase) {
	return func(c *v1alpha1.ApprovalCase) {
		c.Spec.Extension = &v1alpha1.CaseExtension{ApprovedBy: by, At: acT(acAt(2009, time.January, 6, 8, 30)), Reason: "需征求专家意见，经局长批准延期", Days: 10}
	}
}

const (
	acLicence  = "营业执照副本"
	acPlanning = "建设工程规划许可证"
	acDrawings = "施工图设计文件审查合格书"
)

var _ = Describe("Approval cases", func() {
	BeforeEach(func() {
		// Specs here move the clock; whatever happens, leave it where the suite started.
		DeferCleanup(func() { clk.SetTime(acHarmless) })
	})

	It("decides a silent case by timeout consent at its deadline, by its own timer, once", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-101", "JS-101", "建筑工程施工许可", func(s *v1alpha1.ApprovalItemSpec) {
			s.PromisedLimitDays = 3
			s.SilencePolicy = v1alpha1.SilenceConsent
		})
		// Received and accepted Tuesday 2008-12-30 10:00. Three working days, the day of receipt
		// excluded: Wed 12-31 (1); Thu 01-01 to Sat 01-03, New Year holiday, not counted; Sun
		// 01-04, adjusted working day (2); Mon 01-05 (3). Deadline 2009-01-05 17:30 CST.
		received := acAt(2008, time.December, 30, 10, 0)
		deadline := acAt(2009, time.January, 5, 17, 30)
		// The notice limit, 5 working days: 12-31, 01-04, 01-05, 01-06, 01-07.
		noticeDeadline := acAt(2009, time.January, 7, 17, 30)

		clk.SetTime(deadline.Add(-acLeadTime))
		setAt := time.Now()
		c := k.accepted("tc-1", item.Name, received)
		k.create(ctx, c)

		By("before the deadline: accepted, undecided, the deadline exact")
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseAccepted))
		}).WithTimeout(acLeadTime).Should(Succeed())
		Expect(c.Status.Decision).To(BeNil())
		Expect(c.Status.DecisionDeadline).To(acTime(deadline))
		Expect(c.Status.AcceptedAt).To(acTime(received))
		Expect(c.Status.NoticeDeadline).To(acTime(noticeDeadline))
		Expect(c.Status.Department).To(Equal(acLead))
		Expect(c.Status.LiableDepartments).To(BeEmpty())
		Expect(acCond(c, v1alpha1.ConditionReady)).To(HaveField("Status", metav1.ConditionTrue))
		Expect(acEmitted(ctx, c, "Warning", v1alpha1.ConditionDecidedByTimeoutConsent)()).To(BeZero())

		By("the timer fires at the deadline, with nobody touching the case")
		acTimer(ctx, c, deadline, setAt, v1alpha1.ConditionDecidedByTimeoutConsent, func(g Gomega) {
			g.Expect(c.Status.Decision).NotTo(BeNil())
		})
		Expect(c.Status.Decision).To(acDecision(v1alpha1.OutcomeTimeoutConsent, v1alpha1.DecidedByTimeoutConsent, "", deadline))
		Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseDecided))
		Expect(acCond(c, v1alpha1.ConditionDecidedByTimeoutConsent)).To(acHolds(v1alpha1.ConditionDecidedByTimeoutConsent,
			"Nobody decided case tc-1 (JS-101 建筑工程施工许可, "+acLeadNamed+") by its deadline, 2009-01-05 17:30 CST.",
			"approved by timeout consent (超时默许), not by a person",
			"the silence is recorded against construction; leader in charge "+acLeader+" answers for it"))
		// Settled: Ready says how it ended; the timeout consent stays as the record.
		Expect(acCond(c, v1alpha1.ConditionReady)).To(And(
			HaveField("Status", metav1.ConditionTrue),
			HaveField("Reason", string(v1alpha1.PhaseDecided)),
			HaveField("Message", ContainSubstring("Decided by law when the deadline passed in silence: TimeoutConsent")),
		))
		Expect(c.Status.LiableDepartments).To(Equal([]string{acLead}))
		Expect(c.Status.OnTime).To(Equal(ptr.To(false)), "silence is never on time")

		By("one warning, and still one a few seconds on; the decision stays as written")
		acExactlyOnce(ctx, c, "Warning", v1alpha1.ConditionDecidedByTimeoutConsent)
		written := c.Status.Decision.DeepCopy()
		Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(c), c)).To(Succeed())
		Expect(c.Status.Decision).To(Equal(written))
		Expect(kstatusOf(ctx, c)()).To(Equal(status.CurrentStatus), "the decision is final: nothing is in progress (Ready: %+v)", acCond(c, v1alpha1.ConditionReady))
	})

	It("deems a silent case refused at its deadline when silence means refusal, and refuses a decision after it", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-102", "JS-102", "房屋拆迁许可", func(s *v1alpha1.ApprovalItemSpec) {
			s.PromisedLimitDays = 2
			s.SilencePolicy = v1alpha1.SilenceRefusal
		})
		// Received and accepted Monday 2009-01-05 09:00; two working days: Tue 01-06 (1), Wed
		// 01-07 (2). Deadline 2009-01-07 17:30 CST.
		received := acAt(2009, time.January, 5, 9, 0)
		deadline := acAt(2009, time.January, 7, 17, 30)

		clk.SetTime(deadline.Add(-acLeadTime))
		setAt := time.Now()
		c := k.accepted("dr-1", item.Name, received)
		k.create(ctx, c)
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseAccepted))
		}).WithTimeout(acLeadTime).Should(Succeed())
		Expect(c.Status.DecisionDeadline).To(acTime(deadline))

		acTimer(ctx, c, deadline, setAt, v1alpha1.ConditionDeemedRefused, func(g Gomega) {
			g.Expect(c.Status.Decision).NotTo(BeNil())
		})
		Expect(c.Status.Decision).To(acDecision(v1alpha1.OutcomeDeemedRefused, v1alpha1.DecidedByDeemedRefusal, "", deadline))
		Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseDecided))
		Expect(acCond(c, v1alpha1.ConditionDeemedRefused)).To(acHolds(v1alpha1.ConditionDeemedRefused,
			"Nobody decided case dr-1 (JS-102 房屋拆迁许可, "+acLeadNamed+") by its deadline, 2009-01-07 17:30 CST.",
			"the application is deemed refused; the silence is recorded against construction; leader in charge "+acLeader+" answers for it"))
		Expect(c.Status.LiableDepartments).To(Equal([]string{acLead}))
		acExactlyOnce(ctx, c, "Warning", v1alpha1.ConditionDeemedRefused)
		Expect(kstatusOf(ctx, c)()).To(Equal(status.CurrentStatus), "the decision is final: nothing is in progress (Ready: %+v)", acCond(c, v1alpha1.ConditionReady))

		By("a person's approval after the refusal is refused (root rule)")
		clk.SetTime(acAt(2009, time.January, 8, 9, 0))
		acRejected(acRecord(ctx, acReviewer, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.Approval = &v1alpha1.Decision{At: acT(acAt(2009, time.January, 8, 9, 0)), By: acReviewer, Result: v1alpha1.DecisionApprove}
		}), "<nil>", acMsgDecidedByLawEnd)
		Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(c), c)).To(Succeed())
		Expect(c.Spec.Approval).To(BeNil())
		Expect(c.Status.Decision).To(acDecision(v1alpha1.OutcomeDeemedRefused, v1alpha1.DecidedByDeemedRefusal, "", deadline))
	})

	It("flags a silent case DeadlineExceeded, naming the leader in charge, when silence decides nothing", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-103", "JS-103", "建设工程消防设计审核", func(s *v1alpha1.ApprovalItemSpec) {
			s.PromisedLimitDays = 1
			s.SilencePolicy = v1alpha1.SilenceNone
		})
		// Received and accepted Wednesday 2008-12-31 15:00; one working day: Thu 01-01 to Sat
		// 01-03 are the New Year holiday, Sunday 01-04 is worked in exchange (1). Deadline
		// Sunday 2009-01-04 17:30 CST.
		received := acAt(2008, time.December, 31, 15, 0)
		deadline := acAt(2009, time.January, 4, 17, 30)

		clk.SetTime(deadline.Add(-acLeadTime))
		setAt := time.Now()
		c := k.accepted("de-1", item.Name, received)
		k.create(ctx, c)
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseAccepted))
			g.Expect(acCond(c, v1alpha1.ConditionReady)).To(HaveField("Status", metav1.ConditionTrue))
		}).WithTimeout(acLeadTime).Should(Succeed())
		Expect(c.Status.DecisionDeadline).To(acTime(deadline))

		acTimer(ctx, c, deadline, setAt, v1alpha1.ConditionDeadlineExceeded, func(g Gomega) {
			g.Expect(acCond(c, v1alpha1.ConditionDeadlineExceeded)).NotTo(BeNil(), "conditions: %v", c.Status.Conditions)
		})
		Expect(c.Status.Decision).To(BeNil(), "silence decides nothing")
		Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseAccepted))
		Expect(c.Status.LiableDepartments).To(BeEmpty())
		Expect(acCond(c, v1alpha1.ConditionDeadlineExceeded)).To(acHolds(v1alpha1.ConditionDeadlineExceeded,
			"Case de-1 (JS-103 建设工程消防设计审核, "+acLeadNamed+") passed its deadline, 2009-01-04 17:30 CST, with no decision, and silence decides nothing for item JS-103: decide it now; leader in charge "+acLeader+" answers for it."))
		acExactlyOnce(ctx, c, "Warning", v1alpha1.ConditionDeadlineExceeded)
		Expect(acNotes(ctx, c, v1alpha1.ConditionDeadlineExceeded)()).To(ConsistOf(ContainSubstring("leader in charge " + acLeader + " answers for it")))

		By("a decision after the deadline is recorded as late")
		clk.SetTime(acAt(2009, time.January, 5, 9, 30))
		decidedAt := acAt(2009, time.January, 5, 9, 0)
		Expect(acRecord(ctx, acReviewer, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.Approval = &v1alpha1.Decision{At: acT(decidedAt), By: acReviewer, Result: v1alpha1.DecisionApprove}
		})).To(Succeed())
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Decision).To(acDecision(v1alpha1.OutcomeApproved, v1alpha1.DecidedByPerson, acReviewer, decidedAt))
		}).Should(Succeed())
		Expect(c.Status.OnTime).To(Equal(ptr.To(false)))
		Expect(acCond(c, v1alpha1.ConditionDeadlineExceeded)).To(acHolds(v1alpha1.ConditionDeadlineExceeded,
			"was decided on 2009-01-05 09:00 CST, after its deadline, 2009-01-04 17:30 CST; leader in charge "+acLeader+" answers for it."))
	})

	It("records a person's timely decision as final, and refuses a decision once the law decided", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-104", "JS-104", "建筑业企业资质核准", nil)
		// Received and accepted Monday 2009-01-05 09:30; three working days: Tue 01-06, Wed
		// 01-07, Thu 01-08. Deadline 2009-01-08 17:30 CST.
		received := acAt(2009, time.January, 5, 9, 30)
		deadline := acAt(2009, time.January, 8, 17, 30)
		clk.SetTime(acAt(2009, time.January, 6, 10, 0))

		c := k.accepted("hd-1", item.Name, received)
		k.create(ctx, c)
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseAccepted))
		}).Should(Succeed())
		Expect(c.Status.DecisionDeadline).To(acTime(deadline))

		By("王芳, on the section's roster, approves")
		decidedAt := acAt(2009, time.January, 6, 10, 0)
		Expect(acRecord(ctx, acReviewer, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.Approval = &v1alpha1.Decision{At: acT(decidedAt), By: acReviewer, Result: v1alpha1.DecisionApprove, Reason: "材料齐全，符合法定条件"}
		})).To(Succeed())
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Decision).To(acDecision(v1alpha1.OutcomeApproved, v1alpha1.DecidedByPerson, acReviewer, decidedAt))
		}).Should(Succeed())
		Expect(c.Status.OnTime).To(Equal(ptr.To(true)))
		Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseDecided))
		Expect(c.Status.LiableDepartments).To(BeEmpty())
		Expect(acCond(c, v1alpha1.ConditionReady)).To(And(
			HaveField("Status", metav1.ConditionTrue), HaveField("Reason", string(v1alpha1.PhaseDecided)),
			HaveField("Message", Equal("Decided: Approved by "+acReviewer+"."))))
		Expect(acCond(c, v1alpha1.ConditionUnauthorizedDecider)).To(BeNil())

		By("the decision cannot be changed or removed")
		acRejected(acRecord(ctx, acReviewer, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.Approval.Result = v1alpha1.DecisionReject
			x.Spec.Approval.Reason = "复核发现材料不实"
		}), "spec", acMsgFinal)
		acRejected(acRecord(ctx, acReviewer, c, func(x *v1alpha1.ApprovalCase) { x.Spec.Approval = nil }), "spec", acMsgFinal)
		Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(c), c)).To(Succeed())
		Expect(c.Spec.Approval).To(HaveField("Result", v1alpha1.DecisionApprove))

		By("a case decided by timeout consent refuses a person's decision")
		// Received and accepted Tuesday 2008-12-30 10:00: deadline 2009-01-05 17:30 (the first
		// spec), passed at 2009-01-06 10:00, when the case is first reconciled.
		lawDeadline := acAt(2009, time.January, 5, 17, 30)
		byLaw := k.accepted("hd-2", item.Name, acAt(2008, time.December, 30, 10, 0))
		k.create(ctx, byLaw)
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, byLaw)
			g.Expect(byLaw.Status.Decision).To(acDecision(v1alpha1.OutcomeTimeoutConsent, v1alpha1.DecidedByTimeoutConsent, "", lawDeadline))
		}).Should(Succeed())
		acRejected(acRecord(ctx, acReviewer, byLaw, func(x *v1alpha1.ApprovalCase) {
			x.Spec.Approval = &v1alpha1.Decision{At: acT(decidedAt), By: acReviewer, Result: v1alpha1.DecisionReject, Reason: "不符合条件"}
		}), "<nil>", acMsgDecidedByLawEnd)
		Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(byLaw), byLaw)).To(Succeed())
		Expect(byLaw.Spec.Approval).To(BeNil())
		Expect(byLaw.Status.Decision).To(acDecision(v1alpha1.OutcomeTimeoutConsent, v1alpha1.DecidedByTimeoutConsent, "", lawDeadline))
	})

	It("takes one correction notice in time and counts from completion; a late notice means acceptance on receipt", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-105", "JS-105", "建筑工程施工许可", func(s *v1alpha1.ApprovalItemSpec) {
			s.PromisedLimitDays = 10
			s.RequiredMaterials = []v1alpha1.Material{{Name: acLicence}, {Name: acPlanning, Original: true}, {Name: acDrawings}}
		})
		// Received Monday 2009-01-05 09:00 with only the business licence. The notice is due
		// within 5 working days: 01-06, 01-07, 01-08, 01-09, 01-12. Due 2009-01-12 17:30 CST.
		received := acAt(2009, time.January, 5, 9, 0)
		noticeDeadline := acAt(2009, time.January, 12, 17, 30)
		clk.SetTime(acAt(2009, time.January, 6, 10, 0))

		c := k.received("cn-1", item.Name, received)
		c.Spec.MaterialsSubmitted = []string{acLicence}
		k.create(ctx, c)
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseReceived))
		}).Should(Succeed())
		Expect(c.Status.NoticeDeadline).To(acTime(noticeDeadline))
		Expect(c.Status.AcceptedAt).To(BeNil())
		Expect(c.Status.DecisionDeadline).To(BeNil())

		By("the clerk gives the one notice, in time, listing both missing materials")
		Expect(acRecord(ctx, acClerk, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.CorrectionNotice = &v1alpha1.CorrectionNotice{At: acT(acAt(2009, time.January, 6, 10, 0)), By: acClerk, Missing: []string{acPlanning, acDrawings}}
		})).To(Succeed())
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseAwaitingMaterials))
		}).Should(Succeed())
		Expect(c.Status.AcceptedAt).To(BeNil())
		Expect(c.Status.DecisionDeadline).To(BeNil())
		Expect(acCond(c, v1alpha1.ConditionDeemedAccepted)).To(BeNil())
		Expect(acCond(c, v1alpha1.ConditionNoticeIncomplete)).To(BeNil())

		By("the applicant completes them: accepted then, and the limit runs from then")
		clk.SetTime(acAt(2009, time.January, 8, 15, 5))
		completed := acAt(2009, time.January, 8, 15, 0)
		Expect(acRecord(ctx, acClerk, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.MaterialsCompletedAt = ptr.To(acT(completed))
		})).To(Succeed())
		// Ten working days from Thursday 01-08: 01-09, 01-12 .. 01-16, 01-19 .. 01-22.
		// Deadline 2009-01-22 17:30 CST.
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseAccepted))
		}).Should(Succeed())
		Expect(c.Status.AcceptedAt).To(acTime(completed))
		Expect(c.Status.DecisionDeadline).To(acTime(acAt(2009, time.January, 22, 17, 30)))
		Expect(acCond(c, v1alpha1.ConditionDeemedAccepted)).To(BeNil())

		By("a second notice, a changed one, or none at all is refused")
		acRejected(acRecord(ctx, acClerk, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.CorrectionNotice = &v1alpha1.CorrectionNotice{At: acT(acAt(2009, time.January, 8, 15, 5)), By: acClerk, Missing: []string{"消防设计审核意见书"}}
		}), "spec", acMsgNotice)
		acRejected(acRecord(ctx, acClerk, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.CorrectionNotice.Missing = append(x.Spec.CorrectionNotice.Missing, "消防设计审核意见书")
		}), "spec", acMsgNotice)
		// Without the notice, the recorded completion answers nothing: two rules break.
		acRejected(acRecord(ctx, acClerk, c, func(x *v1alpha1.ApprovalCase) { x.Spec.CorrectionNotice = nil }), "spec", acMsgNotice, acMsgCompletedAlone)

		By("a notice after the 5 working days: accepted on the day of receipt")
		clk.SetTime(acAt(2009, time.January, 9, 10, 0))
		late := k.received("cn-2", item.Name, received)
		late.Spec.MaterialsSubmitted = []string{acLicence}
		k.create(ctx, late)
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, late)
			g.Expect(late.Status.Phase).To(Equal(v1alpha1.PhaseReceived))
		}).Should(Succeed())
		clk.SetTime(acAt(2009, time.January, 13, 10, 0))
		Expect(acRecord(ctx, acClerk, late, func(x *v1alpha1.ApprovalCase) {
			x.Spec.CorrectionNotice = &v1alpha1.CorrectionNotice{At: acT(acAt(2009, time.January, 13, 9, 30)), By: acClerk, Missing: []string{acPlanning, acDrawings}}
		})).To(Succeed())
		// Accepted on receipt, so the 10 days run from Monday 01-05: 01-06 .. 01-09, 01-12 ..
		// 01-16, 01-19. Deadline 2009-01-19 17:30 CST.
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, late)
			g.Expect(acCond(late, v1alpha1.ConditionDeemedAccepted)).To(acHolds(v1alpha1.ConditionDeemedAccepted,
				"case cn-2 (JS-105 建筑工程施工许可, "+acLeadNamed+") had its correction notice on 2009-01-13 09:30 CST, after the 5-working-day limit of 2009-01-12 17:30 CST, so it counts as accepted on the day it arrived, 2009-01-05 09:00 CST (Art. 32)"))
		}).Should(Succeed())
		Expect(late.Status.AcceptedAt).To(acTime(received))
		Expect(late.Status.Phase).To(Equal(v1alpha1.PhaseAccepted))
		Expect(late.Status.DecisionDeadline).To(acTime(acAt(2009, time.January, 19, 17, 30)))
		Eventually(acEmitted(ctx, late, "Warning", v1alpha1.ConditionDeemedAccepted)).Should(BeEquivalentTo(1))
	})

	It("keeps review and approval with two people, and flags a decision without review or by someone off the section", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-106", "JS-106", "房地产开发企业资质核定", func(s *v1alpha1.ApprovalItemSpec) {
			s.ReviewMode = v1alpha1.ReviewThenApprove
			s.PromisedLimitDays = 5
		})
		// Received and accepted Monday 2009-01-05 09:00; 5 working days: 01-06 .. 01-09, 01-12.
		received := acAt(2009, time.January, 5, 9, 0)
		deadline := acAt(2009, time.January, 12, 17, 30)
		clk.SetTime(acAt(2009, time.January, 6, 14, 0))

		By("王芳 reviews; she cannot approve too (一审一核); 李军 approves")
		c1 := k.accepted("rv-1", item.Name, received)
		k.create(ctx, c1)
		Expect(acRecord(ctx, acReviewer, c1, acReview(acReviewer))).To(Succeed())
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c1)
			g.Expect(c1.Status.Phase).To(Equal(v1alpha1.PhaseReviewed))
		}).Should(Succeed())
		Expect(c1.Status.DecisionDeadline).To(acTime(deadline))
		acRejected(acRecord(ctx, acReviewer, c1, acApprove(acReviewer)), "spec", acMsgSegregation)
		Expect(acRecord(ctx, acApprover, c1, acApprove(acApprover))).To(Succeed())
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c1)
			g.Expect(c1.Status.Decision).To(acDecision(v1alpha1.OutcomeApproved, v1alpha1.DecidedByPerson, acApprover, acAt(2009, time.January, 6, 9, 30)))
		}).Should(Succeed())
		Expect(acCond(c1, v1alpha1.ConditionSegregationViolated)).To(BeNil())
		Expect(acCond(c1, v1alpha1.ConditionUnauthorizedDecider)).To(BeNil())
		Expect(acCond(c1, v1alpha1.ConditionReady)).To(HaveField("Status", metav1.ConditionTrue))

		By("李军 approves without a review")
		c2 := k.accepted("rv-2", item.Name, received)
		k.create(ctx, c2)
		Expect(acRecord(ctx, acApprover, c2, acApprove(acApprover))).To(Succeed())
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c2)
			g.Expect(acCond(c2, v1alpha1.ConditionSegregationViolated)).To(acHolds(v1alpha1.ConditionSegregationViolated,
				"Item JS-106 requires one review and one approval by two people (一审一核), but it was approved by li.jun without a review: have the decision reviewed by the section."))
		}).Should(Succeed())
		Expect(c2.Status.Decision).To(acDecision(v1alpha1.OutcomeApproved, v1alpha1.DecidedByPerson, acApprover, acAt(2009, time.January, 6, 9, 30)))
		// Decided, so Ready; the violation stays on the record.
		Expect(acCond(c2, v1alpha1.ConditionReady)).To(HaveField("Reason", string(v1alpha1.PhaseDecided)))
		Eventually(acEmitted(ctx, c2, "Warning", v1alpha1.ConditionSegregationViolated)).Should(BeEquivalentTo(1))

		By("王芳 reviews and 周强, on no section of 建设局, approves")
		c3 := k.accepted("rv-3", item.Name, received)
		k.create(ctx, c3)
		Expect(acRecord(ctx, acReviewer, c3, acReview(acReviewer))).To(Succeed())
		Expect(acRecord(ctx, acOutsider, c3, acApprove(acOutsider))).To(Succeed())
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c3)
			g.Expect(acCond(c3, v1alpha1.ConditionUnauthorizedDecider)).To(acHolds(v1alpha1.ConditionUnauthorizedDecider,
				"Only formal, certified staff of the responsible section decide cases: on case rv-3 (JS-106 房地产开发企业资质核定, "+acLeadNamed+"), approver zhou.qiang is not on the staff of "+acLeadNamed+"'s section."))
		}).Should(Succeed())
		Expect(acCond(c3, v1alpha1.ConditionSegregationViolated)).To(BeNil())
		Eventually(acEmitted(ctx, c3, "Warning", v1alpha1.ConditionUnauthorizedDecider)).Should(BeEquivalentTo(1))
	})

	It("runs each co-approver's clock and records a silent one as consenting and liable, by its own timer", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-107", "JS-107", "建设项目选址意见书", func(s *v1alpha1.ApprovalItemSpec) {
			s.PromisedLimitDays = 10
			s.CoApprovers = []v1alpha1.CoApprover{{Department: acLand, LimitDays: 2}, {Department: acEnv, LimitDays: 5}}
		})
		// Received and accepted Monday 2009-01-05 09:00.
		// land, 2 working days: 01-06, 01-07. Due 2009-01-07 17:30 CST.
		// environmental-protection, 5: 01-06 .. 01-09, 01-12. Due 2009-01-12 17:30 CST.
		// The decision, 10: 01-06 .. 01-09, 01-12 .. 01-16, 01-19. Due 2009-01-19 17:30 CST.
		received := acAt(2009, time.January, 5, 9, 0)
		landDeadline := acAt(2009, time.January, 7, 17, 30)
		envDeadline := acAt(2009, time.January, 12, 17, 30)
		deadline := acAt(2009, time.January, 19, 17, 30)

		// The land bureau stays silent; environmental protection answers on 01-06.
		clk.SetTime(landDeadline.Add(-acLeadTime))
		setAt := time.Now()
		c := k.accepted("pa-1", item.Name, received)
		k.create(ctx, c)
		Expect(acRecord(ctx, acEnvUser, c, acOpinion(acEnv, acEnvUser, v1alpha1.OpinionAgree, "不涉及环境敏感区"))).To(Succeed())

		By("before the land bureau's deadline: environmental protection agreed, land may still answer")
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.CoApprovals).To(ConsistOf(
				And(HaveField("Department", acLand), HaveField("Answer", ""), HaveField("Deadline", acTime(landDeadline))),
				And(HaveField("Department", acEnv), HaveField("Answer", "Agree"), HaveField("Deadline", acTime(envDeadline))),
			))
		}).WithTimeout(acLeadTime).Should(Succeed())
		Expect(acCond(c, v1alpha1.ConditionCoApproverTimedOut)).To(BeNil())
		Expect(c.Status.DecisionDeadline).To(acTime(deadline))

		By("its deadline passes: timeout consent, recorded against it")
		acTimer(ctx, c, landDeadline, setAt, v1alpha1.ConditionCoApproverTimedOut, func(g Gomega) {
			g.Expect(acCond(c, v1alpha1.ConditionCoApproverTimedOut)).NotTo(BeNil(), "status: %+v", c.Status)
		})
		Expect(c.Status.CoApprovals).To(ConsistOf(
			And(HaveField("Department", acLand), HaveField("Answer", "TimeoutConsent"), HaveField("Deadline", acTime(landDeadline))),
			And(HaveField("Department", acEnv), HaveField("Answer", "Agree"), HaveField("Deadline", acTime(envDeadline))),
		))
		Expect(acCond(c, v1alpha1.ConditionCoApproverTimedOut)).To(acHolds(v1alpha1.ConditionCoApproverTimedOut,
			"Co-approving department land stayed silent past the limit on case pa-1",
			"is deemed to consent (超时默许)", "recorded against land."))
		Expect(c.Status.LiableDepartments).To(Equal([]string{acLand}))
		Expect(c.Status.Decision).To(BeNil())
		Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseAccepted))
		Expect(c.Status.DecisionDeadline).To(acTime(deadline))
		acExactlyOnce(ctx, c, "Warning", v1alpha1.ConditionCoApproverTimedOut)

		By("a late opinion does not undo the timeout")
		// The API server has no rule against recording it; the recorded timeout is final.
		Expect(acRecord(ctx, acLandUser, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.CoApprovals = append(x.Spec.CoApprovals, v1alpha1.CoApproval{
				Department: acLand, At: acT(landDeadline.Add(time.Minute)), By: acLandUser, Result: v1alpha1.OpinionDisagree, Reason: "占用基本农田",
			})
		})).To(Succeed())
		Eventually(func(g Gomega) { acCurrent(ctx, g, c) }).Should(Succeed())
		Consistently(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.CoApprovals).To(ContainElement(And(HaveField("Department", acLand), HaveField("Answer", "TimeoutConsent"))))
			g.Expect(c.Status.LiableDepartments).To(Equal([]string{acLand}))
		}, 2*time.Second, 200*time.Millisecond).Should(Succeed())
	})

	It("counts its cases on the item and the department", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-117", "JS-117", "建筑工程施工许可", nil)
		// One case decided by timeout consent (received 2008-12-30, due 2009-01-05 17:30 CST),
		// one open (received 2009-01-05 09:00, due 2009-01-08 17:30 CST), at 2009-01-06 10:00.
		clk.SetTime(acAt(2009, time.January, 6, 10, 0))
		k.create(ctx, k.accepted("fig-1", item.Name, acAt(2008, time.December, 30, 10, 0)))
		k.create(ctx, k.accepted("fig-2", item.Name, acAt(2009, time.January, 5, 9, 0)))
		want := v1alpha1.CaseFigures{Open: 1, Decided: 1, TimeoutConsent: 1}
		Eventually(func(g Gomega) v1alpha1.CaseFigures {
			g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(item), item)).To(Succeed())
			return item.Status.Cases
		}).Should(Equal(want), "item %s", item.Name)
		dept := &v1alpha1.Department{ObjectMeta: metav1.ObjectMeta{Namespace: k.ns, Name: acLead}}
		Eventually(func(g Gomega) v1alpha1.CaseFigures {
			g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(dept), dept)).To(Succeed())
			return dept.Status.Cases
		}).Should(Equal(want), "department %s", dept.Name)
	})

	DescribeTable("flags a category 1 item not decided on the day of receipt as OnTheSpotMissed at close of business, by its own timer",
		func(ctx SpecContext, silence v1alpha1.SilencePolicy) {
			k := acNewCounty(ctx)
			item := k.item(ctx, "js-108", "JS-108", "建筑企业信息变更登记", func(s *v1alpha1.ApprovalItemSpec) {
				s.Category = 1
				s.PromisedLimitDays = 0
				s.SilencePolicy = silence
			})
			// Received and accepted Tuesday 2009-01-06 10:00: decided on the spot, by the close
			// of business that day, 2009-01-06 17:30 CST.
			received := acAt(2009, time.January, 6, 10, 0)
			spot := acAt(2009, time.January, 6, 17, 30)

			clk.SetTime(spot.Add(-acLeadTime))
			setAt := time.Now()
			c := k.accepted("ots-1", item.Name, received)
			k.create(ctx, c)
			Eventually(func(g Gomega) {
				acCurrent(ctx, g, c)
				g.Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseAccepted))
			}).WithTimeout(acLeadTime).Should(Succeed())
			Expect(c.Status.OnTheSpotDeadline).To(acTime(spot))
			Expect(c.Status.DecisionDeadline).To(acTime(spot))
			Expect(acCond(c, v1alpha1.ConditionOnTheSpotMissed)).To(BeNil())

			acTimer(ctx, c, spot, setAt, v1alpha1.ConditionOnTheSpotMissed, func(g Gomega) {
				g.Expect(acCond(c, v1alpha1.ConditionOnTheSpotMissed)).NotTo(BeNil(),
					"nobody decided on the spot, yet no OnTheSpotMissed; decision %+v, conditions %+v", c.Status.Decision, c.Status.Conditions)
			})
			Expect(acCond(c, v1alpha1.ConditionOnTheSpotMissed)).To(acHolds(v1alpha1.ConditionOnTheSpotMissed,
				"Item JS-108 is category 1, decided while the applicant waits (即来即办), but case ots-1 (JS-108 建筑企业信息变更登记, "+acLeadNamed+") was not decided by 2009-01-06 17:30 CST."))
			acExactlyOnce(ctx, c, "Warning", v1alpha1.ConditionOnTheSpotMissed)

			By("received on a holiday, its day is the next working day")
			// Saturday 2009-01-03 is a holiday; Sunday 01-04 is worked.
			h := k.accepted("ots-2", item.Name, acAt(2009, time.January, 3, 11, 0))
			k.create(ctx, h)
			Eventually(func(g Gomega) {
				acCurrent(ctx, g, h)
				g.Expect(h.Status.OnTheSpotDeadline).To(acTime(acAt(2009, time.January, 4, 17, 30)))
			}).Should(Succeed())
		},
		Entry("silence decides nothing", v1alpha1.SilenceNone),
		// Timeout consent at close of business is not a decision while the applicant waits.
		Entry("silence is consent", v1alpha1.SilenceConsent),
	)

	It("flags a case received outside the Center's windows as OutOfSystem (体外循环)", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-109", "JS-109", "建设工程竣工验收备案", nil)
		clk.SetTime(acAt(2009, time.January, 6, 10, 0))
		// Received Tuesday 2009-01-06 09:00 at the bureau's own office. Its limit still runs
		// on the calendar of the item's center: 01-07, 01-08, 01-09. Due 2009-01-09 17:30 CST.
		received := acAt(2009, time.January, 6, 9, 0)

		office := k.accepted("oos-1", item.Name, received)
		office.Spec.Intake = v1alpha1.Intake{Channel: v1alpha1.IntakeDepartmentOffice, ReceivedBy: acClerk}
		k.create(ctx, office)
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, office)
			g.Expect(acCond(office, v1alpha1.ConditionOutOfSystem)).To(And(
				acHolds(v1alpha1.ConditionOutOfSystem),
				HaveField("Message", "case oos-1 (JS-109 建设工程竣工验收备案, "+acLeadNamed+") was received through channel DepartmentOffice, outside the Center's windows (体外循环): applications go to the one door; receive it again at "+acLeadNamed+"'s window."),
			))
		}).Should(Succeed())
		Expect(acCond(office, v1alpha1.ConditionReady)).To(And(
			HaveField("Status", metav1.ConditionFalse), HaveField("Reason", v1alpha1.ConditionOutOfSystem)))
		Expect(office.Status.DecisionDeadline).To(acTime(acAt(2009, time.January, 9, 17, 30)))
		Eventually(acEmitted(ctx, office, "Warning", v1alpha1.ConditionOutOfSystem)).Should(BeEquivalentTo(1))

		By("at a window that is not one of the center's")
		elsewhere := k.accepted("oos-2", item.Name, received)
		elsewhere.Spec.Intake.Window = "planning-w09"
		k.create(ctx, elsewhere)
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, elsewhere)
			g.Expect(acCond(elsewhere, v1alpha1.ConditionOutOfSystem)).To(acHolds(v1alpha1.ConditionOutOfSystem,
				`case oos-2 (JS-109 建设工程竣工验收备案, `+acLeadNamed+`) was received at window "planning-w09", which is not a window of center "county-center", outside the Center's windows`))
		}).Should(Succeed())

		By("at the Center's window: in order")
		inCenter := k.accepted("oos-3", item.Name, received)
		k.create(ctx, inCenter)
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, inCenter)
			g.Expect(acCond(inCenter, v1alpha1.ConditionReady)).To(HaveField("Status", metav1.ConditionTrue))
		}).Should(Succeed())
		Expect(acCond(inCenter, v1alpha1.ConditionOutOfSystem)).To(BeNil())
	})

	It("decides each case once, at its own deadline, after a restart past three deadlines", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-110", "JS-110", "施工图设计文件审查备案", nil)
		cases := []struct {
			c        *v1alpha1.ApprovalCase
			deadline time.Time
		}{
			// Tue 12-30: Wed 12-31 (1), [01-01 .. 01-03 holiday], Sun 01-04 (2), Mon 01-05 (3).
			{k.accepted("rs-1", item.Name, acAt(2008, time.December, 30, 10, 0)), acAt(2009, time.January, 5, 17, 30)},
			// Wed 12-31: Sun 01-04 (1), Mon 01-05 (2), Tue 01-06 (3).
			{k.accepted("rs-2", item.Name, acAt(2008, time.December, 31, 10, 0)), acAt(2009, time.January, 6, 17, 30)},
			// Received on Sunday 01-04, a working day, which as the day of receipt does not
			// count: Mon 01-05 (1), Tue 01-06 (2), Wed 01-07 (3).
			{k.accepted("rs-3", item.Name, acAt(2009, time.January, 4, 10, 0)), acAt(2009, time.January, 7, 17, 30)},
		}
		clk.SetTime(acAt(2009, time.January, 5, 10, 0))
		for _, rc := range cases {
			k.create(ctx, rc.c)
		}
		for _, rc := range cases {
			Eventually(func(g Gomega) {
				acCurrent(ctx, g, rc.c)
				g.Expect(rc.c.Status.Phase).To(Equal(v1alpha1.PhaseAccepted))
				g.Expect(rc.c.Status.DecisionDeadline).To(acTime(rc.deadline))
			}).Should(Succeed())
			Expect(rc.c.Status.Decision).To(BeNil())
		}

		By("stopping the manager, moving past every deadline, starting it again")
		stopManager()
		clk.SetTime(acAt(2009, time.January, 8, 10, 0))
		startManager()

		for _, rc := range cases {
			Eventually(func(g Gomega) {
				acCurrent(ctx, g, rc.c)
				g.Expect(rc.c.Status.Decision).To(acDecision(v1alpha1.OutcomeTimeoutConsent, v1alpha1.DecidedByTimeoutConsent, "", rc.deadline))
			}).Should(Succeed(), rc.c.Name)
			Expect(acCond(rc.c, v1alpha1.ConditionDecidedByTimeoutConsent)).To(acHolds(v1alpha1.ConditionDecidedByTimeoutConsent,
				"by its deadline, "+rc.deadline.Format("2006-01-02 15:04 MST")+"."))
		}
		for _, rc := range cases {
			Eventually(acEmitted(ctx, rc.c, "Warning", v1alpha1.ConditionDecidedByTimeoutConsent)).Should(BeEquivalentTo(1), rc.c.Name)
		}
		Consistently(func(g Gomega) {
			for _, rc := range cases {
				n, err := acEmitted(ctx, rc.c, "Warning", v1alpha1.ConditionDecidedByTimeoutConsent)()
				g.Expect(err).NotTo(HaveOccurred())
				g.Expect(n).To(BeEquivalentTo(1), rc.c.Name)
				acRead(ctx, g, rc.c)
				g.Expect(rc.c.Status.Decision).To(acDecision(v1alpha1.OutcomeTimeoutConsent, v1alpha1.DecidedByTimeoutConsent, "", rc.deadline))
			}
		}, 3*time.Second, 250*time.Millisecond).Should(Succeed())
	})

	It("lets the law's decision stand over a person's decision recorded after the deadline while the manager was down", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-111", "JS-111", "城市建筑垃圾处置核准", nil)
		// Received and accepted Tuesday 2008-12-30 10:00: deadline 2009-01-05 17:30 CST (the
		// first spec).
		deadline := acAt(2009, time.January, 5, 17, 30)
		clk.SetTime(acAt(2009, time.January, 5, 10, 0))
		c := k.accepted("lt-1", item.Name, acAt(2008, time.December, 30, 10, 0))
		k.create(ctx, c)
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseAccepted))
		}).Should(Succeed())

		By("while the manager is down the deadline passes, then 王芳 records an approval the next morning")
		stopManager()
		clk.SetTime(acAt(2009, time.January, 6, 10, 0))
		// Nothing has written the timeout yet, so the API server cannot refuse the approval.
		err := acRecord(ctx, acReviewer, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.Approval = &v1alpha1.Decision{At: acT(acAt(2009, time.January, 6, 9, 0)), By: acReviewer, Result: v1alpha1.DecisionApprove}
		})
		startManager()
		Expect(err).NotTo(HaveOccurred())

		By("the case was decided by law at 17:30 on 01-05, before anyone acted")
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Decision).NotTo(BeNil())
		}).Should(Succeed())
		Expect(c.Status.Decision).To(acDecision(v1alpha1.OutcomeTimeoutConsent, v1alpha1.DecidedByTimeoutConsent, "", deadline),
			"a decision recorded after the deadline must not displace the timeout consent the law made at the deadline")
	})

	DescribeTable("refuses an act recorded in another's name (admission policy), and takes it from its author",
		func(ctx SpecContext, requester, author string, act func(string) func(*v1alpha1.ApprovalCase), message string) {
			k := acNewCounty(ctx)
			item := k.item(ctx, "js-112", "JS-112", "建设项目选址意见书", func(s *v1alpha1.ApprovalItemSpec) {
				s.ReviewMode = v1alpha1.ReviewThenApprove
				s.CoApprovers = []v1alpha1.CoApprover{{Department: acLand, LimitDays: 5}}
				s.Extension = &v1alpha1.Extension{Allowed: true, Days: 10}
				s.RequiredMaterials = []v1alpha1.Material{{Name: acLicence}, {Name: acPlanning}}
			})
			clk.SetTime(acAt(2009, time.January, 6, 10, 0))
			c := k.received("ad-1", item.Name, acAt(2009, time.January, 5, 9, 0))
			c.Spec.MaterialsSubmitted = []string{acLicence}
			k.create(ctx, c)

			acDenied(acRecord(ctx, requester, c, act(author)), message)
			Expect(acRecord(ctx, author, c, act(author))).To(Succeed())
		},
		Entry("a review", acClerk, acReviewer, acReview,
			`spec.review.by is "wang.fang" but the request comes from "zhao.min": a review is recorded by the reviewer in person`),
		Entry("a decision", acReviewer, acApprover, acApprove,
			`spec.approval.by is "li.jun" but the request comes from "wang.fang": a decision is recorded by the decider in person`),
		Entry("a co-approver's opinion", acClerk, acLandUser,
			func(by string) func(*v1alpha1.ApprovalCase) { return acOpinion(acLand, by, v1alpha1.OpinionAgree, "") },
			`a co-approving department's opinion is recorded by the person who gives it: the request comes from "zhao.min" but names "liu.yang" for land`),
		Entry("the correction notice", acReviewer, acClerk,
			func(by string) func(*v1alpha1.ApprovalCase) { return acNotice(by, acPlanning) },
			`spec.correctionNotice.by is "zhao.min" but the request comes from "wang.fang": the notice is recorded by the staff member who gives it`),
		Entry("the acceptance", acReviewer, acClerk, acAccept,
			`spec.acceptance.by is "zhao.min" but the request comes from "wang.fang": acceptance is recorded by the staff member who accepts`),
		Entry("the extension", acClerk, acApprover, acExtend,
			`spec.extension.approvedBy is "li.jun" but the request comes from "zhao.min": an extension is recorded by the agency head who approves it`),
	)

	It("refuses an anonymous request", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-113", "JS-113", "建筑工程施工许可", nil)
		clk.SetTime(acAt(2009, time.January, 6, 10, 0))
		anonymous, err := client.New(rest.AnonymousClientConfig(cfg), client.Options{Scheme: scheme, Mapper: k8sClient.RESTMapper()})
		Expect(err).NotTo(HaveOccurred())

		c := k.accepted("an-1", item.Name, acAt(2009, time.January, 6, 9, 0))
		err = anonymous.Create(ctx, c)
		// envtest's kube-apiserver authorizes with RBAC. With anonymous authentication on (the
		// kube-apiserver default) the request runs as system:anonymous and RBAC refuses it, 403
		// Forbidden, before any admission; with it off the answer is 401 Unauthorized. Either
		// keeps an unnamed author out; the report entry says which this server gave.
		Expect(err).To(HaveOccurred())
		Expect(apierrors.IsForbidden(err) || apierrors.IsUnauthorized(err)).To(BeTrue(), "want 401 or 403, got %v", err)
		var code int32
		if se, ok := err.(*apierrors.StatusError); ok {
			code = se.Status().Code
		}
		AddReportEntry("anonymous request", fmt.Sprintf("HTTP %d %s: %v", code, apierrors.ReasonForError(err), err))
		Expect(apierrors.IsNotFound(k8sClient.Get(ctx, client.ObjectKeyFromObject(c), &v1alpha1.ApprovalCase{}))).To(BeTrue())
	})

	It("lets a member of onestop:record-importers carry a paper record in others' names, and nobody else", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-114", "JS-114", "建设项目选址意见书", func(s *v1alpha1.ApprovalItemSpec) {
			s.ReviewMode = v1alpha1.ReviewThenApprove
			s.CoApprovers = []v1alpha1.CoApprover{{Department: acLand, LimitDays: 2}}
		})
		clk.SetTime(acAt(2009, time.January, 6, 10, 0))
		// A paper record: received and accepted Monday 2008-12-15 09:00, land agreed on the
		// 16th, 王芳 reviewed and 李军 approved on the 17th. Three working days: 12-16, 12-17,
		// 12-18, due 2008-12-18 17:30 CST: decided on time.
		paper := k.accepted("im-1", item.Name, acAt(2008, time.December, 15, 9, 0))
		paper.Spec.CoApprovals = []v1alpha1.CoApproval{{Department: acLand, At: acT(acAt(2008, time.December, 16, 10, 0)), By: acLandUser, Result: v1alpha1.OpinionAgree}}
		paper.Spec.Review = &v1alpha1.Opinion{At: acT(acAt(2008, time.December, 17, 9, 0)), By: acReviewer, Opinion: "同意"}
		approvedAt := acAt(2008, time.December, 17, 15, 0)
		paper.Spec.Approval = &v1alpha1.Decision{At: acT(approvedAt), By: acApprover, Result: v1alpha1.DecisionApprove}

		By("the same record from onestop-samples without the group is refused")
		acDenied(acAs(acImporter).Create(ctx, paper.DeepCopy()), `but the request comes from "onestop-samples"`)

		By("as a record importer it passes, and the decision is 李军's")
		Expect(acAs(acImporter, acImporterGroup).Create(ctx, paper)).To(Succeed())
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, paper)
			g.Expect(paper.Status.Decision).To(acDecision(v1alpha1.OutcomeApproved, v1alpha1.DecidedByPerson, acApprover, approvedAt))
		}).Should(Succeed())
		Expect(paper.Status.OnTime).To(Equal(ptr.To(true)))
		Expect(paper.Status.CoApprovals).To(ConsistOf(And(HaveField("Department", acLand), HaveField("Answer", "Agree"))))
		Expect(acCond(paper, v1alpha1.ConditionSegregationViolated)).To(BeNil())
		Expect(acCond(paper, v1alpha1.ConditionUnauthorizedDecider)).To(BeNil())
		Expect(acCond(paper, v1alpha1.ConditionReady)).To(HaveField("Status", metav1.ConditionTrue))
	})

	DescribeTable("rejects what an ApprovalCase rule forbids, with the rule's message",
		// create edits the case before it is created (as the clerk); steps are valid requests
		// made next; bad is the request the API server must reject. Without bad.edit, the
		// create itself is rejected. The root rule (no decision after the law decided) is
		// checked in the timeout-consent and deemed-refusal specs above.
		func(ctx SpecContext, create func(*v1alpha1.ApprovalCase), steps []acStep, bad acStep, field, message string) {
			k := acNewCounty(ctx)
			item := k.item(ctx, "js-115", "JS-115", "建筑工程施工许可", func(s *v1alpha1.ApprovalItemSpec) {
				s.ReviewMode = v1alpha1.ReviewThenApprove
				s.PromisedLimitDays = 10
				s.CoApprovers = []v1alpha1.CoApprover{{Department: acLand, LimitDays: 5}}
				s.Extension = &v1alpha1.Extension{Allowed: true, Days: 10}
			})
			clk.SetTime(acAt(2009, time.January, 6, 10, 0))
			c := k.accepted("cel-1", item.Name, acAt(2009, time.January, 5, 9, 0))
			if create != nil {
				create(c)
			}
			if bad.edit == nil {
				err := acAs(acClerk).Create(ctx, c)
				acRejected(err, field, message)
				return
			}
			k.create(ctx, c)
			for _, s := range steps {
				Expect(acRecord(ctx, s.user, c, s.edit)).To(Succeed())
			}
			before := &v1alpha1.ApprovalCase{}
			Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(c), before)).To(Succeed())
			acRejected(acRecord(ctx, bad.user, c, bad.edit), field, message)
			after := &v1alpha1.ApprovalCase{}
			Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(c), after)).To(Succeed())
			Expect(after.Spec).To(Equal(before.Spec), "a rejected request changes nothing")
		},
		// Intake: recorded once.
		Entry("spec.item changes", nil, nil,
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.Item = "js-001" }}, "spec", acMsgIntake),
		Entry("spec.receivedAt changes", nil, nil,
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.ReceivedAt = acT(acAt(2009, time.January, 5, 10, 0)) }}, "spec", acMsgIntake),
		Entry("spec.intake changes", nil, nil,
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.Intake.ReceivedBy = acReviewer }}, "spec", acMsgIntake),
		Entry("spec.item is not an object name",
			func(c *v1alpha1.ApprovalCase) { c.Spec.Item = "JS-115" }, nil, acStep{},
			"spec.item", `"JS-115": `+acMsgItemName),
		Entry("a window intake without its window",
			func(c *v1alpha1.ApprovalCase) { c.Spec.Intake.Window = "" }, nil, acStep{},
			"spec.intake", acMsgWindowIntake),
		Entry("a window intake without its center",
			func(c *v1alpha1.ApprovalCase) { c.Spec.Intake.Center = "" }, nil, acStep{},
			"spec.intake", acMsgWindowIntake),

		// The one notice and the completion.
		Entry("a notice before receipt",
			func(c *v1alpha1.ApprovalCase) {
				c.Spec.CorrectionNotice = &v1alpha1.CorrectionNotice{At: acT(acAt(2009, time.January, 5, 8, 59)), By: acClerk, Missing: []string{acPlanning}}
			}, nil, acStep{}, "spec", acMsgNoticeEarly),
		Entry("materials completed without a notice",
			func(c *v1alpha1.ApprovalCase) {
				c.Spec.MaterialsCompletedAt = ptr.To(acT(acAt(2009, time.January, 6, 9, 0)))
			}, nil, acStep{},
			"spec", acMsgCompletedAlone),
		Entry("the notice changed", nil, []acStep{{acClerk, acNotice(acClerk, acPlanning)}},
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.CorrectionNotice.Missing = []string{acPlanning, acDrawings} }},
			"spec", acMsgNotice),
		Entry("a second notice", nil, []acStep{{acClerk, acNotice(acClerk, acPlanning)}},
			acStep{acReviewer, func(c *v1alpha1.ApprovalCase) {
				c.Spec.CorrectionNotice = &v1alpha1.CorrectionNotice{At: acT(acAt(2009, time.January, 6, 9, 0)), By: acReviewer, Missing: []string{acDrawings}}
			}},
			"spec", acMsgNotice),
		Entry("the notice removed", nil, []acStep{{acClerk, acNotice(acClerk, acPlanning)}},
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.CorrectionNotice = nil }},
			"spec", acMsgNotice),
		Entry("the completion changed", nil, []acStep{
			{acClerk, acNotice(acClerk, acPlanning)},
			{acClerk, func(c *v1alpha1.ApprovalCase) {
				c.Spec.MaterialsCompletedAt = ptr.To(acT(acAt(2009, time.January, 6, 9, 0)))
			}},
		}, acStep{acClerk, func(c *v1alpha1.ApprovalCase) {
			c.Spec.MaterialsCompletedAt = ptr.To(acT(acAt(2009, time.January, 6, 9, 30)))
		}},
			"spec", acMsgCompleted),
		Entry("the completion removed", nil, []acStep{
			{acClerk, acNotice(acClerk, acPlanning)},
			{acClerk, func(c *v1alpha1.ApprovalCase) {
				c.Spec.MaterialsCompletedAt = ptr.To(acT(acAt(2009, time.January, 6, 9, 0)))
			}},
		}, acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.MaterialsCompletedAt = nil }},
			"spec", acMsgCompleted),

		// Acts of people.
		Entry("the acceptance changed", nil, nil,
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.Acceptance.At = acT(acAt(2009, time.January, 5, 9, 30)) }},
			"spec", acMsgAcceptance),
		Entry("the acceptance removed", nil, nil,
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.Acceptance = nil }},
			"spec", acMsgAcceptance),
		Entry("the review changed", nil, []acStep{{acReviewer, acReview(acReviewer)}},
			acStep{acReviewer, func(c *v1alpha1.ApprovalCase) { c.Spec.Review.Opinion = "材料不全，拟不同意" }},
			"spec", acMsgReview),
		Entry("the review removed", nil, []acStep{{acReviewer, acReview(acReviewer)}},
			acStep{acReviewer, func(c *v1alpha1.ApprovalCase) { c.Spec.Review = nil }},
			"spec", acMsgReview),
		Entry("review and approval by the same person", nil, []acStep{{acReviewer, acReview(acReviewer)}},
			acStep{acReviewer, acApprove(acReviewer)},
			"spec", acMsgSegregation),
		Entry("a rejection without its reason", nil, []acStep{{acReviewer, acReview(acReviewer)}},
			acStep{acApprover, func(c *v1alpha1.ApprovalCase) {
				c.Spec.Approval = &v1alpha1.Decision{At: acT(acAt(2009, time.January, 6, 9, 30)), By: acApprover, Result: v1alpha1.DecisionReject}
			}},
			"spec.approval", acMsgRejectReason),
		Entry("the decision changed", nil, []acStep{{acReviewer, acReview(acReviewer)}, {acApprover, acApprove(acApprover)}},
			acStep{acApprover, func(c *v1alpha1.ApprovalCase) { c.Spec.Approval.At = acT(acAt(2009, time.January, 6, 9, 45)) }},
			"spec", acMsgFinal),
		Entry("the decision removed", nil, []acStep{{acReviewer, acReview(acReviewer)}, {acApprover, acApprove(acApprover)}},
			acStep{acApprover, func(c *v1alpha1.ApprovalCase) { c.Spec.Approval = nil }},
			"spec", acMsgFinal),
		Entry("a disagreement without its reason", nil, nil,
			acStep{acLandUser, acOpinion(acLand, acLandUser, v1alpha1.OpinionDisagree, "")},
			"spec.coApprovals[0]", acMsgDisagreeReason),
		Entry("an opinion changed", nil, []acStep{{acLandUser, acOpinion(acLand, acLandUser, v1alpha1.OpinionAgree, "")}},
			acStep{acLandUser, func(c *v1alpha1.ApprovalCase) {
				c.Spec.CoApprovals[0].Result = v1alpha1.OpinionDisagree
				c.Spec.CoApprovals[0].Reason = "占用基本农田"
			}},
			"spec", acMsgOpinion),
		Entry("an opinion removed", nil, []acStep{{acLandUser, acOpinion(acLand, acLandUser, v1alpha1.OpinionAgree, "")}},
			acStep{acLandUser, func(c *v1alpha1.ApprovalCase) { c.Spec.CoApprovals = nil }},
			"spec", acMsgOpinion),
		Entry("the extension changed", nil, []acStep{{acApprover, acExtend(acApprover)}},
			acStep{acApprover, func(c *v1alpha1.ApprovalCase) { c.Spec.Extension.Days = 5 }},
			"spec", acMsgExtension),
		Entry("the extension removed", nil, []acStep{{acApprover, acExtend(acApprover)}},
			acStep{acApprover, func(c *v1alpha1.ApprovalCase) { c.Spec.Extension = nil }},
			"spec", acMsgExtension),

		// Withdrawal and clock stops.
		Entry("the withdrawal changed", nil,
			[]acStep{{acClerk, func(c *v1alpha1.ApprovalCase) {
				c.Spec.Withdrawal = &v1alpha1.Withdrawal{At: acT(acAt(2009, time.January, 6, 9, 0)), Reason: "项目取消"}
			}}},
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.Withdrawal.Reason = "另行申请" }},
			"spec", acMsgWithdrawal),
		Entry("the withdrawal removed", nil,
			[]acStep{{acClerk, func(c *v1alpha1.ApprovalCase) {
				c.Spec.Withdrawal = &v1alpha1.Withdrawal{At: acT(acAt(2009, time.January, 6, 9, 0)), Reason: "项目取消"}
			}}},
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.Withdrawal = nil }},
			"spec", acMsgWithdrawal),
		Entry("a clock stop that ends before it starts", nil, nil,
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) {
				c.Spec.ClockStops = []v1alpha1.ClockStop{{Reason: "Testing", From: acT(acAt(2009, time.January, 8, 9, 0)), To: ptr.To(acT(acAt(2009, time.January, 7, 9, 0)))}}
			}},
			"spec.clockStops[0]", acMsgClockStopOrder),
		Entry("a clock stop changed", nil,
			[]acStep{{acClerk, func(c *v1alpha1.ApprovalCase) {
				c.Spec.ClockStops = []v1alpha1.ClockStop{{Reason: "Hearing", From: acT(acAt(2009, time.January, 6, 9, 0))}}
			}}},
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.ClockStops[0].From = acT(acAt(2009, time.January, 6, 14, 0)) }},
			"spec", acMsgClockStop),
		Entry("a clock stop removed", nil,
			[]acStep{{acClerk, func(c *v1alpha1.ApprovalCase) {
				c.Spec.ClockStops = []v1alpha1.ClockStop{{Reason: "Hearing", From: acT(acAt(2009, time.January, 6, 9, 0))}}
			}}},
			acStep{acClerk, func(c *v1alpha1.ApprovalCase) { c.Spec.ClockStops = nil }},
			"spec", acMsgClockStop),
	)

	It("accepts the edits the rules allow: a clock stop's end, and edits elsewhere after others' acts", func(ctx SpecContext) {
		k := acNewCounty(ctx)
		item := k.item(ctx, "js-116", "JS-116", "建筑工程施工许可", func(s *v1alpha1.ApprovalItemSpec) {
			s.ReviewMode = v1alpha1.ReviewThenApprove
			s.PromisedLimitDays = 10
		})
		clk.SetTime(acAt(2009, time.January, 9, 10, 0))
		c := k.accepted("ok-1", item.Name, acAt(2009, time.January, 5, 9, 0))
		k.create(ctx, c)
		Expect(acRecord(ctx, acReviewer, c, acReview(acReviewer))).To(Succeed())
		Expect(acRecord(ctx, acClerk, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.ClockStops = []v1alpha1.ClockStop{{Reason: "ExpertReview", From: acT(acAt(2009, time.January, 6, 9, 0))}}
		})).To(Succeed())
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.Phase).To(Equal(v1alpha1.PhaseReviewed))
			g.Expect(c.Status.DecisionDeadline).To(BeNil(), "no deadline runs while a clock stop lasts")
		}).Should(Succeed())

		By("the clerk ends the stop and corrects the applicant's contact; 王芳's review is not re-checked")
		Expect(acRecord(ctx, acClerk, c, func(x *v1alpha1.ApprovalCase) {
			x.Spec.ClockStops[0].To = ptr.To(acT(acAt(2009, time.January, 7, 17, 0)))
			x.Spec.Applicant.Contact = "13800000000"
		})).To(Succeed())
		// Ten working days from Monday 01-05, plus the stop's working days Tue 01-06 and Wed
		// 01-07 (both counted, from and to included): 12 working days: 01-06 .. 01-09, 01-12 ..
		// 01-16, 01-19 .. 01-21. Deadline 2009-01-21 17:30 CST.
		Eventually(func(g Gomega) {
			acCurrent(ctx, g, c)
			g.Expect(c.Status.DecisionDeadline).To(acTime(acAt(2009, time.January, 21, 17, 30)))
		}).Should(Succeed())
	})
})
