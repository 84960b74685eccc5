package controllers

import (
	"context"
	"fmt"

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/policy"
)

// ServiceWindowReconciler keeps a ServiceWindow's status: who staffs it and whether they may.
type ServiceWindowReconciler struct{ base }

var windowAnomalies = []string{
	v1alpha1.ConditionUnstaffed,
	v1alpha1.ConditionHeadMissing,
	v1alpha1.ConditionScheduleMissing,
	v1alpha1.ConditionStaffNotInRoster,
	v1alpha1.ConditionTemporaryStaff,
	v1alpha1.ConditionUncertifiedStaff,
}

// +kubebuilder:rbac:groups=reform.onestop.dev,resources=servicewindows,verbs=get;list;watch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=servicewindows/status,verbs=get;update;patch

// Reconcile computes a ServiceWindow's status.
func (r *ServiceWindowReconciler) Reconcile(ctx context.Context, req ctrl.Request) (result ctrl.Result, retErr error) {
	window := &v1alpha1.ServiceWindow{}
	if err := r.client.Get(ctx, req.NamespacedName, window); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	defer r.status.finish(ctx, window.DeepCopy(), window, &result, &retErr)

	ns, spec := window.Namespace, window.Spec
	centerExists, err := exists(ctx, r.client, ns, spec.Center, &v1alpha1.ServiceCenter{})
	if err != nil {
		return ctrl.Result{}, err
	}
	dept := &v1alpha1.Department{}
	deptExists, err := exists(ctx, r.client, ns, spec.Department, dept)
	if err != nil {
		return ctrl.Result{}, err
	}
	section := &v1alpha1.ApprovalSection{}
	sectionExists, err := exists(ctx, r.client, ns, spec.Section, section)
	if err != nil {
		return ctrl.Result{}, err
	}

	now := r.clock.Now()
	findings := policy.References(fmt.Sprintf("Window %q", window.Name), ns,
		policy.Reference{Kind: "ServiceCenter", Name: spec.Center, Field: "spec.center", Exists: centerExists, Reason: v1alpha1.ReasonCenterNotFound},
		policy.Reference{Kind: "Department", Name: spec.Department, Field: "spec.department", Exists: deptExists, Reason: v1alpha1.ReasonDepartmentNotFound},
		policy.Reference{Kind: "ApprovalSection", Name: spec.Section, Field: "spec.section", Exists: sectionExists, Reason: v1alpha1.ReasonSectionNotFound},
	)
	facts := policy.WindowFacts{Name: window.Name, Department: policy.Named(dept.Spec.DisplayName, spec.Department), Spec: spec}
	if sectionExists {
		facts.Roster, facts.RosterKnown = section.Spec.Roster, true
	}
	findings = append(findings, policy.WindowFindings(facts, now, r.location)...)

	window.Status.ObservedGeneration = window.Generation
	window.Status.Staffed = policy.Staffed(spec)
	window.SetConditions(conditions.Apply(window.Status.Conditions, conditions.Report{
		Generation:     window.Generation,
		Now:            now,
		Anomalies:      windowAnomalies,
		StallOnAnomaly: true,
		Findings:       findings,
		ReadyReason:    v1alpha1.ReasonReconciled,
		ReadyMessage:   "The window is staffed by formal, certified staff.",
	}))
	next, ok := policy.NextCertificateExpiry(facts.People(), now, r.location)
	return requeueAt(now, next, ok), nil
}

// SetupWithManager registers the reconciler; its center, department and section reconcile
// it again when they appear or change.
func (r *ServiceWindowReconciler) SetupWithManager(mgr ctrl.Manager) error {
	return ctrl.NewControllerManagedBy(mgr).
		For(&v1alpha1.ServiceWindow{}).
		Watches(&v1alpha1.ServiceCenter{}, referrers(r.client, &v1alpha1.ServiceWindowList{}, indexCenter), specChanges).
		Watches(&v1alpha1.Department{}, referrers(r.client, &v1alpha1.ServiceWindowList{}, indexDepartment), specChanges).
		Watches(&v1alpha1.ApprovalSection{}, referrers(r.client, &v1alpha1.ServiceWindowList{}, indexSection), specChanges).
		Named("servicewindow").
		Complete(r)
}
