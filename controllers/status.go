package controllers

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

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

// conflictRetry is how soon an object whose status write met a conflict is looked at again.
const conflictRetry = time.Second

// statusWriter ends every reconcile the same way: one status patch, only when the status
// changed, then one event per condition change. Reconcilers call it from a defer, with a copy
// of the object taken right after reading it, so no early return can forget the status.
type statusWriter struct {
	client   client.Client
	recorder events.EventRecorder
	// goodNews are condition types whose True is a milestone, reported as Normal.
	goodNews []string
}

// finish patches obj's status against before and emits events for changed conditions. A
// patch error joins *reconcileErr, so the request is retried with backoff (and *result is
// cleared: controller-runtime ignores a requeue time that comes with an error).
//
// The patch carries before's resourceVersion: computed from a stale cache read, it fails
// with a conflict instead of writing twice (a timeout decision, an event) what an earlier
// pass already wrote. A conflict is not an error: the object is looked at again shortly,
// from a fresher cache (its own watch event may be filtered out, as items' and departments'
// own status writes are).
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
		switch {
		case apierrors.IsConflict(err):
			if result.RequeueAfter == 0 || result.RequeueAfter > conflictRetry {
				result.RequeueAfter = conflictRetry
			}
		case client.IgnoreNotFound(err) != nil:
			*reconcileErr = errors.Join(*reconcileErr, fmt.Errorf("patching status: %w", err))
		}
		return
	}
	for _, c := range conditions.Changes(before.GetConditions(), obj.GetConditions(), w.goodNews...) {
		eventType := corev1.EventTypeNormal
		if c.Abnormal {
			eventType = corev1.EventTypeWarning
		}
		w.recorder.Eventf(obj, nil, eventType, c.Reason, "Reconcile", "%s", eventNote(c.Message))
	}
}

// maxEventNote is the longest note the API server accepts on an event (events.k8s.io/v1).
const maxEventNote = 1024

// eventNote fits a condition's message into an event's note: the condition keeps the whole
// message, the event says where to read it.
func eventNote(message string) string {
	if len(message) <= maxEventNote {
		return message
	}
	const more = " … (cut short: the condition has the whole message)"
	cut := maxEventNote - len(more)
	for cut > 0 && !utf8.RuneStart(message[cut]) {
		cut--
	}
	return message[:cut] + more
}
