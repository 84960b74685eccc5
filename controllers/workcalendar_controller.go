package controllers

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/policy"
)

// WorkCalendarReconciler checks a calendar's data and whether it covers the current year.
type WorkCalendarReconciler struct {
	base
	calendars *calendars
}

var calendarAnomalies = []string{v1alpha1.ConditionCalendarDataMissing}

// +kubebuilder:rbac:groups=reform.onestop.dev,resources=workcalendars,verbs=get;list;watch
// +kubebuilder:rbac:groups=reform.onestop.dev,resources=workcalendars/status,verbs=get;update;patch

// Reconcile computes a WorkCalendar's status, and looks again when the year turns.
func (r *WorkCalendarReconciler) Reconcile(ctx context.Context, req ctrl.Request) (result ctrl.Result, retErr error) {
	wc := &v1alpha1.WorkCalendar{}
	if err := r.client.Get(ctx, req.NamespacedName, wc); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	defer r.status.finish(ctx, wc.DeepCopy(), wc, &result, &retErr)

	now := r.clock.Now()
	wc.Status.ObservedGeneration = wc.Generation
	wc.Status.YearsCovered, wc.Status.WorkingDays = nil, nil
	for _, y := range wc.Spec.Years {
		wc.Status.YearsCovered = append(wc.Status.YearsCovered, y.Year)
	}
	sort.Slice(wc.Status.YearsCovered, func(i, j int) bool { return wc.Status.YearsCovered[i] < wc.Status.YearsCovered[j] })

	var findings []conditions.Finding
	cal, _, buildErr, err := r.calendars.get(ctx, wc.Name)
	switch {
	case err != nil:
		return ctrl.Result{}, err
	case buildErr != nil:
		findings = append(findings, conditions.Finding{
			Type: conditions.Stalled, Reason: v1alpha1.ReasonInvalidCalendarData,
			Message: fmt.Sprintf("%v. Correct the data; until then no deadline counts on this calendar.", buildErr),
		})
	default:
		wc.Status.WorkingDays = map[string]int32{}
		for _, y := range wc.Status.YearsCovered {
			n, err := cal.WorkingDaysInYear(int(y))
			if err != nil {
				return ctrl.Result{}, err
			}
			wc.Status.WorkingDays[strconv.Itoa(int(y))] = int32(n)
		}
		findings = policy.Collect(policy.CalendarCoverage("", wc.Name, cal, now))
		result = requeueAt(now, policy.NextYear(cal, now), true)
	}
	wc.SetConditions(conditions.Apply(wc.Status.Conditions, conditions.Report{
		Generation:     wc.Generation,
		Now:            now,
		Anomalies:      calendarAnomalies,
		StallOnAnomaly: true,
		Findings:       findings,
		ReadyReason:    v1alpha1.ReasonReconciled,
		ReadyMessage:   "The calendar covers the current year.",
	}))
	return result, nil
}

// SetupWithManager registers the reconciler.
func (r *WorkCalendarReconciler) SetupWithManager(mgr ctrl.Manager) error {
	return ctrl.NewControllerManagedBy(mgr).
		For(&v1alpha1.WorkCalendar{}).
		Named("workcalendar").
		Complete(r)
}
