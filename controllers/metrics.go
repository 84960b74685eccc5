package controllers

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/manager"
	"sigs.k8s.io/controller-runtime/pkg/metrics"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/policy"
)

// The metrics below are gauges computed at scrape time from the manager's informer cache:
// no reconciler counts anything for them, and a scrape writes nothing. Every figure is what
// the objects' status says at that moment, so a restarted manager serves the same figures,
// and replicas that are not the leader serve them too. README.md lists them.

// The metric names and labels.
var (
	metricCases = prometheus.NewDesc("onestop_cases",
		"Cases by state: open (not decided or withdrawn), decided, withdrawn, and overdue (DeadlineExceeded: open past the deadline, or decided late; overlaps open and decided).",
		[]string{"namespace", "department", "item", "state"}, nil)
	metricDecisions = prometheus.NewDesc("onestop_decisions",
		"Decided cases by how the decision was reached (method: Person, TimeoutConsent, DeemedRefusal) and its outcome.",
		[]string{"namespace", "department", "method", "outcome"}, nil)
	metricDecisionDays = prometheus.NewDesc("onestop_case_decision_working_days",
		"Working days from a case's receipt to its decision, on the calendar of the center that received it (0: decided the day it arrived).",
		[]string{"namespace", "department", "method"}, nil)
	metricRelocation = prometheus.NewDesc("onestop_department_relocation_ratio",
		"The share of a department's items that must be handled in the Center and are (status.itemsRelocated / status.itemsRequired); 1 when none must.",
		[]string{"namespace", "department"}, nil)
	metricPhaseProgress = prometheus.NewDesc("onestop_reformplan_phase_progress",
		"Departments in a rollout phase by progress: done (every requirement met on time), pending, overdue, late (met after the phase's end).",
		[]string{"namespace", "plan", "phase", "progress"}, nil)
	metricAnomalies = prometheus.NewDesc("onestop_anomalies",
		"Objects with an anomaly condition True, by kind and condition type; department is the department the object belongs to, if any. A settled case keeps its anomalies as its record.",
		[]string{"namespace", "kind", "condition", "department"}, nil)
	metricScore = prometheus.NewDesc("onestop_assessment_score",
		"A department's score in an Assessment (status.departments[].score).",
		[]string{"namespace", "assessment", "period", "department"}, nil)
	metricRank = prometheus.NewDesc("onestop_assessment_rank",
		"A department's rank in an Assessment, 1 first.",
		[]string{"namespace", "assessment", "period", "department"}, nil)
)

// decisionDayBuckets are the histogram's upper bounds, in working days: on the spot, the
// common promised limits, the statutory 20 and its extension, and the 45 of joint handling.
var decisionDayBuckets = []float64{0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60}

// +kubebuilder:rbac:groups=reform.onestop.dev,resources=servicecenters;departments;approvalsections;servicewindows;approvalitems;approvalcases;workcalendars;assessments;reformplans,verbs=get;list;watch

// onestopMetrics is the one collector of the process, registered once in controller-runtime's
// registry; each SetupAll points it at its manager's cache (the envtest suites start several
// managers in one process).
var (
	onestopMetrics      = &metricsCollector{}
	registerMetricsOnce sync.Once
	registerMetricsErr  error
)

// setupMetrics registers the collector, the first time, and makes it read mgr's cache.
func setupMetrics(mgr ctrl.Manager, cals *calendars) error {
	registerMetricsOnce.Do(func() { registerMetricsErr = metrics.Registry.Register(onestopMetrics) })
	if registerMetricsErr != nil {
		return registerMetricsErr
	}
	src := &metricsSource{reader: mgr.GetCache(), synced: mgr.GetCache().WaitForCacheSync, calendars: cals}
	onestopMetrics.source.Store(src)
	// A stopped manager's cache is let go: the collector outlives managers in one process
	// (tests and make bench start several in turn).
	return mgr.Add(manager.RunnableFunc(func(ctx context.Context) error {
		<-ctx.Done()
		onestopMetrics.source.CompareAndSwap(src, nil)
		return nil
	}))
}

type metricsSource struct {
	reader    client.Reader
	synced    func(context.Context) bool
	calendars *calendars
}

type metricsCollector struct {
	source atomic.Pointer[metricsSource]
}

// Describe sends every metric's description.
func (c *metricsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{metricCases, metricDecisions, metricDecisionDays, metricRelocation,
		metricPhaseProgress, metricAnomalies, metricScore, metricRank} {
		ch <- d
	}
}

// Collect reads the cache and sends every metric. A kind that cannot be read is left out and
// logged, so the others are still served.
func (c *metricsCollector) Collect(ch chan<- prometheus.Metric) {
	src := c.source.Load()
	if src == nil {
		return
	}
	// Before the cache has synced there are no figures yet: answer the scrape at once
	// rather than hold it until the sync (or the scrape's timeout).
	now, stop := context.WithCancel(context.Background())
	stop()
	if !src.synced(now) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	log := ctrl.Log.WithName("metrics")
	anomalies := anomalyCounter{}
	for _, step := range []struct {
		kind    string
		collect func(context.Context, chan<- prometheus.Metric, anomalyCounter) error
	}{
		{"ApprovalCase", src.collectCases},
		{"Department", src.collectDepartments},
		{"ReformPlan", src.collectPlans},
		{"Assessment", src.collectAssessments},
		{"others", src.collectAnomalies},
	} {
		if err := step.collect(ctx, ch, anomalies); err != nil {
			log.Error(err, "Reading objects for the metrics", "kind", step.kind)
		}
	}
	for k, n := range anomalies {
		ch <- prometheus.MustNewConstMetric(metricAnomalies, prometheus.GaugeValue, float64(n), k.namespace, k.kind, k.condition, k.department)
	}
}

type anomalyKey struct{ namespace, kind, condition, department string }

// anomalyCounter counts objects with an anomaly condition True.
type anomalyCounter map[anomalyKey]int

func (a anomalyCounter) add(kind, namespace, department string, conds []metav1.Condition, types []string) {
	for _, t := range types {
		if meta.IsStatusConditionTrue(conds, t) {
			a[anomalyKey{namespace, kind, t, department}]++
		}
	}
}

func (s *metricsSource) collectCases(ctx context.Context, ch chan<- prometheus.Metric, anomalies anomalyCounter) error {
	cases := &v1alpha1.ApprovalCaseList{}
	if err := s.reader.List(ctx, cases, client.UnsafeDisableDeepCopy); err != nil {
		return err
	}
	items := &v1alpha1.ApprovalItemList{}
	if err := s.reader.List(ctx, items, client.UnsafeDisableDeepCopy); err != nil {
		return err
	}
	centers := &v1alpha1.ServiceCenterList{}
	if err := s.reader.List(ctx, centers, client.UnsafeDisableDeepCopy); err != nil {
		return err
	}
	itemCenter := map[[2]string]string{}
	for _, it := range items.Items {
		itemCenter[[2]string{it.Namespace, it.Name}] = it.Spec.Center
	}
	centerCalendar := map[[2]string]string{}
	for _, c := range centers.Items {
		centerCalendar[[2]string{c.Namespace, c.Name}] = c.Spec.Calendar
	}

	type itemKey struct{ namespace, department, item string }
	type decisionKey struct{ namespace, department, method, outcome string }
	type daysKey struct{ namespace, department, method string }
	statuses := map[itemKey][]v1alpha1.ApprovalCaseStatus{}
	withdrawn := map[itemKey]int{}
	decisions := map[decisionKey]int{}
	days := map[daysKey][]int{}
	for i := range cases.Items {
		c := &cases.Items[i]
		st := c.Status
		anomalies.add("ApprovalCase", c.Namespace, st.Department, st.Conditions, caseAnomalies)
		k := itemKey{c.Namespace, st.Department, c.Spec.Item}
		if st.Phase == v1alpha1.PhaseWithdrawn {
			withdrawn[k]++
			continue
		}
		statuses[k] = append(statuses[k], st)
		d := st.Decision
		if d == nil {
			continue
		}
		decisions[decisionKey{c.Namespace, st.Department, string(d.Method), string(d.Outcome)}]++
		center := c.Spec.Intake.Center
		if center == "" {
			center = itemCenter[[2]string{c.Namespace, c.Spec.Item}]
		}
		cal, found, buildErr, err := s.calendars.get(ctx, centerCalendar[[2]string{c.Namespace, center}])
		if err != nil {
			return err
		}
		if !found || buildErr != nil {
			continue
		}
		// A year the calendar does not cover is not guessed: the case is left out.
		if n, err := cal.WorkingDaysBetween(c.Spec.ReceivedAt.Time, d.At.Time); err == nil {
			dk := daysKey{c.Namespace, st.Department, string(d.Method)}
			days[dk] = append(days[dk], n)
		}
	}
	for k, list := range statuses {
		f := policy.CountCases(list)
		for state, n := range map[string]int32{"open": f.Open, "decided": f.Decided, "overdue": f.Overdue} {
			ch <- prometheus.MustNewConstMetric(metricCases, prometheus.GaugeValue, float64(n), k.namespace, k.department, k.item, state)
		}
	}
	for k, n := range withdrawn {
		ch <- prometheus.MustNewConstMetric(metricCases, prometheus.GaugeValue, float64(n), k.namespace, k.department, k.item, "withdrawn")
	}
	for k, n := range decisions {
		ch <- prometheus.MustNewConstMetric(metricDecisions, prometheus.GaugeValue, float64(n), k.namespace, k.department, k.method, k.outcome)
	}
	for k, list := range days {
		ch <- decisionDaysHistogram(list, k.namespace, k.department, k.method)
	}
	return nil
}

// decisionDaysHistogram sums working-day counts into the histogram's cumulative buckets.
func decisionDaysHistogram(days []int, labels ...string) prometheus.Metric {
	buckets := make(map[float64]uint64, len(decisionDayBuckets))
	for _, b := range decisionDayBuckets {
		buckets[b] = 0
	}
	sum := 0.0
	for _, d := range days {
		sum += float64(d)
		for _, b := range decisionDayBuckets {
			if float64(d) <= b {
				buckets[b]++
			}
		}
	}
	return prometheus.MustNewConstHistogram(metricDecisionDays, uint64(len(days)), sum, buckets, labels...)
}

func (s *metricsSource) collectDepartments(ctx context.Context, ch chan<- prometheus.Metric, anomalies anomalyCounter) error {
	depts := &v1alpha1.DepartmentList{}
	if err := s.reader.List(ctx, depts, client.UnsafeDisableDeepCopy); err != nil {
		return err
	}
	for _, d := range depts.Items {
		anomalies.add("Department", d.Namespace, d.Name, d.Status.Conditions, departmentAnomalies)
		if d.Status.ObservedGeneration < 1 {
			continue // not yet counted
		}
		ratio := 1.0
		if d.Status.ItemsRequired > 0 {
			ratio = float64(d.Status.ItemsRelocated) / float64(d.Status.ItemsRequired)
		}
		ch <- prometheus.MustNewConstMetric(metricRelocation, prometheus.GaugeValue, ratio, d.Namespace, d.Name)
	}
	return nil
}

func (s *metricsSource) collectPlans(ctx context.Context, ch chan<- prometheus.Metric, anomalies anomalyCounter) error {
	plans := &v1alpha1.ReformPlanList{}
	if err := s.reader.List(ctx, plans, client.UnsafeDisableDeepCopy); err != nil {
		return err
	}
	for _, p := range plans.Items {
		anomalies.add("ReformPlan", p.Namespace, "", p.Status.Conditions, planAnomalies)
		for _, ph := range p.Status.Phases {
			for progress, n := range map[string]int32{"done": ph.Done, "pending": ph.Pending, "overdue": ph.Overdue, "late": ph.Late} {
				ch <- prometheus.MustNewConstMetric(metricPhaseProgress, prometheus.GaugeValue, float64(n), p.Namespace, p.Name, ph.Name, progress)
			}
		}
	}
	return nil
}

func (s *metricsSource) collectAssessments(ctx context.Context, ch chan<- prometheus.Metric, anomalies anomalyCounter) error {
	list := &v1alpha1.AssessmentList{}
	if err := s.reader.List(ctx, list, client.UnsafeDisableDeepCopy); err != nil {
		return err
	}
	for _, a := range list.Items {
		anomalies.add("Assessment", a.Namespace, "", a.Status.Conditions, assessmentAnomalies)
		for _, r := range a.Status.Departments {
			score, err := strconv.ParseFloat(r.Score, 64)
			if err != nil {
				continue
			}
			ch <- prometheus.MustNewConstMetric(metricScore, prometheus.GaugeValue, score, a.Namespace, a.Name, a.Status.Period, r.Name)
			ch <- prometheus.MustNewConstMetric(metricRank, prometheus.GaugeValue, float64(r.Rank), a.Namespace, a.Name, a.Status.Period, r.Name)
		}
	}
	return nil
}

// collectAnomalies counts the anomalies of the kinds that have no other metric.
func (s *metricsSource) collectAnomalies(ctx context.Context, _ chan<- prometheus.Metric, anomalies anomalyCounter) error {
	centers := &v1alpha1.ServiceCenterList{}
	sections := &v1alpha1.ApprovalSectionList{}
	windows := &v1alpha1.ServiceWindowList{}
	items := &v1alpha1.ApprovalItemList{}
	calendars := &v1alpha1.WorkCalendarList{}
	for _, l := range []client.ObjectList{centers, sections, windows, items, calendars} {
		if err := s.reader.List(ctx, l, client.UnsafeDisableDeepCopy); err != nil {
			return err
		}
	}
	for _, o := range centers.Items {
		anomalies.add("ServiceCenter", o.Namespace, o.Spec.HostDepartment, o.Status.Conditions, centerAnomalies)
	}
	for _, o := range sections.Items {
		anomalies.add("ApprovalSection", o.Namespace, o.Spec.Department, o.Status.Conditions, sectionAnomalies)
	}
	for _, o := range windows.Items {
		anomalies.add("ServiceWindow", o.Namespace, o.Spec.Department, o.Status.Conditions, windowAnomalies)
	}
	for _, o := range items.Items {
		anomalies.add("ApprovalItem", o.Namespace, o.Spec.Department, o.Status.Conditions, itemAnomalies)
	}
	for _, o := range calendars.Items {
		anomalies.add("WorkCalendar", "", "", o.Status.Conditions, calendarAnomalies)
	}
	return nil
}
