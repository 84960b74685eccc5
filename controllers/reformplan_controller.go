package controllers

import (
	"context"
	"fmt"
	"maps"
	"sort"

	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/policy"
	"onestop.dev/onestop/internal/rollout"
)

// ReformPlanReconciler keeps a ReformPlan's progress: the current phase, and for every
// department in scope what is done, pending, overdue or was done late. It looks again exactly
// when the next phase starts or ends (RequeueAfter), never by polling.
type ReformPlanReconciler struct {
	base
	calendars *calendars
}

var planAnomalies = []string{v1alpha1.ConditionPhaseDeadlineMissed, v1alpha1.ConditionCalendarDataMissing}

// +kubebuilder:rbac:groups=reform.onestop.dev,resources=reformplans,verbs=get;list;watch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=reformplans/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=departments,verbs=get;list;watch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=workcalendars,verbs=get;list;watch
// +kubebuilder:rbac:groups=events.k8s.io,resources=events,verbs=create;patch

// Reconcile computes a ReformPlan's status and returns when to look again.
func (r *ReformPlanReconciler) Reconcile(ctx context.Context, req ctrl.Request) (result ctrl.Result, retErr error) {
	plan := &v1alpha1.ReformPlan{}
	if err := r.client.Get(ctx, req.NamespacedName, plan); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	defer r.status.finish(ctx, plan.DeepCopy(), plan, &result, &retErr)

	now := r.clock.Now()
	plan.Status.ObservedGeneration = plan.Generation
	report := conditions.Report{
		Generation: plan.Generation, Now: now, Anomalies: planAnomalies, StallOnAnomaly: true,
		ReadyReason: v1alpha1.ReasonOnSchedule,
	}
	stop := func(f conditions.Finding) (ctrl.Result, error) {
		report.Findings = []conditions.Finding{f}
		plan.SetConditions(conditions.Apply(plan.Status.Conditions, report))
		return ctrl.Result{}, nil
	}

	cal, found, buildErr, err := r.calendars.get(ctx, plan.Spec.Calendar)
	switch {
	case err != nil:
		return ctrl.Result{}, err
	case !found:
		return stop(policy.References(fmt.Sprintf("ReformPlan %q", plan.Name), "", policy.Reference{
			Kind: "WorkCalendar", Name: plan.Spec.Calendar, Field: "spec.calendar", Reason: v1alpha1.ReasonCalendarNotFound,
		})[0])
	case buildErr != nil:
		return stop(conditions.Finding{Type: conditions.Stalled, Reason: v1alpha1.ReasonInvalidCalendarData,
			Message: fmt.Sprintf("The plan's phases end by WorkCalendar %q, whose data is invalid: %v. Correct the calendar.", plan.Spec.Calendar, buildErr)})
	}
	phases, err := rollout.PhasesOf(plan.Spec.Phases)
	if err != nil {
		return stop(conditions.Finding{Type: conditions.Stalled, Reason: v1alpha1.ReasonInvalidPlan, Message: fmt.Sprintf("%v: correct spec.phases.", err)})
	}
	depts := &v1alpha1.DepartmentList{}
	if err := r.client.List(ctx, depts, client.InNamespace(plan.Namespace)); err != nil {
		return ctrl.Result{}, err
	}
	var facts []rollout.Department
	for _, d := range depts.Items {
		in, err := rollout.InScope(plan.Spec.Scope, d.Spec.Batch, d.Labels)
		if err != nil {
			return stop(conditions.Finding{Type: conditions.Stalled, Reason: v1alpha1.ReasonInvalidPlan, Message: err.Error() + "."})
		}
		if in {
			facts = append(facts, rollout.DepartmentOf(d, plan.Spec.Inspections))
		}
	}
	rollout.SortDepartments(facts)

	res := rollout.Evaluate(rollout.Input{Calendar: plan.Spec.Calendar, Phases: phases, Departments: facts, Prior: plan.Status.Phases}, cal, now)
	st := &plan.Status
	st.CurrentPhase, st.Due, st.Phases = res.CurrentPhase, res.Due, res.Phases
	st.DepartmentsInScope, st.Overdue, st.Late = res.DepartmentsInScope, res.Overdue, res.Late
	report.Findings, report.Final = res.Findings, res.Final
	report.ReadyReason, report.ReadyMessage = res.ReadyReason, res.ReadyMessage
	plan.SetConditions(conditions.Apply(plan.Status.Conditions, report))
	if res.Completed {
		meta.SetStatusCondition(&plan.Status.Conditions, metav1.Condition{
			Type: v1alpha1.ConditionCompleted, Status: metav1.ConditionTrue, Reason: v1alpha1.ReasonCompleted,
			Message: res.ReadyMessage, ObservedGeneration: plan.Generation, LastTransitionTime: metav1.NewTime(now),
		})
	} else {
		meta.RemoveStatusCondition(&plan.Status.Conditions, v1alpha1.ConditionCompleted)
	}
	return requeueAt(now, res.Next, res.HasNext), nil
}

// SetupWithManager registers the reconciler. A department wakes the plans of its namespace
// only when something the plan reads changes (see rolloutFacts); a calendar wakes the plans
// that name it.
func (r *ReformPlanReconciler) SetupWithManager(mgr ctrl.Manager) error {
	// Completion is good news, not an anomaly: its event is Normal.
	r.status.goodNews = []string{v1alpha1.ConditionCompleted}
	return ctrl.NewControllerManagedBy(mgr).
		// Its own status writes do not wake it; a spec change, or an annotation (a poke, to
		// look again at once), does.
		For(&v1alpha1.ReformPlan{}, builder.WithPredicates(predicate.Or(predicate.GenerationChangedPredicate{}, predicate.AnnotationChangedPredicate{}))).
		Watches(&v1alpha1.Department{}, handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []reconcile.Request {
			return plansWhere(ctx, r.client, o.GetNamespace(), func(*v1alpha1.ReformPlan) bool { return true })
		}), builder.WithPredicates(rolloutFactsChanged)).
		Watches(&v1alpha1.WorkCalendar{}, handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []reconcile.Request {
			return plansWhere(ctx, r.client, "", func(p *v1alpha1.ReformPlan) bool { return p.Spec.Calendar == o.GetName() })
		}), specChanges).
		Named("reformplan").
		Complete(r)
}

// plansWhere lists the plans of namespace ("" for every namespace) that match, as requests.
func plansWhere(ctx context.Context, c client.Reader, namespace string, match func(*v1alpha1.ReformPlan) bool) []reconcile.Request {
	plans := &v1alpha1.ReformPlanList{}
	if err := c.List(ctx, plans, client.InNamespace(namespace)); err != nil {
		ctrl.LoggerFrom(ctx).Error(err, "Listing reform plans", "namespace", namespace)
		return nil
	}
	var out []reconcile.Request
	for i := range plans.Items {
		if match(&plans.Items[i]) {
			out = append(out, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(&plans.Items[i])})
		}
	}
	return out
}

// rolloutFacts is what a plan reads of a department. Its other status figures (cases, the
// plan's own verdict) change often and never change the plan, so they wake no plan.
type rolloutFacts struct {
	counted                                         bool
	sections, required, relocated, windows, staffed int32
}

func rolloutFactsOf(d *v1alpha1.Department) rolloutFacts {
	s := d.Status
	return rolloutFacts{s.ObservedGeneration > 0, s.Sections, s.ItemsRequired, s.ItemsRelocated, s.Windows, s.WindowsStaffed}
}

// rolloutFactsChanged passes a department's creation and deletion, spec and label changes (a
// selector may scope it in or out) and changes of the figures in rolloutFacts.
var rolloutFactsChanged = predicate.Funcs{
	UpdateFunc: func(e event.UpdateEvent) bool {
		o, ok1 := e.ObjectOld.(*v1alpha1.Department)
		n, ok2 := e.ObjectNew.(*v1alpha1.Department)
		if !ok1 || !ok2 {
			return true
		}
		return o.Generation != n.Generation || !maps.Equal(o.Labels, n.Labels) || rolloutFactsOf(o) != rolloutFactsOf(n)
	},
}

// rolloutOf is the verdict on dept of every plan of its namespace that covers it, for the
// department's status.rollout, sorted by plan.
func rolloutOf(ctx context.Context, c client.Reader, dept *v1alpha1.Department) ([]v1alpha1.DepartmentRollout, error) {
	plans := &v1alpha1.ReformPlanList{}
	if err := c.List(ctx, plans, client.InNamespace(dept.Namespace)); err != nil {
		return nil, err
	}
	var out []v1alpha1.DepartmentRollout
	for _, p := range plans.Items {
		// A plan with an invalid selector covers nobody; the plan itself says so.
		if in, err := rollout.InScope(p.Spec.Scope, dept.Spec.Batch, dept.Labels); err != nil || !in {
			continue
		}
		if v, ok := rollout.Verdict(p.Name, p.Status, dept.Name); ok {
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Plan < out[j].Plan })
	return out, nil
}

// departmentsOfPlan routes a plan to every department of its namespace when its verdicts may
// have changed: a department may have entered or left its scope, so all are asked.
func departmentsOfPlan(c client.Reader) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []reconcile.Request {
		depts := &v1alpha1.DepartmentList{}
		if err := c.List(ctx, depts, client.InNamespace(o.GetNamespace())); err != nil {
			ctrl.LoggerFrom(ctx).Error(err, "Listing departments", "namespace", o.GetNamespace())
			return nil
		}
		out := make([]reconcile.Request, 0, len(depts.Items))
		for i := range depts.Items {
			out = append(out, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(&depts.Items[i])})
		}
		return out
	})
}

// planVerdictsChanged passes a plan's creation and deletion, and updates that change what its
// departments show: its scope, current phase or per-phase progress. Its conditions and
// counts alone do not.
var planVerdictsChanged = builder.WithPredicates(predicate.Funcs{
	UpdateFunc: func(e event.UpdateEvent) bool {
		o, ok1 := e.ObjectOld.(*v1alpha1.ReformPlan)
		n, ok2 := e.ObjectNew.(*v1alpha1.ReformPlan)
		if !ok1 || !ok2 {
			return true
		}
		return o.Status.CurrentPhase != n.Status.CurrentPhase ||
			!equality.Semantic.DeepEqual(o.Spec.Scope, n.Spec.Scope) ||
			!equality.Semantic.DeepEqual(o.Status.Phases, n.Status.Phases)
	},
})
