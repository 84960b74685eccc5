// Command bench measures onestop against a real API server (etcd and kube-apiserver built by
// hack/controlplane-build.sh; `make bench` sets KUBEBUILDER_ASSETS), each figure beside a
// reference from the same run, so that the ratios hold on a noisy machine. In order:
//
//   - W: status merge-patches/s that a bare client achieves on ApprovalCases, with
//     -concurrency goroutines and no manager running (the reference for every rate);
//   - R: timeout-consent decisions/s by the manager (controllers.SetupAll, in-process, with
//     -concurrency workers per controller) on -cases cases already due; reported as R/W;
//   - lateness: -late cases whose deadlines fall in real time, in bursts (one county per
//     minute), decided by the reconciler's own timers; every -edit-every-th case is edited
//     before its deadline (timer survival); the slowest burst gives the burst figure;
//   - restart: -restart cases armed, the manager stopped while their deadline passes, a new
//     manager started: lost, decided twice, recovery time;
//   - idle: reconciles and writes over -idle once everything settled, and on a forced second
//     pass (a fresh manager reconciling every object again);
//   - memory: the fresh manager's live heap per cached case over the case's JSON size, with
//     the cache trimmed by controllers.CacheTransform (as cmd/manager does) and untrimmed;
//   - the anchor: kube-controller-manager's Job controller failing as many Jobs for their
//     activeDeadlineSeconds, with deadlines in the same bursts, on the same control plane;
//   - scale (with -scale N): N open cases over -scale-namespaces namespaces, a fresh manager's
//     convergence and heap, and the lateness of a burst decided on top of them.
//
// The deadlines are spread the way real counties differ: each county namespace's Center
// counts on its own WorkCalendar, a copy of cn-mainland whose close of business is one minute
// later than the previous one. Nothing in the product code knows about the bench.
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
	"strings"
	"text/tabwriter"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8sruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	logf "sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"

	"onestop.dev/onestop/api/v1alpha1"
)

type options struct {
	cases       int
	late        int
	concurrency int
	namespaces  int
	spread      int
	editEvery   int
	restart     int
	idle        time.Duration
	scale       int
	scaleNS     int
	out         string
	timeout     time.Duration
	lead        time.Duration
	cpuProfile  string
	memProfile  string
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
	Late       int       `json:"lateCases"`
	Concurrent int       `json:"concurrency"`
	Namespaces int       `json:"namespaces"`
	Spread     int       `json:"lateCloseOfBusinessMinutes"`
	Rows       []row     `json:"rows"`
	Notes      []string  `json:"notes,omitempty"`
}

func main() {
	var o options
	flag.IntVar(&o.cases, "cases", 2000, "W and R: cases each")
	flag.IntVar(&o.late, "late", 1500, "lateness: cases whose deadlines fall while the manager runs (and as many Jobs for the anchor)")
	flag.IntVar(&o.concurrency, "concurrency", 4, "client goroutines for W, MaxConcurrentReconciles of every controller, and the Job controller's --concurrent-job-syncs")
	flag.IntVar(&o.namespaces, "namespaces", 4, "county namespaces the W and R cases are spread over")
	flag.IntVar(&o.spread, "spread", 3, "lateness: counties whose calendars close at 17:30, 17:31, ...: deadlines in that many bursts a minute apart")
	flag.IntVar(&o.editEvery, "edit-every", 10, "timer survival: edit every n-th lateness case before its deadline (0: none)")
	flag.IntVar(&o.restart, "restart", 1000, "restart: cases whose deadline passes while the manager is down")
	flag.DurationVar(&o.idle, "idle", time.Minute, "idle: how long to count reconciles and writes once everything settled")
	flag.IntVar(&o.scale, "scale", 0, "scale: open cases for one manager to cache and converge on (0: skip)")
	flag.IntVar(&o.scaleNS, "scale-namespaces", 10, "scale: namespaces the open cases are spread over")
	flag.StringVar(&o.out, "out", "bench/results.json", "where to write the table as JSON")
	flag.DurationVar(&o.timeout, "timeout", 10*time.Minute, "give up on a measure after this long")
	flag.DurationVar(&o.lead, "lead", 0, "lateness: how far ahead of the first deadline the clock starts (0: ten times R's creation time, scaled to -late, at least 20s)")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the bench process (the manager runs in it) during R to this file")
	flag.StringVar(&o.memProfile, "memprofile", "", "write a heap profile of the bench process after the second pass (the manager's cache full) to this file")
	flag.Parse()
	if o.cases < 1 || o.late < 1 || o.restart < 1 || o.namespaces < 1 || o.scaleNS < 1 || o.spread < 1 || o.spread > 29 || o.scale < 0 {
		fmt.Fprintln(os.Stderr, "bench: -cases, -late, -restart, -namespaces and -scale-namespaces must be >= 1, -spread in 1..29, -scale >= 0")
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

func ptrTo(v float64) *float64 { return &v }

func run(o options) (retErr error) {
	started := time.Now()
	ctx := context.Background()
	b := &bench{o: o, clk: &movingClock{}, writes: newRequestCounter(), logs: &gate{w: os.Stderr}}
	b.writes.on.Store(true)
	logf.SetLogger(zap.New(zap.WriteTo(b.logs)))
	watchCtx, stopWatches := context.WithCancel(ctx)
	defer stopWatches()
	b.watchCtx = watchCtx

	logf2("starting etcd and kube-apiserver")
	b.env = &envtest.Environment{
		CRDDirectoryPaths:       []string{filepath.Join("config", "crd", "bases")},
		ErrorIfCRDPathMissing:   true,
		ControlPlaneStopTimeout: time.Minute,
	}
	cfg, err := b.env.Start()
	if err != nil {
		return fmt.Errorf("starting the control plane (run through `make bench`, which builds it and sets KUBEBUILDER_ASSETS): %w", err)
	}
	b.cfg = cfg
	var m *runningManager
	defer func() {
		if err := b.stopManager(m); err != nil && retErr == nil {
			retErr = err
		}
		stopWatches()
		b.logs.closed.Store(true)
		if err := b.env.Stop(); err != nil {
			// The figures are written by now: a slow shutdown is not a failed measure.
			logf2("warning: stopping the control plane: %v", err)
		}
	}()

	b.scheme = k8sruntime.NewScheme()
	if err := clientgoscheme.AddToScheme(b.scheme); err != nil {
		return err
	}
	if err := v1alpha1.AddToScheme(b.scheme); err != nil {
		return err
	}
	if b.cl, err = client.NewWithWatch(rest.CopyConfig(cfg), client.Options{Scheme: b.scheme}); err != nil {
		return err
	}

	// Calendars: the sample cn-mainland, and one copy per lateness county, closing a minute
	// later each.
	if err := applyFile(ctx, b.cl, filepath.Join("config", "samples", "base", "calendars.yaml")); err != nil {
		return err
	}
	lateCalendars := make([]string, o.spread)
	for j := range lateCalendars {
		lateCalendars[j] = fmt.Sprintf("bench-close-17%02d", 30+j)
		if err := copyCalendar(ctx, b.cl, "cn-mainland", lateCalendars[j], fmt.Sprintf("17:%02d", 30+j)); err != nil {
			return err
		}
	}
	var wNS, rNS, lNS, jNS, sNS []string
	for i := range o.namespaces {
		wNS = append(wNS, fmt.Sprintf("bench-w-%d", i))
		rNS = append(rNS, fmt.Sprintf("bench-r-%d", i))
	}
	for j := range o.spread {
		lNS = append(lNS, fmt.Sprintf("bench-late-%d", j))
		jNS = append(jNS, fmt.Sprintf("bench-jobs-%d", j))
	}
	for i := range o.scaleNS {
		sNS = append(sNS, fmt.Sprintf("bench-scale-%d", i))
	}
	for _, ns := range append(append(append([]string{}, wNS...), rNS...), lNS...) {
		if err := createNamespace(ctx, b.cl, ns); err != nil {
			return err
		}
	}
	for _, ns := range rNS {
		if err := buildCounty(ctx, b.cl, ns, "cn-mainland"); err != nil {
			return err
		}
	}
	for j, ns := range lNS {
		if err := buildCounty(ctx, b.cl, ns, lateCalendars[j]); err != nil {
			return err
		}
	}

	res := results{
		Command: "make bench BENCH_ARGS=\"" + strings.Join(os.Args[1:], " ") + "\"", Started: started,
		GoVersion: runtime.Version(), NumCPU: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0),
		Cases: o.cases, Late: o.late, Concurrent: o.concurrency, Namespaces: o.namespaces, Spread: o.spread,
	}
	add := func(r ...row) { res.Rows = append(res.Rows, r...) }
	note := func(format string, args ...any) {
		res.Notes = append(res.Notes, fmt.Sprintf(format, args...))
		logf2(format, args...)
	}

	// ---- W: a bare client's status writes/s --------------------------------------------
	received := cst(2009, time.January, 5, 10, 0) // deadline (1 working day): 2009-01-06 17:30 CST
	logf2("W: creating %d cases in %d namespaces", o.cases, o.namespaces)
	wCases, wCreate, err := createCases(ctx, b.cl, wNS, o.cases, o.concurrency, "w", received)
	if err != nil {
		return err
	}
	logf2("W: created in %s; %d status merge-patches with %d goroutines", wCreate.Round(time.Millisecond), o.cases, o.concurrency)
	// The same observer as R's: a watch on the cases, which costs the API server the same.
	wTrack := startTracker(watchCtx, b.cl, "w")
	wStart := time.Now()
	err = parallel(len(wCases), o.concurrency, func(i int) error {
		return b.cl.Status().Patch(ctx, wCases[i], client.RawPatch(types.MergePatchType, decisionPatch(time.Now())))
	})
	wElapsed := time.Since(wStart)
	if err != nil {
		return fmt.Errorf("W: %w", err)
	}
	if err := wTrack.wait(ctx, o.cases, o.timeout); err != nil {
		return fmt.Errorf("W: %w", err)
	}
	b.w = float64(o.cases) / wElapsed.Seconds()
	w := b.w
	logf2("W: %.1f writes/s (%s)", w, wElapsed.Round(time.Millisecond))
	// The manager must not find them: no namespace controller runs, so delete the cases.
	for _, ns := range wNS {
		if err := b.cl.DeleteAllOf(ctx, &v1alpha1.ApprovalCase{}, client.InNamespace(ns)); err != nil {
			return err
		}
	}
	add(row{Measure: "W: status merge-patches/s, bare client", Value: round(w, 1), Unit: "writes/s",
		Reference: "(reference)", Note: fmt.Sprintf("%d patches in %.2fs, %d goroutines", o.cases, wElapsed.Seconds(), o.concurrency)})

	// ---- R: decisions/s by the manager on N cases already due ---------------------------
	logf2("R: creating %d cases received %s, all due", o.cases, received.Format(time.DateTime+" MST"))
	_, rCreate, err := createCases(ctx, b.cl, rNS, o.cases, o.concurrency, "r", received)
	if err != nil {
		return err
	}
	b.clk.SetTime(cst(2009, time.March, 1, 9, 0))
	rTrack := startTracker(watchCtx, b.cl, "r")
	if o.cpuProfile != "" {
		stop, err := startCPUProfile(o.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	logf2("R: starting the manager (%d workers per controller)", o.concurrency)
	b.writes.take()
	if m, err = b.startManager(); err != nil {
		return err
	}
	if err := rTrack.wait(ctx, o.cases, o.timeout); err != nil {
		return fmt.Errorf("R: %w", err)
	}
	rElapsed := time.Since(m.started)
	rWindowWrites := b.writes.total()
	r := float64(o.cases) / rElapsed.Seconds()
	logf2("R: %.1f decisions/s (%s)", r, rElapsed.Round(time.Millisecond))
	if err := checkOutcomes(ctx, b.cl, "r", o.cases); err != nil {
		return fmt.Errorf("R: %w", err)
	}
	if _, err := b.settle(3*time.Second, o.timeout); err != nil {
		return fmt.Errorf("R: %w", err)
	}
	rWrites, rWriteTotal := b.writes.take()
	stopCPUProfile()
	add(
		row{Measure: "R: timeout-consent decisions/s, manager", Value: round(r, 1), Unit: "decisions/s",
			Reference: "W", RefValue: ptrTo(round(w, 1)), Ratio: ptrTo(round(r/w, 3)), Goal: "R/W >= 0.8",
			Note: fmt.Sprintf("%d cases already due, %.2fs from manager start (cache sync included) to the last decision", o.cases, rElapsed.Seconds())},
		row{Measure: "R: manager API writes per decision", Value: round(float64(rWriteTotal)/float64(o.cases), 2), Unit: "writes",
			Reference: "1 write per decision", RefValue: ptrTo(1), Ratio: ptrTo(round(float64(rWriteTotal)/float64(o.cases), 3)),
			Note: b.writes.summary(rWrites) + " (until settled: the paced events trail the decisions)"},
		row{Measure: "R: manager API writes/s while deciding", Value: round(float64(rWindowWrites)/rElapsed.Seconds(), 1), Unit: "writes/s",
			Reference: "W", RefValue: ptrTo(round(w, 1)), Ratio: ptrTo(round(float64(rWindowWrites)/rElapsed.Seconds()/w, 3)),
			Note: "every write the manager sent from its start to the last decision: how much of the API server's write rate it used"},
	)

	// ---- Lateness, timer survival, burst ------------------------------------------------
	lead := o.lead
	if lead <= 0 {
		// Creating cases while the manager reconciles them runs several times slower than
		// R's creation on an idle server: leave room, so every case is first reconciled,
		// undecided, before its deadline (the table says whether it was).
		lead = max(20*time.Second, 10*rCreate*time.Duration(o.late)/time.Duration(o.cases)).Round(time.Second)
	}
	run := deadlineRun{phase: "late", counties: lNS, n: o.late, lead: lead, editOne: o.editEvery,
		received: cst(2009, time.March, 2, 10, 0), first: cst(2009, time.March, 3, 17, 30)}
	logf2("lateness: clock set %s before 17:30 CST; %d cases in %d counties closing at 17:30..17:%02d", lead, o.late, o.spread, 30+o.spread-1)
	late, err := b.runDeadlines(ctx, run)
	if err != nil {
		return err
	}
	for _, ns := range lNS {
		s := late.perCounty[ns]
		note("lateness %s: %d cases, p50 %.3fs p99 %.3fs max %.3fs", ns, s.n, s.p50, s.p99, s.max)
	}

	// ---- Restart --------------------------------------------------------------------------
	m, rs, err := b.runRestart(ctx, m, lNS[0], o.restart)
	if err != nil {
		return err
	}
	restartRef := rs.listTime.Seconds() + float64(rs.k)/w
	note("restart: writes after the new start: %s", b.writes.summary(rs.writes))

	// ---- Idle -----------------------------------------------------------------------------
	if _, err := b.settle(3*time.Second, o.timeout); err != nil {
		return err
	}
	logf2("idle: counting reconciles and writes for %s", o.idle)
	i0, iby0 := reconciles()
	b.writes.take()
	time.Sleep(o.idle)
	i1, iby1 := reconciles()
	idleWrites, idleWriteTotal := b.writes.take()
	if d := reconcileSummary(iby0, iby1); d != "" {
		note("idle: reconciles by controller: %s; writes: %s", d, b.writes.summary(idleWrites))
	}

	// ---- Forced second pass and memory ----------------------------------------------------
	jsonMF, jsonNoMF, nCases, err := b.caseJSONSize(ctx)
	if err != nil {
		return err
	}
	logf2("second pass: a fresh manager (cache trimmed, as shipped) reconciles every object again")
	m, pass, err := b.secondPass(ctx, m, true, nCases)
	if err != nil {
		return err
	}
	if o.memProfile != "" {
		if err := writeHeapProfile(o.memProfile); err != nil {
			return err
		}
	}
	note("second pass: %.0f reconciles (%s) in %s; writes: %s", pass.reconciles, pass.byCtrl, pass.converged.Round(time.Millisecond), b.writes.summary(pass.writes))
	logf2("memory: a fresh manager whose cache is not trimmed (managed fields kept)")
	m, passMF, err := b.secondPass(ctx, m, false, nCases)
	if err != nil {
		return err
	}
	if err := b.stopManager(m); err != nil {
		return err
	}
	m = nil

	// ---- The anchor: the Job controller ---------------------------------------------------
	logf2("jobs: the Job controller on %d Jobs in %d bursts a minute apart", o.late, o.spread)
	jobs, err := b.runJobs(ctx, jNS, o.late, lead)
	if err != nil {
		return err
	}
	for _, ns := range jNS {
		s := jobs.perCounty[ns]
		note("jobs %s: %d Jobs, p50 %.3fs p99 %.3fs max %.3fs", ns, s.n, s.p50, s.p99, s.max)
	}
	note("jobs: kube-controller-manager %s", strings.Join(jobs.flags[1:], " "))

	// ---- The table --------------------------------------------------------------------------
	for _, q := range []struct {
		label string
		v, j  float64
	}{{"p50", late.watched.p50, jobs.lateness.p50}, {"p99", late.watched.p99, jobs.lateness.p99}, {"max", late.watched.max, jobs.lateness.max}} {
		r := row{Measure: "lateness " + q.label + ", onestop (decision seen by a watch)", Value: round(q.v, 3), Unit: "s",
			Reference: "Job controller", RefValue: ptrTo(round(q.j, 3)), Ratio: ptrTo(round(q.v/q.j, 3))}
		if q.label == "p99" {
			r.Goal = "<= 1 s and <= Job controller"
		}
		add(r)
	}
	add(
		row{Measure: "lateness p99, condition lastTransitionTime", Value: round(late.byCondition.p99, 3), Unit: "s (1 s resolution)",
			Reference: "goal 1 s", RefValue: ptrTo(1), Ratio: ptrTo(round(late.byCondition.p99, 3))},
		row{Measure: "lateness: cases decided by their own timer", Value: float64(late.armed), Unit: "cases",
			Reference: "N", RefValue: ptrTo(float64(o.late)), Ratio: ptrTo(round(float64(late.armed)/float64(o.late), 3)), Goal: "1.0",
			Note: fmt.Sprintf("seen reconciled and undecided before the deadline; created in %.1fs, clock set %s ahead; %d counties closing 17:30..17:%02d, %d deadlines at each minute",
				late.created.Seconds(), lead, o.spread, 30+o.spread-1, o.late/o.spread)},
		row{Measure: "lateness: manager API writes per case", Value: round(float64(late.writeTotal)/float64(o.late), 2), Unit: "writes",
			Reference: "3 (first reconcile, decision, its event)", RefValue: ptrTo(3), Ratio: ptrTo(round(float64(late.writeTotal)/float64(o.late)/3, 3)),
			Note: b.writes.summary(late.writes) + fmt.Sprintf("; %d edited cases cost one more status write each (their new generation)", late.edited)},
	)
	worstNS, worst := worstBurst(late.perCounty)
	burstRef := float64(worst.n) / w
	add(row{Measure: "burst: deadline to last decision, slowest county", Value: round(worst.max, 2), Unit: "s",
		Reference: "its cases / W", RefValue: ptrTo(round(burstRef, 2)), Ratio: ptrTo(round(worst.max/burstRef, 3)), Goal: "<= 1.3",
		Note: fmt.Sprintf("%s: %d cases due at one instant", worstNS, worst.n)})
	jobWorst, jobBurst := worstBurst(jobs.perCounty)
	jobRef := float64(jobBurst.n) / jobs.w
	add(row{Measure: "burst, Job controller: deadline to last Failed, slowest namespace", Value: round(jobBurst.max, 2), Unit: "s",
		Reference: "its Jobs / W of Jobs", RefValue: ptrTo(round(jobRef, 2)), Ratio: ptrTo(round(jobBurst.max/jobRef, 3)),
		Note: fmt.Sprintf("%s: %d Jobs due at one instant; W of Jobs = %.1f status merge-patches/s by a bare client (Jobs are built-in: protobuf, no CEL; the bare client speaks protobuf to them too), W of cases = %.1f", jobWorst, jobBurst.n, jobs.w, w)})
	add(row{Measure: "timer survival: edited cases not decided on time", Value: float64(late.editedMissed), Unit: "cases",
		Reference: "edited", RefValue: ptrTo(float64(late.edited)), Goal: "0",
		Note: "labelled and given more materials before the deadline; missed = not armed, or decided after every unedited case of its county"})
	add(
		row{Measure: "restart: cases lost", Value: float64(rs.lost), Unit: "cases", Reference: "K", RefValue: ptrTo(float64(rs.k)), Goal: "0"},
		row{Measure: "restart: cases decided twice", Value: float64(rs.twice), Unit: "cases", Reference: "K", RefValue: ptrTo(float64(rs.k)), Goal: "0",
			Note: "more than one DecidedByTimeoutConsent event, or a decision changed after it was seen"},
		row{Measure: "restart: recovery, manager start to the last decision", Value: round(rs.recovery.Seconds(), 2), Unit: "s",
			Reference: "LIST + K/W", RefValue: ptrTo(round(restartRef, 2)), Ratio: ptrTo(round(rs.recovery.Seconds()/restartRef, 3)),
			Note: fmt.Sprintf("a bare LIST of every case took %.2fs; K = %d", rs.listTime.Seconds(), rs.k)},
	)
	idleSeconds := o.idle.Seconds()
	add(
		row{Measure: "idle: reconciles/s", Value: round((i1-i0)/idleSeconds, 3), Unit: "/s", Reference: fmt.Sprintf("over %s", o.idle), Goal: "0"},
		row{Measure: "idle: API writes/s", Value: round(float64(idleWriteTotal)/idleSeconds, 3), Unit: "/s", Reference: fmt.Sprintf("over %s", o.idle), Goal: "0"},
		row{Measure: "second pass: API writes", Value: float64(pass.writeTotal), Unit: "writes",
			Reference: "reconciles", RefValue: ptrTo(pass.reconciles), Goal: "0",
			Note: fmt.Sprintf("a fresh manager reconciled every object again in %.1fs", pass.converged.Seconds())},
		row{Measure: "memory: live heap per cached case, cache trimmed (as shipped)", Value: round(pass.heapPerCase, 0), Unit: "bytes",
			Reference: "stored JSON", RefValue: ptrTo(round(jsonMF, 0)), Ratio: ptrTo(round(pass.heapPerCase/jsonMF, 3)), Goal: "<= 1.5",
			Note: fmt.Sprintf("%d cases; JSON without managed fields %.0f bytes", nCases, jsonNoMF)},
		row{Measure: "memory: live heap per cached case, cache not trimmed", Value: round(passMF.heapPerCase, 0), Unit: "bytes",
			Reference: "stored JSON", RefValue: ptrTo(round(jsonMF, 0)), Ratio: ptrTo(round(passMF.heapPerCase/jsonMF, 3))},
	)

	// ---- Scale -------------------------------------------------------------------------------
	if o.scale > 0 {
		rows, err := b.runScale(ctx, sNS, lNS, o.scale)
		if err != nil {
			return err
		}
		add(rows...)
	}
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
