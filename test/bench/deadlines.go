package main

import (
	"context"
	"fmt"
	"sort"
	"time"

	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// editedLabel marks the cases the timer-survival measure edits before their deadline.
const editedLabel = "bench.onestop.dev/edited"

// deadlineRun is a set of cases that fall due while the manager runs: received on a Monday
// at 10:00 CST in each of the counties, due on Tuesday at each county's close of business
// (17:30, 17:31, ...), so deadlines come in one burst per county and minute.
type deadlineRun struct {
	phase    string   // the phaseLabel value of its cases
	counties []string // namespaces, the j-th closing at 17:30+j
	n        int
	lead     time.Duration // the clock is set this long before the first deadline
	editOne  int           // every editOne-th case is edited before its deadline (0: none)
	received time.Time     // a Monday 10:00 CST
	first    time.Time     // the Tuesday after, 17:30 CST
}

// spreadSummary is lateness over one burst or over all.
type spreadSummary struct {
	n             int
	p50, p99, max float64 // seconds
}

func summarize(v []float64) spreadSummary {
	sort.Float64s(v)
	return spreadSummary{n: len(v), p50: quantile(v, 0.5), p99: quantile(v, 0.99), max: quantile(v, 1)}
}

type deadlineStats struct {
	created      time.Duration
	watched      spreadSummary            // decision seen by a watch - deadline
	byCondition  spreadSummary            // condition lastTransitionTime - decision.at (1 s resolution)
	perCounty    map[string]spreadSummary // watched, by county
	armed        int                      // cases seen reconciled and undecided before their deadline
	edited       int
	editedMissed int // edited cases not armed, or decided after the last unedited case of their county
	writes       map[string]int
	writeTotal   int
}

// runDeadlines creates the run's cases with the clock lead before the first deadline, edits
// every editOne-th of them, and waits until every case is decided.
func (b *bench) runDeadlines(ctx context.Context, run deadlineRun) (deadlineStats, error) {
	var st deadlineStats
	b.clk.SetTime(run.first.Add(-run.lead))
	b.writes.take()
	track := startTracker(b.watchCtx, b.cl, run.phase)
	_, created, err := createCases(ctx, b.cl, run.counties, run.n, b.o.concurrency, run.phase, run.received)
	if err != nil {
		return st, err
	}
	st.created = created
	logf2("%s: %d cases created in %s (%s before the first deadline)", run.phase, run.n,
		created.Round(time.Millisecond), time.Until(b.clk.realTime(run.first)).Round(time.Millisecond))
	if run.editOne > 0 {
		// A label and a spec change (more materials): a new generation, reconciled again,
		// whose timer must still fire at the same deadline.
		patch := []byte(`{"metadata":{"labels":{"` + editedLabel + `":"true"}},"spec":{"materialsSubmitted":["建设工程施工许可申请表","补充说明"]}}`)
		var keys []types.NamespacedName
		for i := 0; i < run.n; i += run.editOne {
			keys = append(keys, types.NamespacedName{Namespace: run.counties[i%len(run.counties)], Name: caseName(run.phase, i)})
		}
		err := parallel(len(keys), b.o.concurrency, func(i int) error {
			c := &v1alpha1.ApprovalCase{}
			c.Namespace, c.Name = keys[i].Namespace, keys[i].Name
			return b.cl.Patch(ctx, c, client.RawPatch(types.MergePatchType, patch))
		})
		if err != nil {
			return st, fmt.Errorf("editing cases: %w", err)
		}
		st.edited = len(keys)
		logf2("%s: edited %d cases, %s before the first deadline", run.phase, len(keys), time.Until(b.clk.realTime(run.first)).Round(time.Millisecond))
	}
	wait := run.lead + time.Duration(len(run.counties))*time.Minute + b.o.timeout
	if err := track.wait(ctx, run.n, wait); err != nil {
		return st, fmt.Errorf("%s: %w", run.phase, err)
	}
	if err := checkOutcomes(ctx, b.cl, run.phase, run.n); err != nil {
		return st, fmt.Errorf("%s: %w", run.phase, err)
	}
	// The events trail the decisions (paced): count them too.
	if _, err := b.settle(3*time.Second, b.o.timeout); err != nil {
		return st, fmt.Errorf("%s: %w", run.phase, err)
	}
	st.writes, st.writeTotal = b.writes.take()

	seen, armed := track.snapshot()
	list := &v1alpha1.ApprovalCaseList{}
	if err := b.cl.List(ctx, list, client.MatchingLabels{phaseLabel: run.phase}); err != nil {
		return st, err
	}
	var watched, byCondition []float64
	perCounty := map[string][]float64{}
	lastUnedited := map[string]float64{}
	type editedCase struct {
		ns    string
		late  float64
		armed bool
	}
	var edited []editedCase
	for _, c := range list.Items {
		key := c.Namespace + "/" + c.Name
		d := c.Status.Decision.At.Time
		late := seen[key].Sub(b.clk.realTime(d)).Seconds()
		watched = append(watched, late)
		perCounty[c.Namespace] = append(perCounty[c.Namespace], late)
		for _, cond := range c.Status.Conditions {
			if cond.Type == v1alpha1.ConditionDecidedByTimeoutConsent {
				byCondition = append(byCondition, cond.LastTransitionTime.Sub(d).Seconds())
			}
		}
		if armed[key] {
			st.armed++
		}
		if c.Labels[editedLabel] == "true" {
			edited = append(edited, editedCase{c.Namespace, late, armed[key]})
		} else {
			lastUnedited[c.Namespace] = max(lastUnedited[c.Namespace], late)
		}
	}
	for _, e := range edited {
		// Decided by its own timer within its county's burst; a second of slack for the
		// watch's delivery order.
		if !e.armed || e.late > lastUnedited[e.ns]+1 {
			st.editedMissed++
		}
	}
	st.watched, st.byCondition = summarize(watched), summarize(byCondition)
	st.perCounty = map[string]spreadSummary{}
	for ns, v := range perCounty {
		st.perCounty[ns] = summarize(v)
	}
	return st, nil
}

// worstBurst is the county whose burst took longest to decide: its size and the time from
// its deadline to its last decision.
func worstBurst(per map[string]spreadSummary) (string, spreadSummary) {
	var name string
	var worst spreadSummary
	for ns, s := range per {
		if name == "" || s.max > worst.max {
			name, worst = ns, s
		}
	}
	return name, worst
}
