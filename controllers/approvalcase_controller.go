package controllers

import (
	"context"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/deadline"
	"onestop.dev/onestop/internal/policy"
)

// ApprovalCaseReconciler keeps a case's statutory clock: it computes every deadline, decides
// by the item's silence policy when a deadline passes, and flags every anomaly. It looks again
// exactly when the next deadline falls (RequeueAfter), never by polling.
type ApprovalCaseReconciler struct {
	base
	calendars *calendars
}

var caseAnomalies = []string{
	v1alpha1.ConditionDeemedAccepted, v1alpha1.ConditionNoticeIncomplete, v1alpha1.ConditionOnTheSpotMissed,
	v1alpha1.ConditionSegregationViolated, v1alpha1.ConditionUnauthorizedDecider,
	v1alpha1.ConditionDecidedByTimeoutConsent, v1alpha1.ConditionDeemedRefused, v1alpha1.ConditionDeadlineExceeded,
	v1alpha1.ConditionCoApproverTimedOut, v1alpha1.ConditionExtensionInvalid, v1alpha1.ConditionOutOfSystem,
	v1alpha1.ConditionCalendarDataMissing,
}

// +kubebuilder:rbac:groups=reform.onestop.dev,resources=approvalcases,verbs=get;list;watch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=approvalcases/status,verbs=get;update;patch

// Reconcile computes an ApprovalCase's status and returns when to look again.
func (r *ApprovalCaseReconciler) Reconcile(ctx context.Context, req ctrl.Request) (result ctrl.Result, retErr error) {
	c := &v1alpha1.ApprovalCase{}
	if err := r.client.Get(ctx, req.NamespacedName, c); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	// A decision is written once: the status patch carries the resourceVersion it was
	// computed from, so a concurrent human write or a stale read makes it fail and the next
	// pass sees the newer object.
	defer r.status.finish(ctx, c.DeepCopy(), c, &result, &retErr)

	ns, spec := c.Namespace, c.Spec
	now := r.clock.Now()
	report := conditions.Report{
		Generation: c.Generation, Now: now, Anomalies: caseAnomalies,
		ReadyReason: v1alpha1.ReasonReconciled, ReadyMessage: "The case is on time and in order.",
	}
	c.Status.ObservedGeneration = c.Generation

	item := &v1alpha1.ApprovalItem{}
	itemExists, err := exists(ctx, r.client, ns, spec.Item, item)
	if err != nil {
		return ctrl.Result{}, err
	}
	if !itemExists {
		report.Findings = policy.References(fmt.Sprintf("Case %q", c.Name), ns, policy.Reference{
			Kind: "ApprovalItem", Name: spec.Item, Field: "spec.item", Reason: v1alpha1.ReasonItemNotFound,
		})
		c.SetConditions(conditions.Apply(c.Status.Conditions, report))
		return ctrl.Result{}, nil
	}
	c.Status.Department = item.Spec.Department

	dept := &v1alpha1.Department{}
	if _, err := exists(ctx, r.client, ns, item.Spec.Department, dept); err != nil {
		return ctrl.Result{}, err
	}
	window := &v1alpha1.ServiceWindow{}
	windowExists, err := exists(ctx, r.client, ns, spec.Intake.Window, window)
	if err != nil {
		return ctrl.Result{}, err
	}
	deciders, err := decidersOf(ctx, r.client, ns, dept)
	if err != nil {
		return ctrl.Result{}, err
	}

	// The calendar of the center that received the case, else of the item's center.
	centerName := spec.Intake.Center
	if centerName == "" {
		centerName = item.Spec.Center
	}
	center := &v1alpha1.ServiceCenter{}
	if _, err := exists(ctx, r.client, ns, centerName, center); err != nil {
		return ctrl.Result{}, err
	}
	cal, found, buildErr, err := r.calendars.get(ctx, center.Spec.Calendar)
	switch {
	case err != nil:
		return ctrl.Result{}, err
	case !found || buildErr != nil:
		report.Findings = []conditions.Finding{{
			Type: conditions.Reconciling, Reason: v1alpha1.ReasonCalendarNotFound,
			Message: fmt.Sprintf("Case %q counts its deadlines on the calendar of center %q (%q), which is missing or invalid: no deadline runs until it is fixed.",
				c.Name, centerName, center.Spec.Calendar),
		}}
		c.SetConditions(conditions.Apply(c.Status.Conditions, report))
		return ctrl.Result{}, nil
	}

	res, err := deadline.Evaluate(deadline.Facts{
		Name:           c.Name,
		Spec:           spec,
		Item:           item.Spec,
		Department:     policy.Named(dept.Spec.DisplayName, item.Spec.Department),
		LeaderInCharge: dept.Spec.LeaderInCharge,
		Deciders:       deciders,
		IntakeInCenter: windowExists && window.Spec.Center == spec.Intake.Center,
		Recorded:       c.Status,
	}, cal, now)
	if err != nil {
		return ctrl.Result{}, err
	}
	c.Status.Phase = res.Phase
	c.Status.NoticeDeadline = metaTimePtr(res.NoticeDeadline)
	c.Status.AcceptedAt = metaTimePtr(res.AcceptedAt)
	c.Status.OnTheSpotDeadline = metaTimePtr(res.OnTheSpotDeadline)
	c.Status.DecisionDeadline = metaTimePtr(res.DecisionDeadline)
	c.Status.Due = ""
	if res.DecisionDeadline != nil {
		c.Status.Due = res.DecisionDeadline.In(cal.Location()).Format("2006-01-02 15:04 MST")
	}
	c.Status.CoApprovals = res.CoApprovals
	c.Status.Decision = res.Decision
	c.Status.LiableDepartments = res.Liable
	c.Status.OnTime = res.OnTime
	report.Findings = res.Findings
	if res.Phase == v1alpha1.PhaseDecided || res.Phase == v1alpha1.PhaseWithdrawn {
		// Settled: its anomalies stay as the record, and Ready says how it ended.
		report.Final = true
		report.ReadyReason = string(res.Phase)
		report.ReadyMessage = settledMessage(res)
	}
	c.SetConditions(conditions.Apply(c.Status.Conditions, report))
	return requeueAt(now, res.Next, !res.Next.IsZero()), nil
}

// decidersOf returns who may review and decide a department's cases, by user name: the heads
// and rosters of its sections, or, without a section, its chief representative and the
// people at its windows.
func decidersOf(ctx context.Context, c client.Reader, namespace string, dept *v1alpha1.Department) (map[string]v1alpha1.Person, error) {
	out := map[string]v1alpha1.Person{}
	add := func(people ...v1alpha1.Person) {
		for _, p := range people {
			if p.UserName != "" {
				if _, seen := out[p.UserName]; !seen {
					out[p.UserName] = p
				}
			}
		}
	}
	if dept.Name == "" {
		return out, nil
	}
	sections := &v1alpha1.ApprovalSectionList{}
	if err := c.List(ctx, sections, client.InNamespace(namespace), client.MatchingFields{indexDepartment: dept.Name}); err != nil {
		return nil, err
	}
	for _, s := range sections.Items {
		add(policy.SectionFacts{Spec: s.Spec}.People()...)
	}
	if len(sections.Items) > 0 {
		return out, nil
	}
	if dept.Spec.ChiefRepresentative != nil {
		add(*dept.Spec.ChiefRepresentative)
	}
	windows := &v1alpha1.ServiceWindowList{}
	if err := c.List(ctx, windows, client.InNamespace(namespace), client.MatchingFields{indexDepartment: dept.Name}); err != nil {
		return nil, err
	}
	for _, w := range windows.Items {
		add(policy.WindowFacts{Spec: w.Spec}.People()...)
	}
	return out, nil
}

func settledMessage(res deadline.Result) string {
	d := res.Decision
	switch {
	case d == nil:
		return "The applicant withdrew the application."
	case d.Method == v1alpha1.DecidedByPerson:
		return fmt.Sprintf("Decided: %s by %s.", d.Outcome, d.By)
	default:
		return fmt.Sprintf("Decided by law when the deadline passed in silence: %s.", d.Outcome)
	}
}

func metaTimePtr(t *time.Time) *metav1.Time {
	if t == nil {
		return nil
	}
	return &metav1.Time{Time: *t}
}

// SetupWithManager registers the reconciler. A case is reconciled again when its item, its
// department's sections or people, its intake window or its calendar change.
func (r *ApprovalCaseReconciler) SetupWithManager(mgr ctrl.Manager) error {
	casesBy := func(field string, value func(client.Object) string) handler.EventHandler {
		return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []reconcile.Request {
			return listRequests(ctx, r.client, &v1alpha1.ApprovalCaseList{}, o.GetNamespace(), field, value(o))
		})
	}
	name := func(o client.Object) string { return o.GetName() }
	return ctrl.NewControllerManagedBy(mgr).
		For(&v1alpha1.ApprovalCase{}).
		Watches(&v1alpha1.ApprovalItem{}, casesBy(indexItem, name), specChanges).
		Watches(&v1alpha1.Department{}, casesBy(indexCaseDepartment, name), specChanges).
		Watches(&v1alpha1.ApprovalSection{}, casesBy(indexCaseDepartment, func(o client.Object) string { return o.(*v1alpha1.ApprovalSection).Spec.Department }), specChanges).
		Watches(&v1alpha1.ServiceWindow{}, casesBy(indexIntakeWindow, name), specChanges).
		Watches(&v1alpha1.ServiceCenter{}, casesBy(indexIntakeCenter, name), specChanges).
		Watches(&v1alpha1.WorkCalendar{}, handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []reconcile.Request {
			// A calendar reaches its cases through the centers that count on it.
			var out []reconcile.Request
			for _, center := range listRequests(ctx, r.client, &v1alpha1.ServiceCenterList{}, "", indexCalendar, o.GetName()) {
				out = append(out, listRequests(ctx, r.client, &v1alpha1.ApprovalCaseList{}, center.Namespace, indexIntakeCenter, center.Name)...)
			}
			return out
		}), specChanges).
		Named("approvalcase").
		Complete(r)
}
