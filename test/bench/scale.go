package main

import (
	"context"
	"fmt"
	"time"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// runScale creates n open cases over namespaces (counties closing at 17:59, so none falls due
// during the measure), starts a fresh manager, and measures how long it takes to converge
// (every case reconciled with its deadline), its live heap per case, and the lateness of a
// burst of -late/4 cases decided on top of them in the lateness counties (closing 17:30...).
func (b *bench) runScale(ctx context.Context, namespaces, lateCounties []string, n int) ([]row, error) {
	if err := copyCalendar(ctx, b.cl, "cn-mainland", "bench-close-1759", "17:59"); err != nil {
		return nil, err
	}
	for _, ns := range namespaces {
		if err := createNamespace(ctx, b.cl, ns); err != nil {
			return nil, err
		}
		if err := buildCounty(ctx, b.cl, ns, "bench-close-1759"); err != nil {
			return nil, err
		}
	}
	received := cst(2009, time.March, 16, 10, 0)
	b.clk.SetTime(cst(2009, time.March, 16, 12, 0))
	logf2("scale: creating %d open cases in %d namespaces, no manager running", n, len(namespaces))
	if _, created, err := createCases(ctx, b.cl, namespaces, n, b.o.concurrency, "scale", received); err != nil {
		return nil, err
	} else {
		logf2("scale: created in %s", created.Round(time.Second))
	}

	before := liveHeap()
	b.writes.take()
	_, by0 := reconciles()
	m, err := b.startManager()
	if err != nil {
		return nil, err
	}
	defer func() { _ = b.stopManager(m) }()
	if err := waitReconciles("approvalcase", by0, n, b.o.timeout*3); err != nil {
		return nil, fmt.Errorf("scale: %w", err)
	}
	settleFrom := time.Now()
	quietAfter, err := b.settle(5*time.Second, b.o.timeout*3)
	if err != nil {
		return nil, fmt.Errorf("scale: %w", err)
	}
	// To the last reconcile or write, the quiet period after it not counted.
	converged := settleFrom.Sub(m.started) + quietAfter
	heap := (float64(liveHeap()) - float64(before)) / float64(n)
	_, writes := b.writes.take()
	list := &v1alpha1.ApprovalCaseList{}
	if err := b.cl.List(ctx, list, client.MatchingLabels{phaseLabel: "scale"}); err != nil {
		return nil, err
	}
	armed := 0
	for _, c := range list.Items {
		if c.Status.DecisionDeadline != nil && c.Status.Decision == nil {
			armed++
		}
	}
	list = nil
	logf2("scale: converged in %s (%d writes), %d of %d cases armed, %.0f bytes of heap per case", converged.Round(time.Second), writes, armed, n, heap)

	onTop := max(b.o.late/4, 1)
	run := deadlineRun{phase: "scale-late", counties: lateCounties, n: onTop, lead: max(30*time.Second, b.o.lead),
		received: received, first: cst(2009, time.March, 17, 17, 30)}
	late, err := b.runDeadlines(ctx, run)
	if err != nil {
		return nil, fmt.Errorf("scale: %w", err)
	}
	ref := float64(n) / b.w
	return []row{
		{Measure: fmt.Sprintf("scale: %d open cases, fresh manager to converged", n), Value: round(converged.Seconds(), 1), Unit: "s",
			Reference: "cases / W", RefValue: ptrTo(round(ref, 1)), Ratio: ptrTo(round(converged.Seconds()/ref, 3)),
			Note: fmt.Sprintf("%d namespaces; %d of %d armed with a deadline; %d manager writes", len(namespaces), armed, n, writes)},
		{Measure: "scale: live heap per cached case", Value: round(heap, 0), Unit: "bytes", Reference: "(see memory rows)"},
		{Measure: fmt.Sprintf("scale: lateness p99 of %d cases due on top", onTop), Value: round(late.watched.p99, 3), Unit: "s",
			Reference: "goal 1 s", RefValue: ptrTo(1), Ratio: ptrTo(round(late.watched.p99, 3)),
			Note: fmt.Sprintf("p50 %.3fs, max %.3fs; %d of %d decided by their own timer", late.watched.p50, late.watched.max, late.armed, onTop)},
	}, nil
}
