package controllers

import (
	"context"
	"time"

	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/util/workqueue"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/policy"
)

// figuresDelay is how long a case change waits before the figures that count it are counted
// again. The queue keeps one waiting request per object, so every case change within the
// delay is counted by one reconcile: a burst of decisions costs one figure write per item and
// department, not one per decision, and the figures lag by at most this much.
const figuresDelay = time.Second

// figuresOf routes a case change to the object whose figures count the case (named by
// owner), after figuresDelay, and only when the case's contribution to the figures or its
// owner changed. A case that moved is taken out of its old owner's figures too.
func figuresOf(owner func(*v1alpha1.ApprovalCase) string) handler.EventHandler {
	type queue = workqueue.TypedRateLimitingInterface[reconcile.Request]
	enqueue := func(q queue, o client.Object) {
		c, ok := o.(*v1alpha1.ApprovalCase)
		if !ok {
			return
		}
		if name := owner(c); name != "" {
			q.AddAfter(reconcile.Request{NamespacedName: types.NamespacedName{Namespace: c.Namespace, Name: name}}, figuresDelay)
		}
	}
	return handler.Funcs{
		CreateFunc: func(_ context.Context, e event.CreateEvent, q queue) { enqueue(q, e.Object) },
		DeleteFunc: func(_ context.Context, e event.DeleteEvent, q queue) { enqueue(q, e.Object) },
		UpdateFunc: func(_ context.Context, e event.UpdateEvent, q queue) {
			before, ok1 := e.ObjectOld.(*v1alpha1.ApprovalCase)
			after, ok2 := e.ObjectNew.(*v1alpha1.ApprovalCase)
			if !ok1 || !ok2 {
				return
			}
			if owner(before) == owner(after) && contribution(before) == contribution(after) {
				return
			}
			enqueue(q, before)
			enqueue(q, after)
		},
		GenericFunc: func(_ context.Context, e event.GenericEvent, q queue) { enqueue(q, e.Object) },
	}
}

// contribution is what one case adds to its item's and department's figures.
func contribution(c *v1alpha1.ApprovalCase) v1alpha1.CaseFigures {
	return policy.CountCases([]v1alpha1.ApprovalCaseStatus{c.Status})
}
