package controllers

import (
	"context"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"onestop.dev/onestop/api/v1alpha1"
)

// Field indexes: each maps an object to the name of an object it refers to, so a reconciler
// finds the objects that refer to X with one cache read, and a change to X is routed to them.
const (
	indexCenterParent         = "spec.parent"
	indexCenterHostDepartment = "spec.hostDepartment"
	indexDepartment           = "spec.department"
	indexCenter               = "spec.center"
	indexSection              = "spec.section"
	indexCode                 = "spec.code"
	indexCoApprover           = "spec.coApprovers.department"
	indexCalendar             = "spec.calendar"
	indexItem                 = "spec.item"
	indexCaseDepartment       = "status.department"
	indexIntakeWindow         = "spec.intake.window"
	indexIntakeCenter         = "spec.intake.center"
)

// setupIndexes registers every field index once; several reconcilers share them.
func setupIndexes(ctx context.Context, mgr ctrl.Manager) error {
	idx := mgr.GetFieldIndexer()
	for _, i := range []struct {
		obj    client.Object
		field  string
		values func(client.Object) []string
	}{
		{&v1alpha1.ServiceCenter{}, indexCenterParent, func(o client.Object) []string { return []string{o.(*v1alpha1.ServiceCenter).Spec.Parent} }},
		{&v1alpha1.ServiceCenter{}, indexCenterHostDepartment, func(o client.Object) []string { return []string{o.(*v1alpha1.ServiceCenter).Spec.HostDepartment} }},
		{&v1alpha1.ApprovalSection{}, indexDepartment, func(o client.Object) []string { return []string{o.(*v1alpha1.ApprovalSection).Spec.Department} }},
		{&v1alpha1.ServiceWindow{}, indexDepartment, func(o client.Object) []string { return []string{o.(*v1alpha1.ServiceWindow).Spec.Department} }},
		{&v1alpha1.ServiceWindow{}, indexCenter, func(o client.Object) []string { return []string{o.(*v1alpha1.ServiceWindow).Spec.Center} }},
		{&v1alpha1.ServiceWindow{}, indexSection, func(o client.Object) []string { return []string{o.(*v1alpha1.ServiceWindow).Spec.Section} }},
		{&v1alpha1.ServiceCenter{}, indexCalendar, func(o client.Object) []string { return []string{o.(*v1alpha1.ServiceCenter).Spec.Calendar} }},
		{&v1alpha1.ApprovalItem{}, indexDepartment, func(o client.Object) []string { return []string{o.(*v1alpha1.ApprovalItem).Spec.Department} }},
		{&v1alpha1.ApprovalItem{}, indexCenter, func(o client.Object) []string { return []string{o.(*v1alpha1.ApprovalItem).Spec.Center} }},
		{&v1alpha1.ApprovalItem{}, indexCode, func(o client.Object) []string { return []string{o.(*v1alpha1.ApprovalItem).Spec.Code} }},
		{&v1alpha1.ApprovalCase{}, indexItem, func(o client.Object) []string { return []string{o.(*v1alpha1.ApprovalCase).Spec.Item} }},
		{&v1alpha1.ApprovalCase{}, indexCaseDepartment, func(o client.Object) []string { return []string{o.(*v1alpha1.ApprovalCase).Status.Department} }},
		{&v1alpha1.ApprovalCase{}, indexIntakeWindow, func(o client.Object) []string { return []string{o.(*v1alpha1.ApprovalCase).Spec.Intake.Window} }},
		{&v1alpha1.ApprovalCase{}, indexIntakeCenter, func(o client.Object) []string { return []string{o.(*v1alpha1.ApprovalCase).Spec.Intake.Center} }},
		{&v1alpha1.ApprovalItem{}, indexCoApprover, func(o client.Object) []string {
			var out []string
			for _, c := range o.(*v1alpha1.ApprovalItem).Spec.CoApprovers {
				out = append(out, c.Department)
			}
			return out
		}},
	} {
		values := i.values
		if err := idx.IndexField(ctx, i.obj, i.field, func(o client.Object) []string {
			var out []string
			for _, v := range values(o) {
				if v != "" {
					out = append(out, v)
				}
			}
			return out
		}); err != nil {
			return err
		}
	}
	return nil
}

// referenced maps an object to the object of the same namespace that it names.
func referenced(name func(client.Object) string) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(_ context.Context, o client.Object) []reconcile.Request {
		if n := name(o); n != "" {
			return []reconcile.Request{{NamespacedName: types.NamespacedName{Namespace: o.GetNamespace(), Name: n}}}
		}
		return nil
	})
}

// referrers maps an object to the objects of list's kind that name it through field. A
// cluster-scoped object (a WorkCalendar) is looked up in every namespace.
func referrers(c client.Reader, list client.ObjectList, field string) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []reconcile.Request {
		return listRequests(ctx, c, list, o.GetNamespace(), field, o.GetName())
	})
}

// listRequests lists the objects of list's kind whose indexed field has value, as requests.
func listRequests(ctx context.Context, c client.Reader, list client.ObjectList, namespace, field, value string) []reconcile.Request {
	if value == "" {
		return nil
	}
	l := list.DeepCopyObject().(client.ObjectList)
	if err := c.List(ctx, l, client.InNamespace(namespace), client.MatchingFields{field: value}); err != nil {
		ctrl.LoggerFrom(ctx).Error(err, "Listing referrers", "field", field, "value", value)
		return nil
	}
	var out []reconcile.Request
	_ = meta.EachListItem(l, func(item runtime.Object) error {
		out = append(out, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(item.(client.Object))})
		return nil
	})
	return out
}

// exists tells whether the named object of obj's kind exists in namespace.
func exists(ctx context.Context, c client.Reader, namespace, name string, obj client.Object) (bool, error) {
	if name == "" {
		return false, nil
	}
	err := c.Get(ctx, types.NamespacedName{Namespace: namespace, Name: name}, obj)
	if apierrors.IsNotFound(err) {
		return false, nil
	}
	return err == nil, err
}

// specChanges passes only what can change another object's status: creation, deletion and
// spec changes (a new generation). Status writes, which every decision and count makes, do
// not wake the objects that refer to them.
var specChanges = builder.WithPredicates(predicate.GenerationChangedPredicate{})
