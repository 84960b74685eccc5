package assessment

import (
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
)

// Weights are an assessment's weights in points, defaults filled in.
type Weights struct {
	OnTime, OnTheSpot, TimeoutsCaused, OutOfSystem, OpenAnomalies int64
}

// DefaultWeights apply to every weight a spec leaves out: 70 points for the on-time rate and
// 30 for the on-the-spot share (full marks 100); 5 off for each case decided by the
// department's silence, 5 for each case out of the one door, 2 for each open anomaly.
var DefaultWeights = Weights{OnTime: 70, OnTheSpot: 30, TimeoutsCaused: 5, OutOfSystem: 5, OpenAnomalies: 2}

// WeightsOf fills in the defaults of the weights a spec leaves out.
func WeightsOf(w *v1alpha1.AssessmentWeights) Weights {
	out := DefaultWeights
	if w == nil {
		return out
	}
	for _, f := range []struct {
		from *int32
		to   *int64
	}{
		{w.OnTime, &out.OnTime}, {w.OnTheSpot, &out.OnTheSpot}, {w.TimeoutsCaused, &out.TimeoutsCaused},
		{w.OutOfSystem, &out.OutOfSystem}, {w.OpenAnomalies, &out.OpenAnomalies},
	} {
		if f.from != nil {
			*f.to = int64(*f.from)
		}
	}
	return out
}

// Case is what a scorecard needs of one case: its status, as the case reconciler wrote it.
type Case struct {
	Name string
	// ReceivedAt is spec.receivedAt.
	ReceivedAt time.Time
	// Current tells whether the status describes the case's spec (observedGeneration).
	Current bool
	Status  v1alpha1.ApprovalCaseStatus
}

// Department is what a scorecard needs of one department.
type Department struct {
	Name, DisplayName string
	// Anomalies are the anomaly conditions True on it.
	Anomalies []string
	// Current tells whether its status describes its spec (observedGeneration).
	Current bool
}

// Input is everything one scorecard counts.
type Input struct {
	Period  Period
	Now     time.Time
	Weights Weights
	// Departments are the departments assessed, each once.
	Departments []Department
	// Cases are the cases of the departments assessed and the cases they are liable for; a
	// case listed twice counts once.
	Cases    []Case
	Findings []v1alpha1.AssessmentFinding
}

// Result is a scorecard.
type Result struct {
	// Rows are the departments in rank order, rank 1 first.
	Rows []v1alpha1.DepartmentAssessment
	// IgnoredFindings lists the findings that name a department not assessed, or a day
	// outside the period, as "department date".
	IgnoredFindings []string
}

// tally is one department's figures while counting.
type tally struct {
	row                                 v1alpha1.DepartmentAssessment
	due, onTime, spotDue, spot          int64
	decided, timeouts, outOfSystem      int64
	sentBack, anomalies, deductedPoints int64
	score                               *big.Rat
	tenths                              int64
}

// Score computes every department's figures and score for the period, and ranks them.
func Score(in Input) Result {
	tallies := map[string]*tally{}
	var order []*tally
	for _, d := range in.Departments {
		if _, dup := tallies[d.Name]; dup {
			continue
		}
		t := &tally{row: v1alpha1.DepartmentAssessment{Name: d.Name, DisplayName: d.DisplayName}}
		t.anomalies = int64(len(d.Anomalies))
		if len(d.Anomalies) > 0 {
			t.row.Anomalies = append([]string(nil), d.Anomalies...)
			sort.Strings(t.row.Anomalies)
		}
		tallies[d.Name] = t
		order = append(order, t)
	}

	seen := map[string]bool{}
	for _, c := range in.Cases {
		if seen[c.Name] {
			continue
		}
		seen[c.Name] = true
		s := c.Status
		for _, sl := range silences(s) {
			if t := tallies[sl.department]; t != nil && in.Period.Contains(sl.at) {
				t.timeouts++
			}
		}
		t := tallies[s.Department]
		if t == nil {
			continue
		}
		if at, onTime, ok := onTimeVerdict(s, in.Now); ok && in.Period.Contains(at) {
			t.due++
			if onTime {
				t.onTime++
			}
		}
		if at, onSpot, ok := onTheSpotVerdict(s, in.Now); ok && in.Period.Contains(at) {
			t.spotDue++
			if onSpot {
				t.spot++
			}
		}
		if s.Decision != nil && in.Period.Contains(s.Decision.At.Time) {
			t.decided++
		}
		if meta.IsStatusConditionTrue(s.Conditions, v1alpha1.ConditionOutOfSystem) && in.Period.Contains(c.ReceivedAt) {
			t.outOfSystem++
		}
	}

	var ignored []string
	for _, f := range in.Findings {
		t := tallies[f.Department]
		day, err := calendar.ParseDate(f.Date)
		if t == nil || err != nil || !in.Period.ContainsDate(day) {
			ignored = append(ignored, f.Department+" "+f.Date)
			continue
		}
		n := int64(max(f.Count, 1))
		if f.Kind == v1alpha1.FindingSentBackToDepartment {
			t.sentBack += n
		} else {
			t.outOfSystem += n
		}
	}

	w := in.Weights
	for _, t := range order {
		earned := new(big.Rat).Add(points(w.OnTime, t.onTime, t.due), points(w.OnTheSpot, t.spot, t.spotDue))
		t.deductedPoints = w.TimeoutsCaused*t.timeouts + w.OutOfSystem*(t.outOfSystem+t.sentBack) + w.OpenAnomalies*t.anomalies
		t.score = earned.Sub(earned, new(big.Rat).SetInt64(t.deductedPoints))
		t.tenths = roundTenths(t.score)
		t.row.Score = formatTenths(t.tenths)
		t.row.Deducted = int32(t.deductedPoints)
		t.row.Due, t.row.OnTime, t.row.OnTimePercent = int32(t.due), int32(t.onTime), percent(t.onTime, t.due)
		t.row.Decided = int32(t.decided)
		t.row.OnTheSpotDue, t.row.OnTheSpot, t.row.OnTheSpotPercent = int32(t.spotDue), int32(t.spot), percent(t.spot, t.spotDue)
		t.row.TimeoutsCaused, t.row.OutOfSystem, t.row.SentBack = int32(t.timeouts), int32(t.outOfSystem), int32(t.sentBack)
		t.row.OpenAnomalies = int32(t.anomalies)
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		switch {
		case a.tenths != b.tenths:
			return a.tenths > b.tenths
		case a.deductedPoints != b.deductedPoints:
			return a.deductedPoints < b.deductedPoints
		case a.due != b.due:
			return a.due > b.due
		}
		return a.row.Name < b.row.Name
	})
	res := Result{IgnoredFindings: ignored}
	for i, t := range order {
		t.row.Rank = int32(i + 1)
		res.Rows = append(res.Rows, t.row)
	}
	return res
}

// points is weight × part/whole, or the whole weight when there is nothing to count.
func points(weight, part, whole int64) *big.Rat {
	if whole == 0 {
		return new(big.Rat).SetInt64(weight)
	}
	return new(big.Rat).SetFrac64(weight*part, whole)
}

// percent is part/whole in percent with one decimal, or "" when there is nothing to count.
func percent(part, whole int64) string {
	if whole == 0 {
		return ""
	}
	return new(big.Rat).SetFrac64(100*part, whole).FloatString(1)
}

// roundTenths rounds r to tenths, half away from zero, as a count of tenths.
func roundTenths(r *big.Rat) int64 {
	n, _ := strconv.ParseInt(new(big.Rat).Mul(r, big.NewRat(10, 1)).FloatString(0), 10, 64)
	return n
}

// formatTenths writes a count of tenths as a decimal: 965 as "96.5", -5 as "-0.5".
func formatTenths(n int64) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s%d.%d", sign, n/10, n%10)
}

// silence is a department's silence that decided (part of) a case, and when it took effect.
type silence struct {
	department string
	at         time.Time
}

// silences lists who the case's status holds liable (status.liableDepartments) and when the
// silence took effect: a co-approver's at its own deadline, the lead department's at the
// decision by law.
func silences(s v1alpha1.ApprovalCaseStatus) []silence {
	liable := map[string]bool{}
	for _, d := range s.LiableDepartments {
		liable[d] = true
	}
	var out []silence
	for _, co := range s.CoApprovals {
		if co.Answer == string(v1alpha1.DecidedByTimeoutConsent) && co.Deadline != nil && liable[co.Department] {
			out = append(out, silence{co.Department, co.Deadline.Time})
		}
	}
	if d := s.Decision; d != nil && d.Method != v1alpha1.DecidedByPerson && liable[s.Department] {
		out = append(out, silence{s.Department, d.At.Time})
	}
	return out
}

// onTimeVerdict tells whether a case was decided on time and when that became known: at a
// person's decision by the deadline, or at the deadline when it passed without one. ok is
// false while it is not known yet, and for a withdrawn case.
func onTimeVerdict(s v1alpha1.ApprovalCaseStatus, now time.Time) (at time.Time, onTime, ok bool) {
	d, due := s.Decision, s.DecisionDeadline
	switch {
	case s.Phase == v1alpha1.PhaseWithdrawn:
		return time.Time{}, false, false
	case d != nil && d.Method == v1alpha1.DecidedByPerson && (due == nil || !d.At.After(due.Time)):
		return d.At.Time, true, true
	case due != nil && (d != nil || !now.Before(due.Time)):
		return due.Time, false, true
	case d != nil:
		// Decided by law with no deadline recorded: late, when it was decided.
		return d.At.Time, false, true
	}
	return time.Time{}, false, false
}

// onTheSpotVerdict is onTimeVerdict against the on-the-spot deadline of a category 1 or 2
// case; ok is false for other cases.
func onTheSpotVerdict(s v1alpha1.ApprovalCaseStatus, now time.Time) (at time.Time, onSpot, ok bool) {
	spot, d := s.OnTheSpotDeadline, s.Decision
	switch {
	case spot == nil || s.Phase == v1alpha1.PhaseWithdrawn:
		return time.Time{}, false, false
	case d != nil && d.Method == v1alpha1.DecidedByPerson && !d.At.After(spot.Time):
		return d.At.Time, true, true
	case d != nil || !now.Before(spot.Time):
		return spot.Time, false, true
	}
	return time.Time{}, false, false
}

// Standing is how kubectl shows a ranking.
type Standing struct {
	// Top and Bottom are the first and last department with their score, e.g. "water 96.5".
	Top, Bottom string
	// Ranking is the first RankingHead places, e.g. "1. water 96.5, 2. land 90.0, … (30)".
	Ranking string
}

// RankingHead is how many places status.ranking shows.
const RankingHead = 5

// StandingOf sums up rows that are in rank order.
func StandingOf(rows []v1alpha1.DepartmentAssessment) Standing {
	if len(rows) == 0 {
		return Standing{}
	}
	entry := func(r v1alpha1.DepartmentAssessment) string { return r.Name + " " + r.Score }
	var head []string
	for _, r := range rows[:min(len(rows), RankingHead)] {
		head = append(head, fmt.Sprintf("%d. %s", r.Rank, entry(r)))
	}
	ranking := strings.Join(head, ", ")
	if len(rows) > RankingHead {
		ranking += fmt.Sprintf(", … (%d ranked)", len(rows))
	}
	return Standing{Top: entry(rows[0]), Bottom: entry(rows[len(rows)-1]), Ranking: ranking}
}
