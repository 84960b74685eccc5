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
	"onestop.dev/onestop/internal/calendar"
)

// Status is the rollout at a glance: the plans' phases and every department's part.
type Status struct {
	Namespace   string             `json:"namespace"`
	Now         string             `json:"now"`
	Plans       []PlanStatus       `json:"plans,omitempty"`
	Departments []DepartmentStatus `json:"departments"`
	Totals      Totals             `json:"totals"`
}

// PlanStatus is a ReformPlan's progress as its reconciler recorded it.
type PlanStatus struct {
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
	// Reconciled is false while the plan's reconciler has not looked at its current spec.
	Reconciled bool `json:"reconciled"`
	// Phase is the current phase's name, NotStarted or Finished.
	Phase      string `json:"phase"`
	PhaseTitle string `json:"phaseTitle,omitempty"`
	Start      string `json:"start,omitempty"`
	End        string `json:"end,omitempty"`
	// Due is when the current phase's requirements are due.
	Due string `json:"due,omitempty"`
	// DaysLeft counts the calendar days from today to the due day; WorkingDaysLeft the
	// working days after today up to it, when the plan's calendar is known.
	DaysLeft        *int          `json:"daysLeft,omitempty"`
	WorkingDaysLeft *int          `json:"workingDaysLeft,omitempty"`
	InScope         int32         `json:"departmentsInScope"`
	Overdue         int32         `json:"overdue"`
	Late            int32         `json:"late"`
	Ready           string        `json:"ready,omitempty"`
	Message         string        `json:"message,omitempty"`
	Phases          []PhaseStatus `json:"phases,omitempty"`
}

// PhaseStatus is one phase's line.
type PhaseStatus struct {
	Name    string `json:"name"`
	Title   string `json:"title,omitempty"`
	Start   string `json:"start"`
	End     string `json:"end"`
	State   string `json:"state,omitempty"`
	Done    int32  `json:"done"`
	Pending int32  `json:"pending"`
	Overdue int32  `json:"overdue"`
	Late    int32  `json:"late"`
}

// DepartmentStatus is one department's row.
type DepartmentStatus struct {
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
	Batch       int32  `json:"batch"`
	Management  string `json:"management"`
	// Section is the department's approval-service section; Representative its chief
	// representative, who stands in while it has none.
	Section          string   `json:"section,omitempty"`
	Representative   string   `json:"representative,omitempty"`
	Windows          int32    `json:"windows"`
	TemporaryWindows int32    `json:"temporaryWindows"`
	ItemsRequired    int32    `json:"itemsRequired"`
	ItemsRelocated   int32    `json:"itemsRelocated"`
	Percent          int32    `json:"relocationPercent"`
	Rollout          string   `json:"rollout,omitempty"`
	Anomalies        []string `json:"anomalies,omitempty"`
	Ready            string   `json:"ready"`
}

// Totals sum up the departments.
type Totals struct {
	Departments    int   `json:"departments"`
	Ready          int   `json:"ready"`
	WithAnomalies  int   `json:"withAnomalies"`
	ItemsRequired  int32 `json:"itemsRequired"`
	ItemsRelocated int32 `json:"itemsRelocated"`
}

// BuildStatus assembles the rollout at a glance from the namespace's plans, departments and
// windows, as their reconcilers recorded them. calendars builds a plan's calendar (nil
// when unknown) for the working days left.
func BuildStatus(namespace string, plans []v1alpha1.ReformPlan, depts []v1alpha1.Department, windows []v1alpha1.ServiceWindow,
	calendars func(name string) *calendar.Calendar, now time.Time) Status {
	s := Status{Namespace: namespace, Now: now.Format(time.RFC3339)}
	for _, p := range plans {
		var cal *calendar.Calendar
		if calendars != nil {
			cal = calendars(p.Spec.Calendar)
		}
		s.Plans = append(s.Plans, planStatus(p, cal, now))
	}
	sort.Slice(s.Plans, func(i, j int) bool { return s.Plans[i].Name < s.Plans[j].Name })

	temporary := map[string]int32{}
	for _, w := range windows {
		if w.Spec.Mode == v1alpha1.WindowTemporary {
			temporary[w.Spec.Department]++
		}
	}
	for _, d := range depts {
		row := DepartmentStatus{
			Name: d.Name, DisplayName: d.Spec.DisplayName, Batch: d.Spec.Batch, Management: string(d.Spec.Management),
			Section: d.Status.Section, Windows: d.Status.Windows, TemporaryWindows: temporary[d.Name],
			ItemsRequired: d.Status.ItemsRequired, ItemsRelocated: d.Status.ItemsRelocated, Percent: d.Status.RelocationPercent,
			Anomalies: anomalies(d.Status.Conditions), Ready: "Unknown",
		}
		if r := d.Spec.ChiefRepresentative; r != nil {
			row.Representative = r.Name
		}
		if c := meta.FindStatusCondition(d.Status.Conditions, v1alpha1.ConditionReady); c != nil {
			row.Ready = string(c.Status)
		}
		if len(d.Status.Rollout) > 0 {
			row.Rollout = string(d.Status.Rollout[0].Verdict)
		}
		s.Departments = append(s.Departments, row)
		s.Totals.Departments++
		if row.Ready == string(metav1.ConditionTrue) {
			s.Totals.Ready++
		}
		if len(row.Anomalies) > 0 {
			s.Totals.WithAnomalies++
		}
		s.Totals.ItemsRequired += row.ItemsRequired
		s.Totals.ItemsRelocated += row.ItemsRelocated
	}
	sort.Slice(s.Departments, func(i, j int) bool {
		a, b := s.Departments[i], s.Departments[j]
		if a.Batch != b.Batch {
			return a.Batch < b.Batch
		}
		return a.Name < b.Name
	})
	return s
}

func planStatus(p v1alpha1.ReformPlan, cal *calendar.Calendar, now time.Time) PlanStatus {
	st := p.Status
	out := PlanStatus{
		Name: p.Name, DisplayName: p.Spec.DisplayName,
		Reconciled: st.ObservedGeneration > 0 && st.ObservedGeneration == p.Generation,
		Phase:      st.CurrentPhase, InScope: st.DepartmentsInScope, Overdue: st.Overdue, Late: st.Late,
	}
	if c := meta.FindStatusCondition(st.Conditions, v1alpha1.ConditionReady); c != nil {
		out.Ready, out.Message = string(c.Status), c.Message
	}
	recorded := map[string]v1alpha1.PhaseStatus{}
	for _, ph := range st.Phases {
		recorded[ph.Name] = ph
	}
	for _, ph := range p.Spec.Phases {
		r := recorded[ph.Name]
		out.Phases = append(out.Phases, PhaseStatus{Name: ph.Name, Title: ph.Title, Start: ph.Start, End: ph.End,
			State: string(r.State), Done: r.Done, Pending: r.Pending, Overdue: r.Overdue, Late: r.Late})
		if ph.Name != st.CurrentPhase {
			continue
		}
		out.PhaseTitle, out.Start, out.End = ph.Title, ph.Start, ph.End
		if r.Due == nil {
			continue
		}
		loc := time.UTC
		if cal != nil {
			loc = cal.Location()
		}
		due := r.Due.Time
		out.Due = clock(due, loc)
		if !due.After(now) {
			continue
		}
		dy, dm, dd := due.In(loc).Date()
		ny, nm, nd := now.In(loc).Date()
		days := int(time.Date(dy, dm, dd, 0, 0, 0, 0, time.UTC).Sub(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC)).Hours() / 24)
		out.DaysLeft = &days
		if cal != nil {
			if n, err := cal.WorkingDaysBetween(now, due); err == nil {
				out.WorkingDaysLeft = &n
			}
		}
	}
	return out
}

// Bar draws a relocation ratio as a ten-cell bar, e.g. [#######---].
func Bar(done, total int32) string {
	if total <= 0 {
		return "[" + strings.Repeat(" ", 10) + "]"
	}
	n := int(done * 10 / total)
	if done > 0 && n == 0 {
		n = 1
	}
	return "[" + strings.Repeat("#", n) + strings.Repeat("-", 10-n) + "]"
}

// shortName is a display name without its translation: "建设局 (Construction Bureau)" is 建设局.
func shortName(display string) string {
	if i := strings.Index(display, " ("); i > 0 {
		return display[:i]
	}
	return display
}

// RenderStatus writes the rollout at a glance.
func RenderStatus(w io.Writer, s Status, st Style) error {
	var b strings.Builder
	for _, p := range s.Plans {
		fmt.Fprintf(&b, "%s %s: %s\n", st.Bold("Plan"), p.Name, p.DisplayName)
		if !p.Reconciled {
			b.WriteString("  " + st.Yellow("onestop has not reconciled this plan's current spec yet: the figures below may be old") + "\n")
		}
		switch p.Phase {
		case "":
			b.WriteString("  No progress recorded yet.\n")
		case v1alpha1.CurrentPhaseFinished:
			fmt.Fprintf(&b, "  Phase:   %s: every phase has ended\n", st.Bold("Finished"))
		case v1alpha1.CurrentPhaseNotStarted:
			first := ""
			if len(p.Phases) > 0 {
				first = ": the first phase starts " + p.Phases[0].Start
			}
			fmt.Fprintf(&b, "  Phase:   %s%s\n", st.Bold("NotStarted"), first)
		default:
			title := ""
			if p.PhaseTitle != "" {
				title = " " + p.PhaseTitle
			}
			fmt.Fprintf(&b, "  Phase:   %s%s, %s .. %s\n", st.Bold(p.Phase), title, p.Start, p.End)
			if p.Due != "" {
				left := ""
				switch {
				case p.DaysLeft != nil && p.WorkingDaysLeft != nil:
					left = fmt.Sprintf(": %d %s left (%d working %s after today)", *p.DaysLeft, plural(*p.DaysLeft, "day", "days"), *p.WorkingDaysLeft, plural(*p.WorkingDaysLeft, "day", "days"))
				case p.DaysLeft != nil:
					left = fmt.Sprintf(": %d %s left", *p.DaysLeft, plural(*p.DaysLeft, "day", "days"))
				default:
					left = ": passed"
				}
				fmt.Fprintf(&b, "  Due:     %s%s\n", p.Due, left)
			}
		}
		counts := fmt.Sprintf("%d in scope, %d overdue, %d late", p.InScope, p.Overdue, p.Late)
		if p.Overdue > 0 {
			counts = st.Red(counts)
		} else if p.Late > 0 {
			counts = st.Yellow(counts)
		}
		fmt.Fprintf(&b, "  Departments: %s\n", counts)
		for _, line := range wrap(p.Message, 100) {
			fmt.Fprintf(&b, "  %s\n", line)
		}
		t := &table{header: []string{"  PHASE", "DATES", "STATE", "DONE", "PENDING", "OVERDUE", "LATE"}}
		for _, ph := range p.Phases {
			name := "  " + ph.Name
			if ph.Name == p.Phase {
				name = "> " + ph.Name
			}
			t.add(name, ph.Start+" .. "+ph.End, dash(ph.State), fmt.Sprint(ph.Done), fmt.Sprint(ph.Pending), redIf(st, ph.Overdue), fmt.Sprint(ph.Late))
		}
		if err := t.write(&b); err != nil {
			return err
		}
		b.WriteString("\n")
	}
	if len(s.Plans) == 0 {
		fmt.Fprintf(&b, "No ReformPlan in namespace %s: the rollout's phases are not declared.\n\n", s.Namespace)
	}

	t := &table{header: []string{"DEPARTMENT", "NAME", "BATCH", "SECTION / REPRESENTATIVE", "WINDOWS", "RELOCATION", "ROLLOUT", "READY", "ANOMALIES"}}
	for _, d := range s.Departments {
		var who string
		switch {
		case d.Section != "":
			who = "section " + d.Section
		case d.Representative != "":
			who = "rep. " + d.Representative
		default:
			who = st.Red("none")
		}
		windows := fmt.Sprint(d.Windows)
		if d.TemporaryWindows > 0 {
			windows += fmt.Sprintf(" (%d temporary)", d.TemporaryWindows)
		}
		reloc := Bar(d.ItemsRelocated, d.ItemsRequired) + fmt.Sprintf(" %d/%d", d.ItemsRelocated, d.ItemsRequired)
		switch {
		case d.ItemsRequired == 0:
		case d.ItemsRelocated >= d.ItemsRequired:
			reloc = st.Green(reloc)
		case d.ItemsRelocated == 0:
			reloc = st.Red(reloc)
		default:
			reloc = st.Yellow(reloc)
		}
		rollout := dash(d.Rollout)
		switch d.Rollout {
		case string(v1alpha1.VerdictOverdue):
			rollout = st.Red(rollout)
		case string(v1alpha1.VerdictLate):
			rollout = st.Yellow(rollout)
		case string(v1alpha1.VerdictDone):
			rollout = st.Green(rollout)
		}
		ready := d.Ready
		if ready == string(metav1.ConditionTrue) {
			ready = st.Green(ready)
		} else {
			ready = st.Red(ready)
		}
		anoms := "-"
		if len(d.Anomalies) > 0 {
			anoms = st.Red(strings.Join(d.Anomalies, ","))
		}
		t.add(d.Name, shortName(d.DisplayName), fmt.Sprint(d.Batch), who, windows, reloc, rollout, ready, anoms)
	}
	if err := t.write(&b); err != nil {
		return err
	}
	tot := s.Totals
	pct := 100
	if tot.ItemsRequired > 0 {
		pct = int(tot.ItemsRelocated * 100 / tot.ItemsRequired)
	}
	fmt.Fprintf(&b, "%d departments: %d ready, %d with anomalies; %d of %d items that must be handled in the Center relocated (%d%%)\n",
		tot.Departments, tot.Ready, tot.WithAnomalies, tot.ItemsRelocated, tot.ItemsRequired, pct)
	_, err := io.WriteString(w, b.String())
	return err
}

// wrap breaks text into lines of at most width display columns, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case Width(line)+1+Width(word) > width:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func redIf(st Style, n int32) string {
	if n > 0 {
		return st.Red(fmt.Sprint(n))
	}
	return fmt.Sprint(n)
}
