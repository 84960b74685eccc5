// Command bench measures onestop against a real API server (etcd and kube-apiserver built by
// hack/controlplane-build.sh; `make bench` sets KUBEBUILDER_ASSETS), each figure beside a
// reference from the same run, so that the ratios hold on a noisy machine:
//
//   - W: status merge-patches/s that a bare client achieves on ApprovalCases, with
//     -concurrency goroutines and no manager running (the reference);
//   - R: timeout-consent decisions/s by the manager (controllers.SetupAll, in-process, with
//     -concurrency workers per controller) on N cases already due, from manager start until
//     every case has status.decision; reported as R/W;
//   - lateness: N cases whose decision deadlines fall in real time a few seconds to a minute
//     ahead, decided by the reconciler's own timers; lateness = the decision seen by a watch
//     minus the deadline (and, at one-second resolution, the DecidedByTimeoutConsent
//     condition's lastTransitionTime minus status.decision.at).
//
// The deadlines of the lateness run are spread the way real counties differ: each namespace's
// Center counts on its own WorkCalendar, a copy of cn-mainland whose close of business is one
// minute later than the previous one. Nothing in the product code knows about the bench.
//
// Cases are created by the admin client: the admission policy of config/admission is not
// installed (it only checks who records people's acts, and the bench records none but the
// clerk's acceptance).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8sruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	logf "sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/controllers"
)

type options struct {
	cases       int
	concurrency int
	namespaces  int
	spread      int
	out         string
	timeout     time.Duration
	lead        time.Duration
}

// movingClock runs at real speed from an instant the bench sets, like the envtest suite's:
// the manager's RequeueAfter timers fire in real time while the bench chooses the date.
type movingClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *movingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *movingClock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

// SetTime makes Now return t, and move on from there; it returns the real instant at which
// Now reads t.
func (c *movingClock) SetTime(t time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	c.offset = t.Sub(now)
	return now
}

// realTime is the real instant at which the clock reads t.
func (c *movingClock) realTime(t time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return t.Add(-c.offset)
}

// row is one line of the table.
type row struct {
	Measure   string   `json:"measure"`
	Value     float64  `json:"value"`
	Unit      string   `json:"unit"`
	Reference string   `json:"reference"`
	RefValue  *float64 `json:"referenceValue,omitempty"`
	Ratio     *float64 `json:"ratio,omitempty"`
	Goal      string   `json:"goal,omitempty"`
	Note      string   `json:"note,omitempty"`
}

type results struct {
	Command    string    `json:"command"`
	Started    time.Time `json:"started"`
	Seconds    float64   `json:"seconds"`
	GoVersion  string    `json:"goVersion"`
	NumCPU     int       `json:"numCPU"`
	GOMAXPROCS int       `json:"gomaxprocs"`
	Cases      int       `json:"cases"`
	Concurrent int       `json:"concurrency"`
	Namespaces int       `json:"namespaces"`
	Spread     int       `json:"lateCloseOfBusinessMinutes"`
	Rows       []row     `json:"rows"`
	PerCounty  []string  `json:"latenessPerCounty,omitempty"`
}

func main() {
	var o options
	flag.IntVar(&o.cases, "cases", 2000, "cases per measure (W, R and lateness each create this many)")
	flag.IntVar(&o.concurrency, "concurrency", 4, "client goroutines for W, and MaxConcurrentReconciles of every controller for R and lateness")
	flag.IntVar(&o.namespaces, "namespaces", 4, "county namespaces the W and R cases are spread over")
	flag.IntVar(&o.spread, "spread", 2, "lateness: counties whose calendars close at 17:30, 17:31, ...: deadlines spread over that many minutes")
	flag.StringVar(&o.out, "out", "bench/results.json", "where to write the table as JSON")
	flag.DurationVar(&o.timeout, "timeout", 10*time.Minute, "give up on a measure after this long")
	flag.DurationVar(&o.lead, "lead", 0, "lateness: how far ahead of the first deadline the clock starts (0: ten times R's creation time, at least 20s)")
	flag.Parse()
	if o.cases < 1 || o.namespaces < 1 || o.spread < 1 || o.spread > 29 {
		fmt.Fprintln(os.Stderr, "bench: -cases and -namespaces must be >= 1, -spread in 1..29")
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func logf2(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s  "+format+"\n", append([]any{time.Now().Format("15:04:05.000")}, args...)...)
}

func run(o options) (retErr error) {
	started := time.Now()
	ctx := context.Background()
	logs := &gate{w: os.Stderr}
	logf.SetLogger(zap.New(zap.WriteTo(logs)))
	watchCtx, stopWatches := context.WithCancel(ctx)
	defer stopWatches()

	logf2("starting etcd and kube-apiserver")
	testEnv := &envtest.Environment{
		CRDDirectoryPaths:       []string{filepath.Join("config", "crd", "bases")},
		ErrorIfCRDPathMissing:   true,
		ControlPlaneStopTimeout: time.Minute,
	}
	cfg, err := testEnv.Start()
	if err != nil {
		return fmt.Errorf("starting the control plane (run through `make bench`, which builds it and sets KUBEBUILDER_ASSETS): %w", err)
	}
	defer func() {
		stopWatches()
		if err := testEnv.Stop(); err != nil {
			// The figures are written by now: a slow shutdown is not a failed measure.
			logf2("warning: stopping the control plane: %v", err)
		}
	}()

	scheme := k8sruntime.NewScheme()
	if err := clientgoscheme.AddToScheme(scheme); err != nil {
		return err
	}
	if err := v1alpha1.AddToScheme(scheme); err != nil {
		return err
	}
	cl, err := client.NewWithWatch(rest.CopyConfig(cfg), client.Options{Scheme: scheme})
	if err != nil {
		return err
	}

	// Calendars: the sample cn-mainland, and one copy per lateness county, closing a minute
	// later each.
	if err := applyFile(ctx, cl, filepath.Join("config", "samples", "base", "calendars.yaml")); err != nil {
		return err
	}
	lateCalendars := make([]string, o.spread)
	for j := range lateCalendars {
		lateCalendars[j] = fmt.Sprintf("bench-close-17%02d", 30+j)
		if err := copyCalendar(ctx, cl, "cn-mainland", lateCalendars[j], fmt.Sprintf("17:%02d", 30+j)); err != nil {
			return err
		}
	}

	// Namespaces: W holds bare cases only; R and lateness hold counties.
	var wNS, rNS, lNS []string
	for i := range o.namespaces {
		wNS = append(wNS, fmt.Sprintf("bench-w-%d", i))
		rNS = append(rNS, fmt.Sprintf("bench-r-%d", i))
	}
	for j := range o.spread {
		lNS = append(lNS, fmt.Sprintf("bench-late-%d", j))
	}
	for _, ns := range append(append(append([]string{}, wNS...), rNS...), lNS...) {
		if err := createNamespace(ctx, cl, ns); err != nil {
			return err
		}
	}
	for _, ns := range rNS {
		if err := buildCounty(ctx, cl, ns, "cn-mainland"); err != nil {
			return err
		}
	}
	for j, ns := range lNS {
		if err := buildCounty(ctx, cl, ns, lateCalendars[j]); err != nil {
			return err
		}
	}

	res := results{
		Command: "make bench BENCH_ARGS=\"" + strings.Join(os.Args[1:], " ") + "\"", Started: started,
		GoVersion: runtime.Version(), NumCPU: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0),
		Cases: o.cases, Concurrent: o.concurrency, Namespaces: o.namespaces, Spread: o.spread,
	}

	// ---- W: a bare client's status writes/s --------------------------------------------
	received := cst(2009, time.January, 5, 10, 0) // deadline (1 working day): 2009-01-06 17:30 CST
	logf2("W: creating %d cases in %d namespaces", o.cases, o.namespaces)
	wCases, wCreate, err := createCases(ctx, cl, wNS, o.cases, o.concurrency, "w", received)
	if err != nil {
		return err
	}
	logf2("W: created in %s; %d status merge-patches with %d goroutines", wCreate.Round(time.Millisecond), o.cases, o.concurrency)
	wStart := time.Now()
	err = parallel(len(wCases), o.concurrency, func(i int) error {
		return cl.Status().Patch(ctx, wCases[i], client.RawPatch(types.MergePatchType, decisionPatch(time.Now())))
	})
	wElapsed := time.Since(wStart)
	if err != nil {
		return fmt.Errorf("W: %w", err)
	}
	w := float64(o.cases) / wElapsed.Seconds()
	logf2("W: %.1f writes/s (%s)", w, wElapsed.Round(time.Millisecond))
	// The manager must not find them: no namespace controller runs, so delete the cases.
	for _, ns := range wNS {
		if err := cl.DeleteAllOf(ctx, &v1alpha1.ApprovalCase{}, client.InNamespace(ns)); err != nil {
			return err
		}
	}

	// ---- R: decisions/s by the manager on N cases already due ---------------------------
	logf2("R: creating %d cases received %s, all due", o.cases, received.Format(time.DateTime+" MST"))
	_, rCreate, err := createCases(ctx, cl, rNS, o.cases, o.concurrency, "r", received)
	if err != nil {
		return err
	}
	clk := &movingClock{}
	clk.SetTime(cst(2009, time.March, 1, 9, 0))
	rTrack := startTracker(watchCtx, cl, "r")
	mgrCtx, stopMgr := context.WithCancel(ctx)
	mgrDone := make(chan error, 1)
	defer func() {
		logs.closed.Store(true)
		stopMgr()
		if err := <-mgrDone; err != nil && retErr == nil {
			retErr = err
		}
	}()
	logf2("R: starting the manager (%d workers per controller)", o.concurrency)
	rStart := time.Now()
	writes := newRequestCounter()
	mgrCfg := rest.CopyConfig(cfg)
	mgrCfg.Wrap(writes.wrap)
	writes.on.Store(true)
	mgr, err := ctrl.NewManager(mgrCfg, ctrl.Options{
		Scheme:     scheme,
		Metrics:    metricsserver.Options{BindAddress: "0"},
		Cache:      cache.Options{DefaultTransform: cache.TransformStripManagedFields()},
		Controller: config.Controller{MaxConcurrentReconciles: o.concurrency},
	})
	if err != nil {
		return err
	}
	if err := controllers.SetupAll(mgrCtx, mgr, controllers.Options{Clock: clk}); err != nil {
		return err
	}
	go func() { mgrDone <- mgr.Start(mgrCtx) }()
	if err := rTrack.wait(ctx, o.cases, o.timeout); err != nil {
		return fmt.Errorf("R: %w", err)
	}
	rElapsed := time.Since(rStart)
	r := float64(o.cases) / rElapsed.Seconds()
	rWrites, rWriteTotal := writes.take()
	logf2("R: %.1f decisions/s (%s)", r, rElapsed.Round(time.Millisecond))
	if err := checkOutcomes(ctx, cl, "r", o.cases); err != nil {
		return fmt.Errorf("R: %w", err)
	}

	// ---- Lateness: deadlines in the next minute(s), decided by the reconciler's timers ---
	// Received Monday 2009-03-02 10:00: the deadline is Tuesday 2009-03-03 at each calendar's
	// close of business. The clock is set so 17:30 falls after the cases are created.
	lateReceived := cst(2009, time.March, 2, 10, 0)
	firstDeadline := cst(2009, time.March, 3, 17, 30)
	// Creating cases while the manager reconciles them runs several times slower than R's
	// creation on an idle server (about 4x on 2 cores), and first reconciles queue behind
	// the cases that every item or department status change enqueues again: leave room, so
	// every case is first reconciled, undecided, before its deadline and the decision comes
	// from its timer. The last row of the table says whether it did.
	lead := o.lead
	if lead <= 0 {
		lead = max(20*time.Second, 10*rCreate).Round(time.Second)
	}
	clk.SetTime(firstDeadline.Add(-lead))
	logf2("lateness: clock set %s before 17:30 CST; creating %d cases in %d counties closing at 17:30..17:%02d",
		lead, o.cases, o.spread, 30+o.spread-1)
	lTrack := startTracker(watchCtx, cl, "late")
	lCases, lCreate, err := createCases(ctx, cl, lNS, o.cases, o.concurrency, "late", lateReceived)
	if err != nil {
		return err
	}
	logf2("lateness: created in %s (%s before the first deadline); waiting for %d decisions",
		lCreate.Round(time.Millisecond), time.Until(clk.realTime(firstDeadline)).Round(time.Millisecond), o.cases)
	if err := lTrack.wait(ctx, o.cases, lead+time.Duration(o.spread)*time.Minute+o.timeout); err != nil {
		return fmt.Errorf("lateness: %w", err)
	}
	if err := checkOutcomes(ctx, cl, "late", o.cases); err != nil {
		return fmt.Errorf("lateness: %w", err)
	}
	lWrites, lWriteTotal := writes.take()
	seen, armed := lTrack.snapshot()
	var watched, byCondition []float64
	perCounty := map[string][]float64{}
	armedPerCounty := map[string]int{}
	timers := 0
	list := &v1alpha1.ApprovalCaseList{}
	if err := cl.List(ctx, list, client.MatchingLabels{phaseLabel: "late"}); err != nil {
		return err
	}
	for _, c := range list.Items {
		key := c.Namespace + "/" + c.Name
		d := c.Status.Decision.At.Time
		late := seen[key].Sub(clk.realTime(d)).Seconds()
		watched = append(watched, late)
		perCounty[c.Namespace] = append(perCounty[c.Namespace], late)
		for _, cond := range c.Status.Conditions {
			if cond.Type == v1alpha1.ConditionDecidedByTimeoutConsent {
				byCondition = append(byCondition, cond.LastTransitionTime.Sub(d).Seconds())
			}
		}
		if armed[key] {
			timers++
			armedPerCounty[c.Namespace]++
		}
	}
	_ = lCases
	for j, ns := range lNS {
		v := perCounty[ns]
		sort.Float64s(v)
		note := fmt.Sprintf("%s (closes 17:%02d): %d cases, %d decided by their timer, lateness p50 %.3fs p99 %.3fs max %.3fs",
			ns, 30+j, len(v), armedPerCounty[ns], quantile(v, 0.5), quantile(v, 0.99), quantile(v, 1))
		res.PerCounty = append(res.PerCounty, note)
		logf2("lateness: %s", note)
	}
	logf2("manager writes during R: %s", writes.summary(rWrites))
	logf2("manager writes during lateness: %s", writes.summary(lWrites))

	// ---- The table ------------------------------------------------------------------------
	ratio := func(v float64) *float64 { return &v }
	res.Rows = append(res.Rows,
		row{Measure: "W: status merge-patches/s, bare client", Value: round(w, 1), Unit: "writes/s",
			Reference: "(reference)", Note: fmt.Sprintf("%d patches in %.2fs, %d goroutines", o.cases, wElapsed.Seconds(), o.concurrency)},
		row{Measure: "R: timeout-consent decisions/s, manager", Value: round(r, 1), Unit: "decisions/s",
			Reference: "W", RefValue: ratio(round(w, 1)), Ratio: ratio(round(r/w, 3)), Goal: "R/W >= 0.8",
			Note: fmt.Sprintf("%d cases already due, %.2fs from manager start to the last decision", o.cases, rElapsed.Seconds())},
		row{Measure: "R: manager API writes per decision", Value: round(float64(rWriteTotal)/float64(o.cases), 2), Unit: "writes",
			Reference: "1 write per decision", RefValue: ratio(1), Ratio: ratio(round(float64(rWriteTotal)/float64(o.cases), 3)),
			Note: writes.summary(rWrites)},
		row{Measure: "lateness: manager API writes per case", Value: round(float64(lWriteTotal)/float64(o.cases), 2), Unit: "writes",
			Reference: "1 write per decision", RefValue: ratio(1), Ratio: ratio(round(float64(lWriteTotal)/float64(o.cases), 3)),
			Note: writes.summary(lWrites) + " (first reconcile on creation and the decision)"},
	)
	for _, m := range []struct {
		name string
		v    []float64
		unit string
	}{{"lateness, watched", watched, "s"}, {"lateness, condition lastTransitionTime", byCondition, "s (1 s resolution)"}} {
		sort.Float64s(m.v)
		for _, q := range []struct {
			label string
			q     float64
		}{{"p50", 0.50}, {"p99", 0.99}, {"max", 1}} {
			v := quantile(m.v, q.q)
			r := row{Measure: m.name + " " + q.label, Value: round(v, 3), Unit: m.unit,
				Reference: "goal 1 s", RefValue: ratio(1), Ratio: ratio(round(v/1, 3))}
			if q.label == "p99" {
				r.Goal = "p99 <= 1 s"
			}
			res.Rows = append(res.Rows, r)
		}
	}
	res.Rows = append(res.Rows, row{Measure: "lateness: cases decided by their timer", Value: float64(timers), Unit: "cases",
		Reference: "N", RefValue: ratio(float64(o.cases)), Ratio: ratio(round(float64(timers)/float64(o.cases), 3)),
		Note: fmt.Sprintf("seen reconciled and undecided before the deadline; created in %.1fs, clock set %s ahead; %d counties closing 17:30..17:%02d, %d deadlines at each minute",
			lCreate.Seconds(), lead, o.spread, 30+o.spread-1, o.cases/o.spread)})
	res.Seconds = round(time.Since(started).Seconds(), 1)

	printTable(res)
	if err := os.MkdirAll(filepath.Dir(o.out), 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(o.out, append(data, '\n'), 0o644); err != nil {
		return err
	}
	logf2("wrote %s", o.out)
	return nil
}

// decisionPatch is a status write the size of a decision: phase, decision and a condition.
func decisionPatch(now time.Time) []byte {
	at := metav1.NewTime(now)
	patch := map[string]any{"status": map[string]any{
		"observedGeneration": 1,
		"phase":              v1alpha1.PhaseDecided,
		"decision":           v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeTimeoutConsent, Method: v1alpha1.DecidedByTimeoutConsent, At: at},
		"conditions": []metav1.Condition{{
			Type: v1alpha1.ConditionDecidedByTimeoutConsent, Status: metav1.ConditionTrue, ObservedGeneration: 1,
			LastTransitionTime: at, Reason: v1alpha1.ConditionDecidedByTimeoutConsent,
			Message: "Decided by law when the deadline passed in silence: TimeoutConsent.",
		}},
	}}
	data, err := json.Marshal(patch)
	if err != nil {
		panic(err)
	}
	return data
}

// checkOutcomes expects every case of phase decided by timeout consent.
func checkOutcomes(ctx context.Context, cl client.Client, phase string, n int) error {
	list := &v1alpha1.ApprovalCaseList{}
	if err := cl.List(ctx, list, client.MatchingLabels{phaseLabel: phase}); err != nil {
		return err
	}
	ok := 0
	for _, c := range list.Items {
		if d := c.Status.Decision; d != nil && d.Outcome == v1alpha1.OutcomeTimeoutConsent && d.Method == v1alpha1.DecidedByTimeoutConsent {
			ok++
		}
	}
	if len(list.Items) != n || ok != n {
		return fmt.Errorf("%d of %d cases decided by timeout consent (%d listed)", ok, n, len(list.Items))
	}
	return nil
}

func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

func printTable(res results) {
	fmt.Printf("\nonestop bench: %d cases, concurrency %d, %d namespaces, %s, %d CPUs, %.0fs\n\n",
		res.Cases, res.Concurrent, res.Namespaces, res.GoVersion, res.NumCPU, res.Seconds)
	tw := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MEASURE\tVALUE\tREFERENCE\tRATIO\tGOAL")
	for _, r := range res.Rows {
		ref := r.Reference
		if r.RefValue != nil && r.Reference != "goal 1 s" {
			ref = fmt.Sprintf("%s = %g", r.Reference, *r.RefValue)
		}
		rat := "-"
		if r.Ratio != nil {
			rat = fmt.Sprintf("%.3f", *r.Ratio)
		}
		fmt.Fprintf(tw, "%s\t%g %s\t%s\t%s\t%s\n", r.Measure, r.Value, r.Unit, ref, rat, r.Goal)
	}
	tw.Flush()
	fmt.Println()
}
