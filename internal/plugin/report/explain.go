package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/deadline"
)

// Explanation says how each deadline of a case was computed: the statutory clock
// (internal/deadline) gives the deadlines and the outcome, and the calendar's trace shows
// the days counted.
type Explanation struct {
	Case       string `json:"case"`
	Namespace  string `json:"namespace"`
	Item       string `json:"item"`
	Department string `json:"department"`
	Applicant  string `json:"applicant"`
	Calendar   string `json:"calendar"`
	TimeZone   string `json:"timeZone"`
	// CloseOfBusiness is when a working day, and so a deadline, ends.
	CloseOfBusiness string `json:"closeOfBusiness"`
	Received        string `json:"received"`
	Intake          string `json:"intake"`
	// Sections explain each clock: the notice, acceptance, on the spot, the decision, each
	// co-approver, the outcome.
	Sections []Section `json:"sections"`
	// Liable are the departments whose silence decided part of the case.
	Liable []string `json:"liable,omitempty"`
	// Findings are the anomalies onestop finds on the case now.
	Findings []Finding `json:"findings,omitempty"`
	// Differences between this computation and the status onestop recorded, if any.
	Differences []string `json:"differences,omitempty"`
}

// Section is one clock of the case.
type Section struct {
	Title string `json:"title"`
	// Due is the deadline, when the section has one.
	Due string `json:"due,omitempty"`
	// At is when the event the section is about happened (acceptance, the decision).
	At string `json:"at,omitempty"`
	// Lines explain it, in order.
	Lines []string `json:"lines,omitempty"`
	// Days are the days counted, grouped into runs.
	Days []string `json:"days,omitempty"`
}

// Finding is a condition the case carries now.
type Finding struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}

type explainer struct {
	cal *calendar.Calendar
	f   deadline.Facts
	res deadline.Result
	e   Explanation
}

func (x *explainer) at(t time.Time) string { return clock(t, x.cal.Location()) }

func (x *explainer) runs(steps []calendar.Step) []string {
	var out []string
	for _, r := range calendar.Runs(steps) {
		out = append(out, r.String())
	}
	return out
}

// sameDay mirrors the statutory clock's rule for limits of 0 working days: close of
// business of the working day the instant falls on, the next working day after close of
// business.
func (x *explainer) sameDay(t time.Time) (time.Time, []calendar.Step, error) {
	d, err := x.cal.AddWorkingDays(t, 0)
	if err != nil {
		return time.Time{}, nil, err
	}
	if !d.Before(t) {
		steps, err := x.cal.Steps(t, 0)
		return d, steps, err
	}
	d, err = x.cal.AddWorkingDays(t, 1)
	if err != nil {
		return time.Time{}, nil, err
	}
	steps, err := x.cal.Steps(t, 1)
	return d, steps, err
}

// Explain computes a case's deadlines at now with the statutory clock and explains each.
// calendarName names the WorkCalendar cal was built from.
func Explain(c *v1alpha1.ApprovalCase, f deadline.Facts, cal *calendar.Calendar, calendarName string, now time.Time) (Explanation, error) {
	res, err := deadline.Evaluate(f, cal, now)
	if err != nil {
		return Explanation{}, err
	}
	x := &explainer{cal: cal, f: f, res: res}
	spec := c.Spec
	x.e = Explanation{
		Case: c.Name, Namespace: c.Namespace,
		Item:            fmt.Sprintf("%s %s (%s)", f.Item.Code, f.Item.DisplayName, spec.Item),
		Department:      f.Department,
		Applicant:       spec.Applicant.Name,
		Calendar:        calendarName,
		TimeZone:        cal.Location().String(),
		CloseOfBusiness: cal.CloseOfBusiness().String(),
		Received:        x.at(spec.ReceivedAt.Time),
		Intake:          intake(spec.Intake),
		Liable:          res.Liable,
	}
	for _, fd := range res.Findings {
		x.e.Findings = append(x.e.Findings, Finding{Type: fd.Type, Message: fd.Message})
	}
	// A calendar gap stops the explanation where the clock stopped; the finding says why.
	steps := []func() error{x.notice, x.acceptance, x.onTheSpot, x.decision, x.coApprovers}
	for _, step := range steps {
		if err := step(); err != nil {
			x.e.Sections = append(x.e.Sections, Section{Title: "Stopped", Lines: []string{err.Error()}})
			break
		}
	}
	x.outcome()
	x.differences(c)
	return x.e, nil
}

func intake(in v1alpha1.Intake) string {
	switch {
	case in.Channel == v1alpha1.IntakeWindow:
		s := fmt.Sprintf("window %s of center %s", in.Window, in.Center)
		if in.ReceivedBy != "" {
			s += ", received by " + in.ReceivedBy
		}
		return s
	default:
		s := fmt.Sprintf("channel %s, outside the Center's windows", in.Channel)
		if in.ReceivedBy != "" {
			s += ", received by " + in.ReceivedBy
		}
		return s
	}
}

func (x *explainer) notice() error {
	spec := x.f.Spec
	steps, err := x.cal.Steps(spec.ReceivedAt.Time, deadline.NoticeDays)
	if err != nil {
		return err
	}
	s := Section{Title: "Correction notice (Art. 32)", Days: x.runs(steps)}
	if d := x.res.NoticeDeadline; d != nil {
		s.Due = x.at(*d)
		s.Lines = append(s.Lines, fmt.Sprintf("Missing materials are told at once, within %d working days after the day of receipt, which does not count.", deadline.NoticeDays))
	}
	missing := missingMaterials(x.f.Item, spec.MaterialsSubmitted)
	switch n := spec.CorrectionNotice; {
	case n != nil:
		when := "in time"
		if x.res.NoticeDeadline != nil && n.At.After(*x.res.NoticeDeadline) {
			when = "late: the application counts as accepted on the day it arrived"
		}
		s.Lines = append(s.Lines, fmt.Sprintf("Notice given %s by %s, listing %s: %s.", x.at(n.At.Time), n.By, strings.Join(n.Missing, ", "), when))
	case len(missing) > 0:
		s.Lines = append(s.Lines, fmt.Sprintf("No notice given; missing: %s.", strings.Join(missing, ", ")))
	default:
		s.Lines = append(s.Lines, "The application was complete: no notice was needed.")
	}
	x.e.Sections = append(x.e.Sections, s)
	return nil
}

func (x *explainer) acceptance() error {
	spec := x.f.Spec
	s := Section{Title: "Acceptance"}
	a := x.res.AcceptedAt
	switch {
	case a == nil:
		s.Lines = append(s.Lines, "Not accepted yet: the decision clock has not started.")
	case hasFinding(x.res, v1alpha1.ConditionDeemedAccepted):
		s.At = x.at(*a)
		s.Lines = append(s.Lines, "Deemed accepted on the day it arrived (Art. 32): "+findingMessage(x.res, v1alpha1.ConditionDeemedAccepted))
	case spec.Acceptance != nil && spec.Acceptance.At.Time.Equal(*a):
		s.At = x.at(*a)
		s.Lines = append(s.Lines, fmt.Sprintf("Accepted %s by %s; every limit counts from this day.", x.at(*a), spec.Acceptance.By))
	case spec.MaterialsCompletedAt != nil && spec.MaterialsCompletedAt.Time.Equal(*a):
		s.At = x.at(*a)
		s.Lines = append(s.Lines, fmt.Sprintf("The materials were completed %s: the case counts as accepted then.", x.at(*a)))
	default:
		s.At = x.at(*a)
		s.Lines = append(s.Lines, fmt.Sprintf("Counts as accepted %s.", x.at(*a)))
	}
	x.e.Sections = append(x.e.Sections, s)
	return nil
}

func (x *explainer) onTheSpot() error {
	if x.res.OnTheSpotDeadline == nil {
		return nil
	}
	from := x.f.Spec.ReceivedAt.Time
	if x.res.AcceptedAt != nil {
		from = *x.res.AcceptedAt
	}
	_, steps, err := x.sameDay(from)
	if err != nil {
		return err
	}
	s := Section{Title: fmt.Sprintf("On the spot (category %d, 即来即办)", x.f.Item.Category), Due: x.at(*x.res.OnTheSpotDeadline), Days: x.runs(steps)}
	s.Lines = append(s.Lines, fmt.Sprintf("Decided while the applicant waits: by close of business of the working day the complete application was in hand (%s); after close of business, of the next working day.", x.at(from)))
	x.e.Sections = append(x.e.Sections, s)
	return nil
}

// stopDays lists the clock stops counted against the base deadline, as the statutory clock
// counts them: those begun by it and ended.
func (x *explainer) stopDays(baseDue time.Time) (int, []string, bool, error) {
	total, open := 0, false
	var lines []string
	for _, st := range x.f.Spec.ClockStops {
		if st.From.After(baseDue) {
			lines = append(lines, fmt.Sprintf("Clock stop %s from %s began after the deadline it would extend: not counted.", st.Reason, x.at(st.From.Time)))
			continue
		}
		if st.To == nil {
			open = true
			lines = append(lines, fmt.Sprintf("Clock stop %s since %s is still running: every clock waits until it ends (Art. 45).", st.Reason, x.at(st.From.Time)))
			continue
		}
		steps, err := x.cal.StepsIn(x.cal.Day(st.From.Time), x.cal.Day(st.To.Time))
		if err != nil {
			return 0, nil, false, err
		}
		n := 0
		var days []string
		for _, s := range steps {
			if s.Kind.Working() {
				n++
				days = append(days, s.Date.String())
			}
		}
		total += n
		lines = append(lines, fmt.Sprintf("Clock stop %s %s .. %s: %d working %s not counted (Art. 45)%s.", st.Reason,
			x.cal.Day(st.From.Time), x.cal.Day(st.To.Time), n, plural(n, "day", "days"), listed(days)))
	}
	return total, lines, open, nil
}

func listed(days []string) string {
	if len(days) == 0 {
		return ""
	}
	return ": " + strings.Join(days, ", ")
}

func (x *explainer) decision() error {
	a := x.res.AcceptedAt
	if a == nil {
		return nil
	}
	item := x.f.Item
	base := int(min(item.PromisedLimitDays, item.StatutoryLimitDays))
	s := Section{Title: "Decision (Art. 42)"}
	limit := fmt.Sprintf("The promised limit is %d working days (statutory %d)", item.PromisedLimitDays, item.StatutoryLimitDays)
	if item.PromisedLimitDays > item.StatutoryLimitDays {
		limit = fmt.Sprintf("The statutory limit is %d working days (the promise of %d is above it and does not count)", item.StatutoryLimitDays, item.PromisedLimitDays)
	}
	var baseDue time.Time
	var err error
	if base == 0 {
		baseDue, _, err = x.sameDay(*a)
		s.Lines = append(s.Lines, limit+": the same working day.")
	} else {
		baseDue, err = x.cal.AddWorkingDays(*a, base)
		s.Lines = append(s.Lines, limit+", counted from the day after acceptance.")
	}
	if err != nil {
		return err
	}
	stops, stopLines, open, err := x.stopDays(baseDue)
	if err != nil {
		return err
	}
	due := x.res.DecisionDeadline
	if due == nil {
		s.Lines = append(s.Lines, stopLines...)
		if !open {
			s.Lines = append(s.Lines, "No decision deadline is counted.")
		}
		x.e.Sections = append(x.e.Sections, s)
		return nil
	}
	s.Due = x.at(*due)
	total := 0
	var steps []calendar.Step
	if base+stops == 0 && !due.After(baseDue) {
		_, steps, err = x.sameDay(*a)
	} else {
		total, err = x.cal.WorkingDaysBetween(*a, *due)
		if err == nil {
			steps, err = x.cal.Steps(*a, total)
		}
	}
	if err != nil {
		return err
	}
	ext := total - base - stops
	if ex := x.f.Spec.Extension; ex != nil {
		line := fmt.Sprintf("Extension approved %s by %s (%q): %d working days requested", x.at(ex.At.Time), ex.ApprovedBy, ex.Reason, ex.Days)
		if int(ex.Days) == ext {
			line += ", all counted."
		} else {
			line += fmt.Sprintf(", %d counted: %s", max(ext, 0), findingMessage(x.res, v1alpha1.ConditionExtensionInvalid))
		}
		s.Lines = append(s.Lines, line)
	}
	s.Lines = append(s.Lines, stopLines...)
	if total > 0 {
		parts := []string{fmt.Sprintf("%d (limit)", base)}
		if ext > 0 {
			parts = append(parts, fmt.Sprintf("%d (extension)", ext))
		}
		if stops > 0 {
			parts = append(parts, fmt.Sprintf("%d (clock stops)", stops))
		}
		s.Lines = append(s.Lines, fmt.Sprintf("%s = %d working days after acceptance: the deadline is close of business of working day %d.", strings.Join(parts, " + "), total, total))
	}
	s.Days = x.runs(steps)
	x.e.Sections = append(x.e.Sections, s)
	return nil
}

func (x *explainer) coApprovers() error {
	if len(x.res.CoApprovals) == 0 {
		return nil
	}
	s := Section{Title: "Co-approvers (parallel approval, 并联审批)"}
	limits := map[string]int32{}
	for _, co := range x.f.Item.CoApprovers {
		limits[co.Department] = co.LimitDays
	}
	answers := map[string]v1alpha1.CoApproval{}
	for _, a := range x.f.Spec.CoApprovals {
		answers[a.Department] = a
	}
	for _, co := range x.res.CoApprovals {
		line := fmt.Sprintf("%s: %d working days from acceptance", co.Department, limits[co.Department])
		if co.Deadline != nil {
			line += ", due " + x.at(co.Deadline.Time)
		}
		switch a, ok := answers[co.Department]; {
		case co.Answer == string(v1alpha1.DecidedByTimeoutConsent):
			line += ": silent past its limit, deemed to consent (超时默许) and liable"
		case co.Answer != "" && ok:
			line += fmt.Sprintf(": answered %s on %s by %s", co.Answer, x.at(a.At.Time), a.By)
		case ok:
			line += fmt.Sprintf(": answered %s on %s by %s, after its limit: not counted", a.Result, x.at(a.At.Time), a.By)
		default:
			line += ": no answer yet"
		}
		s.Lines = append(s.Lines, line+".")
	}
	x.e.Sections = append(x.e.Sections, s)
	return nil
}

func (x *explainer) outcome() {
	s := Section{Title: "Outcome"}
	d := x.res.Decision
	switch {
	case d != nil && d.Method == v1alpha1.DecidedByPerson:
		s.At = x.at(d.At.Time)
		s.Lines = append(s.Lines, fmt.Sprintf("%s by %s on %s.", d.Outcome, d.By, x.at(d.At.Time)))
	case d != nil && d.Method == v1alpha1.DecidedByTimeoutConsent:
		s.At = x.at(d.At.Time)
		s.Lines = append(s.Lines, fmt.Sprintf("Approved by timeout consent (超时默许) when the deadline passed in silence, %s: by law, not by a person.", x.at(d.At.Time)))
	case d != nil:
		s.At = x.at(d.At.Time)
		s.Lines = append(s.Lines, fmt.Sprintf("Deemed refused when the deadline passed in silence, %s: by law, not by a person.", x.at(d.At.Time)))
	case x.res.Phase == v1alpha1.PhaseWithdrawn:
		s.Lines = append(s.Lines, "Withdrawn by the applicant before anything decided it: no clock runs and nobody is liable.")
	default:
		s.Lines = append(s.Lines, fmt.Sprintf("Not decided yet (phase %s).", x.res.Phase))
	}
	if x.res.OnTime != nil {
		if *x.res.OnTime {
			s.Lines = append(s.Lines, "On time.")
		} else {
			s.Lines = append(s.Lines, "Not on time.")
		}
	}
	if l := x.f.LeaderInCharge; l != nil && x.f.Item.Category == 3 {
		s.Lines = append(s.Lines, fmt.Sprintf("Leader in charge of %s, who answers for category 3 deadlines: %s.", x.f.Department, l.Name))
	}
	x.e.Sections = append(x.e.Sections, s)
}

// differences compares the computation with the status the case reconciler recorded.
func (x *explainer) differences(c *v1alpha1.ApprovalCase) {
	st := c.Status
	if st.Phase == "" {
		x.e.Differences = append(x.e.Differences, "onestop has not recorded a status for this case yet (is the manager running?)")
		return
	}
	cmp := func(what string, recorded, computed *time.Time) {
		switch {
		case recorded == nil && computed == nil:
		case recorded == nil || computed == nil || !recorded.Equal(*computed):
			x.e.Differences = append(x.e.Differences, fmt.Sprintf("%s: recorded %s, computed now %s", what, x.maybe(recorded), x.maybe(computed)))
		}
	}
	cmp("decision deadline", timeOf(st.DecisionDeadline), x.res.DecisionDeadline)
	cmp("acceptance", timeOf(st.AcceptedAt), x.res.AcceptedAt)
	if st.Phase != x.res.Phase {
		x.e.Differences = append(x.e.Differences, fmt.Sprintf("phase: recorded %s, computed now %s", st.Phase, x.res.Phase))
	}
}

func timeOf(t *metav1.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := t.Time
	return &v
}

func (x *explainer) maybe(t *time.Time) string {
	if t == nil {
		return "none"
	}
	return x.at(*t)
}

func hasFinding(r deadline.Result, typ string) bool {
	return findingMessage(r, typ) != ""
}

func findingMessage(r deadline.Result, typ string) string {
	for _, f := range r.Findings {
		if f.Type == typ {
			return f.Message
		}
	}
	return ""
}

func missingMaterials(item v1alpha1.ApprovalItemSpec, submitted []string) []string {
	in := map[string]bool{}
	for _, s := range submitted {
		in[s] = true
	}
	var out []string
	for _, m := range item.RequiredMaterials {
		if !in[m.Name] {
			out = append(out, m.Name)
		}
	}
	return out
}

// RenderExplanation writes the explanation as text.
func RenderExplanation(w io.Writer, e Explanation, st Style) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s/%s: %s\n", st.Bold("Case"), e.Namespace, e.Case, e.Item)
	fmt.Fprintf(&b, "Department:  %s\n", e.Department)
	fmt.Fprintf(&b, "Applicant:   %s\n", e.Applicant)
	fmt.Fprintf(&b, "Received:    %s at %s\n", e.Received, e.Intake)
	fmt.Fprintf(&b, "Calendar:    %s (%s, close of business %s); the day of receipt or acceptance never counts\n", e.Calendar, e.TimeZone, e.CloseOfBusiness)
	for _, s := range e.Sections {
		b.WriteString("\n" + st.Bold(s.Title))
		switch {
		case s.Due != "":
			b.WriteString(", due " + s.Due)
		case s.At != "":
			b.WriteString(": " + s.At)
		}
		b.WriteString("\n")
		for _, l := range s.Lines {
			b.WriteString("  " + l + "\n")
		}
		for _, d := range s.Days {
			b.WriteString("    " + st.Dim(d) + "\n")
		}
	}
	if len(e.Liable) > 0 {
		fmt.Fprintf(&b, "\n%s: %s\n", st.Bold("Liable for silence"), st.Yellow(strings.Join(e.Liable, ", ")))
	}
	if len(e.Findings) > 0 {
		b.WriteString("\n" + st.Bold("Anomalies") + "\n")
		for _, f := range e.Findings {
			fmt.Fprintf(&b, "  %s: %s\n", st.Red(f.Type), f.Message)
		}
	}
	if len(e.Differences) > 0 {
		b.WriteString("\n" + st.Bold("Recorded status differs") + "\n")
		for _, d := range e.Differences {
			b.WriteString("  " + d + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
