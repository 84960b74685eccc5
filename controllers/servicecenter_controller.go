package controllers

import (
	"context"
	"fmt"
	"sort"

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/policy"
)

// ServiceCenterReconciler keeps a ServiceCenter's status: its parent and host department,
// its sub-centers, and its windows against its capacity.
type ServiceCenterReconciler struct {
	base
	calendars *calendars
}

var centerAnomalies = []string{v1alpha1.ConditionOverCapacity, v1alpha1.ConditionCalendarDataMissing}

// +kubebuilder:rbac:groups=reform.onestop.dev,resources=servicecenters,verbs=get;list;watch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=servicecenters/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=events.k8s.io,resources=events,verbs=create;patch

// Reconcile computes a ServiceCenter's status from the objects around it.
func (r *ServiceCenterReconciler) Reconcile(ctx context.Context, req ctrl.Request) (result ctrl.Result, retErr error) {
	center := &v1alpha1.ServiceCenter{}
	if err := r.client.Get(ctx, req.NamespacedName, center); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	defer r.status.finish(ctx, center.DeepCopy(), center, &result, &retErr)

	facts := policy.CenterFacts{
		Namespace: center.Namespace, Name: center.Name, Capacity: center.Spec.CapacityWindows,
		Parent: center.Spec.Parent, HostDepartment: center.Spec.HostDepartment,
	}
	var err error
	if facts.ParentExists, err = exists(ctx, r.client, center.Namespace, facts.Parent, &v1alpha1.ServiceCenter{}); err != nil {
		return ctrl.Result{}, err
	}
	if facts.HostDepartmentExists, err = exists(ctx, r.client, center.Namespace, facts.HostDepartment, &v1alpha1.Department{}); err != nil {
		return ctrl.Result{}, err
	}
	subCenters := &v1alpha1.ServiceCenterList{}
	if err := r.client.List(ctx, subCenters, client.InNamespace(center.Namespace), client.MatchingFields{indexCenterParent: center.Name}); err != nil {
		return ctrl.Result{}, err
	}
	windows := &v1alpha1.ServiceWindowList{}
	if err := r.client.List(ctx, windows, client.InNamespace(center.Namespace), client.MatchingFields{indexCenter: center.Name}); err != nil {
		return ctrl.Result{}, err
	}
	// Oldest first: the windows past capacity are the latest declared.
	sort.Slice(windows.Items, func(i, j int) bool {
		a, b := windows.Items[i], windows.Items[j]
		if !a.CreationTimestamp.Equal(&b.CreationTimestamp) {
			return a.CreationTimestamp.Before(&b.CreationTimestamp)
		}
		return a.Name < b.Name
	})
	names := make([]string, 0, len(windows.Items))
	departments := map[string]bool{}
	for _, w := range windows.Items {
		names = append(names, w.Name)
		departments[w.Spec.Department] = true
	}

	now := r.clock.Now()
	findings := policy.CenterFindings(facts, names)
	cal, found, buildErr, err := r.calendars.get(ctx, center.Spec.Calendar)
	switch {
	case err != nil:
		return ctrl.Result{}, err
	case !found:
		findings = append(findings, policy.References(fmt.Sprintf("Center %s", center.Name), "", policy.Reference{
			Kind: "WorkCalendar", Name: center.Spec.Calendar, Field: "spec.calendar", Reason: v1alpha1.ReasonCalendarNotFound,
		})...)
	case buildErr != nil:
		findings = append(findings, conditions.Finding{
			Type: conditions.Reconciling, Reason: v1alpha1.ReasonInvalidCalendarData,
			Message: fmt.Sprintf("Center %s counts deadlines on WorkCalendar %q, whose data is invalid: see its Stalled condition.", center.Name, center.Spec.Calendar),
		})
	default:
		findings = append(findings, policy.Collect(policy.CalendarCoverage("Center "+center.Name, center.Spec.Calendar, cal, now))...)
		result = requeueAt(now, policy.NextYear(cal, now), true)
	}

	center.Status.ObservedGeneration = center.Generation
	center.Status.SubCenters = int32(len(subCenters.Items))
	center.Status.WindowsUsed = int32(len(windows.Items))
	center.Status.DepartmentsResident = int32(len(departments))
	center.SetConditions(conditions.Apply(center.Status.Conditions, conditions.Report{
		Generation:     center.Generation,
		Now:            now,
		Anomalies:      centerAnomalies,
		StallOnAnomaly: true,
		Findings:       findings,
		ReadyReason:    v1alpha1.ReasonReconciled,
		ReadyMessage:   "The center is in service.",
	}))
	return result, nil
}

// SetupWithManager registers the reconciler. A center is reconciled again when its parent,
// a sub-center, its host department or one of its windows changes, found through field
// indexes rather than by polling.
func (r *ServiceCenterReconciler) SetupWithManager(mgr ctrl.Manager) error {
	return ctrl.NewControllerManagedBy(mgr).
		For(&v1alpha1.ServiceCenter{}).
		Watches(&v1alpha1.ServiceCenter{}, referenced(func(o client.Object) string { return o.(*v1alpha1.ServiceCenter).Spec.Parent }), specChanges).
		Watches(&v1alpha1.ServiceCenter{}, referrers(r.client, &v1alpha1.ServiceCenterList{}, indexCenterParent), specChanges).
		Watches(&v1alpha1.Department{}, referrers(r.client, &v1alpha1.ServiceCenterList{}, indexCenterHostDepartment), specChanges).
		Watches(&v1alpha1.ServiceWindow{}, referenced(func(o client.Object) string { return o.(*v1alpha1.ServiceWindow).Spec.Center }), specChanges).
		Watches(&v1alpha1.WorkCalendar{}, referrers(r.client, &v1alpha1.ServiceCenterList{}, indexCalendar), specChanges).
		Named("servicecenter").
		Complete(r)
}
