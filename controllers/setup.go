// Package controllers holds one reconciler per onestop kind. Reconcilers are thin: they read
// objects, hand plain facts to the rules in internal/, and write status and events.
package controllers

import (
	"context"
	"errors"
	"time"

	"k8s.io/utils/clock"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// Options configure every reconciler.
type Options struct {
	// Clock tells the time; tests pass a fake one.
	Clock clock.PassiveClock
	// Location is the jurisdiction's time zone, for civil dates such as a certificate's
	// expiry. Defaults to Asia/Shanghai.
	Location *time.Location
	// EventsPerSecond and EventBurst pace event writes (see pacedSink). Default
	// DefaultEventsPerSecond and DefaultEventBurst.
	EventsPerSecond float32
	EventBurst      int
	// NoFigureMetrics skips the onestop_ metrics collector, for a process that serves no
	// metrics endpoint (cmd/manager with --metrics-bind-address=0, make bench): it would
	// only list every cached case whenever the registry is gathered.
	NoFigureMetrics bool
}

// base is what every reconciler holds.
type base struct {
	client   client.Client
	clock    clock.PassiveClock
	location *time.Location
	status   statusWriter
}

// SetupAll registers every onestop reconciler and the field indexes they share. The manager
// binary and the envtest suites both call it, so tests exercise the wiring that ships.
func SetupAll(ctx context.Context, mgr ctrl.Manager, opts Options) error {
	if opts.Clock == nil {
		opts.Clock = clock.RealClock{}
	}
	if opts.Location == nil {
		loc, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			return err
		}
		opts.Location = loc
	}
	if opts.EventsPerSecond <= 0 {
		opts.EventsPerSecond = DefaultEventsPerSecond
	}
	if opts.EventBurst <= 0 {
		opts.EventBurst = DefaultEventBurst
	}
	if err := setupIndexes(ctx, mgr); err != nil {
		return err
	}
	broadcaster, err := newEventBroadcaster(ctx, mgr, opts.EventsPerSecond, opts.EventBurst)
	if err != nil {
		return err
	}
	newBase := func(name string) base {
		return base{
			client:   mgr.GetClient(),
			clock:    opts.Clock,
			location: opts.Location,
			status:   statusWriter{client: mgr.GetClient(), recorder: broadcaster.NewRecorder(mgr.GetScheme(), "onestop-"+name)},
		}
	}
	cals := &calendars{client: mgr.GetClient()}
	return errors.Join(
		(&WorkCalendarReconciler{base: newBase("workcalendar"), calendars: cals}).SetupWithManager(mgr),
		(&ServiceCenterReconciler{base: newBase("servicecenter"), calendars: cals}).SetupWithManager(mgr),
		(&ApprovalItemReconciler{base: newBase("approvalitem")}).SetupWithManager(mgr),
		(&ApprovalCaseReconciler{base: newBase("approvalcase"), calendars: cals}).SetupWithManager(mgr),
		(&DepartmentReconciler{base: newBase("department")}).SetupWithManager(mgr),
		(&ApprovalSectionReconciler{base: newBase("approvalsection")}).SetupWithManager(mgr),
		(&ServiceWindowReconciler{base: newBase("servicewindow")}).SetupWithManager(mgr),
		(&ReformPlanReconciler{base: newBase("reformplan"), calendars: cals}).SetupWithManager(mgr),
		(&AssessmentReconciler{base: newBase("assessment"), calendars: cals}).SetupWithManager(ctx, mgr),
		func() error {
			if opts.NoFigureMetrics {
				return nil
			}
			return setupMetrics(mgr, cals)
		}(),
	)
}

// requeueAt returns a result that looks again at next, when something will change by itself
// (a certificate lapses). Never less than a second, so a clock skew cannot spin the loop.
func requeueAt(now, next time.Time, ok bool) ctrl.Result {
	if !ok {
		return ctrl.Result{}
	}
	return ctrl.Result{RequeueAfter: max(next.Sub(now), time.Second)}
}
