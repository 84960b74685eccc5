package controllers

import (
	"context"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/events"
	"k8s.io/utils/clock"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/policy"
)

// indexCenterParent indexes ServiceCenters by spec.parent, to find a center's sub-centers.
const indexCenterParent = "spec.parent"

// ServiceCenterReconciler keeps a ServiceCenter's status: whether its parent exists and how
// many sub-centers it has.
type ServiceCenterReconciler struct {
	Client   client.Client
	Clock    clock.PassiveClock
	Recorder events.EventRecorder
}

// +kubebuilder:rbac:groups=reform.onestop.dev,resources=servicecenters,verbs=get;list;watch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=servicecenters/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=events.k8s.io,resources=events,verbs=create;patch

// Reconcile computes a ServiceCenter's status from the centers around it.
func (r *ServiceCenterReconciler) Reconcile(ctx context.Context, req ctrl.Request) (_ ctrl.Result, retErr error) {
	center := &v1alpha1.ServiceCenter{}
	if err := r.Client.Get(ctx, req.NamespacedName, center); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	defer statusWriter{r.Client, r.Recorder}.finish(ctx, center.DeepCopy(), center, &retErr)

	facts := policy.CenterFacts{Namespace: center.Namespace, Name: center.Name, Parent: center.Spec.Parent}
	if facts.Parent != "" {
		err := r.Client.Get(ctx, types.NamespacedName{Namespace: center.Namespace, Name: facts.Parent}, &v1alpha1.ServiceCenter{})
		if err != nil && !apierrors.IsNotFound(err) {
			return ctrl.Result{}, err
		}
		facts.ParentExists = err == nil
	}
	subCenters := &v1alpha1.ServiceCenterList{}
	if err := r.Client.List(ctx, subCenters, client.InNamespace(center.Namespace), client.MatchingFields{indexCenterParent: center.Name}); err != nil {
		return ctrl.Result{}, err
	}

	center.Status.SubCenters = int32(len(subCenters.Items))
	center.Status.ObservedGeneration = center.Generation
	var findings []conditions.Finding
	if f := policy.CenterParent(facts); f != nil {
		findings = append(findings, *f)
	}
	center.SetConditions(conditions.Apply(center.Status.Conditions, conditions.Report{
		Generation:   center.Generation,
		Now:          r.Clock.Now(),
		Findings:     findings,
		ReadyReason:  v1alpha1.ReasonReconciled,
		ReadyMessage: "The center is in service.",
	}))
	return ctrl.Result{}, nil
}

// SetupWithManager registers the reconciler. A center is reconciled again when its parent or
// one of its sub-centers changes, found through the spec.parent index rather than by polling.
func (r *ServiceCenterReconciler) SetupWithManager(ctx context.Context, mgr ctrl.Manager) error {
	if err := mgr.GetFieldIndexer().IndexField(ctx, &v1alpha1.ServiceCenter{}, indexCenterParent, func(o client.Object) []string {
		if parent := o.(*v1alpha1.ServiceCenter).Spec.Parent; parent != "" {
			return []string{parent}
		}
		return nil
	}); err != nil {
		return err
	}
	return ctrl.NewControllerManagedBy(mgr).
		For(&v1alpha1.ServiceCenter{}).
		Watches(&v1alpha1.ServiceCenter{}, handler.EnqueueRequestsFromMapFunc(r.relatedCenters)).
		Named("servicecenter").
		Complete(r)
}

// relatedCenters maps a center to its parent (whose sub-center count moves) and to its
// sub-centers (whose parent appeared or vanished).
func (r *ServiceCenterReconciler) relatedCenters(ctx context.Context, o client.Object) []reconcile.Request {
	center := o.(*v1alpha1.ServiceCenter)
	var out []reconcile.Request
	if center.Spec.Parent != "" {
		out = append(out, reconcile.Request{NamespacedName: types.NamespacedName{Namespace: center.Namespace, Name: center.Spec.Parent}})
	}
	subCenters := &v1alpha1.ServiceCenterList{}
	if err := r.Client.List(ctx, subCenters, client.InNamespace(center.Namespace), client.MatchingFields{indexCenterParent: center.Name}); err != nil {
		ctrl.LoggerFrom(ctx).Error(err, "Listing sub-centers", "center", center.Name)
		return out
	}
	for _, s := range subCenters.Items {
		out = append(out, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(&s)})
	}
	return out
}
