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

// DepartmentReconciler keeps a Department's status: its sections, windows and staff, and the
// reform's rules applied across them.
type DepartmentReconciler struct{ base }

var departmentAnomalies = []string{
	v1alpha1.ConditionSectionMissing,
	v1alpha1.ConditionChiefRepresentativeMissing,
	v1alpha1.ConditionCenterUnstaffed,
	v1alpha1.ConditionWindowHeadNotCadre,
	v1alpha1.ConditionNotFullyAuthorized,
	v1alpha1.ConditionNotRelocated,
	v1alpha1.ConditionLeaderInChargeMissing,
	v1alpha1.ConditionTemporaryStaff,
	v1alpha1.ConditionUncertifiedStaff,
}

// +kubebuilder:rbac:groups=reform.onestop.dev,resources=departments,verbs=get;list;watch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=departments/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=reformplans,verbs=get;list;watch

// Reconcile computes a Department's status from its sections and windows.
func (r *DepartmentReconciler) Reconcile(ctx context.Context, req ctrl.Request) (result ctrl.Result, retErr error) {
	dept := &v1alpha1.Department{}
	if err := r.client.Get(ctx, req.NamespacedName, dept); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	defer r.status.finish(ctx, dept.DeepCopy(), dept, &result, &retErr)

	named := policy.Named(dept.Spec.DisplayName, dept.Name)
	sections := &v1alpha1.ApprovalSectionList{}
	if err := r.client.List(ctx, sections, client.InNamespace(dept.Namespace), client.MatchingFields{indexDepartment: dept.Name}); err != nil {
		return ctrl.Result{}, err
	}
	windows := &v1alpha1.ServiceWindowList{}
	if err := r.client.List(ctx, windows, client.InNamespace(dept.Namespace), client.MatchingFields{indexDepartment: dept.Name}); err != nil {
		return ctrl.Result{}, err
	}
	facts := policy.DepartmentFacts{Name: dept.Name, Spec: dept.Spec}
	for _, s := range sections.Items {
		facts.Sections = append(facts.Sections, policy.SectionFacts{Name: s.Name, Department: named, Spec: s.Spec})
	}
	sort.Slice(facts.Sections, func(i, j int) bool { return facts.Sections[i].Name < facts.Sections[j].Name })
	for _, w := range windows.Items {
		facts.Windows = append(facts.Windows, policy.WindowFacts{Name: w.Name, Department: named, Spec: w.Spec})
	}
	sort.Slice(facts.Windows, func(i, j int) bool { return facts.Windows[i].Name < facts.Windows[j].Name })
	items := &v1alpha1.ApprovalItemList{}
	if err := r.client.List(ctx, items, client.InNamespace(dept.Namespace), client.MatchingFields{indexDepartment: dept.Name}); err != nil {
		return ctrl.Result{}, err
	}
	placement, err := placementOf(ctx, r.client, dept.Namespace, dept.Name)
	if err != nil {
		return ctrl.Result{}, err
	}
	itemFacts := make([]policy.ItemFacts, 0, len(items.Items))
	for _, it := range items.Items {
		itemFacts = append(itemFacts, policy.ItemFacts{Name: it.Name, Spec: it.Spec})
	}
	facts.Relocation = policy.SummarizeRelocation(itemFacts, placement)
	// Counted, never changed: the cache's own objects, not a copy of each (a department may
	// have tens of thousands of cases).
	cases := &v1alpha1.ApprovalCaseList{}
	if err := r.client.List(ctx, cases, client.InNamespace(dept.Namespace), client.MatchingFields{indexCaseDepartment: dept.Name}, client.UnsafeDisableDeepCopy); err != nil {
		return ctrl.Result{}, err
	}
	dept.Status.Cases = policy.CountCases(caseStatuses(cases))
	facts.Category3Items = facts.Relocation.Category3

	now := r.clock.Now()
	people := facts.People()
	counts := policy.CountStaff(people, now, r.location)
	dept.Status.ObservedGeneration = dept.Generation
	dept.Status.Section = ""
	if len(facts.Sections) > 0 {
		dept.Status.Section = facts.Sections[0].Name
	}
	dept.Status.Sections = int32(len(facts.Sections))
	dept.Status.Windows = int32(len(facts.Windows))
	dept.Status.WindowsStaffed = 0
	for _, w := range facts.Windows {
		if policy.Staffed(w.Spec) {
			dept.Status.WindowsStaffed++
		}
	}
	if dept.Status.Rollout, err = rolloutOf(ctx, r.client, dept); err != nil {
		return ctrl.Result{}, err
	}
	dept.Status.Staff, dept.Status.TemporaryStaff, dept.Status.UncertifiedStaff = counts.Staff, counts.Temporary, counts.Uncertified
	reloc := facts.Relocation
	dept.Status.ItemsTotal, dept.Status.ItemsRequired, dept.Status.ItemsRelocated = reloc.Total, reloc.Required, reloc.Relocated
	dept.Status.Relocation = fmt.Sprintf("%d/%d", reloc.Relocated, reloc.Required)
	dept.Status.RelocationPercent = reloc.Percent()
	dept.SetConditions(conditions.Apply(dept.Status.Conditions, conditions.Report{
		Generation:     dept.Generation,
		Now:            now,
		Anomalies:      departmentAnomalies,
		StallOnAnomaly: true,
		Findings:       policy.DepartmentFindings(facts, now, r.location),
		ReadyReason:    v1alpha1.ReasonReconciled,
		ReadyMessage:   named + " meets the reform's staffing and relocation rules.",
	}))
	next, ok := policy.NextCertificateExpiry(people, now, r.location)
	return requeueAt(now, next, ok), nil
}

// SetupWithManager registers the reconciler; a change to a section or window of the
// department reconciles it again.
func (r *DepartmentReconciler) SetupWithManager(mgr ctrl.Manager) error {
	return ctrl.NewControllerManagedBy(mgr).
		// Its own figure writes must not wake it: figuresOf paces them.
		For(&v1alpha1.Department{}, specChanges).
		Watches(&v1alpha1.ApprovalSection{}, referenced(func(o client.Object) string { return o.(*v1alpha1.ApprovalSection).Spec.Department }), specChanges).
		Watches(&v1alpha1.ServiceWindow{}, referenced(func(o client.Object) string { return o.(*v1alpha1.ServiceWindow).Spec.Department }), specChanges).
		Watches(&v1alpha1.ApprovalItem{}, referenced(func(o client.Object) string { return o.(*v1alpha1.ApprovalItem).Spec.Department }), specChanges).
		Watches(&v1alpha1.ServiceCenter{}, referenced(func(o client.Object) string { return o.(*v1alpha1.ServiceCenter).Spec.HostDepartment }), specChanges).
		Watches(&v1alpha1.ApprovalCase{}, figuresOf(func(c *v1alpha1.ApprovalCase) string { return c.Status.Department })).
		Watches(&v1alpha1.ReformPlan{}, departmentsOfPlan(r.client), planVerdictsChanged).
		Named("department").
		Complete(r)
}
