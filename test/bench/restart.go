package main

import (
	"context"
	"fmt"
	"time"

	eventsv1 "k8s.io/api/events/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

type restartStats struct {
	k        int
	listTime time.Duration // a bare client's LIST of every case, before the restart
	recovery time.Duration // manager start to the last of the K decisions
	lost     int           // of K, never decided
	twice    int           // decided twice: more than one decision event, or a changed decision
	writes   map[string]int
}

// runRestart creates k cases in county (closing at 17:30) due Thursday 2009-03-05 17:30,
// waits until the running manager m has armed every one, stops it, moves the clock past
// the deadline, starts a new manager and times its recovery. It returns the new manager.
func (b *bench) runRestart(ctx context.Context, m *runningManager, county string, k int) (*runningManager, restartStats, error) {
	st := restartStats{k: k}
	received, deadline := cst(2009, time.March, 4, 10, 0), cst(2009, time.March, 5, 17, 30)
	b.clk.SetTime(deadline.Add(-time.Hour))
	track := startTracker(b.watchCtx, b.cl, "restart")
	if _, _, err := createCases(ctx, b.cl, []string{county}, k, b.o.concurrency, "restart", received); err != nil {
		return m, st, err
	}
	if err := track.waitArmed(ctx, k, b.o.timeout); err != nil {
		return m, st, fmt.Errorf("restart: %w", err)
	}
	if _, err := b.settle(3*time.Second, b.o.timeout); err != nil {
		return m, st, fmt.Errorf("restart: %w", err)
	}
	logf2("restart: %d cases armed; stopping the manager while their deadline passes", k)
	if err := b.stopManager(m); err != nil {
		return nil, st, err
	}
	b.clk.SetTime(deadline.Add(time.Minute))

	listStart := time.Now()
	all := &v1alpha1.ApprovalCaseList{}
	if err := b.cl.List(ctx, all); err != nil {
		return nil, st, err
	}
	st.listTime = time.Since(listStart)
	logf2("restart: a bare LIST of all %d cases takes %s; starting a new manager", len(all.Items), st.listTime.Round(time.Millisecond))
	all = nil

	b.writes.take()
	m2, err := b.startManager()
	if err != nil {
		return nil, st, err
	}
	waitErr := track.wait(ctx, k, b.o.timeout)
	st.recovery = time.Since(m2.started)
	st.lost = k - track.count()
	if waitErr != nil {
		logf2("restart: %v", waitErr)
	}
	if _, err := b.settle(3*time.Second, b.o.timeout); err != nil {
		return m2, st, fmt.Errorf("restart: %w", err)
	}
	st.writes, _ = b.writes.take()

	events := &eventsv1.EventList{}
	if err := b.cl.List(ctx, events, client.InNamespace(county)); err != nil {
		return m2, st, err
	}
	emitted := map[string]int32{}
	for _, e := range events.Items {
		if e.Reason != v1alpha1.ConditionDecidedByTimeoutConsent || e.Regarding.Kind != "ApprovalCase" {
			continue
		}
		n := int32(1)
		if e.Series != nil {
			n = e.Series.Count
		}
		emitted[e.Regarding.Name] += n
	}
	for i := range k {
		if emitted[caseName("restart", i)] > 1 {
			st.twice++
		}
	}
	st.twice = max(st.twice, track.redoneCount())
	return m2, st, nil
}
