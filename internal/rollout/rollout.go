package rollout

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/conditions"
)

// Phase is one phase of the plan with its dates parsed.
type Phase struct {
	Name         string
	Start, End   calendar.Date
	Requirements []v1alpha1.RolloutRequirement
}

// Inspection is one recorded inspection of a department.
type Inspection struct {
	Date   calendar.Date
	Result v1alpha1.InspectionResult
}

// Department is what the rules look at for one department in scope.
type Department struct {
	Name string
	// Counted: onestop has counted the department's figures (sections, items, windows) at
	// least once; until then its state requirements are pending.
	Counted bool
	// ImplementationPlanSubmitted and StaffRegistrationSubmitted are the recorded days, if any.
	ImplementationPlanSubmitted, StaffRegistrationSubmitted *calendar.Date
	HasSection, HasRepresentative                           bool
	ItemsRequired, ItemsRelocated                           int32
	Windows, WindowsStaffed                                 int32
	// Inspections are the plan's recorded inspections of this department.
	Inspections []Inspection
}

// Input is everything Evaluate needs besides the calendar and the clock.
type Input struct {
	// Calendar names the WorkCalendar, for messages.
	Calendar string
	Phases   []Phase
	// Departments are the departments in scope, sorted by name.
	Departments []Department
	// Prior is the plan's status.phases as last written: what was overdue when a phase ended.
	Prior []v1alpha1.PhaseStatus
}

// Result is the plan's computed status.
type Result struct {
	CurrentPhase string
	// Due is the due time of the first phase not ended, in the calendar's zone, as kubectl
	// shows it; empty once every phase has ended.
	Due                       string
	Phases                    []v1alpha1.PhaseStatus
	DepartmentsInScope        int32
	Overdue, Late             int32
	Completed                 bool
	Findings                  []conditions.Finding
	ReadyReason, ReadyMessage string
	// Final: nothing is overdue and the calendar covers every phase, so PhaseDeadlineMissed,
	// if present, is only the record of late work and Ready stays True.
	Final bool
	// Next is when the result changes by itself: a phase starts or ends, or a record dated in
	// the future comes into effect. HasNext is false when nothing will.
	Next    time.Time
	HasNext bool
}

// requirement outcome in one phase.
type outcome uint8

const (
	done outcome = iota
	pending
	overdue
	late
)

// Evaluate computes the plan's progress at now.
func Evaluate(in Input, cal *calendar.Calendar, now time.Time) Result {
	res := Result{CurrentPhase: v1alpha1.CurrentPhaseNotStarted, DepartmentsInScope: int32(len(in.Departments))}
	today := cal.Day(now)
	prior := map[string]v1alpha1.PhaseStatus{}
	for _, p := range in.Prior {
		prior[p.Name] = p
	}
	wake := func(t time.Time) {
		if t.After(now) && (!res.HasNext || t.Before(res.Next)) {
			res.Next, res.HasNext = t, true
		}
	}
	overdueDepts, lateDepts := map[string]bool{}, map[string]bool{}
	var missed []string // PhaseDeadlineMissed, one sentence per phase
	var fixes []v1alpha1.RolloutRequirement
	var missing []string
	allEnded, completed := true, true
	firstOpen := -1

	for i, ph := range in.Phases {
		start := midnight(cal, ph.Start)
		due, err := Due(cal, ph.End)
		var my *calendar.MissingYearError
		if errors.As(err, &my) {
			missing = append(missing, fmt.Sprintf("Phase %q ends on %s, in a year WorkCalendar %q does not cover, so onestop takes close of business that day as its deadline, even if it is not a working day. %s.",
				ph.Name, ph.End, in.Calendar, capitalize(my.Error())))
		}
		dueDate := cal.Day(due)
		wake(start)
		wake(due)

		st := v1alpha1.PhaseStatus{Name: ph.Name, Due: &metav1.Time{Time: due}, DueDate: dueDate.String()}
		switch {
		case now.Before(start):
			st.State = v1alpha1.PhasePending
		case now.Before(due):
			st.State = v1alpha1.PhaseActive
		default:
			st.State = v1alpha1.PhaseEnded
		}
		if !now.Before(start) {
			res.CurrentPhase = ph.Name
		}
		if st.State != v1alpha1.PhaseEnded {
			allEnded = false
			if firstOpen < 0 {
				firstOpen = i
				res.Due = due.In(cal.Location()).Format("2006-01-02 15:04 MST")
			}
		}

		// What was overdue when the phase ended, if onestop saw it end on these dates.
		before, known := prior[ph.Name]
		known = known && before.Due != nil && before.Due.Time.Equal(due)
		st.DeadlineWatched = st.State == v1alpha1.PhaseEnded && known && (before.State != v1alpha1.PhaseEnded || before.DeadlineWatched)
		missedBefore := map[string]map[v1alpha1.RolloutRequirement]bool{}
		if st.DeadlineWatched {
			for _, d := range before.Departments {
				m := map[v1alpha1.RolloutRequirement]bool{}
				for _, r := range append(append([]v1alpha1.RolloutRequirement(nil), d.Overdue...), d.Late...) {
					m[r] = true
				}
				missedBefore[d.Department] = m
			}
		}

		var overdueNames, lateNames []string
		for _, d := range in.Departments {
			prog := v1alpha1.DepartmentProgress{Department: d.Name}
			var lateOn []string
			for _, r := range ph.Requirements {
				c := check(r, d, today)
				if c.future != nil {
					wake(midnight(cal, *c.future))
				}
				var o outcome
				switch {
				case !c.known:
					o = pending
				case c.met && c.dated && c.on.Compare(dueDate) > 0:
					o = late
				case c.met && !c.dated && st.DeadlineWatched && missedBefore[d.Name][r]:
					o = late
				case c.met:
					o = done
				case st.State == v1alpha1.PhaseEnded:
					o = overdue
				default:
					o = pending
				}
				switch o {
				case pending:
					prog.Pending = append(prog.Pending, r)
				case overdue:
					prog.Overdue = append(prog.Overdue, r)
					if !slices.Contains(fixes, r) {
						fixes = append(fixes, r)
					}
				case late:
					prog.Late = append(prog.Late, r)
					if c.dated {
						lateOn = append(lateOn, fmt.Sprintf("%s %s", r, c.on))
					} else {
						lateOn = append(lateOn, string(r))
					}
				}
			}
			switch {
			case len(prog.Overdue) > 0:
				st.Overdue++
				overdueDepts[d.Name] = true
				overdueNames = append(overdueNames, fmt.Sprintf("%s (%s)", d.Name, joinRequirements(prog.Overdue)))
			case len(prog.Pending) > 0:
				st.Pending++
			case len(prog.Late) > 0:
				st.Late++
			default:
				st.Done++
			}
			if len(prog.Late) > 0 {
				lateDepts[d.Name] = true
				lateNames = append(lateNames, fmt.Sprintf("%s (%s)", d.Name, strings.Join(lateOn, ", ")))
			}
			if len(prog.Pending)+len(prog.Overdue)+len(prog.Late) > 0 {
				st.Departments = append(st.Departments, prog)
			}
		}
		if st.Pending > 0 || st.Overdue > 0 {
			completed = false
		}
		if st.State == v1alpha1.PhaseEnded && len(overdueNames)+len(lateNames) > 0 {
			var parts []string
			if len(overdueNames) > 0 {
				parts = append(parts, "overdue: "+strings.Join(overdueNames, ", "))
			}
			if len(lateNames) > 0 {
				parts = append(parts, "met late: "+strings.Join(lateNames, ", "))
			}
			missed = append(missed, fmt.Sprintf("Phase %s was due %s; %s.", ph.Name, dueDate, strings.Join(parts, "; ")))
		}
		res.Phases = append(res.Phases, st)
	}
	if len(in.Phases) > 0 && allEnded {
		res.CurrentPhase = v1alpha1.CurrentPhaseFinished
	}
	res.Overdue, res.Late = int32(len(overdueDepts)), int32(len(lateDepts))
	res.Completed = len(in.Phases) > 0 && allEnded && completed

	if len(missed) > 0 {
		msg := strings.Join(missed, " ")
		if len(fixes) > 0 {
			var hints []string
			for _, r := range fixes {
				hints = append(hints, hint(r))
			}
			msg += " The leading group has the overdue departments catch up: " + strings.Join(hints, "; ") + ". Work done now is recorded as late."
		}
		res.Findings = append(res.Findings, conditions.Finding{
			Type: v1alpha1.ConditionPhaseDeadlineMissed, Reason: v1alpha1.ConditionPhaseDeadlineMissed, Message: msg,
		})
	}
	if len(missing) > 0 {
		res.Findings = append(res.Findings, conditions.Finding{
			Type: v1alpha1.ConditionCalendarDataMissing, Reason: v1alpha1.ConditionCalendarDataMissing, Message: strings.Join(missing, " "),
		})
	}
	res.Final = res.Overdue == 0 && len(missing) == 0
	res.ReadyReason, res.ReadyMessage = summary(in, res, firstOpen)
	return res
}

// Due is when a phase ending on end is due: close of business of end, or of the next working
// day when end is not one. A year the calendar does not cover gives close of business of end
// itself, with the *calendar.MissingYearError.
func Due(cal *calendar.Calendar, end calendar.Date) (time.Time, error) {
	t, err := cal.AddWorkingDays(midnight(cal, end), 0)
	if err != nil {
		cob := cal.CloseOfBusiness()
		return time.Date(end.Year, end.Month, end.Day, cob.Hour, cob.Minute, 0, 0, cal.Location()), err
	}
	return t, nil
}

func midnight(cal *calendar.Calendar, d calendar.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, cal.Location())
}

// checked is what one requirement check found.
type checked struct {
	// known: the facts needed are there (a state requirement needs the department counted).
	known bool
	met   bool
	// dated: met on a recorded day, on.
	dated bool
	on    calendar.Date
	// future is a recorded day still to come, when the requirement will be met.
	future *calendar.Date
}

func check(r v1alpha1.RolloutRequirement, d Department, today calendar.Date) checked {
	onDay := func(day *calendar.Date) checked {
		c := checked{known: true, dated: true}
		switch {
		case day == nil:
		case day.Compare(today) <= 0:
			c.met, c.on = true, *day
		default:
			c.future = day
		}
		return c
	}
	state := func(met bool) checked { return checked{known: d.Counted, met: met} }
	switch r {
	case v1alpha1.RequirementImplementationPlanSubmitted:
		return onDay(d.ImplementationPlanSubmitted)
	case v1alpha1.RequirementStaffRegistrationSubmitted:
		return onDay(d.StaffRegistrationSubmitted)
	case v1alpha1.RequirementInspectionRecorded, v1alpha1.RequirementInspectionPassed:
		return onDay(firstInspection(d.Inspections, r == v1alpha1.RequirementInspectionPassed))
	case v1alpha1.RequirementSectionOrRepresentative:
		if d.HasRepresentative {
			return checked{known: true, met: true}
		}
		return state(d.HasSection)
	case v1alpha1.RequirementItemsRelocated:
		return state(d.ItemsRelocated >= d.ItemsRequired)
	case v1alpha1.RequirementWindowsStaffed:
		return state(d.Windows > 0 && d.WindowsStaffed >= d.Windows)
	}
	// An unknown requirement (the API's enum refuses one) is never met.
	return checked{known: true}
}

// firstInspection returns the day of the earliest inspection that counts (only those the
// department passed, if passed), or nil.
func firstInspection(list []Inspection, passed bool) *calendar.Date {
	var best *calendar.Date
	for _, in := range list {
		if passed && in.Result != v1alpha1.InspectionPassedResult && in.Result != v1alpha1.InspectionConditionallyPassed {
			continue
		}
		if best == nil || in.Date.Compare(*best) < 0 {
			d := in.Date
			best = &d
		}
	}
	return best
}

// summary is Ready's reason and message when nothing is overdue.
func summary(in Input, res Result, firstOpen int) (string, string) {
	n := res.DepartmentsInScope
	lateNote := ""
	if res.Late > 0 {
		lateNote = fmt.Sprintf(" %d %s met a requirement late: see PhaseDeadlineMissed.", res.Late, plural(res.Late, "department", "departments"))
	}
	switch {
	case len(in.Phases) == 0:
		return v1alpha1.ReasonOnSchedule, "The plan has no phases."
	case res.Completed:
		return v1alpha1.ReasonCompleted, fmt.Sprintf("Every phase has ended and each of the %d %s in scope met every requirement.%s",
			n, plural(n, "department", "departments"), lateNote)
	case firstOpen < 0:
		return v1alpha1.ReasonOnSchedule, fmt.Sprintf("Every phase has ended; onestop is still counting some departments' figures.%s", lateNote)
	}
	ph, st := in.Phases[firstOpen], res.Phases[firstOpen]
	switch st.State {
	case v1alpha1.PhasePending:
		return v1alpha1.ReasonOnSchedule, fmt.Sprintf("Phase %s starts on %s and is due %s; %d of %d %s in scope have already met its requirements.%s",
			ph.Name, ph.Start, res.Due, st.Done, n, plural(n, "department", "departments"), lateNote)
	default:
		return v1alpha1.ReasonOnSchedule, fmt.Sprintf("Phase %s is under way until %s: %d of %d %s in scope have met its requirements.%s",
			ph.Name, res.Due, st.Done, n, plural(n, "department", "departments"), lateNote)
	}
}

// Verdict is plan's verdict on department dept, from the plan's status, for the department's
// own status. ok is false while the plan has no status to give.
func Verdict(plan string, st v1alpha1.ReformPlanStatus, dept string) (v1alpha1.DepartmentRollout, bool) {
	if len(st.Phases) == 0 {
		return v1alpha1.DepartmentRollout{}, false
	}
	out := v1alpha1.DepartmentRollout{Plan: plan, Phase: st.CurrentPhase, Verdict: v1alpha1.VerdictDone}
	rank := map[v1alpha1.RolloutVerdict]int{v1alpha1.VerdictDone: 0, v1alpha1.VerdictPending: 1, v1alpha1.VerdictLate: 2, v1alpha1.VerdictOverdue: 3}
	for _, ph := range st.Phases {
		for _, d := range ph.Departments {
			if d.Department != dept {
				continue
			}
			for _, g := range []struct {
				list    []v1alpha1.RolloutRequirement
				verdict v1alpha1.RolloutVerdict
			}{{d.Overdue, v1alpha1.VerdictOverdue}, {d.Late, v1alpha1.VerdictLate}, {d.Pending, v1alpha1.VerdictPending}} {
				for _, r := range g.list {
					out.Requirements = append(out.Requirements, v1alpha1.RequirementProgress{Phase: ph.Name, Requirement: r, State: string(g.verdict), Due: ph.DueDate})
					if rank[g.verdict] > rank[out.Verdict] {
						out.Verdict = g.verdict
					}
				}
			}
		}
	}
	return out, true
}

// InScope tells whether a department of batch with labels lbls is in the plan's scope: it
// matches every criterion given. The error says what is wrong with the selector.
func InScope(scope v1alpha1.PlanScope, batch int32, lbls map[string]string) (bool, error) {
	if len(scope.Batches) > 0 && !slices.Contains(scope.Batches, batch) {
		return false, nil
	}
	if scope.Selector == nil {
		return true, nil
	}
	sel, err := metav1.LabelSelectorAsSelector(scope.Selector)
	if err != nil {
		return false, fmt.Errorf("spec.scope.selector is not a valid label selector (%v): correct it", err)
	}
	return sel.Matches(labels.Set(lbls)), nil
}

// PhasesOf parses the plan's phases. The API server already checks the dates; the error is
// for a plan written before a rule existed.
func PhasesOf(spec []v1alpha1.PlanPhase) ([]Phase, error) {
	out := make([]Phase, 0, len(spec))
	for _, p := range spec {
		start, err := calendar.ParseDate(p.Start)
		if err != nil {
			return nil, fmt.Errorf("phase %q: start: %w", p.Name, err)
		}
		end, err := calendar.ParseDate(p.End)
		if err != nil {
			return nil, fmt.Errorf("phase %q: end: %w", p.Name, err)
		}
		out = append(out, Phase{Name: p.Name, Start: start, End: end, Requirements: p.Requirements})
	}
	return out, nil
}

// DepartmentOf takes the facts the rules need from a Department and the plan's inspections.
// A date that does not parse (the API server checks them) counts as not recorded.
func DepartmentOf(d v1alpha1.Department, inspections []v1alpha1.Inspection) Department {
	out := Department{
		Name:                        d.Name,
		Counted:                     d.Status.ObservedGeneration > 0,
		ImplementationPlanSubmitted: parse(d.Spec.ImplementationPlanSubmitted),
		StaffRegistrationSubmitted:  parse(d.Spec.StaffRegistrationSubmitted),
		HasSection:                  d.Status.Sections > 0,
		HasRepresentative:           d.Spec.ChiefRepresentative != nil,
		ItemsRequired:               d.Status.ItemsRequired,
		ItemsRelocated:              d.Status.ItemsRelocated,
		Windows:                     d.Status.Windows,
		WindowsStaffed:              d.Status.WindowsStaffed,
	}
	for _, in := range inspections {
		if in.Department != d.Name {
			continue
		}
		if day := parse(in.Date); day != nil {
			out.Inspections = append(out.Inspections, Inspection{Date: *day, Result: in.Result})
		}
	}
	return out
}

// SortDepartments sorts departments by name, the order of the status lists and messages.
func SortDepartments(list []Department) {
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
}

func parse(s string) *calendar.Date {
	if s == "" {
		return nil
	}
	d, err := calendar.ParseDate(s)
	if err != nil {
		return nil
	}
	return &d
}

func joinRequirements(list []v1alpha1.RolloutRequirement) string {
	s := make([]string, len(list))
	for i, r := range list {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

// hint says how an overdue requirement is met.
func hint(r v1alpha1.RolloutRequirement) string {
	switch r {
	case v1alpha1.RequirementImplementationPlanSubmitted:
		return "record the day a department submits its implementation plan in the Department's spec.implementationPlanSubmitted"
	case v1alpha1.RequirementStaffRegistrationSubmitted:
		return "record the day a department submits its staff registration in the Department's spec.staffRegistrationSubmitted"
	case v1alpha1.RequirementSectionOrRepresentative:
		return "have a department establish its approval-service section or name its chief representative"
	case v1alpha1.RequirementItemsRelocated:
		return "have a department relocate its remaining items to a window in the Center"
	case v1alpha1.RequirementWindowsStaffed:
		return "have a department staff each of its windows"
	case v1alpha1.RequirementInspectionRecorded:
		return "inspect the department and record the inspection in the plan's spec.inspections"
	default:
		return "have the department pass an inspection (re-inspected after a failure) and record it in the plan's spec.inspections"
	}
}

func plural(n int32, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// capitalize upper-cases an ASCII first letter, to start a sentence with an error's text.
func capitalize(s string) string {
	return strings.ToUpper(s[:min(1, len(s))]) + s[min(1, len(s)):]
}
