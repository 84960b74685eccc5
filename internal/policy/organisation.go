package policy

import (
	"fmt"
	"strings"
	"time"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
)

// SectionFacts is what the section rules look at.
type SectionFacts struct {
	Name       string
	Department string // the department's display name and name, as Named gives them
	Spec       v1alpha1.ApprovalSectionSpec
}

// People returns everyone who works in the section: its head and its roster.
func (f SectionFacts) People() []v1alpha1.Person {
	return withPerson(append([]v1alpha1.Person(nil), f.Spec.Roster...), f.Spec.Head)
}

func (f SectionFacts) where() string {
	return fmt.Sprintf("section %q of %s", f.Name, f.Department)
}

// SectionFindings applies every section rule, most important first.
func SectionFindings(f SectionFacts, now time.Time, loc *time.Location) []conditions.Finding {
	return Collect(
		SectionHead(f),
		SectionAuthorization(f),
		SectionStaffingPlan(f),
		TemporaryStaff(f.where(), f.People()),
		UncertifiedStaff(f.where(), f.People(), now, loc),
	)
}

// SectionHead: a section has a head.
func SectionHead(f SectionFacts) *conditions.Finding {
	if f.Spec.Head != nil {
		return nil
	}
	return &conditions.Finding{
		Type:    v1alpha1.ConditionHeadMissing,
		Reason:  v1alpha1.ConditionHeadMissing,
		Message: fmt.Sprintf("The %s has no head: name one in spec.head.", f.where()),
	}
}

// SectionAuthorization: the section holds full authority over its department's approvals and
// no other section of the department still approves.
func SectionAuthorization(f SectionFacts) *conditions.Finding {
	a := f.Spec.Authorization
	var problems []string
	if !a.Full {
		problems = append(problems, "the department has not given it full authority over its approvals (record the decision and set spec.authorization.full)")
	}
	if len(a.OtherApprovingSections) > 0 {
		problems = append(problems, fmt.Sprintf("other sections still approve items: %s (move their approvals to this section)",
			strings.Join(a.OtherApprovingSections, ", ")))
	}
	if len(problems) == 0 {
		return nil
	}
	return &conditions.Finding{
		Type:    v1alpha1.ConditionNotFullyAuthorized,
		Reason:  v1alpha1.ConditionNotFullyAuthorized,
		Message: fmt.Sprintf("The %s is not fully authorised: %s.", f.where(), strings.Join(problems, "; ")),
	}
}

// SectionStaffingPlan: the staffing plan counts as approved only after the Center's review
// and then the establishment office's approval. The API server already rejects an approval
// recorded without or before a review; this rule reports the steps still missing.
func SectionStaffingPlan(f SectionFacts) *conditions.Finding {
	plan := f.Spec.StaffingPlan
	var msg string
	switch {
	case plan.CenterReview == nil:
		msg = fmt.Sprintf("The staffing plan (三定) of the %s awaits the Center's review: record spec.staffingPlan.centerReview once the Center has reviewed it.", f.where())
	case plan.EstablishmentOfficeApproval == nil:
		msg = fmt.Sprintf("The staffing plan (三定) of the %s was reviewed by the Center on %s and awaits the establishment office's approval: record spec.staffingPlan.establishmentOfficeApproval.",
			f.where(), plan.CenterReview.Date)
	default:
		return nil
	}
	return &conditions.Finding{Type: v1alpha1.ConditionStaffingPlanPending, Reason: v1alpha1.ConditionStaffingPlanPending, Message: msg}
}

// WindowFacts is what the window rules look at.
type WindowFacts struct {
	Name       string
	Department string // as Named gives it
	Spec       v1alpha1.ServiceWindowSpec
	// Roster is the roster of the window's section, when RosterKnown: a window that names no
	// section, or a section that does not exist yet, has no roster to check against.
	Roster      []v1alpha1.Person
	RosterKnown bool
}

// People returns everyone who works at the window: its head and its staff.
func (f WindowFacts) People() []v1alpha1.Person {
	return withPerson(append([]v1alpha1.Person(nil), f.Spec.Staff...), f.Spec.Head)
}

func (f WindowFacts) where() string {
	return fmt.Sprintf("window %q of %s", f.Name, f.Department)
}

// WindowFindings applies every window rule, most important first.
func WindowFindings(f WindowFacts, now time.Time, loc *time.Location) []conditions.Finding {
	return Collect(
		WindowStaffed(f),
		WindowHead(f),
		WindowSchedule(f),
		WindowRoster(f),
		TemporaryStaff(f.where(), f.People()),
		UncertifiedStaff(f.where(), f.People(), now, loc),
	)
}

// WindowStaffed: somebody works at the window; its head counts.
func WindowStaffed(f WindowFacts) *conditions.Finding {
	if Staffed(f.Spec) {
		return nil
	}
	return &conditions.Finding{
		Type:    v1alpha1.ConditionUnstaffed,
		Reason:  v1alpha1.ConditionUnstaffed,
		Message: fmt.Sprintf("Nobody works at the %s: list its staff in spec.staff.", f.where()),
	}
}

// Staffed tells whether anyone works at a window: its staff or its head.
func Staffed(w v1alpha1.ServiceWindowSpec) bool {
	return len(w.Staff) > 0 || w.Head != nil
}

// WindowHead: a permanent window has a head.
func WindowHead(f WindowFacts) *conditions.Finding {
	if f.Spec.Mode != v1alpha1.WindowPermanent || f.Spec.Head != nil {
		return nil
	}
	return &conditions.Finding{
		Type:    v1alpha1.ConditionHeadMissing,
		Reason:  v1alpha1.ConditionHeadMissing,
		Message: fmt.Sprintf("The permanent %s has no head: name one in spec.head, in principle a reserve cadre of the department.", f.where()),
	}
}

// WindowSchedule: a temporary window says when it is attended.
func WindowSchedule(f WindowFacts) *conditions.Finding {
	if f.Spec.Mode != v1alpha1.WindowTemporary || len(f.Spec.Attendance) > 0 {
		return nil
	}
	return &conditions.Finding{
		Type:    v1alpha1.ConditionScheduleMissing,
		Reason:  v1alpha1.ConditionScheduleMissing,
		Message: fmt.Sprintf("The temporary %s has no attendance schedule: list the days and hours it is staffed in spec.attendance.", f.where()),
	}
}

// WindowRoster: a window with a section is staffed from that section's roster.
func WindowRoster(f WindowFacts) *conditions.Finding {
	if f.Spec.Section == "" || !f.RosterKnown {
		return nil
	}
	onRoster := map[string]bool{}
	for _, p := range f.Roster {
		onRoster[p.Name] = true
	}
	var strangers []string
	for _, p := range f.Spec.Staff {
		if !onRoster[p.Name] {
			strangers = append(strangers, p.Name)
		}
	}
	if len(strangers) == 0 {
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionStaffNotInRoster,
		Reason: v1alpha1.ConditionStaffNotInRoster,
		Message: fmt.Sprintf("Staff of the %s are not on the roster of section %q: %s. Add them to the section's spec.roster or take them off the window.",
			f.where(), f.Spec.Section, strings.Join(strangers, ", ")),
	}
}

// DepartmentFacts is what the department rules look at: the department and what onestop
// found around it.
type DepartmentFacts struct {
	Name string
	Spec v1alpha1.DepartmentSpec
	// Sections are the department's sections.
	Sections []SectionFacts
	// Windows are the department's windows, in every center.
	Windows []WindowFacts
	// Category3Items names the department's active items of category 3.
	Category3Items []string
	// Relocation is the relocation of the department's items.
	Relocation RelocationSummary
}

func (f DepartmentFacts) named() string { return Named(f.Spec.DisplayName, f.Name) }

// People returns everyone the department has in the Center: its chief representative and
// the people of its sections and windows.
func (f DepartmentFacts) People() []v1alpha1.Person {
	people := withPerson(nil, f.Spec.ChiefRepresentative)
	for _, s := range f.Sections {
		people = append(people, s.People()...)
	}
	for _, w := range f.Windows {
		people = append(people, w.People()...)
	}
	return people
}

// withoutSection tells whether the department works in the Center without a section: a
// batch-2 department still waiting to form one, a vertical unit that declined, or a batch-1
// department late with its section. Each needs a chief representative meanwhile.
func (f DepartmentFacts) withoutSection() bool {
	return len(f.Sections) == 0
}

// DepartmentFindings applies every department rule, most important first.
func DepartmentFindings(f DepartmentFacts, now time.Time, loc *time.Location) []conditions.Finding {
	where := "the Center's staff of " + f.named()
	return Collect(
		DepartmentSection(f),
		DepartmentChiefRepresentative(f),
		DepartmentCenterStaffed(f),
		DepartmentVerticalWindowHead(f),
		DepartmentAuthorization(f),
		DepartmentRelocation(f.named(), f.Relocation),
		DepartmentLeaderInCharge(f),
		TemporaryStaff(where, f.People()),
		UncertifiedStaff(where, f.People(), now, loc),
	)
}

// DepartmentSection: a batch-1 department has an approval-service section, unless it is a
// vertical unit that declined to form one.
func DepartmentSection(f DepartmentFacts) *conditions.Finding {
	if f.Spec.Batch != 1 || len(f.Sections) > 0 || f.Spec.DeclinesSection {
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionSectionMissing,
		Reason: v1alpha1.ConditionSectionMissing,
		Message: fmt.Sprintf("%s is in batch 1 but has no approval-service section: create an ApprovalSection with spec.department: %s, dedicated or as an added sign on an existing section (a vertical unit may instead set spec.declinesSection).",
			f.named(), f.Name),
	}
}

// DepartmentChiefRepresentative: a department without a section names a chief representative.
func DepartmentChiefRepresentative(f DepartmentFacts) *conditions.Finding {
	if !f.withoutSection() || f.Spec.ChiefRepresentative != nil {
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionChiefRepresentativeMissing,
		Reason: v1alpha1.ConditionChiefRepresentativeMissing,
		Message: fmt.Sprintf("%s has no approval-service section, so it must send a fully empowered chief representative to the Center: name one in spec.chiefRepresentative.",
			f.named()),
	}
}

// DepartmentCenterStaffed: a department without a section has staff at a window.
func DepartmentCenterStaffed(f DepartmentFacts) *conditions.Finding {
	if !f.withoutSection() {
		return nil
	}
	for _, w := range f.Windows {
		if Staffed(w.Spec) {
			return nil
		}
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionCenterUnstaffed,
		Reason: v1alpha1.ConditionCenterUnstaffed,
		Message: fmt.Sprintf("%s has no approval-service section and nobody at a window in the Center: declare a ServiceWindow with spec.department: %s and its staff.",
			f.named(), f.Name),
	}
}

// DepartmentVerticalWindowHead: a vertical unit without a section heads each window with a
// section-level cadre (股级干部) or higher.
func DepartmentVerticalWindowHead(f DepartmentFacts) *conditions.Finding {
	if f.Spec.Management != v1alpha1.ManagementVertical || len(f.Sections) > 0 {
		return nil
	}
	var bad []string
	for _, w := range f.Windows {
		switch {
		case w.Spec.Head == nil:
			bad = append(bad, fmt.Sprintf("%s (no head)", w.Name))
		case !atLeastSectionLevel(w.Spec.Head.Grade):
			grade := string(w.Spec.Head.Grade)
			if grade == "" {
				grade = "no grade recorded"
			}
			bad = append(bad, fmt.Sprintf("%s (head %s: %s)", w.Name, w.Spec.Head.Name, grade))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionWindowHeadNotCadre,
		Reason: v1alpha1.ConditionWindowHeadNotCadre,
		Message: fmt.Sprintf("%s is a vertical unit without an approval-service section, so a section-level cadre (grade SectionLevel or higher) must head each of its windows: %s.",
			f.named(), strings.Join(bad, ", ")),
	}
}

func atLeastSectionLevel(g v1alpha1.Grade) bool {
	switch g {
	case v1alpha1.GradeSectionLevel, v1alpha1.GradeDivisionLevel, v1alpha1.GradeBureauLevel:
		return true
	}
	return false
}

// DepartmentAuthorization: the department is flagged while any of its sections is not fully
// authorised.
func DepartmentAuthorization(f DepartmentFacts) *conditions.Finding {
	var partial []string
	for _, s := range f.Sections {
		if SectionAuthorization(s) != nil {
			partial = append(partial, s.Name)
		}
	}
	if len(partial) == 0 {
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionNotFullyAuthorized,
		Reason: v1alpha1.ConditionNotFullyAuthorized,
		Message: fmt.Sprintf("%s has not fully authorised its approval-service section, or other sections still approve (see NotFullyAuthorized on ApprovalSection %s).",
			f.named(), strings.Join(partial, ", ")),
	}
}

// DepartmentLeaderInCharge: a department with category 3 items names the leader in charge
// who answers for their deadlines.
func DepartmentLeaderInCharge(f DepartmentFacts) *conditions.Finding {
	if len(f.Category3Items) == 0 || f.Spec.LeaderInCharge != nil {
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionLeaderInChargeMissing,
		Reason: v1alpha1.ConditionLeaderInChargeMissing,
		Message: fmt.Sprintf("%s has category 3 items (%s) but names no leader in charge to ensure they finish on time: name one in spec.leaderInCharge.",
			f.named(), strings.Join(f.Category3Items, ", ")),
	}
}

// CenterFindings applies every center rule, most important first. windows are the names of
// the center's windows, oldest first: the ones past capacity are the latest arrivals.
func CenterFindings(f CenterFacts, windows []string) []conditions.Finding {
	return Collect(CenterParent(f), CenterHostDepartment(f), CenterCapacity(f, windows))
}
