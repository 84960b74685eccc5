package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"time"

	"onestop.dev/onestop/api/v1alpha1"
)

type passStats struct {
	reconciles  float64
	byCtrl      string
	writes      map[string]int
	writeTotal  int
	converged   time.Duration
	heapPerCase float64 // live heap growth from before the manager started, per cached case
}

// liveHeap is the heap that survives two collections.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// secondPass stops m and starts a fresh manager, whose cache sync reconciles every object
// again with nothing changed: the writes it sends should be none. It also weighs the fresh
// manager's live heap per cached case. trim chooses whether its cache is trimmed by
// controllers.CacheTransform (cmd/manager's is).
func (b *bench) secondPass(ctx context.Context, m *runningManager, trim bool, cases int) (*runningManager, passStats, error) {
	var st passStats
	if err := b.stopManager(m); err != nil {
		return nil, st, err
	}
	before := liveHeap()
	r0, by0 := reconciles()
	b.writes.take()
	m2, err := b.startManagerWith(trim)
	if err != nil {
		return nil, st, err
	}
	if err := waitReconciles("approvalcase", by0, cases, b.o.timeout); err != nil {
		return m2, st, err
	}
	settleFrom := time.Now()
	quietAfter, err := b.settle(3*time.Second, b.o.timeout)
	if err != nil {
		return m2, st, err
	}
	st.converged = settleFrom.Sub(m2.started) + quietAfter
	r1, by1 := reconciles()
	st.reconciles, st.byCtrl = r1-r0, reconcileSummary(by0, by1)
	st.writes, st.writeTotal = b.writes.take()
	after := liveHeap()
	st.heapPerCase = (float64(after) - float64(before)) / float64(cases)
	return m2, st, nil
}

// caseJSONSize is the mean size of a stored case as JSON, with and without its managed
// fields, and the number of cases.
func (b *bench) caseJSONSize(ctx context.Context) (withMF, withoutMF float64, n int, err error) {
	list := &v1alpha1.ApprovalCaseList{}
	if err := b.cl.List(ctx, list); err != nil {
		return 0, 0, 0, err
	}
	if len(list.Items) == 0 {
		return 0, 0, 0, fmt.Errorf("no cases to weigh")
	}
	var a, s int
	for i := range list.Items {
		c := &list.Items[i]
		data, err := json.Marshal(c)
		if err != nil {
			return 0, 0, 0, err
		}
		a += len(data)
		c.ManagedFields = nil
		if data, err = json.Marshal(c); err != nil {
			return 0, 0, 0, err
		}
		s += len(data)
	}
	n = len(list.Items)
	return float64(a) / float64(n), float64(s) / float64(n), n, nil
}
