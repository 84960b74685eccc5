package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	k8sruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/rest"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"onestop.dev/onestop/controllers"
)

// bench is what the measures share: the control plane, a bare client, the manager's clock
// and the counter of the manager's writes.
type bench struct {
	o        options
	env      *envtest.Environment
	cfg      *rest.Config
	scheme   *k8sruntime.Scheme
	cl       client.WithWatch
	clk      *movingClock
	writes   *requestCounter
	logs     *gate
	watchCtx context.Context
	w        float64 // W, the reference write rate, once measured
}

// runningManager is one in-process manager, as cmd/manager builds it (its cache trimmed by
// controllers.CacheTransform), with -concurrency workers per controller.
type runningManager struct {
	cancel  context.CancelFunc
	done    chan error
	started time.Time
}

func (b *bench) startManager() (*runningManager, error) { return b.startManagerWith(true) }

// startManagerWith starts a manager whose cache is trimmed as shipped, or keeps everything.
func (b *bench) startManagerWith(trim bool) (*runningManager, error) {
	mgrCfg := rest.CopyConfig(b.cfg)
	mgrCfg.Wrap(b.writes.wrap)
	var cacheOpts cache.Options
	if trim {
		cacheOpts.DefaultTransform = controllers.CacheTransform()
	}
	mgr, err := ctrl.NewManager(mgrCfg, ctrl.Options{
		Scheme:  b.scheme,
		Metrics: metricsserver.Options{BindAddress: "0"},
		Cache:   cacheOpts,
		// One process starts several managers in turn (restart, second pass).
		Controller: config.Controller{MaxConcurrentReconciles: b.o.concurrency, SkipNameValidation: ptr.To(true)},
	})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := controllers.SetupAll(ctx, mgr, controllers.Options{Clock: b.clk, NoFigureMetrics: true}); err != nil {
		cancel()
		return nil, err
	}
	m := &runningManager{cancel: cancel, done: make(chan error, 1), started: time.Now()}
	go func() { m.done <- mgr.Start(ctx) }()
	return m, nil
}

// stopManager stops m and waits for it; the errors of requests cut short are not logged.
func (b *bench) stopManager(m *runningManager) error {
	if m == nil {
		return nil
	}
	b.logs.closed.Store(true)
	defer b.logs.closed.Store(false)
	m.cancel()
	return <-m.done
}

// reconciles is how many reconciles the controllers of this process have finished, in all
// and by controller (controller-runtime's controller_runtime_reconcile_total).
func reconciles() (float64, map[string]float64) {
	mfs, err := metrics.Registry.Gather()
	if err != nil {
		return 0, nil
	}
	total, by := 0.0, map[string]float64{}
	for _, mf := range mfs {
		if mf.GetName() != "controller_runtime_reconcile_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "controller" {
					by[l.GetValue()] += m.GetCounter().GetValue()
				}
			}
			total += m.GetCounter().GetValue()
		}
	}
	return total, by
}

func reconcileSummary(before, after map[string]float64) string {
	var parts []string
	for name, n := range after {
		if d := n - before[name]; d > 0 {
			parts = append(parts, fmt.Sprintf("%s %.0f", name, d))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// waitReconciles waits until controller has finished at least n more reconciles than it had
// at from: a fresh manager's cache sync reconciles nothing, so quiet alone is no proof it is done.
func waitReconciles(controller string, from map[string]float64, n int, timeout time.Duration) error {
	start := time.Now()
	for {
		_, by := reconciles()
		if by[controller]-from[controller] >= float64(n) {
			return nil
		}
		if time.Since(start) > timeout {
			return fmt.Errorf("%s reconciled %.0f of %d objects within %s", controller, by[controller]-from[controller], n, timeout)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// settle waits until the manager has neither finished a reconcile nor sent a write for
// quiet, and returns when the last activity was, counted from the call.
func (b *bench) settle(quiet, timeout time.Duration) (time.Duration, error) {
	start := time.Now()
	lastR, _ := reconciles()
	lastW := b.writes.total()
	lastChange := start
	for {
		time.Sleep(200 * time.Millisecond)
		r, _ := reconciles()
		w := b.writes.total()
		if r != lastR || w != lastW {
			lastR, lastW, lastChange = r, w, time.Now()
		}
		if time.Since(lastChange) >= quiet {
			return lastChange.Sub(start), nil
		}
		if time.Since(start) > timeout {
			return 0, fmt.Errorf("the manager did not settle within %s", timeout)
		}
	}
}
