package controllers

import (
	"context"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/policy"
)

// ApprovalItemReconciler keeps a catalog entry's status: whether its references hold and
// whether it is relocated into the Center.
type ApprovalItemReconciler struct{ base }

var itemAnomalies = []string{v1alpha1.ConditionNotRelocated, v1alpha1.ConditionCatalogInvalid}

// +kubebuilder:rbac:groups=reform.onestop.dev,resources=approvalitems,verbs=get;list;watch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=approvalitems/status,verbs=get;update;patch

// Reconcile computes an ApprovalItem's status.
func (r *ApprovalItemReconciler) Reconcile(ctx context.Context, req ctrl.Request) (result ctrl.Result, retErr error) {
	item := &v1alpha1.ApprovalItem{}
	if err := r.client.Get(ctx, req.NamespacedName, item); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	defer r.status.finish(ctx, item.DeepCopy(), item, &result, &retErr)

	ns, spec := item.Namespace, item.Spec
	dept := &v1alpha1.Department{}
	var refs policy.CatalogRefs
	var err error
	if refs.DepartmentExists, err = exists(ctx, r.client, ns, spec.Department, dept); err != nil {
		return ctrl.Result{}, err
	}
	if refs.CenterExists, err = exists(ctx, r.client, ns, spec.Center, &v1alpha1.ServiceCenter{}); err != nil {
		return ctrl.Result{}, err
	}
	for _, co := range spec.CoApprovers {
		ok, err := exists(ctx, r.client, ns, co.Department, &v1alpha1.Department{})
		if err != nil {
			return ctrl.Result{}, err
		}
		if !ok {
			refs.MissingCoApprovers = append(refs.MissingCoApprovers, co.Department)
		}
	}
	sameCode := &v1alpha1.ApprovalItemList{}
	if err := r.client.List(ctx, sameCode, client.InNamespace(ns), client.MatchingFields{indexCode: spec.Code}); err != nil {
		return ctrl.Result{}, err
	}
	for _, other := range sameCode.Items {
		if other.Name != item.Name && policy.Counted(other.Spec) {
			refs.SameCode = append(refs.SameCode, other.Name)
		}
	}
	placement, err := placementOf(ctx, r.client, ns, spec.Department)
	if err != nil {
		return ctrl.Result{}, err
	}

	// Counted, never changed: the cache's own objects, not a copy of each (a department may
	// have tens of thousands of cases).
	cases := &v1alpha1.ApprovalCaseList{}
	if err := r.client.List(ctx, cases, client.InNamespace(ns), client.MatchingFields{indexItem: item.Name}, client.UnsafeDisableDeepCopy); err != nil {
		return ctrl.Result{}, err
	}
	item.Status.Cases = policy.CountCases(caseStatuses(cases))

	now := r.clock.Now()
	facts := policy.ItemFacts{Name: item.Name, Spec: spec}
	relocated, via := policy.Relocated(spec, placement)
	item.Status.ObservedGeneration = item.Generation
	item.Status.Relocated = relocated && policy.Counted(spec)
	item.Status.HandlingWindow = ""
	switch {
	case !item.Status.Relocated:
		item.Status.RelocatedSince = nil
	case item.Status.RelocatedSince == nil:
		item.Status.RelocatedSince = &metav1.Time{Time: now}
	}
	if item.Status.Relocated {
		item.Status.HandlingWindow = via
	}

	report := conditions.Report{
		Generation:     item.Generation,
		Now:            now,
		Anomalies:      itemAnomalies,
		StallOnAnomaly: true,
		ReadyReason:    v1alpha1.ReasonReconciled,
		ReadyMessage:   "The item is in the catalog and handled where it should be.",
	}
	if policy.Counted(spec) {
		report.Findings = policy.Collect(
			policy.ItemCatalog(facts, refs),
			policy.ItemRelocation(facts, policy.Named(dept.Spec.DisplayName, spec.Department), placement),
		)
	} else {
		report.ReadyReason = v1alpha1.ReasonAbolished
		report.ReadyMessage = fmt.Sprintf("The item was abolished on %s by %s and is out of every count.", spec.Lifecycle.Since, spec.Lifecycle.Decision)
	}
	item.SetConditions(conditions.Apply(item.Status.Conditions, report))
	return ctrl.Result{}, nil
}

func caseStatuses(list *v1alpha1.ApprovalCaseList) []v1alpha1.ApprovalCaseStatus {
	out := make([]v1alpha1.ApprovalCaseStatus, 0, len(list.Items))
	for _, c := range list.Items {
		out = append(out, c.Status)
	}
	return out
}

// placementOf finds where a department works: its windows' centers and the sub-centers it
// runs.
func placementOf(ctx context.Context, c client.Reader, namespace, department string) (policy.Placement, error) {
	p := policy.Placement{Windows: map[string]string{}}
	windows := &v1alpha1.ServiceWindowList{}
	if err := c.List(ctx, windows, client.InNamespace(namespace), client.MatchingFields{indexDepartment: department}); err != nil {
		return p, err
	}
	for _, w := range windows.Items {
		p.Windows[w.Name] = w.Spec.Center
	}
	hosted := &v1alpha1.ServiceCenterList{}
	if err := c.List(ctx, hosted, client.InNamespace(namespace), client.MatchingFields{indexCenterHostDepartment: department}); err != nil {
		return p, err
	}
	for _, h := range hosted.Items {
		p.Hosted = append(p.Hosted, h.Name)
	}
	return p, nil
}

// SetupWithManager registers the reconciler. An item is reconciled again when its
// department, a co-approver, its center, a window or sub-center of its department, or an
// item with the same code changes.
func (r *ApprovalItemReconciler) SetupWithManager(mgr ctrl.Manager) error {
	itemsOfDepartment := func(department func(client.Object) string) handler.EventHandler {
		return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []reconcile.Request {
			return listRequests(ctx, r.client, &v1alpha1.ApprovalItemList{}, o.GetNamespace(), indexDepartment, department(o))
		})
	}
	return ctrl.NewControllerManagedBy(mgr).
		// Its own figure writes must not wake it: figuresOf paces them.
		For(&v1alpha1.ApprovalItem{}, specChanges).
		Watches(&v1alpha1.Department{}, referrers(r.client, &v1alpha1.ApprovalItemList{}, indexDepartment), specChanges).
		Watches(&v1alpha1.Department{}, referrers(r.client, &v1alpha1.ApprovalItemList{}, indexCoApprover), specChanges).
		Watches(&v1alpha1.ServiceCenter{}, referrers(r.client, &v1alpha1.ApprovalItemList{}, indexCenter), specChanges).
		Watches(&v1alpha1.ServiceWindow{}, itemsOfDepartment(func(o client.Object) string { return o.(*v1alpha1.ServiceWindow).Spec.Department }), specChanges).
		Watches(&v1alpha1.ApprovalCase{}, figuresOf(func(c *v1alpha1.ApprovalCase) string { return c.Spec.Item })).
		Watches(&v1alpha1.ApprovalItem{}, handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []reconcile.Request {
			return listRequests(ctx, r.client, &v1alpha1.ApprovalItemList{}, o.GetNamespace(), indexCode, o.(*v1alpha1.ApprovalItem).Spec.Code)
		}), specChanges).
		Named("approvalitem").
		Complete(r)
}
