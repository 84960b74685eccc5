package controllers

import (
	"context"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/handler"
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
)

// setupIndexes registers every field index once; several reconcilers share them.
func setupIndexes(ctx context.Context, mgr ctrl.Manager) error {
	idx := mgr.GetFieldIndexer()
	for _, i := range []struct {
		obj   client.Object
		field string
		value func(client.Object) string
	}{
		{&v1alpha1.ServiceCenter{}, indexCenterParent, func(o client.Object) string { return o.(*v1alpha1.ServiceCenter).Spec.Parent }},
		{&v1alpha1.ServiceCenter{}, indexCenterHostDepartment, func(o client.Object) string { return o.(*v1alpha1.ServiceCenter).Spec.HostDepartment }},
		{&v1alpha1.ApprovalSection{}, indexDepartment, func(o client.Object) string { return o.(*v1alpha1.ApprovalSection).Spec.Department }},
		{&v1alpha1.ServiceWindow{}, indexDepartment, func(o client.Object) string { return o.(*v1alpha1.ServiceWindow).Spec.Department }},
		{&v1alpha1.ServiceWindow{}, indexCenter, func(o client.Object) string { return o.(*v1alpha1.ServiceWindow).Spec.Center }},
		{&v1alpha1.ServiceWindow{}, indexSection, func(o client.Object) string { return o.(*v1alpha1.ServiceWindow).Spec.Section }},
	} {
		value := i.value
		if err := idx.IndexField(ctx, i.obj, i.field, func(o client.Object) []string {
			if v := value(o); v != "" {
				return []string{v}
			}
			return nil
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

// referrers maps an object to the objects of list's kind that name it through field.
func referrers(c client.Reader, list client.ObjectList, field string) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, o client.Object) []reconcile.Request {
		l := list.DeepCopyObject().(client.ObjectList)
		if err := c.List(ctx, l, client.InNamespace(o.GetNamespace()), client.MatchingFields{field: o.GetName()}); err != nil {
			ctrl.LoggerFrom(ctx).Error(err, "Listing referrers", "field", field, "name", o.GetName())
			return nil
		}
		var out []reconcile.Request
		_ = meta.EachListItem(l, func(item runtime.Object) error {
			obj := item.(client.Object)
			out = append(out, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(obj)})
			return nil
		})
		return out
	})
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
