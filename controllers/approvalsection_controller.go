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

// ApprovalSectionReconciler keeps an ApprovalSection's status: its staff, authority and
// staffing plan.
type ApprovalSectionReconciler struct{ base }

var sectionAnomalies = []string{
	v1alpha1.ConditionHeadMissing,
	v1alpha1.ConditionNotFullyAuthorized,
	v1alpha1.ConditionStaffingPlanPending,
	v1alpha1.ConditionTemporaryStaff,
	v1alpha1.ConditionUncertifiedStaff,
}

// +kubebuilder:rbac:groups=reform.onestop.dev,resources=approvalsections,verbs=get;list;watch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=approvalsections/status,verbs=get;update;patch

// Reconcile computes an ApprovalSection's status.
func (r *ApprovalSectionReconciler) Reconcile(ctx context.Context, req ctrl.Request) (result ctrl.Result, retErr error) {
	section := &v1alpha1.ApprovalSection{}
	if err := r.client.Get(ctx, req.NamespacedName, section); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	defer r.status.finish(ctx, section.DeepCopy(), section, &result, &retErr)

	dept := &v1alpha1.Department{}
	deptExists, err := exists(ctx, r.client, section.Namespace, section.Spec.Department, dept)
	if err != nil {
		return ctrl.Result{}, err
	}
	windows := &v1alpha1.ServiceWindowList{}
	if err := r.client.List(ctx, windows, client.InNamespace(section.Namespace), client.MatchingFields{indexSection: section.Name}); err != nil {
		return ctrl.Result{}, err
	}

	now := r.clock.Now()
	facts := policy.SectionFacts{Name: section.Name, Department: policy.Named(dept.Spec.DisplayName, section.Spec.Department), Spec: section.Spec}
	findings := policy.References(fmt.Sprintf("Section %q", section.Name), section.Namespace, policy.Reference{
		Kind: "Department", Name: section.Spec.Department, Field: "spec.department", Exists: deptExists, Reason: v1alpha1.ReasonDepartmentNotFound,
	})
	findings = append(findings, policy.SectionFindings(facts, now, r.location)...)

	section.Status.ObservedGeneration = section.Generation
	section.Status.Staff = int32(len(section.Spec.Roster))
	section.Status.Windows = int32(len(windows.Items))
	section.SetConditions(conditions.Apply(section.Status.Conditions, conditions.Report{
		Generation:     section.Generation,
		Now:            now,
		Anomalies:      sectionAnomalies,
		StallOnAnomaly: true,
		Findings:       findings,
		ReadyReason:    v1alpha1.ReasonReconciled,
		ReadyMessage:   "The section is staffed, fully authorised and its staffing plan approved.",
	}))
	next, ok := policy.NextCertificateExpiry(facts.People(), now, r.location)
	return requeueAt(now, next, ok), nil
}

// SetupWithManager registers the reconciler; its department's arrival or change and its
// windows reconcile it again.
func (r *ApprovalSectionReconciler) SetupWithManager(mgr ctrl.Manager) error {
	return ctrl.NewControllerManagedBy(mgr).
		For(&v1alpha1.ApprovalSection{}).
		Watches(&v1alpha1.Department{}, referrers(r.client, &v1alpha1.ApprovalSectionList{}, indexDepartment), specChanges).
		Watches(&v1alpha1.ServiceWindow{}, referenced(func(o client.Object) string { return o.(*v1alpha1.ServiceWindow).Spec.Section }), specChanges).
		Named("approvalsection").
		Complete(r)
}
