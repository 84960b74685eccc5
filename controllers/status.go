package controllers

import (
	"context"
	"errors"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/events"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/internal/conditions"
)

// conditionedObject is implemented by every onestop kind.
type conditionedObject interface {
	client.Object
	GetConditions() []metav1.Condition
	SetConditions([]metav1.Condition)
}

// statusWriter ends every reconcile the same way: one status patch, only when the status
// changed, then one event per condition change. Reconcilers call it from a defer, with a copy
// of the object taken right after reading it, so no early return can forget the status.
type statusWriter struct {
	client   client.Client
	recorder events.EventRecorder
}

// finish patches obj's status against before and emits events for changed conditions. A
// patch error joins *reconcileErr, so the request is retried with backoff (and *result is
// cleared: controller-runtime ignores a requeue time that comes with an error).
//
// The patch carries before's resourceVersion: computed from a stale cache read, it fails
// with a conflict instead of writing twice (a timeout decision, an event) what an earlier
// pass already wrote. The newer object's watch event reconciles it again, so a conflict is
// dropped quietly.
func (w statusWriter) finish(ctx context.Context, before, obj conditionedObject, result *ctrl.Result, reconcileErr *error) {
	defer func() {
		if *reconcileErr != nil {
			*result = ctrl.Result{}
		}
	}()
	// Whether anything changed is judged without the lock, which always adds a
	// resourceVersion to the patch.
	data, err := client.MergeFrom(before).Data(obj)
	if err != nil {
		*reconcileErr = errors.Join(*reconcileErr, fmt.Errorf("computing status patch: %w", err))
		return
	}
	if string(data) == "{}" {
		return
	}
	patch := client.MergeFromWithOptions(before, client.MergeFromWithOptimisticLock{})
	if err := w.client.Status().Patch(ctx, obj, patch); err != nil {
		// Deleted while reconciling: nothing left to report on. Conflict: see above.
		if client.IgnoreNotFound(err) != nil && !apierrors.IsConflict(err) {
			*reconcileErr = errors.Join(*reconcileErr, fmt.Errorf("patching status: %w", err))
		}
		return
	}
	for _, c := range conditions.Changes(before.GetConditions(), obj.GetConditions()) {
		eventType := corev1.EventTypeNormal
		if c.Abnormal {
			eventType = corev1.EventTypeWarning
		}
		w.recorder.Eventf(obj, nil, eventType, c.Reason, "Reconcile", "%s", c.Message)
	}
}
