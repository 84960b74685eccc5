// Package deadline keeps the statutory clock of one approval case: when the correction
// notice is due, when the case counts as accepted, when each co-approver and the decision are
// due, and what silence past a deadline decides. It is pure: Evaluate takes the recorded
// facts, a working-day calendar and now, and returns what the case's status must say and
// when to look again. A restarted manager that calls it again gets the same answer, so every
// deadline that passed while it was down fires on the first look, once.
//
// Rules (PRC Administrative Licensing Law):
//   - Art. 32: missing materials are told at once, within 5 working days of receipt; a later
//     notice, or none while materials are missing, means the application counts as accepted
//     on the day it arrived (DeemedAccepted). A complete application not formally accepted
//     within those 5 working days is deemed accepted on receipt too.
//   - Art. 42: the decision is due within the item's promised limit (never above the
//     statutory one) in working days from acceptance, plus one extension within the item's
//     allowance.
//   - Art. 45: hearings, testing, inspection and expert review do not count: the working days
//     of each clock stop are added.
//   - Category 1 and 2 items are decided on the day of receipt (即来即办).
//   - Each co-approver answers within its own limit from acceptance; silent past it, it is
//     deemed to consent and recorded as liable (超时默许).
//   - At the decision deadline with no decision, the item's silence policy decides: consent
//     (TimeoutConsent), refusal (DeemedRefused), or none (DeadlineExceeded).
//   - A decision, once recorded in status, is final and never recomputed.
package deadline

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/policy"
)

// NoticeDays is the working days for the one correction notice (Art. 32).
const NoticeDays = 5

// Facts is everything recorded about a case and around it.
type Facts struct {
	// Name of the case, for messages.
	Name string
	Spec v1alpha1.ApprovalCaseSpec
	// Item is the item's spec.
	Item v1alpha1.ApprovalItemSpec
	// Department is the lead department as Named gives it, for messages.
	Department string
	// LeaderInCharge answers for category 3 deadlines; nil when none is named.
	LeaderInCharge *v1alpha1.Person
	// Deciders are the people who may review and decide, by user name: the formal staff of
	// the department's section (or, without one, its chief representative and window staff).
	Deciders map[string]v1alpha1.Person
	// IntakeInCenter tells whether the intake window exists and is in the named center.
	IntakeInCenter bool
	// Recorded is the status written before: a recorded decision and co-approver timeouts are
	// final.
	Recorded v1alpha1.ApprovalCaseStatus
}

// Result is what the case's status says.
type Result struct {
	Phase             v1alpha1.CasePhase
	NoticeDeadline    *time.Time
	AcceptedAt        *time.Time
	OnTheSpotDeadline *time.Time
	DecisionDeadline  *time.Time
	CoApprovals       []v1alpha1.CoApprovalStatus
	Decision          *v1alpha1.CaseDecision
	Liable            []string
	OnTime            *bool
	// Findings hold now, most important first.
	Findings []conditions.Finding
	// Next is the earliest deadline still pending after now: when to look again. Zero when
	// nothing is pending.
	Next time.Time
}

// Evaluate computes a case's status at now.
func Evaluate(f Facts, cal *calendar.Calendar, now time.Time) (Result, error) {
	e := &evaluation{f: f, cal: cal, now: now, label: caseLabel(f)}
	err := e.run()
	var missing *calendar.MissingYearError
	if errors.As(err, &missing) {
		if len(e.r.CoApprovals) == 0 {
			e.r.CoApprovals = e.f.Recorded.CoApprovals
		}
		e.r.Findings = append([]conditions.Finding{{
			Type:   v1alpha1.ConditionCalendarDataMissing,
			Reason: v1alpha1.ConditionCalendarDataMissing,
			Message: fmt.Sprintf("The deadlines of %s cannot be counted: %v. Until then onestop decides nothing by timeout.",
				e.label, missing),
		}}, e.r.Findings...)
		return e.r, nil
	}
	return e.r, err
}

type evaluation struct {
	f     Facts
	cal   *calendar.Calendar
	now   time.Time
	label string
	r     Result
	// findings by rule, assembled in priority order at the end.
	segregation, unauthorized, deemed, incomplete, onTheSpot, extension, outcome, coTimeouts, outOfSystem *conditions.Finding
	// withdrawn: the applicant withdrew before anything decided the case.
	withdrawn bool
}

func caseLabel(f Facts) string {
	return fmt.Sprintf("case %s (%s %s, %s)", f.Name, f.Item.Code, f.Item.DisplayName, f.Department)
}

func (e *evaluation) run() error {
	defer e.assemble()
	spec, item := e.f.Spec, e.f.Item
	received := spec.ReceivedAt.Time
	e.outOfSystem = e.intake()
	e.segregation = e.segregationRule()
	e.unauthorized = e.deciderRule()
	// What was recorded stays, whatever else fails below.
	if d := e.f.Recorded.Decision; d != nil {
		e.r.Decision = d.DeepCopy()
	}
	defer e.phase()

	notice, err := e.cal.AddWorkingDays(received, NoticeDays)
	if err != nil {
		return err
	}
	e.r.NoticeDeadline = &notice

	accepted, err := e.acceptance(notice)
	if err != nil {
		return err
	}
	e.r.AcceptedAt = accepted

	if item.Category == 1 || item.Category == 2 {
		// On the spot: the day the complete application is in hand.
		from := received
		if accepted != nil {
			from = *accepted
		}
		spot, err := e.sameDay(from)
		if err != nil {
			return err
		}
		e.r.OnTheSpotDeadline = &spot
	}

	if accepted != nil {
		base := int(min(item.PromisedLimitDays, item.StatutoryLimitDays))
		baseDue, err := e.limit(*accepted, base)
		if err != nil {
			return err
		}
		stopDays, openStop, err := e.stops(baseDue)
		if err != nil {
			return err
		}
		if !openStop {
			due, err := e.limit(*accepted, base+e.extensionDays(baseDue)+stopDays)
			if err != nil {
				return err
			}
			e.r.DecisionDeadline = &due
		}
		if err := e.coApprovals(*accepted, stopDays, openStop); err != nil {
			return err
		}
	}
	e.decide()
	e.onTheSpotRule()
	return nil
}

// limit is the deadline n working days after t; 0 is the same working day.
func (e *evaluation) limit(t time.Time, n int) (time.Time, error) {
	if n == 0 {
		return e.sameDay(t)
	}
	return e.cal.AddWorkingDays(t, n)
}

// sameDay is the close of business of t's working day; an application in hand after close
// of business counts on the next working day.
func (e *evaluation) sameDay(t time.Time) (time.Time, error) {
	d, err := e.cal.AddWorkingDays(t, 0)
	if err != nil || !d.Before(t) {
		return d, err
	}
	return e.cal.AddWorkingDays(t, 1)
}

// stops counts the working days of the clock stops that began by due (Art. 45); a stop still
// open holds every clock.
func (e *evaluation) stops(due time.Time) (days int, open bool, err error) {
	for _, s := range e.f.Spec.ClockStops {
		if s.From.After(due) {
			continue
		}
		if s.To == nil {
			open = true
			continue
		}
		n, err := e.cal.WorkingDaysIn(e.cal.Day(s.From.Time), e.cal.Day(s.To.Time))
		if err != nil {
			return 0, false, err
		}
		days += n
	}
	return days, open, nil
}

// intake: the application came in at a window of a center (一门受理).
func (e *evaluation) intake() *conditions.Finding {
	in := e.f.Spec.Intake
	if in.Channel == v1alpha1.IntakeWindow && e.f.IntakeInCenter {
		return nil
	}
	how := fmt.Sprintf("through channel %s", in.Channel)
	if in.Channel == v1alpha1.IntakeWindow {
		how = fmt.Sprintf("at window %q, which is not a window of center %q", in.Window, in.Center)
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionOutOfSystem,
		Reason: v1alpha1.ConditionOutOfSystem,
		Message: fmt.Sprintf("%s was received %s, outside the Center's windows (体外循环): applications go to the one door; receive it again at %s's window.",
			e.label, how, e.f.Department),
	}
}

// acceptance finds when the case counts as accepted; nil while it does not yet.
func (e *evaluation) acceptance(notice time.Time) (*time.Time, error) {
	spec := e.f.Spec
	received := spec.ReceivedAt.Time
	missing := missingMaterials(e.f.Item, spec.MaterialsSubmitted)

	deemed := func(why string) *time.Time {
		e.deemed = &conditions.Finding{
			Type:    v1alpha1.ConditionDeemedAccepted,
			Reason:  v1alpha1.ConditionDeemedAccepted,
			Message: fmt.Sprintf("%s %s, so it counts as accepted on the day it arrived, %s (Art. 32); its deadlines run from then.", e.label, why, formatTime(received, e.cal)),
		}
		return &received
	}

	if n := spec.CorrectionNotice; n != nil {
		if left := subtract(missing, n.Missing); len(left) > 0 {
			e.incomplete = &conditions.Finding{
				Type:   v1alpha1.ConditionNoticeIncomplete,
				Reason: v1alpha1.ConditionNoticeIncomplete,
				Message: fmt.Sprintf("The correction notice of %s left out missing materials: %s. The notice must list every one at once (一次告知); ask for them without a second notice.",
					e.label, strings.Join(left, ", ")),
			}
		}
		if n.At.After(notice) {
			return deemed(fmt.Sprintf("had its correction notice on %s, after the 5-working-day limit of %s", formatTime(n.At.Time, e.cal), formatTime(notice, e.cal))), nil
		}
		switch {
		case spec.Acceptance != nil:
			return timePtr(spec.Acceptance.At.Time), nil
		case spec.MaterialsCompletedAt != nil:
			return timePtr(spec.MaterialsCompletedAt.Time), nil
		}
		return nil, nil
	}
	if a := spec.Acceptance; a != nil && !a.At.After(notice) {
		return timePtr(a.At.Time), nil
	}
	if spec.Acceptance != nil || !e.now.Before(notice) {
		if len(missing) > 0 {
			return deemed(fmt.Sprintf("lacked %s and had no correction notice by %s", strings.Join(missing, ", "), formatTime(notice, e.cal))), nil
		}
		return deemed(fmt.Sprintf("was complete but not accepted by %s", formatTime(notice, e.cal))), nil
	}
	e.pending(notice)
	return nil, nil
}

// extensionDays is the one extension counted: approved by the deadline it extends, and
// within the item's allowance.
func (e *evaluation) extensionDays(due time.Time) int {
	x := e.f.Spec.Extension
	if x == nil {
		return 0
	}
	allowed := e.f.Item.Extension
	switch {
	case x.At.After(due):
		e.extension = &conditions.Finding{
			Type:   v1alpha1.ConditionExtensionInvalid,
			Reason: v1alpha1.ConditionExtensionInvalid,
			Message: fmt.Sprintf("%s records an extension approved on %s, after the deadline it would extend, %s: the deadline is counted without it.",
				e.label, formatTime(x.At.Time, e.cal), formatTime(due, e.cal)),
		}
		return 0
	case allowed == nil || !allowed.Allowed:
		e.extension = &conditions.Finding{
			Type:   v1alpha1.ConditionExtensionInvalid,
			Reason: v1alpha1.ConditionExtensionInvalid,
			Message: fmt.Sprintf("%s records an extension of %d working days, but item %s allows none: the deadline is counted without it.",
				e.label, x.Days, e.f.Item.Code),
		}
		return 0
	case x.Days > allowed.Days:
		e.extension = &conditions.Finding{
			Type:   v1alpha1.ConditionExtensionInvalid,
			Reason: v1alpha1.ConditionExtensionInvalid,
			Message: fmt.Sprintf("%s records an extension of %d working days, but item %s allows at most %d: %d are counted.",
				e.label, x.Days, e.f.Item.Code, allowed.Days, allowed.Days),
		}
		return int(allowed.Days)
	}
	return int(x.Days)
}

// coApprovals runs each co-approver's clock; silence past it is consent, and liability.
func (e *evaluation) coApprovals(accepted time.Time, stopDays int, openStop bool) error {
	answered := map[string]v1alpha1.CoApproval{}
	for _, a := range e.f.Spec.CoApprovals {
		answered[a.Department] = a
	}
	recorded := map[string]string{}
	for _, c := range e.f.Recorded.CoApprovals {
		recorded[c.Department] = c.Answer
	}
	var silent []string
	for _, co := range e.f.Item.CoApprovers {
		st := v1alpha1.CoApprovalStatus{Department: co.Department}
		if !openStop {
			due, err := e.cal.AddWorkingDays(accepted, int(co.LimitDays)+stopDays)
			if err != nil {
				return err
			}
			st.Deadline = metaTime(due)
		}
		switch a, ok := answered[co.Department]; {
		case recorded[co.Department] == string(v1alpha1.DecidedByTimeoutConsent):
			st.Answer = string(v1alpha1.DecidedByTimeoutConsent)
		case ok && (st.Deadline == nil || !a.At.After(st.Deadline.Time)):
			st.Answer = string(a.Result)
		case st.Deadline != nil && !e.now.Before(st.Deadline.Time):
			st.Answer = string(v1alpha1.DecidedByTimeoutConsent)
		case st.Deadline != nil:
			e.pending(st.Deadline.Time)
		}
		if st.Answer == string(v1alpha1.DecidedByTimeoutConsent) {
			silent = append(silent, co.Department)
		}
		e.r.CoApprovals = append(e.r.CoApprovals, st)
	}
	if len(silent) > 0 {
		e.r.Liable = append(e.r.Liable, silent...)
		e.coTimeouts = &conditions.Finding{
			Type:   v1alpha1.ConditionCoApproverTimedOut,
			Reason: v1alpha1.ConditionCoApproverTimedOut,
			Message: fmt.Sprintf("Co-approving %s stayed silent past the limit on %s and %s deemed to consent (超时默许); the lead department may decide, and the silence is recorded against %s.",
				plural(silent, "department", "departments"), e.label, isAre(silent), strings.Join(silent, ", ")),
		}
	}
	return nil
}

// decide records the outcome: a recorded decision is final; a person's decision or the
// applicant's withdrawal counts if made by the deadline; past the deadline the silence policy
// has already decided, whenever onestop looks (a manager down at the deadline decides the
// same on its return).
func (e *evaluation) decide() {
	spec, due := e.f.Spec, e.r.DecisionDeadline
	silenceDecides := e.f.Item.SilencePolicy == v1alpha1.SilenceConsent || e.f.Item.SilencePolicy == v1alpha1.SilenceRefusal
	inTime := func(t metav1.Time) bool { return due == nil || !t.After(*due) || !silenceDecides }
	switch a, w := spec.Approval, spec.Withdrawal; {
	case e.r.Decision != nil:
	case w != nil && inTime(w.At) && (a == nil || w.At.Before(&a.At)):
		// Withdrawn before anything decided: no clock runs, nobody is liable.
		e.withdrawn = true
		e.r.DecisionDeadline, e.r.CoApprovals, e.r.Liable, e.coTimeouts = nil, nil, nil, nil
		return
	case a != nil && inTime(a.At):
		outcome := v1alpha1.OutcomeApproved
		if a.Result == v1alpha1.DecisionReject {
			outcome = v1alpha1.OutcomeRejected
		}
		e.r.Decision = &v1alpha1.CaseDecision{Outcome: outcome, Method: v1alpha1.DecidedByPerson, By: a.By, At: a.At}
	case due != nil && !e.now.Before(*due):
		switch e.f.Item.SilencePolicy {
		case v1alpha1.SilenceConsent:
			e.r.Decision = &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeTimeoutConsent, Method: v1alpha1.DecidedByTimeoutConsent, At: *metaTime(*due)}
		case v1alpha1.SilenceRefusal:
			e.r.Decision = &v1alpha1.CaseDecision{Outcome: v1alpha1.OutcomeDeemedRefused, Method: v1alpha1.DecidedByDeemedRefusal, At: *metaTime(*due)}
		}
	case due != nil:
		e.pending(*due)
	}

	d := e.r.Decision
	switch {
	case d != nil && d.Method == v1alpha1.DecidedByTimeoutConsent:
		e.r.Liable = append(e.r.Liable, e.f.Item.Department)
		e.outcome = &conditions.Finding{
			Type:   v1alpha1.ConditionDecidedByTimeoutConsent,
			Reason: v1alpha1.ConditionDecidedByTimeoutConsent,
			Message: fmt.Sprintf("Nobody decided %s by its deadline, %s. The item's silence policy is consent, so the application is approved by timeout consent (超时默许), not by a person; the silence is recorded against %s%s.",
				e.label, formatTime(d.At.Time, e.cal), e.f.Item.Department, e.leader()),
		}
	case d != nil && d.Method == v1alpha1.DecidedByDeemedRefusal:
		e.r.Liable = append(e.r.Liable, e.f.Item.Department)
		e.outcome = &conditions.Finding{
			Type:   v1alpha1.ConditionDeemedRefused,
			Reason: v1alpha1.ConditionDeemedRefused,
			Message: fmt.Sprintf("Nobody decided %s by its deadline, %s. The item's silence policy is refusal, so the application is deemed refused; the silence is recorded against %s%s.",
				e.label, formatTime(d.At.Time, e.cal), e.f.Item.Department, e.leader()),
		}
	case d == nil && due != nil && !e.now.Before(*due):
		e.outcome = &conditions.Finding{
			Type:   v1alpha1.ConditionDeadlineExceeded,
			Reason: v1alpha1.ConditionDeadlineExceeded,
			Message: fmt.Sprintf("%s passed its deadline, %s, with no decision, and silence decides nothing for item %s: decide it now%s.",
				capitalise(e.label), formatTime(*due, e.cal), e.f.Item.Code, e.leader()),
		}
	case d != nil && d.Method == v1alpha1.DecidedByPerson && due != nil && d.At.After(*due):
		e.outcome = &conditions.Finding{
			Type:   v1alpha1.ConditionDeadlineExceeded,
			Reason: v1alpha1.ConditionDeadlineExceeded,
			Message: fmt.Sprintf("%s was decided on %s, after its deadline, %s%s.",
				capitalise(e.label), formatTime(d.At.Time, e.cal), formatTime(*due, e.cal), e.leader()),
		}
	}
	if d != nil && due != nil {
		// Silence is never on time: nobody decided.
		onTime := d.Method == v1alpha1.DecidedByPerson && !d.At.After(*due)
		e.r.OnTime = &onTime
	}
}

func (e *evaluation) leader() string {
	if l := e.f.LeaderInCharge; l != nil {
		return fmt.Sprintf("; leader in charge %s answers for it", l.Name)
	}
	return "; the department names no leader in charge (spec.leaderInCharge)"
}

// onTheSpotRule: category 1 and 2 items are decided the day they arrive.
func (e *evaluation) onTheSpotRule() {
	spot := e.r.OnTheSpotDeadline
	if spot == nil {
		return
	}
	if e.withdrawn {
		return
	}
	d := e.r.Decision
	late := (d == nil && !e.now.Before(*spot)) || (d != nil && (d.At.After(*spot) || d.Method != v1alpha1.DecidedByPerson))
	if !late {
		if d == nil {
			e.pending(*spot)
		}
		return
	}
	e.onTheSpot = &conditions.Finding{
		Type:   v1alpha1.ConditionOnTheSpotMissed,
		Reason: v1alpha1.ConditionOnTheSpotMissed,
		Message: fmt.Sprintf("Item %s is category %d, decided while the applicant waits (即来即办), but %s was not decided by %s.",
			e.f.Item.Code, e.f.Item.Category, e.label, formatTime(*spot, e.cal)),
	}
}

// segregationRule: under review-then-approve, two different people review and approve.
func (e *evaluation) segregationRule() *conditions.Finding {
	spec := e.f.Spec
	if e.f.Item.ReviewMode != v1alpha1.ReviewThenApprove || spec.Approval == nil {
		return nil
	}
	var why string
	switch {
	case spec.Review == nil:
		why = fmt.Sprintf("it was approved by %s without a review", spec.Approval.By)
	case spec.Review.By == spec.Approval.By:
		why = fmt.Sprintf("%s both reviewed and approved it", spec.Approval.By)
	default:
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionSegregationViolated,
		Reason: v1alpha1.ConditionSegregationViolated,
		Message: fmt.Sprintf("Item %s requires one review and one approval by two people (一审一核), but %s: have the decision reviewed by the section.",
			e.f.Item.Code, why) + " (" + e.label + ")",
	}
}

// deciderRule: reviewers and approvers are formal staff of the responsible section with a
// certificate valid on the day they acted.
func (e *evaluation) deciderRule() *conditions.Finding {
	var bad []string
	check := func(role, user string, at time.Time) {
		p, ok := e.f.Deciders[user]
		switch {
		case !ok:
			bad = append(bad, fmt.Sprintf("%s %s is not on the staff of %s's section", role, user, e.f.Department))
		case p.Employment != v1alpha1.EmploymentFormal:
			bad = append(bad, fmt.Sprintf("%s %s (%s) is temporary staff", role, user, p.Name))
		case !policy.CertificateValid(p, at, e.cal.Location()):
			bad = append(bad, fmt.Sprintf("%s %s (%s) had no valid law-enforcement certificate on that day", role, user, p.Name))
		}
	}
	if r := e.f.Spec.Review; r != nil {
		check("reviewer", r.By, r.At.Time)
	}
	if a := e.f.Spec.Approval; a != nil {
		check("approver", a.By, a.At.Time)
	}
	if len(bad) == 0 {
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionUnauthorizedDecider,
		Reason: v1alpha1.ConditionUnauthorizedDecider,
		Message: fmt.Sprintf("Only formal, certified staff of the responsible section decide cases: on %s, %s.",
			e.label, strings.Join(bad, "; ")),
	}
}

func (e *evaluation) phase() {
	spec := e.f.Spec
	switch {
	case e.withdrawn && e.r.Decision == nil:
		e.r.Phase = v1alpha1.PhaseWithdrawn
		e.r.Next = time.Time{}
	case e.r.Decision != nil:
		e.r.Phase = v1alpha1.PhaseDecided
		e.r.Next = time.Time{}
	case spec.Review != nil:
		e.r.Phase = v1alpha1.PhaseReviewed
	case e.r.AcceptedAt != nil:
		e.r.Phase = v1alpha1.PhaseAccepted
	case spec.CorrectionNotice != nil:
		e.r.Phase = v1alpha1.PhaseAwaitingMaterials
	default:
		e.r.Phase = v1alpha1.PhaseReceived
	}
}

// assemble orders the findings by importance; the first becomes Ready's reason.
func (e *evaluation) assemble() {
	sort.Strings(e.r.Liable)
	e.r.Liable = dedupe(e.r.Liable)
	e.r.Findings = append(policy.Collect(e.outcome, e.outOfSystem, e.segregation, e.unauthorized, e.onTheSpot,
		e.coTimeouts, e.deemed, e.incomplete, e.extension), e.r.Findings...)
}

// pending notes a deadline still ahead, so the reconciler looks again then.
func (e *evaluation) pending(t time.Time) {
	if t.After(e.now) && (e.r.Next.IsZero() || t.Before(e.r.Next)) {
		e.r.Next = t
	}
}

func missingMaterials(item v1alpha1.ApprovalItemSpec, submitted []string) []string {
	var names []string
	for _, m := range item.RequiredMaterials {
		names = append(names, m.Name)
	}
	return subtract(names, submitted)
}

// subtract returns the members of all not in some, in all's order.
func subtract(all, some []string) []string {
	in := map[string]bool{}
	for _, s := range some {
		in[s] = true
	}
	var out []string
	for _, a := range all {
		if !in[a] {
			out = append(out, a)
		}
	}
	return out
}

func dedupe(sorted []string) []string {
	var out []string
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func formatTime(t time.Time, cal *calendar.Calendar) string {
	return t.In(cal.Location()).Format("2006-01-02 15:04 MST")
}

func timePtr(t time.Time) *time.Time { return &t }

func metaTime(t time.Time) *metav1.Time { return &metav1.Time{Time: t} }

func plural(items []string, one, many string) string {
	if len(items) == 1 {
		return one + " " + items[0]
	}
	return many + " " + strings.Join(items, ", ")
}

func isAre(items []string) string {
	if len(items) == 1 {
		return "is"
	}
	return "are"
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
