package controllers

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/util/workqueue"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/assessment"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/policy"
)

// AssessmentReconciler keeps an Assessment's scorecard: while the period runs, the figures,
// scores and ranking so far; once the period has ended and every case due in it is settled,
// the final figures, frozen (status.finalized). It looks again when the period ends
// (RequeueAfter), never by polling, and never looks at a finalised assessment again: the API
// server refuses any change to one.
type AssessmentReconciler struct {
	base
	calendars *calendars
}

// indexCaseLiable maps a case to the departments its status holds liable for silence, so an
// assessment finds the cases a department made late as a co-approver.
const indexCaseLiable = "status.liableDepartments"

// assessmentDelay batches case and department changes: every change within it costs one
// scorecard computation.
const assessmentDelay = time.Second

var assessmentAnomalies = []string{v1alpha1.ConditionCalendarDataMissing}

// +kubebuilder:rbac:groups=reform.onestop.dev,resources=assessments,verbs=get;list;watch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=assessments/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=departments;approvalcases;servicecenters;workcalendars,verbs=get;list;watch
// +kubebuilder:rbac:groups=events.k8s.io,resources=events,verbs=create;patch

// Reconcile computes an Assessment's scorecard and returns when the period ends.
func (r *AssessmentReconciler) Reconcile(ctx context.Context, req ctrl.Request) (result ctrl.Result, retErr error) {
	a := &v1alpha1.Assessment{}
	if err := r.client.Get(ctx, req.NamespacedName, a); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if a.Status.Finalized {
		return ctrl.Result{}, nil
	}
	defer r.status.finish(ctx, a.DeepCopy(), a, &result, &retErr)

	ns, spec := a.Namespace, a.Spec
	now := r.clock.Now()
	subject := fmt.Sprintf("Assessment %q", a.Name)
	report := conditions.Report{
		Generation: a.Generation, Now: now, Anomalies: assessmentAnomalies, ReadyReason: v1alpha1.ReasonReconciled,
	}
	a.Status.ObservedGeneration = a.Generation
	// Finalized, like a plan's Completed, is good news: present, True, only once final.
	apply := func() {
		a.SetConditions(conditions.Apply(a.Status.Conditions, report))
		meta.RemoveStatusCondition(&a.Status.Conditions, v1alpha1.ConditionFinalized)
		if a.Status.Finalized {
			meta.SetStatusCondition(&a.Status.Conditions, metav1.Condition{
				Type: v1alpha1.ConditionFinalized, Status: metav1.ConditionTrue, Reason: v1alpha1.ReasonPeriodEnded,
				Message: report.ReadyMessage, ObservedGeneration: a.Generation, LastTransitionTime: metav1.NewTime(now),
			})
		}
	}
	defer apply()

	center := &v1alpha1.ServiceCenter{}
	ok, err := exists(ctx, r.client, ns, spec.Center, center)
	if err != nil {
		return ctrl.Result{}, err
	}
	if !ok {
		report.Findings = policy.References(subject, ns, policy.Reference{
			Kind: "ServiceCenter", Name: spec.Center, Field: "spec.center", Reason: v1alpha1.ReasonCenterNotFound,
		})
		return ctrl.Result{}, nil
	}
	cal, found, buildErr, err := r.calendars.get(ctx, center.Spec.Calendar)
	switch {
	case err != nil:
		return ctrl.Result{}, err
	case !found || buildErr != nil:
		report.Findings = []conditions.Finding{{
			Type: conditions.Reconciling, Reason: v1alpha1.ReasonCalendarNotFound,
			Message: fmt.Sprintf("%s counts its period on the calendar of center %q (%q), which is missing or invalid: nothing is scored until it is fixed.",
				subject, spec.Center, center.Spec.Calendar),
		}}
		return ctrl.Result{}, nil
	}
	period, err := assessment.NewPeriod(spec.Period, cal.Location(), cal.CloseOfBusiness())
	if err != nil {
		report.Findings = []conditions.Finding{{Type: conditions.Stalled, Reason: v1alpha1.ReasonInvalidPeriod,
			Message: fmt.Sprintf("%s has no period it can score: %v.", subject, err)}}
		return ctrl.Result{}, nil
	}
	endsAt := period.End.Format("2006-01-02 15:04 MST")
	a.Status.Period, a.Status.Start, a.Status.End = period.Label, period.First.String(), period.Last.String()
	a.Status.EndsAt = &metav1.Time{Time: period.End}
	a.Status.WorkingDays = 0
	if days, err := cal.WorkingDaysIn(period.First, period.Last); err == nil {
		a.Status.WorkingDays = int32(days)
	} else if missing := (*calendar.MissingYearError)(nil); errors.As(err, &missing) {
		report.Findings = append(report.Findings, conditions.Finding{
			Type: v1alpha1.ConditionCalendarDataMissing, Reason: v1alpha1.ConditionCalendarDataMissing,
			Message: fmt.Sprintf("%s cannot count the working days of %s: %v.", subject, period.Label, err),
		})
	} else {
		return ctrl.Result{}, err
	}

	depts, missing, err := r.departments(ctx, a, center)
	if err != nil {
		return ctrl.Result{}, err
	}
	if len(depts) > 100 {
		report.Findings = append(report.Findings, conditions.Finding{Type: conditions.Stalled, Reason: v1alpha1.ReasonTooManyDepartments,
			Message: fmt.Sprintf("%s would rank the %d departments of center %q; one assessment ranks at most 100: name them in spec.departments, over several assessments.",
				subject, len(depts), spec.Center)})
		return ctrl.Result{}, nil
	}
	cases, err := r.casesOf(ctx, ns, depts)
	if err != nil {
		return ctrl.Result{}, err
	}
	res := assessment.Score(assessment.Input{
		Period: period, Now: now, Weights: assessment.WeightsOf(spec.Weights),
		Departments: depts, Cases: cases, Findings: spec.Findings,
	})
	standing := assessment.StandingOf(res.Rows)
	a.Status.Departments, a.Status.Assessed = res.Rows, int32(len(res.Rows))
	a.Status.Top, a.Status.Bottom, a.Status.Ranking = standing.Top, standing.Bottom, standing.Ranking

	var notes []string
	if len(missing) > 0 {
		notes = append(notes, fmt.Sprintf("Not ranked, no such Department: %s.", strings.Join(missing, ", ")))
	}
	if len(res.IgnoredFindings) > 0 {
		notes = append(notes, fmt.Sprintf("Findings not counted (a department not assessed, or a day outside the period): %s.", strings.Join(res.IgnoredFindings, "; ")))
	}
	note := strings.Join(append([]string{""}, notes...), " ")

	if !period.Ended(now) {
		for _, m := range missing {
			report.Findings = append(report.Findings, policy.References(subject, ns, policy.Reference{
				Kind: "Department", Name: m, Field: "spec.departments", Reason: v1alpha1.ReasonDepartmentNotFound,
			})...)
		}
		report.ReadyMessage = fmt.Sprintf("Ranks %d departments for %s so far; the figures are provisional until the period ends at %s.%s",
			len(res.Rows), period.Label, endsAt, note)
		return requeueAt(now, period.End, true), nil
	}

	// The period has ended: final once everything due in it is written.
	unknown, err := r.casesNotYetLookedAt(ctx, ns)
	if err != nil {
		return ctrl.Result{}, err
	}
	if pending := assessment.Unsettled(period, depts, append(cases, unknown...)); len(pending) > 0 {
		shown := pending[:min(len(pending), 10)]
		msg := fmt.Sprintf("The period %s ended at %s; %s waits for %d objects to be brought up to date by their own reconcilers before its figures are final: %s.",
			period.Label, endsAt, subject, len(pending), strings.Join(shown, ", "))
		report.Findings = append(report.Findings, conditions.Finding{Type: conditions.Reconciling, Reason: v1alpha1.ReasonCasesPending, Message: msg})
		return ctrl.Result{}, nil
	}
	a.Status.Finalized, a.Status.FinalizedAt = true, &metav1.Time{Time: now}
	report.Final = true
	report.ReadyReason = v1alpha1.ReasonPeriodEnded
	report.ReadyMessage = fmt.Sprintf("Final: the period %s ended at %s and the ranking of %d departments is frozen (top %s, bottom %s).%s",
		period.Label, endsAt, len(res.Rows), standing.Top, standing.Bottom, note)
	return ctrl.Result{}, nil
}

// departments returns the departments assessed, as facts, and the names listed in
// spec.departments that no Department has.
func (r *AssessmentReconciler) departments(ctx context.Context, a *v1alpha1.Assessment, center *v1alpha1.ServiceCenter) ([]assessment.Department, []string, error) {
	var list []v1alpha1.Department
	var missing []string
	if len(a.Spec.Departments) == 0 {
		all := &v1alpha1.DepartmentList{}
		if err := r.client.List(ctx, all, client.InNamespace(a.Namespace)); err != nil {
			return nil, nil, err
		}
		for _, d := range all.Items {
			if d.Spec.Center == center.Name {
				list = append(list, d)
			}
		}
	}
	for _, name := range a.Spec.Departments {
		d := &v1alpha1.Department{}
		ok, err := exists(ctx, r.client, a.Namespace, name, d)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			missing = append(missing, name)
			continue
		}
		list = append(list, *d)
	}
	out := make([]assessment.Department, 0, len(list))
	for _, d := range list {
		out = append(out, assessment.Department{
			Name: d.Name, DisplayName: d.Spec.DisplayName,
			Anomalies: openAnomalies(d.Status.Conditions), Current: d.Status.ObservedGeneration == d.Generation,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, missing, nil
}

// openAnomalies names a department's anomaly conditions that are True.
func openAnomalies(conds []metav1.Condition) []string {
	var out []string
	for _, t := range departmentAnomalies {
		if meta.IsStatusConditionTrue(conds, t) {
			out = append(out, t)
		}
	}
	return out
}

// casesOf returns the cases of the departments and the cases they are liable for, each as
// often as it is found (the scorecard counts each once).
func (r *AssessmentReconciler) casesOf(ctx context.Context, ns string, depts []assessment.Department) ([]assessment.Case, error) {
	var out []assessment.Case
	for _, d := range depts {
		for _, field := range []string{indexCaseDepartment, indexCaseLiable} {
			// Read, never changed: the cache's own objects, not a copy of each.
			list := &v1alpha1.ApprovalCaseList{}
			if err := r.client.List(ctx, list, client.InNamespace(ns), client.MatchingFields{field: d.Name}, client.UnsafeDisableDeepCopy); err != nil {
				return nil, err
			}
			for i := range list.Items {
				out = append(out, caseFacts(&list.Items[i]))
			}
		}
	}
	return out, nil
}

// casesNotYetLookedAt returns the cases of the namespace the case reconciler has not yet
// looked at: their department is not known, so they could be any department's.
func (r *AssessmentReconciler) casesNotYetLookedAt(ctx context.Context, ns string) ([]assessment.Case, error) {
	list := &v1alpha1.ApprovalCaseList{}
	if err := r.client.List(ctx, list, client.InNamespace(ns), client.UnsafeDisableDeepCopy); err != nil {
		return nil, err
	}
	var out []assessment.Case
	for i := range list.Items {
		if c := &list.Items[i]; c.Status.Department == "" && c.Status.ObservedGeneration != c.Generation {
			out = append(out, caseFacts(c))
		}
	}
	return out, nil
}

func caseFacts(c *v1alpha1.ApprovalCase) assessment.Case {
	return assessment.Case{
		Name: c.Name, ReceivedAt: c.Spec.ReceivedAt.Time,
		Current: c.Status.ObservedGeneration == c.Generation, Status: c.Status,
	}
}

// SetupWithManager registers the reconciler and the liability index. An assessment that is
// not final is looked at again when a case or department it counts changes what it counts,
// when its center changes, or when a calendar changes; status writes that change no figure
// wake nothing.
func (r *AssessmentReconciler) SetupWithManager(ctx context.Context, mgr ctrl.Manager) error {
	if err := mgr.GetFieldIndexer().IndexField(ctx, &v1alpha1.ApprovalCase{}, indexCaseLiable, func(o client.Object) []string {
		return o.(*v1alpha1.ApprovalCase).Status.LiableDepartments
	}); err != nil {
		return err
	}
	// The end of a period is good news, not an anomaly: its event is Normal.
	r.status.goodNews = []string{v1alpha1.ConditionFinalized}
	return ctrl.NewControllerManagedBy(mgr).
		// Its own status writes do not wake it; a spec change, or an annotation (a poke, to
		// recompute at once), does.
		For(&v1alpha1.Assessment{}, builder.WithPredicates(predicate.Or(predicate.GenerationChangedPredicate{}, predicate.AnnotationChangedPredicate{}))).
		Watches(&v1alpha1.ApprovalCase{}, r.onChange(caseContribution, func(o client.Object) []string {
			c := o.(*v1alpha1.ApprovalCase)
			return append([]string{c.Status.Department}, c.Status.LiableDepartments...)
		})).
		Watches(&v1alpha1.Department{}, r.onChange(departmentContribution, func(o client.Object) []string {
			return []string{o.GetName()}
		})).
		Watches(&v1alpha1.ServiceCenter{}, handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []reconcile.Request {
			return r.assessmentsOf(ctx, o.GetNamespace(), func(a *v1alpha1.Assessment) bool { return a.Spec.Center == o.GetName() })
		}), specChanges).
		Watches(&v1alpha1.WorkCalendar{}, handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []reconcile.Request {
			var out []reconcile.Request
			for _, c := range listRequests(ctx, r.client, &v1alpha1.ServiceCenterList{}, "", indexCalendar, o.GetName()) {
				out = append(out, r.assessmentsOf(ctx, c.Namespace, func(a *v1alpha1.Assessment) bool { return a.Spec.Center == c.Name })...)
			}
			return out
		}), specChanges).
		Named("assessment").
		Complete(r)
}

// assessmentsOf lists the assessments of namespace that are not final and that match.
func (r *AssessmentReconciler) assessmentsOf(ctx context.Context, ns string, match func(*v1alpha1.Assessment) bool) []reconcile.Request {
	list := &v1alpha1.AssessmentList{}
	if err := r.client.List(ctx, list, client.InNamespace(ns)); err != nil {
		ctrl.LoggerFrom(ctx).Error(err, "Listing assessments", "namespace", ns)
		return nil
	}
	var out []reconcile.Request
	for i := range list.Items {
		if a := &list.Items[i]; !a.Status.Finalized && match(a) {
			out = append(out, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(a)})
		}
	}
	return out
}

// onChange routes a change of a case or department to the assessments that are not final and
// count one of its departments (an assessment of every department of a center may count
// any; a case not yet looked at has none yet), after assessmentDelay, and only when what it
// contributes changed.
func (r *AssessmentReconciler) onChange(contribution func(client.Object) any, departments func(client.Object) []string) handler.EventHandler {
	type queue = workqueue.TypedRateLimitingInterface[reconcile.Request]
	enqueue := func(ctx context.Context, q queue, objs ...client.Object) {
		names := map[string]bool{}
		for _, o := range objs {
			for _, d := range departments(o) {
				names[d] = true
			}
		}
		counts := func(a *v1alpha1.Assessment) bool {
			if len(a.Spec.Departments) == 0 {
				return true
			}
			// A case not yet looked at could be any department's: an assessment waiting for
			// it to be settled must hear of it.
			if c := meta.FindStatusCondition(a.Status.Conditions, v1alpha1.ConditionReconciling); names[""] && c != nil && c.Reason == v1alpha1.ReasonCasesPending {
				return true
			}
			for _, d := range a.Spec.Departments {
				if names[d] {
					return true
				}
			}
			return false
		}
		for _, req := range r.assessmentsOf(ctx, objs[0].GetNamespace(), counts) {
			q.AddAfter(req, assessmentDelay)
		}
	}
	return handler.Funcs{
		CreateFunc: func(ctx context.Context, e event.CreateEvent, q queue) { enqueue(ctx, q, e.Object) },
		DeleteFunc: func(ctx context.Context, e event.DeleteEvent, q queue) { enqueue(ctx, q, e.Object) },
		UpdateFunc: func(ctx context.Context, e event.UpdateEvent, q queue) {
			if equality.Semantic.DeepEqual(contribution(e.ObjectOld), contribution(e.ObjectNew)) {
				return
			}
			enqueue(ctx, q, e.ObjectOld, e.ObjectNew)
		},
	}
}

// caseFigures is what a case contributes to a scorecard.
type caseFigures struct {
	Current                  bool
	ReceivedAt               metav1.Time
	Department               string
	Phase                    v1alpha1.CasePhase
	Decision                 *v1alpha1.CaseDecision
	DecisionDeadline, OnSpot *metav1.Time
	CoApprovals              []v1alpha1.CoApprovalStatus
	Liable                   []string
	OutOfSystem, Exceeded    bool
}

func caseContribution(o client.Object) any {
	c, ok := o.(*v1alpha1.ApprovalCase)
	if !ok {
		return nil
	}
	s := c.Status
	return caseFigures{
		Current: s.ObservedGeneration == c.Generation, ReceivedAt: c.Spec.ReceivedAt, Department: s.Department, Phase: s.Phase,
		Decision: s.Decision, DecisionDeadline: s.DecisionDeadline, OnSpot: s.OnTheSpotDeadline,
		CoApprovals: s.CoApprovals, Liable: s.LiableDepartments,
		OutOfSystem: meta.IsStatusConditionTrue(s.Conditions, v1alpha1.ConditionOutOfSystem),
		Exceeded:    meta.IsStatusConditionTrue(s.Conditions, v1alpha1.ConditionDeadlineExceeded),
	}
}

// departmentFigures is what a department contributes to a scorecard.
type departmentFigures struct {
	Current             bool
	DisplayName, Center string
	Anomalies           []string
}

func departmentContribution(o client.Object) any {
	d, ok := o.(*v1alpha1.Department)
	if !ok {
		return nil
	}
	return departmentFigures{
		Current: d.Status.ObservedGeneration == d.Generation, DisplayName: d.Spec.DisplayName, Center: d.Spec.Center,
		Anomalies: openAnomalies(d.Status.Conditions),
	}
}
