package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"onestop.dev/onestop/api/v1alpha1"
)

// Queue selects cases. Several queues together select the cases in any of them; the filters
// narrow the result.
type Queue struct {
	// DueToday: open cases whose next deadline falls today, in the jurisdiction's time.
	DueToday bool
	// Overdue: cases past their deadline (DeadlineExceeded), open or decided late.
	Overdue bool
	// TimeoutConsent: cases decided by timeout consent, or in which a co-approver was deemed
	// to consent by its silence.
	TimeoutConsent bool
	// Open keeps only cases not yet decided or withdrawn.
	Open bool
	// Department keeps the cases of the items of one department (by name).
	Department string
	// Item keeps the cases of one item, by name or by code.
	Item string
	// Sort is "deadline" (default) or "received".
	Sort string
}

// CaseRow is one case as the queues show it.
type CaseRow struct {
	Namespace string
	Name      string
	Item      string
	// Code is the item's catalog code, when the item is known.
	Code       string
	Department string
	Phase      string
	Received   time.Time
	// Deadline is the case's next deadline while it is open (the notice while it is not yet
	// accepted, else the decision, on the spot for category 1 and 2), its decision deadline
	// once settled.
	Deadline   *time.Time
	Outcome    string
	DecidedBy  string
	Decider    string
	Liable     []string
	Anomalies  []string
	Overdue    bool
	Location   *time.Location
	openStatus bool
}

// Open tells whether the case is still to be decided.
func (r CaseRow) Open() bool { return r.openStatus }

// Settled tells whether a case was decided or withdrawn.
func Settled(c *v1alpha1.ApprovalCase) bool {
	return c.Status.Decision != nil || c.Status.Phase == v1alpha1.PhaseWithdrawn || c.Status.Phase == v1alpha1.PhaseDecided
}

// NextDeadline is the deadline a case's queue position depends on: while it is open, the
// notice deadline until it is accepted, then the on-the-spot deadline (categories 1 and 2)
// or the decision deadline; once settled, the decision deadline.
func NextDeadline(c *v1alpha1.ApprovalCase) *time.Time {
	st := c.Status
	pick := func(ts ...*metav1.Time) *time.Time {
		for _, t := range ts {
			if t != nil {
				v := t.Time
				return &v
			}
		}
		return nil
	}
	if Settled(c) {
		return pick(st.DecisionDeadline, st.OnTheSpotDeadline)
	}
	if st.AcceptedAt == nil {
		return pick(st.NoticeDeadline, st.OnTheSpotDeadline)
	}
	return pick(st.OnTheSpotDeadline, st.DecisionDeadline)
}

// anomalies lists the case's anomaly conditions that hold, in the order they were written.
func anomalies(conds []metav1.Condition) []string {
	var out []string
	for _, c := range conds {
		switch c.Type {
		case v1alpha1.ConditionReady, v1alpha1.ConditionReconciling, v1alpha1.ConditionStalled:
			continue
		}
		if c.Status == metav1.ConditionTrue {
			out = append(out, c.Type)
		}
	}
	return out
}

// timedOut tells whether silence decided the case or a co-approver's part of it.
func timedOut(c *v1alpha1.ApprovalCase) bool {
	if d := c.Status.Decision; d != nil && d.Method == v1alpha1.DecidedByTimeoutConsent {
		return true
	}
	for _, co := range c.Status.CoApprovals {
		if co.Answer == string(v1alpha1.DecidedByTimeoutConsent) {
			return true
		}
	}
	return false
}

// SelectCases returns the cases of q, sorted. items maps "namespace/name" to the items the
// cases name (for codes and departments); zone gives the time zone a case's days are
// counted in (its center's calendar).
func SelectCases(cases []v1alpha1.ApprovalCase, items map[string]*v1alpha1.ApprovalItem, zone func(*v1alpha1.ApprovalCase) *time.Location, q Queue, now time.Time) []CaseRow {
	var out []CaseRow
	for i := range cases {
		c := &cases[i]
		loc := time.UTC
		if zone != nil {
			if l := zone(c); l != nil {
				loc = l
			}
		}
		row := CaseRow{
			Namespace: c.Namespace, Name: c.Name, Item: c.Spec.Item, Department: c.Status.Department,
			Phase: string(c.Status.Phase), Received: c.Spec.ReceivedAt.Time, Deadline: NextDeadline(c),
			Liable: c.Status.LiableDepartments, Anomalies: anomalies(c.Status.Conditions),
			Overdue:    meta.IsStatusConditionTrue(c.Status.Conditions, v1alpha1.ConditionDeadlineExceeded),
			Location:   loc,
			openStatus: !Settled(c),
		}
		if it, ok := items[c.Namespace+"/"+c.Spec.Item]; ok {
			row.Code = it.Spec.Code
			if row.Department == "" {
				row.Department = it.Spec.Department
			}
		}
		if d := c.Status.Decision; d != nil {
			row.Outcome, row.DecidedBy, row.Decider = string(d.Outcome), string(d.Method), d.By
		} else if c.Status.Phase == v1alpha1.PhaseWithdrawn {
			row.Outcome = "Withdrawn"
		}

		if q.Department != "" && row.Department != q.Department {
			continue
		}
		if q.Item != "" && row.Item != q.Item && row.Code != q.Item {
			continue
		}
		if q.Open && !row.openStatus {
			continue
		}
		if q.DueToday || q.Overdue || q.TimeoutConsent {
			in := (q.Overdue && row.Overdue) || (q.TimeoutConsent && timedOut(c))
			if q.DueToday && row.openStatus && row.Deadline != nil {
				y1, m1, d1 := row.Deadline.In(loc).Date()
				y2, m2, d2 := now.In(loc).Date()
				in = in || (y1 == y2 && m1 == m2 && d1 == d2)
			}
			if !in {
				continue
			}
		}
		out = append(out, row)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if q.Sort == "received" {
			if !a.Received.Equal(b.Received) {
				return a.Received.Before(b.Received)
			}
		} else {
			switch {
			case a.Deadline == nil && b.Deadline != nil:
				return false
			case a.Deadline != nil && b.Deadline == nil:
				return true
			case a.Deadline != nil && !a.Deadline.Equal(*b.Deadline):
				return a.Deadline.Before(*b.Deadline)
			}
		}
		if a.Namespace != b.Namespace {
			return a.Namespace < b.Namespace
		}
		return a.Name < b.Name
	})
	return out
}

// clock formats an instant in a zone, as the case's status shows its deadline.
func clock(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02 15:04 MST")
}

// RenderCases writes the queue as a table. allNamespaces adds the namespace column.
func RenderCases(w io.Writer, rows []CaseRow, allNamespaces bool, now time.Time, st Style) error {
	if len(rows) == 0 {
		_, err := io.WriteString(w, "No cases in this queue.\n")
		return err
	}
	t := &table{header: []string{"NAME", "ITEM", "DEPARTMENT", "PHASE", "RECEIVED", "DEADLINE", "OUTCOME", "DECIDED BY", "LIABLE", "ANOMALIES"}}
	if allNamespaces {
		t.header = append([]string{"NAMESPACE"}, t.header...)
	}
	for _, r := range rows {
		item := r.Item
		if r.Code != "" {
			item = r.Code
		}
		deadline := "-"
		if r.Deadline != nil {
			deadline = clock(*r.Deadline, r.Location)
			switch {
			case r.openStatus && !now.Before(*r.Deadline):
				deadline = st.Red(deadline + " (passed)")
			case r.openStatus && sameDay(*r.Deadline, now, r.Location):
				deadline = st.Yellow(deadline + " (today)")
			}
		}
		decidedBy := dash(r.DecidedBy)
		if r.DecidedBy == string(v1alpha1.DecidedByPerson) && r.Decider != "" {
			decidedBy = r.Decider
		} else if r.DecidedBy != "" && r.DecidedBy != string(v1alpha1.DecidedByPerson) {
			decidedBy = st.Yellow(r.DecidedBy)
		}
		outcome := dash(r.Outcome)
		anoms := strings.Join(r.Anomalies, ",")
		if anoms != "" {
			anoms = st.Red(anoms)
		}
		cells := []string{r.Name, item, dash(r.Department), dash(r.Phase), clock(r.Received, r.Location)[:16], deadline, outcome, decidedBy, dash(strings.Join(r.Liable, ",")), dash(anoms)}
		if allNamespaces {
			cells = append([]string{r.Namespace}, cells...)
		}
		t.add(cells...)
	}
	if err := t.write(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d %s\n", len(rows), plural(len(rows), "case", "cases"))
	return err
}

func sameDay(a, b time.Time, loc *time.Location) bool {
	y1, m1, d1 := a.In(loc).Date()
	y2, m2, d2 := b.In(loc).Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
