// Package controllers holds one reconciler per onestop kind. Reconcilers are thin: they read
// objects, hand plain facts to the rules in internal/, and write status and events.
package controllers

import (
	"context"

	"k8s.io/utils/clock"
	ctrl "sigs.k8s.io/controller-runtime"
)

// SetupAll registers every onestop reconciler with mgr. The manager binary and the envtest
// suites both call it, so tests exercise the wiring that ships.
func SetupAll(ctx context.Context, mgr ctrl.Manager, clk clock.PassiveClock) error {
	centers := &ServiceCenterReconciler{
		Client:   mgr.GetClient(),
		Clock:    clk,
		Recorder: mgr.GetEventRecorder("onestop-servicecenter"),
	}
	return centers.SetupWithManager(ctx, mgr)
}
